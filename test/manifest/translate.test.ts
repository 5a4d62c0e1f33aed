import { describe, expect, it } from 'vitest';
import {
  applyUnvalidatedValues, COMPONENTS, componentInstances, componentValues, mainResourceName, translateIstioOperator,
  type ComponentDefinition,
} from '../../src/operator/translate.js';
import type { JsonObject } from '../../src/operator/types.js';

const comp = (name: string): ComponentDefinition => COMPONENTS.find((c) => c.name === name)!;

const iop = (spec: JsonObject, metadata: JsonObject = { namespace: 'istio-system' }): JsonObject => ({
  apiVersion: 'install.istio.io/v1alpha1', kind: 'IstioOperator', metadata, spec,
});

describe('translateIstioOperator', () => {
  it('moves hub/tag/revision/compatibilityVersion into values as strings and merges meshConfig', () => {
    const out = translateIstioOperator(iop({
      hub: 'example.com/istio', tag: 1.3, revision: 'canary', compatibilityVersion: '1.28',
      meshConfig: { accessLogFile: '/dev/stdout' },
      values: { meshConfig: { enableTracing: true } },
      components: { pilot: { enabled: true } },
    }));
    expect(out.spec).toMatchObject({
      values: {
        global: { hub: 'example.com/istio', tag: '1.3' },
        revision: 'canary',
        compatibilityVersion: '1.28',
        meshConfig: { accessLogFile: '/dev/stdout', enableTracing: true },
        pilot: { enabled: true, cni: { enabled: false } },
      },
    });
  });

  it('propagates component enablement and the istio namespace', () => {
    const out = translateIstioOperator(iop({
      components: { pilot: { enabled: false }, cni: { enabled: true } },
      values: { global: { istioNamespace: 'mesh' } },
    }));
    expect((out.spec as JsonObject).values).toMatchObject({ pilot: { enabled: false, cni: { enabled: true } } });
    expect((out.metadata as JsonObject).namespace).toBe('mesh');
  });

  it("re-applies the user's values last, so they win over derived ones", () => {
    const merged = iop({ hub: 'a', components: { cni: { enabled: false } }, values: {} });
    const out = translateIstioOperator(merged, { global: { hub: 'user-hub' }, pilot: { cni: { enabled: true } } });
    expect((out.spec as JsonObject).values).toMatchObject({ global: { hub: 'user-hub' }, pilot: { cni: { enabled: true } } });
  });

  it('does not mutate its input', () => {
    const merged = iop({ hub: 'a', values: {} });
    const copy = structuredClone(merged);
    translateIstioOperator(merged);
    expect(merged).toEqual(copy);
  });

  it('merges unvalidatedValues into values', () => {
    const out = applyUnvalidatedValues(iop({ values: { a: 1, b: { c: 1 } }, unvalidatedValues: { b: { d: 2 } } }));
    expect((out.spec as JsonObject).values).toEqual({ a: 1, b: { c: 1, d: 2 } });
  });
});

describe('componentInstances', () => {
  it('enables base, pilot and the ingress gateway by default, in the IOP namespace', () => {
    const m = iop({});
    expect(componentInstances(comp('Base'), m).map((i) => i.namespace)).toEqual(['istio-system']);
    expect(componentInstances(comp('Pilot'), m)).toHaveLength(1);
    expect(componentInstances(comp('IngressGateways'), m)).toHaveLength(1);
    expect(componentInstances(comp('EgressGateways'), m)).toHaveLength(0);
    expect(componentInstances(comp('Cni'), m)).toHaveLength(0);
  });

  it('lists enabled gateways with their names, labels and namespaces', () => {
    const m = iop({ components: { ingressGateways: [
      { name: 'istio-ingressgateway', enabled: true },
      { name: 'internal', enabled: true, namespace: 'gw', label: { app: 'internal' } },
      { name: 'off', enabled: false },
    ] } });
    const gws = componentInstances(comp('IngressGateways'), m);
    expect(gws.map((g) => [g.name, g.namespace, g.label])).toEqual([
      ['istio-ingressgateway', 'istio-system', {}],
      ['internal', 'gw', { app: 'internal' }],
    ]);
  });

  it('enables a gateway through values.gateways.<gw>.enabled even when the spec disables it', () => {
    const m = iop({ components: { egressGateways: [{ name: 'istio-egressgateway', enabled: false }] }, values: { gateways: { 'istio-egressgateway': { enabled: true } } } });
    expect(componentInstances(comp('EgressGateways'), m)).toHaveLength(1);
  });

  it('falls back to istio-system without a namespace anywhere', () => {
    expect(componentInstances(comp('Pilot'), iop({}, {}))[0]!.namespace).toBe('istio-system');
  });
});

describe('componentValues', () => {
  it('gives gateways their name, labels and service ports', () => {
    const m = iop({ values: { gateways: { 'istio-ingressgateway': {} } } });
    const [gw] = componentInstances(comp('IngressGateways'), iop({ components: { ingressGateways: [
      { name: 'my-gw', label: { istio: 'my' }, k8s: { service: { ports: [{ port: 8080, name: 'http' }] } } },
    ] } }));
    const v = componentValues(gw!, m);
    expect(v.gateways).toEqual({ 'istio-ingressgateway': { name: 'my-gw', labels: { istio: 'my' }, ports: [{ port: 8080, name: 'http' }] } });
  });

  it('puts a per-component hub/tag under the component root', () => {
    const [p] = componentInstances(comp('Pilot'), iop({ components: { pilot: { hub: 'h', tag: 5 } } }));
    expect(componentValues(p!, iop({ values: {} })).pilot).toEqual({ hub: 'h', tag: '5' });
  });

  it('flattens ztunnel values to the top level, keeping global and scalars', () => {
    const m = iop({ values: { global: { hub: 'h' }, revision: 'r', pilot: { x: 1 }, ztunnel: { resourceName: 'zt', resources: { a: 1 } } } });
    const [z] = componentInstances(comp('Ztunnel'), iop({ components: { ztunnel: { enabled: true } } }));
    expect(componentValues(z!, m)).toEqual({ global: { hub: 'h' }, revision: 'r', resourceName: 'zt', resources: { a: 1 } });
  });
});

describe('mainResourceName', () => {
  it('names istiod by revision and gateways by their name', () => {
    const [p] = componentInstances(comp('Pilot'), iop({}));
    expect(mainResourceName(p!, { revision: 'canary' })).toBe('istiod-canary');
    expect(mainResourceName(p!, { revision: 'default' })).toBe('istiod');
    const [g] = componentInstances(comp('IngressGateways'), iop({ components: { ingressGateways: [{ name: 'edge' }] } }));
    expect(mainResourceName(g!, {})).toBe('edge');
  });
});
