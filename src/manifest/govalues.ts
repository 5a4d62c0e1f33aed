/**
 * Conversions between plain JSON (operator, manifest) and the template engine's Go value model
 * (maps are Map<string, GoValue>, so keys like `__proto__` and key order stay Go-like).
 */
import { GoFloat32, GoInt } from '../gotemplate/value.js';
import type { JsonObject, JsonValue } from '../operator/types.js';

export type GoLike = null | undefined | boolean | string | number | bigint | GoLike[] | Map<string, GoLike> | { [k: string]: unknown };

export function jsonToGo(v: JsonValue | undefined): GoLike {
  if (v === null || v === undefined || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(jsonToGo);
  const m = new Map<string, GoLike>();
  for (const [k, x] of Object.entries(v)) m.set(k, jsonToGo(x));
  return m;
}

/** Accepts Go values (Map, GoInt-like wrappers with valueOf) or plain JSON. */
export function goToJson(v: unknown): JsonValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (Array.isArray(v)) return v.map(goToJson);
  if (v instanceof GoInt) return Number(v.value);
  if (v instanceof GoFloat32) return v.value;
  if (v instanceof Map) {
    const o: JsonObject = {};
    for (const [k, x] of v) o[String(k)] = goToJson(x);
    return o;
  }
  if (typeof v === 'object') {
    const prim = (v as { valueOf(): unknown }).valueOf();
    if (prim !== v && (typeof prim === 'number' || typeof prim === 'bigint')) return Number(prim);
    const o: JsonObject = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) o[k] = goToJson(x);
    return o;
  }
  return null;
}
