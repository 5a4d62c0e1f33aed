/**
 * Builds and runs the Go oracle programs under test/helm/oracle (GOPATH mode, Debian's
 * golang-go + golang-k8s-sigs-yaml-dev + golang-github-masterminds-sprig-dev). Tests that use it
 * skip with a reason when Go or those packages are missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const GOPATH = process.env.SAILCTL_GOPATH ?? '/usr/share/gocode';
const built = new Map<string, string>();
let buildDir: string | undefined;

/** Why the oracle cannot run here, or undefined when it can. */
export function oracleUnavailable(): string | undefined {
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.status !== 0) return 'go is not installed (apt-get install golang-go)';
  if (!existsSync(join(GOPATH, 'src/sigs.k8s.io/yaml'))) return `sigs.k8s.io/yaml not found under ${GOPATH} (apt-get install golang-k8s-sigs-yaml-dev)`;
  return undefined;
}

/** Runs oracle `name` (test/helm/oracle/NAME.go) with JSON lines in, JSON lines out. */
export function runOracle<T>(name: string, inputs: unknown[]): T[] {
  let bin = built.get(name);
  if (!bin) {
    buildDir ??= mkdtempSync(join(tmpdir(), 'sailctl-oracle-'));
    bin = join(buildDir, name);
    execFileSync('go', ['build', '-o', bin, join(here, 'oracle', `${name}.go`)], {
      env: { ...process.env, GO111MODULE: 'off', GOPATH, GOFLAGS: '', GOCACHE: process.env.GOCACHE ?? join(tmpdir(), 'sailctl-gocache') },
      stdio: 'pipe',
    });
    built.set(name, bin);
  }
  const out = execFileSync(bin, { input: inputs.map((x) => JSON.stringify(x)).join('\n') + '\n', maxBuffer: 1 << 28 }).toString('utf8');
  return out.split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as T);
}
