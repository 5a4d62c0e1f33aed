/**
 * Field-level helpers for the local API server: leaf paths of an object (maps recurse, lists are
 * atomic, as a simplification of structured-merge-diff), deep equality, the three PATCH formats
 * and the managedFields (FieldsV1) rendering of a set of paths.
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

/** A path is a list of map keys, joined with NUL for set membership. */
export type FieldPath = string[];
export const pathKey = (p: FieldPath): string => p.join('\u0000');
export const keyPath = (k: string): FieldPath => k.split('\u0000');

/** metadata fields the server owns; they never take part in ownership. */
const SERVER_METADATA = new Set([
  'name',
  'namespace',
  'uid',
  'resourceVersion',
  'generation',
  'creationTimestamp',
  'managedFields',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
]);

export function leafPaths(obj: JsonObject, opts: { includeStatus: boolean }): FieldPath[] {
  const out: FieldPath[] = [];
  const walk = (v: Json, path: FieldPath): void => {
    if (isObject(v) && Object.keys(v).length > 0) {
      for (const [k, child] of Object.entries(v)) {
        if (path.length === 0 && (k === 'apiVersion' || k === 'kind')) continue;
        if (path.length === 0 && k === 'status' && !opts.includeStatus) continue;
        if (path.length === 1 && path[0] === 'metadata' && SERVER_METADATA.has(k)) continue;
        walk(child, [...path, k]);
      }
    } else if (path.length > 0) {
      out.push(path);
    }
  };
  walk(obj, []);
  return out;
}

export function getPath(obj: Json, path: FieldPath): Json | undefined {
  let cur: Json | undefined = obj;
  for (const seg of path) {
    if (!isObject(cur)) return undefined;
    cur = cur[seg];
  }
  return cur;
}

export function deletePath(obj: JsonObject, path: FieldPath): void {
  const chain: JsonObject[] = [obj];
  for (const seg of path.slice(0, -1)) {
    const next = (chain[chain.length - 1] as JsonObject)[seg];
    if (!isObject(next)) return;
    chain.push(next);
  }
  delete (chain[chain.length - 1] as JsonObject)[path[path.length - 1] as string];
  // Drop maps the removal left empty, as the real merge does for fields nobody owns any more.
  for (let i = chain.length - 1; i >= 1; i--) {
    if (Object.keys(chain[i] as JsonObject).length > 0) break;
    delete (chain[i - 1] as JsonObject)[path[i - 1] as string];
  }
}

/** Maps merge recursively; anything else is replaced (lists are atomic here). */
export function deepMerge(base: JsonObject, overlay: JsonObject): JsonObject {
  const out: JsonObject = { ...base };
  for (const [k, v] of Object.entries(overlay)) {
    const cur = out[k];
    out[k] = isObject(cur) && isObject(v) ? deepMerge(cur, v) : clone(v);
  }
  return out;
}

/** RFC 7386 JSON merge patch. */
export function mergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k] ?? null, v);
  }
  return out;
}

/**
 * Strategic merge patch, simplified: maps as a merge patch, lists of objects that all carry a
 * `name` merge by name (containers, ports, volumes...), other lists are replaced; `$patch`
 * directives and `$setElementOrder` keys are honoured or dropped as kubectl sends them.
 */
export function strategicMergePatch(target: Json, patch: Json): Json {
  if (!isObject(patch)) return clone(patch);
  if (patch['$patch'] === 'delete') return null;
  if (patch['$patch'] === 'replace') {
    const { $patch: _ignored, ...rest } = patch;
    return clone(rest);
  }
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (v === null) {
      delete out[k];
      continue;
    }
    const cur = out[k];
    if (Array.isArray(v) && Array.isArray(cur) && v.every(isNamed) && cur.every(isNamed)) {
      const merged = cur.map((x) => clone(x)) as JsonObject[];
      for (const item of v as JsonObject[]) {
        const at = merged.findIndex((m) => m['name'] === item['name']);
        if (item['$patch'] === 'delete') {
          if (at >= 0) merged.splice(at, 1);
        } else if (at >= 0) merged[at] = strategicMergePatch(merged[at] as Json, item) as JsonObject;
        else merged.push(strategicMergePatch(null, item) as JsonObject);
      }
      out[k] = merged;
    } else {
      out[k] = strategicMergePatch(cur ?? null, v);
    }
  }
  return out;
}

