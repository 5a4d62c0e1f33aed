import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { KubeClient, KubeApiError, checkReadiness, waitForReady, type KubeObject } from '../../src/kube/index.js';
import { SailError } from '../../src/errors.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';

const TOKEN = 'sekret-token-0123456789abcdef';
const fast = { baseDelayMs: 5, maxDelayMs: 50 };

let server: KubeServer;
let kubeconfig: string;

function client(opts: { timeoutMs?: number; kubeconfig?: string; context?: string; env?: Record<string, string> } = {}): KubeClient {
  return KubeClient.connect({
    kubeconfig: opts.kubeconfig ?? kubeconfig,
    context: opts.context,
    env: opts.env ?? {},
    timeoutMs: opts.timeoutMs ?? 5000,
    transport: fast,
  });
}

const cm = (name: string, data: Record<string, string>, labels: Record<string, string> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', labels },
  data,
});

async function expectSailError(p: Promise<unknown>): Promise<SailError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(SailError);
    const err = e as SailError;
    expect(err.message.split('\n')).toHaveLength(1);
    expect(err.message).not.toContain(TOKEN);
    expect(err.hint ?? '').not.toContain(TOKEN);
    return err;
  }
  throw new Error('expected a SailError');
}

beforeAll(async () => {
  server = await startKubeServer({ token: TOKEN, controllers: true });
  kubeconfig = writeKubeconfig(server.url, { token: TOKEN });
});
afterAll(async () => server.stop());
afterEach(() => {
  server.faults = [];
  server.forbidden = [];
});

describe('kubeconfig', () => {
  it('merges KUBECONFIG files with kubectl rules: first file wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-'));
    const first = writeKubeconfig(server.url, { token: TOKEN, dir, fileName: 'a', name: 'shared' });
    // The second file defines the same context name pointing nowhere, and its own current-context.
    const second = writeKubeconfig('http://127.0.0.1:1', { dir, fileName: 'b', name: 'shared', extraContexts: [{ name: 'other', server: 'http://127.0.0.1:2' }] });
    const c = KubeClient.connect({ env: { KUBECONFIG: `${first}:${join(dir, 'missing')}:${second}` }, timeoutMs: 5000, transport: fast });
    expect(c.config.contextName).toBe('shared');
    expect((await c.serverVersion()).gitVersion).toBe('v1.32.3');
    const other = KubeClient.connect({ env: { KUBECONFIG: `${first}:${second}` }, context: 'other', timeoutMs: 5000, transport: fast });
    expect(other.config.server).toBe('http://127.0.0.1:2');
  });

  it('names a missing context and lists the known ones', async () => {
    const err = await expectSailError((async () => client({ context: 'nope' }))());
    expect(err.message).toBe(`context "nope" does not exist in ${kubeconfig}`);
    expect(err.hint).toContain('test');
  });

  it('reports a missing --kubeconfig file', async () => {
    const err = await expectSailError((async () => client({ kubeconfig: '/nonexistent/kc' }))());
    expect(err.message).toContain('/nonexistent/kc does not exist');
  });

  it('fails clearly without any configuration', async () => {
    const err = await expectSailError((async () => KubeClient.connect({ env: { HOME: '/nonexistent' }, timeoutMs: 1000 }))());
    expect(err.message).toBe('no Kubernetes configuration found');
  });

  it('gets credentials from an exec plugin', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-exec-'));
    const plugin = join(dir, 'plugin.mjs');
    writeFileSync(
      plugin,
      `process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: ${JSON.stringify(TOKEN)} } }));\n`,
    );
    const kc = writeKubeconfig(server.url, { dir, exec: { command: process.execPath, args: [plugin] } });
    const ns = await client({ kubeconfig: kc }).get({ apiVersion: 'v1', kind: 'Namespace' }, 'default');
    expect(ns?.metadata.name).toBe('default');
  });

  it('a failing exec plugin is one line without secrets', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kc-exec-'));
    const plugin = join(dir, 'plugin.mjs');
    writeFileSync(plugin, `process.stderr.write('plugin exploded\\n'); process.exit(3);\n`);
    const kc = writeKubeconfig(server.url, { dir, exec: { command: process.execPath, args: [plugin] } });
    const err = await expectSailError(client({ kubeconfig: kc }).get({ apiVersion: 'v1', kind: 'Namespace' }, 'default'));
    expect(err.message).toMatch(/^cannot load the credentials or certificates of context "test": /);
  });
});

