/**
 * YAML the way Helm reads and writes it.
 *
 * Reading (parseGoYaml): sigs.k8s.io/yaml.Unmarshal into interface{} — go-yaml v2 resolves plain
 * scalars with YAML 1.1 rules (yes/on/y are booleans, 0777 is octal, 0b101 binary, timestamps
 * stay strings), the result goes through JSON, so every number becomes a float64, map keys become
 * strings (ints as decimal, floats as FormatFloat(k,'g',-1,32), bools as true/false) and a null
 * key is an error.
 *
 * Writing (marshalGoYaml): sigs.k8s.io/yaml.Marshal — encoding/json first (so only JSON types
 * survive), the JSON is read back by go-yaml v2 (JSON numbers resolve to int, uint or float) and
 * emitted by go-yaml v2's emitter: keys in go-yaml's "natural" order, 2-space indentation,
 * sequences not indented inside mappings, strings that would resolve to something else
 * double-quoted, strings with indicators single-quoted, multi-line strings as literal blocks,
 * lines folded at 80 columns. The emitter below follows libyaml's state machine (as ported to Go)
 * for the subset of events a JSON document produces, because the output must be byte-exact.
 */
import { FAILSAFE_SCHEMA, NOT_RESOLVED, defineScalarTag, loadAll as fastLoadAll, mergeTag } from 'js-yaml';
import { FuncError, GoFloat32, GoInt, GoStruct, fromJS, type GoMap, type GoValue } from './value.js';
import { readBlockYaml, UNSUPPORTED } from './goyaml-block.js';
import { exactParseAll, exactParseFirst } from './goyaml-exact.js';
import { goJsonFloat, goJsonNumber, shortestDecimal, structJsonValue, toJsonData, type JsonData } from './gojson.js';

// ---------------------------------------------------------------------------------------------
// Scalar resolution (go-yaml v2's resolve), shared by reading and by the quoting decision.

export type ResolvedScalar =
  | { tag: 'str'; value: string }
  | { tag: 'bool'; value: boolean }
  | { tag: 'null'; value: null }
  | { tag: 'int'; value: bigint; unsigned: boolean }
  | { tag: 'float'; value: number }
  | { tag: 'timestamp'; value: string }
  | { tag: 'merge'; value: string };

const BOOL_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const BOOL_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const FLOAT_SPECIAL: ReadonlyMap<string, number> = new Map(Object.entries({
  '.nan': NaN, '.NaN': NaN, '.NAN': NaN,
  '.inf': Infinity, '.Inf': Infinity, '.INF': Infinity,
  '+.inf': Infinity, '+.Inf': Infinity, '+.INF': Infinity,
  '-.inf': -Infinity, '-.Inf': -Infinity, '-.INF': -Infinity,
}));
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;
const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** strconv.ParseInt / ParseUint with base 0 (sign only when signed). */
function parseGoInteger(s: string, signed: boolean): bigint | undefined {
  let i = 0;
  let neg = false;
  if (signed && (s[0] === '+' || s[0] === '-')) {
    neg = s[0] === '-';
    i = 1;
  }
  let body = s.slice(i);
  let radix = 10;
  if (/^0[xX]/.test(body)) { radix = 16; body = body.slice(2); }
  else if (/^0[bB]/.test(body)) { radix = 2; body = body.slice(2); }
  else if (/^0[oO]/.test(body)) { radix = 8; body = body.slice(2); }
  else if (body.length > 1 && body[0] === '0') { radix = 8; body = body.slice(1); }
  if (body === '') return undefined;
  const digits = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 2 ? /^[01]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!digits.test(body)) return undefined;
  let v = 0n;
  const r = BigInt(radix);
  for (const ch of body) v = v * r + BigInt(parseInt(ch, radix));
  if (neg) v = -v;
  if (signed ? v < INT64_MIN || v > INT64_MAX : v > UINT64_MAX) return undefined;
  return v;
}

function daysIn(month: number, year: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

const TS_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const TS_FULL = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})| (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?)$/;

/** go-yaml v2's parseTimestamp: the four time.Parse layouts it tries. */
function isTimestamp(s: string): boolean {
  const m = TS_DATE.exec(s) ?? TS_FULL.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysIn(month, year)) return false;
  const h = m[4] ?? m[7];
  const mi = m[5] ?? m[8];
  const se = m[6] ?? m[9];
  if (h !== undefined && (Number(h) > 23 || Number(mi) > 59 || Number(se) > 59)) return false;
  return true;
}

/** First characters that may start something other than a string (go-yaml's resolve table). */
const MAYBE_NOT_STRING = new Uint8Array(128);
for (const ch of '0123456789+-yYnNtTfFoO~.') MAYBE_NOT_STRING[ch.charCodeAt(0)] = 1;

/** Whether go-yaml resolves this plain scalar as a string without looking further. */
function surelyString(s: string): boolean {
  if (s === '') return false;
  const c = s.charCodeAt(0);
  if (c >= 128 || MAYBE_NOT_STRING[c] === 0) return true;
  // a letter starts only the boolean and null words
  if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return s.length > 5 || !(BOOL_TRUE.has(s) || BOOL_FALSE.has(s) || NULLS.has(s));
  return false;
}

/**
 * Characters of a digit- or sign-led scalar after which only a string remains possible: anything
 * outside the digits, signs, '.', '_', ':' and the letters of radix prefixes, hex digits,
 * exponents and timestamps (T, t, Z, space).
 */
const NUMERIC_OR_TIME = new Uint8Array(128);
for (const ch of '0123456789+-._:xXoObBaAbBcCdDeEfFtTzZ ') NUMERIC_OR_TIME[ch.charCodeAt(0)] = 1;

function surelyNotNumberOrTime(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || NUMERIC_OR_TIME[c] === 0) return true;
  }
  return false;
}

