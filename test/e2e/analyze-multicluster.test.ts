/**
 * bin/sailctl analyze --remote-contexts against two local API servers: a primary cluster and a
 * remote one, two contexts of one kubeconfig, as istioctl's multi-cluster analysis reads them.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sailctl } from '../support/cli.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';
import { registerVirtualServices, seedClusterPair, shopService as service } from '../support/istio-fixtures.js';

let primary: KubeServer;
let remote: KubeServer;
let kc: string;
const home = mkdtempSync(join(tmpdir(), 'sailctl-home-'));
const env = { HOME: home, KUBECONFIG: '' };
const run = (...args: string[]) => sailctl(['-c', kc, 'analyze', ...args], { env });



beforeAll(async () => {
  [primary, remote] = await Promise.all([startKubeServer(), startKubeServer()]);
  kc = writeKubeconfig(primary.url, { name: 'east', extraContexts: [
      { name: 'west', server: remote.url },
      // A second context for the same server: another cluster id with the same objects.
      { name: 'west-2', server: remote.url },
    ],
  });
  await registerVirtualServices(kc, 'east');
  await registerVirtualServices(kc, 'west');
  seedClusterPair(primary, remote);
  remote.seed(service('legacy', [{ name: 'web', port: 7000, targetPort: 7000, protocol: 'TCP' }]));
  // Istio config in a remote cluster joins the primary's view (istioctl adds its store there).
  remote.seed({ apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'west-vs', namespace: 'shop' }, spec: { hosts: ['cart'], http: [{ route: [{ destination: { host: 'nowhere' } }] }] } });
});
afterAll(async () => {
  await Promise.all([primary?.stop(), remote?.stop()]);
});

const IST0170 =
  'Warning [IST0170] [cluster-default] (Service shop/cart) The service cart in namespace "shop" is inconsistent across clusters ["default" "west"], which can lead to undefined behaviors. The inconsistent behaviors are: service ports are inconsistent; service type is inconsistent.';

describe('sailctl analyze --remote-contexts', () => {
  it('IST0170 for a Service that differs between the primary and the remote cluster; the consistent one is quiet', async () => {
    const r = await run('-n', 'shop', '--remote-contexts', 'west', '--analyzer', 'services.MultiClusterServiceAnalyzer');
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(IST0170 + '\n');
    expect(r.exitCode).toBe(0);
    const failing = await run('-n', 'shop', '--remote-contexts', 'west', '--analyzer', 'services.MultiClusterServiceAnalyzer', '--failure-threshold', 'Warning');
    expect(failing.exitCode).toBe(79);
  });

  it('--remote-contexts repeated: each context is one more cluster', async () => {
    const r = await run('-n', 'shop', '--remote-contexts', 'west', '--remote-contexts', 'west-2', '--analyzer', 'services.MultiClusterServiceAnalyzer');
    expect(r.stdout).toBe(IST0170.replace('["default" "west"]', '["default" "west" "west-2"]') + '\n');
    expect(r.exitCode).toBe(0);
  });

  it('without --remote-contexts only the primary is read: no IST0170, no cluster in the output, the remote server untouched', async () => {
    const before = remote.requests.length;
    const r = await run('-n', 'shop', '-o', 'json');
    const messages = JSON.parse(r.stdout) as Array<Record<string, string>>;
    expect(messages.map((m) => m['code'])).not.toContain('IST0170');
    expect(messages.every((m) => !('cluster' in m))).toBe(true);
    expect(remote.requests.length).toBe(before);
  });

  it('every message names its cluster; remote runtime objects and remote Istio config are analysed', async () => {
    const r = await run('-n', 'shop', '--remote-contexts', 'west', '-o', 'json');
    const messages = JSON.parse(r.stdout) as Array<Record<string, string>>;
    const summary = messages.map((m) => `${m['cluster']} ${m['code']} ${m['origin']}`);
    expect(summary).toContain('default IST0170 Service shop/cart');
    // A Service only the remote cluster has, with a port name Istio cannot read: reported for cluster west.
    expect(summary).toContain('west IST0118 Service shop/legacy');
    // The remote VirtualService is part of the primary's (default) view.
    expect(summary).toContain('default IST0101 VirtualService shop/west-vs');
    // Sorted by cluster first, as istioctl.
    const clusters = messages.map((m) => m['cluster']);
    expect(clusters).toEqual([...clusters].sort());
    expect(messages.every((m) => typeof m['cluster'] === 'string' && m['cluster'] !== '')).toBe(true);
    expect(r.exitCode).toBe(79);
  });

  it('the remote cluster is not asked for Deployments, ConfigMaps or webhook configurations (istioctl skips them there)', async () => {
    const before = remote.requests.length;
    await run('-n', 'shop', '--remote-contexts', 'west');
    const paths = remote.requests.slice(before).map((q) => q.path);
    expect(paths.some((p) => p.includes('/services'))).toBe(true);
    for (const skipped of ['/deployments', '/configmaps', 'mutatingwebhookconfigurations', 'validatingwebhookconfigurations']) {
      expect(paths.filter((p) => p.includes(skipped))).toEqual([]);
    }
  });

  it('an unknown context is one error line naming it, exit 1, before any request', async () => {
    const before = primary.requests.length;
    const r = await run('-n', 'shop', '--remote-contexts', 'nope');
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toMatch(/^Error: .*context "nope" does not exist/);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(primary.requests.length).toBe(before);
  });

  it('a remote context named "default" is refused (it would be the primary cluster\'s id)', async () => {
    const r = await run('-n', 'shop', '--remote-contexts', 'default');
    expect(r.exitCode).toBe(64);
    expect(r.stderr.split('\n')[0]).toContain('--remote-contexts: a context named "default"');
  });

  it('-v lists what each cluster gave', async () => {
    const r = await run('-n', 'shop', '--remote-contexts', 'west', '-v', '--analyzer', 'services.MultiClusterServiceAnalyzer');
    expect(r.stderr).toContain('[cluster-default] cluster east: Listed 2 Service (v1) in all namespaces');
    expect(r.stderr).toContain('[cluster-west] cluster west: Listed 3 Service (v1) in all namespaces');
  });
});
