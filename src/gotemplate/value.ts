/**
 * The data model of the template engine: how Go values are represented in TypeScript.
 * This is the contract between the executor, fmt, the function libraries (builtins, sprig, Helm,
 * Istio) and the Helm chart layer.
 *
 *   Go                        TypeScript
 *   nil                       null
 *   missing / invalid value   undefined   (prints "<no value>")
 *   bool                      boolean
 *   string                    string
 *   float64                   number      (every number Helm reads from YAML/JSON)
 *   int                       bigint      (template literals, len, range indexes, sprig int)
 *   int64, int32, uint8, ...  GoInt       (sprig add/int64 return int64; kind kept for %T/typeOf)
 *   float32                   GoFloat32
 *   map[string]interface{}    GoMap = Map<string, GoValue>  (never a plain object: keys such as
 *                                       __proto__ are data, not prototype links)
 *   []interface{}             GoValue[]  (arrays may carry an element type, see sliceType)
 *   struct (.Release, ...)    GoStruct   (fields and methods by name)
 *   func                      GoFunc
 *
 * Plain JavaScript data enters through fromJS (objects become Maps, numbers float64) and leaves
 * through toJS.
 */

export type IntKind = 'int' | 'int8' | 'int16' | 'int32' | 'int64' | 'uint' | 'uint8' | 'uint16' | 'uint32' | 'uint64' | 'uintptr';

/** A sized Go integer other than plain `int` (which is a bare bigint). */
export class GoInt {
  constructor(
    readonly kind: Exclude<IntKind, 'int'>,
    readonly value: bigint,
  ) {}
}

export class GoFloat32 {
  constructor(readonly value: number) {}
}

export type GoMap = Map<string, GoValue>;

/**
 * A Go struct or named type with fields and methods, e.g. .Release, .Chart, .Capabilities,
 * .Files. `typeName` is what %T prints (e.g. "chart.Metadata", "*chartutil.Capabilities").
 * Methods are looked up after fields, as Go's template executor does for pointer receivers.
 */
export class GoStruct {
  constructor(
    readonly typeName: string,
    readonly fields: ReadonlyMap<string, GoValue>,
    readonly methods: ReadonlyMap<string, GoFunc> = new Map(),
    /** Optional %v rendering; the default prints {field1 field2} in declaration order like Go. */
    readonly format?: (verbPlus: boolean) => string,
  ) {}
}

/**
 * A Go complex128 (only template literals such as 1i or 1+2i produce one). It is a GoStruct
 * so that code narrowing GoValue needs no new case; fmt and the comparisons know it.
 */
export class GoComplex extends GoStruct {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {
    super('complex128', new Map());
  }
}

/**
 * A function callable from a template. Arguments are already evaluated (except for the
 * special forms and/or, which the executor handles itself). Returning normally is Go's
 * (value, nil); throwing a FuncError is Go's (zero, err), which the executor reports as
 * `error calling NAME: MESSAGE`.
 */
export interface GoFunc {
  (args: GoValue[], call: CallContext): GoValue;
}

/** What a function may need from the executor (include/tpl/required use it). */
export interface CallContext {
  /** Name of the function being called, for error messages. */
  readonly name: string;
  /** Executes a named template with data and returns its output (Helm's include). */
  executeTemplate(name: string, data: GoValue): string;
  /** Parses and executes template text with data, sharing defined templates (Helm's tpl). */
  executeText(text: string, data: GoValue): string;
  /**
   * For each argument, whether its static Go type is interface{} (a value read straight out
   * of a map[string]interface{} or []interface{}), which a few builtins' messages reveal.
   */
  readonly argIsInterface?: readonly boolean[];
}

/** A function's ordinary failure (Go's non-nil error return). */
export class FuncError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FuncError';
  }
}

/** Go's `fail`/`required` style: an error whose text must be shown without "error calling". */
export class FailError extends FuncError {}

export type GoValue =
  | null
  | undefined
  | boolean
  | string
  | number
  | bigint
  | GoInt
  | GoFloat32
  | GoMap
  | GoValue[]
  | GoStruct
  | GoFunc;

