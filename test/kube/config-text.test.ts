/** Kubeconfig text read from a cluster (an Istio remote secret): parsing, errors naming the secret and key, refusals. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadKubeConfigText, serverUrl } from '../../src/kube/config.js';
import { clientFromKubeconfigText } from '../../src/kube/connect.js';
import { SailError } from '../../src/errors.js';
import { thrownBy } from '../support/thrown.js';

const ORIGIN = 'secret istio-system/istio-remote-secret-west, key west';
const TOKEN = 'tok-3f9a1c7e5b2d48e6';

function kubeconfig(user: Record<string, unknown> = { token: TOKEN }, extra: Record<string, unknown> = {}): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    'current-context': 'west-ctx',
    clusters: [{ name: 'west', cluster: { server: 'https://west.example:6443/', 'certificate-authority-data': Buffer.from('not a real CA').toString('base64') } }],
    users: [{ name: 'west-user', user }],
    contexts: [{ name: 'west-ctx', context: { cluster: 'west', user: 'west-user', namespace: 'shop' } }],
    ...extra,
  });
}

const thrown = (f: () => unknown): SailError => thrownBy(SailError, f);

describe('loadKubeConfigText', () => {
  it('reads the current context, its cluster (the cluster id of a remote secret) and user', () => {
    const loaded = loadKubeConfigText(kubeconfig(), ORIGIN, { untrusted: true });
    expect(loaded?.contextName).toBe('west-ctx');
    expect(loaded?.cluster.name).toBe('west');
    expect(loaded?.server).toBe('https://west.example:6443');
    expect(loaded?.user.token).toBe(TOKEN);
    expect(loaded?.namespace).toBe('shop');
    expect(loaded?.origin).toBe(ORIGIN);
  });

  it('reads JSON too (a kubeconfig is YAML or JSON)', () => {
    const json = JSON.stringify({ 'current-context': 'c', clusters: [{ name: 'k', cluster: { server: 'http://127.0.0.1:1' } }], contexts: [{ name: 'c', context: { cluster: 'k' } }], users: [] });
    expect(loadKubeConfigText(json, ORIGIN)?.cluster.name).toBe('k');
  });

  it('is undefined when the current context is unset or names no context (istioctl skips the value)', () => {
    expect(loadKubeConfigText(kubeconfig(undefined, { 'current-context': '' }), ORIGIN)).toBeUndefined();
    expect(loadKubeConfigText(kubeconfig(undefined, { 'current-context': 'gone' }), ORIGIN)).toBeUndefined();
  });

  it('malformed YAML is one line naming the secret, the key and the line, without the text', () => {
    const text = `apiVersion: v1\nusers:\n- name: u\n  user:\n    token: ${TOKEN}: oops\n`;
    const e = thrown(() => loadKubeConfigText(text, ORIGIN));
    expect(e.message).toBe(`invalid kubeconfig in ${ORIGIN} (line 5): Nested mappings are not allowed in compact mappings`);
    expect(e.message).not.toContain(TOKEN);
    expect(e.message).not.toContain('\n');
    expect(e.exitCode).toBe(1);
  });

  it('a value that is not a mapping names what it found', () => {
    expect(thrown(() => loadKubeConfigText(TOKEN, ORIGIN)).message).toBe(`invalid kubeconfig in ${ORIGIN}: expected a YAML mapping (apiVersion, clusters, contexts, users), found a string`);
    expect(thrown(() => loadKubeConfigText('', ORIGIN)).message).toContain('found nothing');
    expect(thrown(() => loadKubeConfigText('- a\n- b\n', ORIGIN)).message).toContain('found a list');
  });

  it('an invalid entry is named by position, not by its values', () => {
    const text = stringify({ 'current-context': 'c', clusters: [{ name: 'k', cluster: { 'certificate-authority-data': 'c2VjcmV0' } }], contexts: [{ name: 'c', context: { cluster: 'k' } }] });
    expect(thrown(() => loadKubeConfigText(text, ORIGIN)).message).toBe(`invalid kubeconfig in ${ORIGIN}: clusters[0].cluster.server is missing`);
  });

  it('a context whose cluster is not defined names the secret and key', () => {
    const text = stringify({ 'current-context': 'c', clusters: [], contexts: [{ name: 'c', context: { cluster: 'k' } }] });
    expect(thrown(() => loadKubeConfigText(text, ORIGIN)).message).toBe(`context "c" refers to cluster "k", which is not defined in ${ORIGIN}`);
  });

  it('a server that is not a URL is named by its cluster, not quoted', () => {
    const text = stringify({ 'current-context': 'c', clusters: [{ name: 'k', cluster: { server: `not a url ${TOKEN}` } }], contexts: [{ name: 'c', context: { cluster: 'k' } }] });
    const e = thrown(() => loadKubeConfigText(text, ORIGIN));
    expect(e.message).toBe(`cluster "k" in ${ORIGIN} has a server that is not a URL`);
  });

  it('a bad proxy-url is reported with the secret and key', () => {
    const text = stringify({ 'current-context': 'c', clusters: [{ name: 'k', cluster: { server: 'https://x', 'proxy-url': 'ftp://p' } }], contexts: [{ name: 'c', context: { cluster: 'k' } }] });
    expect(thrown(() => loadKubeConfigText(text, ORIGIN)).message).toContain(ORIGIN);
  });

  describe('untrusted text (from a cluster) refuses what runs a program or reads a local credential file, as istiod does', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-config-text-'));
    const local = join(dir, 'local-token');
    writeFileSync(local, 'local-secret-token');
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['exec plugin', { exec: { apiVersion: 'client.authentication.k8s.io/v1', command: 'touch', args: [join(dir, 'ran')] } }, /user "west-user" in secret istio-system\/istio-remote-secret-west, key west uses an exec credential plugin/],
      ['client-certificate file', { 'client-certificate': '/etc/passwd' }, /uses a client certificate file \(client-certificate\)/],
      ['client-key file', { 'client-key': '/etc/passwd' }, /uses a client key file \(client-key\)/],
      ['token-file', { 'token-file': local }, /uses a token file \(token-file\)/],
      ['gcp auth provider', { 'auth-provider': { name: 'gcp', config: { 'cmd-path': 'touch' } } }, /uses auth provider "gcp"/],
      ['the in-cluster token-file provider', { 'auth-provider': { name: 'tokenFile', config: { tokenFile: local } } }, /uses auth provider "tokenFile"/],
    ];
    for (const [name, user, message] of cases) {
      it(name, () => {
        const e = thrown(() => loadKubeConfigText(kubeconfig(user), ORIGIN, { untrusted: true }));
        expect(e.message).toMatch(message);
        expect(e.message).toContain('which sailctl does not use from a kubeconfig read from a cluster');
        expect(e.hint).toContain('inline');
        expect(e.message).not.toContain('local-secret-token');
      });
    }

    it('users other than the current one are checked too (istiod refuses the whole kubeconfig)', () => {
      const text = kubeconfig({ token: TOKEN }).replace('users:\n', `users:\n  - name: other\n    user:\n      token-file: ${local}\n`);
      expect(thrown(() => loadKubeConfigText(text, ORIGIN, { untrusted: true })).message).toContain('user "other"');
    });

    it('oidc, tokens, inline certificates, basic auth and a certificate-authority file are accepted', () => {
      for (const user of [
        { 'auth-provider': { name: 'oidc', config: { 'id-token': 'x', 'client-id': 'y', 'idp-issuer-url': 'https://issuer' } } },
        { token: TOKEN },
        { 'client-certificate-data': 'Y2VydA==', 'client-key-data': 'a2V5' },
        { username: 'u', password: 'p' },
      ]) {
        expect(loadKubeConfigText(kubeconfig(user), ORIGIN, { untrusted: true })?.cluster.name).toBe('west');
      }
      const caFile = kubeconfig().replace(/certificate-authority-data: .*/, `certificate-authority: ${local}`);
      expect(loadKubeConfigText(caFile, ORIGIN, { untrusted: true })?.cluster.caFile).toBe(local);
    });

    it('trusted text keeps reading them (the caller decides)', () => {
      expect(loadKubeConfigText(kubeconfig({ 'client-certificate': '/etc/passwd' }), ORIGIN)?.user.certFile).toBe('/etc/passwd');
    });
  });
});

