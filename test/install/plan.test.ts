import { describe, expect, it } from 'vitest';
import type { ComponentName } from '../../src/operator/translate.js';
import type { KubeObject } from '../../src/kube/types.js';
import { changedFields, formatPlan, objectHash, planInstall, prerequisitesOf, runGated, selectPrune } from '../../src/install/plan.js';
import { renderInstall } from '../../src/install/render.js';
import { buildTagWebhook, asDeactivated, tagWebhookNeeded } from '../../src/install/webhooks.js';
import { uninstallSelector } from '../../src/install/uninstall.js';
import { spinnerUsable, versionChangeWarning } from '../../src/cli/commands/install.js';

const obj = (kind: string, name: string, ns?: string, labels: Record<string, string> = {}, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name, ...(ns ? { namespace: ns } : {}), labels },
  ...extra,
});

describe('dependency gates', () => {
  it('prerequisites are istioctl\'s', () => {
    expect(prerequisitesOf('Pilot')).toEqual(['Base']);
    expect(prerequisitesOf('Cni')).toEqual(['Base']);
    expect(prerequisitesOf('IngressGateways')).toEqual(['Pilot']);
    expect(prerequisitesOf('Ztunnel')).toEqual(['Cni']);
    expect(prerequisitesOf('Base')).toEqual([]);
  });

  it('runs components concurrently behind their gates', async () => {
    const log: string[] = [];
    const delays: Partial<Record<ComponentName, number>> = { Base: 20, Cni: 30, Pilot: 5 };
    await runGated(['Base', 'Pilot', 'IngressGateways', 'Cni', 'Ztunnel'], async (c) => {
      log.push(`start ${c}`);
      await new Promise((r) => setTimeout(r, delays[c] ?? 1));
      log.push(`end ${c}`);
    });
    const at = (s: string) => log.indexOf(s);
    expect(at('start Pilot')).toBeGreaterThan(at('end Base'));
    expect(at('start Cni')).toBeGreaterThan(at('end Base'));
    expect(at('start IngressGateways')).toBeGreaterThan(at('end Pilot'));
    expect(at('start Ztunnel')).toBeGreaterThan(at('end Cni'));
    // Pilot and Cni overlap: the gateways start while Cni is still running.
    expect(at('start IngressGateways')).toBeLessThan(at('end Cni'));
  });

  it('a component whose prerequisite is not installed starts at once; a failure still releases dependents', async () => {
    const started: string[] = [];
    const results = await runGated(['Pilot', 'IngressGateways'], async (c) => {
      started.push(c);
      if (c === 'Pilot') throw new Error('boom');
      return c;
    });
    expect(started).toEqual(['Pilot', 'IngressGateways']);
    expect(results.get('Pilot')?.status).toBe('rejected');
    expect(results.get('IngressGateways')).toEqual({ status: 'fulfilled', value: 'IngressGateways' });
  });
});

describe('render for install', () => {
  it('every object carries the owner labels; objects keep rendered order; CRDs lead Base', async () => {
    const r = await renderInstall({ sets: [] });
    expect([...r.components.keys()]).toEqual(['Base', 'Pilot', 'IngressGateways']);
    for (const [c, objs] of r.components) {
      for (const o of objs) expect(o.metadata.labels).toMatchObject({ 'operator.istio.io/component': c, 'istio.io/rev': 'default', 'operator.istio.io/managed': 'Reconcile' });
    }
    const base = r.components.get('Base')!;
    expect(base[0]!.kind).toBe('CustomResourceDefinition');
    expect(base.at(-1)!.kind).toBe('ServiceAccount');
    const pilot = r.components.get('Pilot')!.map((o) => o.kind);
    expect(pilot.indexOf('Deployment')).toBeLessThan(pilot.indexOf('Service'));
    expect(r.profile).toBe('default');
    expect(r.namespace).toBe('istio-system');
    expect(r.labelsFor()['operator.istio.io/component']).toBeUndefined();
  });
});

