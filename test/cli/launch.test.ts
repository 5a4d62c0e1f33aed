import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codeCacheDir, ENGINE_COMMANDS, engineCommand, engineHeader, GLOBAL_VALUE_FLAGS, optionsFingerprint, runEngine } from '../../src/cli/launch.js';
import { GLOBAL_OPTIONS } from '../../src/cli/program.js';
import { CATALOG } from '../../src/cli/commands/catalog.gen.js';

describe('engineCommand', () => {
  it('finds the command after global flags and their values', () => {
    expect(engineCommand(['install', '-y'])).toBe('install');
    expect(engineCommand(['-c', 'kc', '--context', 'prod', 'manifest', 'generate'])).toBe('manifest');
    expect(engineCommand(['--kubeconfig=kc', 'kube-inject', '-f', 'x.yaml'])).toBe('kube-inject');
    expect(engineCommand(['-i', 'istio-system', 'apply'])).toBe('install');
    expect(engineCommand(['upgrade', '-y'])).toBe('install');
  });
  it('is undefined for light commands, a flag value that looks like a command, and after --', () => {
    expect(engineCommand(['version', '--remote=false'])).toBeUndefined();
    expect(engineCommand(['profile', 'list'])).toBeUndefined();
    expect(engineCommand(['-n', 'install', 'version'])).toBeUndefined();
    expect(engineCommand(['--', 'install'])).toBeUndefined();
    expect(engineCommand([])).toBeUndefined();
    expect(engineCommand(['--help'])).toBeUndefined();
  });
  it('knows every global flag that takes a value', () => {
    const withValue = GLOBAL_OPTIONS.filter((o) => /[<[]/.test(o.flags)).flatMap((o) => o.flags.split(/[ ,]+/).filter((f) => f.startsWith('-')));
    expect([...GLOBAL_VALUE_FLAGS].sort()).toEqual(withValue.sort());
  });
  it('lists only real commands', () => {
    const names = new Set(CATALOG.flatMap((c) => [c.name, ...(c.aliases ?? [])]));
    for (const [c, key] of ENGINE_COMMANDS) {
      expect(names, c).toContain(c);
      expect(ENGINE_COMMANDS.get(key), key).toBe(key);
    }
  });
});

describe('codeCacheDir', () => {
  let base: string;
  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'sailctl-launch-'));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('is off with NODE_DISABLE_COMPILE_CACHE', () => {
    expect(codeCacheDir({ NODE_DISABLE_COMPILE_CACHE: '1', NODE_COMPILE_CACHE: base })).toEqual({ disabled: 'NODE_DISABLE_COMPILE_CACHE is set' });
  });
  it('is a directory of this user only under NODE_COMPILE_CACHE, one per Node version', () => {
    const r = codeCacheDir({ NODE_COMPILE_CACHE: base });
    expect('dir' in r).toBe(true);
    const dir = (r as { dir: string }).dir;
    expect(dir.startsWith(base)).toBe(true);
    expect(dir).toContain(process.version);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
  it('refuses a directory others can write to', () => {
    const dir = (codeCacheDir({ NODE_COMPILE_CACHE: base }) as { dir: string }).dir;
    chmodSync(dir, 0o777);
    const r = codeCacheDir({ NODE_COMPILE_CACHE: base });
    expect(r).toEqual({ disabled: `${dir} is writable by others` });
  });
  it('refuses a file where the directory should be', () => {
    const dir = (codeCacheDir({ NODE_COMPILE_CACHE: base }) as { dir: string }).dir;
    rmSync(dir, { recursive: true });
    writeFileSync(dir, 'x');
    expect('disabled' in codeCacheDir({ NODE_COMPILE_CACHE: base })).toBe(true);
  });
});

describe('runEngine', () => {
  let base: string;
  let engine: string;
  let lines: string[];
  const HASH = '0123456789abcdef';
  // A stand-in engine: exits with the number it is given, and records that it ran.
  const body = 'exports.main = async (argv) => { globalThis.__sailctlEngineRuns = (globalThis.__sailctlEngineRuns ?? 0) + 1; return Number(argv[0]); };\n';
  const run = (code: number, env: Record<string, string> = {}) =>
    runEngine(engine, [String(code)], 'manifest', { env: { NODE_COMPILE_CACHE: base, ...env }, debug: (l) => lines.push(l) });
  const cacheDir = () => (codeCacheDir({ NODE_COMPILE_CACHE: base }) as { dir: string }).dir;
  const OPTS = optionsFingerprint(process.execArgv, undefined);

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'sailctl-engine-'));
    engine = join(base, 'engine.cjs');
    writeFileSync(engine, engineHeader(HASH) + body);
    lines = [];
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('runs the script and returns its exit code', async () => {
    const before = (globalThis as { __sailctlEngineRuns?: number }).__sailctlEngineRuns ?? 0;
    expect(await run(3)).toBe(3);
    expect((globalThis as { __sailctlEngineRuns?: number }).__sailctlEngineRuns).toBe(before + 1);
  });
  it('writes a complete cache after a successful run and reads it on the next', async () => {
    await run(0);
    expect(lines).toEqual(['code cache: none for manifest', 'code cache: wrote complete cache for manifest']);
    expect(readdirSync(cacheDir())).toEqual([`${HASH}-manifest-${OPTS}.cache`]);
    expect(statSync(join(cacheDir(), `${HASH}-manifest-${OPTS}.cache`)).mode & 0o777).toBe(0o600);
    lines = [];
    await run(0);
    expect(lines).toEqual(['code cache: read (complete) for manifest']);
  });
  it('writes a partial cache after a failure, and a successful run replaces it', async () => {
    await run(1);
    expect(readdirSync(cacheDir())).toEqual([`${HASH}-manifest-${OPTS}.partial.cache`]);
    lines = [];
    await run(1);
    expect(lines).toEqual(['code cache: read (partial) for manifest']);
    lines = [];
    await run(0);
    expect(lines).toEqual(['code cache: read (partial) for manifest', 'code cache: wrote complete cache for manifest']);
    expect(readdirSync(cacheDir())).toEqual([`${HASH}-manifest-${OPTS}.cache`]);
  });
  it('replaces a cache V8 rejects', async () => {
    mkdirSync(cacheDir(), { recursive: true });
    writeFileSync(join(cacheDir(), `${HASH}-manifest-${OPTS}.cache`), 'not a code cache', { mode: 0o600 });
    expect(await run(0)).toBe(0);
    expect(lines).toEqual(['code cache: rejected by V8 for manifest', 'code cache: wrote complete cache for manifest']);
    expect(readFileSync(join(cacheDir(), `${HASH}-manifest-${OPTS}.cache`), 'utf8')).not.toBe('not a code cache');
  });
  it("a command that renders charts, with no cache of its own, starts from manifest generate's, then writes its own", async () => {
    await run(0);
    lines = [];
    const install = (code: number) => runEngine(engine, [String(code)], 'install', { env: { NODE_COMPILE_CACHE: base }, debug: (l) => lines.push(l) });
    expect(await install(0)).toBe(0);
    expect(lines).toEqual(['code cache: read (from manifest) for install', 'code cache: wrote complete cache for install']);
    expect(readdirSync(cacheDir()).sort()).toEqual([`${HASH}-install-${OPTS}.cache`, `${HASH}-manifest-${OPTS}.cache`]);
    lines = [];
    await install(0);
    expect(lines).toEqual(['code cache: read (complete) for install']);
  });
  it('borrows nothing else: not for other commands, not a partial cache, not from kube-inject', async () => {
    await run(0);
    lines = [];
    await runEngine(engine, ['0'], 'analyze', { env: { NODE_COMPILE_CACHE: base }, debug: (l) => lines.push(l) });
    expect(lines[0]).toBe('code cache: none for analyze');
    rmSync(join(cacheDir(), `${HASH}-manifest-${OPTS}.cache`));
    await run(1);
    lines = [];
    await runEngine(engine, ['0'], 'install', { env: { NODE_COMPILE_CACHE: base }, debug: (l) => lines.push(l) });
    expect(lines[0]).toBe('code cache: none for install');
  });
  it('removes a rejected complete cache, so that a failed run leaves a partial one that is read next', async () => {
    mkdirSync(cacheDir(), { recursive: true });
    writeFileSync(join(cacheDir(), `${HASH}-manifest-${OPTS}.cache`), 'damaged', { mode: 0o600 });
    expect(await run(2)).toBe(2);
    expect(readdirSync(cacheDir())).toEqual([`${HASH}-manifest-${OPTS}.partial.cache`]);
    lines = [];
    await run(2);
    expect(lines).toEqual(['code cache: read (partial) for manifest']);
  });
  it("keeps the two most recently written other builds' files and removes older builds' when it writes", async () => {
    mkdirSync(cacheDir(), { recursive: true });
    const old = (build: string, ageSeconds: number): string => {
      const name = `${build}-manifest-${OPTS}.cache`;
      writeFileSync(join(cacheDir(), name), 'x');
      const t = Date.now() / 1000 - ageSeconds;
      utimesSync(join(cacheDir(), name), t, t);
      return name;
    };
    const older = old('1111111111111111', 300);
    const recent = old('2222222222222222', 100);
    const oldest = old('3333333333333333', 900);
    const recent2 = old('4444444444444444', 50);
    writeFileSync(join(cacheDir(), `${HASH}-install-${OPTS}.cache`), 'same build, other command');
    writeFileSync(join(cacheDir(), 'unrelated.txt'), 'not ours');
    await run(0);
    const left = readdirSync(cacheDir()).sort();
    expect(left).toEqual([recent, recent2, `${HASH}-install-${OPTS}.cache`, `${HASH}-manifest-${OPTS}.cache`, 'unrelated.txt'].sort());
    expect(left).not.toContain(older);
    expect(left).not.toContain(oldest);
  });
  it('never follows a symbolic link in place of a cache file', async () => {
    mkdirSync(cacheDir(), { recursive: true });
    const target = join(base, 'elsewhere');
    writeFileSync(target, 'keep me');
    symlinkSync(target, join(cacheDir(), `${HASH}-manifest-${OPTS}.cache`));
    await run(0);
    expect(lines[0]).toBe('code cache: none for manifest');
    expect(readFileSync(target, 'utf8')).toBe('keep me');
  });
  it('keeps runs under other Node options apart', async () => {
    await run(0);
    await run(0, { NODE_OPTIONS: '--max-old-space-size=4096' });
    expect(lines.filter((l) => l.includes('wrote'))).toHaveLength(2);
    expect(readdirSync(cacheDir()).sort()).toEqual([`${HASH}-manifest-${OPTS}.cache`, `${HASH}-manifest-${optionsFingerprint(process.execArgv, '--max-old-space-size=4096')}.cache`].sort());
    expect(optionsFingerprint(['--stack-size=4000'], undefined)).not.toBe(optionsFingerprint(['--stack-size=4000', '--inspect'], undefined));
    expect(optionsFingerprint([], undefined)).toMatch(/^[0-9a-f]{8}$/);
  });
  it('runs without a cache when it is turned off or the script has no build hash', async () => {
    expect(await run(0, { NODE_DISABLE_COMPILE_CACHE: '1' })).toBe(0);
    expect(lines).toEqual(['code cache: off (NODE_DISABLE_COMPILE_CACHE is set)']);
    expect(existsSync(join(base, `sailctl-${process.version}-${process.arch}-${process.getuid?.() ?? -1}`))).toBe(false);
    writeFileSync(engine, body);
    lines = [];
    expect(await run(0)).toBe(0);
    expect(lines).toEqual([`code cache: off (${engine} has no build hash)`]);
  });
});

describe('dynamic imports of npm packages', () => {
  it('go through importPackage (the engine script has no import() of its own)', () => {
    const root = join(__dirname, '..', '..', 'src');
    const offenders: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir, { withFileTypes: true })) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) {
          const text = readFileSync(p, 'utf8');
          for (const m of text.matchAll(/(?<![\w.])(?<!typeof )import\(\s*(['"`])([^'"`]+)\1/g)) {
            const spec = m[2]!;
            if (!spec.startsWith('.') && !spec.startsWith('node:')) offenders.push(`${p.slice(root.length + 1)}: import('${spec}')`);
          }
        }
      }
    };
    walk(root);
    expect(offenders).toEqual([]);
  });
});
