/**
 * install sends its render-independent reads (server version, discovery, the running control
 * planes of every namespace, the webhook list, the system namespace) before the render has
 * finished. What must not change with that: a failed render writes nothing; the up/downgrade
 * warning is about the install's own namespace; a user who may not list pods cluster-wide still
 * gets the warning (the namespace is asked on its own). Through bin/sailctl: build first.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sailctl } from '../support/cli.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';
import { istiodDeployment, namespace, seedControlPlane } from '../support/istio-fixtures.js';

/**
 * A proxy in front of the test API server that refuses the cluster-wide list of istiod pods, as a
 * namespace-scoped Role would (install's prune still lists pods cluster-wide by its owner labels,
 * so only the control-plane lookup is refused here).
 */
async function refusingClusterWidePods(target: string): Promise<{ url: string; refused: () => number; stop: () => Promise<void> }> {
  let refused = 0;
  const upstream = new URL(target);
  const proxy: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (req.method === 'GET' && url.pathname === '/api/v1/pods' && url.searchParams.get('labelSelector') === 'app=istiod') {
      refused++;
      res.writeHead(403, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Forbidden', code: 403, message: 'pods is forbidden: User "dev" cannot list resource "pods" in API group "" at the cluster scope', details: { kind: 'pods' } }));
      return;
    }
    const out = request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    out.on('error', () => res.destroy());
    req.pipe(out);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxy.unref();
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    refused: () => refused,
    stop: () => new Promise((resolve) => proxy.close(() => resolve())),
  };
}

describe('install: reads sent while the manifest renders', () => {
  let server: KubeServer | undefined;
  const stops: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const stop of stops.splice(0)) await stop();
    await server?.stop();
    server = undefined;
  });

  async function fresh() {
    server = await startKubeServer({ controllers: true });
    const s = server;
    return { server: s, run: (...args: string[]) => sailctl(['-c', writeKubeconfig(s.url), ...args]) };
  }

  it('a failed render writes nothing, though the reads went out', async () => {
    const { server, run } = await fresh();
    const r = await run('install', '-y', '--set', 'spec.nope=1');
    expect(r.exitCode).not.toBe(0);
    expect(r.stderr.split('\n')[0]).toMatch(/^Error: .*nope/);
    expect(server.requests.filter((q) => q.method !== 'GET')).toEqual([]);
    expect(server.requests.map((q) => q.path)).toContain('/version');
    expect(server.get('v1', 'Namespace', 'istio-system')).toBeUndefined();
  });

  it('the up/downgrade warning looks only at the install namespace', async () => {
    const { server, run } = await fresh();
    server.seed(namespace('elsewhere'));
    server.seed(istiodDeployment('default', '1.29.1', 'elsewhere'));
    const r = await run('upgrade', '-y');
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('WARNING: Istio is being');
    // the control planes were asked for once, across namespaces
    expect(server.requests.filter((q) => q.path.endsWith('/pods') && q.query.get('labelSelector') === 'app=istiod').map((q) => q.path)).toEqual(['/api/v1/pods']);
  });

  it('when pods may not be listed cluster-wide, the install namespace is asked and the warning still comes', async () => {
    const { server } = await fresh();
    seedControlPlane(server, 'default', '1.29.1');
    const proxy = await refusingClusterWidePods(server.url);
    stops.push(proxy.stop);
    const r = await sailctl(['-c', writeKubeconfig(proxy.url), 'upgrade', '-y']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(proxy.refused()).toBe(1);
    expect(r.stderr).toContain('WARNING: Istio is being upgraded from 1.29.1 to 1.30.3.');
    expect(server.requests.some((q) => q.path === '/api/v1/namespaces/istio-system/pods')).toBe(true);
  });
});