describe('prune set', () => {
  const owner = (c: ComponentName) => ({ 'operator.istio.io/managed': 'Reconcile', 'istio.io/rev': 'default', 'operator.istio.io/component': c });
  it('selects objects of this installation the render no longer has, never CRDs or not-pruned objects', () => {
    const rendered = new Map<ComponentName, KubeObject[]>([['Pilot', [obj('Deployment', 'istiod', 'istio-system', owner('Pilot'))]]]);
    const live = [
      obj('Deployment', 'istiod', 'istio-system', owner('Pilot')),
      obj('Deployment', 'istio-ingressgateway', 'istio-system', owner('IngressGateways')),
      obj('CustomResourceDefinition', 'x.istio.io', undefined, owner('Base')),
      obj('MutatingWebhookConfiguration', 'istio-revision-tag-default', undefined, { ...owner('Pilot'), 'install.operator.istio.io/owning-resource-not-pruned': 'true' }),
      obj('ConfigMap', 'other-rev', 'istio-system', { ...owner('Pilot'), 'istio.io/rev': 'canary' }),
    ];
    const pruned = selectPrune(live, rendered, owner);
    expect(pruned.map((o) => o.metadata.name)).toEqual(['istio-ingressgateway']);
  });

  it('cluster-scoped RBAC is identified without namespace', () => {
    expect(objectHash(obj('ClusterRole', 'r', 'istio-system'))).toBe(objectHash(obj('ClusterRole', 'r')));
    expect(objectHash(obj('Role', 'r', 'a'))).not.toBe(objectHash(obj('Role', 'r', 'b')));
  });
});

describe('dry-run plan', () => {
  it('create / update with changed fields / unchanged / prune', () => {
    const a = obj('ConfigMap', 'a', 'ns', {}, { data: { k: 'v' } });
    const b = obj('ConfigMap', 'b', 'ns', {}, { data: { k: 'new' } });
    const c = obj('Service', 'c', 'ns', {}, { spec: { ports: [{ port: 443 }] } });
    const live = new Map<KubeObject, KubeObject>([
      [b, { ...b, data: { k: 'old' }, metadata: { ...b.metadata, uid: 'u', resourceVersion: '3' } }],
      [c, { ...c, spec: { ports: [{ port: 443, protocol: 'TCP' }], clusterIP: '10.0.0.1' } }],
    ]);
    const plan = planInstall(new Map([['Pilot', [a, b, c]]]), (o) => live.get(o), [obj('Deployment', 'gone', 'ns', { 'operator.istio.io/component': 'IngressGateways' })]);
    expect(plan.map((e) => [e.action, e.object.metadata.name, e.changes])).toEqual([
      ['create', 'a', []],
      ['update', 'b', ['.data.k']],
      ['unchanged', 'c', []],
      ['prune', 'gone', []],
    ]);
    expect(formatPlan(plan)).toBe('create     ConfigMap/ns/a\nupdate     ConfigMap/ns/b (.data.k)\nunchanged  Service/ns/c\nprune      Deployment/ns/gone\nPlan: 1 to create, 1 to update, 1 unchanged, 1 to prune.\n');
  });

  it('lists of another length are one change; server-added fields are none', () => {
    expect(changedFields({ a: [1, 2] }, { a: [1] })).toEqual(['.a']);
    expect(changedFields({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 })).toEqual([]);
    expect(changedFields({ status: { x: 1 }, a: 1 }, { a: 1 })).toEqual([]);
  });
});

