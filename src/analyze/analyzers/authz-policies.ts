/**
 * auth.AuthorizationPoliciesAnalyzer: policies that select no running mesh workload (IST0127) and
 * source namespaces that match no Namespace (IST0101).
 */
import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj, str, strMap, strs, type Resource } from '../resource.js';
import { ANY_SCOPE, LabelIndex } from './label-index.js';
import { selectorString } from './util.js';

const AMBIENT_REDIRECTION = 'ambient.istio.io/redirection';

/** Istio's PodInMesh: a proxy container with an image, else the inject label/annotation, else the namespace label. */
export function podInMesh(pod: Resource, injectedNamespaces: ReadonlyMap<string, boolean>): boolean {
  const containers = [...arr(pod.spec['containers']), ...arr(pod.spec['initContainers'])];
  const proxy = containers.find((c) => str(obj(c)['name']) === 'istio-proxy');
  if (proxy && str(obj(proxy)['image']) !== '') return true;
  return workloadInMesh(pod.labels, pod.annotations, pod.namespace, injectedNamespaces);
}

/** The label/annotation/namespace part of Istio's inMesh decision. */
export function workloadInMesh(
  labels: Readonly<Record<string, string>>,
  annotations: Readonly<Record<string, string>>,
  namespace: string,
  injectedNamespaces: ReadonlyMap<string, boolean>,
): boolean {
  const inject = 'sidecar.istio.io/inject';
  if (inject in labels) return labels[inject] === 'true';
  if (inject in annotations) return annotations[inject] === 'true';
  return injectedNamespaces.get(namespace) ?? false;
}

/** Namespace name -> whether it has istio-injection=enabled (absent namespaces are not in the map). */
export function namespaceInjection(namespaces: readonly Resource[]): Map<string, boolean> {
  return new Map(namespaces.map((n) => [n.name, n.labels['istio-injection'] === 'enabled']));
}

/** Sorted namespace names (and reversed names) answer `prefix*` and `*suffix` by binary search. */
class NamespaceMatcher {
  private readonly exact = new Set<string>();
  private readonly sorted: string[];
  private readonly reversedSorted: string[];
  private readonly any: boolean;

  constructor(names: readonly string[]) {
    for (const n of names) this.exact.add(n.toLowerCase());
    this.sorted = [...names].sort();
    this.reversedSorted = names.map(reverse).sort();
    this.any = names.length > 0;
  }

  /** istioctl's namespaceMatch over every Namespace: `*`, `*suffix`, `prefix*` or a case-insensitive name. */
  matches(exp: string): boolean {
    if (exp === '*') return this.any;
    if (exp.startsWith('*')) return hasPrefix(this.reversedSorted, reverse(exp.slice(1)));
    if (exp.endsWith('*')) return hasPrefix(this.sorted, exp.slice(0, -1));
    return this.exact.has(exp.toLowerCase());
  }
}

function reverse(s: string): string {
  return [...s].reverse().join('');
}

function hasPrefix(sorted: readonly string[], prefix: string): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as string) < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && (sorted[lo] as string).startsWith(prefix);
}

export const authorizationPoliciesAnalyzer: Analyzer = {
  name: 'auth.AuthorizationPoliciesAnalyzer',
  description: 'Reports AuthorizationPolicies whose selector matches no workload or whose rules name namespaces that do not exist',
  inputs: [K.MeshConfig, K.AuthorizationPolicy, K.Namespace, K.Pod],
  analyze(ctx) {
    const namespaces = ctx.snapshot.list(K.Namespace);
    const injected = namespaceInjection(namespaces);
    const meshPods = new LabelIndex<Resource>();
    for (const p of ctx.snapshot.list(K.Pod)) {
      if (podInMesh(p, injected) || p.annotations[AMBIENT_REDIRECTION] === 'enabled') meshPods.add(p.namespace, p.labels, p);
    }
    const nsMatcher = new NamespaceMatcher(namespaces.map((n) => n.name));
    const rootNamespace = str(ctx.meshConfig['rootNamespace']);

    for (const r of ctx.snapshot.list(K.AuthorizationPolicy)) {
      const sel = r.spec['selector'];
      const hasSelector = sel !== undefined && sel !== null;
      const matchLabels = strMap(obj(sel)['matchLabels']);
      if (r.namespace === rootNamespace) {
        // A mesh-wide policy may select workloads in any namespace.
        if (hasSelector && !meshPods.has(ANY_SCOPE, matchLabels)) ctx.report(newMessage('NoMatchingWorkloadsFound', r, [selectorString(matchLabels)]));
      } else if (!hasSelector) {
        if (!meshPods.has(r.namespace, {})) ctx.report(newMessage('NoMatchingWorkloadsFound', r, ['']));
      } else if (!meshPods.has(r.namespace, matchLabels)) {
        ctx.report(newMessage('NoMatchingWorkloadsFound', r, [selectorString(matchLabels)]));
      }

      arr(r.spec['rules']).forEach((rule, i) => {
        arr(obj(rule)['from']).forEach((from, j) => {
          const source = obj(obj(from)['source']);
          // istioctl points NotNamespaces entries at the namespaces list's line of the same index.
          for (const list of [strs(source['namespaces']), strs(source['notNamespaces'])]) {
            list.forEach((ns, k) => {
              if (!nsMatcher.matches(ns)) ctx.report(newMessage('ReferencedResourceNotFound', r, ['namespace', ns], `{.spec.rules[${i}].from[${j}].source.namespaces[${k}]}`));
            });
          }
        });
      });
    }
  },
};
