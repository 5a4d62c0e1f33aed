/**
 * Output formats of `profile dump`, matching istioctl 1.23 byte for byte where it matters:
 * YAML as sigs.k8s.io/yaml writes it (keys sorted, lists not indented under their key, YAML 1.1
 * quoting), JSON as Go's json.MarshalIndent with four spaces (keys sorted, <>& escaped), and
 * "flags": one sorted `path=value` line per leaf, strings %q-quoted, other values as Go's %v.
 * (Go's YAML writer folds plain strings longer than 80 columns; sailctl never folds.)
 */
import { goFloat, goQuote } from './gofmt.js';
import { isJsonObject, type JsonValue } from './types.js';

export { goFloat, goQuote } from './gofmt.js';
export { toGoYaml } from './goyaml.js';

function sortDeep(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (isJsonObject(v)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort(compareBytes)) out[k] = sortDeep(v[k]);
    return out;
  }
  return v;
}

/** Go's sort.Strings order (bytewise UTF-8). */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Go's json.MarshalIndent(v, "", "    ") with map keys sorted and HTML-safe escaping. */
export function toGoJson(value: unknown): string {
  return JSON.stringify(sortDeep(value), null, 4)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function goValue(v: JsonValue): string {
  if (v === null) return '<nil>';
  if (typeof v === 'number') return goFloat(v);
  return String(v);
}

function pathComponent(key: string): string {
  return key.includes('.') ? key.replaceAll('.', '\\.') : key;
}

function walk(path: string, separator: string, v: JsonValue, out: string[]): void {
  if (Array.isArray(v)) {
    v.forEach((item, i) => walk(`${path}[${i}]`, '.', item, out));
  } else if (isJsonObject(v)) {
    for (const [k, item] of Object.entries(v)) walk(`${path}${separator}${pathComponent(k)}`, '.', item, out);
  } else if (typeof v === 'string') {
    out.push(`${path}=${goQuote(v)}`);
  } else {
    out.push(`${path}=${goValue(v)}`);
  }
}

/** The "flags" format: sorted `path=value` lines (no trailing newline). */
export function toSetFlags(value: JsonValue): string[] {
  const out: string[] = [];
  walk('', '', value, out);
  return out.sort(compareBytes);
}
