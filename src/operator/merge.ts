/**
 * Overlay merge as istioctl 1.30 does it (values.Map.MergeFrom): maps merge key by key, anything
 * else (lists, scalars, null) in the overlay replaces the base. Inputs are never mutated.
 */
import { isJsonObject, type JsonObject, type JsonValue } from './types.js';

export function deepClone<T extends JsonValue | undefined>(v: T): T {
  if (v === undefined || v === null || typeof v !== 'object') return v;
  return structuredClone(v);
}

/** Returns base <- overlay. */
export function mergeOverlay(base: JsonObject, overlay: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = out[key];
    if (isJsonObject(value) && isJsonObject(current)) out[key] = mergeOverlay(current, value);
    else out[key] = deepClone(value);
  }
  return out;
}
