/**
 * Kubernetes strategic merge patch over plain JSON data: the semantics of k8s.io/apimachinery's
 * strategicpatch.StrategicMergePatch (as istiod merges an injection template over a pod and as
 * istioctl applies components.*.k8s settings), driven by the patch metadata of the Kubernetes
 * API types in the one table below.
 *
 * - Maps merge key by key; `null` deletes a key; a value added where the original has none (or
 *   has a value of another JSON type) is taken with its nulls dropped and every map holding a
 *   `$patch` directive removed.
 * - Lists whose field says `patchStrategy:"merge"` merge: maps element by element on the merge
 *   key (containers and volumes by name, ports by containerPort, ...), new elements appended as
 *   given; scalars as a set. The result is ordered as Kubernetes orders it (the patch's elements
 *   in patch order, interleaved with the original-only ones by their original positions). Other
 *   lists are replaced. A map field with `patchStrategy:"replace"` is replaced.
 * - Directives: `$patch: replace | delete` in maps and list elements, `$retainKeys`,
 *   `$deleteFromPrimitiveList/<field>` and `$setElementOrder/<field>`.
 *
 * Fields the table does not list merge as plain JSON (maps merge, lists are replaced); Go's
 * typed lookup fails instead when such a field is a map or list on both sides.
 */
import { SailError } from '../errors.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonMap;
export type JsonMap = { [key: string]: JsonValue };

/** Patch metadata of one field: its strategy ("merge", "retainKeys", "replace", combined with ","), merge key, and the metadata of its value. */
export interface FieldPatchMeta {
  strategy: string;
  mergeKey: string;
  meta: PatchMeta;
}

/** Patch metadata for a map's fields. */
export interface PatchMeta {
  field(name: string): FieldPatchMeta | undefined;
}

export const NO_PATCH_META: PatchMeta = { field: () => undefined };

export class MergeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MergeError';
  }
}

// ---------------------------------------------------------------------------------------------
// The patch metadata of the Kubernetes API types (k8s.io/api v0.35 and openshift/api apps/v1
// struct tags patchStrategy/patchMergeKey). Per type: field -> [type of the value (of each
// element for lists; '' when nothing below it has metadata), patch strategy, merge key]. Only
// fields with a strategy, or leading to a type with one, are listed. Lists without a merge
// strategy are replaced whatever their element type, so their elements are not described.

type FieldRow = readonly [type: string, strategy?: string, mergeKey?: string];

