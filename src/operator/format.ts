/**
 * Output formats of `profile dump`, matching istioctl 1.23 byte for byte: YAML as
 * sigs.k8s.io/yaml writes it (src/gotemplate/goyaml.ts), JSON as Go's json.MarshalIndent with four spaces (keys
 * sorted, <>& escaped), and "flags": one sorted `path=value` line per leaf, strings %q-quoted,
 * other values as Go's %v. test/operator/dump-oracle checks all three against Go.
 */
import { goFloat, goQuote } from './gofmt.js';
import { isJsonObject, type JsonValue } from './types.js';

export { goFloat, goQuote } from './gofmt.js';
/** YAML as sigs.k8s.io/yaml.Marshal writes it (ends with a newline): the template engine's writer. */
export { marshalPlainYaml as toGoYaml } from '../gotemplate/goyaml.js';

/** Go's sort.Strings order (bytewise UTF-8). */
export function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}

/** Go's json.MarshalIndent(v, "", "    "): map keys sorted bytewise, <>& and U+2028/9 escaped. */
export function toGoJson(value: unknown): string {
  return jsonValue(value as JsonValue, '');
}

function jsonString(s: string): string {
  return JSON.stringify(s)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

// Written by hand because JS objects enumerate integer-like keys first, whatever the sort.
function jsonValue(v: JsonValue, indent: string): string {
  const inner = indent + '    ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return '[\n' + v.map((x) => inner + jsonValue(x, inner)).join(',\n') + '\n' + indent + ']';
  }
  if (isJsonObject(v)) {
    const keys = Object.keys(v).sort(compareBytes);
    if (keys.length === 0) return '{}';
    return '{\n' + keys.map((k) => `${inner}${jsonString(k)}: ${jsonValue(v[k] as JsonValue, inner)}`).join(',\n') + '\n' + indent + '}';
  }
  if (typeof v === 'string') return jsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? JSON.stringify(v) : 'null';
  return JSON.stringify(v);
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
