/**
 * istioctl's values.Map.MergeFrom, in place and with its sharing: a map the base lacks is not
 * copied but taken over, so base and overlay then hold the same map. istioctl's translation
 * relies on that without saying so: it takes the user's spec.values, merges the user layer over
 * the profile, rewrites the merged tree in place (values.pilot.enabled, values.global.hub, ...)
 * and then lays the user's values over it again. Where the profile had no map, the rewrite has
 * already changed the user's own map, so the rewritten value stays (e.g. `--set
 * values.pilot.enabled=false` loses to components.pilot.enabled, because the default profile has
 * no values.pilot); elsewhere the user's value wins. Copying merges (merge.ts) cannot express
 * that, so resolve and translate use this one.
 */
import { isJsonObject, type JsonObject } from './types.js';

/** base <- overlay, changing `base`; maps of `overlay` that `base` lacks become shared. */
export function mergeInPlace(base: JsonObject, overlay: JsonObject): JsonObject {
  for (const [key, value] of Object.entries(overlay)) {
    // hasOwn: an inherited `__proto__` must never be taken for the base's own map.
    const current = Object.hasOwn(base, key) ? base[key] : undefined;
    if (isJsonObject(value) && isJsonObject(current) && current !== value) mergeInPlace(current, value);
    else if (key === '__proto__') Object.defineProperty(base, key, { value, enumerable: true, writable: true, configurable: true });
    else base[key] = value;
  }
  return base;
}
