/** listRemoteSecretValues: what istioctl reads as remote clusters, from a stand-in cluster reader. */
import { describe, expect, it } from 'vitest';
import { listRemoteSecretValues, type ClusterReader } from '../../src/analyze/cluster-source.js';
import type { KubeObject } from '../../src/kube/index.js';

function secret(name: string, data: Record<string, unknown> | undefined): KubeObject {
  return { apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'istio-system', labels: { 'istio/multiCluster': 'true' } }, ...(data ? { data } : {}) };
}
const b64 = (s: string) => Buffer.from(s).toString('base64');

function reader(items: KubeObject[], seen: unknown[]): ClusterReader {
  return {
    list: async (ref, opts) => {
      seen.push({ ref, opts });
      return items;
    },
    get: async () => undefined,
    findMapping: async () => undefined,
  } as ClusterReader;
}

describe('listRemoteSecretValues', () => {
  it('lists the labelled Secrets of the Istio namespace and decodes every value, in secret then key order', async () => {
    const seen: unknown[] = [];
    const values = await listRemoteSecretValues(
      reader([secret('istio-remote-secret-z', { b: b64('kz-b'), a: b64('kz-a') }), secret('istio-remote-secret-a', { only: b64('ka') })], seen),
      'mesh-system',
    );
    expect(seen).toEqual([{ ref: { apiVersion: 'v1', kind: 'Secret' }, opts: { namespace: 'mesh-system', labelSelector: 'istio/multiCluster=true' } }]);
    expect(values.map((v) => [v.origin, v.text])).toEqual([
      ['secret istio-system/istio-remote-secret-a, key only', 'ka'],
      ['secret istio-system/istio-remote-secret-z, key a', 'kz-a'],
      ['secret istio-system/istio-remote-secret-z, key b', 'kz-b'],
    ]);
    expect(values[0]).toMatchObject({ secret: 'istio-system/istio-remote-secret-a', key: 'only' });
  });

  it('a secret without data gives nothing; a non-string value is empty text (then a malformed kubeconfig)', async () => {
    const values = await listRemoteSecretValues(reader([secret('empty', undefined), secret('odd', { k: 42 })], []), 'istio-system');
    expect(values).toEqual([{ secret: 'istio-system/odd', key: 'k', text: '', origin: 'secret istio-system/odd, key k' }]);
  });

  it('a failed list is thrown for the caller to decide', async () => {
    const failing = { ...reader([], []), list: async () => Promise.reject(new Error('forbidden')) } as ClusterReader;
    await expect(listRemoteSecretValues(failing, 'istio-system')).rejects.toThrow('forbidden');
  });
});