describe('default revision tag', () => {
  const canonical: KubeObject = {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name: 'istio-sidecar-injector-canary', labels: { app: 'sidecar-injector', 'istio.io/rev': 'canary', 'operator.istio.io/component': 'Pilot' } },
    webhooks: [{ name: 'rev.namespace.sidecar-injector.istio.io', clientConfig: { service: { name: 'istiod-canary', namespace: 'istio-system', path: '/inject' } }, failurePolicy: 'Fail' }],
  };

  it('is needed for a default install or when no default tag exists, unless the operator manages webhooks', () => {
    expect(tagWebhookNeeded({ iop: {}, revision: '' }, true)).toBe(true);
    expect(tagWebhookNeeded({ iop: {}, revision: 'canary' }, false)).toBe(true);
    expect(tagWebhookNeeded({ iop: {}, revision: 'canary' }, true)).toBe(false);
    expect(tagWebhookNeeded({ iop: { spec: { values: { global: { operatorManageWebhooks: true } } } }, revision: '' }, false)).toBe(false);
  });

  it('points the default selectors at the revision\'s injector and is kept out of prune', () => {
    const tag = buildTagWebhook(canonical, { revision: 'canary', istioNamespace: 'istio-system', ownerLabels: { 'operator.istio.io/managed': 'Reconcile' }, autoInject: false })!;
    expect(tag.metadata.name).toBe('istio-revision-tag-default');
    expect(tag.metadata.labels).toMatchObject({ app: 'sidecar-injector', 'istio.io/tag': 'default', 'istio.io/rev': 'canary', 'install.operator.istio.io/owning-resource-not-pruned': 'true' });
    const hooks = tag['webhooks'] as Array<{ name: string; clientConfig: unknown; namespaceSelector: unknown }>;
    expect(hooks.map((h) => h.name)).toEqual(['rev.namespace.sidecar-injector.istio.io', 'rev.object.sidecar-injector.istio.io', 'namespace.sidecar-injector.istio.io', 'object.sidecar-injector.istio.io']);
    expect(hooks.every((h) => JSON.stringify(h.clientConfig).includes('istiod-canary'))).toBe(true);
    expect(hooks[2]!.namespaceSelector).toEqual({ matchExpressions: [{ key: 'istio-injection', operator: 'In', values: ['enabled'] }] });
  });

  it('the default revision injector is expected deactivated; others are not touched', () => {
    const d = asDeactivated({ ...canonical, metadata: { ...canonical.metadata, labels: { 'istio.io/rev': 'default' } } });
    expect((d['webhooks'] as Array<{ objectSelector: unknown }>)[0]!.objectSelector).toEqual({ matchLabels: { 'istio.io/deactivated': 'never-match' } });
    expect(asDeactivated(canonical)).toBe(canonical);
  });
});

describe('uninstall selection', () => {
  it('purge selects by the component label only; otherwise owner labels and non-Base components', () => {
    expect(uninstallSelector({ purge: true, revision: 'x' })).toBe('operator.istio.io/component');
    expect(uninstallSelector({ purge: false, revision: 'canary', owningResource: 'iop' })).toBe(
      'istio.io/rev=canary,install.operator.istio.io/owning-resource=iop,operator.istio.io/component in (Cni,EgressGateways,IngressGateways,Pilot,Ztunnel)',
    );
  });
});

describe('up/downgrade warning', () => {
  it('compares the revision\'s running istiod with the target', () => {
    expect(versionChangeWarning([{ revision: 'default', version: '1.29.1' }], '', '1.30.3')).toMatch(/^WARNING: Istio is being upgraded from 1\.29\.1 to 1\.30\.3\.\n {9}Running this command will overwrite it/);
    expect(versionChangeWarning([{ revision: 'canary', version: '1.31.0' }], 'canary', '1.30.3')).toMatch(/^WARNING: Istio is being downgraded from 1\.31\.0 to 1\.30\.3\.\n {9}Before upgrading/);
    expect(versionChangeWarning([{ revision: 'canary', version: '1.29.0' }], '', '1.30.3')).toBeUndefined();
    expect(versionChangeWarning([{ revision: 'default', version: '1.30.3' }], '', '1.30.3')).toBeUndefined();
  });
});

describe('install progress: spinner or lines', () => {
  const stream = (columns?: number) => ({ write: () => true, ...(columns === undefined ? {} : { columns }) });
  it('spins only on a terminal that reports its width', () => {
    expect(spinnerUsable({ stderrIsTTY: true, stderr: stream(120) })).toBe(true);
    expect(spinnerUsable({ stderrIsTTY: false, stderr: stream(120) })).toBe(false);
  });
  it('a terminal of no size (0 columns, e.g. script(1) without a controlling terminal) gets lines: ora would clear lines forever', () => {
    expect(spinnerUsable({ stderrIsTTY: true, stderr: stream(0) })).toBe(false);
    expect(spinnerUsable({ stderrIsTTY: true, stderr: stream() })).toBe(false);
  });
});
