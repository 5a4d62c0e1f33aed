/**
 * kube-inject end to end through bin/sailctl (build first): files, stdin, -o, the cluster's
 * ConfigMaps served by the local API server (with -r revision naming and native-sidecar
 * detection from node versions), and `| kubectl apply` of the result.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';
import { REPO_ROOT, sailctl } from '../support/cli.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';

const FIXTURES = resolve(REPO_ROOT, 'test/inject/fixtures');
const fixture = (f: string): string => join(FIXTURES, f);
const FILES = ['--injectConfigFile', fixture('inject-config.yaml'), '--valuesFile', fixture('values.yaml'), '--meshConfigFile', fixture('mesh.yaml')];
/** An environment with no kubeconfig at all. */
const NO_CLUSTER = { HOME: mkdtempSync(join(tmpdir(), 'sailctl-home-')), KUBECONFIG: '' };

type Obj = Record<string, any>;
const docs = (text: string): Obj[] => parseAllDocuments(text).map((d) => d.toJS() as Obj).filter((d) => d !== null);

async function hasKubectl(): Promise<boolean> {
  try {
    await execa('kubectl', ['version', '--client']);
    return true;
  } catch {
    return false;
  }
}

describe('kube-inject (e2e, files)', () => {
  it('injects a file, keeps the Service as written, reports on stderr', async () => {
    const r = await sailctl(['kube-inject', '-f', fixture('app.yaml'), ...FILES], { env: NO_CLUSTER });
    expect(r.stderr).toBe('deployment "shop/web" injected\n');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.startsWith(readFileSync(fixture('app.yaml'), 'utf8').split('---\n')[0] + '---\n')).toBe(true);
    const deploy = docs(r.stdout)[1]!;
    expect(deploy.spec.template.spec.containers.map((c: Obj) => c.name)).toEqual(['web', 'istio-proxy']);
  });

  it('reads stdin with -f - and writes -o FILE', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'sailctl-e2e-')), 'injected.yaml');
    const r = await sailctl(['kube-inject', '-f', '-', '-o', out, ...FILES], { env: NO_CLUSTER, input: readFileSync(fixture('app.yaml'), 'utf8') });
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toContain('name: istio-proxy');
  });

  it('fails with one line and exit 1 on invalid YAML, writing nothing', async () => {
    const r = await sailctl(['kube-inject', '-f', '-', ...FILES], { env: NO_CLUSTER, input: 'kind: Pod\napiVersion: v1\n---\nmetadata: [\n' });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^Error: -:\d+: document 2: could not parse YAML/);
  });
});

describe('kube-inject (e2e, long streams on worker threads)', () => {
  const stream = (n: number, bad?: number): string => {
    let text = '';
    for (let i = 0; i < n; i++) {
      const port = i === bad ? '"http"' : '8080';
      text += `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d${i}\nspec:\n  selector:\n    matchLabels: {app: d${i}}\n  template:\n    metadata:\n      labels: {app: d${i}}\n    spec:\n      containers:\n      - name: c\n        image: x\n        ports:\n        - containerPort: ${port}\n---\n`;
    }
    return text;
  };
  it('gives the same output with workers as without, in order', async () => {
    const input = stream(700);
    const inline = await sailctl(['kube-inject', '-f', '-', ...FILES], { env: { ...NO_CLUSTER, SAILCTL_INJECT_WORKERS: '0' }, input });
    const pooled = await sailctl(['kube-inject', '-f', '-', ...FILES], { env: { ...NO_CLUSTER, SAILCTL_INJECT_WORKERS: '2' }, input });
    expect(pooled.exitCode).toBe(0);
    expect(pooled.stdout).toBe(inline.stdout);
    expect(pooled.stderr).toBe(inline.stderr);
    expect(pooled.stderr.split('\n')[699]).toBe('deployment "d699" injected');
  });
  it('reports the first failing document of a worker batch with its line, writing nothing', async () => {
    const r = await sailctl(['kube-inject', '-f', '-', ...FILES], { env: { ...NO_CLUSTER, SAILCTL_INJECT_WORKERS: '2' }, input: stream(700, 650) });
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`Error: -:${650 * 17 + 16}: document 651: cannot unmarshal string into Go struct field Deployment.spec.template.spec.containers.ports.containerPort of type int32\n`);
  });
});

