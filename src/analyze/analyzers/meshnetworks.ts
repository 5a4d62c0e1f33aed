import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj, str, type Resource } from '../resource.js';

/** Service registries Istio knows without a remote-cluster secret (provider IDs). */
const KNOWN_REGISTRIES = ['Mock', 'Kubernetes', 'External'];
const MULTICLUSTER_SECRET_LABEL = 'istio/multiCluster';

export const meshNetworksAnalyzer: Analyzer = {
  name: 'meshnetworks.MeshNetworksAnalyzer',
  description: 'Reports mesh networks entries whose fromRegistry is neither a built-in registry nor a known remote cluster',
  inputs: [K.MeshNetworks, K.Secret],
  analyze(ctx) {
    const networks = obj(ctx.meshNetworks['networks']);
    if (Object.keys(networks).length === 0) return;
    // Remote-cluster secrets add their cluster IDs (data keys) as registries.
    const registries = new Set(KNOWN_REGISTRIES);
    for (const s of ctx.snapshot.list(K.Secret)) {
      if (s.labels[MULTICLUSTER_SECRET_LABEL] === 'true') for (const k of Object.keys(obj(s.object['data']))) registries.add(k);
    }
    // The mesh networks config is one object, named as istioctl names it.
    const resource: Resource = {
      key: K.MeshNetworks,
      group: '',
      version: 'v1alpha1',
      kind: 'MeshNetworks',
      name: 'meshnetworks',
      namespace: ctx.istioNamespace,
      labels: {},
      annotations: {},
      object: ctx.meshNetworks,
      spec: ctx.meshNetworks,
      origin: { file: undefined, line: 0, cluster: 'default', fieldLine: () => undefined },
    };
    for (const [network, def] of Object.entries(networks)) {
      for (const e of arr(obj(def)['endpoints'])) {
        const from = obj(e)['fromRegistry'];
        if (from === undefined) continue;
        if (!registries.has(str(from))) ctx.report(newMessage('UnknownMeshNetworksServiceRegistry', resource, [str(from), network]));
      }
    }
  },
};
