/** Go values (as the YAML reader produces them) to plain JSON-like data, cheaply. */
import { GoInt, type GoValue } from '../gotemplate/value.js';

/** Maps become objects (a `__proto__` key stays an ordinary key), ints numbers. */
export function goToPlain(v: GoValue): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) {
      if (k === '__proto__') Object.defineProperty(o, k, { value: goToPlain(x), enumerable: true, writable: true, configurable: true });
      else o[k] = goToPlain(x);
    }
    return o;
  }
  if (Array.isArray(v)) return v.map(goToPlain);
  if (typeof v === 'bigint') return Number(v);
  if (v instanceof GoInt) return Number(v.value);
  return v;
}
