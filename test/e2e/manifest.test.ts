/**
 * `sailctl manifest generate` end to end (bin/sailctl as a subprocess; build first): every
 * profile renders objects that validate against their Kubernetes schemas, in istioctl's order,
 * byte-stable, labelled with istioctl's owner labels; revisions, k8s settings, overlays, -o and
 * the user errors.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { sailctl } from '../support/cli.js';
import { validateObject, type Obj } from '../charts/support.js';

const parse = (text: string): Obj[] => parseAllDocuments(text).map((d) => d.toJS() as Obj).filter((o) => o && o.kind);
const ids = (objs: Obj[]) => objs.map((o) => `${o.kind}/${o.metadata.name}`);
const tmp = () => mkdtempSync(join(tmpdir(), 'sail-mg-'));

const EXPECTED_COMPONENTS: Record<string, string[]> = {
  default: ['Base', 'Pilot', 'IngressGateways'],
  demo: ['Base', 'Pilot', 'IngressGateways', 'EgressGateways'],
  minimal: ['Base', 'Pilot'],
  remote: ['Base', 'Pilot'],
  empty: [],
  preview: ['Base', 'Pilot', 'IngressGateways'],
  ambient: ['Base', 'Pilot', 'Cni', 'Ztunnel'],
  stable: ['Base', 'Pilot', 'IngressGateways'],
  openshift: ['Base', 'Pilot', 'IngressGateways', 'Cni'],
};

describe('sailctl manifest generate (e2e)', () => {
  for (const [profile, components] of Object.entries(EXPECTED_COMPONENTS)) {
    it(`profile ${profile}: components ${components.join(', ') || 'none'}, every object valid`, async () => {
      const r = await sailctl(['manifest', 'generate', '--set', `profile=${profile}`]);
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      const objs = parse(r.stdout);
      const seen = [...new Set(objs.map((o) => (o.metadata as { labels?: Record<string, string> }).labels?.['operator.istio.io/component']))].sort();
      expect(seen).toEqual([...components].sort());
      const errors = (await Promise.all(objs.map(validateObject))).flat();
      expect(errors).toEqual([]);
    }, 60_000);
  }

  it('default profile: istioctl order, owner labels, each document followed by ---, byte-stable', async () => {
    const a = await sailctl(['manifest', 'generate']);
    const b = await sailctl(['manifest', 'generate']);
    expect(a.exitCode).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(a.stdout.endsWith('\n\n---\n')).toBe(true);
    const objs = parse(a.stdout);
    const kinds = objs.map((o) => o.kind);
    expect(kinds.indexOf('CustomResourceDefinition')).toBe(0);
    expect(kinds.lastIndexOf('CustomResourceDefinition')).toBeLessThan(kinds.indexOf('ServiceAccount'));
    expect(kinds.indexOf('ValidatingWebhookConfiguration')).toBeLessThan(kinds.indexOf('ConfigMap'));
    expect(kinds.indexOf('ConfigMap')).toBeLessThan(kinds.indexOf('Deployment'));
    expect(kinds.slice(-2)).toEqual(['Service', 'Service']);
    for (const o of objs) {
      expect((o.metadata as { labels: Record<string, string> }).labels).toMatchObject({
        'operator.istio.io/managed': 'Reconcile',
        'operator.istio.io/version': '1.30.3',
        'install.operator.istio.io/owning-resource-namespace': 'istio-system',
        'istio.io/rev': 'default',
      });
    }
    const istiod = objs.find((o) => o.kind === 'Deployment' && o.metadata.name === 'istiod') as unknown as { spec: { template: { spec: { containers: Array<{ image: string }> } } } };
    expect(istiod.spec.template.spec.containers[0]!.image).toBe('docker.io/istio/pilot:1.30.3');
  }, 60_000);

  it('-r canary renders istiod-canary with revision labels and no default-revision webhooks', async () => {
    const r = await sailctl(['manifest', 'generate', '-r', 'canary', '--component', 'pilot']);
    expect(r.exitCode).toBe(0);
    const objs = parse(r.stdout);
    expect(ids(objs)).toEqual(expect.arrayContaining(['Deployment/istiod-canary', 'Service/istiod-canary', 'ConfigMap/istio-sidecar-injector-canary', 'MutatingWebhookConfiguration/istio-sidecar-injector-canary']));
    for (const o of objs) expect((o.metadata as { labels: Record<string, string> }).labels['istio.io/rev']).toBe('canary');
  }, 60_000);

  it('applies k8s settings as strategic merge patches and overlays from -f', async () => {
    const dir = tmp();
    const file = join(dir, 'iop.yaml');
    writeFileSync(file, `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
metadata:
  name: mesh
spec:
  components:
    pilot:
      k8s:
        replicaCount: 3
        env:
        - name: EXTRA
          value: "yes"
        podDisruptionBudget:
          maxUnavailable: 1
        overlays:
        - kind: Deployment
          name: istiod
          patches:
          - path: spec.template.spec.containers.[name:discovery].args.[1]
            value: --monitoringAddr=:9999
`);
    const r = await sailctl(['manifest', 'generate', '-f', file, '--component', 'pilot']);
    expect(r.stderr).toBe('');
    expect(r.exitCode).toBe(0);
    const objs = parse(r.stdout);
    const dep = objs.find((o) => o.kind === 'Deployment') as unknown as { metadata: { labels: Record<string, string> }; spec: { replicas: number; template: { spec: { containers: Array<{ args: string[]; env: Array<{ name: string; value?: string }> }> } } } };
    expect(dep.spec.replicas).toBe(3);
    expect(dep.spec.template.spec.containers[0]!.args[1]).toBe('--monitoringAddr=:9999');
    expect(dep.spec.template.spec.containers[0]!.env).toContainEqual({ name: 'EXTRA', value: 'yes' });
    expect(dep.metadata.labels['install.operator.istio.io/owning-resource']).toBe('mesh');
    const pdb = objs.find((o) => o.kind === 'PodDisruptionBudget') as unknown as { spec: Record<string, unknown> };
    expect(pdb.spec.maxUnavailable).toBe(1);
    expect(pdb.spec.minAvailable).toBeUndefined();
  }, 60_000);

  it('-o writes the file and nothing to stdout', async () => {
    const out = join(tmp(), 'istio.yaml');
    const r = await sailctl(['manifest', 'generate', '--component', 'base', '-o', out]);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('');
    expect(parse(readFileSync(out, 'utf8')).every((o) => ['CustomResourceDefinition', 'ServiceAccount'].includes(o.kind))).toBe(true);
  }, 60_000);

  it('an overlay path that matches nothing is an error naming the overlay', async () => {
    const file = join(tmp(), 'bad-overlay.yaml');
    writeFileSync(file, `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  components:
    pilot:
      k8s:
        overlays:
        - kind: Deployment
          name: istiod
          patches:
          - path: spec.template.spec.containers.[name:nope].image
            value: x
`);
    const r = await sailctl(['manifest', 'generate', '-f', file]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('components.pilot.k8s.overlays[0] (Deployment istiod): path spec.template.spec.containers.[name:nope].image: element [name:nope] not found');
    expect(r.stdout).toBe('');
  }, 60_000);

  it('rejects a file with two IstioOperators, as istioctl does', async () => {
    const file = join(tmp(), 'two.yaml');
    writeFileSync(file, 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n---\napiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n');
    const r = await sailctl(['manifest', 'generate', '-f', file]);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('contains multiple IstioOperator CRs');
  }, 60_000);

  it('rejects an unknown --component with exit 64 naming the flag', async () => {
    const r = await sailctl(['manifest', 'generate', '--component', 'mixer']);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain('--component');
    expect(r.stderr).toContain('unknown component "mixer"');
  }, 60_000);

  it('names the --set or file:line of an invalid IstioOperator; --force renders anyway with a warning', async () => {
    const bad = await sailctl(['manifest', 'generate', '--set', 'values.global.badKey=1']);
    expect(bad.exitCode).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.trim().split('\n')[0]).toBe('Error: --set values.global.badKey=1: could not unmarshal: unknown field "badKey" in spec.values.global');
    const forced = await sailctl(['manifest', 'generate', '--set', 'values.global.badKey=1', '--force', '--component', 'base']);
    expect(forced.exitCode).toBe(0);
    expect(forced.stderr).toContain('continuing because of --force');
    expect(parse(forced.stdout).length).toBeGreaterThan(0);
    const file = join(tmp(), 'bad.yaml');
    writeFileSync(file, 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  components:\n    pilot:\n      enabled: notabool\n');
    const typed = await sailctl(['manifest', 'generate', '-f', file]);
    expect(typed.exitCode).toBe(1);
    expect(typed.stderr).toContain(`${file}:6: could not unmarshal`);
  }, 60_000);

  it('rejects an unknown profile and a missing -f file with one-line errors', async () => {
    const p = await sailctl(['manifest', 'generate', '--set', 'profile=nope']);
    expect(p.exitCode).not.toBe(0);
    expect(p.stderr).toMatch(/nope/);
    const f = await sailctl(['manifest', 'generate', '-f', join(tmp(), 'missing.yaml')]);
    expect(f.exitCode).toBe(1);
    expect(f.stderr).toContain('missing.yaml');
  }, 60_000);
});
