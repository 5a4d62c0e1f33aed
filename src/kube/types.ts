/** The shapes src/kube hands out: plain Kubernetes objects, loosely typed beyond metadata. */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [field: string]: unknown;
}

export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [field: string]: unknown;
}

/** Where a kind lives in the REST API (from discovery). */
export interface ResourceMapping {
  group: string;
  version: string;
  kind: string;
  /** the URL segment, e.g. "deployments" */
  resource: string;
  namespaced: boolean;
  verbs: readonly string[];
}

export interface TypeRef {
  apiVersion: string;
  kind: string;
}

/** "Deployment/istio-system/istiod" or "ClusterRole/istiod" — how istioctl names objects in messages. */
export function objectId(o: Pick<KubeObject, 'kind' | 'metadata'>): string {
  return o.metadata.namespace ? `${o.kind}/${o.metadata.namespace}/${o.metadata.name}` : `${o.kind}/${o.metadata.name}`;
}

export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const i = apiVersion.indexOf('/');
  return i < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, i), version: apiVersion.slice(i + 1) };
}
