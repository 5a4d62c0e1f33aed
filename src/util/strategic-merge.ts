/**
 * Kubernetes strategic merge patch (the semantics of k8s.io/apimachinery's strategicpatch) over
 * plain JSON data, driven by per-field patch metadata: lists whose field says
 * `patchStrategy:"merge"` merge element by element on their merge key (containers and volumes
 * by name, ports by containerPort, volumeMounts by mountPath, ...), lists without it are
 * replaced, maps merge recursively, and a null in the patch deletes the key. The `$patch`
 * directives replace and delete are honoured; other `$` directives are dropped.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
type JsonMap = { [key: string]: JsonValue };

/** Patch metadata for a map's fields: strategy and merge key, and the metadata one level down. */
export interface PatchMeta {
  field(name: string): { strategy: string; mergeKey: string; meta: PatchMeta } | undefined;
}

export const NO_PATCH_META: PatchMeta = { field: () => undefined };

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

function isMap(v: JsonValue | undefined): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Applies `patch` over `original` and returns the result. Neither argument is modified; the
 * result shares the subtrees the patch does not touch with `original` and those it adds with
 * `patch` (copy them before mutating the result in place).
 */
export function strategicMerge(original: JsonValue, patch: JsonValue, meta: PatchMeta): JsonValue {
  if (!isMap(patch)) return patch;
  if (patch['$patch'] === 'replace') return stripDirectives(patch);
  if (patch['$patch'] === 'delete') return {};
  return mergeMap(isMap(original) ? original : {}, patch, meta);
}

function stripDirectives(m: JsonMap): JsonMap {
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(m)) if (!k.startsWith('$')) out[k] = v;
  return out;
}

function mergeMap(base: JsonMap, patch: JsonMap, meta: PatchMeta): JsonMap {
  const original: JsonMap = { ...base };
  for (const key of Object.keys(patch)) {
    if (key.startsWith('$')) continue;
    const pv = patch[key] as JsonValue;
    if (pv === null) {
      delete original[key];
      continue;
    }
    const ov = original[key];
    if (ov === undefined || ov === null) {
      original[key] = discardNulls(pv);
      continue;
    }
    const fm = meta.field(key);
    if (isMap(ov) && isMap(pv)) {
      if (pv['$patch'] === 'replace') original[key] = stripDirectives(pv);
      else if (pv['$patch'] === 'delete') delete original[key];
      else original[key] = mergeMap(ov, pv, fm?.meta ?? NO_PATCH_META);
      continue;
    }
    if (Array.isArray(ov) && Array.isArray(pv) && fm?.strategy.split(',').includes('merge')) {
      original[key] = fm.mergeKey ? mergeListByKey(ov, pv, fm.mergeKey, fm.meta, key) : mergeScalars(ov, pv);
      continue;
    }
    original[key] = pv;
  }
  return original;
}

/**
 * A value added where the original had nothing keeps its content minus its nulls, recursively:
 * strategicpatch ignores unmatched nulls (there is nothing for them to delete).
 */
function withoutNulls(m: JsonMap): JsonMap {
  const out: JsonMap = {};
  for (const [k, v] of Object.entries(m)) {
    if (k.startsWith('$') || v === null) continue;
    out[k] = discardNulls(v);
  }
  return out;
}

function discardNulls(v: JsonValue): JsonValue {
  if (Array.isArray(v)) return v.map((x) => (x === null ? x : discardNulls(x)));
  if (isMap(v)) return withoutNulls(v);
  return v;
}

function sameKey(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && JSON.stringify(a) === JSON.stringify(b));
}

function mergeListByKey(original: JsonValue[], patch: JsonValue[], mergeKey: string, meta: PatchMeta, field: string): JsonValue[] {
  const out = original.map((x) => x);
  const patchKeys: JsonValue[] = [];
  for (const item of patch) {
    if (!isMap(item)) {
      out.push(item);
      continue;
    }
    const keyValue = item[mergeKey];
    const directive = item['$patch'];
    if (keyValue === undefined) {
      if (directive === 'replace') return patch.filter((p) => !(isMap(p) && p['$patch'] === 'replace'));
      throw new MergeError(`map: ${JSON.stringify(item)} does not contain declared merge key: ${mergeKey} (in ${field})`);
    }
    const index = out.findIndex((o) => isMap(o) && sameKey(o[mergeKey], keyValue));
    if (directive === 'delete') {
      if (index >= 0) out.splice(index, 1);
      continue;
    }
    patchKeys.push(keyValue);
    if (index < 0) {
      out.push(withoutNulls(item));
      continue;
    }
    const existing = out[index];
    out[index] = isMap(existing) ? mergeMap(existing, item, meta) : item;
  }
  return normalizeOrder(out, patchKeys, original, mergeKey);
}

function keyIndex(list: readonly JsonValue[], key: JsonValue | undefined, mergeKey: string): number {
  return list.findIndex((o) => isMap(o) && sameKey(o[mergeKey], key));
}

/**
 * strategicpatch's element order: the patched elements in patch order, interleaved with the
 * elements only the original has, which keep their original order; an original-only element goes
 * before a patched one only if the original list had it before that one.
 */
function normalizeOrder(merged: JsonValue[], patchKeys: readonly JsonValue[], original: readonly JsonValue[], mergeKey: string): JsonValue[] {
  const inPatch = (v: JsonValue): boolean => isMap(v) && patchKeys.some((k) => sameKey(k, v[mergeKey]));
  const patched = merged.filter(inPatch).sort((a, b) => keyIndex(patchKeys.map((k) => ({ [mergeKey]: k })), (a as JsonMap)[mergeKey], mergeKey) - keyIndex(patchKeys.map((k) => ({ [mergeKey]: k })), (b as JsonMap)[mergeKey], mergeKey));
  const serverOnly = merged.filter((v) => !inPatch(v));
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patched.length) {
    if (i >= serverOnly.length) out.push(patched[j++] as JsonValue);
    else if (j >= patched.length) out.push(serverOnly[i++] as JsonValue);
    else {
      const li = keyIndex(original, (serverOnly[i] as JsonMap)[mergeKey], mergeKey);
      const ri = keyIndex(original, (patched[j] as JsonMap)[mergeKey], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++] as JsonValue);
      else out.push(patched[j++] as JsonValue);
    }
  }
  return out;
}

function mergeScalars(original: JsonValue[], patch: JsonValue[]): JsonValue[] {
  const out: JsonValue[] = [];
  const seen = new Set<string>();
  for (const v of [...original, ...patch]) {
    const k = JSON.stringify(v);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(v);
  }
  return out;
}
