/**
 * Go's encoding/json for template values: json.Marshal / json.MarshalIndent output (map keys
 * sorted bytewise, <>& escaped as \u003c \u003e \u0026 unless disabled, U+2028/U+2029 escaped,
 * float64 printed like strconv 'f' or 'e' with Go's thresholds) and json.Unmarshal into
 * interface{} (objects become maps, every number a float64).
 *
 * Go 1.22 changed \b and \f from \u0008/\u000c to the short escapes; Helm v4 is built with a
 * newer Go, so the short forms are written here (an older Go oracle differs on those two only).
 */
import { FuncError, GoFloat32, GoInt, GoStruct, goTypeName, type GoMap, type GoValue } from './value.js';

/** JSON-shaped data: what survives encoding/json. Numbers keep Go's exact text. */
export type JsonData = null | boolean | string | { num: string } | JsonData[] | Map<string, JsonData>;

/**
 * How a Go struct marshals (its json tags and omitempty), for structs that are not plain
 * field bags. Without an entry a struct marshals its fields under their Go names, as Go does
 * for untagged fields.
 */
const jsonForms = new WeakMap<GoStruct, () => GoValue>();

export function setJsonForm(s: GoStruct, form: () => GoValue): GoStruct {
  jsonForms.set(s, form);
  return s;
}

/** Shortest round-trip decimal digits of a float64 (or float32) and its decimal exponent. */
export function shortestDecimal(f: number, bits: 32 | 64 = 64): { digits: string; exp: number; neg: boolean } {
  const neg = f < 0 || Object.is(f, -0);
  const a = Math.abs(f);
  let s = a.toExponential();
  if (bits === 32) {
    for (let p = 0; p <= 9; p++) {
      const t = a.toExponential(p);
      if (Math.fround(Number(t)) === a) {
        s = t;
        break;
      }
    }
  }
  const [mant, e] = s.split('e') as [string, string];
  return { digits: mant.replace('.', '').replace(/0+$/, '') || '0', exp: Number(e), neg };
}

/** encoding/json's float encoder. */
export function goJsonFloat(f: number, bits: 32 | 64 = 64): string {
  if (!Number.isFinite(f)) throw new FuncError(`json: unsupported value: ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const abs = Math.abs(f);
  // In [1e-6, 1e21) JavaScript's shortest round-trip text is already Go's 'f' format.
  if (bits === 64 && abs >= 1e-6 && abs < 1e21) return String(f);
  const { digits, exp, neg } = shortestDecimal(f, bits);
  const sign = neg ? '-' : '';
  if (abs < 1e-6 || abs >= 1e21) {
    const mant = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const e = Math.abs(exp);
    // strconv writes at least two exponent digits; encoding/json trims e-07 to e-7.
    const es = exp < 0 ? (e < 10 ? `${e}` : `${e}`) : e < 10 ? `0${e}` : `${e}`;
    return `${sign}${mant}e${exp < 0 ? '-' : '+'}${es}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

export function goJsonNumber(v: number | bigint | GoInt | GoFloat32): string {
  if (typeof v === 'number') return goJsonFloat(v, 64);
  if (typeof v === 'bigint') return v.toString();
  if (v instanceof GoInt) return v.value.toString();
  return goJsonFloat(v.value, 32);
}

const MAX_DEPTH = 10_000;

/** What json.Marshal sees of a struct: its JSON form, or its fields under their Go names. */
export function structJsonValue(v: GoStruct): GoValue {
  const form = jsonForms.get(v);
  return form ? form() : new Map(v.fields);
}

/** The JSON shape of a Go value (what json.Marshal would see). */
export function toJsonData(v: GoValue, depth = 0): JsonData {
  if (depth > MAX_DEPTH) throw new FuncError('json: unsupported value: encountered a cycle or too deep a value');
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'boolean':
    case 'string':
      return v;
    case 'number':
    case 'bigint':
      return { num: goJsonNumber(v) };
    case 'function':
      throw new FuncError(`json: unsupported type: ${goTypeName(v)}`);
  }
  if (v instanceof GoInt || v instanceof GoFloat32) return { num: goJsonNumber(v) };
  if (Array.isArray(v)) return v.map((x) => toJsonData(x, depth + 1));
  if (v instanceof Map) {
    const m = new Map<string, JsonData>();
    for (const [k, x] of v) m.set(k, toJsonData(x, depth + 1));
    return m;
  }
  if (v instanceof GoStruct) {
    const form = jsonForms.get(v);
    if (form) return toJsonData(form(), depth + 1);
    const m = new Map<string, JsonData>();
    for (const [k, x] of v.fields) m.set(k, toJsonData(x, depth + 1));
    return m;
  }
  return null;
}

/** Go's bytewise (UTF-8) string order, which differs from UTF-16 order above U+FFFF. */
export function compareGoStrings(a: string, b: string): number {
  if (a === b) return 0;
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(a) && /^[\x00-\x7f]*$/.test(b)) return a < b ? -1 : 1;
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

export function quoteJsonString(s: string, escapeHtml: boolean): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20) {
      rep = c === 0x0a ? '\\n' : c === 0x0d ? '\\r' : c === 0x09 ? '\\t' : c === 0x08 ? '\\b' : c === 0x0c ? '\\f' : '\\u00' + c.toString(16).padStart(2, '0');
    } else if (c === 0x22) rep = '\\"';
    else if (c === 0x5c) rep = '\\\\';
    else if (escapeHtml && (c === 0x3c || c === 0x3e || c === 0x26)) rep = '\\u00' + c.toString(16);
    else if (c === 0x2028 || c === 0x2029) rep = '\\u' + c.toString(16);
    else if (c >= 0xd800 && c <= 0xdfff) {
      const pair = c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (pair) {
        i++;
        continue;
      }
      rep = '\ufffd';
    }
    if (rep !== undefined) {
      out += s.slice(start, i) + rep;
      start = i + 1;
    }
  }
  return out + s.slice(start) + '"';
}

