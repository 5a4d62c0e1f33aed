/**
 * Proves the local API server follows the real API's contract closely enough for kubectl: get,
 * apply --server-side (with conflicts and --force-conflicts), label selectors, label, annotate,
 * patch, scale, delete, CRD-registered kinds and namespace deletion. Skips when kubectl is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';
import { sailctl } from '../support/cli.js';
import { hasOpenssl, makePki } from '../support/tls.js';

const hasKubectl = await execa('kubectl', ['version', '--client'], { reject: false }).then(
  (r) => r.exitCode === 0,
  () => false,
);
if (!hasKubectl) console.warn('kubectl e2e skipped: kubectl is not on PATH');

let server: KubeServer;
let kc: string;
let dir: string;
const kubectl = (...args: string[]) => execa('kubectl', ['--kubeconfig', kc, ...args], { reject: false, stripFinalNewline: false });
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

describe.skipIf(!hasKubectl)('kubectl against the local API server', () => {
  beforeAll(async () => {
    server = await startKubeServer({ controllers: true });
    kc = writeKubeconfig(server.url);
    dir = mkdtempSync(join(tmpdir(), 'sailctl-kubectl-'));
  });
  afterAll(async () => server?.stop());

  it('get ns', async () => {
    const r = await kubectl('get', 'ns');
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toMatch(/^NAME\s+STATUS\s+AGE\n/);
    expect(r.stdout).toMatch(/\ndefault\s+Active\s+\d+s\n/);
  });

  it('apply --server-side, get -l, conflicts and --force-conflicts', async () => {
    const manifest = (value: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: shop
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: settings
  namespace: shop
  labels: {app: shop}
data:
  mode: "${value}"
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: other
  namespace: shop
data: {}
`;
    const first = await kubectl('apply', '--server-side', '-f', file('a.yaml', manifest('fast')));
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe('namespace/shop serverside-applied\nconfigmap/settings serverside-applied\nconfigmap/other serverside-applied\n');
    const listed = await kubectl('get', 'cm', '-n', 'shop', '-l', 'app=shop', '-o', 'name');
    expect(listed.stdout).toBe('configmap/settings\n');
    const conflict = await kubectl('apply', '--server-side', '--field-manager', 'intruder', '-f', file('b.yaml', manifest('slow')));
    expect(conflict.exitCode).toBe(1);
    expect(conflict.stderr).toContain('Apply failed with 1 conflict: conflict with "kubectl" using v1: .data.mode');
    const forced = await kubectl('apply', '--server-side', '--field-manager', 'intruder', '--force-conflicts', '-f', join(dir, 'b.yaml'));
    expect(forced.exitCode).toBe(0);
    expect((await kubectl('get', 'cm', 'settings', '-n', 'shop', '-o', 'jsonpath={.data.mode}')).stdout).toBe('slow');
  });

  it('label and annotate (merge / strategic patches)', async () => {
    expect((await kubectl('label', 'ns', 'shop', 'istio-injection=enabled')).stdout).toBe('namespace/shop labeled\n');
    expect((await kubectl('annotate', 'cm', 'settings', '-n', 'shop', 'note=x')).stdout).toBe('configmap/settings annotated\n');
    expect((await kubectl('get', 'ns', '-l', 'istio-injection=enabled', '-o', 'name')).stdout).toBe('namespace/shop\n');
    expect((await kubectl('label', 'ns', 'shop', 'istio-injection-')).stdout).toBe('namespace/shop unlabeled\n');
    expect((await kubectl('get', 'ns', '-l', 'istio-injection', '-o', 'name')).stdout).toBe('');
  });

  it('sees labels sailctl set, and sailctl sees labels kubectl set', async () => {
    const r = await sailctl(['-c', kc, 'namespace', 'enable', 'shop', '-r', 'blue']);
    expect(r.exitCode).toBe(0);
    expect((await kubectl('get', 'ns', 'shop', '-o', 'jsonpath={.metadata.labels.istio\\.io/rev}')).stdout).toBe('blue');
    await kubectl('label', 'ns', 'shop', '--overwrite', 'istio.io/rev=green');
    const status = await sailctl(['-c', kc, 'namespace', 'status', 'shop', '-o', 'json']);
    expect(JSON.parse(status.stdout)[0].label).toBe('istio.io/rev=green');
  });

  it('CRD-registered kinds become usable after the CRD is applied', async () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.sailctl.io
spec:
  group: example.sailctl.io
  scope: Namespaced
  names: {kind: Widget, plural: widgets, singular: widget, shortNames: [wd]}
  versions:
  - name: v1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
`;
    expect((await kubectl('apply', '--server-side', '-f', file('crd.yaml', crd))).exitCode).toBe(0);
    const w = await kubectl('apply', '--server-side', '-f', file('w.yaml', 'apiVersion: example.sailctl.io/v1\nkind: Widget\nmetadata: {name: w1, namespace: shop}\nspec: {size: 3}\n'));
    expect(w.stdout).toBe('widget.example.sailctl.io/w1 serverside-applied\n');
    expect((await kubectl('get', 'wd', '-n', 'shop', '-o', 'name')).stdout).toBe('widget.example.sailctl.io/w1\n');
  });

  it('scale: the scale subresource of a Deployment', async () => {
    const deploy = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: shop}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx}]}\n';
    expect((await kubectl('apply', '--server-side', '-f', file('web.yaml', deploy))).exitCode).toBe(0);
    const scaled = await kubectl('scale', 'deployment', 'web', '-n', 'shop', '--replicas=3');
    expect(scaled.stderr).toBe('');
    expect(scaled.stdout).toBe('deployment.apps/web scaled\n');
    expect((await kubectl('get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}')).stdout).toBe('3');
    // with a precondition kubectl reads the Scale and writes it back with PUT
    expect((await kubectl('scale', 'deployment', 'web', '-n', 'shop', '--current-replicas=3', '--replicas=2')).stdout).toBe('deployment.apps/web scaled\n');
    const stale = await kubectl('scale', 'deployment', 'web', '-n', 'shop', '--current-replicas=5', '--replicas=1');
    expect(stale.exitCode).toBe(1);
    expect(stale.stderr).toContain('Expected replicas to be 5, was 2');
    expect((await kubectl('get', 'deploy', 'web', '-n', 'shop', '-o', 'jsonpath={.spec.replicas}')).stdout).toBe('2');
  });

  it('delete, 404 for what is gone, and namespace deletion removes its objects', async () => {
    expect((await kubectl('delete', 'cm', 'other', '-n', 'shop')).stdout).toBe('configmap "other" deleted\n');
    const gone = await kubectl('get', 'cm', 'other', '-n', 'shop');
    expect(gone.exitCode).toBe(1);
    expect(gone.stderr).toBe('Error from server (NotFound): configmaps "other" not found\n');
    expect((await kubectl('delete', 'ns', 'shop')).exitCode).toBe(0);
    expect(server.list('v1', 'ConfigMap', 'shop')).toEqual([]);
    const missingNs = await kubectl('apply', '--server-side', '-f', join(dir, 'w.yaml'));
    expect(missingNs.stderr).toContain('namespaces "shop" not found');
  });
});

describe.skipIf(!hasKubectl || !hasOpenssl())('kubectl and sailctl over TLS with a client certificate', () => {
  it('both verify the server and authenticate with the client certificate', async () => {
    const pki = makePki();
    const tls = await startKubeServer({ tls: { cert: pki.serverCert, key: pki.serverKey, clientCa: pki.ca } });
    try {
      const k = writeKubeconfig(tls.url, { ca: pki.ca, clientCert: pki.clientCert, clientKey: pki.clientKey });
      const r = await execa('kubectl', ['--kubeconfig', k, 'get', 'ns', 'default', '-o', 'name'], { reject: false });
      expect(r.stdout).toBe('namespace/default');
      const s = await sailctl(['-c', k, 'namespace', 'enable', 'default']);
      expect(s.exitCode).toBe(0);
      const wrongCa = writeKubeconfig(tls.url, { ca: pki.otherCa, clientCert: pki.clientCert, clientKey: pki.clientKey });
      const bad = await sailctl(['-c', wrongCa, 'namespace', 'status']);
      expect(bad.exitCode).toBe(1);
      expect(bad.stderr.split('\n')[0]).toMatch(/^Error: TLS verification of the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+ failed: /);
    } finally {
      await tls.stop();
    }
  });
});
