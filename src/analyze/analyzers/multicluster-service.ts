/**
 * IST0170: one Service (same namespace and name) defined differently in the clusters of a
 * multi-cluster analysis (--remote-contexts). Istio merges a Service's endpoints across clusters,
 * so clusters disagreeing on its type, its ports or whether it is headless give behaviour that
 * depends on which cluster a proxy happens to read first. The comparison is istioctl 1.30's: each
 * cluster's Service against one reference cluster's, on
 * - headless (clusterIP None) in some clusters but not others: every cluster is named;
 * - spec.type;
 * - spec.ports as Go's corev1.ServicePort values (name, protocol, appProtocol, port, targetPort
 *   as int or string, nodePort), in name order.
 * istioctl picks the reference cluster and orders the clusters and reasons by map iteration
 * (random); sailctl takes the default (primary) cluster as reference and sorts both lists, so
 * the output is stable.
 */
import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { DEFAULT_CLUSTER, arr, fullName, num, obj, str, type JsonObject, type Resource } from '../resource.js';

const HEADLESS = 'None';
const MIXED_HEADLESS = 'service has mixed mode like headless and clusterIP';
const TYPE_DIFFERS = 'service type is inconsistent';
const PORTS_DIFFER = 'service ports are inconsistent';

/** A port as the Go struct holds it after decoding, so equal structs give equal keys. */
function portKey(p: JsonObject): string {
  const target = p['targetPort'];
  // intstr.IntOrString: a JSON string is the string form, anything else (or absent) the int form.
  const targetKey = typeof target === 'string' ? `s:${target}` : `i:${num(target) ?? 0}`;
  const app = p['appProtocol'];
  return JSON.stringify([str(p['name']), str(p['protocol']), app === undefined || app === null ? null : str(app), num(p['port']) ?? 0, targetKey, num(p['nodePort']) ?? 0]);
}

function portsKey(spec: JsonObject): string {
  const ports = arr(spec['ports']).map(obj);
  // Array.prototype.sort is stable, as Go's sort.SliceStable.
  ports.sort((a, b) => {
    const na = str(a['name']);
    const nb = str(b['name']);
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
  return JSON.stringify(ports.map(portKey));
}

interface Inconsistency {
  clusters: string[];
  reasons: string;
}

/** The clusters that differ from the reference (first) one, and why; undefined when all agree. */
export function findInconsistencies(byCluster: ReadonlyMap<string, Resource>): Inconsistency | undefined {
  const entries = [...byCluster];
  const [referenceCluster, reference] = entries[0] as [string, Resource];
  const refHeadless = str(reference.spec['clusterIP']) === HEADLESS;
  const refType = str(reference.spec['type']);
  const refPorts = portsKey(reference.spec);
  const clusters = new Set<string>();
  const reasons = new Set<string>();
  for (const [cluster, svc] of entries) {
    if (!reasons.has(MIXED_HEADLESS) && (str(svc.spec['clusterIP']) === HEADLESS) !== refHeadless) {
      for (const c of byCluster.keys()) clusters.add(c);
      reasons.add(MIXED_HEADLESS);
    }
    if (str(svc.spec['type']) !== refType) {
      clusters.add(cluster);
      reasons.add(TYPE_DIFFERS);
    }
    if (portsKey(svc.spec) !== refPorts) {
      clusters.add(cluster);
      reasons.add(PORTS_DIFFER);
    }
  }
  if (clusters.size === 0) return undefined;
  clusters.add(referenceCluster);
  return { clusters: [...clusters].sort(), reasons: [...reasons].sort().join('; ') };
}

export const multiClusterServiceAnalyzer: Analyzer = {
  name: 'services.MultiClusterServiceAnalyzer',
  description: 'Compares each Service with its namesakes in the other analysed clusters and reports differences in type, ports or headless mode',
  inputs: [K.Service],
  analyze(ctx) {
    if (ctx.snapshot.remoteClusters.length === 0) return;
    const services = new Map<string, Map<string, Resource>>();
    for (const r of ctx.snapshot.list(K.Service)) {
      const cluster = r.origin.cluster;
      if (cluster === '') continue;
      const id = fullName(r);
      let byCluster = services.get(id);
      if (!byCluster) services.set(id, (byCluster = new Map()));
      byCluster.set(cluster, r);
    }
    for (const byCluster of services.values()) {
      if (byCluster.size < 2) continue;
      // The primary cluster first: it is the reference and the resource the message is about.
      const ordered = new Map([...byCluster].sort(([a], [b]) => (a === DEFAULT_CLUSTER ? -1 : b === DEFAULT_CLUSTER ? 1 : 0)));
      const found = findInconsistencies(ordered);
      if (!found) continue;
      const svc = ordered.values().next().value as Resource;
      ctx.report(newMessage('MultiClusterInconsistentService', svc, [svc.name, svc.namespace, found.clusters, found.reasons]));
    }
  },
};