/** A decimal integer of at most 15 digits without leading zeros (exactly a Number). */
function smallDecimal(s: string): boolean {
  let i = s.charCodeAt(0) === 0x2d || s.charCodeAt(0) === 0x2b ? 1 : 0;
  const digits = s.length - i;
  if (digits === 0 || digits > 15 || (digits > 1 && s.charCodeAt(i) === 0x30)) return false;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

export function resolveScalar(s: string): ResolvedScalar {
  if (surelyString(s)) return { tag: 'str', value: s };
  const c = s.charCodeAt(0);
  const first = s === '' ? 'N' : s[0]!;
  const hint = s === '' ? 'N' : (c >= 48 && c <= 57) ? 'D' : (first === '+' || first === '-') ? 'S' : 'yYnNtTfFoO~'.includes(first) ? 'M' : first === '.' ? '.' : '';
  if (hint === '') return { tag: 'str', value: s };
  if (BOOL_TRUE.has(s)) return { tag: 'bool', value: true };
  if (BOOL_FALSE.has(s)) return { tag: 'bool', value: false };
  if (NULLS.has(s)) return { tag: 'null', value: null };
  const special = FLOAT_SPECIAL.get(s);
  if (special !== undefined) return { tag: 'float', value: special };
  if (s === '<<') return { tag: 'merge', value: s };
  if (hint === '.') {
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s)) return { tag: 'float', value: Number(s) };
    return { tag: 'str', value: s };
  }
  if (hint === 'D' || hint === 'S') {
    if (smallDecimal(s)) return { tag: 'int', value: BigInt(s), unsigned: false };
    if (surelyNotNumberOrTime(s)) return { tag: 'str', value: s };
    if (s.length >= 8 && s[4] === '-' && isTimestamp(s)) return { tag: 'timestamp', value: s };
    const plain = s.replaceAll('_', '');
    const i = parseGoInteger(plain, true);
    if (i !== undefined) return { tag: 'int', value: i, unsigned: false };
    const u = parseGoInteger(plain, false);
    if (u !== undefined) return { tag: 'int', value: u, unsigned: true };
    if (YAML_STYLE_FLOAT.test(plain)) {
      const f = Number(plain);
      if (Number.isFinite(f)) return { tag: 'float', value: f };
    }
    if (plain.startsWith('-0b')) {
      const v = parseGoInteger('-' + plain.slice(1), true);
      if (v !== undefined) return { tag: 'int', value: v, unsigned: false };
    }
  }
  return { tag: 'str', value: s };
}

/** Whether go-yaml v2 may write this string unquoted without it reading back as another type. */
function stringCanBePlain(s: string): boolean {
  if (surelyString(s)) return true; // and no base-60 float, which starts with a sign or digit
  return resolveScalar(s).tag === 'str' && !(s.includes(':') && BASE60_FLOAT.test(s));
}

// ---------------------------------------------------------------------------------------------
// Float formatting as strconv.FormatFloat(f, 'g', -1, 64|32).

export function formatFloatG(f: number, bits: 32 | 64 = 64): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const { digits, exp, neg } = shortestDecimal(f, bits);
  const sign = neg ? '-' : '';
  // Shortest 'g' switches to %e when the exponent is < -4 or >= 6 (strconv forces eprec = 6).
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${e < 10 ? '0' + e : e}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

// ---------------------------------------------------------------------------------------------
// Reading.

export interface GoYamlParseOptions {
  /** File name for error messages. */
  file?: string;
}

/** A YAML syntax or conversion error, with the 1-based line where known. */
export class GoYamlError extends Error {
  constructor(
    message: string,
    readonly line: number | undefined,
  ) {
    super(message);
    this.name = 'GoYamlError';
  }
}

/**
 * go-yaml v2's error text: scanner errors print the 0-based mark line plus one, parser errors
 * the 0-based line as it is, and either prints no line at all when that line is 0. The
 * error's `line` stays the real 1-based line, for file:line reports.
 */
export function goYamlLocated(message: string, line0: number, scanner: boolean, realLine = line0 + 1): GoYamlError {
  const shown = scanner ? line0 + 1 : line0;
  return new GoYamlError(line0 === 0 ? message : `line ${shown}: ${message}`, realLine);
}

/** A directive line go-yaml's scanner rejects: no name after %, or a name other than YAML/TAG. */
function directiveError(text: string): GoYamlError | undefined {
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.startsWith('#') || l.trim() === '') continue;
    if (!l.startsWith('%')) return undefined;
    const name = /^%([0-9A-Za-z_-]*)/.exec(l)![1]!;
    if (name === '') return goYamlLocated('could not find expected directive name', i, true);
    if (name !== 'YAML' && name !== 'TAG') return goYamlLocated('found unknown directive name', i, true);
    return undefined;
  }
  return undefined;
}

function checkDirectives(text: string): void {
  const directive = text.startsWith('%') || text.includes('\n%') ? directiveError(text) : undefined;
  if (directive) throw directive;
}

/**
 * The fast path: js-yaml with go-yaml v2's plain-scalar resolution (it is several times faster
 * than the `yaml` package on the large CRD files charts read through fromYaml). Anything it
 * rejects or cannot express exactly (explicit tags, non-finite floats, deep nesting, odd keys)
 * throws, and the caller falls back to the exact path below, which also gives the error line.
 */
class FastPathUnsupported extends Error {}

const GO_SCALARS = defineScalarTag('tag:yaml.org,2002:sailctl-go-yaml-v2', {
  implicit: true,
  identify: () => false,
  resolve(source: string): unknown {
    if (surelyString(source)) return NOT_RESOLVED;
    const r = resolveScalar(source);
    switch (r.tag) {
      case 'null':
      case 'bool':
        return r.value;
      case 'int':
        return Number(r.value);
      case 'float':
        if (!Number.isFinite(r.value)) throw new FastPathUnsupported('non-finite float');
        return r.value;
      default:
        return NOT_RESOLVED;
    }
  },
});
const FAST_SCHEMA = FAILSAFE_SCHEMA.withTags(mergeTag, GO_SCALARS);
const MAX_FAST_NODES = 5_000_000;

function fromFast(x: unknown, budget: { n: number }): GoValue {
  if (--budget.n < 0) throw new FastPathUnsupported('too many nodes');
  if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return x;
  if (Array.isArray(x)) return x.map((v) => fromFast(v, budget));
  if (typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
    const m: GoMap = new Map();
    for (const k of Object.keys(x)) {
      if (!surelyStringKey(k)) throw new FastPathUnsupported('non-string key');
      m.set(k, fromFast((x as Record<string, unknown>)[k], budget));
    }
    return m;
  }
  throw new FastPathUnsupported('unsupported value');
}

