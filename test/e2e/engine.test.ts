/**
 * bin/sailctl's two ways to start (build first): the engine script with its V8 code cache for the
 * commands that run much code, the ES-module bundle for the rest (and for every command with
 * SAILCTL_ENGINE=0). Both must print the same bytes; the cache must be written once and read after.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { REPO_ROOT, sailctl } from '../support/cli.js';

const engine = resolve(REPO_ROOT, 'dist', 'bundle', 'engine.cjs');
const compiled = resolve(REPO_ROOT, 'dist', 'cli', 'main.js');
const engineFresh = existsSync(engine) && existsSync(compiled) && statSync(engine).mtimeMs >= statSync(compiled).mtimeMs;

const cacheBase = mkdtempSync(join(tmpdir(), 'sailctl-e2e-cache-'));
afterAll(() => rmSync(cacheBase, { recursive: true, force: true }));
const NO_CLUSTER = { HOME: mkdtempSync(join(tmpdir(), 'sailctl-home-')), KUBECONFIG: '' };
// Empty, not unset: the tests run the engine even when the caller's environment turns it off.
const inEngine = { ...NO_CLUSTER, NODE_COMPILE_CACHE: cacheBase, SAILCTL_DEBUG: '1', SAILCTL_ENGINE: '', NODE_DISABLE_COMPILE_CACHE: '' };
const inModules = { ...NO_CLUSTER, NODE_COMPILE_CACHE: cacheBase, SAILCTL_ENGINE: '0' };
const cacheFiles = (): string[] => readdirSync(cacheBase).filter((d) => d.startsWith('sailctl-')).flatMap((d) => readdirSync(join(cacheBase, d))).sort();
const debugLines = (stderr: string): string[] => stderr.split('\n').filter((l) => l.startsWith('code cache: '));
const withoutDebug = (stderr: string): string => stderr.split('\n').filter((l) => !l.startsWith('code cache: ')).join('\n');

describe.skipIf(!engineFresh)('the engine script and its code cache (needs `npm run build`)', () => {
  it('version stays on the ES-module bundle: no engine, no cache', async () => {
    const r = await sailctl(['version', '--remote=false'], { env: inEngine });
    expect(r.exitCode).toBe(0);
    expect(debugLines(r.stderr)).toEqual([]);
    expect(cacheFiles()).toEqual([]);
  });

  it('manifest generate writes the cache once, reads it after, and prints what the modules print', async () => {
    const reference = await sailctl(['manifest', 'generate'], { env: inModules });
    expect(reference.exitCode).toBe(0);
    const first = await sailctl(['manifest', 'generate'], { env: inEngine });
    expect(first.exitCode).toBe(0);
    expect(debugLines(first.stderr)).toEqual(['code cache: none for manifest', 'code cache: wrote complete cache for manifest']);
    expect(first.stdout).toBe(reference.stdout);
    const second = await sailctl(['manifest', 'generate'], { env: inEngine });
    expect(debugLines(second.stderr)).toEqual(['code cache: read (complete) for manifest']);
    expect(second.stdout).toBe(reference.stdout);
    expect(cacheFiles()).toEqual([expect.stringMatching(/^[0-9a-f]{16}-manifest-[0-9a-f]{8}\.cache$/)]);
  });

  it('kube-inject through the engine: same output, nothing else on stderr; its first run starts from manifest generate\'s cache', async () => {
    const fixtures = resolve(REPO_ROOT, 'test/inject/fixtures');
    const args = ['kube-inject', '-f', join(fixtures, 'app.yaml'), '--injectConfigFile', join(fixtures, 'inject-config.yaml'), '--valuesFile', join(fixtures, 'values.yaml'), '--meshConfigFile', join(fixtures, 'mesh.yaml')];
    const reference = await sailctl(args, { env: inModules });
    expect(reference.exitCode).toBe(0);
    for (let i = 0; i < 2; i++) {
      const r = await sailctl(args, { env: inEngine });
      expect(r.exitCode).toBe(0);
      expect(debugLines(r.stderr)[0]).toBe(i === 0 ? 'code cache: read (from manifest) for kube-inject' : 'code cache: read (complete) for kube-inject');
      expect(r.stdout).toBe(reference.stdout);
      expect(withoutDebug(r.stderr)).toBe(reference.stderr);
    }
  });

  it('analyze with findings (exit 79): same report, a partial cache', async () => {
    const args = ['analyze', '--use-kube=false', 'test/analyze/fixtures/vs-missing.yaml'];
    const reference = await sailctl(args, { env: inModules, cwd: REPO_ROOT });
    expect(reference.exitCode).toBe(79);
    const r = await sailctl(args, { env: inEngine, cwd: REPO_ROOT });
    expect(r.exitCode).toBe(79);
    expect(r.stdout).toBe(reference.stdout);
    expect(debugLines(r.stderr)).toEqual(['code cache: none for analyze', 'code cache: wrote partial cache for analyze']);
    expect(cacheFiles()).toContainEqual(expect.stringMatching(/^[0-9a-f]{16}-analyze-[0-9a-f]{8}\.partial\.cache$/));
  });

  it('validate through the engine finds schema errors (the Istio models load with import(), which their package requires)', async () => {
    const file = join(cacheBase, 'bad-weight.yaml');
    writeFileSync(file, 'apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\n  namespace: default\nspec:\n  hosts: [r]\n  http:\n  - route:\n    - destination:\n        host: r\n      weight: "abc"\n');
    const reference = await sailctl(['validate', '-f', file], { env: inModules });
    expect(reference.exitCode).toBe(1);
    expect(reference.stderr).toContain('weight must be integer');
    const r = await sailctl(['validate', '-f', file], { env: { ...inEngine, SAILCTL_DEBUG: '' } });
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(reference.stderr);
    expect(r.stdout).toBe(reference.stdout);
  });

  it('a user error through the engine is the same one line and exit code', async () => {
    const reference = await sailctl(['manifest', 'generate', '--set', 'nosuchfield=1'], { env: inModules });
    const r = await sailctl(['manifest', 'generate', '--set', 'nosuchfield=1'], { env: { ...inEngine, SAILCTL_DEBUG: '' } });
    expect(reference.exitCode).not.toBe(0);
    expect(r.exitCode).toBe(reference.exitCode);
    expect(r.stderr).toBe(reference.stderr);
  });
});
