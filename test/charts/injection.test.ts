/**
 * The injection templates in istio-sidecar-injector, executed the way istiod executes them (Go
 * text/template + sprig + the injector's function names, see inject-oracle/), produce pod parts
 * that are valid Kubernetes and carry what proxyv2 and istiod expect.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinProfileValues } from '../../src/manifest/generate.js';
import { CHARTS, GO_MISSING, injectAllWithGo, injectWithGo, renderWithGo, validateObject, type Obj } from './support.js';

type Container = { name: string; image?: string; args?: string[]; env?: Array<{ name: string; value?: string }>; restartPolicy?: string; ports?: Array<{ containerPort: number }>; readinessProbe?: unknown; startupProbe?: unknown; lifecycle?: unknown };
type PodPart = { metadata: { labels: Record<string, string>; annotations: Record<string, string> }; spec: { initContainers?: Container[]; containers?: Container[]; volumes: Array<{ name: string }> } };

function injectorValues(values: Record<string, unknown>): string {
  const objs = renderWithGo('istio-control/istio-discovery', builtinProfileValues(values as never, CHARTS));
  const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name.startsWith('istio-sidecar-injector')) as unknown as { data: { values: string } };
  return cm.data.values;
}

/** The injected part merged onto a one-container app pod, as a Pod the validator can check. */
function asPod(part: PodPart): Obj {
  const app: Container = { name: 'web', image: 'nginx' };
  const containers = [app, ...(part.spec.containers ?? []).filter((c) => c.name !== 'web')];
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', ...part.metadata }, spec: { ...part.spec, containers } } as unknown as Obj;
}