describe('clientFromKubeconfigText', () => {
  it('gives a client for the current context and the cluster name; no request is made', () => {
    const c = clientFromKubeconfigText(kubeconfig(), ORIGIN, { timeoutMs: 1000, env: {} });
    try {
      expect(c?.clusterName).toBe('west');
      expect(c?.client.config.contextName).toBe('west-ctx');
      expect(c?.client.config.server).toBe('https://west.example:6443');
      expect(c?.client.defaultNamespace).toBe('shop');
    } finally {
      c?.client.close();
    }
  });

  it('is always untrusted: an exec plugin is refused', () => {
    expect(() => clientFromKubeconfigText(kubeconfig({ exec: { command: 'true' } }), ORIGIN, { timeoutMs: 1000, env: {} })).toThrow(/exec credential plugin/);
  });

  it('undefined without a current context', () => {
    expect(clientFromKubeconfigText(kubeconfig(undefined, { 'current-context': '' }), ORIGIN, { timeoutMs: 1000, env: {} })).toBeUndefined();
  });
});

describe('serverUrl (client-go rest.DefaultServerURL)', () => {
  const noUser = {};
  it('keeps a URL with a scheme and host', () => {
    expect(serverUrl({ server: 'https://10.0.0.1:6443' }, noUser)).toBe('https://10.0.0.1:6443');
    expect(serverUrl({ server: 'http://127.0.0.1:8080/prefix' }, noUser)).toBe('http://127.0.0.1:8080/prefix');
  });
  it('adds http:// to a bare host:port without TLS material', () => {
    expect(serverUrl({ server: '10.0.0.1:6443' }, noUser)).toBe('http://10.0.0.1:6443');
    // a URL parser reads "localhost:6443" as scheme "localhost" with no host; client-go does not keep that
    expect(serverUrl({ server: 'localhost:6443' }, noUser)).toBe('http://localhost:6443');
    expect(serverUrl({ server: 'api.example.com' }, noUser)).toBe('http://api.example.com');
  });
  it('adds https:// when the kubeconfig gives a CA, a client certificate or insecure-skip-tls-verify', () => {
    expect(serverUrl({ server: '10.0.0.1:6443', caData: 'Q0E=' }, noUser)).toBe('https://10.0.0.1:6443');
    expect(serverUrl({ server: '10.0.0.1:6443', caFile: '/ca.crt' }, noUser)).toBe('https://10.0.0.1:6443');
    expect(serverUrl({ server: '10.0.0.1:6443' }, { certData: 'Q0VSVA==' })).toBe('https://10.0.0.1:6443');
    expect(serverUrl({ server: '[::1]:6443', skipTLSVerify: true }, noUser)).toBe('https://[::1]:6443');
  });
  it('is undefined for what is no URL even with a scheme', () => {
    expect(serverUrl({ server: '' }, noUser)).toBeUndefined();
    expect(serverUrl({ server: 'not a url' }, noUser)).toBeUndefined();
  });
  it('a kubeconfig with a bare host:port and a CA connects over https', () => {
    const text = stringify({ 'current-context': 'c', clusters: [{ name: 'k', cluster: { server: '10.0.0.1:6443', 'certificate-authority-data': 'Q0E=' } }], contexts: [{ name: 'c', context: { cluster: 'k' } }] });
    const loaded = loadKubeConfigText(text, ORIGIN);
    expect(loaded?.cluster.server).toBe('https://10.0.0.1:6443');
    expect(loaded?.server).toBe('https://10.0.0.1:6443');
  });
});