const TYPES: Readonly<Record<string, Readonly<Record<string, FieldRow>>>> = {
  'apps.DaemonSet': { metadata: ['meta.ObjectMeta'], spec: ['apps.DaemonSetSpec'], status: ['apps.DaemonSetStatus'] },
  'apps.DaemonSetSpec': { template: ['core.PodTemplateSpec'] },
  'apps.DaemonSetStatus': { conditions: ['', 'merge', 'type'] },
  'apps.Deployment': { metadata: ['meta.ObjectMeta'], spec: ['apps.DeploymentSpec'], status: ['apps.DeploymentStatus'] },
  'apps.DeploymentSpec': { template: ['core.PodTemplateSpec'], strategy: ['', 'retainKeys'] },
  'apps.DeploymentStatus': { conditions: ['', 'merge', 'type'] },
  'apps.ReplicaSet': { metadata: ['meta.ObjectMeta'], spec: ['apps.ReplicaSetSpec'], status: ['apps.ReplicaSetStatus'] },
  'apps.ReplicaSetSpec': { template: ['core.PodTemplateSpec'] },
  'apps.ReplicaSetStatus': { conditions: ['', 'merge', 'type'] },
  'apps.StatefulSet': { metadata: ['meta.ObjectMeta'], spec: ['apps.StatefulSetSpec'], status: ['apps.StatefulSetStatus'] },
  'apps.StatefulSetSpec': { template: ['core.PodTemplateSpec'] },
  'apps.StatefulSetStatus': { conditions: ['', 'merge', 'type'] },
  'autoscaling.HorizontalPodAutoscaler': { metadata: ['meta.ObjectMeta'], status: ['autoscaling.HorizontalPodAutoscalerStatus'] },
  'autoscaling.HorizontalPodAutoscalerStatus': { conditions: ['', 'merge', 'type'] },
  'batch.CronJob': { metadata: ['meta.ObjectMeta'], spec: ['batch.CronJobSpec'] },
  'batch.CronJobSpec': { jobTemplate: ['batch.JobTemplateSpec'] },
  'batch.Job': { metadata: ['meta.ObjectMeta'], spec: ['batch.JobSpec'], status: ['batch.JobStatus'] },
  'batch.JobSpec': { template: ['core.PodTemplateSpec'] },
  'batch.JobStatus': { conditions: ['', 'merge', 'type'] },
  'batch.JobTemplateSpec': { metadata: ['meta.ObjectMeta'], spec: ['batch.JobSpec'] },
  'core.Container': { ports: ['', 'merge', 'containerPort'], env: ['', 'merge', 'name'], volumeMounts: ['', 'merge', 'mountPath'], volumeDevices: ['', 'merge', 'devicePath'] },
  'core.EphemeralContainer': { ports: ['', 'merge', 'containerPort'], env: ['', 'merge', 'name'], volumeMounts: ['', 'merge', 'mountPath'], volumeDevices: ['', 'merge', 'devicePath'] },
  'core.EphemeralVolumeSource': { volumeClaimTemplate: ['core.PersistentVolumeClaimTemplate'] },
  'core.PersistentVolumeClaimTemplate': { metadata: ['meta.ObjectMeta'] },
  'core.Pod': { metadata: ['meta.ObjectMeta'], spec: ['core.PodSpec'], status: ['core.PodStatus'] },
  'core.PodSpec': {
    volumes: ['core.Volume', 'merge,retainKeys', 'name'],
    initContainers: ['core.Container', 'merge', 'name'],
    containers: ['core.Container', 'merge', 'name'],
    ephemeralContainers: ['core.EphemeralContainer', 'merge', 'name'],
    imagePullSecrets: ['', 'merge', 'name'],
    hostAliases: ['', 'merge', 'ip'],
    topologySpreadConstraints: ['', 'merge', 'topologyKey'],
    schedulingGates: ['', 'merge', 'name'],
    resourceClaims: ['', 'merge,retainKeys', 'name'],
  },
  'core.PodStatus': { conditions: ['', 'merge', 'type'], hostIPs: ['', 'merge', 'ip'], podIPs: ['', 'merge', 'ip'], resourceClaimStatuses: ['', 'merge,retainKeys', 'name'] },
  'core.PodTemplateSpec': { metadata: ['meta.ObjectMeta'], spec: ['core.PodSpec'] },
  'core.ReplicationController': { metadata: ['meta.ObjectMeta'], spec: ['core.ReplicationControllerSpec'], status: ['core.ReplicationControllerStatus'] },
  'core.ReplicationControllerSpec': { template: ['core.PodTemplateSpec'] },
  'core.ReplicationControllerStatus': { conditions: ['', 'merge', 'type'] },
  'core.Service': { metadata: ['meta.ObjectMeta'], spec: ['core.ServiceSpec'], status: ['core.ServiceStatus'] },
  'core.ServiceSpec': { ports: ['', 'merge', 'port'] },
  'core.ServiceStatus': { conditions: ['', 'merge', 'type'] },
  'core.Volume': { ephemeral: ['core.EphemeralVolumeSource'] },
  'meta.ObjectMeta': { ownerReferences: ['', 'merge', 'uid'], finalizers: ['', 'merge'] },
  'openshift.DeploymentConfig': { metadata: ['meta.ObjectMeta'], spec: ['openshift.DeploymentConfigSpec'], status: ['openshift.DeploymentConfigStatus'] },
  'openshift.DeploymentConfigSpec': { template: ['core.PodTemplateSpec'] },
  'openshift.DeploymentConfigStatus': { conditions: ['', 'merge', 'type'] },
  'policy.PodDisruptionBudget': { metadata: ['meta.ObjectMeta'], spec: ['policy.PodDisruptionBudgetSpec'], status: ['policy.PodDisruptionBudgetStatus'] },
  'policy.PodDisruptionBudgetSpec': { selector: ['', 'replace'] },
  'policy.PodDisruptionBudgetStatus': { conditions: ['', 'merge', 'type'] },
};

/** The kinds with patch metadata, by kind (any apiVersion, as the kinds patched here have one shape). */
const KIND_TYPES: Readonly<Record<string, string>> = {
  Pod: 'core.Pod',
  ReplicationController: 'core.ReplicationController',
  Service: 'core.Service',
  Deployment: 'apps.Deployment',
  DaemonSet: 'apps.DaemonSet',
  ReplicaSet: 'apps.ReplicaSet',
  StatefulSet: 'apps.StatefulSet',
  Job: 'batch.Job',
  CronJob: 'batch.CronJob',
  HorizontalPodAutoscaler: 'autoscaling.HorizontalPodAutoscaler',
  PodDisruptionBudget: 'policy.PodDisruptionBudget',
  DeploymentConfig: 'openshift.DeploymentConfig',
};