function fastParseAll(text: string): GoValue[] | undefined {
  try {
    const docs = fastLoadAll(text, { schema: FAST_SCHEMA, maxDepth: 1000 });
    const budget = { n: MAX_FAST_NODES };
    return docs.map((d) => fromFast(d === undefined ? null : d, budget));
  } catch {
    return undefined;
  }
}

/** The first document with every scalar left a string (for reading a manifest's head quickly);
 * undefined when the fast reader rejects the text (the caller should use parseGoYaml). */
export function parseYamlStringsOnly(text: string): unknown {
  try {
    return fastLoadAll(text, { schema: STRINGS_SCHEMA, maxDepth: 1000 })[0] ?? null;
  } catch {
    return undefined;
  }
}
const STRINGS_SCHEMA = FAILSAFE_SCHEMA.withTags(mergeTag);

/**
 * sigs.k8s.io/yaml.Unmarshal into interface{}: the first document only; an empty document is nil.
 * Throws GoYamlError (with a line) for syntax errors and unconvertible values.
 */
export function parseGoYaml(text: string, opts: { duplicateKeys?: 'error' | 'last-wins' } = {}): GoValue {
  checkDirectives(text);
  // js-yaml refuses repeated keys, so such documents always take the exact path below
  const fast = fastParseAll(text);
  if (fast !== undefined) return fast[0] ?? null;
  return exactParseFirst(text, opts.duplicateKeys === 'last-wins');
}

/**
 * parseGoYaml's result as plain data (maps as objects, a `__proto__` key an ordinary own
 * property): js-yaml's own objects are checked and kept, not converted, when the fast reader
 * takes the text. Texts with anchors take the converting path, so no object is shared.
 */
export function parseGoYamlPlain(text: string, opts: { duplicateKeys?: 'error' | 'last-wins' } = {}): unknown {
  checkDirectives(text);
  const block = readBlockYaml(text, resolvePlainScalar);
  if (block !== UNSUPPORTED) return block;
  if (!text.includes('&')) {
    let docs: unknown[] | undefined;
    try {
      docs = fastLoadAll(text, { schema: FAST_SCHEMA, maxDepth: 1000 });
    } catch {
      docs = undefined;
    }
    if (docs !== undefined) {
      const first = docs[0] === undefined ? null : docs[0];
      if (docs.every((d) => plainFastData(d === undefined ? null : d, { n: MAX_FAST_NODES }))) return first;
    }
  }
  return goValueToPlain(parseGoYaml(text, opts));
}

/**
 * Whether a key a fast reader produced surely was a string in the YAML. Keys that may have been
 * numbers, null, ... ("1", "-1", ".5", "null") need sigs.k8s.io/yaml's conversion rules, which
 * only the exact reader applies.
 */
export function surelyStringKey(k: string): boolean {
  if (k === 'null' || k === 'undefined') return false;
  const c = k.charCodeAt(0);
  return !(c === 0x2d || c === 0x2b || c === 0x2e || (c >= 0x30 && c <= 0x39));
}

/** A plain scalar as the fast reader's GO_SCALARS resolves it (UNSUPPORTED where that reader gives up). */
export function resolvePlainScalar(text: string): unknown {
  if (surelyString(text)) return text;
  const r = resolveScalar(text);
  switch (r.tag) {
    case 'null':
    case 'bool':
      return r.value;
    case 'int':
      return Number(r.value);
    case 'float':
      return Number.isFinite(r.value) ? r.value : UNSUPPORTED;
    case 'merge':
      return UNSUPPORTED;
    default:
      return text;
  }
}

/** Whether js-yaml's value is what fromFast accepts (then it is already the plain form). */
function plainFastData(x: unknown, budget: { n: number }): boolean {
  if (--budget.n < 0) return false;
  if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return true;
  if (Array.isArray(x)) {
    for (let i = 0; i < x.length; i++) if (!plainFastData(x[i], budget)) return false;
    return true;
  }
  if (typeof x === 'object' && Object.getPrototypeOf(x) === Object.prototype) {
    const o = x as Record<string, unknown>;
    for (const k of Object.keys(o)) {
      if (!surelyStringKey(k)) return false;
      if (!plainFastData(o[k], budget)) return false;
    }
    return true;
  }
  return false;
}

function goValueToPlain(v: GoValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) {
      if (k === '__proto__') Object.defineProperty(o, k, { value: goValueToPlain(x), enumerable: true, writable: true, configurable: true });
      else o[k] = goValueToPlain(x);
    }
    return o;
  }
  if (Array.isArray(v)) return v.map(goValueToPlain);
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof GoInt) return Number(v.value);
  return v;
}

/** Every document of a stream, each converted like parseGoYaml (empty documents are nil). */
export function parseGoYamlAll(text: string): GoValue[] {
  checkDirectives(text);
  const fast = fastParseAll(text);
  if (fast !== undefined) return fast;
  return exactParseAll(text);
}

// ---------------------------------------------------------------------------------------------
// Writing: JSON data -> go-yaml v2 events -> libyaml emitter.

type YNode =
  | { kind: 'scalar'; text: string; style: 'plain' | 'double' | 'literal' }
  | { kind: 'map'; entries: Array<[YNode, YNode]> }
  | { kind: 'seq'; items: YNode[] };

/**
 * encoding/json leaves U+0085 raw, and go-yaml reads a raw NEL inside the quoted JSON string as a
 * line break, folding it like any flow-scalar break: surrounding spaces dropped, one break
 * becomes a space, n breaks become n-1 newlines.
 */
function foldNel(s: string): string {
  if (!s.includes('\u0085')) return s;
  return s.replace(/ *\u0085[ \u0085]*/g, (m) => {
    const n = [...m].filter((c) => c === '\u0085').length;
    return n === 1 ? ' ' : '\n'.repeat(n - 1);
  });
}

function stringNode(raw: string): YNode {
  const s = foldNel(raw);
  if (s.includes('\n')) return { kind: 'scalar', text: s, style: 'literal' };
  return { kind: 'scalar', text: s, style: stringCanBePlain(s) ? 'plain' : 'double' };
}

