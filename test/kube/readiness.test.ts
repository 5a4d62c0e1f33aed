import { describe, expect, it } from 'vitest';
import { daemonSetReady, deploymentReady, labelSelectorString, newestReplicaSet, podFailureReason, statefulSetReady, versionFromImage, type KubeObject } from '../../src/kube/index.js';

const obj = (kind: string, rest: Record<string, unknown>, meta: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'apps/v1', kind, metadata: { name: 'x', namespace: 'ns', ...meta }, ...rest });

describe('readiness rules (istioctl)', () => {
  const template = { metadata: { labels: { app: 'a' } }, spec: { containers: [{ name: 'c', image: 'i:2' }] } };
  const deploy = obj('Deployment', { spec: { replicas: 2, template } }, { uid: 'd-uid' });
  const rs = (name: string, image: string, ready: number, revision: string) =>
    obj(
      'ReplicaSet',
      { spec: { template: { metadata: { labels: { app: 'a', 'pod-template-hash': name } }, spec: { containers: [{ name: 'c', image }] } } }, status: { readyReplicas: ready } },
      { name, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'x', uid: 'd-uid', controller: true }], annotations: { 'deployment.kubernetes.io/revision': revision } },
    );

  it('Deployment: the ReplicaSet matching the current template must have readyReplicas >= replicas', () => {
    const old = rs('old', 'i:1', 2, '1');
    const cur = rs('new', 'i:2', 1, '2');
    expect(newestReplicaSet(deploy, [old, cur])?.metadata.name).toBe('new');
    expect(deploymentReady(deploy, newestReplicaSet(deploy, [old, cur]))).toBe(false);
    expect(deploymentReady(deploy, rs('new', 'i:2', 2, '2'))).toBe(true);
    expect(deploymentReady(deploy, newestReplicaSet(deploy, [old]))).toBe(false);
    const foreign = { ...rs('new', 'i:2', 2, '2'), metadata: { name: 'new', ownerReferences: [] } };
    expect(newestReplicaSet(deploy, [foreign as KubeObject])).toBeUndefined();
  });

  it('DaemonSet: observed generation, desired > 0, all ready and updated (RollingUpdate by default)', () => {
    const ds = (status: Record<string, number>, gen = 1, strategy?: string) =>
      obj('DaemonSet', { spec: strategy ? { updateStrategy: { type: strategy } } : {}, status }, { generation: gen });
    expect(daemonSetReady(ds({ observedGeneration: 1, desiredNumberScheduled: 2, numberReady: 2, updatedNumberScheduled: 2 }))).toBe(true);
    expect(daemonSetReady(ds({ observedGeneration: 1, desiredNumberScheduled: 2, numberReady: 2, updatedNumberScheduled: 2 }, 2))).toBe(false);
    expect(daemonSetReady(ds({ observedGeneration: 1, desiredNumberScheduled: 0, numberReady: 0, updatedNumberScheduled: 0 }))).toBe(false);
    expect(daemonSetReady(ds({ observedGeneration: 1, desiredNumberScheduled: 2, numberReady: 1, updatedNumberScheduled: 2 }))).toBe(false);
    expect(daemonSetReady(ds({ observedGeneration: 1, desiredNumberScheduled: 2, numberReady: 0, updatedNumberScheduled: 2 }, 1, 'OnDelete'))).toBe(true);
  });

  it('StatefulSet: updated replicas equal replicas minus partition', () => {
    const sts = (spec: Record<string, unknown>, status: Record<string, number>) => obj('StatefulSet', { spec, status });
    expect(statefulSetReady(sts({ replicas: 3 }, { updatedReplicas: 3 }))).toBe(true);
    expect(statefulSetReady(sts({ replicas: 3, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1 } } }, { updatedReplicas: 2 }))).toBe(true);
    expect(statefulSetReady(sts({}, { updatedReplicas: 0 }))).toBe(false);
  });

  it('pod failure reasons as istioctl reports them, newest pod first', () => {
    const pod = (ts: string, status: Record<string, unknown>) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: ts, creationTimestamp: ts }, status }) as KubeObject;
    expect(
      podFailureReason([
        pod('2025-01-01T00:00:00Z', { containerStatuses: [{ state: { waiting: { reason: 'CrashLoopBackOff', message: 'old' } } }] }),
        pod('2025-01-02T00:00:00Z', { containerStatuses: [{ state: { waiting: { reason: 'ImagePullBackOff', message: 'Back-off pulling image "x"' } } }] }),
      ]),
    ).toBe('container failed to start: ImagePullBackOff: Back-off pulling image "x"');
    expect(podFailureReason([pod('t', { conditions: [{ type: 'Ready', status: 'False', message: 'readiness probe failed' }] })])).toBe('readiness probe failed');
    expect(podFailureReason([])).toBeUndefined();
  });

  it('selectors and image versions', () => {
    expect(labelSelectorString({ matchLabels: { app: 'istiod' }, matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['a', 'b'] }, { key: 'y', operator: 'DoesNotExist' }] })).toBe('app=istiod,x notin (a,b),!y');
    expect(versionFromImage('docker.io/istio/pilot:1.30.3-distroless')).toBe('1.30.3');
    expect(versionFromImage('localhost:5000/istio/pilot:1.31.0@sha256:abc')).toBe('1.31.0');
    expect(versionFromImage('localhost:5000/istio/pilot')).toBe('latest');
  });
});
