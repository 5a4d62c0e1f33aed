/** analyze against the local API server, in-process: cluster state, file overlay, scoping, RBAC, faults. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { analyzeCommand } from '../../src/cli/commands/analyze.js';
import { ClusterSource, inRevision, readClusterMeshSettings, type ClusterReader } from '../../src/analyze/cluster-source.js';
import { KubeApiError, KubeClient } from '../../src/kube/index.js';
import { parseYamlDocument } from '../../src/util/yaml.js';
import { fakeIO } from '../support/fake-io.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';
import { injectorWebhook, namespace, plainPod, injectedPod } from '../support/istio-fixtures.js';
import type { JsonObject } from '../support/kube-server/fields.js';

let server: KubeServer;
let kc: string;
const dir = mkdtempSync(join(tmpdir(), 'sailctl-analyze-cluster-'));
const home = mkdtempSync(join(tmpdir(), 'sailctl-home-'));

function crd(group: string, kind: string, plural: string, versions: string[]): JsonObject {
  return {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: `${plural}.${group}` },
    spec: { group, scope: 'Namespaced', names: { kind, plural }, versions: versions.map((v, i) => ({ name: v, served: true, storage: i === versions.length - 1 })) },
  };
}

function virtualService(name: string, ns: string, host: string, labels: Record<string, string> = {}): JsonObject {
  return {
    apiVersion: 'networking.istio.io/v1',
    kind: 'VirtualService',
    metadata: { name, namespace: ns, labels },
    spec: { hosts: [`${name}.example.com`], http: [{ route: [{ destination: { host } }] }] },
  };
}

async function analyze(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIO({ env: { HOME: home, ...env } });
  const code = await runCli([analyzeCommand], ['analyze', '-c', kc, ...args], io);
  return { code, out: io.out(), err: io.err() };
}

beforeAll(async () => {
  server = await startKubeServer();
  kc = writeKubeconfig(server.url);
  // CRDs go through the API so that the server registers their kinds.
  const setup = KubeClient.connect({ kubeconfig: kc, env: {}, timeoutMs: 5000 });
  try {
    for (const [kind, plural] of [['VirtualService', 'virtualservices'], ['DestinationRule', 'destinationrules'], ['Gateway', 'gateways']] as const) {
      await setup.apply(crd('networking.istio.io', kind, plural, ['v1alpha3', 'v1beta1', 'v1']) as never);
    }
  } finally {
    setup.close();
  }
  server.seed(namespace('istio-system'));
  server.seed(namespace('apps', { 'istio-injection': 'enabled' }));
  server.seed(namespace('plain'));
  server.seed(injectorWebhook('default'));
  server.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-system' }, data: { mesh: 'rootNamespace: istio-system\ningressService: my-ingress\n', meshNetworks: 'networks: {}\n' } });
  server.seed(plainPod('web-1', 'apps', { app: 'web' }));
  server.seed(injectedPod('api-1', 'apps', 'default', '1.30.3', { app: 'api' }));
  server.seed({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'reviews', namespace: 'default' }, spec: { selector: { app: 'reviews' }, ports: [{ name: 'foo', port: 9080, targetPort: 9080 }] } });
  server.seed({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'istiod', namespace: 'istio-system' }, spec: { selector: { app: 'istiod' }, ports: [{ name: 'https-webhook', port: 443, targetPort: 15017 }] } });
  server.seed(virtualService('broken', 'default', 'nowhere'));
  server.seed(virtualService('ok', 'default', 'reviews'));
  server.seed(virtualService('canary-only', 'default', 'also-nowhere', { 'istio.io/rev': 'canary' }));
  server.seed({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sh.helm.release.v1.x.v1', namespace: 'default' }, type: 'helm.sh/release.v1', data: {} });
  server.seed({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls', namespace: 'default' }, type: 'kubernetes.io/tls', data: {} });
  server.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'unrelated', namespace: 'istio-system' }, data: {} });
  server.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio-leader', namespace: 'istio-system', annotations: { 'control-plane.alpha.kubernetes.io/leader': '{}' } }, data: {} });
});
afterAll(async () => server.stop());
afterEach(() => {
  server.forbidden = [];
  server.faults = [];
});

describe('ClusterSource', () => {
  const client = () => KubeClient.connect({ kubeconfig: kc, env: {}, timeoutMs: 5000 });

  it('lists known kinds with istioctl filters: revision, helm/token secrets, istio* ConfigMaps in the Istio namespace', async () => {
    const c = client();
    try {
      const src = new ClusterSource({ client: c, istioNamespace: 'istio-system', revision: 'default', selectedNamespace: 'default' });
      const { resources } = await src.load();
      const ids = resources.map((r) => `${r.kind}/${r.namespace}/${r.name}`);
      expect(ids).toContain('VirtualService/default/broken');
      expect(ids).not.toContain('VirtualService/default/canary-only');
      expect(ids).toContain('Secret/default/tls');
      expect(ids).not.toContain('Secret/default/sh.helm.release.v1.x.v1');
      expect(ids).toContain('ConfigMap/istio-system/istio');
      expect(ids).not.toContain('ConfigMap/istio-system/unrelated');
      expect(ids).not.toContain('ConfigMap/istio-system/istio-leader');
      expect(ids).toContain('MutatingWebhookConfiguration//istio-sidecar-injector');
      expect(ids.some((id) => id.startsWith('Namespace//kube-'))).toBe(false);
      // Cluster objects carry no file: messages print no reference for them.
      expect(resources.every((r) => r.origin.file === undefined)).toBe(true);
      // Istio CRDs this server lacks are reported as unserved, not as errors.
      expect(src.unserved).toContain('networking.istio.io/ServiceEntry');
      expect(src.listed.find((l) => l.kind === 'VirtualService')?.apiVersion).toBe('networking.istio.io/v1');
      const canary = new ClusterSource({ client: c, istioNamespace: 'istio-system', revision: 'canary', selectedNamespace: 'default' });
      const canaryIds = (await canary.load()).resources.map((r) => `${r.kind}/${r.namespace}/${r.name}`);
      expect(canaryIds).toContain('VirtualService/default/canary-only');
      // The default injector webhook is labelled istio.io/rev=default: not part of revision canary.
      expect(canaryIds).not.toContain('MutatingWebhookConfiguration//istio-sidecar-injector');
    } finally {
      c.close();
    }
  });

  it('lists only the kinds asked for', async () => {
    const c = client();
    try {
      const src = new ClusterSource({ client: c, kinds: ['/Pod'], istioNamespace: 'istio-system', revision: 'default', selectedNamespace: '' });
      const { resources } = await src.load();
      expect(new Set(resources.map((r) => r.kind))).toEqual(new Set(['Pod']));
      expect(resources.map((r) => r.name).sort()).toEqual(['api-1', 'web-1']);
    } finally {
      c.close();
    }
  });

  it('a namespaced kind forbidden across namespaces is listed in the selected namespace; forbidden there too, skipped', async () => {
    const c = client();
    // RBAC that grants pods only per namespace (the local server cannot express "cluster-wide only").
    const forbidden = (what: string) => new KubeApiError(403, { reason: 'Forbidden' }, `pods is forbidden: cannot list ${what}`);
    const reader = (allowed: string | undefined): ClusterReader => ({
      findMapping: (ref) => c.findMapping(ref),
      get: (ref, name, ns) => c.get(ref, name, ns),
      list: async (ref, opts) => {
        if (ref.kind === 'Pod' && (opts?.namespace === undefined || opts.namespace !== allowed)) throw forbidden(opts?.namespace ?? 'at the cluster scope');
        return c.list(ref, opts);
      },
    });
    try {
      const src = new ClusterSource({ client: reader('apps'), kinds: ['/Pod', '/Namespace'], istioNamespace: 'istio-system', revision: 'default', selectedNamespace: 'apps' });
      const { resources } = await src.load();
      expect(resources.filter((r) => r.kind === 'Pod').map((r) => r.name).sort()).toEqual(['api-1', 'web-1']);
      expect(src.warnings).toEqual(['Pod (v1) listed in namespace apps only: pods is forbidden: cannot list at the cluster scope']);
      expect(src.listed.find((l) => l.kind === 'Pod')?.scope).toBe('namespace apps');
      const denied = new ClusterSource({ client: reader('other'), kinds: ['/Pod', '/Namespace'], istioNamespace: 'istio-system', revision: 'default', selectedNamespace: 'apps' });
      const res = await denied.load();
      expect(res.resources.some((r) => r.kind === 'Pod')).toBe(false);
      expect(res.resources.some((r) => r.kind === 'Namespace')).toBe(true);
      expect(denied.warnings).toEqual(['skipping Pod (v1): pods is forbidden: cannot list apps']);
      // With -A there is no namespace to fall back to.
      const all = new ClusterSource({ client: reader('apps'), kinds: ['/Pod'], istioNamespace: 'istio-system', revision: 'default', selectedNamespace: '' });
      await all.load();
      expect(all.warnings).toEqual(['skipping Pod (v1): pods is forbidden: cannot list at the cluster scope']);
    } finally {
      c.close();
    }
  });

  it('inRevision follows istioctl: unlabelled objects belong to every revision', () => {
    expect(inRevision({}, 'default')).toBe(true);
    expect(inRevision({ 'istio.io/rev': 'default' }, 'default')).toBe(true);
    expect(inRevision({ 'istio.io/rev': 'canary' }, 'default')).toBe(false);
    expect(inRevision({ 'istio.io/rev': 'canary' }, '')).toBe(true);
  });

  it('reads the mesh config and networks from the istio ConfigMap (istio-REV first for a revision)', async () => {
    const c = client();
    const parse = (t: string) => yamlData(t);
    try {
      const m = await readClusterMeshSettings(c, 'istio-system', 'default', parse);
      expect(m.meshConfig).toEqual({ rootNamespace: 'istio-system', ingressService: 'my-ingress' });
      expect(m.meshNetworks).toEqual({ networks: {} });
      expect(m.configMap).toBe('istio-system/istio');
      server.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio-canary', namespace: 'istio-system' }, data: { mesh: 'ingressService: canary-ingress' } });
      const rev = await readClusterMeshSettings(c, 'istio-system', 'canary', parse);
      expect(rev.meshConfig).toEqual({ ingressService: 'canary-ingress' });
      expect(rev.configMap).toBe('istio-system/istio-canary');
      const none = await readClusterMeshSettings(c, 'elsewhere', 'default', parse);
      expect(none).toEqual({ meshConfig: undefined, meshNetworks: undefined, configMap: undefined, warnings: [] });
      server.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'broken-mesh' }, data: { mesh: '- a list' } });
      const bad = await readClusterMeshSettings(c, 'broken-mesh', 'default', parse);
      expect(bad.meshConfig).toBeUndefined();
      expect(bad.warnings[0]).toMatch(/^ConfigMap broken-mesh\/istio: cannot parse key mesh/);
    } finally {
      server.delete('v1', 'ConfigMap', 'istio-canary', 'istio-system');
      c.close();
    }
  });
});

// A tiny YAML reader for the mesh tests, through the project's own parser.
function yamlData(text: string): unknown {
  return parseYamlDocument(text)?.data;
}

describe('sailctl analyze with a live cluster', () => {
  it('runtime analyzers fire from cluster state; cluster resources print without a file', async () => {
    const r = await analyze([]);
    expect(r.code).toBe(79);
    const lines = r.out.trim().split('\n');
    expect(lines).toContain("Info [IST0102] (Namespace default) The namespace is not enabled for Istio injection. Run 'kubectl label namespace default istio-injection=enabled' to enable it, or 'kubectl label namespace default istio-injection=disabled' to explicitly mark it as not needing injection.");
    expect(lines).toContain("Info [IST0118] (Service default/reviews) Port name foo (port: 9080, targetPort: 9080) doesn't follow the naming convention of Istio port.");
    expect(lines.some((l) => l.startsWith('Error [IST0101] (VirtualService default/broken) Referenced host not found: "nowhere"'))).toBe(true);
    // Scoped to namespace default: the apps pod and the plain namespace are not reported.
    expect(r.out).not.toContain('IST0103');
    expect(r.out).not.toContain('Namespace plain');
    // The revision filter keeps canary's VirtualService out.
    expect(r.out).not.toContain('canary-only');
    expect(r.err).toContain('Error: Analyzers found issues when analyzing namespace: default.');
  });

  it('-n and -A scope the messages; -A reports every namespace', async () => {
    const apps = await analyze(['-n', 'apps']);
    expect(apps.out).toContain('Warning [IST0103] (Pod apps/web-1) The pod apps/web-1 is missing the Istio proxy.');
    expect(apps.out).not.toContain('Pod apps/api-1');
    expect(apps.out).not.toContain('default/broken');
    expect(apps.code).toBe(0);
    const all = await analyze(['-A', '-o', 'json']);
    const msgs = JSON.parse(all.out) as Array<{ code: string; origin: string; reference?: string }>;
    const ids = msgs.map((m) => `${m.code} ${m.origin}`);
    expect(ids).toContain('IST0103 Pod apps/web-1');
    expect(ids).toContain('IST0102 Namespace plain');
    expect(ids).toContain('IST0101 VirtualService default/broken');
    expect(msgs.every((m) => m.reference === undefined)).toBe(true);
    expect(all.code).toBe(79);
  });

  it('the kubeconfig context namespace is the default scope', async () => {
    const ctxKc = writeKubeconfig(server.url, { namespace: 'apps' });
    const io = fakeIO({ env: { HOME: home } });
    const code = await runCli([analyzeCommand], ['analyze', '-c', ctxKc], io);
    expect(io.out()).toContain('IST0103');
    expect(io.out()).not.toContain('default/broken');
    expect(code).toBe(0);
  });

  it('files overlay the cluster: same kind/namespace/name from a file wins, and file objects keep file:line', async () => {
    const f = join(dir, 'overlay.yaml');
    writeFileSync(
      f,
      [
        'apiVersion: networking.istio.io/v1',
        'kind: VirtualService',
        'metadata:',
        '  name: broken',
        'spec:',
        '  hosts: [broken.example.com]',
        '  http:',
        '  - route:',
        '    - destination:',
        '        host: reviews',
        '---',
        'apiVersion: networking.istio.io/v1',
        'kind: VirtualService',
        'metadata:',
        '  name: fromfile',
        'spec:',
        '  hosts: [fromfile.example.com]',
        '  http:',
        '  - route:',
        '    - destination:',
        '        host: missing-too',
        '',
      ].join('\n'),
    );
    const r = await analyze([f]);
    expect(r.out).not.toContain('VirtualService default/broken');
    expect(r.out).toContain(`Error [IST0101] (VirtualService default/fromfile ${f}:21) Referenced host not found: "missing-too"`);
    // The cluster's runtime objects are still there.
    expect(r.out).toContain('IST0118');
    expect(r.code).toBe(79);
  });

  it('a namespace that does not exist: a note and exit 0, as istioctl', async () => {
    const r = await analyze(['-n', 'nope']);
    expect(r.code).toBe(0);
    expect(r.err).toBe('namespace "nope" not found\n');
    expect(r.out).toBe('');
  });

  it('a kind the user may not list is a warning; the rest is analysed', async () => {
    server.forbidden.push({ verb: 'list', resource: 'secrets' });
    const r = await analyze(['-A']);
    expect(r.err).toMatch(/^Warning: skipping Secret \(v1\): .*forbidden/m);
    expect(r.out).toContain('IST0103');
    expect(r.code).toBe(79);
  });

  it('--timeout bounds reading the cluster', async () => {
    server.inject({ kind: 'delay', delayMs: 3000, times: Infinity, pathIncludes: '/pods' });
    const t0 = Date.now();
    const r = await analyze(['--timeout', '300ms']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Error: timed out after 300ms reading cluster test \(http:\/\/127\.0\.0\.1:\d+\)\n/);
    expect(Date.now() - t0).toBeLessThan(2500);
  });

  it('an unreachable cluster is one error, not a fallback to files', async () => {
    const bad = writeKubeconfig('http://127.0.0.1:1');
    const io = fakeIO({ env: { HOME: home } });
    expect(await runCli([analyzeCommand], ['analyze', '-c', bad, '--kubeclient-timeout', '2s'], io)).toBe(1);
    expect(io.err()).toMatch(/^Error: cannot reach the Kubernetes API server at http:\/\/127\.0\.0\.1:1 \(context "test"\): connection refused\n/);
    expect(io.out()).toBe('');
  });

  it('-v names the cluster, the mesh config source and the kinds listed', async () => {
    const r = await analyze(['-v', '-n', 'apps']);
    expect(r.err).toContain(`Analyzed `);
    expect(r.err).toContain('(cluster test (');
    expect(r.err).toContain('Mesh config: ConfigMap istio-system/istio');
    expect(r.err).toMatch(/Listed 2 Pod \(v1\) in all namespaces/);
    expect(r.err).toContain('Not served by the cluster (skipped): ');
  });
});
