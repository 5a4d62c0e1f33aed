/** bin/sailctl analyze against the local API server: the live cluster as istioctl reads it. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sailctl } from '../support/cli.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';
import { injectorWebhook, namespace, plainPod, registerVirtualServices } from '../support/istio-fixtures.js';

let server: KubeServer;
let kc: string;
const home = mkdtempSync(join(tmpdir(), 'sailctl-home-'));
const dir = mkdtempSync(join(tmpdir(), 'sailctl-analyze-e2e-'));
const env = { HOME: home, KUBECONFIG: '' };
const run = (...args: string[]) => sailctl(['-c', kc, 'analyze', ...args], { env });

beforeAll(async () => {
  server = await startKubeServer();
  kc = writeKubeconfig(server.url);
  await registerVirtualServices(kc);
  server.seed(namespace('istio-system'));
  server.seed(namespace('shop', { 'istio-injection': 'enabled' }));
  server.seed(injectorWebhook('default'));
  server.seed({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'istiod', namespace: 'istio-system' }, spec: { ports: [{ name: 'https-webhook', port: 443, targetPort: 15017 }] } });
  server.seed(plainPod('cart-1', 'shop', { app: 'cart' }));
  server.seed({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'cart', namespace: 'shop' }, spec: { selector: { app: 'cart' }, ports: [{ name: 'web', port: 8080, targetPort: 8080 }] } });
  server.seed({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'cart', namespace: 'shop' }, spec: { hosts: ['cart'], http: [{ route: [{ destination: { host: 'kart' } }] }] } });
});
afterAll(async () => server.stop());
afterEach(() => {
  server.forbidden = [];
});

describe('sailctl analyze (live cluster)', () => {
  it('-n shop: IST0101, IST0103, IST0118 from cluster state, without file references', async () => {
    const r = await run('-n', 'shop');
    expect(r.exitCode).toBe(79);
    expect(r.stdout).toBe(
      [
        'Error [IST0101] (VirtualService shop/cart) Referenced host not found: "kart"',
        'Warning [IST0103] (Pod shop/cart-1) The pod shop/cart-1 is missing the Istio proxy. This can often be resolved by restarting or redeploying the workload.',
        "Info [IST0118] (Service shop/cart) Port name web (port: 8080, targetPort: 8080) doesn't follow the naming convention of Istio port.",
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('Error: Analyzers found issues when analyzing namespace: shop.\nSee https://istio.io/v1.30/docs/reference/config/analysis for more information about causes and resolutions.\n');
  });

  it('a file fixes the cluster object it overlays (same kind/namespace/name)', async () => {
    const f = join(dir, 'vs.yaml');
    writeFileSync(f, 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: cart\n  namespace: shop\nspec:\n  hosts: [cart]\n  http:\n  - route:\n    - destination:\n        host: cart\n');
    const r = await run('-n', 'shop', '-o', 'json', f);
    const codes = (JSON.parse(r.stdout) as Array<{ code: string; origin: string }>).map((m) => `${m.code} ${m.origin}`);
    expect(codes).toEqual(['IST0103 Pod shop/cart-1', 'IST0118 Service shop/cart']);
    expect(r.exitCode).toBe(0);
  });

  it('--use-kube=false never talks to the cluster', async () => {
    const before = server.requests.length;
    const f = join(dir, 'vs.yaml');
    const r = await run('--use-kube=false', f);
    expect(r.exitCode).toBe(0);
    expect(server.requests.length).toBe(before);
  });

  it('a forbidden kind is one warning line and the analysis goes on', async () => {
    server.forbidden.push({ verb: 'list', resource: 'services' });
    const r = await run('-n', 'shop');
    expect(r.stderr.split('\n').filter((l) => l.startsWith('Warning: '))).toEqual([
      expect.stringMatching(/^Warning: skipping Service \(v1\): .*forbidden/),
    ]);
    expect(r.stdout).toContain('IST0103');
    expect(r.stdout).not.toContain('IST0118');
  });

  it('an unreachable cluster fails with one line naming the server (istioctl fails too)', async () => {
    const bad = writeKubeconfig('http://127.0.0.1:1', { name: 'gone' });
    const f = join(dir, 'vs.yaml');
    const r = await sailctl(['-c', bad, 'analyze', f], { env });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')[0]).toBe('Error: cannot reach the Kubernetes API server at http://127.0.0.1:1 (context "gone"): connection refused');
    expect(r.stderr).not.toContain('    at ');
  });

  it('no kubeconfig at all: files are analysed alone, with a note', async () => {
    const f = join(dir, 'vs.yaml');
    const r = await sailctl(['analyze', f], { env });
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain('Note: not using a live cluster (no kubeconfig found); analyzing files only, as with --use-kube=false.');
  });
});
