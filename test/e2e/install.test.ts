/**
 * install / verify-install / uninstall through bin/sailctl against the local API server
 * (test/support/kube-server), the lifecycle and the faults: retries on 500/429/dropped
 * connections, readiness never arriving, an interrupted install re-run, a forbidden verb.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sailctl } from '../support/cli.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';
import { namespace, seedControlPlane } from '../support/istio-fixtures.js';

const APPS = 'apps/v1';
type Labelled = { metadata: { labels?: Record<string, string>; name: string } };

async function fresh(opts: Parameters<typeof startKubeServer>[0] = {}) {
  const server = await startKubeServer({ controllers: true, ...opts });
  const kc = writeKubeconfig(server.url);
  const run = (...args: string[]) => sailctl(['-c', kc, ...args]);
  return { server, kc, run };
}

describe('install -> verify-install -> namespace enable -> kube-inject -> uninstall --purge', () => {
  let server: KubeServer;
  let run: (...args: string[]) => ReturnType<typeof sailctl>;
  beforeAll(async () => ({ server, run } = await fresh()));
  afterAll(async () => server.stop());

  it('dry-run changes nothing, not even the namespace, and prints a plan', async () => {
    const r = await run('install', '--dry-run');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('create     Deployment/istio-system/istiod');
    expect(r.stdout).toContain('create     CustomResourceDefinition/virtualservices.networking.istio.io');
    expect(r.stdout).toMatch(/Plan: \d+ to create, 0 to update, 0 unchanged, 0 to prune\./);
    expect(server.get('v1', 'Namespace', 'istio-system')).toBeUndefined();
    expect(server.requests.filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('refuses without a terminal and without -y', async () => {
    const r = await run('install');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Error: --skip-confirmation: refusing to install without confirmation: standard input is not a terminal');
    expect(server.get('v1', 'Namespace', 'istio-system')).toBeUndefined();
  });

  it('installs the default profile with per-component progress and owner labels', async () => {
    const r = await run('install', '-y');
    expect(r.exitCode, r.stderr).toBe(0);
    const lines = r.stderr.split('\n').filter((l) => l.startsWith('✔'));
    // istioctl's plain (non-TTY) lines: the component's icon follows "installed".
    expect(lines).toEqual(['✔ Istio core installed \u26f5\ufe0f', '✔ Istiod installed \u{1f9e0}', '✔ Ingress gateways installed \u{1f6ec}', '✔ Installation complete']);
    expect(r.stderr).toContain('- Processing resources for Istio core.\n');
    const istiod = server.get(APPS, 'Deployment', 'istiod', 'istio-system') as unknown as Labelled;
    expect(istiod.metadata.labels).toMatchObject({
      'operator.istio.io/component': 'Pilot',
      'operator.istio.io/managed': 'Reconcile',
      'operator.istio.io/version': '1.30.3',
      'istio.io/rev': 'default',
    });
    const crd = server.get('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'virtualservices.networking.istio.io') as unknown as Labelled;
    expect(crd.metadata.labels?.['operator.istio.io/component']).toBe('Base');
    // Server-side apply with istioctl's field manager and force.
    const applies = server.requests.filter((q) => q.method === 'PATCH' && q.contentType === 'application/apply-patch+yaml');
    expect(applies.length).toBeGreaterThan(30);
    expect(applies.every((q) => q.query.get('fieldManager') === 'istio-operator' && q.query.get('force') === 'true')).toBe(true);
    // The default revision tag webhook, kept out of prune.
    const tag = server.get('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'istio-revision-tag-default') as unknown as Labelled;
    expect(tag.metadata.labels).toMatchObject({ 'istio.io/tag': 'default', 'install.operator.istio.io/owning-resource-not-pruned': 'true' });
  });

  it('CRDs are applied before any Pilot object (dependency gate)', () => {
    const paths = server.requests.filter((q) => q.method === 'PATCH').map((q) => q.path);
    const lastCrd = paths.findLastIndex((p) => p.includes('customresourcedefinitions'));
    const firstIstiod = paths.findIndex((p) => p.includes('/deployments/istiod') || p.includes('istio-sidecar-injector'));
    const firstGateway = paths.findIndex((p) => p.includes('istio-ingressgateway'));
    const istiodDeploy = paths.findIndex((p) => p.endsWith('/deployments/istiod'));
    expect(lastCrd).toBeGreaterThanOrEqual(0);
    expect(firstIstiod).toBeGreaterThan(lastCrd);
    expect(firstGateway).toBeGreaterThan(istiodDeploy);
  });

  it('re-running converges: the plan is all unchanged', async () => {
    const r = await run('install', '--dry-run');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').filter((l) => !l.startsWith('unchanged'))).toEqual([expect.stringMatching(/^Plan/), '']);
    expect(r.stdout).toMatch(/Plan: 0 to create, 0 to update, \d+ unchanged, 0 to prune\./);
  });

  it('verify-install checks every object', async () => {
    const r = await run('verify-install');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('✔ Deployment: istiod.istio-system checked successfully');
    expect(r.stdout).toContain('Checked 15 custom resource definitions');
    expect(r.stdout).toContain('Checked 2 Istio Deployments');
    expect(r.stdout).toContain('✔ Istio is installed and verified successfully');
    expect(r.stdout).not.toContain('drift');
  });

  it('verify-install shows drift and fails for a missing object', async () => {
    server.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio', namespace: 'istio-system', labels: { 'operator.istio.io/component': 'Pilot' } }, data: { mesh: 'changed: true' } }, 'kubectl');
    server.delete('v1', 'ServiceAccount', 'istio-reader-service-account', 'istio-system');
    const r = await run('verify-install');
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toMatch(/✔ ConfigMap: istio\.istio-system checked successfully {4}drift: \.data\.mesh, \.data\.meshNetworks, \.metadata\.labels/);
    expect(r.stdout).toContain('✘ ServiceAccount: istio-reader-service-account.istio-system: serviceaccounts "istio-reader-service-account" not found in namespace "istio-system"');
    expect(r.stderr.split('\n')[0]).toMatch(/^Error: Istio installation failed, incomplete or does not match "default": 1 of \d+ object\(s\) failed the check$/);
    // install repairs both.
    expect((await run('install', '-y')).exitCode).toBe(0);
    expect((await run('verify-install')).exitCode).toBe(0);
  });

  it('namespace enable finds the installed injector; kube-inject reads the cluster ConfigMaps', async () => {
    server.seed(namespace('shop'));
    const en = await run('namespace', 'enable', 'shop');
    expect(en.exitCode).toBe(0);
    expect(en.stderr).not.toContain('Warning');
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-install-'));
    const file = join(dir, 'app.yaml');
    writeFileSync(file, 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  selector:\n    matchLabels: {app: web}\n  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: web\n        image: nginx\n');
    const before = server.requests.length;
    const inj = await run('kube-inject', '-f', file);
    expect(inj.exitCode, inj.stderr).toBe(0);
    expect(inj.stdout).toContain('name: istio-proxy');
    const reads = server.requests.slice(before).map((q) => q.path);
    expect(reads.some((p) => p.endsWith('/configmaps/istio-sidecar-injector'))).toBe(true);
  });

  it('uninstall --purge removes everything with the component label, CRDs included, and nothing else', async () => {
    server.seed({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'user-config', namespace: 'istio-system' }, data: { a: '1' } });
    const dry = await run('uninstall', '--purge', '--dry-run');
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toContain('Not pruning object apps/v1, Kind=Deployment/istiod.istio-system because of dry run.');
    expect(server.get(APPS, 'Deployment', 'istiod', 'istio-system')).toBeDefined();

    const refuse = await run('uninstall', '--purge');
    expect(refuse.exitCode).toBe(1);
    expect(refuse.stderr).toContain('ALL Istio configuration');

    const r = await run('uninstall', '--purge', '-y');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('  Removed apps/v1, Kind=Deployment/istiod.istio-system.');
    expect(r.stdout).toContain('  Removed apiextensions.k8s.io/v1, Kind=CustomResourceDefinition/virtualservices.networking.istio.io..');
    expect(r.stderr).toContain('✔ Uninstall complete');
    expect(server.get(APPS, 'Deployment', 'istiod', 'istio-system')).toBeUndefined();
    expect(server.list('apiextensions.k8s.io/v1', 'CustomResourceDefinition')).toEqual([]);
    expect(server.list('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration')).toEqual([]);
    expect(server.get('v1', 'ConfigMap', 'user-config', 'istio-system')).toBeDefined();
  });
});

describe('install: prune, revisions, upgrade warning', () => {
  let server: KubeServer;
  let run: (...args: string[]) => ReturnType<typeof sailctl>;
  beforeAll(async () => ({ server, run } = await fresh()));
  afterAll(async () => server.stop());

  it('prunes what the new render no longer has and keeps not-pruned objects', async () => {
    expect((await run('install', '-y')).exitCode).toBe(0);
    expect(server.get(APPS, 'Deployment', 'istio-ingressgateway', 'istio-system')).toBeDefined();
    const dry = await run('install', '--dry-run', '--set', 'components.ingressGateways[0].enabled=false');
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('prune      Deployment/istio-system/istio-ingressgateway');
    const r = await run('install', '-y', '--set', 'components.ingressGateways[0].enabled=false');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout).toContain('  Removed apps/v1, Kind=Deployment/istio-ingressgateway.istio-system.');
    expect(server.get(APPS, 'Deployment', 'istio-ingressgateway', 'istio-system')).toBeUndefined();
    expect(server.get('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'istio-revision-tag-default')).toBeDefined();
    expect(server.get(APPS, 'Deployment', 'istiod', 'istio-system')).toBeDefined();
  });

  it('a revision installs beside the default one; uninstall -r removes only it', async () => {
    const r = await run('install', '-y', '-r', 'canary');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(server.get(APPS, 'Deployment', 'istiod-canary', 'istio-system')).toBeDefined();
    expect(server.get(APPS, 'Deployment', 'istiod', 'istio-system')).toBeDefined();
    const u = await run('uninstall', '-r', 'canary', '-y');
    expect(u.exitCode, u.stderr).toBe(0);
    expect(u.stdout).toContain('  Removed apps/v1, Kind=Deployment/istiod-canary.istio-system.');
    expect(u.stdout).not.toContain('Kind=Deployment/istiod.istio-system');
    expect(server.get(APPS, 'Deployment', 'istiod', 'istio-system')).toBeDefined();
    expect(server.list('apiextensions.k8s.io/v1', 'CustomResourceDefinition').length).toBe(15);
  });

  it('uninstall of an unknown revision, and without a selection, fail in one line', async () => {
    const u = await run('uninstall', '-r', 'nope', '-y');
    expect(u.exitCode).toBe(1);
    expect(u.stderr.split('\n')[0]).toBe('Error: --revision: could not find target revision "nope"');
    const none = await run('uninstall');
    expect(none.exitCode).toBe(64);
    expect(none.stderr.split('\n')[0]).toBe('Error: at least one of the --revision (or --set revision=<revision>), --filename or --purge flags must be set');
  });

  it('upgrade warns when the running istiod is another version', async () => {
    const old = await fresh();
    seedControlPlane(old.server, 'default', '1.29.1');
    const r = await old.run('upgrade', '-y');
    await old.server.stop();
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('WARNING: Istio is being upgraded from 1.29.1 to 1.30.3.');
  });

  it('bad flags fail in one line naming the flag', async () => {
    const bad = await run('install', '-y', '-r', 'Bad_Rev');
    expect(bad.exitCode).toBe(64);
    expect(bad.stderr.split('\n')[0]).toBe('Error: --revision: invalid revision specified: Bad_Rev');
    const set = await run('install', '-y', '--set', 'spec.nope=1');
    expect(set.exitCode).not.toBe(0);
    expect(set.stderr.split('\n')[0]).toMatch(/^Error: .*nope/);
  });
});

describe('install faults', () => {
  let server: KubeServer;
  let run: (...args: string[]) => ReturnType<typeof sailctl>;
  afterEach(async () => server.stop());

  it('retries intermittent 500, 429 and dropped connections', async () => {
    ({ server, run } = await fresh());
    // Each fault hits a different request kind, so no single request exhausts its retries.
    server.inject({ kind: 'status500', times: 2, method: 'PATCH', pathIncludes: 'customresourcedefinitions' });
    server.inject({ kind: 'status429', times: 2, method: 'PATCH', pathIncludes: '/deployments/', retryAfterSeconds: 0 });
    server.inject({ kind: 'drop', times: 2, method: 'PATCH', pathIncludes: '/configmaps/' });
    server.inject({ kind: 'status503', times: 1, method: 'GET', pathIncludes: '/replicasets' });
    const r = await run('install', '-y');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).toContain('✔ Installation complete');
    expect(server.get(APPS, 'Deployment', 'istiod', 'istio-system')).toBeDefined();
  });

  it('readiness never arriving: each object not ready is named with its reason', async () => {
    ({ server, run } = await fresh({
      notReady: (w) => ((w['metadata'] as { name?: string }).name === 'istiod' ? { reason: 'ImagePullBackOff', message: 'Back-off pulling image "docker.io/istio/pilot:1.30.3"' } : undefined),
    }));
    const r = await run('install', '-y', '--readiness-timeout', '3s');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('✘ Istiod encountered an error: failed to wait for resource: resources not ready after 3s');
    expect(r.stderr).toContain('  Deployment/istio-system/istiod (container failed to start: ImagePullBackOff: Back-off pulling image "docker.io/istio/pilot:1.30.3")');
    expect(r.stderr).toContain('✔ Istio core installed');
    // As istioctl: a failed component still releases its dependents.
    expect(r.stderr).toContain('✔ Ingress gateways installed');
    expect(r.stderr).not.toContain('Installation complete');
    expect(r.stderr).toMatch(/^Error: failed to install manifests: Istiod not ready after 3s$/m);
  });

  it('an install killed half-way completes on re-run', async () => {
    ({ server, run } = await fresh());
    // Every ingress gateway request fails for good: Base and Pilot land, gateways do not.
    server.inject({ kind: 'drop', times: Infinity, pathIncludes: 'istio-ingressgateway' });
    const first = await run('install', '-y', '--kubeclient-timeout', '2s');
    expect(first.exitCode).toBe(1);
    expect(server.get(APPS, 'Deployment', 'istiod', 'istio-system')).toBeDefined();
    expect(server.get(APPS, 'Deployment', 'istio-ingressgateway', 'istio-system')).toBeUndefined();
    server.faults = [];
    const again = await run('install', '-y');
    expect(again.exitCode, again.stderr).toBe(0);
    expect(server.get(APPS, 'Deployment', 'istio-ingressgateway', 'istio-system')).toBeDefined();
    expect((await run('verify-install')).exitCode).toBe(0);
  });

  it('a forbidden verb names the verb and resource', async () => {
    ({ server, run } = await fresh());
    server.forbidden.push({ verb: 'patch', resource: 'clusterroles' });
    const r = await run('install', '-y');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/^Error: .*forbidden: cannot patch clusterroles "[^"]+"/m);
  });
});
