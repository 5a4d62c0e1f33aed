/** Kubernetes objects as the manifest pipeline handles them: plain JSON with typed accessors. */
import type { JsonObject } from '../operator/types.js';
import { isJsonObject } from '../operator/types.js';

export interface K8sObject extends JsonObject {
  apiVersion: string;
  kind: string;
}

export function isK8sObject(v: unknown): v is K8sObject {
  return isJsonObject(v) && typeof v.kind === 'string' && v.kind !== '' && typeof v.apiVersion === 'string';
}

export function groupOf(obj: K8sObject): string {
  const slash = obj.apiVersion.indexOf('/');
  return slash < 0 ? '' : obj.apiVersion.slice(0, slash);
}

export function nameOf(obj: K8sObject): string {
  const md = obj.metadata;
  return isJsonObject(md) && typeof md.name === 'string' ? md.name : '';
}

export function namespaceOf(obj: K8sObject): string {
  const md = obj.metadata;
  return isJsonObject(md) && typeof md.namespace === 'string' ? md.namespace : '';
}

/** istioctl's ObjectHash: cluster-scoped RBAC is keyed without namespace. */
export function objectKey(obj: K8sObject): string {
  if (obj.kind === 'ClusterRole' || obj.kind === 'ClusterRoleBinding') return `${obj.kind}:${nameOf(obj)}`;
  return `${obj.kind}:${namespaceOf(obj)}:${nameOf(obj)}`;
}

/**
 * Objects whose YAML text is already exactly what sigs.k8s.io/yaml would write for them, except
 * for metadata.labels (the built-in CRDs: ~600 KB that need not be re-serialised). Keyed by object
 * identity: any step that changes an object makes a new one, which has no entry.
 */
export const canonicalText = new WeakMap<K8sObject, string>();
