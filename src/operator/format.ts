/**
 * Output formats of `profile dump`, matching istioctl 1.23 byte for byte where it matters:
 * YAML as sigs.k8s.io/yaml writes it (keys sorted, lists not indented under their key, YAML 1.1
 * quoting), JSON as Go's json.MarshalIndent with four spaces (keys sorted, <>& escaped), and
 * "flags": one sorted `path=value` line per leaf, strings %q-quoted, other values as Go's %v.
 * (Go's YAML writer folds plain strings longer than 80 columns; sailctl never folds.)
 */
import { stringify } from 'yaml';
import { isJsonObject, type JsonValue } from './types.js';

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (isJsonObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort(compareBytes)) out[k] = sortDeep(v[k]);
    return out;
  }
  return v;
}

/** Go's sort.Strings order (bytewise UTF-8). */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** YAML the way istioctl prints it; ends with one newline ("{}\n" for an empty map). */
export function toGoYaml(value: unknown): string {
  return stringify(sortDeep(value), {
    version: '1.1',
    indentSeq: false,
    lineWidth: 0,
    minContentWidth: 0,
    doubleQuotedMinMultiLineLength: Infinity,
  });
}

/** Go's json.MarshalIndent(v, "", "    ") with map keys sorted and HTML-safe escaping. */
export function toGoJson(value: unknown): string {
  return JSON.stringify(sortDeep(value), null, 4)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Go's strconv.Quote (%q) for the characters YAML input can carry. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0) as number;
    switch (ch) {
      case '"':
        out += '\\"';
        continue;
      case '\\':
        out += '\\\\';
        continue;
      case '\n':
        out += '\\n';
        continue;
      case '\t':
        out += '\\t';
        continue;
      case '\r':
        out += '\\r';
        continue;
      case '\u0007':
        out += '\\a';
        continue;
      case '\b':
        out += '\\b';
        continue;
      case '\f':
        out += '\\f';
        continue;
      case '\v':
        out += '\\v';
        continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += `\\x${cp.toString(16).padStart(2, '0')}`;
    else if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}\p{Co}\p{Cn}]/u.test(ch) || (cp >= 0x80 && cp <= 0x9f)) {
      out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return out + '"';
}

/** Go's %v for a float64 (strconv 'g', shortest, exponent form outside [1e-4, 1e6)). */
export function goFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Infinity) return '+Inf';
  if (n === -Infinity) return '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const e = n.toExponential(); // shortest round-trip digits
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(e) as RegExpExecArray;
  const exp = Number(m[2] + m[3]);
  if (exp < -4 || exp >= 6) {
    return `${m[1]}e${m[2]}${(m[3] as string).padStart(2, '0')}`;
  }
  return String(n);
}

function goValue(v: JsonValue): string {
  if (v === null) return '<nil>';
  if (typeof v === 'number') return goFloat(v);
  return String(v);
}

function pathComponent(key: string): string {
  return key.includes('.') ? key.replaceAll('.', '\\.') : key;
}

function walk(path: string, separator: string, v: JsonValue, out: string[]): void {
  if (Array.isArray(v)) {
    v.forEach((item, i) => walk(`${path}[${i}]`, '.', item, out));
  } else if (isJsonObject(v)) {
    for (const [k, item] of Object.entries(v)) walk(`${path}${separator}${pathComponent(k)}`, '.', item, out);
  } else if (typeof v === 'string') {
    out.push(`${path}=${goQuote(v)}`);
  } else {
    out.push(`${path}=${goValue(v)}`);
  }
}

/** The "flags" format: sorted `path=value` lines (no trailing newline). */
export function toSetFlags(value: JsonValue): string[] {
  const out: string[] = [];
  walk('', '', value, out);
  return out.sort(compareBytes);
}
