import { describe, expect, it } from 'vitest';
import { postProcess } from '../../src/manifest/postprocess.js';
import { COMPONENTS, componentInstances } from '../../src/operator/translate.js';
import type { K8sObject } from '../../src/manifest/objects.js';
import type { JsonObject } from '../../src/operator/types.js';

const pilot = COMPONENTS.find((c) => c.name === 'Pilot')!;
const ingress = COMPONENTS.find((c) => c.name === 'IngressGateways')!;

const rendered = (name: string, container: string): K8sObject[] => [
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { template: { spec: { containers: [{ name: container, image: 'x', env: [{ name: 'A', value: '1' }] }] } } } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ port: 80 }] } },
  { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { minAvailable: 1 } },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name }, spec: { minReplicas: 1, maxReplicas: 5 } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' } },
];

const instance = (k8s: JsonObject) =>
  componentInstances(pilot, { metadata: { namespace: 'istio-system' }, spec: { components: { pilot: { k8s } } } })[0]!;

describe('postProcess: k8s settings', () => {
  it('patches the main Deployment container, replicas, HPA, Service and PDB', () => {
    const out = postProcess(instance({
      resources: { requests: { cpu: '1' } },
      env: [{ name: 'B', value: '2' }],
      replicaCount: 3,
      hpaSpec: { maxReplicas: 9 },
      serviceAnnotations: { a: 'b' },
      podDisruptionBudget: { maxUnavailable: 1 },
      nodeSelector: { disk: 'ssd' },
    }), rendered('istiod', 'discovery'), 'istiod');
    const [dep, svc, pdb, hpa, cm] = out as JsonObject[];
    expect(dep).toMatchObject({
      spec: { replicas: 3, template: { spec: { nodeSelector: { disk: 'ssd' }, containers: [{ name: 'discovery', resources: { requests: { cpu: '1' } }, env: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }] }] } } },
    });
    expect(svc!.metadata).toEqual({ name: 'istiod', annotations: { a: 'b' } });
    expect(pdb!.spec).toEqual({ maxUnavailable: 1 });
    expect(hpa!.spec).toEqual({ minReplicas: 1, maxReplicas: 9 });
    expect(cm).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'other' } });
  });

  it('targets istiod-REV for a revision and leaves objects of other names alone', () => {
    const out = postProcess(instance({ replicaCount: 2 }), rendered('istiod', 'discovery'), 'istiod-canary');
    expect((out[0]!.spec as JsonObject).replicas).toBeUndefined();
  });

  it('keeps gateway service ports out of the Service patch (they go through values)', () => {
    const [gw] = componentInstances(ingress, { spec: { components: { ingressGateways: [{ name: 'istio-ingressgateway', k8s: { service: { type: 'NodePort', ports: [{ port: 1 }] } } }] } } });
    const out = postProcess(gw!, rendered('istio-ingressgateway', 'istio-proxy'), 'istio-ingressgateway');
    expect(out[1]!.spec).toEqual({ type: 'NodePort', ports: [{ port: 80 }] });
  });
});

describe('postProcess: overlays', () => {
  it('applies path patches to the object of the given kind and name', () => {
    const out = postProcess(instance({ overlays: [{ kind: 'Deployment', name: 'istiod', patches: [
      { path: 'spec.template.spec.containers.[name:discovery].image', value: 'custom' },
    ] }] }), rendered('istiod', 'discovery'), 'istiod');
    expect(out[0]).toMatchObject({ spec: { template: { spec: { containers: [{ name: 'discovery', image: 'custom' }] } } } });
  });

  it('reports which overlay failed', () => {
    expect(() => postProcess(instance({ overlays: [{ kind: 'Deployment', name: 'istiod', patches: [
      { path: 'spec.template.spec.containers.[name:missing].image', value: 'x' },
    ] }] }), rendered('istiod', 'discovery'), 'istiod')).toThrow('components.pilot.k8s.overlays[0] (Deployment istiod): path spec.template.spec.containers.[name:missing].image: element [name:missing] not found');
  });
});
