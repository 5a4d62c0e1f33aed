/**
 * How bin/sailctl starts the commands that run a lot of code (render, apply, inject, analyze):
 * from dist/bundle/engine.cjs, the whole CLI as one script, compiled by V8 with a code cache that
 * this module writes after a run.
 *
 * Why: Node's compile cache (module.enableCompileCache, which bin/sailctl also turns on) stores
 * what V8 compiled while loading a module, its top-level code; every function is compiled again
 * on each run when first called. For `install` that is tens of milliseconds of every run. A cache
 * made after the run (vm.Script#createCachedData) holds every function the run compiled, and V8
 * reads it back instead of compiling. Light commands (version, help, profile list) keep the
 * ES-module bundle: its small eager chunk starts faster than the one large script.
 *
 * The cache is an optimisation only: any problem with it (unwritable or unsafe directory, a file
 * V8 rejects, a failed write) runs the same code without it. Its directory follows Node's
 * (NODE_COMPILE_CACHE, else <tmpdir>/node-compile-cache), one subdirectory per Node version and
 * user, and NODE_DISABLE_COMPILE_CACHE turns it off as it does Node's; SAILCTL_ENGINE=0 runs every
 * command from the ES-module bundle. A cache file is keyed by the build's content hash (first line
 * of engine.cjs), the command and Node's options, so a new build never reads an old build's code;
 * the files of all but the three most recently written builds are removed when one is written.
 *
 * Node built-ins come from process.getBuiltinModule (see scripts/bundle.mjs for why): bin/sailctl
 * loads this file as it is from dist/cli.
 */
import type * as Fs from 'node:fs';

/**
 * Commands started from the engine (the ones whose run compiles much code), each with the name of
 * its cache file: an alias or a command that runs the same code (apply, upgrade: install's) shares
 * the cache of the command it stands for.
 */
export const ENGINE_COMMANDS: ReadonlyMap<string, string> = new Map([
  ['install', 'install'],
  ['apply', 'install'],
  ['upgrade', 'install'],
  ['uninstall', 'uninstall'],
  ['verify-install', 'verify-install'],
  ['manifest', 'manifest'],
  ['kube-inject', 'kube-inject'],
  ['analyze', 'analyze'],
  ['validate', 'validate'],
]);

/**
 * Whose cache a command starts from while it has none of its own: the commands that render the
 * charts take manifest generate's. Only that one, and only to start: a cache written after a run
 * holds every function the run had, borrowed ones included, so lending more widely would make
 * every cache carry every command's code (and take longer to read).
 */
const BORROWS_FROM: ReadonlyMap<string, string> = new Map([
  ['install', 'manifest'],
  ['uninstall', 'manifest'],
  ['verify-install', 'manifest'],
  ['kube-inject', 'manifest'],
]);

/** Global flags that take a value (src/cli/program.ts GLOBAL_OPTIONS; a test keeps them in step). */
export const GLOBAL_VALUE_FLAGS: ReadonlySet<string> = new Set(['-c', '--kubeconfig', '--context', '-n', '--namespace', '-i', '--istioNamespace', '--kubeclient-timeout', '--vklog']);

/**
 * The cache name of the engine command the arguments name (their first word that is not a global
 * flag or its value), if they name one.
 */
export function engineCommand(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') return undefined;
    if (a.startsWith('-')) {
      if (!a.includes('=') && GLOBAL_VALUE_FLAGS.has(a)) i++;
      continue;
    }
    return ENGINE_COMMANDS.get(a);
  }
  return undefined;
}

const HEADER = /^\/\/ sailctl-engine ([0-9a-f]{16})\n/;

/** The first line scripts/bundle.mjs writes: the hash of everything after it. */
export function engineHeader(hash: string): string {
  return `// sailctl-engine ${hash}\n`;
}

export type CacheDir = { dir: string } | { disabled: string };

/**
 * Where this user's cache files live, or why there is none. The directory must be this user's and
 * writable by nobody else (a cache file is code that will run), and so must its parent unless that
 * is a sticky directory such as /tmp.
 */