describe('CRUD and apply', () => {
  it('creates, gets, lists by label, deletes', async () => {
    const c = client();
    await c.create(cm('crud-a', { a: '1' }, { app: 'crud' }));
    await c.create(cm('crud-b', { b: '1' }, { app: 'crud', tier: 'x' }));
    expect((await c.get({ apiVersion: 'v1', kind: 'ConfigMap' }, 'crud-a', 'default'))?.data).toEqual({ a: '1' });
    expect((await c.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { labelSelector: 'app=crud,tier notin (y)' })).map((o) => o.metadata.name)).toEqual(['crud-a', 'crud-b']);
    expect((await c.list({ apiVersion: 'v1', kind: 'ConfigMap' }, { labelSelector: 'app=crud,!tier' })).map((o) => o.metadata.name)).toEqual(['crud-a']);
    expect(await c.delete({ apiVersion: 'v1', kind: 'ConfigMap' }, 'crud-a', 'default')).toBe(true);
    expect(await c.delete({ apiVersion: 'v1', kind: 'ConfigMap' }, 'crud-a', 'default')).toBe(false);
    expect(await c.get({ apiVersion: 'v1', kind: 'ConfigMap' }, 'crud-a', 'default')).toBeUndefined();
  });

  it('create of an existing object is a 409 AlreadyExists', async () => {
    const c = client();
    await c.create(cm('dup', {}));
    const err = (await expectSailError(c.create(cm('dup', {})))) as KubeApiError;
    expect(err.status).toBe(409);
    expect(err.reason).toBe('AlreadyExists');
    expect(err.message).toBe('configmaps "dup" already exists');
  });

  it('server-side apply with fieldManager istio-operator and force; conflicts without force', async () => {
    const c = client();
    const applied = await c.apply(cm('ssa', { k: 'v1' }));
    expect(applied.metadata.managedFields).toEqual([expect.objectContaining({ manager: 'istio-operator', operation: 'Apply' })]);
    await c.apply(cm('ssa', { k: 'v2' }), { fieldManager: 'someone-else', force: true });
    const err = (await expectSailError(c.apply(cm('ssa', { k: 'v3' }), { force: false }))) as KubeApiError;
    expect(err.status).toBe(409);
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "someone-else" using v1: .data.k');
    const forced = await c.apply(cm('ssa', { k: 'v3' }));
    expect(forced['data']).toEqual({ k: 'v3' });
    // Fields the manager stops applying are removed.
    const dropped = await c.apply({ ...cm('ssa', { other: 'x' }) });
    expect(dropped['data']).toEqual({ other: 'x' });
  });

  it('applies into a missing namespace: 404 naming the namespace', async () => {
    const err = (await expectSailError(client().apply({ ...cm('x', {}), metadata: { name: 'x', namespace: 'no-such-ns' } }))) as KubeApiError;
    expect(err.status).toBe(404);
    expect(err.message).toBe('namespaces "no-such-ns" not found');
  });

  it('re-discovers kinds registered by a CRD after it is applied', async () => {
    const c = client();
    const ref = { apiVersion: 'example.sailctl.io/v1', kind: 'Widget' };
    expect(await c.findMapping(ref)).toBeUndefined();
    expect(await c.list(ref)).toEqual([]);
    await c.apply({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.sailctl.io' },
      spec: { group: 'example.sailctl.io', scope: 'Namespaced', names: { kind: 'Widget', plural: 'widgets', singular: 'widget' }, versions: [{ name: 'v1', served: true, storage: true }] },
    });
    const crd = await c.get({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' }, 'widgets.example.sailctl.io');
    expect(crd).toBeDefined();
    expect((await checkReadiness(c, [crd!])).ready).toBe(true);
    await c.apply({ ...ref, metadata: { name: 'w1', namespace: 'default', labels: { app: 'w' } }, spec: { size: 1 } });
    expect((await c.list(ref)).map((o) => o.metadata.name)).toEqual(['w1']);
    const err = await expectSailError(c.apply({ apiVersion: 'example.sailctl.io/v1', kind: 'Gadget', metadata: { name: 'g' } }));
    expect(err.message).toBe('no matches for kind "Gadget" in version "example.sailctl.io/v1"');
  });

  it('lists and deletes by label across kinds', async () => {
    const c = client();
    await c.apply(cm('multi-a', {}, { 'sail.test/owner': 'x' }));
    await c.apply({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'multi-sa', namespace: 'default', labels: { 'sail.test/owner': 'x' } } });
    await c.apply({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'multi-cr', labels: { 'sail.test/owner': 'x' } }, rules: [] });
    const kinds = [
      { apiVersion: 'v1', kind: 'ConfigMap' },
      { apiVersion: 'v1', kind: 'ServiceAccount' },
      { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole' },
      { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService' },
    ];
    const deleted = await c.deleteByLabel(kinds, 'sail.test/owner=x');
    expect(deleted.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(['ClusterRole/multi-cr', 'ConfigMap/multi-a', 'ServiceAccount/multi-sa']);
    expect(await c.listByLabel(kinds, 'sail.test/owner=x')).toEqual([]);
    const foreground = server.requests.filter((r) => r.method === 'DELETE');
    expect(foreground.length).toBeGreaterThanOrEqual(3);
  });

  it('answers SelfSubjectAccessReviews', async () => {
    server.forbidden.push({ verb: 'create', resource: 'clusterroles' });
    const c = client();
    expect(await c.canI({ verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'clusterroles' })).toMatchObject({ allowed: false });
    expect(await c.canI({ verb: 'create', group: '', resource: 'configmaps', namespace: 'istio-system' })).toMatchObject({ allowed: true });
  });
});

describe('faults and errors', () => {
  it('retries intermittent 500s and 429s (honouring Retry-After)', async () => {
    server.inject({ kind: 'status500', times: 2, pathIncludes: '/namespaces/default' });
    server.inject({ kind: 'status429', times: 1, retryAfterSeconds: 0, pathIncludes: '/namespaces/default' });
    const before = server.requests.length;
    const ns = await client().get({ apiVersion: 'v1', kind: 'Namespace' }, 'default');
    expect(ns?.metadata.name).toBe('default');
    expect(server.requests.length - before).toBeGreaterThanOrEqual(4);
  });

  it('retries dropped connections', async () => {
    server.inject({ kind: 'drop', times: 2, pathIncludes: '/namespaces/kube-system' });
    const ns = await client().get({ apiVersion: 'v1', kind: 'Namespace' }, 'kube-system');
    expect(ns?.metadata.name).toBe('kube-system');
  });

  it('gives up on a persistent 500 with one line', async () => {
    server.inject({ kind: 'status500', times: Infinity, pathIncludes: '/namespaces/kube-public' });
    const err = await expectSailError(client().get({ apiVersion: 'v1', kind: 'Namespace' }, 'kube-public'));
    expect(err.message).toBe('the Kubernetes API server failed to get namespaces "kube-public" after 5 attempts: Internal error occurred: injected fault');
  });

  it('names the verb and resource when forbidden', async () => {
    server.forbidden.push({ verb: 'list', resource: 'pods' });
    const err = await expectSailError(client().list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: 'istio-system' }));
    expect(err.message).toBe(
      'forbidden: cannot list pods in namespace "istio-system": pods is forbidden: User "sailctl-test" cannot list resource "pods" in API group "" in the namespace "istio-system"',
    );
    expect(err.hint).toBe('ask a cluster administrator for permission to list pods');
  });

  it('reports an unreachable cluster in one line', async () => {
    const port = await freePort();
    const kc = writeKubeconfig(`http://127.0.0.1:${port}`, { token: TOKEN });
    const err = await expectSailError(client({ kubeconfig: kc }).serverVersion());
    expect(err.message).toBe(`cannot reach the Kubernetes API server at http://127.0.0.1:${port} (context "test"): connection refused`);
  });

  it('times out per --kubeclient-timeout', async () => {
    server.inject({ kind: 'delay', delayMs: 1500, times: 1, pathIncludes: '/version' });
    const err = await expectSailError(client({ timeoutMs: 200 }).serverVersion());
    expect(err.code).toBe('TIMEOUT');
    expect(err.message).toBe(`the Kubernetes API server at ${server.url} did not answer within 200ms`);
  });

  it('rejected credentials never show the token', async () => {
    const kc = writeKubeconfig(server.url, { token: 'wrong-' + TOKEN });
    const err = await expectSailError(client({ kubeconfig: kc }).serverVersion());
    expect(err.message).toBe(`the Kubernetes API server at ${server.url} rejected the credentials of context "test" (401 Unauthorized)`);
    expect(err.message).not.toContain('wrong-');
  });
});

