/** Credentials never reach sailctl's output, whatever fails, verbose or not. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sailctl } from '../support/cli.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';

const TOKEN = 'e2e-secret-token-7f3a9c1d5b';
let server: KubeServer;

beforeAll(async () => {
  server = await startKubeServer({ token: TOKEN });
});
afterAll(async () => server.stop());

describe('credentials stay secret', () => {
  it('works with the right token and never prints it', async () => {
    const kc = writeKubeconfig(server.url, { token: TOKEN });
    for (const env of [{}, { SAILCTL_DEBUG: '1' }]) {
      const ok = await sailctl(['-c', kc, 'namespace', 'status', 'default'], { env });
      expect(ok.exitCode).toBe(0);
      server.forbidden = [{ verb: 'patch', resource: 'namespaces' }];
      server.inject({ kind: 'status500', times: Infinity, method: 'GET', pathIncludes: '/pods' });
      const failures = [
        await sailctl(['-c', kc, 'namespace', 'enable', 'default'], { env }),
        await sailctl(['-c', kc, 'namespace', 'status', 'default'], { env }),
        await sailctl(['-c', kc, 'x', 'precheck', '-o', 'json'], { env }),
      ];
      server.forbidden = [];
      server.faults = [];
      expect(failures.map((f) => f.exitCode)).toEqual([1, 1, 1]);
      for (const r of [ok, ...failures]) expect(r.stdout + r.stderr).not.toContain(TOKEN);
    }
  });

  it('a rejected token is reported without the token', async () => {
    const kc = writeKubeconfig(server.url, { token: 'wrong-' + TOKEN });
    const r = await sailctl(['-c', kc, 'namespace', 'status'], { env: { SAILCTL_DEBUG: '1' } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe(`Error: the Kubernetes API server at ${server.url} rejected the credentials of context "test" (401 Unauthorized)`);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });
});
