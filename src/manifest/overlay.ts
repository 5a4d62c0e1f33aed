/**
 * k8s.overlays path patches (istioctl's tpath): a dotted path whose elements are map keys,
 * `[N]` list indexes, `[key:value]` selectors over lists of maps, or `[value]` (a regular
 * expression) over lists of scalars. Missing map keys are created; a list selector that matches
 * nothing is an error naming the overlay; a null value deletes the node.
 */
import { SailError } from '../errors.js';
import { deepClone } from '../operator/merge.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../operator/types.js';
import { parseGoYamlAll } from '../gotemplate/goyaml.js';
import { goToJson } from './govalues.js';

export interface OverlayPatch {
  path: string;
  value?: JsonValue;
}

/** Splits on unescaped dots; `a[name:x]` becomes `a`, `[name:x]`; `\.` keeps a dot in a key. */
export function parseOverlayPath(path: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  for (let i = 0; i < path.length; i++) {
    const c = path[i]!;
    if (c === '\\' && path[i + 1] === '.') { cur += '.'; i++; continue; }
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === '.' && depth === 0) { parts.push(cur); cur = ''; continue; }
    cur += c;
  }
  parts.push(cur);
  const out: string[] = [];
  for (const p of parts) {
    if (p === '') continue;
    const b = p.indexOf('[');
    if (b > 0) out.push(p.slice(0, b), p.slice(b));
    else out.push(p);
  }
  return out;
}

const bracketed = (pe: string): string | undefined => (pe.startsWith('[') && pe.endsWith(']') ? pe.slice(1, -1) : undefined);

function indexElement(pe: string): number | undefined {
  const inner = bracketed(pe);
  return inner !== undefined && /^-?\d+$/.test(inner) ? Number(inner) : undefined;
}

function kvElement(pe: string): [string, string] | undefined {
  const inner = bracketed(pe);
  if (inner === undefined) return undefined;
  const colon = inner.search(/(?<!\\):/);
  if (colon <= 0 || colon === inner.length - 1) return undefined;
  return [inner.slice(0, colon), inner.slice(colon + 1)];
}

const goString = (v: JsonValue | undefined): string => (v === undefined || v === null ? '<nil>' : String(v));

/** Applies the patches in order to a copy of obj. */
export function applyOverlayPatches(obj: JsonObject, patches: readonly OverlayPatch[], where: string): JsonObject {
  const root = deepClone(obj);
  for (const patch of patches) {
    const path = parseOverlayPath(patch.path ?? '');
    if (path.length === 0) throw new SailError('INVALID', `${where}: overlay path is empty`);
    const fail = (msg: string): never => { throw new SailError('INVALID', `${where}: path ${patch.path}: ${msg}`); };
    let parent: JsonObject | JsonValue[] = root;
    for (let i = 0; i < path.length; i++) {
      const pe = path[i]!;
      const last = i === path.length - 1;
      let key: string | number;
      if (Array.isArray(parent)) {
        const list: JsonValue[] = parent;
        const n = indexElement(pe);
        const kv = kvElement(pe);
        if (n !== undefined) {
          key = n >= 0 && n < list.length ? n : list.length;
        } else if (kv) {
          const found = list.findIndex((e) => isJsonObject(e) && goString(e[kv[0]]) === kv[1]);
          if (found < 0) fail(`element ${pe} not found`);
          key = found;
        } else {
          const inner = bracketed(pe);
          if (inner === undefined) fail(`element ${pe} is not a list selector`);
          const re = new RegExp(inner!.startsWith(':') ? inner!.slice(1) : inner!);
          const found = list.findIndex((e) => !isJsonObject(e) && !Array.isArray(e) && re.test(goString(e)));
          if (found < 0) fail(`element ${pe} not found`);
          key = found;
        }
      } else {
        key = pe;
      }
      if (last) {
        write(parent, key, patch.value);
        break;
      }
      const child: JsonValue | undefined = Array.isArray(parent) ? parent[key as number] : parent[key as string];
      if (isJsonObject(child) || Array.isArray(child)) { parent = child; continue; }
      if (Array.isArray(parent) && child === undefined) {
        // An index past the end appends a new map, as istioctl does.
        const created: JsonObject = {};
        parent.push(created);
        parent = created;
        continue;
      }
      if (child !== undefined && child !== null) fail(`leaf value at ${pe} cannot hold ${path[i + 1]}`);
      const next = path[i + 1]!;
      const created: JsonObject | JsonValue[] = indexElement(next) !== undefined || kvElement(next) ? [] : {};
      if (Array.isArray(parent)) parent[key as number] = created; else parent[key as string] = created;
      parent = created;
    }
  }
  return root;
}

/**
 * istioctl reads a string value that looks like a YAML map (one line with ": ", or several lines
 * with ":") as that map, so `value: |` blocks can set objects; JSON object text stays a string.
 */
function yamlMapFromString(value: JsonValue): JsonValue {
  if (typeof value !== 'string') return value;
  const multiline = value.includes('\n');
  if (!(multiline ? value.includes(':') : value.includes(': '))) return value;
  try {
    const asJson: unknown = JSON.parse(value);
    if (isJsonObject(asJson)) return value;
  } catch {
    // not JSON: try YAML
  }
  try {
    const docs = parseGoYamlAll(value);
    if (docs.length === 1 && docs[0] instanceof Map) return goToJson(docs[0]);
  } catch {
    // not YAML either: keep the string
  }
  return value;
}

function write(parent: JsonObject | JsonValue[], key: string | number, raw: JsonValue | undefined): void {
  const value = raw === undefined ? raw : yamlMapFromString(raw);
  if (value === undefined || value === null) {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key as string];
    return;
  }
  if (Array.isArray(parent)) {
    parent[key as number] = deepClone(value);
    return;
  }
  const current = parent[key as string];
  // istioctl appends a non-list value written onto a list node.
  if (Array.isArray(current) && !Array.isArray(value)) {
    current.push(deepClone(value));
    return;
  }
  parent[key as string] = deepClone(value);
}