describe('readiness', () => {
  const deploy = (name: string, image: string): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: { replicas: 2, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }] } } },
  });

  it('a Deployment is ready when its newest ReplicaSet is', async () => {
    const c = client();
    const d = deploy('ready-one', 'img:1');
    await c.apply(d);
    expect(await checkReadiness(c, [d])).toEqual({ ready: true, notReady: [] });
  });

  it('reports each object not ready and why, after the timeout', async () => {
    const slow = await startKubeServer({ controllers: true, notReady: (w) => (JSON.stringify(w).includes('broken') ? { reason: 'ImagePullBackOff', message: 'Back-off pulling image "broken:1"' } : undefined) });
    try {
      const c = KubeClient.connect({ kubeconfig: writeKubeconfig(slow.url), env: {}, timeoutMs: 2000, transport: fast });
      const good = deploy('fine', 'img:1');
      const bad = deploy('bad', 'broken:1');
      const ds: KubeObject = { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'bad-ds', namespace: 'default' }, spec: { selector: { matchLabels: { app: 'bad-ds' } }, template: { metadata: { labels: { app: 'bad-ds' } }, spec: { containers: [{ name: 'c', image: 'broken:2' }] } } } };
      for (const o of [good, bad, ds]) await c.apply(o);
      let waits = 0;
      const report = await waitForReady(c, [good, bad, ds], { timeoutMs: 150, intervalMs: 50, onWaiting: () => waits++ });
      expect(report.ready).toBe(false);
      expect(report.notReady).toEqual([
        { id: 'DaemonSet/default/bad-ds', reason: 'container failed to start: ImagePullBackOff: Back-off pulling image "broken:1"' },
        { id: 'Deployment/default/bad', reason: 'container failed to start: ImagePullBackOff: Back-off pulling image "broken:1"' },
      ]);
      expect(waits).toBeGreaterThan(0);
      slow.markReady('apps/v1', 'Deployment', 'bad', 'default');
      slow.markReady('apps/v1', 'DaemonSet', 'bad-ds', 'default');
      expect((await checkReadiness(c, [good, bad, ds])).ready).toBe(true);
    } finally {
      await slow.stop();
    }
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('in-cluster configuration', () => {
  it('uses KUBERNETES_SERVICE_HOST/PORT over https, and a missing service account token is one line', async () => {
    const c = KubeClient.connect({ env: { HOME: '/nonexistent', KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '6443' }, timeoutMs: 1000, transport: fast });
    expect(c.config.server).toBe('https://127.0.0.1:6443');
    expect(c.config.contextName).toBe('inClusterContext');
    const err = await expectSailError(c.serverVersion());
    expect(err.message).toMatch(/^(cannot load the credentials or certificates of context "inClusterContext": |cannot reach the Kubernetes API server at https:\/\/127\.0\.0\.1:6443)/);
  });
});
