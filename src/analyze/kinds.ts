/**
 * The resource kinds the snapshot knows, keyed by `group/Kind` ('' group for core). A document of
 * any other kind is skipped silently, as istioctl does (its schemas do not know it).
 */
export interface KindInfo {
  readonly group: string;
  readonly kind: string;
  /** API versions accepted for this kind (istioctl accepts every served version). */
  readonly versions: readonly string[];
  readonly clusterScoped: boolean;
  /**
   * Runtime kinds come from a live cluster; istioctl drops them when read from files
   * (Service, Namespace, Node, Pod, Secret).
   */
  readonly runtime: boolean;
  /** Istio config kinds get schema validation analyzers. */
  readonly istio: boolean;
}

function k(group: string, kind: string, versions: string[], opts: Partial<Pick<KindInfo, 'clusterScoped' | 'runtime' | 'istio'>> = {}): KindInfo {
  return { group, kind, versions, clusterScoped: opts.clusterScoped ?? false, runtime: opts.runtime ?? false, istio: opts.istio ?? false };
}

const NET = ['v1alpha3', 'v1beta1', 'v1'];
const SEC = ['v1beta1', 'v1'];
const GW_API = ['v1alpha2', 'v1beta1', 'v1'];

export const KINDS: readonly KindInfo[] = [
  // Istio configuration, in istioctl's schema-analyzer order (collections.Istio, sorted by kind).
  k('security.istio.io', 'AuthorizationPolicy', SEC, { istio: true }),
  k('networking.istio.io', 'DestinationRule', NET, { istio: true }),
  k('networking.istio.io', 'EnvoyFilter', ['v1alpha3'], { istio: true }),
  k('networking.istio.io', 'Gateway', NET, { istio: true }),
  k('security.istio.io', 'PeerAuthentication', SEC, { istio: true }),
  k('networking.istio.io', 'ProxyConfig', ['v1beta1'], { istio: true }),
  k('security.istio.io', 'RequestAuthentication', SEC, { istio: true }),
  k('networking.istio.io', 'ServiceEntry', NET, { istio: true }),
  k('networking.istio.io', 'Sidecar', NET, { istio: true }),
  k('telemetry.istio.io', 'Telemetry', ['v1alpha1', 'v1'], { istio: true }),
  k('extensions.istio.io', 'TrafficExtension', ['v1alpha1'], { istio: true }),
  k('networking.istio.io', 'VirtualService', NET, { istio: true }),
  k('extensions.istio.io', 'WasmPlugin', ['v1alpha1'], { istio: true }),
  k('networking.istio.io', 'WorkloadEntry', NET, { istio: true }),
  k('networking.istio.io', 'WorkloadGroup', NET, { istio: true }),
  // Kubernetes kinds the analyzers read.
  k('', 'Service', ['v1'], { runtime: true }),
  k('', 'Namespace', ['v1'], { runtime: true, clusterScoped: true }),
  k('', 'Pod', ['v1'], { runtime: true }),
  k('', 'Node', ['v1'], { runtime: true, clusterScoped: true }),
  k('', 'Secret', ['v1'], { runtime: true }),
  k('', 'ConfigMap', ['v1']),
  k('apps', 'Deployment', ['v1']),
  k('admissionregistration.k8s.io', 'MutatingWebhookConfiguration', ['v1'], { clusterScoped: true }),
  k('admissionregistration.k8s.io', 'ValidatingWebhookConfiguration', ['v1'], { clusterScoped: true }),
  k('apiextensions.k8s.io', 'CustomResourceDefinition', ['v1'], { clusterScoped: true }),
  k('gateway.networking.k8s.io', 'Gateway', GW_API),
  k('gateway.networking.k8s.io', 'GatewayClass', GW_API, { clusterScoped: true }),
  k('gateway.networking.k8s.io', 'HTTPRoute', GW_API),
  k('gateway.networking.k8s.io', 'GRPCRoute', GW_API),
  k('gateway.networking.k8s.io', 'TCPRoute', ['v1alpha2']),
  k('gateway.networking.k8s.io', 'TLSRoute', ['v1alpha2']),
  k('gateway.networking.k8s.io', 'ReferenceGrant', ['v1alpha2', 'v1beta1']),
];

/** Key of a kind in indexes: `group/Kind`. */
export type KindKey = string;

export function kindKey(group: string, kind: string): KindKey {
  return `${group}/${kind}`;
}

const BY_KEY: ReadonlyMap<KindKey, KindInfo> = new Map(KINDS.map((x) => [kindKey(x.group, x.kind), x]));

export function lookupKind(group: string, kind: string): KindInfo | undefined {
  return BY_KEY.get(kindKey(group, kind));
}

/** Kinds analyzers name as inputs. */
export const K = {
  AuthorizationPolicy: kindKey('security.istio.io', 'AuthorizationPolicy'),
  DestinationRule: kindKey('networking.istio.io', 'DestinationRule'),
  EnvoyFilter: kindKey('networking.istio.io', 'EnvoyFilter'),
  Gateway: kindKey('networking.istio.io', 'Gateway'),
  PeerAuthentication: kindKey('security.istio.io', 'PeerAuthentication'),
  ProxyConfig: kindKey('networking.istio.io', 'ProxyConfig'),
  RequestAuthentication: kindKey('security.istio.io', 'RequestAuthentication'),
  ServiceEntry: kindKey('networking.istio.io', 'ServiceEntry'),
  Sidecar: kindKey('networking.istio.io', 'Sidecar'),
  Telemetry: kindKey('telemetry.istio.io', 'Telemetry'),
  TrafficExtension: kindKey('extensions.istio.io', 'TrafficExtension'),
  VirtualService: kindKey('networking.istio.io', 'VirtualService'),
  WasmPlugin: kindKey('extensions.istio.io', 'WasmPlugin'),
  WorkloadEntry: kindKey('networking.istio.io', 'WorkloadEntry'),
  WorkloadGroup: kindKey('networking.istio.io', 'WorkloadGroup'),
  Service: kindKey('', 'Service'),
  Namespace: kindKey('', 'Namespace'),
  Pod: kindKey('', 'Pod'),
  Node: kindKey('', 'Node'),
  Secret: kindKey('', 'Secret'),
  ConfigMap: kindKey('', 'ConfigMap'),
  Deployment: kindKey('apps', 'Deployment'),
  MutatingWebhookConfiguration: kindKey('admissionregistration.k8s.io', 'MutatingWebhookConfiguration'),
  ValidatingWebhookConfiguration: kindKey('admissionregistration.k8s.io', 'ValidatingWebhookConfiguration'),
  CustomResourceDefinition: kindKey('apiextensions.k8s.io', 'CustomResourceDefinition'),
  KubernetesGateway: kindKey('gateway.networking.k8s.io', 'Gateway'),
  HTTPRoute: kindKey('gateway.networking.k8s.io', 'HTTPRoute'),
  /** Synthetic: the mesh configuration (from --meshConfigFile or defaults), always present. */
  MeshConfig: 'sailctl.internal/MeshConfig',
  MeshNetworks: 'sailctl.internal/MeshNetworks',
} as const;

/** Namespaces istioctl never analyses (Kubernetes system namespaces). */
export const IGNORED_NAMESPACES: ReadonlySet<string> = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);
