/** TLS verification stays on: the kubeconfig's CA must sign the server; client certificates authenticate. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/kube/index.js';
import { SailError } from '../../src/errors.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';
import { hasOpenssl, makePki, type TestPki } from '../support/tls.js';

const enabled = hasOpenssl();
if (!enabled) console.warn('TLS tests skipped: openssl is not on PATH');

describe.skipIf(!enabled)('TLS', () => {
  let pki: TestPki;
  let server: KubeServer;
  beforeAll(async () => {
    pki = makePki();
    server = await startKubeServer({ tls: { cert: pki.serverCert, key: pki.serverKey, clientCa: pki.ca } });
  });
  afterAll(async () => server?.stop());
  const connect = (kubeconfig: string) => KubeClient.connect({ kubeconfig, env: {}, timeoutMs: 5000, transport: { baseDelayMs: 5 } });

  it('verifies the server against the kubeconfig CA and authenticates with a client certificate', async () => {
    const kc = writeKubeconfig(server.url, { ca: pki.ca, clientCert: pki.clientCert, clientKey: pki.clientKey });
    expect((await connect(kc).get({ apiVersion: 'v1', kind: 'Namespace' }, 'default'))?.metadata.name).toBe('default');
  });

  it('refuses a server its CA did not sign, in one line without key material', async () => {
    const kc = writeKubeconfig(server.url, { ca: pki.otherCa, clientCert: pki.clientCert, clientKey: pki.clientKey });
    const err = await connect(kc).serverVersion().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(SailError);
    const msg = (err as SailError).message;
    expect(msg).toMatch(new RegExp(`^TLS verification of the Kubernetes API server at ${server.url.replace(/\./g, '\\.')} failed: `));
    expect(msg.split('\n')).toHaveLength(1);
    expect(msg).not.toContain('PRIVATE KEY');
  });

  it('without a client certificate the server answers 401, reported without credentials', async () => {
    const kc = writeKubeconfig(server.url, { ca: pki.ca });
    await expect(connect(kc).serverVersion()).rejects.toThrow(`the Kubernetes API server at ${server.url} rejected the credentials of context "test" (401 Unauthorized)`);
  });

  it('insecure-skip-tls-verify is honoured only when the kubeconfig says so', async () => {
    const kc = writeKubeconfig(server.url, { insecureSkipTlsVerify: true, clientCert: pki.clientCert, clientKey: pki.clientKey });
    expect((await connect(kc).serverVersion()).gitVersion).toBe('v1.32.3');
  });
});