describe.skipIf(GO_MISSING)('injection templates executed like istiod', () => {
  let values: string;
  let cniValues: string;
  beforeAll(() => {
    values = injectorValues({});
    cniValues = injectorValues({ pilot: { cni: { enabled: true } } });
  }, 60_000);

  it('sidecar: istio-init programs iptables, istio-proxy runs the sidecar with probes and the SDS volumes', async () => {
    const part = injectWithGo('injection-template.yaml', values) as unknown as PodPart;
    expect(await validateObject(asPod(part))).toEqual([]);
    const init = part.spec.initContainers!;
    expect(init.map((c) => c.name)).toEqual(['istio-init']);
    expect(init[0]!.args!.slice(0, 9)).toEqual(['istio-iptables', '-p', '15001', '-z', '15006', '-u', '1337', '-m', 'REDIRECT']);
    const proxy = part.spec.containers!.find((c) => c.name === 'istio-proxy')!;
    expect(proxy.image).toBe('docker.io/istio/proxyv2:1.30.3');
    expect(proxy.args!.slice(0, 2)).toEqual(['proxy', 'sidecar']);
    expect(proxy.env!.map((e) => e.name)).toEqual(expect.arrayContaining(['CA_ADDR', 'PROXY_CONFIG', 'ISTIO_META_POD_PORTS', 'ISTIO_META_APP_CONTAINERS', 'ISTIO_META_CLUSTER_ID', 'TRUST_DOMAIN']));
    expect(proxy.env!.find((e) => e.name === 'CA_ADDR')!.value).toBe('istiod.istio-system.svc:15012');
    expect(proxy.readinessProbe).toMatchObject({ httpGet: { path: '/healthz/ready', port: 15021 } });
    expect(proxy.startupProbe).toMatchObject({ httpGet: { path: '/healthz/ready', port: 15021 } });
    expect(part.spec.volumes.map((v) => v.name)).toEqual(expect.arrayContaining(['istio-envoy', 'istio-token', 'istiod-ca-cert', 'istio-podinfo', 'istio-data']));
    expect(part.metadata.labels['security.istio.io/tlsMode']).toBe('istio');
    expect(part.metadata.annotations['kubectl.kubernetes.io/default-container']).toBe('web');
  });

  it('sidecar with CNI: istio-validation only checks the rules, without privileges', async () => {
    const part = injectWithGo('injection-template.yaml', cniValues) as unknown as PodPart;
    expect(await validateObject(asPod(part))).toEqual([]);
    const init = part.spec.initContainers![0]!;
    expect(init.name).toBe('istio-validation');
    expect(init.args).toEqual(expect.arrayContaining(['--run-validation', '--skip-rule-apply']));
    expect(part.metadata.annotations['sidecar.istio.io/interceptionMode']).toBe('REDIRECT');
  });

  it('native sidecar: istio-proxy is an always-restarting init container that drains on stop', async () => {
    const part = injectWithGo('injection-template.yaml', values, true) as unknown as PodPart;
    expect(await validateObject(asPod(part))).toEqual([]);
    expect(part.spec.containers).toBeUndefined();
    const proxy = part.spec.initContainers!.find((c) => c.name === 'istio-proxy')!;
    expect(proxy.restartPolicy).toBe('Always');
    expect(proxy.lifecycle).toMatchObject({ preStop: { exec: { command: ['pilot-agent', 'request', '--debug-port=15020', 'POST', 'drain'] } } });
  });

  it('gateway: istio-proxy runs as a router, no init container', async () => {
    const part = injectWithGo('gateway-injection-template.yaml', values) as unknown as PodPart;
    expect(await validateObject(asPod(part))).toEqual([]);
    expect(part.spec.initContainers).toBeUndefined();
    const proxy = part.spec.containers!.find((c) => c.name === 'istio-proxy')!;
    expect(proxy.args!.slice(0, 2)).toEqual(['proxy', 'router']);
  });

  it('grpc-agent: pilot-agent without Envoy serves the app over /etc/istio/proxy', async () => {
    const part = injectWithGo('grpc-agent.yaml', values) as unknown as PodPart;
    expect(await validateObject(asPod(part))).toEqual([]);
    const proxy = part.spec.containers!.find((c) => c.name === 'istio-proxy')!;
    expect(proxy.env).toEqual(expect.arrayContaining([{ name: 'DISABLE_ENVOY', value: 'true' }, { name: 'ISTIO_META_GENERATOR', value: 'grpc' }]));
    const app = part.spec.containers!.find((c) => c.name === 'web')!;
    expect(app.env).toContainEqual({ name: 'GRPC_XDS_BOOTSTRAP', value: '/etc/istio/proxy/grpc-bootstrap.json' });
  });

  for (const [template, role, kinds] of [
    ['waypoint.yaml', 'waypoint', ['ServiceAccount', 'Deployment', 'Service', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']],
    ['kube-gateway.yaml', 'router', ['ServiceAccount', 'Deployment', 'Service']],
  ] as const) {
    it(`${template}: the objects istiod deploys for a Gateway are valid and run istio-proxy as ${role}`, async () => {
      const objs = injectAllWithGo(template, values);
      expect(objs.map((o) => o.kind)).toEqual(kinds);
      const errors = (await Promise.all(objs.map(validateObject))).flat();
      expect(errors).toEqual([]);
      const dep = objs.find((o) => o.kind === 'Deployment') as unknown as { metadata: { ownerReferences: unknown[] }; spec: { template: { spec: { containers: Container[] } } } };
      expect(dep.metadata.ownerReferences).toEqual([{ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', name: 'gw', uid: '1234' }]);
      const proxy = dep.spec.template.spec.containers[0]!;
      expect(proxy.args!.slice(0, 2)).toEqual(['proxy', role]);
      expect(proxy.image).toBe('docker.io/istio/proxyv2:1.30.3');
    });
  }

  it('grpc-simple: an init container writes the xDS bootstrap the app reads', async () => {
    const part = injectWithGo('grpc-simple.yaml', values) as unknown as PodPart;
    expect(await validateObject(asPod(part))).toEqual([]);
    expect(part.spec.initContainers!.map((c) => c.name)).toEqual(['grpc-bootstrap-init']);
    expect(part.spec.containers!.find((c) => c.name === 'web')!.env).toContainEqual({ name: 'GRPC_XDS_BOOTSTRAP', value: '/var/lib/grpc/data/bootstrap.json' });
  });
});