/** A JSON number as go-yaml v2 reads it back and prints it. */
function numberNode(jsonText: string): YNode {
  const r = resolveScalar(jsonText);
  if (r.tag === 'int') return { kind: 'scalar', text: r.value.toString(), style: 'plain' };
  if (r.tag === 'float') {
    const s = formatFloatG(r.value);
    return { kind: 'scalar', text: s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s, style: 'plain' };
  }
  return { kind: 'scalar', text: jsonText, style: 'plain' };
}

function toYNode(d: JsonData): YNode {
  if (d === null) return { kind: 'scalar', text: 'null', style: 'plain' };
  if (typeof d === 'boolean') return { kind: 'scalar', text: d ? 'true' : 'false', style: 'plain' };
  if (typeof d === 'string') return stringNode(d);
  if (Array.isArray(d)) return { kind: 'seq', items: d.map(toYNode) };
  if (d instanceof Map) {
    const keys = [...d.keys()].sort(compareYamlKeys);
    return { kind: 'map', entries: keys.map((k) => [stringNode(k), toYNode(d.get(k)!)]) };
  }
  return numberNode(d.num);
}

function isLetter(ch: string): boolean {
  return /\p{L}/u.test(ch);
}
function isDigit(ch: string): boolean {
  return /\p{Nd}/u.test(ch);
}

/** go-yaml v2's keyList.Less for string keys: letters before others, digit runs numerically. */
export function compareYamlKeys(a: string, b: string): number {
  if (a === b) return 0;
  const fast = asciiKeyLess(a, b);
  if (fast !== undefined) return fast ? -1 : asciiKeyLess(b, a) ? 1 : 0;
  return yamlKeyLess(a, b) ? -1 : yamlKeyLess(b, a) ? 1 : 0;
}

function isAsciiLetterCode(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}
function isAsciiDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * yamlKeyLess for keys that are ASCII where it matters (where ASCII, \p{L} is A-Za-z and \p{Nd}
 * is 0-9); undefined when a non-ASCII character or a long digit run needs the general version.
 */
function asciiKeyLess(a: string, b: string): boolean | undefined {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) {
      if (x > 0x7f) return undefined;
      continue;
    }
    if (x > 0x7f || y > 0x7f) return undefined;
    const al = isAsciiLetterCode(x);
    const bl = isAsciiLetterCode(y);
    if (al && bl) return x < y;
    if (al || bl) return bl;
    let an = 0;
    let bn = 0;
    if (x === 48 || y === 48) {
      for (let j = i - 1; j >= 0 && isAsciiDigitCode(a.charCodeAt(j)); j--) {
        if (a.charCodeAt(j) !== 48) {
          an = 1;
          bn = 1;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < a.length; ai++) {
      const c = a.charCodeAt(ai);
      if (c > 0x7f) return undefined;
      if (!isAsciiDigitCode(c)) break;
      an = an * 10 + (c - 48);
    }
    let bi = i;
    for (; bi < b.length; bi++) {
      const c = b.charCodeAt(bi);
      if (c > 0x7f) return undefined;
      if (!isAsciiDigitCode(c)) break;
      bn = bn * 10 + (c - 48);
    }
    // beyond 2^53 the run needs int64 arithmetic (and its wrap-around)
    if (an > Number.MAX_SAFE_INTEGER / 10 || bn > Number.MAX_SAFE_INTEGER / 10) return undefined;
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x < y;
  }
  for (let i = n; i < a.length; i++) if (a.charCodeAt(i) > 0x7f) return undefined;
  for (let i = n; i < b.length; i++) if (b.charCodeAt(i) > 0x7f) return undefined;
  return a.length < b.length;
}

/** Keys in go-yaml's order; keys of letters only compare as plain strings, the common case. */
function sortYamlKeys(keys: string[]): string[] {
  let lettersOnly = true;
  for (let k = 0; k < keys.length && lettersOnly; k++) lettersOnly = isLettersOnly(keys[k]!);
  return lettersOnly ? keys.sort() : keys.sort(compareYamlKeys);
}

/** Keys repeat from document to document, so their classification is remembered (boundedly). */
const lettersOnlyCache = new Map<string, boolean>();

function isLettersOnly(key: string): boolean {
  let r = lettersOnlyCache.get(key);
  if (r !== undefined) return r;
  r = true;
  for (let i = 0; i < key.length; i++) {
    if (!isAsciiLetterCode(key.charCodeAt(i))) {
      r = false;
      break;
    }
  }
  if (lettersOnlyCache.size >= 20_000) lettersOnlyCache.clear();
  lettersOnlyCache.set(key, r);
  return r;
}

const SPACES: string[] = [];
function spaces(n: number): string {
  return (SPACES[n] ??= ' '.repeat(n));
}

function yamlKeyLess(as: string, bs: string): boolean {
  const ar = Array.from(as);
  const br = Array.from(bs);
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const x = ar[i]!;
    const y = br[i]!;
    if (x === y) continue;
    const al = isLetter(x);
    const bl = isLetter(y);
    if (al && bl) return x.codePointAt(0)! < y.codePointAt(0)!;
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (x === '0' || y === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j]!); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai]!); ai++) an = BigInt.asIntN(64, an * 10n + BigInt(ar[ai]!.codePointAt(0)! - 48));
    let bi = i;
    for (; bi < br.length && isDigit(br[bi]!); bi++) bn = BigInt.asIntN(64, bn * 10n + BigInt(br[bi]!.codePointAt(0)! - 48));
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return x.codePointAt(0)! < y.codePointAt(0)!;
  }
  return ar.length < br.length;
}

const BEST_INDENT = 2;
/** Text whose libyaml analysis is trivially "plain allowed, single line" (see Emitter.scalar). */
const SIMPLE_TEXT = /^[A-Za-z0-9_/][\x21-\x7e]*$/;
const BEST_WIDTH = 80;

function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || (cp >= 0xa0 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff);
}
function isBreakCp(cp: number | undefined): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

/** # , [ ] { } & * ! | > ' " % @ ` */
function isLeadingIndicator(c: number): boolean {
  switch (c) {
    case 0x23: case 0x2c: case 0x5b: case 0x5d: case 0x7b: case 0x7d: case 0x26: case 0x2a:
    case 0x21: case 0x7c: case 0x3e: case 0x27: case 0x22: case 0x25: case 0x40: case 0x60:
      return true;
  }
  return false;
}

const SCAN_SIMPLE = 1;
const SCAN_NEWLINE = 2;
const SCAN_BREAK = 4;
const SCAN_NEL = 8;
const SCAN_UNREADABLE = 16;

