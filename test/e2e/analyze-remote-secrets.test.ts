/**
 * bin/sailctl analyze without --remote-contexts finds remote clusters in Istio's remote secrets
 * (Secrets labelled istio/multiCluster=true in the Istio namespace, one kubeconfig per data value),
 * as istioctl 1.30 does: two local API servers, the primary holding a secret whose kubeconfig
 * points at the second (which requires the token the secret carries).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { sailctl } from '../support/cli.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';
import { namespace, seedClusterPair } from '../support/istio-fixtures.js';
import type { JsonObject } from '../support/kube-server/fields.js';

const REMOTE_TOKEN = 'remote-token-8d1e6a0f4c3b';
let primary: KubeServer;
let remote: KubeServer;
let kc: string;
const home = mkdtempSync(join(tmpdir(), 'sailctl-home-'));
const env = { HOME: home, KUBECONFIG: '' };
const run = (...args: string[]) => sailctl(['-c', kc, 'analyze', ...args], { env });
const MC = ['--analyzer', 'services.MultiClusterServiceAnalyzer'];


/** A kubeconfig as `istioctl create-remote-secret` writes it: cluster named after the cluster id, inline token. */
function remoteKubeconfig(clusterName: string, server: string, user: JsonObject = { token: REMOTE_TOKEN }): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': clusterName,
    clusters: [{ name: clusterName, cluster: { server } }],
    contexts: [{ name: clusterName, context: { cluster: clusterName, user: clusterName } }],
    users: [{ name: clusterName, user }],
  });
}

function remoteSecret(name: string, data: Record<string, string>, labels: Record<string, string> = { 'istio/multiCluster': 'true' }): JsonObject {
  const encoded = Object.fromEntries(Object.entries(data).map(([k, v]) => [k, Buffer.from(v).toString('base64')]));
  return { apiVersion: 'v1', kind: 'Secret', type: 'Opaque', metadata: { name, namespace: 'istio-system', labels }, data: encoded };
}

const extraSecrets: string[] = [];
function seedSecret(secret: JsonObject): void {
  primary.seed(secret);
  extraSecrets.push((secret['metadata'] as { name: string }).name);
}

beforeAll(async () => {
  [primary, remote] = await Promise.all([startKubeServer(), startKubeServer({ token: REMOTE_TOKEN })]);
  kc = writeKubeconfig(primary.url, { name: 'east' });
  // A second context for the remote server, with its token, for --remote-contexts.
  const doc = parse(readFileSync(kc, 'utf8')) as { clusters: JsonObject[]; users: JsonObject[]; contexts: JsonObject[] };
  doc.clusters.push({ name: 'west-ctx', cluster: { server: remote.url } });
  doc.users.push({ name: 'west-ctx', user: { token: REMOTE_TOKEN } });
  doc.contexts.push({ name: 'west-ctx', context: { cluster: 'west-ctx', user: 'west-ctx' } });
  writeFileSync(kc, stringify(doc));
  seedClusterPair(primary, remote);
  primary.seed(remoteSecret('istio-remote-secret-west', { west: remoteKubeconfig('west', remote.url) }));
  // Not a remote secret: no label. Its value would fail to parse if it were read.
  primary.seed(remoteSecret('unrelated', { config: 'key: [unclosed' }, {}));
});
afterAll(async () => {
  await Promise.all([primary?.stop(), remote?.stop()]);
});
afterEach(() => {
  primary.forbidden = [];
  for (const name of extraSecrets.splice(0)) primary.delete('v1', 'Secret', name, 'istio-system');
});

const IST0170 =
  'Warning [IST0170] [cluster-default] (Service shop/cart) The service cart in namespace "shop" is inconsistent across clusters ["default" "west"], which can lead to undefined behaviors. The inconsistent behaviors are: service ports are inconsistent; service type is inconsistent.';

const secretLists = (s: KubeServer, from: number) =>
  s.requests.slice(from).filter((q) => q.path === '/api/v1/namespaces/istio-system/secrets' && q.query.get('labelSelector') === 'istio/multiCluster=true');

