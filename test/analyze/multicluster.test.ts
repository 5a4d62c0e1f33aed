/**
 * Multi-cluster analysis in memory: two (or three) clusters as sources tagged with cluster ids,
 * the IST0170 comparison, the snapshot's per-cluster identity, message order and the cluster
 * shown in each output format.
 */
import { describe, expect, it } from 'vitest';
import { findInconsistencies, multiClusterServiceAnalyzer } from '../../src/analyze/analyzers/multicluster-service.js';
import { formatJson, formatLogLine, formatSarif, formatYaml } from '../../src/analyze/format.js';
import { K } from '../../src/analyze/kinds.js';
import { resourceFromObject } from '../../src/analyze/parse.js';
import type { JsonObject, Resource } from '../../src/analyze/resource.js';
import { runAnalysis } from '../../src/analyze/run.js';
import { Snapshot, StaticSource } from '../../src/analyze/snapshot.js';

function service(name: string, ns: string, spec: JsonObject, cluster: string, labels: Record<string, string> = {}): Resource {
  const r = resourceFromObject({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns, labels }, spec }, { defaultNamespace: '', cluster });
  if (!r) throw new Error('not a resource');
  return r;
}

function namespaceObject(name: string, cluster: string): Resource {
  const r = resourceFromObject({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }, { defaultNamespace: '', cluster });
  if (!r) throw new Error('not a resource');
  return r;
}

const web = (port = 8080, extra: JsonObject = {}): JsonObject => ({ name: 'http-web', port, targetPort: port, protocol: 'TCP', ...extra });

/** Clusters given lowest precedence first, as the command orders them (remote ones, then the primary). */
function clusters(byCluster: Record<string, Resource[]>): StaticSource[] {
  return Object.entries(byCluster).map(([name, rs]) => new StaticSource(`cluster ${name}`, rs, true));
}

async function analyze(byCluster: Record<string, Resource[]>, namespace = '') {
  return runAnalysis({ sources: clusters(byCluster), namespace, istioNamespace: 'istio-system', analyzerNames: ['services.MultiClusterServiceAnalyzer'] });
}

const log = (r: Awaited<ReturnType<typeof analyze>>, printCluster = true) => r.messages.map((m) => formatLogLine(m, false, { printCluster }));

