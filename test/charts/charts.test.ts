/**
 * sailctl's charts, rendered by Go's own template engine: every object of every chart under every
 * profile value set validates against the Kubernetes OpenAPI schema of its kind, names follow the
 * revision, and the objects istiod and the proxies need are there.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { builtinProfileValues } from '../../src/manifest/generate.js';
import { CHARTS, GO_MISSING, renderWithGo, validateObject, type Obj } from './support.js';

const CHART_SETS: Array<{ chart: string; root?: string }> = [
  { chart: 'base' },
  { chart: 'istio-control/istio-discovery' },
  { chart: 'gateways/istio-ingress' },
  { chart: 'gateways/istio-egress' },
  { chart: 'istio-cni' },
  { chart: 'ztunnel', root: 'ztunnel' },
];

const VALUE_SETS: Record<string, Record<string, unknown>> = {
  default: {},
  demo: { profile: 'demo' },
  ambient: { profile: 'ambient', cni: { ambient: { enabled: true } } },
  preview: { profile: 'preview' },
  stable: { profile: 'stable' },
  remote: { profile: 'remote' },
  openshift: { global: { platform: 'openshift' } },
  gke: { global: { platform: 'gke' } },
  'compat-1.25': { compatibilityVersion: '1.25' },
  revision: { revision: 'canary' },
  networkPolicy: { global: { networkPolicy: { enabled: true } } },
};

describe.skipIf(GO_MISSING)('charts rendered with Go text/template', () => {
  const rendered = new Map<string, Obj[]>();
  beforeAll(() => {
    for (const { chart, root } of CHART_SETS) {
      for (const [set, values] of Object.entries(VALUE_SETS)) {
        rendered.set(`${chart}|${set}`, renderWithGo(chart, builtinProfileValues(structuredClone(values) as never, CHARTS, root)));
      }
    }
  }, 120_000);

  for (const { chart } of CHART_SETS) {
    for (const set of Object.keys(VALUE_SETS)) {
      it(`${chart} (${set}): every object validates against its Kubernetes schema`, async () => {
        const objects = rendered.get(`${chart}|${set}`)!;
        expect(objects.length).toBeGreaterThan(0);
        const errors = (await Promise.all(objects.map(validateObject))).flat();
        expect(errors).toEqual([]);
      });
    }
  }

  const names = (set: string, chart: string) => rendered.get(`${chart}|${set}`)!.map((o) => `${o.kind}/${o.metadata.name}`).sort();

  it('istiod renders its service, config, webhooks, RBAC and autoscaling', () => {
    expect(names('default', 'istio-control/istio-discovery')).toEqual([
      'ClusterRole/istio-reader-clusterrole-istio-system',
      'ClusterRole/istiod-clusterrole-istio-system',
      'ClusterRole/istiod-gateway-controller-istio-system',
      'ClusterRoleBinding/istio-reader-clusterrole-istio-system',
      'ClusterRoleBinding/istiod-clusterrole-istio-system',
      'ClusterRoleBinding/istiod-gateway-controller-istio-system',
      'ConfigMap/istio',
      'ConfigMap/istio-sidecar-injector',
      'ConfigMap/values',
      'Deployment/istiod',
      'HorizontalPodAutoscaler/istiod',
      'MutatingWebhookConfiguration/istio-sidecar-injector',
      'PodDisruptionBudget/istiod',
      'Role/istiod',
      'RoleBinding/istiod',
      'Service/istiod',
      'ServiceAccount/istiod',
      'ValidatingWebhookConfiguration/istio-validator-istio-system',
    ]);
  });

  it('a revision suffixes every istiod object and selects by istio.io/rev', () => {
    const objs = rendered.get('istio-control/istio-discovery|revision')!;
    const dep = objs.find((o) => o.kind === 'Deployment')!;
    expect(dep.metadata.name).toBe('istiod-canary');
    expect((dep as { spec: { selector: unknown } }).spec.selector).toEqual({ matchLabels: { app: 'istiod', 'istio.io/rev': 'canary' } });
    const mwc = objs.find((o) => o.kind === 'MutatingWebhookConfiguration') as unknown as { metadata: { name: string }; webhooks: Array<{ name: string; namespaceSelector: unknown }> };
    expect(mwc.metadata.name).toBe('istio-sidecar-injector-canary');
    // Only the revision's own webhooks: the plain istio-injection=enabled ones belong to the default revision.
    expect(mwc.webhooks.map((w) => w.name)).toEqual(['rev.namespace.sidecar-injector.istio.io', 'rev.object.sidecar-injector.istio.io']);
    expect(mwc.webhooks[0]!.namespaceSelector).toEqual({ matchExpressions: [
      { key: 'istio.io/rev', operator: 'In', values: ['canary'] },
      { key: 'istio-injection', operator: 'DoesNotExist' },
    ] });
    expect(objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === 'istio-sidecar-injector-canary')).toBeDefined();
  });

  it('istiod is the real image with the ports and env istiod needs', () => {
    const dep = rendered.get('istio-control/istio-discovery|default')!.find((o) => o.kind === 'Deployment') as unknown as {
      spec: { template: { spec: { containers: Array<{ image: string; ports: Array<{ containerPort: number }>; env: Array<{ name: string }> }> } } };
    };
    const c = dep.spec.template.spec.containers[0]!;
    expect(c.image).toBe('docker.io/istio/pilot:1.30.3');
    expect(c.ports.map((p) => p.containerPort)).toEqual([8080, 15010, 15012, 15017, 15014]);
    expect(c.env.map((e) => e.name)).toEqual(expect.arrayContaining(['REVISION', 'POD_NAME', 'POD_NAMESPACE', 'SERVICE_ACCOUNT', 'PILOT_CERT_PROVIDER', 'CLUSTER_ID', 'KUBECONFIG']));
    const svc = rendered.get('istio-control/istio-discovery|default')!.find((o) => o.kind === 'Service') as unknown as { spec: { ports: Array<{ port: number }> } };
    expect(svc.spec.ports.map((p) => p.port)).toEqual([15010, 15012, 443, 15014]);
  });

  it('the validating webhook stays fail-open until istiod takes over', () => {
    const vwc = rendered.get('istio-control/istio-discovery|default')!.find((o) => o.kind === 'ValidatingWebhookConfiguration') as unknown as { webhooks: Array<{ failurePolicy: string }> };
    expect(vwc.webhooks.map((w) => w.failurePolicy)).toEqual(['Ignore']);
  });

  it('profile value sets reach the charts: demo disables autoscaling, ambient uses distroless and HBONE', () => {
    expect(names('demo', 'istio-control/istio-discovery')).not.toContain('HorizontalPodAutoscaler/istiod');
    const demoIngress = rendered.get('gateways/istio-ingress|demo')!.find((o) => o.kind === 'Service') as unknown as { spec: { ports: Array<{ port: number }> } };
    expect(demoIngress.spec.ports.map((p) => p.port)).toEqual([15021, 80, 443, 31400, 15443]);
    const ambient = rendered.get('istio-control/istio-discovery|ambient')!;
    const dep = ambient.find((o) => o.kind === 'Deployment') as unknown as { spec: { template: { spec: { containers: Array<{ image: string; env: Array<{ name: string; value?: string }> }> } } } };
    expect(dep.spec.template.spec.containers[0]!.image).toBe('docker.io/istio/pilot:1.30.3-distroless');
    expect(dep.spec.template.spec.containers[0]!.env).toContainEqual({ name: 'PILOT_ENABLE_AMBIENT', value: 'true' });
    const mesh = ambient.find((o) => o.metadata.name === 'istio') as unknown as { data: { mesh: string } };
    expect(mesh.data.mesh).toContain('ISTIO_META_ENABLE_HBONE: "true"');
  });

  it('remote profile drops the mesh and injector ConfigMaps', () => {
    const n = names('remote', 'istio-control/istio-discovery');
    expect(n).not.toContain('ConfigMap/istio');
    expect(n).not.toContain('ConfigMap/istio-sidecar-injector');
  });

  it('base carries every Istio CRD, labelled by the chart', () => {
    const crds = rendered.get('base|default')!.filter((o) => o.kind === 'CustomResourceDefinition');
    expect(crds.map((c) => c.metadata.name)).toHaveLength(15);
    for (const c of crds) expect((c.metadata as { labels?: Record<string, string> }).labels?.['app.kubernetes.io/part-of']).toBe('istio');
  });

  it('gateways are injected by istiod through the gateway template', () => {
    const dep = rendered.get('gateways/istio-ingress|default')!.find((o) => o.kind === 'Deployment') as unknown as {
      spec: { template: { metadata: { labels: Record<string, string>; annotations: Record<string, string> }; spec: { containers: Array<{ image: string }> } } };
    };
    expect(dep.spec.template.spec.containers[0]!.image).toBe('auto');
    expect(dep.spec.template.metadata.annotations['inject.istio.io/templates']).toBe('gateway');
    expect(dep.spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
  });

  it('openshift: CNI via Multus, not chained', () => {
    const cm = rendered.get('istio-cni|openshift')!.find((o) => o.kind === 'ConfigMap') as unknown as { data: Record<string, string> };
    expect(cm.data.CHAINED_CNI_PLUGIN).toBe('false');
    expect(cm.data.CNI_CONF_NAME).toBe('istio-cni.conf');
  });
});
