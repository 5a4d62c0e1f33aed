import { describe, expect, it } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sailctl } from '../support/cli.js';

const FIX = 'test/analyze/fixtures';

describe('sailctl analyze (e2e)', () => {
  it('log output, exit 79 on errors', async () => {
    const r = await sailctl(['analyze', '--use-kube=false', `${FIX}/vs-missing.yaml`]);
    expect(r.exitCode).toBe(79);
    expect(r.stdout.split('\n')[0]).toBe(`Error [IST0101] (VirtualService default/reviews ${FIX}/vs-missing.yaml:10) Referenced gateway not found: "bookinfo-gateway"`);
  });
  it('exit 79 in json too (sailctl divergence); nothing but JSON on stdout', async () => {
    const r = await sailctl(['analyze', '--use-kube=false', '-o', 'json', `${FIX}/vs-missing.yaml`]);
    expect(r.exitCode).toBe(79);
    expect(JSON.parse(r.stdout)).toHaveLength(4);
  });
  it('failure threshold and output threshold', async () => {
    const r = await sailctl(['analyze', '--use-kube=false', '--output-threshold', 'Error', '-S', 'IST0101=VirtualService *', `${FIX}/vs-missing.yaml`]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('\n');
  });
  it('clean input: exit 0 and the success note on stderr', async () => {
    const r = await sailctl(['analyze', '--use-kube=false', `${FIX}/clean.yaml`]);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toContain(`\u2714 No validation issues found when analyzing ${FIX}/clean.yaml.`);
  });
  it('unparseable input without issues exits 65 and names file:line; --ignore-unknown exits 0', async () => {
    const r = await sailctl(['analyze', '--use-kube=false', `${FIX}/broken.yaml`]);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toMatch(/broken\.yaml:1[12]: could not parse YAML/);
    expect((await sailctl(['analyze', '--use-kube=false', `${FIX}/broken.yaml`, '--ignore-unknown'])).exitCode).toBe(0);
  });
  it('binary file is a parse problem, not a crash', async () => {
    const r = await sailctl(['analyze', '--use-kube=false', `${FIX}/bin/binary.yaml`]);
    expect(r.exitCode).toBe(65);
    expect(r.stderr).toContain('binary content');
  });
  it('missing path exits 1; bad flag values exit 64; empty directory is clean', async () => {
    const m = await sailctl(['analyze', '--use-kube=false', 'nope.yaml']);
    expect(m.exitCode).toBe(1);
    expect(m.stderr).toContain('nope.yaml');
    expect((await sailctl(['analyze', '--use-kube=false', '-o', 'xml', FIX])).exitCode).toBe(64);
    const t = await sailctl(['analyze', '--use-kube=false', '--failure-threshold', 'bad', FIX]);
    expect(t.exitCode).toBe(64);
    expect(t.stderr).toContain('--failure-threshold');
    const empty = mkdtempSync(join(tmpdir(), 'sailctl-empty-'));
    expect((await sailctl(['analyze', '--use-kube=false', empty])).exitCode).toBe(0);
  });
  it('no cluster and no files: a clear error', async () => {
    const r = await sailctl(['analyze'], { env: { NO_COLOR: '1', HOME: tmpdir(), KUBECONFIG: '' } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('cannot analyze the live cluster');
  });
  it('-L lists analyzers', async () => {
    const r = await sailctl(['analyze', '-L']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('* gateway.ConflictingGatewayAnalyzer:');
  });
});