/**
 * One pass over a string for the emitter's decisions: SIMPLE_TEXT, a "\n" (literal style), any
 * line break (a multi-line key), U+0085 (foldNel) and characters go-yaml cannot read back.
 */
function scanString(s: string): number {
  const n = s.length;
  if (n === 0) return 0;
  const f = s.charCodeAt(0);
  let simple = (f >= 0x61 && f <= 0x7a) || (f >= 0x41 && f <= 0x5a) || (f >= 0x30 && f <= 0x39) || f === 0x5f || f === 0x2f;
  let flags = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x21 && c <= 0x7e) continue;
    simple = false;
    if (c === 0x0a) flags |= SCAN_NEWLINE | SCAN_BREAK;
    else if (c === 0x0d || c === 0x2028 || c === 0x2029) flags |= SCAN_BREAK;
    else if (c === 0x85) flags |= SCAN_NEL | SCAN_BREAK;
    else if ((c >= 0x7f && c <= 0x9f) || c === 0xfffe || c === 0xffff) flags |= SCAN_UNREADABLE;
  }
  return simple ? flags | SCAN_SIMPLE : flags;
}

/** Thrown by the direct emitter where only the general path gives Go's exact result or error. */
class MarshalFallback extends Error {}

// deeper data takes the general path (whose recursion is the one that always did this)
const MAX_EMIT_DEPTH = 1_000;

/** A float64 as encoding/json writes it and go-yaml reads it back and prints it. */
function floatNumberText(f: number): YNode {
  if (Number.isSafeInteger(f)) return { kind: 'scalar', text: String(f), style: 'plain' };
  if (!Number.isFinite(f)) throw new MarshalFallback();
  return numberNode(goJsonFloat(f));
}

interface ScalarAnalysis {
  multiline: boolean;
  flowPlainAllowed: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

// The character classes of libyaml's analysis, over UTF-16 text in which a surrogate can only be
// half of a pair (see wellFormed): such a code point is above U+FFFD, not printable, as is a half.
const LINE_BREAK = /[\n\r\x85\u2028\u2029]/;
const LINE_BREAK_G = /[\n\r\x85\u2028\u2029]/g;
const NOT_PRINTABLE = /[^\n\x20-\x7e\xa0-\ud7ff\ue000-\ufffd]|\ufeff/;
const FLOW_INDICATOR_G = /[,?[\]{}:]/g;
const COLON_BEFORE_BLANK_G = /:(?:[ \t\n\r\x85\u2028\u2029]|$)/g;
const COMMENT_AFTER_BLANK = /[ \t\n\r\x85\u2028\u2029]#/;
const BREAK_THEN_SPACE = /[\n\r\x85\u2028\u2029] /;
const SPACE_THEN_BREAK = / [\n\r\x85\u2028\u2029]/;

/** The text as go-yaml sees it: encoding/json has written U+FFFD for every lone surrogate. */
function wellFormed(s: string): string {
  return (s as unknown as { isWellFormed(): boolean }).isWellFormed() ? s : (s as unknown as { toWellFormed(): string }).toWellFormed();
}

function isBreakCode(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}

/** Whether text[i] is the end or a blank or break (libyaml's IS_BLANKZ at i). */
function blankOrEndAt(text: string, i: number): boolean {
  if (i >= text.length) return true;
  const c = text.charCodeAt(i);
  return c === 0x20 || c === 0x09 || isBreakCode(c);
}

/**
 * libyaml's yaml_emitter_analyze_scalar over well-formed text (see wellFormed). Each of its
 * per-character flags is one regular-expression search, so long values (the injection templates)
 * cost a native scan instead of a loop over an array of code points.
 */
function analyzeScalar(text: string): ScalarAnalysis {
  const n = text.length;
  if (n === 0) {
    return { multiline: false, flowPlainAllowed: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  }
  let blockIndicators = false;
  let flowIndicators = false;
  if (text.startsWith('---') || text.startsWith('...')) {
    blockIndicators = true;
    flowIndicators = true;
  }
  const first = text.charCodeAt(0);
  if (isLeadingIndicator(first)) {
    flowIndicators = true;
    blockIndicators = true;
  } else if (first === 0x3f || first === 0x3a) {
    flowIndicators = true;
    if (blankOrEndAt(text, 1)) blockIndicators = true;
  } else if (first === 0x2d && blankOrEndAt(text, 1)) {
    flowIndicators = true;
    blockIndicators = true;
  }
  // After the first character: , ? [ ] { } and : are flow indicators, ": " a block one, " #" both.
  FLOW_INDICATOR_G.lastIndex = 1;
  if (FLOW_INDICATOR_G.test(text)) flowIndicators = true;
  COLON_BEFORE_BLANK_G.lastIndex = 1;
  if (COLON_BEFORE_BLANK_G.test(text)) blockIndicators = true;
  if (COMMENT_AFTER_BLANK.test(text)) {
    flowIndicators = true;
    blockIndicators = true;
  }
  const special = NOT_PRINTABLE.test(text);
  const lineBreaks = LINE_BREAK.test(text);
  const last = text.charCodeAt(n - 1);
  const leadingSpace = first === 0x20;
  const leadingBreak = isBreakCode(first);
  const trailingSpace = last === 0x20;
  const trailingBreak = isBreakCode(last);
  const breakSpace = lineBreaks && BREAK_THEN_SPACE.test(text);
  const spaceBreak = lineBreaks && SPACE_THEN_BREAK.test(text);

  const a: ScalarAnalysis = { multiline: lineBreaks, flowPlainAllowed: true, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (trailingSpace) a.blockAllowed = false;
  if (breakSpace) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
  }
  if (spaceBreak || special) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
    a.singleQuotedAllowed = false;
    a.blockAllowed = false;
  }
  if (lineBreaks) {
    a.flowPlainAllowed = false;
    a.blockPlainAllowed = false;
  }
  if (flowIndicators) a.flowPlainAllowed = false;
  if (blockIndicators) a.blockPlainAllowed = false;
  return a;
}

/** The emitter: a transcription of libyaml's block-context state for JSON-shaped documents. */
class Emitter {
  /** go-yaml v3's encoder indents block sequences inside mappings; v2 (libyaml) does not. */
  constructor(
    private readonly indentSequences = false,
    /** Whether plain objects are maps (plain data) or not expected (Go values). */
    private readonly plainObjects = false,
  ) {}
  private out = '';
  private column = 0;
  private indent = -1;
  private readonly indents: number[] = [];
  private whitespace = true;
  private indention = true;
  private flowLevel = 0;
  private mappingContext = false;
  private simpleKeyContext = false;

