/** namespace enable/disable/status, version --remote and x precheck through bin/sailctl against the local API server. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sailctl } from '../support/cli.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';
import { injectedPod, namespace, plainPod, seedControlPlane } from '../support/istio-fixtures.js';

let server: KubeServer;
let kc: string;
const run = (...args: string[]) => sailctl(['-c', kc, ...args]);
const labels = (ns: string) => ((server.get('v1', 'Namespace', ns)?.['metadata'] as { labels?: Record<string, string> }).labels ?? {});

beforeAll(async () => {
  server = await startKubeServer({ controllers: true });
  kc = writeKubeconfig(server.url);
  seedControlPlane(server, 'default', '1.30.3');
  server.seed(namespace('apps'));
  server.seed(namespace('canary-apps'));
  server.seed(plainPod('web-1', 'apps', { app: 'web' }));
  server.seed(injectedPod('api-1', 'apps', 'default', '1.30.3', { app: 'api' }));
  server.seed(injectedPod('old-1', 'canary-apps', 'default', '1.29.2', { app: 'old' }));
});
afterAll(async () => server.stop());
afterEach(() => {
  server.forbidden = [];
  server.faults = [];
});

describe('namespace enable / disable', () => {
  it('enable sets istio-injection=enabled and removes istio.io/rev', async () => {
    server.seed(namespace('flip', { 'istio.io/rev': 'old' }));
    const r = await run('namespace', 'enable', 'flip');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('namespace/flip labeled: istio-injection=enabled\n');
    expect(labels('flip')).toEqual({ 'istio-injection': 'enabled', 'kubernetes.io/metadata.name': 'flip' });
    expect(r.stderr).toContain('kubectl rollout restart deployment -n flip');
    expect(r.stderr).not.toContain('Warning');
  });

  it('enable -r REV sets istio.io/rev, removes istio-injection, and warns when that revision is not installed', async () => {
    server.seed(namespace('revved', { 'istio-injection': 'enabled' }));
    const r = await run('namespace', 'enable', 'revved', '-r', 'canary');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('namespace/revved labeled: istio.io/rev=canary\n');
    expect(labels('revved')).toEqual({ 'istio.io/rev': 'canary', 'kubernetes.io/metadata.name': 'revved' });
    expect(r.stderr).toContain('Warning: no Istio injection webhook matches namespace "revved" (is revision "canary" installed?)');
  });

  it('disable removes both labels', async () => {
    server.seed(namespace('off', { 'istio-injection': 'enabled', 'istio.io/rev': 'x', team: 'a' }));
    const r = await run('namespace', 'disable', 'off', 'default');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('namespace/off: injection disabled (removed istio-injection=enabled,istio.io/rev=x)\nnamespace/default: injection was not enabled\n');
    expect(labels('off')).toEqual({ team: 'a', 'kubernetes.io/metadata.name': 'off' });
  });

  it('a missing namespace fails in one line and changes nothing', async () => {
    server.seed(namespace('untouched'));
    const r = await run('namespace', 'enable', 'untouched', 'nope');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Error: namespace "nope" not found');
    expect(labels('untouched')['istio-injection']).toBeUndefined();
  });

  it('an invalid revision is a usage error naming the flag', async () => {
    const r = await run('namespace', 'enable', 'apps', '-r', 'Bad Rev!');
    expect(r.exitCode).toBe(64);
    expect(r.stderr.split('\n')[0]).toMatch(/^Error: invalid --revision "Bad Rev!"/);
  });

  it('a forbidden patch names the verb and resource', async () => {
    server.seed(namespace('locked'));
    server.forbidden.push({ verb: 'patch', resource: 'namespaces' });
    const r = await run('namespace', 'enable', 'locked');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(
      'Error: forbidden: cannot patch namespaces "locked": namespaces "locked" is forbidden: User "sailctl-test" cannot patch resource "namespaces" in API group "" at the cluster scope',
    );
  });

  it('survives intermittent 500s and dropped connections', async () => {
    server.seed(namespace('flaky'));
    server.inject({ kind: 'status500', times: 2, method: 'PATCH' });
    server.inject({ kind: 'drop', times: 1, method: 'GET', pathIncludes: '/namespaces/flaky' });
    const r = await run('namespace', 'enable', 'flaky');
    expect(r.exitCode).toBe(0);
    expect(labels('flaky')['istio-injection']).toBe('enabled');
  });

  it('waits out 429 Too Many Requests with Retry-After', async () => {
    server.seed(namespace('busy'));
    server.inject({ kind: 'status429', times: 2, retryAfterSeconds: 1, method: 'PATCH' });
    const started = Date.now();
    const r = await run('namespace', 'enable', 'busy');
    expect(r.exitCode).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(labels('busy')['istio-injection']).toBe('enabled');
  });

  it('--kubeclient-timeout bounds each request', async () => {
    server.inject({ kind: 'delay', delayMs: 3000, times: 1, pathIncludes: '/namespaces/apps' });
    const r = await run('--kubeclient-timeout', '300ms', 'namespace', 'status', 'apps');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`Error: the Kubernetes API server at ${server.url} did not answer within 300ms`);
  });

  it('an unreachable cluster is one line', async () => {
    const dead = writeKubeconfig('http://127.0.0.1:9', { name: 'dead' });
    const r = await sailctl(['-c', dead, 'namespace', 'status']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Error: cannot reach the Kubernetes API server at http://127.0.0.1:9 (context "dead"): connection refused');
  });

  it('an unknown --context is one line', async () => {
    const r = await run('--context', 'prod', 'namespace', 'status');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`Error: context "prod" does not exist in ${kc}`);
  });
});

describe('namespace status', () => {
  it('shows label, injecting revision and pods needing a restart', async () => {
    await run('namespace', 'enable', 'apps');
    await run('namespace', 'enable', 'canary-apps');
    const r = await run('namespace', 'status', 'apps', 'canary-apps', 'kube-system');
    expect(r.exitCode).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE\s+INJECTION LABEL\s+REVISION\s+PODS\s+NEED RESTART$/);
    expect(lines[1]).toMatch(/^apps\s+istio-injection=enabled\s+default\s+2\s+1$/);
    expect(lines[2]).toMatch(/^canary-apps\s+istio-injection=enabled\s+default\s+1\s+0$/);
    expect(lines[3]).toMatch(/^kube-system\s+-\s+-\s+0\s+0$/);
    expect(r.stdout).toContain('Pods needing a restart:\n  apps/web-1: not injected; revision default would inject it\n');
  });

  it('-o json, and a proxy of another revision', async () => {
    server.seed(namespace('moved', { 'istio.io/rev': 'default' }));
    server.seed(injectedPod('p-1', 'moved', 'canary', '1.31.0'));
    const r = await run('namespace', 'status', 'moved', '-o', 'json');
    expect(r.exitCode).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual([
      {
        namespace: 'moved',
        label: 'istio.io/rev=default',
        revisions: ['default'],
        pods: 1,
        needRestart: [{ pod: 'p-1', runningRevision: 'canary', expectedRevision: 'default', reason: 'runs a proxy of revision canary; revision default injects it now' }],
      },
    ]);
  });

  it('-n narrows the report when no namespace is named', async () => {
    const r = await run('-n', 'apps', 'namespace', 'status', '-o', 'json');
    expect((JSON.parse(r.stdout) as Array<{ namespace: string }>).map((x) => x.namespace)).toEqual(['apps']);
  });

  it('all namespaces when none is named, sorted', async () => {
    const r = await run('namespace', 'status', '-o', 'json');
    const names = (JSON.parse(r.stdout) as Array<{ namespace: string }>).map((x) => x.namespace);
    expect(names).toEqual([...names].sort());
    expect(names).toContain('istio-system');
  });
});

describe('version --remote', () => {
  it('prints control plane and data plane versions', async () => {
    const r = await run('version');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('control plane version: 1.30.3\n');
    expect(r.stdout).toContain('data plane version: 1.29.2 (1 proxies), 1.30.3 (1 proxies), 1.31.0 (1 proxies)\n');
  });

  it('without istiod in -i namespace it says so on stderr', async () => {
    const r = await run('version', '-i', 'elsewhere');
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('control plane version: unavailable: Istio is not present in the cluster (no istiod in namespace "elsewhere")\n');
  });
});

describe('x precheck', () => {
  it('a compatible cluster with all permissions passes', async () => {
    const r = await run('x', 'precheck');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Istio is already installed: revision default (1.30.3, istio-system)');
    expect(r.stderr).toContain('✔ No issues found when checking the cluster. Istio is safe to install or upgrade!');
  });

  it('reports an old Kubernetes and missing permissions with istioctl codes', async () => {
    const old = await startKubeServer({ gitVersion: 'v1.30.4' });
    try {
      old.forbidden.push({ verb: 'create', resource: 'clusterroles' }, { verb: 'create', resource: 'deployments', namespace: 'istio-system' });
      const k = writeKubeconfig(old.url);
      const r = await sailctl(['-c', k, 'x', 'precheck', '-r', 'canary']);
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toBe(
        [
          'Error [IST0141] (Cluster) Missing required permission to create resource clusterroles (denied by the test server)',
          'Error [IST0141] (Cluster) Missing required permission to create resource deployments (denied by the test server)',
          'Error [IST0142] (Cluster) The Kubernetes Version "v1.30.4" is lower than the minimum version: 1.32',
          '',
        ].join('\n'),
      );
      expect(r.stderr.split('\n')[0]).toBe('Error: Issues found when checking the cluster. Istio may not be safe to install or upgrade.');
      const j = await sailctl(['-c', k, 'x', 'precheck', '-o', 'json']);
      const records = JSON.parse(j.stdout) as Array<Record<string, string>>;
      expect(records).toHaveLength(3);
      expect(Object.keys(records[0]!)).toEqual(['code', 'documentationUrl', 'level', 'message', 'origin']);
      expect(records[2]).toMatchObject({ code: 'IST0142', documentationUrl: 'https://istio.io/v1.30/docs/reference/config/analysis/ist0142/' });
      expect(j.stdout).toContain('\n\t{\n\t\t"code": "IST0141"');
    } finally {
      await old.stop();
    }
  });

  it('flags old Gateway API CRDs', async () => {
    server.seed({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'httproutes.gateway.networking.k8s.io' },
      spec: { group: 'gateway.networking.k8s.io', scope: 'Namespaced', names: { kind: 'HTTPRoute', plural: 'httproutes' }, versions: [{ name: 'v1alpha2', served: true, storage: true }] },
    });
    try {
      const r = await run('x', 'precheck', '-o', 'yaml');
      expect(r.exitCode).toBe(1);
      expect(r.stdout).toContain('code: IST0156');
      expect(r.stdout).toContain('message: "The Gateway API CRD version v1alpha2 is lower than the minimum version: v1beta1"\n');
      expect(r.stdout).toContain('code: IST0172\n');
      expect(r.stdout).toContain('origin: CustomResourceDefinition httproutes.gateway.networking.k8s.io');
    } finally {
      server.delete('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'httproutes.gateway.networking.k8s.io');
    }
  });
});