export function codeCacheDir(env: Readonly<Record<string, string | undefined>>): CacheDir {
  if (env['NODE_DISABLE_COMPILE_CACHE']) return { disabled: 'NODE_DISABLE_COMPILE_CACHE is set' };
  const fs = process.getBuiltinModule('node:fs');
  const { join } = process.getBuiltinModule('node:path');
  const os = process.getBuiltinModule('node:os');
  const uid = typeof process.getuid === 'function' ? process.getuid() : -1;
  const base = env['NODE_COMPILE_CACHE'] || join(os.tmpdir(), 'node-compile-cache');
  const dir = join(base, `sailctl-${process.version}-${process.arch}-${uid}`);
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    const parent = fs.statSync(base);
    const own = fs.lstatSync(dir);
    if (!own.isDirectory()) return { disabled: `${dir} is not a directory` };
    if (uid >= 0 && own.uid !== uid) return { disabled: `${dir} belongs to another user` };
    if ((own.mode & 0o022) !== 0) return { disabled: `${dir} is writable by others` };
    const parentSafe = (uid >= 0 && parent.uid === uid) || (parent.mode & 0o022) === 0 || (parent.uid === 0 && (parent.mode & 0o1000) !== 0);
    if (!parentSafe) return { disabled: `${base} is writable by others` };
  } catch (e) {
    return { disabled: `${dir}: ${(e as Error).message}` };
  }
  return { dir };
}

/**
 * Node and V8 options of this process, as a short hash: V8 rejects a cache made under other flags,
 * so runs with other options (NODE_OPTIONS, `node --inspect bin/sailctl`) get files of their own
 * rather than replacing each other's on every run.
 */