  result(): string {
    // The text grew piece by piece into a rope; reading a character makes V8 flatten it into one
    // string now, so a caller that keeps many documents (kube-inject collects its output) holds
    // the characters alone rather than ten times their size in rope nodes.
    this.out.charCodeAt(0);
    return this.out;
  }

  private put(s: string): void {
    this.out += s;
    this.column += s.length;
  }
  private putBreak(): void {
    this.out += '\n';
    this.column = 0;
  }
  private writeCp(cp: number): void {
    this.out += cp < 0x10000 ? String.fromCharCode(cp) : String.fromCodePoint(cp);
    this.column++;
  }
  private writeBreakCp(cp: number): void {
    if (cp === 0x0a) this.putBreak();
    else {
      this.out += String.fromCharCode(cp);
      this.column = 0;
    }
  }

  private increaseIndent(flow: boolean, indentless: boolean): void {
    this.indents.push(this.indent);
    if (this.indent < 0) this.indent = flow ? BEST_INDENT : 0;
    else if (!indentless) this.indent += BEST_INDENT;
  }
  private popIndent(): void {
    this.indent = this.indents.pop()!;
  }

  writeIndent(): void {
    const indent = this.indent < 0 ? 0 : this.indent;
    if (!this.indention || this.column > indent || (this.column === indent && !this.whitespace)) this.putBreak();
    if (this.column < indent) this.put(spaces(indent - this.column));
    this.whitespace = true;
    this.indention = true;
  }

  private writeIndicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
    if (needWhitespace && !this.whitespace) this.put(' ');
    this.put(ind);
    this.whitespace = isWhitespace;
    this.indention = this.indention && isIndention;
  }

  emitDocument(node: YNode): void {
    this.node(node, false, false);
    this.indent = -1;
    this.writeIndent();
  }

  /** Emits plain JSON-like data or Go values directly, without building a node tree. */
  emitValueDocument(v: unknown): void {
    this.value(v, false, false, 0);
    this.indent = -1;
    this.writeIndent();
  }

