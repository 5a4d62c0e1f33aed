/**
 * destinationrule.SubsetSelectPodAnalyzer: DestinationRule hosts that match no Service or
 * ServiceEntry (IST0174) and subsets whose labels select no pod anywhere (IST0173). Pods are matched
 * with the topology labels Istio adds from their node (region, zone, subzone, hostname).
 */
import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj, str, strMap, strs, type Resource } from '../resource.js';
import { ANY_SCOPE, LabelIndex } from './label-index.js';
import { EXPORT_ALL, EXPORT_LOCAL, hostToFqdn } from './util.js';

const REGION = 'topology.kubernetes.io/region';
const ZONE = 'topology.kubernetes.io/zone';
const SUBZONE = 'topology.istio.io/subzone';
const HOSTNAME = 'kubernetes.io/hostname';

/** What a DestinationRule host resolves to: only ServiceEntries carry a workload selector. */
interface HostEntry {
  readonly workloadLabels: Readonly<Record<string, string>>;
}

/** ServiceEntry and Service hosts keyed `scope/fqdn`, Services last so they win (istioctl's map). */
class ScopedHosts {
  private readonly exact = new Map<string, HostEntry>();
  private readonly wildcards: Array<{ scope: string; suffix: string; entry: HostEntry }> = [];

  private add(scope: string, namespace: string, host: string, entry: HostEntry): void {
    const fqdn = hostToFqdn(namespace, host);
    this.exact.set(`${scope}/${fqdn}`, entry);
    if (fqdn.startsWith('*')) this.wildcards.push({ scope, suffix: fqdn.slice(1), entry });
  }

  constructor(serviceEntries: readonly Resource[], services: readonly Resource[]) {
    for (const se of serviceEntries) {
      const entry = { workloadLabels: strMap(obj(se.spec['workloadSelector'])['labels']) };
      const exportTo = strs(se.spec['exportTo']);
      for (const h of strs(se.spec['hosts'])) {
        if (exportTo.length === 0) {
          this.add(EXPORT_ALL, se.namespace, h, entry);
          continue;
        }
        for (const e of exportTo) {
          this.add(e === EXPORT_LOCAL ? se.namespace : e, se.namespace, h, entry);
          if (e === EXPORT_ALL) break;
        }
      }
    }
    const none: HostEntry = { workloadLabels: {} };
    for (const s of services) {
      const anno = s.annotations['networking.istio.io/exportTo'];
      const scopes = !anno ? [EXPORT_ALL] : anno.split(',').map((x) => (x.trim() === EXPORT_LOCAL ? s.namespace : x.trim()));
      for (const scope of scopes) this.add(scope, s.namespace, s.name, none);
    }
  }

  /** istioctl's GetDestinationHost. */
  lookup(sourceNs: string, exportTo: readonly string[], host: string): HostEntry | undefined {
    const fqdn = hostToFqdn(sourceNs, host);
    const all = this.exact.get(`${EXPORT_ALL}/${fqdn}`);
    if (all) return all;
    const scopes = exportTo.length === 0 ? [sourceNs] : exportTo.map((e) => (e === EXPORT_LOCAL ? sourceNs : e));
    for (const scope of scopes) {
      const hit = this.exact.get(`${scope}/${fqdn}`);
      if (hit) return hit;
    }
    const bare = host.startsWith('*') ? host.slice(1) : host;
    for (const w of this.wildcards) {
      if ((w.scope === EXPORT_ALL || w.scope === sourceNs) && bare.endsWith(w.suffix)) return w.entry;
    }
    return undefined;
  }
}

/** A pod's labels plus the topology labels Istio derives from its node (label.AugmentLabels). */
export function augmentedPodLabels(pod: Resource, nodeLabels: ReadonlyMap<string, Readonly<Record<string, string>>>): Record<string, string> {
  const out: Record<string, string> = { ...pod.labels };
  const nodeName = str(pod.spec['nodeName']);
  const node = nodeLabels.get(nodeName);
  if (node) {
    // The locality string region/zone/subzone drops the subzone when there is no zone.
    const region = node[REGION] ?? '';
    const zone = node[ZONE] ?? '';
    const subzone = zone ? (node[SUBZONE] ?? '') : '';
    if (region) out[REGION] = region;
    if (zone) out[ZONE] = zone;
    if (subzone) out[SUBZONE] = subzone;
  }
  if (nodeName) out[HOSTNAME] = nodeName;
  return out;
}

export const subsetSelectPodAnalyzer: Analyzer = {
  name: 'destinationrule.SubsetSelectPodAnalyzer',
  description: 'Reports DestinationRule subsets whose labels select none of the host\'s pods',
  inputs: [K.DestinationRule, K.Pod, K.Service, K.ServiceEntry, K.Node],
  analyze(ctx) {
    const hosts = new ScopedHosts(ctx.snapshot.list(K.ServiceEntry), ctx.snapshot.list(K.Service));
    const nodeLabels = new Map(ctx.snapshot.list(K.Node).map((n) => [n.name, n.labels] as const));
    let pods: LabelIndex<Resource> | undefined;

    for (const dr of ctx.snapshot.list(K.DestinationRule)) {
      const host = str(dr.spec['host']);
      const entry = hosts.lookup(dr.namespace, strs(dr.spec['exportTo']), host);
      if (!entry) {
        ctx.report(newMessage('UnknownDestinationRuleHost', dr, [host]));
        continue;
      }
      const subsets = new Map<string, Record<string, string>>();
      for (const s of arr(dr.spec['subsets']).map(obj)) subsets.set(str(s['name']), { ...entry.workloadLabels, ...strMap(s['labels']) });
      if (subsets.size === 0) continue;
      if (!pods) {
        pods = new LabelIndex<Resource>();
        for (const p of ctx.snapshot.list(K.Pod)) pods.add(p.namespace, augmentedPodLabels(p, nodeLabels), p);
      }
      for (const [name, selector] of subsets) {
        if (!pods.has(ANY_SCOPE, selector)) ctx.report(newMessage('DestinationRuleSubsetNotSelectPods', dr, [name]));
      }
    }
  },
};