function isNamed(v: Json): boolean {
  return isObject(v) && typeof v['name'] === 'string';
}

export interface JsonPatchOp {
  op: 'add' | 'remove' | 'replace' | 'test' | 'move' | 'copy';
  path: string;
  value?: Json;
  from?: string;
}

export class PatchError extends Error {}

/** RFC 6902 JSON patch. */
export function jsonPatch(target: Json, ops: JsonPatchOp[]): Json {
  let doc = clone(target);
  const parse = (p: string): string[] =>
    p === '' ? [] : p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  const parentOf = (segs: string[]): Json => {
    let cur: Json = doc;
    for (const s of segs.slice(0, -1)) {
      const next: Json | undefined = Array.isArray(cur) ? cur[Number(s)] : isObject(cur) ? cur[s] : undefined;
      if (next === undefined) throw new PatchError(`doc is missing path: "/${segs.join('/')}"`);
      cur = next;
    }
    return cur;
  };
  const read = (segs: string[]): Json | undefined => getPath(doc, segs);
  const write = (segs: string[], value: Json, insert: boolean): void => {
    if (segs.length === 0) {
      doc = value;
      return;
    }
    const parent = parentOf(segs);
    const last = segs[segs.length - 1] as string;
    if (Array.isArray(parent)) {
      const i = last === '-' ? parent.length : Number(last);
      if (insert) parent.splice(i, 0, value);
      else parent[i] = value;
    } else if (isObject(parent)) parent[last] = value;
    else throw new PatchError(`doc is missing path: "/${segs.join('/')}"`);
  };
  const remove = (segs: string[]): Json => {
    const parent = parentOf(segs);
    const last = segs[segs.length - 1] as string;
    if (Array.isArray(parent)) return parent.splice(Number(last), 1)[0] as Json;
    if (isObject(parent) && last in parent) {
      const v = parent[last] as Json;
      delete parent[last];
      return v;
    }
    throw new PatchError(`unable to remove nonexistent key: ${last}: missing value`);
  };
  for (const op of ops) {
    const segs = parse(op.path);
    switch (op.op) {
      case 'add':
        write(segs, clone(op.value ?? null), true);
        break;
      case 'replace':
        if (read(segs) === undefined) throw new PatchError(`replace operation does not apply: doc is missing key: ${op.path}: missing value`);
        write(segs, clone(op.value ?? null), false);
        break;
      case 'remove':
        remove(segs);
        break;
      case 'test':
        if (!deepEqual(read(segs), op.value)) throw new PatchError(`testing value ${op.path} failed: test failed`);
        break;
      case 'move':
        write(segs, remove(parse(op.from ?? '')), true);
        break;
      case 'copy':
        write(segs, clone(read(parse(op.from ?? '')) ?? null), true);
        break;
      default:
        throw new PatchError(`Unexpected kind: ${String((op as { op: unknown }).op)}`);
    }
  }
  return doc;
}

/** Renders a set of leaf paths as the FieldsV1 tree managedFields carry ({"f:metadata": {...}}). */
export function fieldsV1(paths: Iterable<FieldPath>): JsonObject {
  const root: JsonObject = {};
  for (const p of paths) {
    let cur = root;
    for (const seg of p) {
      const k = `f:${seg}`;
      if (!isObject(cur[k])) cur[k] = {};
      cur = cur[k] as JsonObject;
    }
  }
  return root;
}

/** ".spec.replicas" — how Status causes name a field. */
export function dotted(p: FieldPath): string {
  return '.' + p.join('.');
}