describe('services.MultiClusterServiceAnalyzer (IST0170)', () => {
  it('the same Service alike in two clusters: no message', async () => {
    const r = await analyze({
      west: [service('cart', 'shop', { type: 'ClusterIP', ports: [web()] }, 'west')],
      default: [service('cart', 'shop', { type: 'ClusterIP', ports: [web()] }, 'default')],
    });
    expect(r.executed).toEqual(['services.MultiClusterServiceAnalyzer']);
    expect(r.messages).toEqual([]);
  });

  it('ports differing: a Warning about the primary cluster naming both clusters, with Istio\'s template', async () => {
    const r = await analyze({
      west: [service('cart', 'shop', { ports: [web(9090)] }, 'west')],
      default: [service('cart', 'shop', { ports: [web(8080)] }, 'default')],
    });
    expect(log(r)).toEqual([
      'Warning [IST0170] [cluster-default] (Service shop/cart) The service cart in namespace "shop" is inconsistent across clusters ["default" "west"], which can lead to undefined behaviors. The inconsistent behaviors are: service ports are inconsistent.',
    ]);
    expect(r.messages[0]?.resource?.origin.cluster).toBe('default');
  });

  it('type and ports differing: both reasons, sorted and joined with "; "', async () => {
    const r = await analyze({
      west: [service('cart', 'shop', { type: 'NodePort', ports: [web(8080, { nodePort: 30080 })] }, 'west')],
      default: [service('cart', 'shop', { type: 'ClusterIP', ports: [web(8080)] }, 'default')],
    });
    expect(log(r, false)).toEqual([
      'Warning [IST0170] (Service shop/cart) The service cart in namespace "shop" is inconsistent across clusters ["default" "west"], which can lead to undefined behaviors. The inconsistent behaviors are: service ports are inconsistent; service type is inconsistent.',
    ]);
  });

  it('headless in one cluster only: every cluster is named, even those that agree with the primary', async () => {
    const r = await analyze({
      west: [service('db', 'shop', { clusterIP: 'None', ports: [web()] }, 'west')],
      east: [service('db', 'shop', { ports: [web()] }, 'east')],
      default: [service('db', 'shop', { ports: [web()] }, 'default')],
    });
    expect(r.messages.map((m) => m.args)).toEqual([['db', 'shop', ['default', 'east', 'west'], 'service has mixed mode like headless and clusterIP']]);
  });

  it('only the differing clusters (and the primary) are named', async () => {
    const r = await analyze({
      west: [service('cart', 'shop', { ports: [web(1)] }, 'west')],
      east: [service('cart', 'shop', { ports: [web()] }, 'east')],
      default: [service('cart', 'shop', { ports: [web()] }, 'default')],
    });
    expect(r.messages.map((m) => m.args[2])).toEqual([['default', 'west']]);
  });

  it('a Service in one cluster only, or different names/namespaces, is not compared', async () => {
    const r = await analyze({
      west: [service('cart', 'shop', { ports: [web(1)] }, 'west'), service('other', 'shop', { ports: [web(2)] }, 'west')],
      default: [service('cart', 'store', { ports: [web()] }, 'default'), service('solo', 'shop', { ports: [web(3)] }, 'default')],
    });
    expect(r.messages).toEqual([]);
  });

  it('messages are limited to the selected namespace', async () => {
    const byCluster = {
      west: [service('a', 'shop', { ports: [web(1)] }, 'west'), service('b', 'ops', { ports: [web(1)] }, 'west')],
      default: [service('a', 'shop', { ports: [web()] }, 'default'), service('b', 'ops', { ports: [web()] }, 'default')],
    };
    expect((await analyze(byCluster, 'shop')).messages.map((m) => m.args[0])).toEqual(['a']);
    // Ordered by istioctl's comparator Kind/name/namespace.
    expect((await analyze(byCluster, '')).messages.map((m) => m.args[0])).toEqual(['a', 'b']);
  });
});

describe('the port comparison (Go\'s corev1.ServicePort values, in name order)', () => {
  const differ = (a: JsonObject, b: JsonObject) =>
    findInconsistencies(
      new Map([
        ['default', service('s', 'n', a, 'default')],
        ['west', service('s', 'n', b, 'west')],
      ]),
    )?.reasons;

  it('port order does not matter; a port\'s fields do', () => {
    const p1 = { name: 'a', port: 1 };
    const p2 = { name: 'b', port: 2 };
    expect(differ({ ports: [p1, p2] }, { ports: [p2, p1] })).toBeUndefined();
    expect(differ({ ports: [p1, p2] }, { ports: [p1] })).toBe('service ports are inconsistent');
    expect(differ({ ports: [web()] }, { ports: [web(8080, { protocol: 'UDP' })] })).toBe('service ports are inconsistent');
    expect(differ({ ports: [web()] }, { ports: [web(8080, { appProtocol: 'http' })] })).toBe('service ports are inconsistent');
    expect(differ({ ports: [web()] }, { ports: [web(8080, { nodePort: 30000 })] })).toBe('service ports are inconsistent');
  });

  it('targetPort keeps its int-or-string form: 8080 and "8080" differ, absent is 0', () => {
    expect(differ({ ports: [{ name: 'a', port: 1, targetPort: 8080 }] }, { ports: [{ name: 'a', port: 1, targetPort: '8080' }] })).toBe('service ports are inconsistent');
    expect(differ({ ports: [{ name: 'a', port: 1, targetPort: 0 }] }, { ports: [{ name: 'a', port: 1 }] })).toBeUndefined();
    expect(differ({ ports: [{ name: 'a', port: 1, targetPort: 'web' }] }, { ports: [{ name: 'a', port: 1, targetPort: 'web' }] })).toBeUndefined();
  });

  it('fields Go\'s ServicePort does not have are ignored; type compares as written', () => {
    expect(differ({ ports: [{ name: 'a', port: 1, extra: 'x' }] }, { ports: [{ name: 'a', port: 1 }] })).toBeUndefined();
    expect(differ({ type: 'ClusterIP' }, {})).toBe('service type is inconsistent');
    expect(differ({ clusterIP: '10.0.0.1' }, { clusterIP: '10.9.9.9' })).toBeUndefined();
  });
});

