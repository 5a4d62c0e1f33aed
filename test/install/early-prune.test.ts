import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeKubeconfig } from '../support/kubeconfig.js';
import { KubeClient } from '../../src/kube/client.js';
import type { KubeObject } from '../../src/kube/types.js';
import type { ComponentName } from '../../src/operator/translate.js';
import { installManifests, planAgainstCluster } from '../../src/install/installer.js';
import { selectPrune } from '../../src/install/plan.js';
import { renderInstall, type InstallRender } from '../../src/install/render.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';

const COMPONENT = 'operator.istio.io/component';

describe('selectPrune on a listing made before the applies', () => {
  const owner = (c: ComponentName) => ({ 'operator.istio.io/managed': 'Reconcile', 'istio.io/rev': 'default', [COMPONENT]: c });
  const obj = (kind: string, name: string, labels: Record<string, string>, namespace: string | undefined = 'istio-system'): KubeObject => ({
    apiVersion: kind === 'ConfigMap' ? 'v1' : 'apps/v1',
    kind,
    metadata: { name, ...(namespace ? { namespace } : {}), labels },
  });

  it('keeps an object listed under its old component that another component of the render now has', () => {
    const rendered = new Map<ComponentName, KubeObject[]>([['Pilot', [obj('ConfigMap', 'istio', owner('Pilot'))]]]);
    // Listed before the apply relabelled it: it still carries the component it had last version.
    const live = [obj('ConfigMap', 'istio', owner('Base'))];
    expect(selectPrune(live, rendered, owner)).toEqual([]);
  });

  it('prunes an object that no component renders any more, whatever component it is labelled with', () => {
    const rendered = new Map<ComponentName, KubeObject[]>([['Pilot', [obj('Deployment', 'istiod', owner('Pilot'))]]]);
    const live = [obj('Deployment', 'istiod', owner('Pilot')), obj('Deployment', 'istio-egressgateway', owner('EgressGateways')), obj('ConfigMap', 'old', owner('Base'))];
    expect(selectPrune(live, rendered, owner).map((o) => o.metadata.name)).toEqual(['istio-egressgateway', 'old']);
  });

  it('keeps objects whose component label names no component of this installation', () => {
    const rendered = new Map<ComponentName, KubeObject[]>();
    expect(selectPrune([obj('ConfigMap', 'x', { ...owner('Base'), [COMPONENT]: 'SomethingElse' })], rendered, owner)).toEqual([]);
  });
});

