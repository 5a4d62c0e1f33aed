/**
 * install's progress on a terminal, through script(1)'s pseudo-terminal (build first; skipped
 * without util-linux's script): a spinner when the terminal has a size, plain lines when it
 * reports 0 columns (ora would clear lines forever there).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { execa } from 'execa';
import { SAILCTL } from '../support/cli.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';

const hasScript = spawnSync('script', ['-qec', 'true', '/dev/null'], { stdio: 'ignore' }).status === 0;
const quote = (s: string): string => `'${s.replaceAll("'", "'\\''")}'`;

describe.skipIf(!hasScript)('install on a terminal (script(1))', () => {
  let server: KubeServer;
  let kubeconfig: string;
  beforeAll(async () => {
    server = await startKubeServer({ controllers: true });
    kubeconfig = writeKubeconfig(server.url);
  });
  afterAll(async () => server.stop());

  async function onTerminal(sizeCommand: string): Promise<{ exitCode: number; output: string }> {
    const command = `${sizeCommand}${quote(SAILCTL)} -c ${quote(kubeconfig)} install -y`;
    const r = await execa('script', ['-qec', command, '/dev/null'], { reject: false, timeout: 60_000, env: { NO_COLOR: '1' }, stdin: 'ignore' });
    return { exitCode: r.exitCode ?? -1, output: String(r.stdout) };
  }

  it('a terminal of 0 columns gets plain progress lines and the install completes', async () => {
    const r = await onTerminal('stty cols 0 rows 0 2>/dev/null; ');
    expect(r.exitCode, r.output.slice(0, 2000)).toBe(0);
    expect(r.output).toContain('- Processing resources for Istio core.');
    expect(r.output).toContain('✔ Installation complete');
    expect(r.output.length).toBeLessThan(4096);
  });

  it('a terminal with a size gets the spinner', async () => {
    const r = await onTerminal('stty cols 100 rows 40; ');
    expect(r.exitCode, r.output.slice(0, 2000)).toBe(0);
    expect(r.output).toContain('✔ Installation complete');
    // ora hides the cursor while it spins and shows it again
    expect(r.output).toContain('\u001b[?25l');
    expect(r.output).not.toContain('- Processing resources for Istio core.');
  });
});
