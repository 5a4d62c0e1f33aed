/**
 * Chart test support: renders sailctl's charts with Go's own text/template + sprig (oracle/,
 * built on demand in GOPATH mode from Debian's packages) and validates objects with the
 * Kubernetes OpenAPI validators of kubernetes-models.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CHARTS = join(REPO, 'manifests', 'charts');
const GOPATH = '/usr/share/gocode';

function goAvailable(): boolean {
  const r = spawnSync('go', ['version'], { encoding: 'utf8' });
  return r.status === 0 && spawnSync('test', ['-d', join(GOPATH, 'src/github.com/Masterminds/sprig')]).status === 0;
}

export const GO_MISSING = goAvailable() ? undefined : 'Go and Debian\'s golang-github-masterminds-sprig-dev are needed (see .ci/run); skipped';

const built = new Map<string, string>();
export function oracle(name: 'oracle' | 'inject-oracle'): string {
  const have = built.get(name);
  if (have) return have;
  const out = join(mkdtempSync(join(tmpdir(), 'sail-oracle-')), name);
  execFileSync('go', ['build', '-o', out, '.'], {
    cwd: join(REPO, 'test', 'charts', name),
    env: { ...process.env, GO111MODULE: 'off', GOPATH, GOCACHE: join(tmpdir(), 'sail-go-cache') },
    stdio: 'pipe',
  });
  built.set(name, out);
  return out;
}

export type Obj = Record<string, unknown> & { apiVersion: string; kind: string; metadata: { name: string; namespace?: string } };

export function renderWithGo(chart: string, values: unknown, namespace = 'istio-system'): Obj[] {
  const file = join(mkdtempSync(join(tmpdir(), 'sail-values-')), 'values.json');
  writeFileSync(file, JSON.stringify(values));
  const text = execFileSync(oracle('oracle'), [join(CHARTS, chart), file, namespace], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const out: Obj[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length) throw new Error(`${chart}: rendered YAML does not parse: ${doc.errors[0]!.message}`);
    const data = doc.toJS() as Obj | null;
    if (data && typeof data === 'object' && data.kind) out.push(data);
  }
  return out;
}

export function injectWithGo(template: string, valuesJson: string, native = false): Record<string, unknown> {
  const dir = mkdtempSync(join(tmpdir(), 'sail-inject-'));
  writeFileSync(join(dir, 'values.json'), valuesJson);
  const args = [join(CHARTS, 'istio-control/istio-discovery/files', template), join(dir, 'values.json')];
  if (native) args.push('native');
  const text = execFileSync(oracle('inject-oracle'), args, { encoding: 'utf8' });
  return parseAllDocuments(text)[0]!.toJS() as Record<string, unknown>;
}

/** Validates with kubernetes-models; returns error messages (empty = valid). */
export async function validateObject(obj: Obj): Promise<string[]> {
  const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
  const path = group ? `kubernetes-models/${group}/${version}/${obj.kind}` : `kubernetes-models/${version}/${obj.kind}`;
  let mod: Record<string, new (d: unknown) => { validate(): void }>;
  try {
    mod = await import(path);
  } catch {
    return [`no validator for ${obj.apiVersion} ${obj.kind}`];
  }
  const Model = mod[obj.kind]!;
  try {
    new Model(obj).validate();
    return [];
  } catch (e) {
    return [`${obj.kind}/${obj.metadata.name}: ${(e as Error).message}`];
  }
}

/** Runs a Gateway API deployment template (waypoint, kube-gateway) with a sample Gateway. */
export function injectAllWithGo(template: string, valuesJson: string): Obj[] {
  const dir = mkdtempSync(join(tmpdir(), 'sail-inject-'));
  writeFileSync(join(dir, 'values.json'), valuesJson);
  const text = execFileSync(oracle('inject-oracle'), [join(CHARTS, 'istio-control/istio-discovery/files', template), join(dir, 'values.json'), 'gateway'], { encoding: 'utf8' });
  return parseAllDocuments(text).map((d) => d.toJS() as Obj).filter((o) => o && o.kind);
}
