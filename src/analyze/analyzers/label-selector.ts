/**
 * Kubernetes LabelSelector semantics (matchLabels + matchExpressions) for batch B analyzers that
 * read webhook selectors, plus small helpers shared by the batch B selector analyzers.
 */
import { arr, obj, str, strMap, strs, type Resource } from '../resource.js';

export { labelSelectorMatches } from '../../util/label-selector.js';

/** Names of resources, sorted (istioctl's getNames for sidecar/telemetry messages). */
export function sortedNames(rs: readonly Resource[]): string[] {
  return rs.map((r) => r.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** `ambient.istio.io/redirection: enabled` (util.PodInAmbientMode). */
export function podInAmbientMode(pod: Resource | undefined): boolean {
  return pod !== undefined && pod.annotations['ambient.istio.io/redirection'] === 'enabled';
}

/** util.NamespaceInAmbientMode: injection labels win over the dataplane-mode label. */
export function namespaceInAmbientMode(ns: Resource | undefined): boolean {
  if (!ns) return false;
  if (ns.labels['istio-injection'] === 'enabled') return false;
  if (ns.labels['istio.io/rev']) return false;
  return ns.labels['istio.io/dataplane-mode'] === 'ambient';
}

/** Whether `labels` contains every pair of `subset` (Istio's maps.Contains). */
export function containsAll(labels: Readonly<Record<string, string>>, subset: Readonly<Record<string, string>>): boolean {
  for (const k in subset) if (labels[k] !== subset[k]) return false;
  return true;
}
