import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveCredentials } from '../../src/kube/credentials.js';
import { loadKubeConfig } from '../../src/kube/config.js';
import { SailError } from '../../src/errors.js';

describe('credentials from a kubeconfig', () => {
  it('reads relative certificate paths against the kubeconfig directory; token, basic auth, impersonation', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creds-'));
    writeFileSync(join(dir, 'ca.pem'), 'CA-PEM');
    writeFileSync(join(dir, 'kc'), `apiVersion: v1
kind: Config
current-context: a
clusters:
- name: a
  cluster: {server: "https://example.invalid:6443/", certificate-authority: ca.pem, tls-server-name: api.internal}
users:
- name: a
  user: {token: tok-123, as: someone}
- name: b
  user: {username: u, password: p}
contexts:
- name: a
  context: {cluster: a, user: a, namespace: team}
- name: b
  context: {cluster: a, user: b}
`);
    const a = loadKubeConfig({ kubeconfig: join(dir, 'kc'), env: {} });
    expect(a.namespace).toBe('team');
    expect(a.server).toBe('https://example.invalid:6443');
    const ca = await resolveCredentials(a.cluster, a.user);
    expect(String(ca.ca)).toBe('CA-PEM');
    expect(ca).toMatchObject({ rejectUnauthorized: true, servername: 'api.internal', headers: { Authorization: 'Bearer tok-123', 'Impersonate-User': 'someone' } });
    const b = loadKubeConfig({ kubeconfig: join(dir, 'kc'), context: 'b', env: {} });
    expect((await resolveCredentials(b.cluster, b.user)).headers['Authorization']).toBe(`Basic ${Buffer.from('u:p').toString('base64')}`);
  });

  it('reads a token file auth provider at request time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'creds-'));
    writeFileSync(join(dir, 'token'), 'file-token\n');
    const creds = await resolveCredentials(
      { name: 'c', server: 'https://x', skipTLSVerify: true },
      { name: 'u', authProvider: { name: 'tokenFile', config: { tokenFile: join(dir, 'token') } } },
    );
    expect(creds).toMatchObject({ rejectUnauthorized: false, headers: { Authorization: 'Bearer file-token' } });
  });

  it('an invalid kubeconfig names the file and the entry, not secrets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'creds-'));
    writeFileSync(join(dir, 'kc'), 'clusters:\n- name: a\n  cluster: {}\nusers:\n- user: {token: very-secret}\n');
    let err: unknown;
    try {
      loadKubeConfig({ kubeconfig: join(dir, 'kc'), env: {} });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SailError);
    expect((err as SailError).located).toBe(`${join(dir, 'kc')}: invalid kubeconfig: clusters[0].cluster.server is missing`);
    writeFileSync(join(dir, 'kc'), 'clusters: [\n');
    expect(() => loadKubeConfig({ kubeconfig: join(dir, 'kc'), env: {} })).toThrow(/invalid kubeconfig/);
  });
});