  private value(v: unknown, mapping: boolean, simpleKey: boolean, depth: number): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    if (v === null || v === undefined) return this.scalarText('null', 'plain', true);
    switch (typeof v) {
      case 'string':
        return this.stringScalar(v);
      case 'boolean':
        return this.scalarText(v ? 'true' : 'false', 'plain', true);
      case 'number':
        return this.numberScalar(floatNumberText(v));
      case 'bigint':
        return this.numberScalar(numberNode(v.toString()));
      case 'object':
        break;
      default:
        throw new MarshalFallback();
    }
    if (depth >= MAX_EMIT_DEPTH) throw new MarshalFallback();
    if (Array.isArray(v)) {
      if (v.length === 0) return this.emptyFlow('[', ']');
      this.increaseIndent(false, !this.indentSequences && this.mappingContext && !this.indention);
      for (let i = 0; i < v.length; i++) {
        this.writeIndent();
        this.writeIndicator('-', true, false, true);
        this.value(v[i], false, false, depth + 1);
      }
      this.popIndent();
      return;
    }
    if (v instanceof Map) {
      const m = v as Map<unknown, unknown>;
      const keys: string[] = [];
      for (const k of m.keys()) {
        if (typeof k !== 'string') throw new MarshalFallback();
        keys.push(k);
      }
      return this.mapping(keys, (k) => m.get(k), depth);
    }
    if (v instanceof GoInt || v instanceof GoFloat32) return this.numberScalar(numberNode(goJsonNumber(v)));
    if (v instanceof GoStruct) return this.value(structJsonValue(v), mapping, simpleKey, depth + 1);
    const proto = Object.getPrototypeOf(v) as unknown;
    if (!this.plainObjects || (proto !== Object.prototype && proto !== null)) throw new MarshalFallback();
    const o = v as Record<string, unknown>;
    return this.mapping(Object.keys(o), (k) => o[k], depth);
  }

  private numberScalar(node: YNode): void {
    if (node.kind === 'scalar') this.scalarText(node.text, 'plain', undefined);
  }

  private mapping(keys: string[], get: (k: string) => unknown, depth: number): void {
    if (keys.length === 0) return this.emptyFlow('{', '}');
    sortYamlKeys(keys);
    this.increaseIndent(false, false);
    for (const k of keys) {
      this.writeIndent();
      const scan = scanString(k);
      if (scan & SCAN_UNREADABLE) throw new MarshalFallback();
      const key = scan & SCAN_NEL ? foldNel(k) : k;
      const keyScan = scan & SCAN_NEL ? scanString(key) : scan;
      const simpleKey = keyScan & SCAN_SIMPLE ? key.length <= 128 : !(keyScan & SCAN_BREAK) && Buffer.byteLength(key, 'utf8') <= 128;
      if (simpleKey) {
        this.mappingContext = true;
        this.simpleKeyContext = true;
        this.stringScalarScanned(key, keyScan);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.mappingContext = true;
        this.simpleKeyContext = false;
        this.stringScalarScanned(key, keyScan);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.value(get(k), true, false, depth + 1);
    }
    this.popIndent();
  }

  /** A string as stringNode styles it. */
  private stringScalar(raw: string): void {
    const scan = scanString(raw);
    if (scan & SCAN_UNREADABLE) throw new MarshalFallback();
    if (scan & SCAN_NEL) {
      const s = foldNel(raw);
      return this.stringScalarScanned(s, scanString(s));
    }
    this.stringScalarScanned(raw, scan);
  }

  private stringScalarScanned(s: string, scan: number): void {
    if (scan & SCAN_NEWLINE) return this.scalarText(s, 'literal', false);
    const simple = (scan & SCAN_SIMPLE) !== 0;
    this.scalarText(s, stringCanBePlain(s) ? 'plain' : 'double', simple);
  }

  private node(node: YNode, mapping: boolean, simpleKey: boolean): void {
    this.mappingContext = mapping;
    this.simpleKeyContext = simpleKey;
    switch (node.kind) {
      case 'scalar':
        return this.scalar(node);
      case 'seq':
        if (node.items.length === 0 || this.flowLevel > 0) return this.emptyFlow('[', ']');
        return this.blockSequence(node.items);
      case 'map':
        if (node.entries.length === 0 || this.flowLevel > 0) return this.emptyFlow('{', '}');
        return this.blockMapping(node.entries);
    }
  }

  private emptyFlow(open: string, close: string): void {
    this.writeIndicator(open, true, true, false);
    this.increaseIndent(true, false);
    this.flowLevel++;
    this.flowLevel--;
    this.popIndent();
    this.writeIndicator(close, false, false, false);
  }

  private blockSequence(items: YNode[]): void {
    this.increaseIndent(false, !this.indentSequences && this.mappingContext && !this.indention);
    for (const item of items) {
      this.writeIndent();
      this.writeIndicator('-', true, false, true);
      this.node(item, false, false);
    }
    this.popIndent();
  }

  private blockMapping(entries: Array<[YNode, YNode]>): void {
    this.increaseIndent(false, false);
    for (const [key, value] of entries) {
      this.writeIndent();
      if (this.isSimpleKey(key)) {
        this.node(key, true, true);
        this.writeIndicator(':', false, false, false);
      } else {
        this.writeIndicator('?', true, false, true);
        this.node(key, true, false);
        this.writeIndent();
        this.writeIndicator(':', true, false, true);
      }
      this.node(value, true, false);
    }
    this.popIndent();
  }

  private isSimpleKey(key: YNode): boolean {
    if (key.kind !== 'scalar') return false;
    if (SIMPLE_TEXT.test(key.text)) return key.text.length <= 128;
    if (LINE_BREAK.test(key.text)) return false;
    return Buffer.byteLength(key.text, 'utf8') <= 128;
  }

  private scalar(node: Extract<YNode, { kind: 'scalar' }>): void {
    this.scalarText(node.text, node.style, undefined);
  }

  /** `simple`: whether the text is known to match SIMPLE_TEXT (undefined: not checked yet). */
  private scalarText(text: string, nodeStyle: 'plain' | 'double' | 'literal', simple: boolean | undefined): void {
    if (nodeStyle === 'plain' && (simple ?? SIMPLE_TEXT.test(text)) && text.charCodeAt(text.length - 1) !== 58 && !text.startsWith('...')) {
      // Printable ASCII without spaces, starting with no indicator: libyaml's analysis would
      // allow plain style and there is nowhere to fold, so the text is written as it is.
      if (!this.whitespace) this.put(' ');
      this.put(text);
      this.whitespace = false;
      this.indention = false;
      return;
    }
    const wf = wellFormed(text);
    const a = analyzeScalar(wf);
    let style: 'plain' | 'single' | 'double' | 'literal' = nodeStyle;
    if (this.simpleKeyContext && a.multiline) style = 'double';
    if (style === 'plain') {
      if ((this.flowLevel > 0 && !a.flowPlainAllowed) || (this.flowLevel === 0 && !a.blockPlainAllowed)) style = 'single';
      if (wf.length === 0 && (this.flowLevel > 0 || this.simpleKeyContext)) style = 'single';
    }
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || this.flowLevel > 0 || this.simpleKeyContext)) style = 'double';
    this.increaseIndent(true, false);
    const allowBreaks = !this.simpleKeyContext;
    switch (style) {
      case 'plain':
        this.writePlain(codePoints(text), allowBreaks);
        break;
      case 'single':
        this.writeSingle(codePoints(text), allowBreaks);
        break;
      case 'double':
        this.writeDouble(codePoints(text), allowBreaks);
        break;
      case 'literal':
        this.writeLiteral(wf);
        break;
    }
    this.popIndent();
  }

  private writePlain(cps: number[], allowBreaks: boolean): void {
    if (!this.whitespace) this.put(' ');
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && cps[i + 1] !== 0x20) this.writeIndent();
        else this.writeCp(c);
        spaces = true;
      } else if (isBreakCp(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreakCp(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        this.writeCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.whitespace = false;
    this.indention = false;
  }

  private writeSingle(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator("'", true, false, false);
    let spaces = false;
    let breaks = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1 && cps[i + 1] !== 0x20) this.writeIndent();
        else this.writeCp(c);
        spaces = true;
      } else if (isBreakCp(c)) {
        if (!breaks && c === 0x0a) this.putBreak();
        this.writeBreakCp(c);
        this.indention = true;
        breaks = true;
      } else {
        if (breaks) this.writeIndent();
        if (c === 0x27) this.put("'");
        this.writeCp(c);
        this.indention = false;
        spaces = false;
        breaks = false;
      }
    }
    this.writeIndicator("'", false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  private writeDouble(cps: number[], allowBreaks: boolean): void {
    this.writeIndicator('"', true, false, false);
    // libyaml's is_bom looks at the start of the value, not at the current character.
    const startsWithBom = cps[0] === 0xfeff;
    let spaces = false;
    for (let i = 0; i < cps.length; i++) {
      const c = cps[i]!;
      if (!isPrintable(c) || startsWithBom || isBreakCp(c) || c === 0x22 || c === 0x5c) {
        this.put('\\' + escapeFor(c));
        spaces = false;
      } else if (c === 0x20) {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < cps.length - 1) {
          this.writeIndent();
          if (cps[i + 1] === 0x20) this.put('\\');
        } else this.writeCp(c);
        spaces = true;
      } else {
        this.writeCp(c);
        spaces = false;
      }
    }
    this.writeIndicator('"', false, false, false);
    this.whitespace = false;
    this.indention = false;
  }

  /**
   * Literal style is only chosen for printable text (analyzeScalar), so `text` (well-formed) has no
   * surrogate pair: its UTF-16 units are its code points and a line goes out as one slice.
   */
  private writeLiteral(text: string): void {
    this.writeIndicator('|', true, false, false);
    const n = text.length;
    if (text.charCodeAt(0) === 0x20 || (n > 0 && isBreakCode(text.charCodeAt(0)))) this.writeIndicator(String(BEST_INDENT), false, false, false);
    let chomp = '';
    if (n === 0 || !isBreakCode(text.charCodeAt(n - 1))) chomp = '-';
    else if (n === 1 || isBreakCode(text.charCodeAt(n - 2))) chomp = '+';
    if (chomp) this.writeIndicator(chomp, false, false, false);
    this.putBreak();
    this.indention = true;
    this.whitespace = true;
    let breaks = true;
    for (let i = 0; i < n; ) {
      const c = text.charCodeAt(i);
      if (isBreakCode(c)) {
        this.writeBreakCp(c);
        this.indention = true;
        breaks = true;
        i++;
      } else {
        if (breaks) this.writeIndent();
        LINE_BREAK_G.lastIndex = i;
        const j = LINE_BREAK_G.exec(text)?.index ?? n;
        this.out += text.slice(i, j);
        this.column += j - i;
        this.indention = false;
        breaks = false;
        i = j;
      }
    }
  }
}

