/**
 * Kubernetes strategic merge patch for the object kinds istioctl's k8s settings patch
 * (Deployment, DaemonSet, Service, HorizontalPodAutoscaler, PodDisruptionBudget), following the
 * patch metadata of the Kubernetes Go types: lists with a merge key merge item by item (original
 * order kept, new items appended), other lists are replaced, maps merge, `null` deletes a key,
 * and the `$patch: replace|delete` and `$retainKeys` directives are honoured (a retainKeys field
 * only drops keys when the patch carries `$retainKeys`, as in Kubernetes).
 */
import { SailError } from '../errors.js';
import { deepClone } from '../operator/merge.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../operator/types.js';

interface FieldMeta {
  /** Schema type name of the field's value (or of each list item). */
  type?: string;
  /** Merge key of a list of objects; absent = the list is atomic. */
  mergeKey?: string;
  /** A list of scalars merged as a set. */
  primitiveSet?: boolean;
}

type TypeMeta = Record<string, FieldMeta>;

const SCHEMA: Record<string, TypeMeta> = {
  Workload: { metadata: { type: 'ObjectMeta' }, spec: { type: 'WorkloadSpec' } },
  WorkloadSpec: { template: { type: 'PodTemplateSpec' }, strategy: {} },
  PodTemplateSpec: { metadata: { type: 'ObjectMeta' }, spec: { type: 'PodSpec' } },
  ObjectMeta: { ownerReferences: { mergeKey: 'uid' }, finalizers: { primitiveSet: true } },
  PodSpec: {
    containers: { type: 'Container', mergeKey: 'name' },
    initContainers: { type: 'Container', mergeKey: 'name' },
    ephemeralContainers: { type: 'Container', mergeKey: 'name' },
    volumes: { mergeKey: 'name' },
    imagePullSecrets: { mergeKey: 'name' },
    hostAliases: { mergeKey: 'ip' },
    topologySpreadConstraints: { mergeKey: 'topologyKey' },
  },
  Container: {
    env: { mergeKey: 'name' },
    ports: { mergeKey: 'containerPort' },
    volumeMounts: { mergeKey: 'mountPath' },
    volumeDevices: { mergeKey: 'devicePath' },
    resizePolicy: { mergeKey: 'resourceName' },
  },
  Service: { metadata: { type: 'ObjectMeta' }, spec: { type: 'ServiceSpec' } },
  ServiceSpec: { ports: { mergeKey: 'port' } },
  Generic: { metadata: { type: 'ObjectMeta' } },
};

const ROOT_TYPE: Record<string, string> = {
  Deployment: 'Workload',
  DaemonSet: 'Workload',
  StatefulSet: 'Workload',
  Service: 'Service',
  HorizontalPodAutoscaler: 'Generic',
  PodDisruptionBudget: 'Generic',
};

export function supportsStrategicMerge(kind: string): boolean {
  return kind in ROOT_TYPE;
}

/** Returns original <- patch; neither input is mutated. */
export function strategicMergePatch(kind: string, original: JsonObject, patch: JsonObject): JsonObject {
  const root = ROOT_TYPE[kind];
  if (!root) throw new SailError('INVALID', `patch: no strategic merge metadata for kind ${kind}`);
  return mergeMap(deepClone(original), patch, root);
}

function mergeMap(original: JsonObject, patch: JsonObject, type: string | undefined): JsonObject {
  const directive = patch.$patch;
  if (directive === 'replace') {
    const out = deepClone(patch);
    delete out.$patch;
    return out;
  }
  if (directive === 'delete') return {};
  const meta = type ? SCHEMA[type] ?? {} : {};
  const out = original;
  const retain = patch.$retainKeys;
  if (Array.isArray(retain)) {
    for (const key of Object.keys(out)) if (!retain.includes(key)) delete out[key];
  }
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith('$')) continue;
    if (value === null) { delete out[key]; continue; }
    const field = meta[key] ?? {};
    const current = out[key];
    if (isJsonObject(value)) {
      out[key] = mergeMap(isJsonObject(current) ? current : {}, value, field.type);
    } else if (Array.isArray(value)) {
      out[key] = mergeList(Array.isArray(current) ? current : [], value, field);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function mergeList(original: JsonValue[], patch: JsonValue[], field: FieldMeta): JsonValue[] {
  if (field.primitiveSet) {
    const out = [...original];
    for (const v of patch) if (!out.some((o) => o === v)) out.push(v);
    return out;
  }
  if (!field.mergeKey) {
    // Atomic list, unless an item asks to replace the whole list (same outcome).
    return deepClone(patch).filter((v) => !(isJsonObject(v) && v.$patch === 'replace'));
  }
  const key = field.mergeKey;
  if (patch.some((v) => isJsonObject(v) && v.$patch === 'replace')) {
    return deepClone(patch).filter((v) => !(isJsonObject(v) && v.$patch === 'replace'));
  }
  const out = original.map((v) => deepClone(v));
  const keyOf = (v: JsonValue | undefined): string | undefined =>
    isJsonObject(v) && v[key] !== undefined && v[key] !== null ? String(v[key]) : undefined;
  for (const item of patch) {
    if (!isJsonObject(item)) { out.push(deepClone(item)); continue; }
    const idx = out.findIndex((o) => isJsonObject(o) && o[key] !== undefined && String(o[key]) === String(item[key]));
    if (item.$patch === 'delete') {
      if (idx >= 0) out.splice(idx, 1);
      continue;
    }
    if (idx >= 0) {
      out[idx] = mergeMap(out[idx] as JsonObject, item, field.type);
    } else {
      out.push(mergeMap({}, item, field.type));
    }
  }
  return normalizeOrder(out, patch, original, keyOf);
}

/**
 * Kubernetes' element order after a merge (strategicpatch normalizeElementOrder): the items the
 * patch names keep the patch's order, the others keep the original's, and the two runs are
 * interleaved by original position, so a new item lands right after the patch item before it.
 */
function normalizeOrder(
  merged: JsonValue[], patch: JsonValue[], original: JsonValue[], keyOf: (v: JsonValue | undefined) => string | undefined,
): JsonValue[] {
  const patchIndex = new Map<string, number>();
  patch.forEach((p, i) => { const k = keyOf(p); if (k !== undefined && !patchIndex.has(k)) patchIndex.set(k, i); });
  const serverIndex = new Map<string, number>();
  original.forEach((o, i) => { const k = keyOf(o); if (k !== undefined && !serverIndex.has(k)) serverIndex.set(k, i); });
  const inPatch: JsonValue[] = [];
  const serverOnly: JsonValue[] = [];
  for (const m of merged) {
    const k = keyOf(m);
    (k !== undefined && patchIndex.has(k) ? inPatch : serverOnly).push(m);
  }
  inPatch.sort((a, b) => patchIndex.get(keyOf(a)!)! - patchIndex.get(keyOf(b)!)!);
  const pos = (v: JsonValue): number => { const k = keyOf(v); return k === undefined ? -1 : serverIndex.get(k) ?? -1; };
  const out: JsonValue[] = [];
  let i = 0;
  let j = 0;
  while (i < inPatch.length || j < serverOnly.length) {
    if (i >= inPatch.length) { out.push(serverOnly[j++]!); continue; }
    if (j >= serverOnly.length) { out.push(inPatch[i++]!); continue; }
    const li = pos(inPatch[i]!);
    const ri = pos(serverOnly[j]!);
    if (li >= 0 && ri >= 0 && !(li < ri)) out.push(serverOnly[j++]!);
    else out.push(inPatch[i++]!);
  }
  return out;
}