/** Element type of a slice, for %T/typeOf ("[]string" vs "[]interface {}"). */
export const SLICE_TYPE: unique symbol = Symbol('goSliceType');

export function sliceOf(items: GoValue[], elemType: string): GoValue[] {
  Object.defineProperty(items, SLICE_TYPE, { value: elemType, enumerable: false });
  return items;
}

export function sliceType(items: GoValue[]): string {
  return (items as unknown as { [SLICE_TYPE]?: string })[SLICE_TYPE] ?? 'interface {}';
}

/** Element type of a map (default interface {}), for %T/typeOf. */
export const MAP_TYPE: unique symbol = Symbol('goMapType');

export function mapOf(m: GoMap, elemType: string): GoMap {
  Object.defineProperty(m, MAP_TYPE, { value: elemType, enumerable: false });
  return m;
}

export function mapElemType(m: GoMap): string {
  return (m as unknown as { [MAP_TYPE]?: string })[MAP_TYPE] ?? 'interface {}';
}

/**
 * Named map and slice types with methods, such as Helm's engine.files (map[string][]byte with
 * Get, Glob, ...), chartutil.Values or chartutil.VersionSet ([]string with Has). They stay
 * ordinary maps/slices for range, len, index and printing; the executor looks methods up
 * before map keys, as Go does, and %T/typeOf show the type name.
 */
const NAMED_TYPE: unique symbol = Symbol('goNamedType');
const METHODS: unique symbol = Symbol('goMethods');

export function namedMap(m: GoMap, typeName: string, methods: ReadonlyMap<string, GoFunc> = new Map(), elemType?: string): GoMap {
  if (elemType !== undefined) mapOf(m, elemType);
  Object.defineProperty(m, NAMED_TYPE, { value: typeName, enumerable: false });
  Object.defineProperty(m, METHODS, { value: methods, enumerable: false });
  return m;
}

export function namedSlice(items: GoValue[], typeName: string, methods: ReadonlyMap<string, GoFunc> = new Map(), elemType?: string): GoValue[] {
  if (elemType !== undefined) sliceOf(items, elemType);
  Object.defineProperty(items, NAMED_TYPE, { value: typeName, enumerable: false });
  Object.defineProperty(items, METHODS, { value: methods, enumerable: false });
  return items;
}

/** Methods of a named map or slice type (undefined for plain ones). */
export function methodsOf(v: GoMap | GoValue[]): ReadonlyMap<string, GoFunc> | undefined {
  return (v as unknown as { [METHODS]?: ReadonlyMap<string, GoFunc> })[METHODS];
}

function namedTypeOf(v: GoMap | GoValue[]): string | undefined {
  return (v as unknown as { [NAMED_TYPE]?: string })[NAMED_TYPE];
}

/** A Go []byte as the model holds it: a []uint8 of GoInt values (prints [104 105], %s as text). */
export function bytesOf(data: Uint8Array): GoValue[] {
  const items: GoValue[] = new Array(data.length);
  for (let i = 0; i < data.length; i++) items[i] = new GoInt('uint8', BigInt(data[i]!));
  return sliceOf(items, 'uint8');
}

export function isMap(v: GoValue): v is GoMap {
  return v instanceof Map;
}

export function isSlice(v: GoValue): v is GoValue[] {
  return Array.isArray(v);
}

export function isFunc(v: GoValue): v is GoFunc {
  return typeof v === 'function';
}

export function isIntegral(v: GoValue): v is bigint | GoInt {
  return typeof v === 'bigint' || v instanceof GoInt;
}

/** The integer value of an int of any kind. */
export function intValue(v: bigint | GoInt): bigint {
  return typeof v === 'bigint' ? v : v.value;
}

/**
 * Converts plain JavaScript data (as parsed from JSON/YAML) into Go values the way Helm sees
 * values: objects become maps, every number a float64, arrays []interface{}.
 * Integer-valued JS bigints become Go ints.
 */
