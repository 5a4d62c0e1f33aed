/**
 * Re-encodes Kubernetes objects the way a Go client does when it decodes YAML into the typed API
 * structs and marshals them back (sigs.k8s.io/yaml over encoding/json): unknown fields vanish,
 * zero values of `omitempty` fields are dropped, non-omitempty structs appear as `{}`
 * (`status: {}`, `resources: {}`), quantities take their canonical form, scalars given to string
 * fields become strings, and type mismatches are errors naming the field. The output keeps Go's
 * field declaration order, which is what encoding/json (and so structToJSON) prints.
 *
 * The facts about each type come from schema.generated.ts (generated from the Kubernetes API).
 */
import { ALIASES, STRUCTS, type FieldRow } from './schema.generated.js';
import { canonicalQuantity, QuantityError } from '../../util/quantity.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };
export type Path = Array<string | number>;

/** A decoding failure at a path of the input document (Go's json.UnmarshalTypeError). */
export class DecodeError extends Error {
  readonly path: Path;
  constructor(message: string, path: Path) {
    super(message);
    this.name = 'DecodeError';
    this.path = path;
  }
}

interface FieldInfo {
  readonly json: string;
  readonly type: string;
  /** `type` with aliases resolved (the hot path never resolves again). */
  readonly rt: string;
  readonly omitEmpty: boolean;
  readonly omitZero: boolean;
  readonly inline: boolean;
  readonly patchStrategy: string;
  readonly mergeKey: string;
  readonly goName: string;
  /** An absent value encodes to an empty value that omitempty drops (no need to encode it). */
  readonly skipWhenAbsent: boolean;
}

interface StructInfo {
  readonly name: string;
  readonly fields: readonly FieldInfo[];
  /** json name -> field, for the inline-free fields. */
  readonly byJson: ReadonlyMap<string, FieldInfo>;
  /** lower-cased json name -> json name (encoding/json matches keys case-insensitively). */
  readonly byFold: ReadonlyMap<string, string>;
}

const structCache = new Map<string, StructInfo | null>();

/** Types of the meta package with their own JSON encoding (they are referenced unqualified there). */
const SPECIAL: Readonly<Record<string, string>> = { 'meta.Time': 'time', 'meta.MicroTime': 'time', 'meta.Duration': 'string', 'meta.FieldsV1': 'raw' };

const aliasCache = new Map<string, string>();

/** A type name with its aliases (and the meta package's specially encoded types) followed to the end. */
export function resolveAlias(type: string): string {
  const cached = aliasCache.get(type);
  if (cached !== undefined) return cached;
  let t = SPECIAL[type] ?? type;
  for (let i = 0; i < 8 && ALIASES[t] !== undefined; i++) t = ALIASES[t] as string;
  aliasCache.set(type, t);
  return t;
}

export function structInfo(type: string): StructInfo | undefined {
  const cached = structCache.get(type);
  if (cached !== undefined) return cached ?? undefined;
  const rows: readonly FieldRow[] | undefined = STRUCTS[type];
  if (!rows || type === 'meta.FieldsV1') {
    structCache.set(type, null);
    return undefined;
  }
  const fields: FieldInfo[] = rows.map(([json, t, flags, patch, goName]) => {
    const [strategy = '', mergeKey = ''] = patch.split(':');
    const rt = resolveAlias(t);
    return {
      json,
      type: t,
      rt,
      skipWhenAbsent: flags.includes('o') && !flags.includes('i') && emptyWhenAbsent(rt),
      omitEmpty: flags.includes('o'),
      omitZero: flags.includes('z'),
      inline: flags.includes('i'),
      patchStrategy: strategy,
      mergeKey,
      goName,
    };
  });
  const byJson = new Map<string, FieldInfo>();
  const byFold = new Map<string, string>();
  const collect = (fs: readonly FieldInfo[]): void => {
    for (const f of fs) {
      if (f.inline) {
        const inner = structInfo(resolveAlias(f.type));
        if (inner) collect(inner.fields);
        continue;
      }
      if (!byJson.has(f.json)) byJson.set(f.json, f);
      if (!byFold.has(f.json.toLowerCase())) byFold.set(f.json.toLowerCase(), f.json);
    }
  };
  collect(fields);
  const info: StructInfo = { name: type, fields, byJson, byFold };
  structCache.set(type, info);
  return info;
}

/** Whether encodeValue of an absent value of this (resolved) type is an omitempty-empty value. */
function emptyWhenAbsent(rt: string): boolean {
  if (rt.startsWith('*') || rt.startsWith('[]') || rt.startsWith('map[]')) return true;
  switch (rt) {
    case 'string':
    case 'int':
    case 'float64':
    case 'float32':
    case 'bool':
    case 'raw':
    case 'bytes':
      return true;
  }
  return false;
}