describe('runtime objects of several clusters in one snapshot', () => {
  it('the same Service in two clusters is two resources; files overlay only the primary cluster', () => {
    const s = new Snapshot([K.Service]);
    s.add(service('cart', 'shop', { ports: [web(1)] }, 'west'));
    s.add(service('cart', 'shop', { ports: [web(2)] }, 'default'));
    s.add(service('cart', 'shop', { ports: [web(3)] }, 'default'));
    s.add(service('only-west', 'shop', {}, 'west'));
    expect(s.list(K.Service).map((r) => `${r.origin.cluster}:${r.name}`)).toEqual(['west:cart', 'default:cart', 'west:only-west']);
    expect(s.size).toBe(3);
    expect(s.remoteClusters).toEqual(['west']);
    // Lookups prefer the primary cluster and fall back to a remote one, as istioctl's Find searches every cluster.
    expect(s.get(K.Service, 'shop', 'cart')?.spec['ports']).toEqual([web(3)]);
    expect(s.get(K.Service, 'shop', 'only-west')?.origin.cluster).toBe('west');
  });

  it('other analyzers see remote runtime objects too; messages sort by cluster, then level and code', async () => {
    const r = await runAnalysis({
      sources: clusters({
        west: [namespaceObject('shop', 'west'), service('cart', 'shop', { ports: [{ name: 'web', port: 80 }] }, 'west')],
        default: [namespaceObject('shop', 'default'), service('cart', 'shop', { ports: [{ name: 'web', port: 81 }] }, 'default')],
      }),
      namespace: '',
      istioNamespace: 'istio-system',
      analyzerNames: ['services.MultiClusterServiceAnalyzer', 'service.PortNameAnalyzer'],
    });
    expect(log(r)).toEqual([
      'Warning [IST0170] [cluster-default] (Service shop/cart) The service cart in namespace "shop" is inconsistent across clusters ["default" "west"], which can lead to undefined behaviors. The inconsistent behaviors are: service ports are inconsistent.',
      "Info [IST0118] [cluster-default] (Service shop/cart) Port name web (port: 81, targetPort: 0) doesn't follow the naming convention of Istio port.",
      "Info [IST0118] [cluster-west] (Service shop/cart) Port name web (port: 80, targetPort: 0) doesn't follow the naming convention of Istio port.",
    ]);
  });

  it('one cluster only: the analyzer runs and reports nothing', async () => {
    const r = await analyze({ default: [service('cart', 'shop', { ports: [web()] }, 'default')] });
    expect(r.executed).toContain(multiClusterServiceAnalyzer.name);
    expect(r.messages).toEqual([]);
  });
});

describe('the cluster in each output format', () => {
  it('json and yaml get a "cluster" field, sarif a property; nothing without printCluster', async () => {
    const r = await analyze({
      west: [service('cart', 'shop', { ports: [web(9)] }, 'west')],
      default: [service('cart', 'shop', { ports: [web()] }, 'default')],
    });
    const json = JSON.parse(formatJson(r.messages, { printCluster: true })) as Array<Record<string, string>>;
    expect(Object.keys(json[0] ?? {})).toEqual(['cluster', 'code', 'documentationUrl', 'level', 'message', 'origin']);
    expect(json[0]?.['cluster']).toBe('default');
    expect(formatYaml(r.messages, { printCluster: true }).split('\n')[0]).toBe('- cluster: default');
    expect(formatJson(r.messages)).not.toContain('cluster"');
    const sarif = JSON.parse(formatSarif(r.messages, { name: 't', version: '0' }, { printCluster: true })) as { runs: Array<{ results: Array<{ properties?: unknown }> }> };
    expect(sarif.runs[0]?.results[0]?.properties).toEqual({ cluster: 'default' });
  });
});