export function fromJS(x: unknown): GoValue {
  if (x === null || x === undefined) return null;
  switch (typeof x) {
    case 'boolean':
    case 'string':
    case 'number':
    case 'bigint':
      return x;
    case 'object': {
      if (Array.isArray(x)) return x.map(fromJS);
      if (x instanceof Map) {
        const m: GoMap = new Map();
        for (const [k, v] of x) m.set(String(k), fromJS(v));
        return m;
      }
      if (x instanceof Date) return x.toISOString();
      if (x instanceof GoInt || x instanceof GoFloat32 || x instanceof GoStruct) return x;
      const m: GoMap = new Map();
      for (const k of Object.keys(x)) m.set(k, fromJS((x as Record<string, unknown>)[k]));
      return m;
    }
    default:
      return null;
  }
}

/**
 * Converts Go values back into plain JavaScript data (for YAML/JSON output and for modules
 * outside the engine). Maps become objects whose keys are set with defineProperty, so a key
 * named __proto__ stays an ordinary own property. Ints become numbers when they fit.
 */
export function toJS(v: GoValue): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint') return bigToNumber(v);
  if (v instanceof GoInt) return bigToNumber(v.value);
  if (v instanceof GoFloat32) return v.value;
  if (Array.isArray(v)) return v.map(toJS);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, val] of v) Object.defineProperty(o, k, { value: toJS(val), enumerable: true, writable: true, configurable: true });
    return o;
  }
  if (v instanceof GoStruct) {
    const o: Record<string, unknown> = {};
    for (const [k, val] of v.fields) Object.defineProperty(o, k, { value: toJS(val), enumerable: true, writable: true, configurable: true });
    return o;
  }
  if (typeof v === 'function') return null;
  return v;
}

function bigToNumber(b: bigint): number | bigint {
  return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}

/**
 * Go template truthiness (text/template's isTrue): false for the zero value of the type:
 * false, 0, "", nil, empty map/slice; structs are always true; missing values are false.
 */
export function isTrue(v: GoValue): boolean {
  if (v === null || v === undefined) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'function':
      return true;
  }
  if (v instanceof GoInt) return v.value !== 0n;
  if (v instanceof GoFloat32) return v.value !== 0;
  if (v instanceof GoComplex) return v.re !== 0 || v.im !== 0;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof Map) return v.size > 0;
  return true;
}

/** The Go type name as %T prints it. */
export function goTypeName(v: GoValue): string {
  if (v === null || v === undefined) return '<nil>';
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
      return 'func(...interface {}) (interface {}, error)';
  }
  if (v instanceof GoInt) return v.kind;
  if (v instanceof GoFloat32) return 'float32';
  if (Array.isArray(v)) return namedTypeOf(v) ?? `[]${sliceType(v)}`;
  if (v instanceof Map) return namedTypeOf(v) ?? `map[string]${mapElemType(v)}`;
  // a JS value outside the model (a function library bug) must not print "undefined"
  return (v as GoStruct).typeName ?? `<JS ${typeof v}>`;
}

/**
 * Optional Go signature of a GoFunc. When present, the executor checks the argument count and
 * converts arguments exactly as Go's reflect-based call does (literal constants by parameter
 * kind, "wrong type for value; expected T; got U", "wrong number of args for F: want N got M").
 * Without one, every argument is an interface{} of a variadic function.
 * Types are Go type names: 'interface {}', 'string', 'int', 'int64', 'float64', 'bool',
 * '[]interface {}', '[]string', 'map[string]interface {}', and 'reflect.Value' (builtins that
 * see missing values as invalid rather than nil).
 */
export interface GoFuncSignature {
  readonly params: readonly string[];
  /** Element type of a final ...param, if the function is variadic. */
  readonly variadic?: string;
}

const SIGNATURE: unique symbol = Symbol('goFuncSignature');

export function withSignature<F extends GoFunc>(fn: F, sig: GoFuncSignature): F {
  Object.defineProperty(fn, SIGNATURE, { value: sig, enumerable: false });
  return fn;
}

export function funcSignature(fn: GoFunc): GoFuncSignature | undefined {
  return (fn as unknown as { [SIGNATURE]?: GoFuncSignature })[SIGNATURE];
}
