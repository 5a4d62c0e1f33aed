/** sprig v3 string functions (strings.go and the Go stdlib calls sprig maps directly). */
import { sprintf } from './fmt.js';
import { FuncError, mapOf, sliceOf, type GoMap, type GoValue } from './value.js';
import { def, strslice, strval, type FuncTable } from './sprig-util.js';

/** node:crypto, loaded on first use: most renders never hash or draw random numbers. */
const crypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');

const S = 'string';
const I = 'int';
const ANY = 'interface {}';

/** Go string byte length and byte slicing (sprig's trunc/substr are byte based). */
function byteSlice(s: string, start: number, end?: number): string {
  const b = Buffer.from(s, 'utf8');
  return b.subarray(start, end).toString('utf8');
}
function byteLen(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

function goSplit(s: string, sep: string, n = -1): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const chars = Array.from(s);
    if (n > 0 && chars.length > n) return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
    return chars;
  }
  const parts = s.split(sep);
  if (n > 0 && parts.length > n) return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
  return parts;
}

/** strings.Replace(s, old, new, -1), including Go's behaviour for an empty `old`. */
export function goReplaceAll(s: string, old: string, rep: string): string {
  if (old === '') {
    const chars = Array.from(s);
    return rep + chars.map((c) => c + rep).join('');
  }
  return s.split(old).join(rep);
}

/** Unicode White_Space as Go's unicode.IsSpace sees it. */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const TRIM_SPACE = new RegExp(`^[${GO_SPACE}]+|[${GO_SPACE}]+$`, 'gu');
const ANY_SPACE = new RegExp(`[${GO_SPACE}]+`, 'gu');

function isGoSpace(ch: string): boolean {
  return new RegExp(`^[${GO_SPACE}]$`, 'u').test(ch);
}

/** strings.Trim(s, cutset). */
function goTrim(s: string, cutset: string): string {
  if (s === '' || cutset === '') return s;
  const set = new Set(Array.from(cutset));
  const chars = Array.from(s);
  let a = 0;
  let b = chars.length;
  while (a < b && set.has(chars[a]!)) a++;
  while (b > a && set.has(chars[b - 1]!)) b--;
  return chars.slice(a, b).join('');
}

/** strings.Title: upper-case letters that begin words (separators per Go's isSeparator). */
function goTitle(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    out += isSeparator(prev) ? ch.toUpperCase() === ch.toLowerCase() ? ch : toTitleRune(ch) : ch;
    prev = ch;
  }
  return out;
}
function toTitleRune(ch: string): string {
  const u = ch.toUpperCase();
  return Array.from(u).length === 1 ? u : ch;
}
function isSeparator(ch: string): boolean {
  const c = ch.codePointAt(0)!;
  if (c <= 0x7f) {
    if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95) return false;
    return true;
  }
  if (/\p{L}|\p{Nd}/u.test(ch)) return false;
  return isGoSpace(ch);
}

