/**
 * The exact reader (goyaml-exact.ts) runs on the `yaml` package, which loads only when a text
 * needs it (anchors, merge keys, tags, errors): the fast readers never load it. In the bundle, the
 * package is reached through dist/bundle/yaml-package.js, which install and manifest generate of a
 * built-in profile never load (those checks need a build: `npm run build`).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GoYamlError, parseGoYaml, parseGoYamlAll, parseGoYamlPlain } from '../../src/gotemplate/goyaml.js';
import { REPO_ROOT, sailctl } from '../support/cli.js';
import { thrownBy } from '../support/thrown.js';

function yamlPackageLoaded(): boolean {
  return Object.keys(createRequire(import.meta.url).cache).some((k) => /[\\/]node_modules[\\/]yaml[\\/]/.test(k));
}

const goYamlError = (f: () => unknown): GoYamlError => thrownBy(GoYamlError, f);

describe('the exact reader loads the yaml package on demand', () => {
  it('block, flow, quoted YAML, anchors and merge keys are read without it; an explicit tag loads it', () => {
    expect(parseGoYamlPlain('a:\n  b: [1, "x"]\n  c: {d: yes}\n')).toEqual({ a: { b: [1, 'x'], c: { d: true } } });
    expect(parseGoYaml('a: 1\n')).toEqual(new Map([['a', 1]]));
    expect(parseGoYamlAll('a: 1\n---\nb: 2\n')).toHaveLength(2);
    // js-yaml, the second fast reader, takes anchors and merge keys
    expect(parseGoYamlPlain('base: &b {p: 1, q: 2}\nuse:\n  <<: *b\n  q: 3\n')).toEqual({ base: { p: 1, q: 2 }, use: { p: 1, q: 3 } });
    expect(yamlPackageLoaded()).toBe(false);

    // an explicit tag takes the exact path
    expect(parseGoYamlPlain('a: !!binary aGVsbG8=\nb: !!str 1\n')).toEqual({ a: 'hello', b: '1' });
    expect(yamlPackageLoaded()).toBe(true);
  });

  it('the exact path keeps its errors and lines', () => {
    const repeated = goYamlError(() => parseGoYaml('a: 1\nb: 2\na: 3\n'));
    expect(repeated.message).toBe('key "a" already set in map');
    expect(repeated.line).toBe(3);
    expect(parseGoYaml('a: 1\nb: 2\na: 3\n', { duplicateKeys: 'last-wins' })).toEqual(new Map([['a', 3], ['b', 2]]));
    expect(parseGoYamlPlain('a: 1\na: 3\n', { duplicateKeys: 'last-wins' })).toEqual({ a: 3 });
    const alias = goYamlError(() => parseGoYaml('a: 1\nb: *nope\n'));
    expect(alias.line).toBe(2);
    const tab = goYamlError(() => parseGoYamlAll('a:\n\tb: 1\n'));
    expect(tab.message).toBe('line 2: found character that cannot start any token');
  });
});

const bundleMain = resolve(REPO_ROOT, 'dist', 'bundle', 'main.js');
const cliMain = resolve(REPO_ROOT, 'dist', 'cli', 'main.js');
const bundleFresh = existsSync(bundleMain) && existsSync(cliMain) && statSync(bundleMain).mtimeMs >= statSync(cliMain).mtimeMs;

/**
 * The bundle files a sailctl run loads, from Node's compile-cache log (bin/sailctl enables the
 * cache). The ES-module bundle's: SAILCTL_ENGINE=0 keeps manifest generate off the engine script,
 * which is built from the same modules (its copy of the package is initialised on first use too).
 */
async function loadedBundleFiles(args: string[]): Promise<{ files: string[]; exitCode: number; stdout: string }> {
  const r = await sailctl(args, { env: { NODE_DEBUG_NATIVE: 'COMPILE_CACHE', SAILCTL_ENGINE: '0' } });
  const files = new Set<string>();
  for (const m of r.stderr.matchAll(/for ESM file:\/\/\S*?[\\/]dist[\\/]bundle[\\/]([\w.-]+\.js)/g)) files.add(m[1]!);
  return { files: [...files], exitCode: r.exitCode, stdout: r.stdout };
}

/** The chunks dist/bundle/yaml-package.js re-exports the package from. */
function yamlPackageChunks(): string[] {
  const text = readFileSync(resolve(REPO_ROOT, 'dist', 'bundle', 'yaml-package.js'), 'utf8');
  return [...text.matchAll(/from\s*"\.\/([\w.-]+\.js)"/g)].map((m) => m[1]!);
}

describe.skipIf(!bundleFresh)('the bundle (needs `npm run build`)', () => {
  it('manifest generate of the default profile loads neither yaml-package.js nor the package chunk', async () => {
    const chunks = yamlPackageChunks();
    expect(chunks.length).toBeGreaterThan(0);
    const r = await loadedBundleFiles(['manifest', 'generate']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toContain('kind: Deployment');
    expect(r.files).toContain('main.js');
    expect(r.files).not.toContain('yaml-package.js');
    for (const c of chunks) expect(r.files, c).not.toContain(c);
  });

  it('a command that writes YAML with the package loads it through yaml-package.js', async () => {
    const r = await loadedBundleFiles(['version', '--remote=false', '-o', 'yaml']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^clientVersion:\n {2}version: /);
    expect(r.files).toContain('yaml-package.js');
    for (const c of yamlPackageChunks()) expect(r.files, c).toContain(c);
  });
});
