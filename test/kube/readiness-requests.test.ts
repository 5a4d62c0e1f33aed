import { describe, expect, it } from 'vitest';
import { checkReadiness, type KubeClient, type KubeObject } from '../../src/kube/index.js';

/**
 * checkReadiness against a scripted client: which requests it makes, in what overlap, and that
 * asking for a Deployment and its ReplicaSets at once does not change any answer.
 */
type Ref = { apiVersion: string; kind: string };
interface Call {
  verb: 'get' | 'list';
  kind: string;
  namespace: string | undefined;
  labelSelector?: string | undefined;
  /** how many earlier calls had already been answered when this one was made */
  answeredBefore: number;
}

function scriptedClient(answers: {
  get?: (kind: string, name: string) => KubeObject | undefined | Error;
  list?: (kind: string) => KubeObject[] | Error;
}): { client: KubeClient; calls: Call[] } {
  const calls: Call[] = [];
  let answered = 0;
  // Every answer arrives on a later macrotask, as a network answer would.
  const later = <T>(v: T | Error): Promise<T> =>
    new Promise((resolve, reject) =>
      setTimeout(() => {
        answered++;
        if (v instanceof Error) reject(v);
        else resolve(v);
      }, 1),
    );
  const client = {
    get(ref: Ref, name: string, namespace?: string) {
      calls.push({ verb: 'get', kind: ref.kind, namespace, answeredBefore: answered });
      return later(answers.get?.(ref.kind, name));
    },
    list(ref: Ref, opts: { namespace?: string; labelSelector?: string } = {}) {
      calls.push({ verb: 'list', kind: ref.kind, namespace: opts.namespace, labelSelector: opts.labelSelector, answeredBefore: answered });
      return later(answers.list?.(ref.kind) ?? []);
    },
  } as unknown as KubeClient;
  return { client, calls };
}

const template = { metadata: { labels: { app: 'istiod' } }, spec: { containers: [{ name: 'discovery', image: 'pilot:2' }] } };
const rendered: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'istiod', namespace: 'istio-system' }, spec: { replicas: 1, selector: { matchLabels: { app: 'istiod' } }, template } };
const live: KubeObject = { ...rendered, metadata: { ...rendered.metadata, uid: 'd-uid' } };
const replicaSet = (name: string, image: string, ready: number, revision: string): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name,
    namespace: 'istio-system',
    annotations: { 'deployment.kubernetes.io/revision': revision },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'istiod', uid: 'd-uid', controller: true }],
  },
  spec: { template: { ...template, metadata: { labels: { app: 'istiod', 'pod-template-hash': name } }, spec: { containers: [{ name: 'discovery', image }] } } },
  status: { readyReplicas: ready },
});
const pod = (created: string, reason: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `istiod-${created}`, namespace: 'istio-system', creationTimestamp: created },
  status: { containerStatuses: [{ state: { waiting: { reason, message: `${reason} message` } } }] },
});

describe('checkReadiness requests', () => {
  it("lists a Deployment's ReplicaSets in the same round trip as its GET", async () => {
    const { client, calls } = scriptedClient({ get: () => live, list: () => [replicaSet('new', 'pilot:2', 1, '2')] });
    expect(await checkReadiness(client, [rendered])).toEqual({ ready: true, notReady: [] });
    expect(calls.map((c) => `${c.verb} ${c.kind} ${c.namespace}`)).toEqual(['list ReplicaSet istio-system', 'get Deployment istio-system']);
    // both went out before either was answered
    expect(calls.every((c) => c.answeredBefore === 0)).toBe(true);
  });

  it("still judges by the newest ReplicaSet of the current template and names its newest pod's reason", async () => {
    const { client, calls } = scriptedClient({
      get: () => live,
      list: (kind) =>
        kind === 'ReplicaSet'
          ? [replicaSet('old', 'pilot:1', 1, '1'), replicaSet('new', 'pilot:2', 0, '2')]
          : [pod('2025-01-01T00:00:00Z', 'CrashLoopBackOff'), pod('2025-01-02T00:00:00Z', 'ImagePullBackOff')],
    });
    expect(await checkReadiness(client, [rendered])).toEqual({
      ready: false,
      notReady: [{ id: 'Deployment/istio-system/istiod', reason: 'container failed to start: ImagePullBackOff: ImagePullBackOff message' }],
    });
    expect(calls.at(-1)).toMatchObject({ verb: 'list', kind: 'Pod', namespace: 'istio-system', labelSelector: 'app=istiod' });
  });

  it('a missing Deployment is "not found" even when its ReplicaSets cannot be listed', async () => {
    const { client } = scriptedClient({ get: () => undefined, list: () => new Error('replicasets forbidden') });
    expect(await checkReadiness(client, [rendered])).toEqual({ ready: false, notReady: [{ id: 'Deployment/istio-system/istiod', reason: 'not found' }] });
  });

  it('an existing Deployment whose ReplicaSets cannot be listed fails the check with that error', async () => {
    const { client } = scriptedClient({ get: () => live, list: () => new Error('replicasets forbidden') });
    await expect(checkReadiness(client, [rendered])).rejects.toThrow('replicasets forbidden');
  });

  it('the GET error wins when both fail, as when they went one after the other', async () => {
    const { client } = scriptedClient({ get: () => new Error('deployments forbidden'), list: () => new Error('replicasets forbidden') });
    await expect(checkReadiness(client, [rendered])).rejects.toThrow('deployments forbidden');
  });

  it('a Deployment rendered without a namespace lists ReplicaSets in the namespace the GET answered from', async () => {
    const { client, calls } = scriptedClient({ get: () => live, list: () => [replicaSet('new', 'pilot:2', 1, '2')] });
    const noNamespace: KubeObject = { ...rendered, metadata: { name: 'istiod' } };
    expect((await checkReadiness(client, [noNamespace])).ready).toBe(true);
    expect(calls.map((c) => `${c.verb} ${c.kind} ${c.namespace}`)).toEqual(['get Deployment undefined', 'list ReplicaSet istio-system']);
  });
});
