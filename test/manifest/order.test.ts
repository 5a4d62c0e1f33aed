import { describe, expect, it } from 'vitest';
import { kindRank, sortObjects } from '../../src/manifest/order.js';
import type { K8sObject } from '../../src/manifest/objects.js';

const obj = (apiVersion: string, kind: string, name: string, namespace?: string): K8sObject => ({
  apiVersion, kind, metadata: { name, ...(namespace ? { namespace } : {}) },
});

describe('kind ranks (istioctl objectKindOrdering)', () => {
  it.each([
    ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', -1000],
    ['v1', 'ServiceAccount', 1],
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', 1],
    ['rbac.authorization.k8s.io/v1', 'ClusterRoleBinding', 2],
    ['admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 3],
    ['v1', 'ConfigMap', 100],
    ['apps/v1', 'Deployment', 1000],
    ['autoscaling/v2', 'HorizontalPodAutoscaler', 1001],
    ['v1', 'Service', 10000],
    ['rbac.authorization.k8s.io/v1', 'Role', 1000],
    ['policy/v1', 'PodDisruptionBudget', 1000],
  ])('%s %s -> %d', (apiVersion, kind, rank) => {
    expect(kindRank(obj(apiVersion, kind, 'x'))).toBe(rank);
  });

  it('ranks by group too: a Service in another group is not a core Service', () => {
    expect(kindRank(obj('serving.knative.dev/v1', 'Service', 'x'))).toBe(1000);
  });
});

describe('sortObjects', () => {
  it('orders by rank, then group, kind and name, and keeps render order for full ties', () => {
    const input = [
      obj('v1', 'Service', 'istiod', 'istio-system'),
      obj('apps/v1', 'Deployment', 'istiod', 'istio-system'),
      obj('policy/v1', 'PodDisruptionBudget', 'istiod', 'istio-system'),
      obj('rbac.authorization.k8s.io/v1', 'RoleBinding', 'istiod', 'istio-system'),
      obj('v1', 'ConfigMap', 'istio-sidecar-injector', 'istio-system'),
      obj('v1', 'ConfigMap', 'istio', 'istio-system'),
      obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'sidecars.networking.istio.io'),
      obj('v1', 'ServiceAccount', 'b', 'ns2'),
      obj('v1', 'ServiceAccount', 'b', 'ns1'),
      obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'a'),
    ];
    const names = sortObjects(input).map((o) => `${o.kind}/${(o.metadata as { name: string }).name}/${(o.metadata as { namespace?: string }).namespace ?? ''}`);
    expect(names).toEqual([
      'CustomResourceDefinition/sidecars.networking.istio.io/',
      'ServiceAccount/b/ns2',
      'ServiceAccount/b/ns1',
      'ClusterRole/a/',
      'ConfigMap/istio/istio-system',
      'ConfigMap/istio-sidecar-injector/istio-system',
      'Deployment/istiod/istio-system',
      'PodDisruptionBudget/istiod/istio-system',
      'RoleBinding/istiod/istio-system',
      'Service/istiod/istio-system',
    ]);
  });

  it('is independent of input order except for exact ties', () => {
    const a = [obj('v1', 'Service', 'b'), obj('v1', 'Service', 'a'), obj('apps/v1', 'Deployment', 'z')];
    const b = [...a].reverse();
    expect(sortObjects(a)).toEqual(sortObjects(b));
  });
});
