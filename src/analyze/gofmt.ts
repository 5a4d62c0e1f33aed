/**
 * The subset of Go's fmt.Sprintf that Istio's message templates use (%s %v %q %d %%), with Go's
 * formatting of the argument types analyzers pass: strings, integers, slices ("[a b]") and errors.
 */

export type GoArg = string | number | boolean | readonly GoArg[] | Error | null | undefined;

/** Go's %q: a double-quoted string with Go escapes (strconv.Quote). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

function formatV(a: GoArg): string {
  if (a === null || a === undefined) return '<nil>';
  if (a instanceof Error) return a.message;
  if (Array.isArray(a)) return '[' + a.map((x) => formatV(x as GoArg)).join(' ') + ']';
  return String(a);
}

function formatQ(a: GoArg): string {
  if (Array.isArray(a)) return '[' + a.map((x) => formatQ(x as GoArg)).join(' ') + ']';
  if (typeof a === 'number') return `'${String.fromCodePoint(a)}'`;
  return goQuote(formatV(a));
}

export function goSprintf(template: string, args: readonly GoArg[]): string {
  let i = 0;
  let out = '';
  for (let p = 0; p < template.length; p++) {
    const ch = template[p];
    if (ch !== '%') {
      out += ch;
      continue;
    }
    const verb = template[++p];
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (i >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const a = args[i++];
    switch (verb) {
      case 'q':
        out += formatQ(a);
        break;
      case 'd':
        out += typeof a === 'number' ? String(Math.trunc(a)) : `%!d(${typeof a}=${formatV(a)})`;
        break;
      default:
        out += formatV(a);
    }
  }
  if (i < args.length) out += '%!(EXTRA ' + args.slice(i).map((a) => `${typeof a}=${formatV(a)}`).join(', ') + ')';
  return out;
}