export interface MarshalJsonOptions {
  /** encoding/json escapes <, > and & by default (json.Marshal); toRawJson turns it off. */
  escapeHtml?: boolean;
  /** MarshalIndent's indent string; compact when undefined. */
  indent?: string;
  prefix?: string;
}

function writeJson(d: JsonData, o: Required<Pick<MarshalJsonOptions, 'escapeHtml'>> & MarshalJsonOptions, level: number, out: string[]): void {
  if (d === null) return void out.push('null');
  if (typeof d === 'boolean') return void out.push(d ? 'true' : 'false');
  if (typeof d === 'string') return void out.push(quoteJsonString(d, o.escapeHtml));
  const nl = o.indent === undefined ? undefined : (n: number) => '\n' + (o.prefix ?? '') + o.indent!.repeat(n);
  if (Array.isArray(d)) {
    if (d.length === 0) return void out.push('[]');
    out.push('[');
    d.forEach((x, i) => {
      if (i > 0) out.push(',');
      if (nl) out.push(nl(level + 1));
      writeJson(x, o, level + 1, out);
    });
    if (nl) out.push(nl(level));
    out.push(']');
    return;
  }
  if (d instanceof Map) {
    if (d.size === 0) return void out.push('{}');
    out.push('{');
    const keys = [...d.keys()].sort(compareGoStrings);
    keys.forEach((k, i) => {
      if (i > 0) out.push(',');
      if (nl) out.push(nl(level + 1));
      out.push(quoteJsonString(k, o.escapeHtml), nl ? ': ' : ':');
      writeJson(d.get(k)!, o, level + 1, out);
    });
    if (nl) out.push(nl(level));
    out.push('}');
    return;
  }
  out.push(d.num);
}

/** json.Marshal (or MarshalIndent with opts.indent). Throws FuncError for unsupported values. */
export function marshalGoJson(v: GoValue, opts: MarshalJsonOptions = {}): string {
  const out: string[] = [];
  writeJson(toJsonData(v), { escapeHtml: opts.escapeHtml ?? true, ...opts }, 0, out);
  return out.join('');
}

function fromParsed(x: unknown): GoValue {
  if (x === null) return null;
  if (Array.isArray(x)) return x.map(fromParsed);
  if (typeof x === 'object') {
    const m: GoMap = new Map();
    for (const k of Object.keys(x as object)) m.set(k, fromParsed((x as Record<string, unknown>)[k]));
    return m;
  }
  return x as GoValue;
}

/** encoding/json's quoteChar: how its syntax errors show the offending byte. */
function quoteJsonChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return `'"'`;
  const q = JSON.stringify(String.fromCharCode(c));
  return `'${q.slice(1, -1).replace(/\\u00([0-9a-f]{2})/g, '\\x$1')}'`;
}

/**
 * encoding/json's checkValid: walks the input as its scanner does and returns the scanner's
 * error text for the first byte it rejects (or undefined for valid JSON). Bytes are UTF-8, as
 * Go sees them.
 */
