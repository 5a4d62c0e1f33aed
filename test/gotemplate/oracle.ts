/**
 * The Go oracle for the template engine's differential tests: builds test/gotemplate/oracle
 * (Go's text/template + sprig + Helm's engine functions) on demand and runs a batch of cases
 * through it in one process.
 *
 * The binary is cached under .oracle-bin/ keyed by a hash of the oracle's source, so editing
 * main.go rebuilds it and an unchanged oracle costs nothing. When Go or Debian's Go packages
 * are missing, `ensureOracle` says so instead of failing: the differential test then skips
 * with that message.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = resolve(here, '..', '..');
const ORACLE_SRC_DIR = join(here, 'oracle');
const ORACLE_BIN_DIR = join(REPO_ROOT, '.oracle-bin');

/** Debian's packages that provide everything the oracle imports. */
export const ORACLE_DEBIAN_PACKAGES = ['golang-go', 'golang-github-masterminds-sprig-dev', 'golang-k8s-sigs-yaml-dev'];

/** Debian installs Go library sources here; GOPATH mode builds against it. */
const DEFAULT_GOPATH = '/usr/share/gocode';

/** Import paths (relative to GOPATH/src) the oracle needs. */
const REQUIRED_GO_PACKAGES = ['github.com/Masterminds/sprig', 'sigs.k8s.io/yaml', 'gopkg.in/yaml.v3'];

/** One case as the oracle reads it (the JSON the Go program decodes). */
export interface OracleCase {
  name: string;
  template: string;
  /** YAML text, parsed as Helm parses values (sigs.k8s.io/yaml into interface{}). */
  data: string;
  mode: 'text' | 'sprig' | 'helm';
  missingKey?: 'default' | 'invalid' | 'zero' | 'error';
  templateName?: string;
  /** Extra files parsed into the same template set, in this order. */
  templates?: { name: string; text: string }[];
  /** Chart files by path: become .Files (Helm's engine.files) in the data, which must be a map. */
  files?: Record<string, string>;
}

export type OracleResult = { output: string; error?: undefined } | { error: string; output?: undefined };

export type OracleStatus = { ok: true; binary: string; goVersion: string } | { ok: false; reason: string };

function goPath(): string {
  return process.env.SAILCTL_ORACLE_GOPATH ?? DEFAULT_GOPATH;
}

function sourceHash(): string {
  const hash = createHash('sha256');
  for (const file of readdirSync(ORACLE_SRC_DIR).sort()) {
    if (!file.endsWith('.go')) continue;
    hash.update(file).update('\0').update(readFileSync(join(ORACLE_SRC_DIR, file))).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

function missingPrerequisite(): string | undefined {
  const installHint = `install Debian's ${ORACLE_DEBIAN_PACKAGES.join(' ')} (apt-get install -y ${ORACLE_DEBIAN_PACKAGES.join(' ')})`;
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0) return `the Go toolchain ('go') is not on PATH: ${installHint}`;
  const missing = REQUIRED_GO_PACKAGES.filter((p) => !existsSync(join(goPath(), 'src', p)));
  if (missing.length > 0) return `Go packages ${missing.join(', ')} are missing from GOPATH ${goPath()}: ${installHint}`;
  return undefined;
}

let cached: OracleStatus | undefined;

/** Builds the oracle if its source changed since the last build; never throws for a missing toolchain. */
export function ensureOracle(): OracleStatus {
  if (cached) return cached;
  const binary = join(ORACLE_BIN_DIR, `gotemplate-oracle-${sourceHash()}`);
  if (!existsSync(binary)) {
    const missing = missingPrerequisite();
    if (missing) return (cached = { ok: false, reason: missing });
    mkdirSync(ORACLE_BIN_DIR, { recursive: true });
    // Build beside the final name and rename, so a concurrent run never executes half a binary.
    const partial = `${binary}.${process.pid}.partial`;
    const build = spawnSync('go', ['build', '-o', partial, './test/gotemplate/oracle'], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      env: { ...process.env, GO111MODULE: 'off', GOPATH: goPath(), GOFLAGS: '' },
    });
    if (build.status !== 0) {
      rmSync(partial, { force: true });
      // A compile error in our own oracle is a real failure, not a reason to skip.
      throw new Error(`building the Go oracle failed:\n${build.stderr || build.error?.message}`);
    }
    renameSync(partial, binary);
    for (const old of readdirSync(ORACLE_BIN_DIR)) {
      if (old.startsWith('gotemplate-oracle-') && join(ORACLE_BIN_DIR, old) !== binary && !old.endsWith('.partial')) {
        rmSync(join(ORACLE_BIN_DIR, old), { force: true });
      }
    }
  }
  const goVersion = execFileSync(binary, ['--version'], { encoding: 'utf8' }).trim();
  return (cached = { ok: true, binary, goVersion });
}

/** Runs every case through the oracle in one process; results come back in the same order. */
export function runOracle(binary: string, cases: OracleCase[]): OracleResult[] {
  const run = spawnSync(binary, [], {
    input: JSON.stringify(cases),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: 120_000,
  });
  if (run.error) throw new Error(`running the Go oracle failed: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`the Go oracle exited with ${run.status}: ${run.stderr}`);
  const results = JSON.parse(run.stdout) as OracleResult[];
  if (!Array.isArray(results) || results.length !== cases.length) {
    throw new Error(`the Go oracle returned ${Array.isArray(results) ? results.length : 'no'} results for ${cases.length} cases`);
  }
  return results;
}

/** "go1.19.8" → [1, 19]; "1.22" → [1, 22]. */
export function goMinor(version: string): [number, number] {
  const m = /(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`not a Go version: ${version}`);
  return [Number(m[1]), Number(m[2])];
}

export function goAtLeast(actual: string, wanted: string): boolean {
  const [aMaj, aMin] = goMinor(actual);
  const [wMaj, wMin] = goMinor(wanted);
  return aMaj > wMaj || (aMaj === wMaj && aMin >= wMin);
}
