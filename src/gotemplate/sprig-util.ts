/**
 * Shared helpers for the sprig function libraries: Go-typed function declaration, sprig's
 * emptiness and string conversion rules, cast-style number conversion, reflect kinds and
 * reflect.DeepEqual on the value model.
 */
import { sprint } from './fmt.js';
import {
  FuncError,
  GoFloat32,
  GoInt,
  GoStruct,
  withSignature,
  type CallContext,
  type GoFunc,
  type GoValue,
} from './value.js';

export type FuncTable = Map<string, GoFunc>;

/**
 * Declares a function with its Go signature, so the executor converts and checks arguments as
 * Go's reflect call would (e.g. `indent` with a float64 count is "wrong type for value").
 */
export function def(table: FuncTable, names: string | string[], params: string[], impl: (args: GoValue[], call: CallContext) => GoValue, variadic?: string): void {
  const fn: GoFunc = (args, call) => impl(args, call);
  withSignature(fn, variadic === undefined ? { params } : { params, variadic });
  for (const n of Array.isArray(names) ? names : [names]) table.set(n, fn);
}

/** sprig's empty(): zero values, empty collections, nil; structs are never empty. */
export function isEmpty(v: GoValue): boolean {
  if (v === null || v === undefined) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'boolean':
      return !v;
    case 'number':
      return v === 0;
    case 'bigint':
      return v === 0n;
    case 'function':
      return false;
  }
  if (v instanceof GoInt) return v.value === 0n;
  if (v instanceof GoFloat32) return v.value === 0;
  if (Array.isArray(v)) return v.length === 0;
  if (v instanceof Map) return v.size === 0;
  return false;
}

/** sprig's strval: strings as they are, everything else through fmt's %v. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  return sprint(v === undefined ? null : v);
}

/** sprig's strslice: []string stays, []interface{} drops nils, a scalar becomes [strval]. */
export function strslice(v: GoValue): string[] {
  if (Array.isArray(v)) return v.filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

/** reflect.Kind name, as sprig's error messages and kindOf print it. */
export function kindOf(v: GoValue): string {
  if (v === null || v === undefined) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'function':
      return 'func';
  }
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoFloat32) return 'float32';
  if (Array.isArray(v)) return 'slice';
  if (v instanceof Map) return 'map';
  return v.typeName.startsWith('*') ? 'ptr' : 'struct';
}

/** reflect.TypeOf(nil).Kind() in Go is a nil-pointer panic, which the executor turns into this. */
export const NIL_DEREF = 'runtime error: invalid memory address or nil pointer dereference';

export function listOf(v: GoValue, message: (kind: string) => string): GoValue[] {
  if (Array.isArray(v)) return v;
  if (v === null || v === undefined) throw new FuncError(NIL_DEREF);
  throw new FuncError(message(kindOf(v)));
}

const INT64_MIN = -(1n << 63n);

/** Go's int64(f) conversion; out-of-range values give the amd64 result (minimum int64). */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 9223372036854775808 || f < -9223372036854775808) return INT64_MIN;
  return BigInt(Math.trunc(f));
}

function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') {
      if (foundZero) return s.slice(0, i - 1);
    } else if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** strconv.ParseInt(s, 0, 64). */
export function parseGoInt(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) return undefined;
  let body = m[2]!;
  if (body.includes('_')) {
    // Go accepts underscores only between digits (after a base prefix) with base 0.
    if (/__|_$|^_/.test(body.replace(/^0[xXbBoO]/, '')) && !/^0[xXbBoO]_/.test(body)) return undefined;
    body = body.replaceAll('_', '');
  }
  let v: bigint;
  if (/^0[oO]/.test(body)) v = BigInt('0o' + body.slice(2));
  else if (/^0[0-7]+$/.test(body)) v = BigInt('0o' + body.slice(1));
  else v = BigInt(body);
  if (m[1] === '-') v = -v;
  if (v < INT64_MIN || v > (1n << 63n) - 1n) return undefined;
  return v;
}

/** cast.ToInt64 (errors give 0), the conversion behind sprig's int64/add/sub/... */
export function toInt64(v: GoValue): bigint {
  if (v === null || v === undefined) return 0n;
  switch (typeof v) {
    case 'bigint':
      return BigInt.asIntN(64, v);
    case 'number':
      return floatToInt64(v);
    case 'boolean':
      return v ? 1n : 0n;
    case 'string':
      return parseGoInt(trimZeroDecimal(v)) ?? 0n;
  }
  if (v instanceof GoInt) return BigInt.asIntN(64, v.value);
  if (v instanceof GoFloat32) return floatToInt64(v.value);
  return 0n;
}

/** cast.ToFloat64 (errors give 0). */
export function toFloat64(v: GoValue): number {
  if (v === null || v === undefined) return 0;
  switch (typeof v) {
    case 'number':
      return v;
    case 'bigint':
      return Number(v);
    case 'boolean':
      return v ? 1 : 0;
    case 'string': {
      const t = v.trim() === v ? v.replaceAll('_', '') : '';
      if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t) || /^[+-]?(inf|infinity|nan)$/i.test(t)) {
        const f = /nan/i.test(t) ? NaN : /inf/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : Number(t);
        return f;
      }
      return 0;
    }
  }
  if (v instanceof GoInt) return Number(v.value);
  if (v instanceof GoFloat32) return v.value;
  return 0;
}

export function int64(v: bigint): GoInt {
  return new GoInt('int64', BigInt.asIntN(64, v));
}

/** reflect.DeepEqual on the value model (types must match: int 1 is not float64 1). */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return (a ?? null) === (b ?? null);
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') return a === b;
  if (a instanceof GoInt) return b instanceof GoInt && a.kind === b.kind && a.value === b.value;
  if (a instanceof GoFloat32) return b instanceof GoFloat32 && a.value === b.value;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]!));
  if (a instanceof Map) {
    if (!(b instanceof Map) || a.size !== b.size) return false;
    for (const [k, v] of a) if (!b.has(k) || !deepEqual(v, b.get(k)!)) return false;
    return true;
  }
  if (a instanceof GoStruct) {
    if (!(b instanceof GoStruct) || a.typeName !== b.typeName) return false;
    for (const [k, v] of a.fields) if (!deepEqual(v, b.fields.get(k))) return false;
    return true;
  }
  return false;
}

/** copystructure.Copy: maps and slices copied deeply, everything else shared. */
export function deepCopy(v: GoValue): GoValue {
  if (Array.isArray(v)) return v.map(deepCopy);
  if (v instanceof Map) {
    const m = new Map<string, GoValue>();
    for (const [k, x] of v) m.set(k, deepCopy(x));
    return m;
  }
  return v;
}
