/**
 * install answered at a prompt: the webhook list and the namespace read before the prompt (while
 * the manifest rendered) may be minutes old once the user answers, so they are read again before
 * anything is written. With -y the early answers are used and nothing is read twice.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { installCommand } from '../../src/cli/commands/install.js';
import { fakeIO } from '../support/fake-io.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';

describe('install: reads before and after the prompt', () => {
  let server: KubeServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  const firstWrite = (s: KubeServer) => s.requests.findIndex((q) => q.method !== 'GET');
  // Component applies wait for the precheck and the namespace; the namespace's own create does not wait for the precheck.
  const firstApply = (s: KubeServer) => s.requests.findIndex((q) => q.method === 'PATCH');
  const webhookLists = (s: KubeServer, before: number) =>
    s.requests.slice(0, before).filter((q) => q.path === '/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations' && !q.query.get('labelSelector'));
  const namespaceGets = (s: KubeServer, before: number) => s.requests.slice(0, before).filter((q) => q.method === 'GET' && q.path === '/api/v1/namespaces/istio-system');

  async function install(answers: string[] | undefined, ...flags: string[]) {
    server = await startKubeServer({ controllers: true });
    // a terminal on stdin only: progress goes out as plain lines
    const io = { ...fakeIO({ answers }), stdinIsTTY: true };
    const code = await runCli([installCommand], ['install', '--readiness-timeout', '20s', ...flags], { ...io, env: { KUBECONFIG: writeKubeconfig(server.url) } });
    return { code, io, server };
  }

  it('after "y" at the prompt, the webhook list and the namespace are read again before the first apply', async () => {
    const { code, server } = await install(['y']);
    expect(code).toBe(0);
    const w = firstApply(server);
    expect(w).toBeGreaterThan(0);
    expect(webhookLists(server, w)).toHaveLength(2);
    expect(namespaceGets(server, w)).toHaveLength(2);
  }, 60_000);

  it('with -y the answers read during the render are used', async () => {
    const { code, server } = await install(undefined, '-y');
    expect(code).toBe(0);
    const w = firstApply(server);
    expect(webhookLists(server, w)).toHaveLength(1);
    expect(namespaceGets(server, w)).toHaveLength(1);
  }, 60_000);

  it('"n" at the prompt writes nothing', async () => {
    const { code, server } = await install(['n']);
    expect(code).toBe(1);
    expect(firstWrite(server)).toBe(-1);
  }, 60_000);
});
