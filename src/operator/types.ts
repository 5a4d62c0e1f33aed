/**
 * The IstioOperator resource (install.istio.io/v1alpha1) as sailctl reads it. Every field is
 * optional: profiles, files and --set flags each carry a partial tree, merged in order.
 * Kubernetes sub-objects (affinity, probes, service, ...) are kept as plain JSON here; the schema
 * (schema.ts) checks their shape.
 */

export type JsonPrimitive = string | number | boolean | null;
export type JsonValue = JsonPrimitive | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export const IOP_API_VERSION = 'install.istio.io/v1alpha1';
export const IOP_KIND = 'IstioOperator';

export interface IstioOperator {
  apiVersion?: string;
  kind?: string;
  metadata?: IstioOperatorMetadata;
  spec?: IstioOperatorSpec;
}

export interface IstioOperatorMetadata {
  name?: string;
  namespace?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  [key: string]: JsonValue | undefined;
}

export interface IstioOperatorSpec {
  profile?: string;
  installPackagePath?: string;
  hub?: string;
  /** A string or a number (istioctl keeps `tag: 1.30` as written). */
  tag?: string | number;
  namespace?: string;
  revision?: string;
  compatibilityVersion?: string;
  meshConfig?: JsonObject;
  components?: IstioComponents;
  /** Helm values, validated against the values schema istioctl knows. */
  values?: JsonObject;
  /** Helm values passed through without validation. */
  unvalidatedValues?: JsonObject;
}

export interface IstioComponents {
  base?: BaseComponentSpec;
  pilot?: ComponentSpec;
  cni?: ComponentSpec;
  ztunnel?: ComponentSpec;
  istiodRemote?: ComponentSpec;
  ingressGateways?: GatewayComponentSpec[];
  egressGateways?: GatewayComponentSpec[];
}

export interface BaseComponentSpec {
  enabled?: boolean;
  k8s?: KubernetesResourcesSpec;
}

export interface ComponentSpec {
  enabled?: boolean;
  namespace?: string;
  hub?: string;
  tag?: string | number;
  k8s?: KubernetesResourcesSpec;
}

export interface GatewayComponentSpec extends ComponentSpec {
  name?: string;
  label?: Record<string, string>;
}

export interface KubernetesResourcesSpec {
  affinity?: JsonObject;
  env?: JsonObject[];
  hpaSpec?: JsonObject;
  imagePullPolicy?: string;
  nodeSelector?: Record<string, string>;
  podDisruptionBudget?: JsonObject;
  podAnnotations?: Record<string, string>;
  priorityClassName?: string;
  readinessProbe?: JsonObject;
  replicaCount?: number;
  resources?: JsonObject;
  service?: JsonObject;
  strategy?: JsonObject;
  tolerations?: JsonObject[];
  serviceAnnotations?: Record<string, string>;
  securityContext?: JsonObject;
  volumes?: JsonObject[];
  volumeMounts?: JsonObject[];
  overlays?: KubernetesOverlay[];
}

export interface KubernetesOverlay {
  apiVersion?: string;
  kind?: string;
  name?: string;
  patches?: Array<{ path?: string; value?: JsonValue }>;
}

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