function goUpper(s: string): string {
  return Array.from(s).map((c) => (Array.from(c.toUpperCase()).length === 1 ? c.toUpperCase() : c)).join('');
}
function goLower(s: string): string {
  return Array.from(s).map((c) => (Array.from(c.toLowerCase()).length === 1 ? c.toLowerCase() : c)).join('');
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function randomFrom(chars: string, n: bigint): string {
  let out = '';
  for (let i = 0n; i < n; i++) out += chars[crypto().randomInt(chars.length)];
  return out;
}

export function addStringFuncs(t: FuncTable): void {
  def(t, 'trim', [S], ([s]) => (s as string).replace(TRIM_SPACE, ''));
  def(t, 'upper', [S], ([s]) => goUpper(s as string));
  def(t, 'lower', [S], ([s]) => goLower(s as string));
  def(t, 'title', [S], ([s]) => goTitle(s as string));
  def(t, 'untitle', [S], ([s]) => (s as string).replace(/(^|[\s])(\S)/gu, (_m, a: string, c: string) => a + c.toLowerCase()));
  def(t, 'repeat', [I, S], ([n, s]) => {
    if ((n as bigint) < 0n) throw new FuncError('strings: negative Repeat count');
    return (s as string).repeat(Number(n));
  });
  def(t, 'substr', [I, I, S], ([a, b, s]) => {
    const str = s as string;
    const start = Number(a);
    const end = Number(b);
    const len = byteLen(str);
    const check = (lo: number, hi: number) => {
      if (lo < 0 || hi > len || lo > hi) throw new FuncError(`runtime error: slice bounds out of range [${lo}:${hi}]`);
    };
    if (start < 0) {
      check(0, end);
      return byteSlice(str, 0, end);
    }
    if (end < 0 || end > len) {
      check(start, len);
      return byteSlice(str, start);
    }
    check(start, end);
    return byteSlice(str, start, end);
  });
  def(t, 'trunc', [I, S], ([c, s]) => {
    const n = Number(c);
    const str = s as string;
    const len = byteLen(str);
    if (n < 0 && len + n > 0) return byteSlice(str, len + n);
    if (n >= 0 && len > n) return byteSlice(str, 0, n);
    return str;
  });
  def(t, 'abbrev', [I, S], ([w, s]) => {
    const width = Number(w);
    const str = s as string;
    if (width < 4 || byteLen(str) <= width) return str;
    return byteSlice(str, 0, width - 3) + '...';
  });
  def(t, ['trimAll', 'trimall'], [S, S], ([a, b]) => goTrim(b as string, a as string));
  def(t, 'trimSuffix', [S, S], ([a, b]) => ((b as string).endsWith(a as string) ? (b as string).slice(0, (b as string).length - (a as string).length) : (b as string)));
  def(t, 'trimPrefix', [S, S], ([a, b]) => ((b as string).startsWith(a as string) ? (b as string).slice((a as string).length) : (b as string)));
  def(t, 'nospace', [S], ([s]) => (s as string).replace(ANY_SPACE, ''));
  def(t, 'initials', [S], ([s]) => (s as string).split(ANY_SPACE).filter((w) => w !== '').map((w) => Array.from(w)[0]).join(''));
  def(t, 'swapcase', [S], ([s]) => Array.from(s as string).map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''));
  def(t, 'contains', [S, S], ([a, b]) => (b as string).includes(a as string));
  def(t, 'hasPrefix', [S, S], ([a, b]) => (b as string).startsWith(a as string));
  def(t, 'hasSuffix', [S, S], ([a, b]) => (b as string).endsWith(a as string));
  def(t, 'quote', [], (args) => args.filter((x) => x !== null && x !== undefined).map((x) => sprintf('%q', strval(x))).join(' '), ANY);
  def(t, 'squote', [], (args) => args.filter((x) => x !== null && x !== undefined).map((x) => `'${strval(x)}'`).join(' '), ANY);
  def(t, 'cat', [], (args) => args.filter((x) => x !== null && x !== undefined).map(strval).join(' '), ANY);
  def(t, 'indent', [I, S], ([n, s]) => {
    const pad = spaces(n as bigint);
    return pad + (s as string).split('\n').join('\n' + pad);
  });
  def(t, 'nindent', [I, S], ([n, s]) => {
    const pad = spaces(n as bigint);
    return '\n' + pad + (s as string).split('\n').join('\n' + pad);
  });
  def(t, 'snakecase', [S], ([s]) => joinWords(s as string, '_'));
  def(t, 'kebabcase', [S], ([s]) => joinWords(s as string, '-'));
  def(t, 'camelcase', [S], ([s]) => toCamelCase(s as string));
  def(t, 'shuffle', [S], ([s]) => {
    const chars = Array.from(s as string);
    for (let i = chars.length - 1; i > 0; i--) {
      const j = crypto().randomInt(i + 1);
      [chars[i], chars[j]] = [chars[j]!, chars[i]!];
    }
    return chars.join('');
  });
  def(t, 'replace', [S, S, S], ([o, n, s]) => goReplaceAll(s as string, o as string, n as string));
  def(t, 'plural', [S, S, I], ([one, many, c]) => (c === 1n ? one! : many!));
  def(t, 'toString', [ANY], ([v]) => strval(v!));
  def(t, 'toStrings', [ANY], ([v]) => sliceOf(strslice(v!), 'string'));
  def(t, 'join', [S, ANY], ([sep, v]) => strslice(v!).join(sep as string));
  def(t, 'sortAlpha', [ANY], ([v]) => {
    const list = Array.isArray(v) ? strslice(v) : [strval(v!)];
    return sliceOf(list.sort(compareBytes), 'string');
  });
  def(t, 'split', [S, S], ([sep, s]) => {
    const m: GoMap = new Map();
    goSplit(s as string, sep as string).forEach((p, i) => m.set(`_${i}`, p));
    return mapOf(m, 'string');
  });
  def(t, 'splitn', [S, I, S], ([sep, n, s]) => {
    const m: GoMap = new Map();
    goSplit(s as string, sep as string, Number(n)).forEach((p, i) => m.set(`_${i}`, p));
    return mapOf(m, 'string');
  });
  def(t, 'splitList', [S, S], ([sep, s]) => sliceOf(goSplit(s as string, sep as string), 'string'));
  def(t, 'randAlphaNum', [I], ([n]) => randomFrom(ALNUM, n as bigint));
  def(t, 'randAlpha', [I], ([n]) => randomFrom(ALNUM.slice(0, 52), n as bigint));
  def(t, 'randNumeric', [I], ([n]) => randomFrom('0123456789', n as bigint));
  def(t, 'randAscii', [I], ([n]) => randomFrom(Array.from({ length: 94 }, (_, i) => String.fromCharCode(33 + i)).join(''), n as bigint));
  def(t, 'wrap', [I, S], ([n, s]) => wrap(s as string, Number(n), '\n'));
  def(t, 'wrapWith', [I, S, S], ([n, sep, s]) => wrap(s as string, Number(n), sep as string));
}

