/** Batch B analyzers through `sailctl analyze` in-process: flags, mesh config file, exit codes. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeCommand } from '../../../src/cli/commands/analyze.js';
import { runCli } from '../../../src/cli/program.js';
import { fakeIO } from '../../support/fake-io.js';

const FIX = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'batch-b');

describe('sailctl analyze with batch B analyzers', () => {
  it('--meshConfigFile enables the Lightstep deprecation; exit 79 only at the failure threshold', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-mesh-'));
    const mesh = join(dir, 'mesh.yaml');
    writeFileSync(mesh, 'extensionProviders:\n- name: ls\n  lightstep:\n    service: collector\n    port: 8080\n');
    const args = ['analyze', '--use-kube=false', '-A', '--analyzer', 'telemetry.LightstepAnalyzer', '--meshConfigFile', mesh, join(FIX, 'telemetry.yaml')];
    const io = fakeIO();
    expect(await runCli([analyzeCommand], args, io)).toBe(0);
    expect(io.out()).toContain('Warning [IST0002] (Telemetry obs/ns-wide-1 ');
    expect(io.out()).toContain('The Lightstep provider ls is deprecated');
    const strict = fakeIO();
    expect(await runCli([analyzeCommand], [...args, '--failure-threshold', 'Warning'], strict)).toBe(79);
  });

  it('-o json reports the sidecar conflicts with --include-runtime-kinds and nothing without it', async () => {
    const base = ['analyze', '--use-kube=false', '-A', '--analyzer', 'sidecar.SelectorAnalyzer', '-o', 'json', join(FIX, 'sidecar-selector.yaml')];
    const io = fakeIO();
    expect(await runCli([analyzeCommand], [...base, '--include-runtime-kinds'], io)).toBe(79);
    const codes = (JSON.parse(io.out()) as Array<{ code: string }>).map((m) => m.code);
    expect(codes).toEqual(['IST0101', 'IST0110', 'IST0110', 'IST0111', 'IST0111', 'IST0167', 'IST0167']);
    const without = fakeIO();
    expect(await runCli([analyzeCommand], base, without)).toBe(0);
    expect(JSON.parse(without.out())).toEqual([]);
  });
});
