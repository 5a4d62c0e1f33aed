/**
 * istioctl's install order for `manifest generate`: CRDs first, then identities and RBAC, the
 * validating webhook (so a fail-open configuration replaces an orphaned fail-closed one), config
 * before pods, pods, autoscalers, and Services last. Ties: group, kind, name, then namespace and
 * original position, so the output is byte-stable whatever order the charts emitted.
 */
import { groupOf, nameOf, type K8sObject } from './objects.js';

export function kindRank(obj: K8sObject): number {
  const gk = `${groupOf(obj)}/${obj.kind}`;
  switch (gk) {
    case 'apiextensions.k8s.io/CustomResourceDefinition': return -1000;
    case '/ServiceAccount':
    case 'rbac.authorization.k8s.io/ClusterRole': return 1;
    case 'rbac.authorization.k8s.io/ClusterRoleBinding': return 2;
    case 'admissionregistration.k8s.io/ValidatingWebhookConfiguration': return 3;
    case '/ConfigMap':
    case '/Secrets': return 100;
    case 'extensions/Deployment':
    case 'apps/Deployment': return 1000;
    case 'autoscaling/HorizontalPodAutoscaler': return 1001;
    case '/Service': return 10000;
    default: return 1000;
  }
}

const compare = (a: string | number, b: string | number): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Stable sort by istioctl's keys. istioctl stops at the name; equal names (same object name in
 * two namespaces) keep their render order there too, which is deterministic because components
 * render in a fixed order.
 */
export function sortObjects<T extends K8sObject>(objects: readonly T[]): T[] {
  return objects
    .map((obj, index) => ({ obj, index }))
    .sort((a, b) =>
      compare(kindRank(a.obj), kindRank(b.obj))
      || compare(groupOf(a.obj), groupOf(b.obj))
      || compare(a.obj.kind, b.obj.kind)
      || compare(nameOf(a.obj), nameOf(b.obj))
      || compare(a.index, b.index))
    .map((e) => e.obj);
}