/** strings.Repeat(" ", n), which rejects a negative count. */
function spaces(n: bigint): string {
  if (n < 0n) throw new FuncError('strings: negative Repeat count');
  return ' '.repeat(Number(n));
}

const isConnector = (ch: string): boolean => ch === '-' || ch === '_' || isGoSpace(ch);
const isUpper = (ch: string): boolean => ch !== ch.toLowerCase() && ch === ch.toUpperCase();
const isLetterOrDigit = (ch: string): boolean => /[\p{L}\p{Nd}]/u.test(ch);

/**
 * xstrings' ToSnakeCase/ToKebabCase for the shapes charts use: words break at connectors
 * (-, _, spaces), at a lower-to-upper change and before the last capital of an acronym
 * ("HTTPServer" is http_server); digits stay with the word before them; other punctuation is
 * kept as it is, without connectors around it.
 */
function joinWords(s: string, connector: string): string {
  const chars = Array.from(s);
  let out = '';
  let wordOpen = false;
  let pendingBreak = false;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (isConnector(ch)) {
      if (wordOpen) pendingBreak = true;
      continue;
    }
    if (!isLetterOrDigit(ch)) {
      out += ch;
      wordOpen = false;
      pendingBreak = false;
      continue;
    }
    const prev = i > 0 ? chars[i - 1]! : '';
    const next = chars[i + 1] ?? '';
    const startsWord =
      wordOpen &&
      isUpper(ch) &&
      ((prev !== '' && !isUpper(prev) && isLetterOrDigit(prev)) || (isUpper(prev) && next !== '' && !isUpper(next) && /\p{L}/u.test(next)));
    if (wordOpen && (pendingBreak || startsWord)) out += connector;
    out += ch.toLowerCase();
    wordOpen = true;
    pendingBreak = false;
  }
  return out;
}

/**
 * xstrings' ToCamelCase: leading connectors stay, the first letter and every letter after a
 * connector are upper-cased (the connector dropped), everything else lower-cased; runs of
 * connectors keep all but the last.
 */
function toCamelCase(s: string): string {
  const chars = Array.from(s);
  let i = 0;
  let out = '';
  while (i < chars.length && isConnector(chars[i]!)) out += chars[i++]!;
  if (i >= chars.length) return out;
  let r0 = goUpper(chars[i++]!);
  for (; i < chars.length; i++) {
    const r1 = r0;
    r0 = chars[i]!;
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) r0 = goUpper(r0);
    else {
      r0 = goLower(r0);
      out += r1;
    }
  }
  return out + r0;
}

function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** goutils.WrapCustom with wrapLongWords=true: break at the last space within the width. */
function wrap(str: string, width: number, sep: string): string {
  if (width < 1) width = 1;
  const lines: string[] = [];
  for (const line of str.split('\n')) {
    let rest = line;
    while (byteLen(rest) > width) {
      if (rest[0] === ' ') {
        rest = rest.slice(1);
        continue;
      }
      const head = rest.slice(0, width + 1);
      const sp = head.lastIndexOf(' ');
      if (sp > 0) {
        lines.push(rest.slice(0, sp));
        rest = rest.slice(sp + 1);
      } else {
        lines.push(rest.slice(0, width));
        rest = rest.slice(width);
      }
    }
    lines.push(rest);
  }
  return lines.join(sep);
}