const metaCache = new Map<string, PatchMeta>();

/** The patch metadata of an API type of the table ("core.Pod"); a type it does not list has none. */
export function patchMetaForType(type: string): PatchMeta {
  const cached = metaCache.get(type);
  if (cached) return cached;
  const rows = TYPES[type];
  if (!rows) return NO_PATCH_META;
  const fields = new Map<string, FieldPatchMeta>();
  const meta: PatchMeta = {
    field(name) {
      let f = fields.get(name);
      if (f === undefined) {
        const row = Object.hasOwn(rows, name) ? rows[name] : undefined;
        if (!row) return undefined;
        f = { strategy: row[1] ?? '', mergeKey: row[2] ?? '', meta: row[0] ? patchMetaForType(row[0]) : NO_PATCH_META };
        fields.set(name, f);
      }
      return f;
    },
  };
  metaCache.set(type, meta);
  return meta;
}

/** The patch metadata of a kind, or undefined for a kind the table does not know. */
export function patchMetaForKind(kind: string): PatchMeta | undefined {
  const type = Object.hasOwn(KIND_TYPES, kind) ? KIND_TYPES[kind] : undefined;
  return type ? patchMetaForType(type) : undefined;
}

export function supportsStrategicMerge(kind: string): boolean {
  return patchMetaForKind(kind) !== undefined;
}

/**
 * istioctl's k8s-settings patch of a rendered object: original <- patch with the kind's
 * metadata. Neither input is modified and the result shares nothing with them. Failures are
 * reported as istioctl reports them ("patch: ...").
 */
