import { afterEach, describe, expect, it } from 'vitest';
import { writeKubeconfig } from '../support/kubeconfig.js';
import { KubeClient } from '../../src/kube/client.js';
import type { KubeObject } from '../../src/kube/types.js';
import { applyWaves, installManifests } from '../../src/install/installer.js';
import { renderInstall } from '../../src/install/render.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';

const obj = (apiVersion: string, kind: string, name: string): KubeObject => ({ apiVersion, kind, metadata: { name } });

describe('applyWaves', () => {
  it('CRDs first, then Namespaces, then every other object in one wave, each in rendered order', () => {
    const sa = obj('v1', 'ServiceAccount', 'sa');
    const crdA = obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'a');
    const deploy = obj('apps/v1', 'Deployment', 'd');
    const ns = obj('v1', 'Namespace', 'n');
    const crdB = obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'b');
    const svc = obj('v1', 'Service', 's');
    expect(applyWaves([sa, crdA, deploy, ns, crdB, svc])).toEqual([[crdA, crdB], [ns], [sa, deploy, svc]]);
    expect(applyWaves([sa, svc])).toEqual([[sa, svc]]);
    expect(applyWaves([])).toEqual([]);
  });
});

describe('install against the test API server', () => {
  let server: KubeServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  async function clientFor(s: KubeServer): Promise<KubeClient> {
    return KubeClient.connect({ kubeconfig: writeKubeconfig(s.url), env: {}, timeoutMs: 5000, transport: { baseDelayMs: 5, maxDelayMs: 50 } });
  }

  const crdGets = (s: KubeServer) => s.requests.filter((q) => q.method === 'GET' && /\/customresourcedefinitions\/./.test(q.path));
  const patchedPaths = (s: KubeServer) => s.requests.filter((q) => q.method === 'PATCH').map((q) => q.path);

  it('a CRD Established in its apply answer is not fetched again; every CRD lands before any other object', async () => {
    server = await startKubeServer({ controllers: true });
    const client = await clientFor(server);
    try {
      const render = await renderInstall({ files: [], sets: [] });
      await installManifests(client, render, { readinessTimeoutMs: 10_000, pollIntervalMs: 10 });
    } finally {
      client.close();
    }
    expect(crdGets(server)).toEqual([]);
    const paths = patchedPaths(server);
    const lastCrd = paths.findLastIndex((p) => p.includes('/customresourcedefinitions/'));
    const firstOther = paths.findIndex((p) => !p.includes('/customresourcedefinitions/'));
    expect(lastCrd).toBeGreaterThan(0);
    expect(firstOther).toBeGreaterThan(lastCrd);
    expect(server.get('apps/v1', 'Deployment', 'istiod', 'istio-system')).toBeDefined();
    expect(server.get('admissionregistration.k8s.io/v1', 'MutatingWebhookConfiguration', 'istio-revision-tag-default')).toBeDefined();
  });

  it('a CRD whose apply answer is not Established yet is polled until it is', async () => {
    server = await startKubeServer({ controllers: true });
    const client = await clientFor(server);
    // An API server that answers the apply before its CRD controller has run.
    const apply = client.apply.bind(client);
    client.apply = async (o, opts) => {
      const live = await apply(o, opts);
      return o.kind === 'CustomResourceDefinition' ? { ...live, status: {} } : live;
    };
    try {
      const render = await renderInstall({ files: [], sets: [] });
      const crdCount = (render.components.get('Base') ?? []).filter((o) => o.kind === 'CustomResourceDefinition').length;
      await installManifests(client, render, { readinessTimeoutMs: 10_000, pollIntervalMs: 10 });
      expect(crdGets(server).length).toBeGreaterThanOrEqual(crdCount);
    } finally {
      client.close();
    }
  });
});