describe('install lists for prune early and deletes last', () => {
  let server: KubeServer | undefined;
  let render: InstallRender;
  beforeAll(async () => {
    render = await renderInstall({ files: [], sets: [] });
  });
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  function clientFor(s: KubeServer): KubeClient {
    return KubeClient.connect({ kubeconfig: writeKubeconfig(s.url), env: {}, timeoutMs: 5000, transport: { baseDelayMs: 5, maxDelayMs: 50 } });
  }

  /** Runs installManifests, recording the order in which it starts the prune listing and its applies. */
  async function install(client: KubeClient, readinessTimeoutMs = 10_000): Promise<string[]> {
    const calls: string[] = [];
    const listByLabel = client.listByLabel.bind(client);
    client.listByLabel = (kinds, selector, opts) => {
      calls.push('list');
      return listByLabel(kinds, selector, opts);
    };
    const apply = client.apply.bind(client);
    client.apply = (o, opts) => {
      calls.push(`apply ${o.kind}`);
      return apply(o, opts);
    };
    try {
      await installManifests(client, render, { readinessTimeoutMs, pollIntervalMs: 10 });
    } finally {
      client.close();
    }
    return calls;
  }

  const gone = (name: string) => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    // An egress gateway an earlier install made: the default profile has none.
    metadata: { name, namespace: 'istio-system', labels: { ...render.labelsFor('EgressGateways'), app: name } },
    spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'x' }] } } },
  });
  const seedNamespace = (s: KubeServer) => s.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } });
  const deletes = (s: KubeServer) => s.requests.filter((q) => q.method === 'DELETE');

  it('an object that moved to another component is relabelled, not pruned', async () => {
    server = await startKubeServer({ controllers: true });
    seedNamespace(server);
    const moved = render.components.get('Pilot')!.find((o) => o.kind === 'ConfigMap')!;
    expect(moved).toBeDefined();
    // As the previous version left it: the same object, owned by Base then.
    server.seed({ apiVersion: moved.apiVersion, kind: moved.kind, metadata: { name: moved.metadata.name, namespace: moved.metadata.namespace, labels: render.labelsFor('Base') }, data: {} });
    server.seed(gone('istio-egressgateway'));

    const calls = await install(clientFor(server));

    // The listing started before anything was applied, so it saw the old label.
    expect(calls[0]).toBe('list');
    expect(calls.filter((c) => c === 'list')).toHaveLength(1);
    const live = server.get(moved.apiVersion, moved.kind, moved.metadata.name, moved.metadata.namespace);
    expect(live?.['metadata']).toMatchObject({ labels: { [COMPONENT]: 'Pilot' } });
    expect(server.get('apps/v1', 'Deployment', 'istio-egressgateway', 'istio-system')).toBeUndefined();
    expect(deletes(server).map((q) => q.path)).toEqual(['/apis/apps/v1/namespaces/istio-system/deployments/istio-egressgateway']);
  });

  it('nothing is deleted when a component fails, though the listing was made', async () => {
    server = await startKubeServer({
      controllers: true,
      notReady: (w) => ((w['metadata'] as { name?: string }).name === 'istiod' ? { reason: 'ImagePullBackOff', message: 'Back-off pulling image' } : undefined),
    });
    seedNamespace(server);
    server.seed(gone('istio-egressgateway'));
    const client = clientFor(server);
    await expect(install(client, 300)).rejects.toThrow(/Istiod not ready/);
    expect(server.requests.some((q) => q.method === 'GET' && q.query.get('labelSelector')?.includes(COMPONENT))).toBe(true);
    expect(deletes(server)).toEqual([]);
    expect(server.get('apps/v1', 'Deployment', 'istio-egressgateway', 'istio-system')).toBeDefined();
  });

  it('--dry-run plans an object that moved to another component as kept, not pruned', async () => {
    server = await startKubeServer({ controllers: true });
    seedNamespace(server);
    const moved = render.components.get('Pilot')!.find((o) => o.kind === 'ConfigMap')!;
    server.seed({ apiVersion: moved.apiVersion, kind: moved.kind, metadata: { name: moved.metadata.name, namespace: moved.metadata.namespace, labels: render.labelsFor('Base') }, data: {} });
    server.seed(gone('istio-egressgateway'));
    const client = clientFor(server);
    try {
      const plan = await planAgainstCluster(client, render);
      const about = (name: string) => plan.filter((e) => e.object.metadata.name === name).map((e) => e.action);
      expect(about(moved.metadata.name)).toEqual(['update']);
      expect(about('istio-egressgateway')).toEqual(['prune']);
    } finally {
      client.close();
    }
    expect(server.requests.filter((q) => q.method !== 'GET')).toEqual([]);
  });

  it('a kind not served when the listing runs (EnvoyFilter before its CRD) has nothing to prune; once served it is listed and pruned', async () => {
    server = await startKubeServer({ controllers: true });
    seedNamespace(server);
    await install(clientFor(server));
    const discoveredUnserved = server.requests.filter((q) => q.path === '/apis/networking.istio.io/v1alpha3');
    expect(discoveredUnserved.length).toBeGreaterThan(0);
    expect(deletes(server)).toEqual([]);

    // Second install: the CRD exists now, and an EnvoyFilter of this installation that the render lacks goes.
    server.seed({
      apiVersion: 'networking.istio.io/v1alpha3',
      kind: 'EnvoyFilter',
      metadata: { name: 'stale-filter', namespace: 'istio-system', labels: render.labelsFor('Pilot') },
      spec: {},
    });
    await install(clientFor(server));
    expect(server.get('networking.istio.io/v1alpha3', 'EnvoyFilter', 'stale-filter', 'istio-system')).toBeUndefined();
    expect(deletes(server).map((q) => q.path)).toEqual(['/apis/networking.istio.io/v1alpha3/namespaces/istio-system/envoyfilters/stale-filter']);
  });
});

describe('the render lets answers to requests sent before it be handled', () => {
  it('callbacks queued before renderInstall run before it has rendered the last component', async () => {
    // Counts the event-loop turns that happen while the render is still going.
    let turns = 0;
    let done = false;
    const tick = (): void => {
      if (done) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const render = await renderInstall({ files: [], sets: [] });
    done = true;
    expect(render.components.size).toBeGreaterThan(1);
    // One turn between each pair of components at least (the default profile renders three).
    expect(turns).toBeGreaterThanOrEqual(render.components.size - 1);
  });
});