describe('sailctl analyze: remote clusters from remote secrets', () => {
  it('without --remote-contexts the remote secret adds its cluster (id = its cluster name): IST0170', async () => {
    const before = remote.requests.length;
    const r = await run('-n', 'shop', ...MC);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(IST0170 + '\n');
    expect(r.exitCode).toBe(0);
    // The remote server was read with the secret's token.
    const reads = remote.requests.slice(before);
    expect(reads.some((q) => q.path === '/api/v1/services')).toBe(true);
    expect(reads.every((q) => q.authorization === `Bearer ${REMOTE_TOKEN}`)).toBe(true);
  });

  it('-o json names the cluster of each message; -v says where the remote cluster came from, never its token', async () => {
    const r = await run('-n', 'shop', ...MC, '-o', 'json', '-v');
    const messages = JSON.parse(r.stdout) as Array<Record<string, string>>;
    expect(messages.map((m) => `${m['cluster']} ${m['code']} ${m['origin']}`)).toEqual(['default IST0170 Service shop/cart']);
    expect(r.stderr).toContain('Remote secrets: 1 kubeconfig in the Secrets labelled istio/multiCluster=true in namespace istio-system');
    expect(r.stderr).toContain('[cluster-west] cluster west (secret istio-system/istio-remote-secret-west, key west): Listed 2 Service (v1) in all namespaces');
    expect(r.stderr).toMatch(/Analyzed \d+ resources in namespace: shop \(clusters east \(http:\/\/127\.0\.0\.1:\d+\), west \(http:\/\/127\.0\.0\.1:\d+, from secret istio-system\/istio-remote-secret-west, key west\)\)/);
    expect(r.stdout + r.stderr).not.toContain(REMOTE_TOKEN);
  });

  it('with --remote-contexts the secrets are not read: only the named contexts join', async () => {
    const before = primary.requests.length;
    const r = await run('-n', 'shop', ...MC, '--remote-contexts', 'west-ctx');
    expect(secretLists(primary, before)).toEqual([]);
    // The cluster id is the context's name here, as istioctl.
    expect(r.stdout).toBe(IST0170.replace('["default" "west"]', '["default" "west-ctx"]') + '\n');
    expect(r.stderr).toBe('');
  });

  it('-i names the namespace the secrets are read from; a namespace without them adds no cluster', async () => {
    primary.seed(namespace('mesh-b'));
    const before = primary.requests.length;
    const r = await run('-n', 'shop', ...MC, '-i', 'mesh-b');
    expect(secretLists(primary, before)).toEqual([]);
    expect(primary.requests.slice(before).some((q) => q.path === '/api/v1/namespaces/mesh-b/secrets' && q.query.get('labelSelector') === 'istio/multiCluster=true')).toBe(true);
    expect(r.stdout).toBe('\n');
    expect(r.exitCode).toBe(0);
    const absent = await run('-n', 'shop', ...MC, '-i', 'no-such-ns');
    expect(absent.stdout).toBe('\n');
    expect(absent.exitCode).toBe(0);
  });

  it('--use-kube=false reads no cluster and no secret', async () => {
    const before = primary.requests.length;
    const r = await run('--use-kube=false', '-n', 'shop', ...MC);
    expect(r.exitCode).toBe(0);
    expect(primary.requests.length).toBe(before);
  });

  it('a forbidden secret list is one warning line and the primary cluster is analysed alone (exit 0)', async () => {
    primary.forbidden.push({ verb: 'list', resource: 'secrets', namespace: 'istio-system' });
    const before = remote.requests.length;
    const r = await run('-n', 'shop', ...MC);
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^Warning: remote clusters not analysed: cannot list the Secrets labelled istio\/multiCluster=true in namespace istio-system \(name remote clusters with --remote-contexts\): forbidden: .*secrets/);
    expect(lines[1]).toBe('\u2714 No validation issues found when analyzing namespace: shop.');
    expect(r.stdout).toBe('\n');
    expect(r.exitCode).toBe(0);
    expect(remote.requests.length).toBe(before);
  });

  it('a malformed secret value is one warning line naming the secret and key; the other remote clusters are still read', async () => {
    seedSecret(remoteSecret('istio-remote-secret-broken', { broken: `apiVersion: v1\nusers:\n- name: u\n  user:\n    token: ${REMOTE_TOKEN}: x\n` }));
    const r = await run('-n', 'shop', ...MC);
    expect(r.stderr).toBe('Warning: remote cluster skipped: invalid kubeconfig in secret istio-system/istio-remote-secret-broken, key broken (line 5): Nested mappings are not allowed in compact mappings\n');
    expect(r.stdout).toBe(IST0170 + '\n');
    expect(r.exitCode).toBe(0);
  });

  it('an exec credential plugin in a secret is refused, and never run', async () => {
    const marker = join(home, 'exec-ran');
    seedSecret(remoteSecret('istio-remote-secret-exec', { north: remoteKubeconfig('north', remote.url, { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'touch', args: [marker] } }) }));
    const r = await run('-n', 'shop', ...MC);
    expect(r.stderr).toBe(
      'Warning: remote cluster skipped: user "north" in secret istio-system/istio-remote-secret-exec, key north uses an exec credential plugin (a program to run), which sailctl does not use from a kubeconfig read from a cluster\n',
    );
    expect(existsSync(marker)).toBe(false);
    expect(r.stdout).toBe(IST0170 + '\n');
  });

  it('a value without a current context is skipped quietly, as istioctl; two values naming one cluster read it once', async () => {
    const noContext = remoteKubeconfig('south', remote.url).replace('current-context: south', 'current-context: ""');
    seedSecret(remoteSecret('istio-remote-secret-more', { south: noContext, west2: remoteKubeconfig('west', remote.url) }));
    const r = await run('-n', 'shop', ...MC, '-v');
    expect(r.stderr).toContain('Skipped secret istio-system/istio-remote-secret-more, key south: no current context');
    expect(r.stderr).toContain('Warning: remote cluster skipped: secret istio-system/istio-remote-secret-west, key west names cluster "west", already read from secret istio-system/istio-remote-secret-more, key west2');
    expect(r.stdout).toContain('across clusters ["default" "west"]');
  });

  it('an unreachable remote server is a warning; the primary is still analysed', async () => {
    const gone = await startKubeServer();
    const url = gone.url;
    await gone.stop();
    seedSecret(remoteSecret('istio-remote-secret-gone', { gone: remoteKubeconfig('gone', url) }));
    const r = await run('-n', 'shop', ...MC);
    expect(r.stderr).toMatch(/^Warning: remote cluster gone \(secret istio-system\/istio-remote-secret-gone, key gone\) skipped: cannot reach the Kubernetes API server at http:\/\/127\.0\.0\.1:\d+ \(context "gone"\): connection refused\n$/);
    expect(r.stdout).toBe(IST0170 + '\n');
    expect(r.exitCode).toBe(0);
  });

  it('a remote server that does not answer is dropped at 80% of --timeout, before the whole read times out', async () => {
    const { createServer } = await import('node:net');
    // Accepts connections and never answers.
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    try {
      const port = (silent.address() as { port: number }).port;
      seedSecret(remoteSecret('istio-remote-secret-silent', { silent: remoteKubeconfig('silent', `http://127.0.0.1:${port}`) }));
      const started = Date.now();
      const r = await run('-n', 'shop', ...MC, '--timeout', '3s');
      // The process ends soon after: the closed client's requests are not retried.
      expect(Date.now() - started).toBeLessThan(2400 + 2500);
      expect(r.stderr).toMatch(/^Warning: remote cluster silent \(secret istio-system\/istio-remote-secret-silent, key silent\) skipped: timed out after 2\d{3}ms reading remote cluster silent\n$/);
      expect(r.stdout).toBe(IST0170 + '\n');
      expect(r.exitCode).toBe(0);
    } finally {
      silent.close();
    }
  });
});
