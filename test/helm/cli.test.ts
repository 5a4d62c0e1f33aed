/** `sailctl x helm-template`: in-process through the CLI runner, plus one run of the real binary. */
import { describe, expect, it } from 'vitest';
import { existsSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { runCli } from '../../src/cli/program.js';
import { fakeIO } from '../support/fake-io.js';
import { REPO_ROOT, sailctl } from '../support/cli.js';
import { writeChart } from './fixtures.js';

const CHART = {
  'values.yaml': 'name: web\nreplicas: 2\nimage:\n  tag: "1.0"\n',
  'templates/deployment.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Values.name }}\n  namespace: {{ .Release.Namespace }}\nspec:\n  replicas: {{ .Values.replicas }}\n  template:\n    spec:\n      containers:\n      - image: "app:{{ .Values.image.tag }}"\n',
  'templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n',
  'templates/NOTES.txt': 'notes are not printed',
};

async function run(args: string[], stdin?: string) {
  const io = fakeIO({ stdin });
  const code = await runCli(COMMANDS, ['x', 'helm-template', ...args], io);
  return { code, out: io.out(), err: io.err() };
}

describe('sailctl x helm-template', () => {
  it('prints documents in install order with their source, using values, -f, --set, -n and --name-template', async () => {
    const dir = writeChart(CHART);
    const valuesFile = join(dir, '..', 'override.yaml');
    writeFileSync(valuesFile, 'replicas: 3\nimage:\n  tag: "2.0"\n');
    const r = await run([dir, '-f', valuesFile, '--set', 'name=api', '-n', 'prod', '--name-template', 'rel']);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toBe(
      '---\n# Source: demo/templates/service.yaml\napiVersion: v1\nkind: Service\nmetadata:\n  name: rel\n' +
        '---\n# Source: demo/templates/deployment.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\n  namespace: prod\nspec:\n  replicas: 3\n  template:\n    spec:\n      containers:\n      - image: "app:2.0"\n',
    );
  });

  it('reads values from stdin with -f -', async () => {
    const r = await run([writeChart(CHART), '-f', '-'], 'name: from-stdin\n');
    expect(r.code).toBe(0);
    expect(r.out).toContain('name: from-stdin');
  });

  it('fails on a missing chart directory, naming it', async () => {
    const r = await run(['/no/such/chart']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^Error: \/no\/such\/chart: chart directory not found\n/);
  });

  it('fails on a bad values file with file:line', async () => {
    const dir = writeChart(CHART);
    const bad = join(dir, '..', 'bad.yaml');
    writeFileSync(bad, 'a: 1\nb: [\n');
    const r = await run([dir, '-f', bad]);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toMatch(new RegExp(`^Error: ${bad.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:\\d+: cannot parse values: `));
  });

  it('fails on a bad --set expression, naming the flag', async () => {
    const r = await run([writeChart(CHART), '--set', 'broken']);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe('Error: failed parsing --set data: key "broken" has no value');
  });

  it('fails on a template error with Go\'s message', async () => {
    const dir = writeChart({ ...CHART, 'templates/bad.yaml': 'x: {{ .Values.name | nosuchfunc }}\n' });
    const r = await run([dir]);
    expect(r.code).toBe(1);
    expect(r.err.split('\n')[0]).toBe('Error: parse error at (demo/templates/bad.yaml:1): function "nosuchfunc" not defined');
  });

  it.skipIf(!existsSync(resolve(REPO_ROOT, 'dist/cli/main.js')))('runs as a subprocess (bin/sailctl, needs a build)', async () => {
    const r = await sailctl(['x', 'helm-template', writeChart(CHART), '--set', 'replicas=7']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('  replicas: 7\n');
    expect(r.stdout.startsWith('---\n# Source: demo/templates/service.yaml\n')).toBe(true);
  });
});
