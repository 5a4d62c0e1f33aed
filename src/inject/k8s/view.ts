/**
 * Kubernetes objects as Go template data: the injection template reads `.ObjectMeta.Annotations`,
 * `.Spec.Containers`, `$c.Ports`, ... with Go field names, and passes structs to functions such as
 * structToJSON that print them as encoding/json does. A K8sStruct carries both: Go field names for
 * the executor (computed lazily — a template touches a handful of fields of a large PodSpec) and
 * the Go-encoded JSON for the functions.
 */
import { GoInt, GoStruct, mapOf, sliceOf, type GoValue, fromJS } from '../../gotemplate/value.js';
import { resolveAlias, structInfo, type Json, type JsonObject } from './codec.js';

const goNameCache = new Map<string, string>();

function goName(type: string): string {
  let n = goNameCache.get(type);
  if (n === undefined) goNameCache.set(type, (n = computeGoName(type)));
  return n;
}

function computeGoName(type: string): string {
  const t = resolveAlias(type);
  if (t === 'int') return 'int32';
  if (t === 'quantity') return 'resource.Quantity';
  if (t === 'intstr') return 'intstr.IntOrString';
  if (t.startsWith('*')) return '*' + goName(t.slice(1));
  if (t.startsWith('[]')) return '[]' + goName(t.slice(2));
  if (t.startsWith('map[]')) return 'map[string]' + goName(t.slice(5));
  const dot = t.indexOf('.');
  if (dot < 0) return t;
  const pkg = t.slice(0, dot);
  return `${pkg === 'core' || pkg === 'meta' || pkg === 'apps' || pkg === 'batch' || pkg === 'openshift' ? 'v1' : pkg}.${t.slice(dot + 1)}`;
}

/** A Kubernetes API struct seen from a template. */
export class K8sStruct extends GoStruct {
  readonly encoded: JsonObject;
  readonly apiType: string;
  constructor(apiType: string, encoded: JsonObject) {
    super(goName(apiType), new LazyFields(apiType, encoded));
    this.encoded = encoded;
    this.apiType = apiType;
  }
}

/** Go field name -> JSON name and type, per API type (the same for every object of the type). */
const fieldTypesCache = new Map<string, Map<string, { json: string; type: string }>>();

function fieldTypes(apiType: string): Map<string, { json: string; type: string }> {
  const cached = fieldTypesCache.get(apiType);
  if (cached) return cached;
  const types = new Map<string, { json: string; type: string }>();
  const collect = (t: string): void => {
    const info = structInfo(t);
    if (!info) return;
    for (const f of info.fields) {
      if (f.inline) {
        types.set(f.goName, { json: '', type: f.type });
        collect(resolveAlias(f.type));
      } else if (!types.has(f.goName)) types.set(f.goName, { json: f.json, type: f.type });
    }
  };
  collect(apiType);
  fieldTypesCache.set(apiType, types);
  return types;
}

class LazyFields implements ReadonlyMap<string, GoValue> {
  private readonly cache = new Map<string, GoValue>();
  private readonly types: ReadonlyMap<string, { json: string; type: string }>;
  private readonly apiType: string;
  private readonly encoded: JsonObject;
  constructor(apiType: string, encoded: JsonObject) {
    this.apiType = apiType;
    this.encoded = encoded;
    this.types = fieldTypes(apiType);
  }
  get size(): number {
    return this.types.size;
  }
  has(key: string): boolean {
    return this.types.has(key);
  }
  get(key: string): GoValue {
    if (this.cache.has(key)) return this.cache.get(key);
    const f = this.types.get(key);
    if (!f) return undefined;
    const v = f.json === '' ? k8sView(f.type, this.encoded) : k8sView(f.type, this.encoded[f.json] ?? null);
    this.cache.set(key, v);
    return v;
  }
  forEach(cb: (value: GoValue, key: string, map: ReadonlyMap<string, GoValue>) => void): void {
    for (const k of this.types.keys()) cb(this.get(k), k, this);
  }
  *entries(): MapIterator<[string, GoValue]> {
    for (const k of this.types.keys()) yield [k, this.get(k)];
  }
  keys(): MapIterator<string> {
    return this.types.keys();
  }
  *values(): MapIterator<GoValue> {
    for (const k of this.types.keys()) yield this.get(k);
  }
  [Symbol.iterator](): MapIterator<[string, GoValue]> {
    return this.entries();
  }
  get apiTypeName(): string {
    return this.apiType;
  }
}

/** The template value of Go-encoded JSON `enc` of API type `type`. */
export function k8sView(type: string, enc: Json | undefined): GoValue {
  const t = resolveAlias(type);
  switch (t) {
    case 'string':
      return typeof enc === 'string' ? enc : '';
    case 'int':
      return new GoInt('int32', BigInt(typeof enc === 'number' ? enc : 0));
    case 'bool':
      return enc === true;
    case 'float64':
    case 'float32':
      return typeof enc === 'number' ? enc : 0;
    case 'quantity':
    case 'time':
      return typeof enc === "string" ? enc : null;
    case 'intstr':
      return new GoStruct(
        'intstr.IntOrString',
        new Map<string, GoValue>([
          ['Type', new GoInt('int64', typeof enc === 'string' ? 1n : 0n)],
          ['IntVal', new GoInt('int32', BigInt(typeof enc === 'number' ? enc : 0))],
          ['StrVal', typeof enc === 'string' ? enc : ''],
        ]),
      );
    case 'raw':
    case 'bytes':
      return fromJS(enc ?? null);
  }
  if (t.startsWith('*')) return enc === null || enc === undefined ? null : k8sView(t.slice(1), enc);
  if (t.startsWith('[]')) {
    const elem = t.slice(2);
    return sliceOf(Array.isArray(enc) ? enc.map((e) => k8sView(elem, e)) : [], goName(elem));
  }
  if (t.startsWith('map[]')) {
    const elem = t.slice(5);
    const m = new Map<string, GoValue>();
    if (enc && typeof enc === 'object' && !Array.isArray(enc)) for (const k of Object.keys(enc)) m.set(k, k8sView(elem, enc[k]));
    return mapOf(m, goName(elem));
  }
  if (!structInfo(t)) return fromJS(enc ?? null);
  return new K8sStruct(t, enc && typeof enc === 'object' && !Array.isArray(enc) ? enc : {});
}