/** A field of a struct type by its JSON name (inlined structs' fields included). */
export function fieldOf(structType: string, json: string): FieldInfo | undefined {
  return structInfo(structType)?.byJson.get(json);
}

/** The element/pointee struct type of a field type ("[]core.Container" -> "core.Container"). */
export function elementType(type: string): string {
  let t = resolveAlias(type);
  for (;;) {
    if (t.startsWith('*')) t = resolveAlias(t.slice(1));
    else if (t.startsWith('[]')) t = resolveAlias(t.slice(2));
    else if (t.startsWith('map[]')) t = resolveAlias(t.slice(5));
    else return t;
  }
}

function goTypeLabel(type: string): string {
  const t = resolveAlias(type);
  if (t === 'int') return 'int32';
  if (t === 'quantity') return 'resource.Quantity';
  if (t === 'intstr') return 'intstr.IntOrString';
  if (t.startsWith('[]')) return '[]' + goTypeLabel(t.slice(2));
  if (t.startsWith('map[]')) return 'map[string]' + goTypeLabel(t.slice(5));
  if (t.startsWith('*')) return goTypeLabel(t.slice(1));
  const dot = t.indexOf('.');
  return dot < 0 ? t : `v1.${t.slice(dot + 1)}`;
}

function jsonKind(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

interface Ctx {
  /** Go struct name + json field path for error messages, as encoding/json reports them. */
  structName: string;
  fieldPath: string[];
  path: Path;
}

function mismatch(v: unknown, type: string, ctx: Ctx): DecodeError {
  const where = ctx.fieldPath.length ? ` into Go struct field ${ctx.structName}.${ctx.fieldPath.join('.')}` : '';
  return new DecodeError(`cannot unmarshal ${jsonKind(v)}${where} of type ${goTypeLabel(type)}`, [...ctx.path]);
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64) for the numbers YAML hands to string fields. */
function scalarToString(v: number | boolean): string {
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return String(v);
}

/**
 * Normalises `input` (plain data from YAML/JSON) as Go decoding into `type` and re-encoding
 * would. Returns undefined where Go's encoder would omit nothing but the value is absent (only
 * used internally for pointers); callers get Json.
 */
export function normalize(type: string, input: unknown, path: Path = [], rootName?: string): Json {
  const ctx: Ctx = { structName: rootName ?? goTypeLabel(type).replace(/^v1\./, ''), fieldPath: [], path: [...path] };
  return encodeValue(type, input, ctx);
}

function encodeValue(type: string, v: unknown, ctx: Ctx, resolved = false): Json {
  const t = resolved ? type : resolveAlias(type);
  switch (t) {
    case 'string':
      if (v === undefined || v === null) return '';
      if (typeof v === 'string') return v;
      if (typeof v === 'number' || typeof v === 'boolean') return scalarToString(v);
      throw mismatch(v, t, ctx);
    case 'int':
      if (v === undefined || v === null) return 0;
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      if (typeof v === 'bigint') return Number(v);
      throw mismatch(v, t, ctx);
    case 'float64':
    case 'float32':
      if (v === undefined || v === null) return 0;
      if (typeof v === 'number') return v;
      throw mismatch(v, t, ctx);
    case 'bool':
      if (v === undefined || v === null) return false;
      if (typeof v === 'boolean') return v;
      throw mismatch(v, t, ctx);
    case 'quantity':
      if (v === undefined || v === null) return '0';
      if (typeof v === 'string' || typeof v === 'number') {
        try {
          return typeof v === 'string' ? cachedCanonicalQuantity(v) : canonicalQuantity(v);
        } catch (e) {
          if (e instanceof QuantityError) throw new DecodeError(e.message, [...ctx.path]);
          throw e;
        }
      }
      throw mismatch(v, t, ctx);
    case 'intstr':
      if (v === undefined || v === null) return 0;
      if (typeof v === 'string') return v;
      if (typeof v === 'number' && Number.isInteger(v)) return v;
      throw mismatch(v, t, ctx);
    case 'time':
      if (v === undefined || v === null) return null;
      if (typeof v === 'string') return v;
      if (v instanceof Date) return v.toISOString().replace(/\.\d{3}Z$/, 'Z');
      throw mismatch(v, t, ctx);
    case 'raw':
      return v === undefined ? null : (v as Json);
    case 'bytes':
      if (v === undefined || v === null) return null;
      if (typeof v === 'string') return v;
      throw mismatch(v, t, ctx);
  }
  if (t.startsWith('*')) {
    if (v === undefined || v === null) return null;
    return encodeValue(t.slice(1), v, ctx);
  }
  if (t.startsWith('[]')) {
    if (v === undefined || v === null) return null;
    if (!Array.isArray(v)) throw mismatch(v, t, ctx);
    const elem = t.slice(2);
    return v.map((item, i) => {
      ctx.path.push(i);
      const r = encodeValue(elem, item, ctx);
      ctx.path.pop();
      return r;
    });
  }
  if (t.startsWith('map[]')) {
    if (v === undefined || v === null) return null;
    if (typeof v !== 'object' || Array.isArray(v)) throw mismatch(v, t, ctx);
    const elem = t.slice(5);
    const out: JsonObject = {};
    for (const k of Object.keys(v)) {
      ctx.path.push(k);
      setOwn(out, k, encodeValue(elem, (v as Record<string, unknown>)[k], ctx));
      ctx.path.pop();
    }
    return out;
  }
  const info = structInfo(t);
  if (!info) return v === undefined ? null : (v as Json);
  if (v !== undefined && v !== null && (typeof v !== 'object' || Array.isArray(v))) throw mismatch(v, t, ctx);
  return encodeStruct(info, (v ?? {}) as Record<string, unknown>, ctx);
}

/** Quantities repeat across a stream's workloads ("100m", "128Mi"), so their forms are remembered. */
const quantityCache = new Map<string, string>();

function cachedCanonicalQuantity(v: string): string {
  let q = quantityCache.get(v);
  if (q === undefined) {
    q = canonicalQuantity(v);
    if (quantityCache.size >= 10_000) quantityCache.clear();
    quantityCache.set(v, q);
  }
  return q;
}

function setOwn(o: JsonObject, k: string, v: Json): void {
  if (k === '__proto__') Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  else o[k] = v;
}

function lookup(info: StructInfo, o: Record<string, unknown>, json: string, folded: Map<string, unknown> | undefined): unknown {
  if (Object.hasOwn(o, json)) return o[json];
  return folded?.get(json);
}

/** Keys that only match a field case-insensitively (encoding/json accepts them). */
function foldedKeys(info: StructInfo, o: Record<string, unknown>): Map<string, unknown> | undefined {
  let out: Map<string, unknown> | undefined;
  for (const k of Object.keys(o)) {
    if (info.byJson.has(k)) continue;
    const json = info.byFold.get(k.toLowerCase());
    if (json !== undefined && !Object.hasOwn(o, json)) (out ??= new Map()).set(json, o[k]);
  }
  return out;
}

function encodeStruct(info: StructInfo, o: Record<string, unknown>, ctx: Ctx, folded?: Map<string, unknown>): JsonObject {
  const out: JsonObject = {};
  const fold = folded ?? foldedKeys(info, o);
  for (const f of info.fields) {
    if (f.inline) {
      const inner = structInfo(resolveAlias(f.type));
      if (inner) Object.assign(out, encodeStruct(inner, o, ctx, fold));
      continue;
    }
    const raw = lookup(info, o, f.json, fold);
    if (raw === undefined && f.skipWhenAbsent) continue;
    ctx.path.push(f.json);
    ctx.fieldPath.push(f.json);
    const enc = encodeValue(f.rt, raw, ctx, true);
    ctx.path.pop();
    ctx.fieldPath.pop();
    if (f.omitEmpty && isEmptyValue(f.rt, enc, true)) continue;
    if (f.omitZero && isZeroValue(f.rt, enc)) continue;
    setOwn(out, f.json, enc);
  }
  return out;
}

/** encoding/json's omitempty: false, 0, "", nil pointer/interface, empty slice/map/string. */
function isEmptyValue(type: string, enc: Json, resolved = false): boolean {
  const t = resolved ? type : resolveAlias(type);
  if (t.startsWith('*')) return enc === null;
  if (t.startsWith('[]') || t.startsWith('map[]')) {
    if (enc === null) return true;
    return Array.isArray(enc) ? enc.length === 0 : Object.keys(enc as object).length === 0;
  }
  switch (t) {
    case 'string':
      return enc === '';
    case 'int':
    case 'float64':
    case 'float32':
      return enc === 0;
    case 'bool':
      return enc === false;
    case 'raw':
    case 'bytes':
      return enc === null || enc === '';
  }
  return false; // structs (including Quantity, IntOrString, Time) are never empty
}

/** omitzero: the type's zero value (Time and Quantity via their IsZero methods). */
function isZeroValue(type: string, enc: Json): boolean {
  const t = resolveAlias(type);
  if (t === 'time') return enc === null;
  if (t === 'quantity') return enc === '0';
  if (enc !== null && typeof enc === 'object' && !Array.isArray(enc)) return Object.keys(enc).length === 0;
  return isEmptyValue(t, enc);
}