describe('kube-inject (e2e, cluster ConfigMaps on the local API server)', () => {
  let server: KubeServer;
  let kubeconfig: string;
  const configMap = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'istio-system' }, data });
  beforeAll(async () => {
    server = await startKubeServer();
    kubeconfig = writeKubeconfig(server.url);
    server.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } });
    server.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    const config = readFileSync(fixture('inject-config.yaml'), 'utf8');
    const values = readFileSync(fixture('values.yaml'), 'utf8');
    server.seed(configMap('istio-sidecar-injector', { config, values }));
    server.seed(configMap('istio', { mesh: readFileSync(fixture('mesh.yaml'), 'utf8') }));
    server.seed(configMap('istio-sidecar-injector-canary', { config, values: values.replace('tag: 1.30.3', 'tag: 1.30.3-canary') }));
    server.seed(configMap('istio-canary', { mesh: 'trustDomain: canary.example\n' }));
    server.seed({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'n1' }, status: { nodeInfo: { kubeletVersion: 'v1.33.2' } } });
    server.seed({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' }, status: { nodeInfo: { kubeletVersion: 'v1.34.0' } } });
  });
  afterAll(async () => server?.stop());

  it('reads istio-sidecar-injector and istio from -i istio-system', async () => {
    const r = await sailctl(['kube-inject', '-f', fixture('app.yaml'), '-c', kubeconfig], { env: { ENABLE_NATIVE_SIDECARS: 'false' } });
    expect(r.stderr).toBe('deployment "shop/web" injected\n');
    const proxy = docs(r.stdout)[1]!.spec.template.spec.containers[1];
    expect(proxy.image).toBe('docker.io/istio/proxyv2:1.30.3');
    expect(proxy.env.find((e: Obj) => e.name === 'ISTIO_META_MESH_ID').value).toBe('example.org');
  });

  it('-r canary reads the -canary ConfigMaps', async () => {
    const r = await sailctl(['kube-inject', '-f', fixture('app.yaml'), '-c', kubeconfig, '-r', 'canary'], { env: { ENABLE_NATIVE_SIDECARS: 'false' } });
    expect(r.exitCode).toBe(0);
    const pod = docs(r.stdout)[1]!.spec.template;
    expect(pod.metadata.annotations['istio.io/rev']).toBe('canary');
    expect(pod.spec.containers[1].image).toBe('docker.io/istio/proxyv2:1.30.3-canary');
    expect(pod.spec.containers[1].env.find((e: Obj) => e.name === 'ISTIO_META_MESH_ID').value).toBe('canary.example');
  });

  it('ENABLE_NATIVE_SIDECARS=auto decides from the nodes\' kubelet versions', async () => {
    const r = await sailctl(['kube-inject', '-f', fixture('app.yaml'), '-c', kubeconfig], { env: { ENABLE_NATIVE_SIDECARS: 'auto' } });
    expect(docs(r.stdout)[1]!.spec.template.spec.initContainers.map((c: Obj) => c.name)).toEqual(['istio-init', 'istio-proxy']);
    server.seed({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'old' }, status: { nodeInfo: { kubeletVersion: 'v1.32.9' } } });
    const mixed = await sailctl(['kube-inject', '-f', fixture('app.yaml'), '-c', kubeconfig], { env: { ENABLE_NATIVE_SIDECARS: 'auto' } });
    expect(mixed.stderr).toBe('deployment "shop/web" injected\n');
    expect(docs(mixed.stdout)[1]!.spec.template.spec.initContainers.map((c: Obj) => c.name)).toEqual(['istio-init']);
    server.delete('v1', 'Node', 'old');
  });

  it('a missing ConfigMap is one clear error', async () => {
    const r = await sailctl(['kube-inject', '-f', fixture('app.yaml'), '-c', kubeconfig, '-r', 'nope']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/could not find configmap "istio-nope" in namespace "istio-system"/);
  });

  it('| kubectl apply: the injected stream is accepted and stored', async () => {
    if (!(await hasKubectl())) {
      console.warn('skipped: kubectl is not installed');
      return;
    }
    const injected = await sailctl(['kube-inject', '-f', fixture('app.yaml'), '-c', kubeconfig], { env: { ENABLE_NATIVE_SIDECARS: 'false' } });
    const dry = await execa('kubectl', ['--kubeconfig', kubeconfig, 'apply', '--dry-run=client', '-f', '-'], { input: injected.stdout, reject: false });
    expect(dry.stderr).toBe('');
    expect(dry.stdout).toContain('deployment.apps/web created (dry run)');
    const applied = await execa('kubectl', ['--kubeconfig', kubeconfig, 'apply', '-f', '-'], { input: injected.stdout, reject: false });
    expect(applied.exitCode).toBe(0);
    const got = await execa('kubectl', ['--kubeconfig', kubeconfig, '-n', 'shop', 'get', 'deployment', 'web', '-o', 'json']);
    const stored = JSON.parse(got.stdout) as Obj;
    expect(stored.spec.template.spec.containers.map((c: Obj) => c.name)).toEqual(['web', 'istio-proxy']);
  });
});

describe('kube-inject (e2e, offline built-in configuration)', () => {
  const rendererBuilt = existsSync(resolve(REPO_ROOT, 'dist/helm/index.js'));
  it.skipIf(!rendererBuilt)('with no files and no cluster, injects with the built-in charts\' configuration', async () => {
    const r = await sailctl(['kube-inject', '-f', fixture('app.yaml')], { env: NO_CLUSTER });
    expect(r.stderr).toBe('deployment "shop/web" injected\n');
    expect(r.exitCode).toBe(0);
    expect(docs(r.stdout)[1]!.spec.template.spec.containers.map((c: Obj) => c.name)).toContain('istio-proxy');
  });
});