export function optionsFingerprint(execArgv: readonly string[], nodeOptions: string | undefined): string {
  // FNV-1a, 32 bits: a name, not a safeguard (V8 checks the flags itself).
  let h = 0x811c9dc5;
  for (const ch of `${execArgv.join('\0')}\0${nodeOptions ?? ''}`) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** The cache file of a run: complete when written after a successful run, partial after a failed one. */
function cacheFiles(dir: string, hash: string, name: string, options: string): { dir: string; hash: string; full: string; partial: string } {
  const { join } = process.getBuiltinModule('node:path');
  const stem = join(dir, `${hash}-${name}-${options}`);
  return { dir, hash, full: `${stem}.cache`, partial: `${stem}.partial.cache` };
}

/** A cache file's bytes when it is a regular file of this user's, else undefined. */
function readOwnFile(fs: typeof Fs, file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    const st = fs.fstatSync(fd);
    if (!st.isFile() || st.size === 0) return undefined;
    if (typeof process.getuid === 'function' && st.uid !== process.getuid()) return undefined;
    return fs.readFileSync(fd);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes a file whole (temporary file, then rename), readable by this user only. */
function writeAtomically(fs: typeof Fs, file: string, data: Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, data, { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

/** Builds whose cache files are kept: this one and the most recently written others. */
const KEPT_BUILDS = 3;

/**
 * Removes the cache files of older builds (each build writes its own names). Not every other
 * build's: two installed versions used in turn would otherwise delete each other's files on every
 * write, and each would run uncached.
 */
function removeOldBuilds(fs: typeof Fs, dir: string, hash: string): void {
  const { join } = process.getBuiltinModule('node:path');
  const newest = new Map<string, number>();
  const files: Array<{ name: string; build: string }> = [];
  for (const name of fs.readdirSync(dir)) {
    const build = /^([0-9a-f]{16})-.*\.cache$/.exec(name)?.[1];
    if (build === undefined || build === hash) continue;
    files.push({ name, build });
    const mtime = fs.statSync(join(dir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0;
    newest.set(build, Math.max(newest.get(build) ?? 0, mtime));
  }
  const kept = new Set([...newest.entries()].sort((a, b) => b[1] - a[1]).slice(0, KEPT_BUILDS - 1).map(([b]) => b));
  for (const f of files) if (!kept.has(f.build)) fs.rmSync(join(dir, f.name), { force: true });
}

export interface EngineRunOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** where cache decisions are told (SAILCTL_DEBUG) */
  debug?: (line: string) => void;
}

interface EngineModule {
  main(argv: readonly string[]): Promise<number>;
}

/**
 * Runs the CLI from the engine script with `argv` and returns its exit code. Uses the cache file
 * named `cacheName` (engineCommand's answer) when there is one V8 accepts, else its lender's
 * (BORROWS_FROM); afterwards writes its own when it had none (or V8 rejected it): a complete one
 * after exit code 0, a partial one after a failure when there is none at all (analyze and
 * validate exit non-zero when they find problems), replaced by the next successful run.
 */
export async function runEngine(enginePath: string, argv: readonly string[], cacheName: string, opts: EngineRunOptions): Promise<number> {
  const fs = process.getBuiltinModule('node:fs');
  const vm = process.getBuiltinModule('node:vm');
  const { createRequire } = process.getBuiltinModule('node:module');
  const { dirname } = process.getBuiltinModule('node:path');
  const debug = opts.debug ?? (() => undefined);
  // Read as latin1: the build writes ASCII only, and latin1 decodes without a UTF-8 pass.
  const source = fs.readFileSync(enginePath, 'latin1');
  const hash = HEADER.exec(source)?.[1];
  const where = hash === undefined ? { disabled: `${enginePath} has no build hash` } : codeCacheDir(opts.env);
  const options = optionsFingerprint(process.execArgv, opts.env['NODE_OPTIONS']);
  const files = 'dir' in where && hash !== undefined ? cacheFiles(where.dir, hash, cacheName, options) : undefined;
  let cached: Buffer | undefined;
  let complete = false;
  let borrowed: string | undefined;
  if (files) {
    cached = readOwnFile(fs, files.full);
    complete = cached !== undefined;
    cached ??= readOwnFile(fs, files.partial);
    const lender = BORROWS_FROM.get(cacheName);
    if (cached === undefined && lender !== undefined) {
      // None of its own yet: the render's cache (manifest generate's) is valid for the same script
      // and holds what the command shares with it, so its first run is not an uncached one when a
      // manifest generate has run. Its own is written after.
      cached = readOwnFile(fs, cacheFiles(files.dir, files.hash, lender, options).full);
      if (cached !== undefined) borrowed = lender;
    }
  } else {
    debug(`code cache: off (${'disabled' in where ? where.disabled : ''})`);
  }
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {'use strict';${source}\n})`, {
    filename: enginePath,
    ...(cached ? { cachedData: cached } : {}),
  });
  const accepted = cached !== undefined && script.cachedDataRejected !== true;
  if (files) debug(`code cache: ${cached === undefined ? 'none' : accepted ? `read (${borrowed ? `from ${borrowed}` : complete ? 'complete' : 'partial'})` : 'rejected by V8'} for ${cacheName}`);
  // A file V8 rejects (another Node build under the same version, a damaged file) goes now, so that
  // a partial cache written after a failed run is the one read next.
  if (files && cached !== undefined && !accepted && !borrowed) fs.rmSync(complete ? files.full : files.partial, { force: true });
  // import() inside a vm.Script needs an experimental loader; the engine's imports of npm packages
  // (src/util/import-package.ts) use this module's, a real ES-module import().
  const { registerLauncherImport } = await import('../util/import-package.js');
  registerLauncherImport((specifier) => import(specifier));
  const mod: { exports: Partial<EngineModule> } = { exports: {} };
  (script.runInThisContext() as (...a: unknown[]) => void).call(mod.exports, mod.exports, createRequire(enginePath), mod, enginePath, dirname(enginePath));
  const code = await mod.exports.main!(argv);
  if (files) {
    const write = code === 0 ? !(accepted && complete) : !accepted || borrowed !== undefined;
    if (write) {
      try {
        writeAtomically(fs, code === 0 ? files.full : files.partial, script.createCachedData());
        if (code === 0) fs.rmSync(files.partial, { force: true });
        removeOldBuilds(fs, files.dir, files.hash);
        debug(`code cache: wrote ${code === 0 ? 'complete' : 'partial'} cache for ${cacheName}`);
      } catch (e) {
        debug(`code cache: not written: ${(e as Error).message}`);
      }
    }
  }
  return code;
}
