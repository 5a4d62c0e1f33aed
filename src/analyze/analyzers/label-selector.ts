/**
 * Kubernetes LabelSelector semantics (matchLabels + matchExpressions) for batch B analyzers that
 * read webhook selectors, plus small helpers shared by the batch B selector analyzers.
 */
import { arr, obj, str, strMap, strs, type Resource } from '../resource.js';

/**
 * metav1.LabelSelectorAsSelector(...).Matches(labels). An absent selector matches everything (the
 * webhook default); a selector Kubernetes would reject (unknown operator, In without values, ...)
 * matches nothing, as the Go helpers return false on the conversion error.
 */
export function labelSelectorMatches(selector: unknown, labels: Readonly<Record<string, string>>): boolean {
  if (selector === undefined || selector === null) return true;
  const sel = obj(selector);
  const matchLabels = strMap(sel['matchLabels']);
  for (const k in matchLabels) if (labels[k] !== matchLabels[k]) return false;
  for (const e of arr(sel['matchExpressions'])) {
    const expr = obj(e);
    const key = str(expr['key']);
    const values = strs(expr['values']);
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (str(expr['operator'])) {
      case 'In':
        if (values.length === 0 || !has || !values.includes(labels[key] as string)) return false;
        break;
      case 'NotIn':
        if (values.length === 0) return false;
        if (has && values.includes(labels[key] as string)) return false;
        break;
      case 'Exists':
        if (values.length > 0 || !has) return false;
        break;
      case 'DoesNotExist':
        if (values.length > 0 || has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

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