export function strategicMergePatch(kind: string, original: object, patch: object): JsonMap {
  const meta = patchMetaForKind(kind);
  if (!meta) throw new SailError('INVALID', `patch: no strategic merge metadata for kind ${kind}`);
  try {
    return strategicMerge(structuredClone(original) as JsonMap, structuredClone(patch) as JsonMap, meta) as JsonMap;
  } catch (e) {
    if (e instanceof MergeError) throw new SailError('INVALID', `patch: ${e.message}`);
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// The merge

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

function isMap(v: JsonValue | undefined): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Go's %v is not worth copying for messages; JSON names the offending value just as well. */
function show(v: JsonValue | undefined): string {
  return JSON.stringify(v) ?? 'undefined';
}

/**
 * Applies `patch` over `original` and returns the result. Neither argument is modified; the
 * result shares the subtrees the patch does not touch with `original` and those it adds with
 * `patch` (copy them before mutating the result in place).
 */
export function strategicMerge(original: JsonValue, patch: JsonValue, meta: PatchMeta): JsonValue {
  if (!isMap(patch)) return patch;
  return mergeMap(isMap(original) ? original : {}, patch, meta);
}

/** The JSON type of a value, as Go's reflect.TypeOf tells a decoded value's type apart. */
function jsonType(v: JsonValue | undefined): string {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'list';
  return typeof v === 'object' ? 'map' : typeof v;
}

/** The strategy without retainKeys (which only matters through the $retainKeys directive). */
function mainStrategy(strategy: string | undefined): string {
  if (!strategy) return '';
  const parts = strategy.split(',');
  if (parts.length > 2) throw new MergeError(`unexpected patch strategy: ${strategy}`);
  const rest = parts.filter((s) => s !== 'retainKeys');
  if (parts.length === 2 && rest.length !== 1) throw new MergeError(`unexpected patch strategy: ${strategy}`);
  return rest[0] ?? '';
}

function mergeMap(base: JsonMap, patch: JsonMap, meta: PatchMeta): JsonMap {
  if (Object.hasOwn(patch, DIRECTIVE)) {
    const directive = patch[DIRECTIVE];
    if (directive === 'replace') {
      const out: JsonMap = { ...patch };
      delete out[DIRECTIVE];
      return out;
    }
    if (directive === 'delete') return {};
    throw new MergeError(`unknown patch type: ${String(directive)} in map: ${show(patch)}`);
  }
  const out: JsonMap = { ...base };
  const done = new Set<string>();
  if (Object.hasOwn(patch, RETAIN_KEYS)) {
    applyRetainKeys(out, patch);
    done.add(RETAIN_KEYS);
  }
  for (const key of Object.keys(patch)) {
    if (key.startsWith(SET_ELEMENT_ORDER)) applySetElementOrder(out, patch, key, meta, done);
  }
  for (const rawKey of Object.keys(patch)) {
    if (done.has(rawKey)) continue;
    let key = rawKey;
    let deleteList = false;
    if (rawKey.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      key = directiveField(rawKey, DELETE_FROM_PRIMITIVE_LIST, 'invalid patch format of primitive list');
      deleteList = true;
    }
    const pv = patch[rawKey] as JsonValue;
    if (pv === null) {
      delete out[key];
      continue;
    }
    if (!Object.hasOwn(out, key) || jsonType(out[key]) !== jsonType(pv)) {
      if (!deleteList) {
        const added = cleanAdded(pv);
        if (added === DROP) delete out[key];
        else out[key] = added;
      }
      continue;
    }
    const ov = out[key] as JsonValue;
    if (isMap(ov)) {
      const fm = meta.field(key);
      out[key] = mainStrategy(fm?.strategy) === 'replace' ? pv : mergeMap(ov, pv as JsonMap, fm?.meta ?? NO_PATCH_META);
    } else if (Array.isArray(ov)) {
      const fm = meta.field(key);
      out[key] = mainStrategy(fm?.strategy) === 'merge' || deleteList ? mergeList(ov, pv as JsonValue[], fm?.mergeKey ?? '', fm?.meta ?? NO_PATCH_META, deleteList, key) : pv;
    } else {
      out[key] = pv;
    }
  }
  return out;
}

/** "$setElementOrder/containers" -> "containers". */
function directiveField(key: string, prefix: string, error: string): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw new MergeError(error);
  return key.slice(slash + 1);
}

/** $retainKeys: the original keeps only the listed keys; every key the patch sets must be listed. */
function applyRetainKeys(out: JsonMap, patch: JsonMap): void {
  const list = patch[RETAIN_KEYS];
  if (!Array.isArray(list)) throw new MergeError('invalid patch format of retainKeys');
  const retained = new Set(list.filter((k): k is string => typeof k === 'string'));
  for (const [k, v] of Object.entries(patch)) {
    if (k === RETAIN_KEYS || v === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!retained.has(k)) throw new MergeError('invalid patch format of retainKeys');
  }
  for (const k of Object.keys(out)) if (!retained.has(k)) delete out[k];
}

const DROP = Symbol('drop');

/**
 * A value taken as added: its nulls dropped (unless told otherwise) and the maps holding a
 * `$patch` directive removed (nothing to replace or delete). The value itself when nothing changes.
 */
function cleanAdded(v: JsonValue, dropNulls = true): JsonValue | typeof DROP {
  if (Array.isArray(v)) {
    let out: JsonValue[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const x = v[i] as JsonValue;
      const c = x === null ? x : cleanAdded(x, dropNulls);
      if (c !== x && !out) out = v.slice(0, i);
      if (out && c !== DROP) out.push(c);
    }
    return out ?? v;
  }
  if (!isMap(v)) return v;
  // nulls go first, so a `$patch: null` is no directive
  if (Object.hasOwn(v, DIRECTIVE) && (v[DIRECTIVE] !== null || !dropNulls)) return DROP;
  let out: JsonMap | undefined;
  for (const [k, x] of Object.entries(v)) {
    const c = x === null ? (dropNulls ? DROP : x) : cleanAdded(x, dropNulls);
    if (c === x) continue;
    out ??= { ...v };
    if (c === DROP) delete out[k];
    else out[k] = c;
  }
  return out ?? v;
}

/** Go's == on decoded JSON values (maps and lists compared by content instead of panicking). */
function sameValue(a: JsonValue | undefined, b: JsonValue | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function noMergeKey(item: JsonValue, mergeKey: string): MergeError {
  return new MergeError(`map: ${show(item)} does not contain declared merge key: ${mergeKey}`);
}

/** The common JSON type of a list's elements; lists of lists and mixed lists are errors. */
function elementType(field: string, ...lists: ReadonlyArray<readonly JsonValue[]>): string {
  let type: string | undefined;
  for (const list of lists) {
    for (const v of list) {
      const t = jsonType(v);
      if (t === 'list') throw new MergeError('lists of lists are not supported');
      if (type === undefined) type = t;
      else if (type !== t) throw new MergeError(`list element types are not identical in ${field}`);
    }
  }
  if (type === undefined) throw new MergeError('no elements in any of the given slices');
  return type;
}

function mergeList(original: JsonValue[], patch: JsonValue[], mergeKey: string, meta: PatchMeta, deleteList: boolean, field: string): JsonValue[] {
  if (original.length === 0 && patch.length === 0) return original;
  const type = elementType(field, original, patch);
  if (type !== 'map') {
    if (deleteList) return original.filter((v) => !patch.some((p) => sameValue(p, v)));
    const merged: JsonValue[] = [];
    for (const v of [...original, ...patch]) if (!merged.some((m) => sameValue(m, v))) merged.push(v);
    return orderMerged(merged, patch, original, '');
  }
  if (!mergeKey) throw new MergeError(`cannot merge lists without merge key for ${field}`);

  // $patch elements: delete by key, or replace the whole list with the patch's other elements
  let base = original;
  const items: JsonMap[] = [];
  let replace = false;
  for (const v of patch) {
    const item = v as JsonMap;
    if (!Object.hasOwn(item, DIRECTIVE)) {
      items.push(item);
      continue;
    }
    const directive = item[DIRECTIVE];
    if (directive === 'delete') {
      if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
      base = base.filter((o) => !(isMap(o) && Object.hasOwn(o, mergeKey) && sameValue(o[mergeKey], item[mergeKey])));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw new MergeError('merging lists cannot yet be specified in the patch');
    } else {
      throw new MergeError(`unknown patch type: ${String(directive)} in map: ${show(item)}`);
    }
  }
  if (replace) return orderMerged(items, [], items, mergeKey);

  const merged: JsonValue[] = base.slice();
  for (const item of items) {
    if (!Object.hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    const i = merged.findIndex((o) => {
      if (!isMap(o)) throw new MergeError(`value for key ${mergeKey} is not a map in ${field}`);
      return Object.hasOwn(o, mergeKey) && sameValue(o[mergeKey], item[mergeKey]);
    });
    merged[i >= 0 ? i : merged.length] = i >= 0 ? mergeMap(merged[i] as JsonMap, item, meta) : item;
  }
  return orderMerged(merged, items, base, mergeKey);
}

/**
 * strategicpatch's element order: the merged elements the patch (or $setElementOrder) names, in
 * its order, interleaved with the others in their original order; an original-only element goes
 * before a patched one only if the original list had it before that one.
 */
function orderMerged(merged: readonly JsonValue[], patch: readonly JsonValue[], original: readonly JsonValue[], mergeKey: string): JsonValue[] {
  const keyOf = mergeKey
    ? (v: JsonValue): JsonValue | undefined => {
        if (!isMap(v) || !Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
        return v[mergeKey];
      }
    : (v: JsonValue): JsonValue | undefined => v;
  const inPatch = positions(patch, keyOf);
  const inOriginal = positions(original, keyOf);
  const patched: Array<[JsonValue, number]> = [];
  const serverOnly: Array<[JsonValue, number]> = [];
  for (const v of merged) {
    const k = keyOf(v);
    const p = inPatch(k);
    if (p >= 0) patched.push([v, p]);
    else serverOnly.push([v, inOriginal(k)]);
  }
  const left = sortForOrder(serverOnly, mergeKey);
  const right = sortForOrder(patched, mergeKey);
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]![0]);
    else if (j >= right.length) out.push(left[i++]![0]);
    else {
      const si = inOriginal(keyOf(left[i]![0]));
      const pi = inOriginal(keyOf(right[j]![0]));
      if (si >= 0 && pi >= 0 && si < pi) out.push(left[i++]![0]);
      else out.push(right[j++]![0]);
    }
  }
  return out;
}

/** The first position of each key in a list (Go's == on keys; maps and lists by content). */
function positions(list: readonly JsonValue[], keyOf: (v: JsonValue) => JsonValue | undefined): (key: JsonValue | undefined) => number {
  const byPrimitive = new Map<unknown, number>();
  const composite: Array<[JsonValue, number]> = [];
  list.forEach((v, i) => {
    const k = keyOf(v);
    if (k !== null && typeof k === 'object') composite.push([k, i]);
    else if (!byPrimitive.has(k)) byPrimitive.set(k, i);
  });
  return (key) => {
    if (key !== null && typeof key === 'object') return composite.find(([k]) => sameValue(k, key))?.[1] ?? -1;
    return byPrimitive.get(key) ?? -1;
  };
}

/** Sorted by position, elements with a `$patch: delete` directive (kept from an added list) last, as strategicpatch does. */
function sortForOrder(items: Array<[JsonValue, number]>, mergeKey: string): Array<[JsonValue, number]> {
  if (!mergeKey) return goStableSort(items);
  const deleted = items.filter(([v]) => isMap(v) && v[DIRECTIVE] === 'delete');
  if (deleted.length === 0) return goStableSort(items);
  return [...goStableSort(items.filter(([v]) => !(isMap(v) && v[DIRECTIVE] === 'delete'))), ...deleted];
}

/**
 * Go's sort.SliceStable with strategicpatch's comparator, over [element, position in the order
 * list (-1 when absent)]: an element absent from the order list compares less than anything, so
 * the comparator is not an order and the algorithm matters. Go insertion-sorts lists of up to 20
 * elements, as here; longer lists with absent elements (only from $setElementOrder) may differ.
 */
function goStableSort(items: Array<[JsonValue, number]>): Array<[JsonValue, number]> {
  const less = (a: [JsonValue, number], b: [JsonValue, number]): boolean => (a[1] >= 0 && b[1] >= 0 ? a[1] < b[1] : true);
  for (let i = 1; i < items.length; i++) {
    for (let j = i; j > 0 && less(items[j]!, items[j - 1]!); j--) {
      const t = items[j]!;
      items[j] = items[j - 1]!;
      items[j - 1] = t;
    }
  }
  return items;
}

/**
 * $setElementOrder/<field>: the field's list is merged (or taken) and ordered by the directive's
 * list first, the rest in original order. The merged field is then done.
 */
function applySetElementOrder(out: JsonMap, patch: JsonMap, key: string, meta: PatchMeta, done: Set<string>): void {
  done.add(key);
  const order = patch[key];
  if (!Array.isArray(order)) throw new MergeError('invalid patch format of setElementOrder list');
  const field = directiveField(key, SET_ELEMENT_ORDER, 'invalid patch format of setElementOrder list');
  const hasOriginal = Object.hasOwn(out, field);
  const hasPatch = Object.hasOwn(patch, field);
  const originalList = hasOriginal ? out[field] : undefined;
  const patchList = hasPatch ? patch[field] : undefined;
  if (hasOriginal && !Array.isArray(originalList)) throw new MergeError(`expected a list in ${field}, but received ${jsonType(originalList)}`);
  if (hasPatch && !Array.isArray(patchList)) throw new MergeError(`expected a list in ${field}, but received ${jsonType(patchList)}`);
  const fm = meta.field(field);
  const mergeKey = fm?.mergeKey ?? '';
  checkSetElementOrder((patchList as JsonValue[] | undefined) ?? [], order, mergeKey);
  let merged: JsonValue[];
  if (hasOriginal && hasPatch) {
    merged = mainStrategy(fm?.strategy) === 'merge' ? mergeList(originalList as JsonValue[], patchList as JsonValue[], mergeKey, fm?.meta ?? NO_PATCH_META, false, field) : (patchList as JsonValue[]);
  } else if (hasOriginal) {
    merged = originalList as JsonValue[];
  } else if (hasPatch) {
    // taken as given, nulls included (only the directives go), unlike an added field
    merged = cleanAdded(patchList as JsonValue[], false) as JsonValue[];
  } else {
    return;
  }
  const type = elementType(field, (originalList as JsonValue[] | undefined) ?? [], (patchList as JsonValue[] | undefined) ?? []);
  out[field] = orderMerged(merged, order, (originalList as JsonValue[] | undefined) ?? [], type === 'map' ? mergeKey : '');
  done.add(field);
}

/** The patch list's elements must appear in the $setElementOrder list, in the same relative order. */
function checkSetElementOrder(patchList: readonly JsonValue[], order: readonly JsonValue[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? patchList.filter((v) => !(isMap(v) && v[DIRECTIVE] === 'delete')) : patchList;
  const keyOf = (v: JsonValue): JsonValue | undefined => {
    if (!mergeKey) return v;
    if (!isMap(v) || !Object.hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
    return v[mergeKey];
  };
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p] as JsonValue;
    if (isMap(item) && Object.hasOwn(item, DIRECTIVE)) {
      p++;
      continue;
    }
    if (sameValue(keyOf(item), keyOf(order[o] as JsonValue))) p++;
    o++;
  }
  if (p < items.length) throw new MergeError(`the order in the patch list ${show(patchList as JsonValue[])} doesn't match the $setElementOrder list ${show(order as JsonValue[])}`);
}