function jsonSyntaxError(text: string): string | undefined {
  const b = Buffer.from(text, 'utf8');
  let i = 0;
  const bad = (what: string) => `invalid character ${quoteJsonChar(b[i]!)} ${what}`;
  const isSpace = (c: number | undefined) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  const skip = () => {
    while (isSpace(b[i])) i++;
  };
  const END = 'unexpected end of JSON input';
  let depth = 0;
  const value = (): string | undefined => {
    skip();
    if (i >= b.length) return END;
    const c = b[i]!;
    if (c === 0x7b) {
      if (++depth > 10000) return 'exceeded max depth';
      i++;
      skip();
      if (i >= b.length) return END;
      if (b[i] === 0x7d) {
        i++;
        depth--;
        return undefined;
      }
      for (;;) {
        skip();
        if (i >= b.length) return END;
        if (b[i] !== 0x22) return bad('looking for beginning of object key string');
        const k = string();
        if (k !== undefined) return k;
        skip();
        if (i >= b.length) return END;
        if (b[i] !== 0x3a) return bad('after object key');
        i++;
        const v = value();
        if (v !== undefined) return v;
        skip();
        if (i >= b.length) return END;
        if (b[i] === 0x2c) {
          i++;
          continue;
        }
        if (b[i] === 0x7d) {
          i++;
          depth--;
          return undefined;
        }
        return bad('after object key:value pair');
      }
    }
    if (c === 0x5b) {
      if (++depth > 10000) return 'exceeded max depth';
      i++;
      skip();
      if (i >= b.length) return END;
      if (b[i] === 0x5d) {
        i++;
        depth--;
        return undefined;
      }
      for (;;) {
        const v = value();
        if (v !== undefined) return v;
        skip();
        if (i >= b.length) return END;
        if (b[i] === 0x2c) {
          i++;
          continue;
        }
        if (b[i] === 0x5d) {
          i++;
          depth--;
          return undefined;
        }
        return bad('after array element');
      }
    }
    if (c === 0x22) return string();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return number();
    for (const word of ['true', 'false', 'null']) {
      if (c !== word.charCodeAt(0)) continue;
      i++;
      for (let j = 1; j < word.length; j++, i++) {
        if (i >= b.length) return END;
        if (b[i] !== word.charCodeAt(j)) return bad(`in literal ${word} (expecting '${word[j]}')`);
      }
      return undefined;
    }
    return bad('looking for beginning of value');
  };
  const string = (): string | undefined => {
    i++;
    for (;;) {
      if (i >= b.length) return END;
      const c = b[i]!;
      if (c === 0x22) {
        i++;
        return undefined;
      }
      if (c < 0x20) return bad('in string literal');
      if (c === 0x5c) {
        i++;
        if (i >= b.length) return END;
        const e = b[i]!;
        if (e === 0x75) {
          for (let j = 0; j < 4; j++) {
            i++;
            if (i >= b.length) return END;
            const h = b[i]!;
            if (!((h >= 0x30 && h <= 0x39) || (h >= 0x61 && h <= 0x66) || (h >= 0x41 && h <= 0x46))) return bad('in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(String.fromCharCode(e))) return bad('in string escape code');
      }
      i++;
    }
  };
  const digits = () => {
    while (i < b.length && b[i]! >= 0x30 && b[i]! <= 0x39) i++;
  };
  const number = (): string | undefined => {
    if (b[i] === 0x2d) {
      i++;
      if (i >= b.length) return END;
      if (!(b[i]! >= 0x30 && b[i]! <= 0x39)) return bad('in numeric literal');
    }
    if (b[i] === 0x30) i++;
    else digits();
    if (b[i] === 0x2e) {
      i++;
      if (i >= b.length) return END;
      if (!(b[i]! >= 0x30 && b[i]! <= 0x39)) return bad('after decimal point in numeric literal');
      digits();
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      i++;
      if (b[i] === 0x2b || b[i] === 0x2d) i++;
      if (i >= b.length) return END;
      if (!(b[i]! >= 0x30 && b[i]! <= 0x39)) return bad('in exponent of numeric literal');
      digits();
    }
    return undefined;
  };
  const err = value();
  if (err !== undefined) return err;
  skip();
  if (i < b.length) return bad('after top-level value');
  return undefined;
}

/** json.Unmarshal into interface{}. Throws FuncError with Go's message on bad input. */
export function parseGoJson(text: string): GoValue {
  const syntax = jsonSyntaxError(text);
  if (syntax !== undefined) throw new FuncError(syntax);
  const parsed: unknown = JSON.parse(text);
  const tooBig = findNonFinite(parsed);
  if (tooBig !== undefined) throw new FuncError(`json: cannot unmarshal number ${tooBig} into Go value of type float64`);
  return fromParsed(parsed);
}

/** A number literal float64 cannot hold (JSON.parse makes it Infinity; Go refuses it). */
function findNonFinite(x: unknown): string | undefined {
  if (typeof x === 'number') return Number.isFinite(x) ? undefined : 'out of range';
  if (Array.isArray(x)) {
    for (const y of x) {
      const r = findNonFinite(y);
      if (r !== undefined) return r;
    }
  } else if (x !== null && typeof x === 'object') {
    for (const k of Object.keys(x)) {
      const r = findNonFinite((x as Record<string, unknown>)[k]);
      if (r !== undefined) return r;
    }
  }
  return undefined;
}
