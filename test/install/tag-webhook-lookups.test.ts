/**
 * The default-tag step reads every MutatingWebhookConfiguration with one list and tells the tag,
 * the revision's own injector and the default revision's injector apart on the client, with the
 * selectors istioctl sends to the server (`app=sidecar-injector,istio.io/tag=default`,
 * `istio.io/rev=REV,!istio.io/tag`). Each case below also asks the test API server those
 * selectors, so the client-side answer is checked against a server-side one.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { KubeClient } from '../../src/kube/client.js';
import type { KubeObject } from '../../src/kube/types.js';
import { renderInstall, type InstallRender } from '../../src/install/render.js';
import { defaultTagWebhook, NEVER_MATCH } from '../../src/install/webhooks.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';
import type { JsonObject } from '../support/kube-server/fields.js';

const ADM = 'admissionregistration.k8s.io/v1';
const MWC = { apiVersion: ADM, kind: 'MutatingWebhookConfiguration' };

function injector(name: string, labels: Record<string, string>, service: string): JsonObject {
  return {
    apiVersion: ADM,
    kind: 'MutatingWebhookConfiguration',
    metadata: { name, labels },
    webhooks: [
      {
        name: 'rev.namespace.sidecar-injector.istio.io',
        clientConfig: { service: { name: service, namespace: 'istio-system', path: '/inject' } },
        sideEffects: 'None',
        admissionReviewVersions: ['v1'],
        namespaceSelector: { matchLabels: { 'istio-injection': 'enabled' } },
      },
    ],
  };
}

const DEFAULT_INJECTOR = injector('istio-sidecar-injector', { app: 'sidecar-injector', 'istio.io/rev': 'default' }, 'istiod');
const CANARY_INJECTOR = injector('istio-sidecar-injector-canary', { app: 'sidecar-injector', 'istio.io/rev': 'canary' }, 'istiod-canary');
const TAG_TO_CANARY = injector('istio-revision-tag-default', { app: 'sidecar-injector', 'istio.io/rev': 'canary', 'istio.io/tag': 'default' }, 'istiod-canary');
// Another tag (not "default") on the default revision: neither the default tag nor an injector of its own.
const PROD_TAG = injector('istio-revision-tag-prod', { app: 'sidecar-injector', 'istio.io/rev': 'default', 'istio.io/tag': 'prod' }, 'istiod');
const UNRELATED = injector('other-mutator', {}, 'other');

let defaultRender: InstallRender;
let canaryRender: InstallRender;
beforeAll(async () => {
  [defaultRender, canaryRender] = await Promise.all([renderInstall({ files: [], sets: [] }), renderInstall({ files: [], sets: ['revision=canary'] })]);
}, 60_000);

describe('default tag step: one list of the webhook configurations', () => {
  let server: KubeServer | undefined;
  let client: KubeClient | undefined;
  afterEach(async () => {
    client?.close();
    await server?.stop();
    server = client = undefined;
  });

  async function clusterWith(...objects: JsonObject[]): Promise<{ server: KubeServer; client: KubeClient }> {
    server = await startKubeServer({ controllers: true });
    for (const o of objects) server.seed(o);
    client = KubeClient.connect({ kubeconfig: writeKubeconfig(server.url), env: {}, timeoutMs: 10_000 });
    return { server, client };
  }

  const mwcLists = (s: KubeServer) => s.requests.filter((q) => q.method === 'GET' && q.path.endsWith('/mutatingwebhookconfigurations'));
  const patches = (s: KubeServer) => s.requests.filter((q) => q.method === 'PATCH').map((q) => q.path.split('/').at(-1));
  const names = (objs: readonly KubeObject[]) => objs.map((o) => `${o.kind}/${o.metadata.name}`);
  const serverSide = async (c: KubeClient, labelSelector: string) => (await c.list(MWC, { labelSelector })).map((o) => o.metadata.name);

  it('a default install: the default revision injector is the canonical one and is deactivated; another tag does not count', async () => {
    const { server, client } = await clusterWith(DEFAULT_INJECTOR, CANARY_INJECTOR, PROD_TAG, UNRELATED);
    const objs = await defaultTagWebhook(client, defaultRender, { dryRun: false });
    expect(mwcLists(server).map((q) => q.query.get('labelSelector'))).toEqual([null]);
    expect(names(objs)).toEqual(['MutatingWebhookConfiguration/istio-revision-tag-default', 'ValidatingWebhookConfiguration/istiod-default-validator', 'Service/istiod-revision-tag-default']);
    // built from istio-sidecar-injector (the only `istio.io/rev=default,!istio.io/tag` one)
    expect(await serverSide(client, 'istio.io/rev=default,!istio.io/tag')).toEqual(['istio-sidecar-injector']);
    const hooks = objs[0]!['webhooks'] as Array<{ clientConfig: unknown }>;
    expect(hooks.every((h) => JSON.stringify(h.clientConfig) === JSON.stringify({ service: { name: 'istiod', namespace: 'istio-system', path: '/inject' } }))).toBe(true);
    expect(patches(server)).toEqual(['istio-sidecar-injector']);
    const deactivated = server.get(ADM, 'MutatingWebhookConfiguration', 'istio-sidecar-injector')!;
    expect((deactivated['webhooks'] as JsonObject[])[0]).toMatchObject({ namespaceSelector: NEVER_MATCH, objectSelector: NEVER_MATCH });
    // the other tag and the unrelated webhook are untouched
    expect(server.get(ADM, 'MutatingWebhookConfiguration', 'istio-revision-tag-prod')).toEqual(expect.objectContaining({ webhooks: PROD_TAG['webhooks'] }));
  });

  it('a canary install beside a default tag: no tag objects, nothing patched', async () => {
    const { server, client } = await clusterWith(DEFAULT_INJECTOR, CANARY_INJECTOR, TAG_TO_CANARY, UNRELATED);
    expect(await serverSide(client, 'app=sidecar-injector,istio.io/tag=default')).toEqual(['istio-revision-tag-default']);
    expect(await defaultTagWebhook(client, canaryRender, { dryRun: false })).toEqual([]);
    expect(patches(server)).toEqual([]);
  });

  it('a canary install where only another tag exists: the tag is built from the canary injector and the default injector is deactivated', async () => {
    const { server, client } = await clusterWith(DEFAULT_INJECTOR, CANARY_INJECTOR, PROD_TAG);
    expect(await serverSide(client, 'app=sidecar-injector,istio.io/tag=default')).toEqual([]);
    const objs = await defaultTagWebhook(client, canaryRender, { dryRun: false });
    expect(objs[0]?.metadata.labels?.['istio.io/rev']).toBe('canary');
    expect(JSON.stringify((objs[0]!['webhooks'] as Array<{ clientConfig: unknown }>)[0]!.clientConfig)).toContain('istiod-canary');
    expect(patches(server)).toEqual(['istio-sidecar-injector']);
  });

  it('dry-run and verify read the same list and patch nothing', async () => {
    const { server, client } = await clusterWith(DEFAULT_INJECTOR, CANARY_INJECTOR);
    expect(names(await defaultTagWebhook(client, canaryRender, { dryRun: true }))).toHaveLength(3);
    expect(names(await defaultTagWebhook(client, canaryRender, { dryRun: false, verify: true }))).toHaveLength(3);
    expect(patches(server)).toEqual([]);
    expect(mwcLists(server)).toHaveLength(2);
  });

  it('two injectors for the revision: the rendered one is used, as when the server filtered', async () => {
    const twin = injector('istio-sidecar-injector-canary-2', { app: 'sidecar-injector', 'istio.io/rev': 'canary' }, 'elsewhere');
    const { client } = await clusterWith(CANARY_INJECTOR, twin);
    expect(await serverSide(client, 'istio.io/rev=canary,!istio.io/tag')).toHaveLength(2);
    const objs = await defaultTagWebhook(client, canaryRender, { dryRun: true });
    expect(JSON.stringify(objs[0]!['webhooks'])).not.toContain('elsewhere');
    const rendered = (canaryRender.components.get('Pilot') ?? []).find((o) => o.kind === 'MutatingWebhookConfiguration')!;
    const renderedService = ((rendered['webhooks'] as Array<{ clientConfig: { service?: { name?: string } } }>)[0]!.clientConfig.service?.name);
    expect(JSON.stringify(objs[0]!['webhooks'])).toContain(`"name":"${renderedService}"`);
  });
});