function escapeFor(c: number): string {
  switch (c) {
    case 0x00: return '0';
    case 0x07: return 'a';
    case 0x08: return 'b';
    case 0x09: return 't';
    case 0x0a: return 'n';
    case 0x0b: return 'v';
    case 0x0c: return 'f';
    case 0x0d: return 'r';
    case 0x1b: return 'e';
    case 0x22: return '"';
    case 0x5c: return '\\';
    case 0x85: return 'N';
    case 0xa0: return '_';
    case 0x2028: return 'L';
    case 0x2029: return 'P';
  }
  const hex = c.toString(16).toUpperCase();
  if (c <= 0xff) return 'x' + hex.padStart(2, '0');
  if (c <= 0xffff) return 'u' + hex.padStart(4, '0');
  return 'U' + hex.padStart(8, '0');
}

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        out.push(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        i++;
        continue;
      }
    }
    // Lone surrogates cannot come out of encoding/json: it writes U+FFFD for them.
    out.push(c >= 0xd800 && c <= 0xdfff ? 0xfffd : c);
  }
  return out;
}

// go-yaml's reader refuses these in its input, and encoding/json leaves them raw in the JSON text
// it hands over, so Go's Marshal fails on them.
// eslint-disable-next-line no-control-regex
const YAML_UNREADABLE = /[\x7f-\x84\x86-\x9f\ufffe\uffff]/;

function checkReadableByGoYaml(d: JsonData): void {
  if (typeof d === 'string') {
    if (YAML_UNREADABLE.test(d)) throw new FuncError('error converting JSON to YAML: yaml: control characters are not allowed');
  } else if (Array.isArray(d)) d.forEach(checkReadableByGoYaml);
  else if (d instanceof Map) {
    for (const [k, x] of d) {
      checkReadableByGoYaml(k);
      checkReadableByGoYaml(x);
    }
  }
}

/**
 * sigs.k8s.io/yaml.Marshal(v): the document text, ending in a newline (Helm's toYaml trims it).
 * Throws FuncError for values encoding/json rejects (NaN, functions).
 */
export function marshalGoYaml(v: GoValue): string {
  try {
    const e = new Emitter();
    e.emitValueDocument(v);
    return e.result();
  } catch (err) {
    if (!(err instanceof MarshalFallback)) throw err;
  }
  return marshalJsonData(toJsonData(v));
}

/**
 * marshalGoYaml(fromJS(data)) for plain JSON-like data (objects, arrays, numbers, bigints,
 * strings, booleans, null), written straight from the data.
 */
export function marshalPlainYaml(data: unknown): string {
  try {
    const e = new Emitter(false, true);
    e.emitValueDocument(data);
    return e.result();
  } catch (err) {
    if (!(err instanceof MarshalFallback)) throw err;
  }
  return marshalJsonData(toJsonData(fromJS(data)));
}

/** The general path: JSON data checked as go-yaml reads it, then a node tree, then the emitter. */
export function marshalJsonData(data: JsonData): string {
  checkReadableByGoYaml(data);
  const e = new Emitter();
  e.emitDocument(toYNode(data));
  return e.result();
}

/**
 * The node go-yaml v3's encoder makes of a Go value (no JSON round trip: ints stay ints,
 * float64s print with FormatFloat 'g'). Strings that would read back as something else,
 * including YAML 1.1 booleans such as "yes", are double-quoted as v3 does.
 */
function toYNodeV3(v: GoValue, depth = 0): YNode {
  if (depth > 10_000) throw new FuncError('yaml: value nested too deeply');
  if (v === null || v === undefined) return { kind: 'scalar', text: 'null', style: 'plain' };
  if (typeof v === 'boolean') return { kind: 'scalar', text: v ? 'true' : 'false', style: 'plain' };
  if (typeof v === 'string') return stringNode(v);
  if (typeof v === 'bigint') return { kind: 'scalar', text: v.toString(), style: 'plain' };
  if (v instanceof GoInt) return { kind: 'scalar', text: v.value.toString(), style: 'plain' };
  if (typeof v === 'number' || v instanceof GoFloat32) {
    const s = typeof v === 'number' ? formatFloatG(v) : formatFloatG(v.value, 32);
    return { kind: 'scalar', text: s === '+Inf' ? '.inf' : s === '-Inf' ? '-.inf' : s === 'NaN' ? '.nan' : s, style: 'plain' };
  }
  if (Array.isArray(v)) return { kind: 'seq', items: v.map((x) => toYNodeV3(x, depth + 1)) };
  if (v instanceof Map) {
    const keys = [...v.keys()].sort(compareYamlKeys);
    return { kind: 'map', entries: keys.map((k) => [stringNode(k), toYNodeV3(v.get(k)!, depth + 1)]) };
  }
  // structs and functions: what JSON makes of them is the closest shape values have
  return toYNode(toJsonData(v));
}

/** Helm's toYamlPretty: go-yaml v3's Encoder with SetIndent(2) (sequences indented under keys). */
export function marshalGoYamlPretty(v: GoValue): string {
  const e = new Emitter(true);
  e.emitDocument(toYNodeV3(v));
  return e.result();
}

/** Formats a JSON number the way go-yaml prints it after reading it back (exported for tests). */
export function yamlNumberText(v: number | bigint | GoInt | GoFloat32): string {
  const node = numberNode(goJsonNumber(v));
  return node.kind === 'scalar' ? node.text : '';
}

