/**
 * Readiness of installed objects, with istioctl's rules (operator/pkg/install/wait.go):
 * CRD Established, Namespace Active, Deployment: its newest ReplicaSet has readyReplicas >=
 * spec.replicas, DaemonSet and StatefulSet by their rollout status fields. Pure functions over
 * objects; `waitForReady` polls them through the client.
 */
import type { KubeClient } from './client.js';
import { objectId, type KubeObject } from './types.js';

type Obj = Record<string, unknown>;
const at = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((cur, k) => (cur && typeof cur === 'object' ? (cur as Obj)[k] : undefined), o);
const num = (v: unknown, dflt = 0): number => (typeof v === 'number' ? v : dflt);

export function conditionTrue(o: unknown, type: string): boolean {
  const conds = at(o, 'status', 'conditions');
  return Array.isArray(conds) && conds.some((c: Obj) => c['type'] === type && c['status'] === 'True');
}

export function crdEstablished(crd: KubeObject): boolean {
  return conditionTrue(crd, 'Established');
}

export function namespaceActive(ns: KubeObject): boolean {
  return at(ns, 'status', 'phase') === 'Active';
}

/** The ReplicaSet a Deployment controls whose pod template equals the Deployment's (ignoring pod-template-hash), newest first. */
export function newestReplicaSet(deploy: KubeObject, replicaSets: readonly KubeObject[]): KubeObject | undefined {
  const uid = deploy.metadata.uid;
  const owned = replicaSets.filter((rs) => (rs.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.controller !== false));
  const template = normalizeTemplate(at(deploy, 'spec', 'template'));
  const same = owned.filter((rs) => normalizeTemplate(at(rs, 'spec', 'template')) === template);
  const pool = same.length > 0 ? same : [];
  return pool.sort((a, b) => revision(b) - revision(a) || String(b.metadata.creationTimestamp ?? '').localeCompare(String(a.metadata.creationTimestamp ?? '')))[0];
}

function revision(rs: KubeObject): number {
  return Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
}

function normalizeTemplate(t: unknown): string {
  const copy = JSON.parse(JSON.stringify(t ?? {})) as Obj;
  const labels = at(copy, 'metadata', 'labels');
  if (labels && typeof labels === 'object') delete (labels as Obj)['pod-template-hash'];
  return stableStringify(copy);
}

function stableStringify(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableStringify).join(',')}]`;
  if (v && typeof v === 'object') {
    return `{${Object.keys(v as Obj)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableStringify((v as Obj)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

export function deploymentReady(deploy: KubeObject, newest: KubeObject | undefined): boolean {
  if (!newest) return false;
  return num(at(newest, 'status', 'readyReplicas')) >= num(at(deploy, 'spec', 'replicas'), 1);
}

export function daemonSetReady(ds: KubeObject): boolean {
  if (num(at(ds, 'status', 'observedGeneration')) !== num(ds.metadata.generation)) return false;
  const strategy = (at(ds, 'spec', 'updateStrategy', 'type') as string | undefined) ?? 'RollingUpdate';
  const desired = num(at(ds, 'status', 'desiredNumberScheduled'));
  const updated = num(at(ds, 'status', 'updatedNumberScheduled'));
  if (strategy === 'OnDelete') return updated === desired;
  return desired > 0 && num(at(ds, 'status', 'numberReady')) >= desired && updated === desired;
}

export function statefulSetReady(sts: KubeObject): boolean {
  const strategy = (at(sts, 'spec', 'updateStrategy', 'type') as string | undefined) ?? 'RollingUpdate';
  if (strategy === 'OnDelete') return num(at(sts, 'status', 'updatedReplicas')) === num(at(sts, 'status', 'replicas'));
  const replicas = num(at(sts, 'spec', 'replicas'), 1);
  const partition = num(at(sts, 'spec', 'updateStrategy', 'rollingUpdate', 'partition'));
  return num(at(sts, 'status', 'updatedReplicas')) === replicas - partition;
}

export function podReady(pod: KubeObject): boolean {
  return conditionTrue(pod, 'Ready');
}

/** Why a workload's newest pod is not ready, as istioctl reports it (waiting reason, or the Ready condition's message). */
export function podFailureReason(pods: readonly KubeObject[]): string | undefined {
  const sorted = [...pods].sort((a, b) => String(b.metadata.creationTimestamp ?? '').localeCompare(String(a.metadata.creationTimestamp ?? '')));
  for (const pod of sorted) {
    const statuses = (at(pod, 'status', 'containerStatuses') ?? []) as Obj[];
    for (const cs of statuses) {
      const waiting = at(cs, 'state', 'waiting') as Obj | undefined;
      if (waiting) return `container failed to start: ${String(waiting['reason'] ?? '')}: ${String(waiting['message'] ?? '')}`;
    }
    const conds = (at(pod, 'status', 'conditions') ?? []) as Obj[];
    const ready = conds.find((c) => c['type'] === 'Ready');
    if (ready && ready['status'] === 'False') return String(ready['message'] ?? '');
  }
  return undefined;
}

export interface NotReady {
  /** "Deployment/istio-system/istiod" */
  id: string;
  reason?: string;
}

export interface ReadinessReport {
  ready: boolean;
  notReady: NotReady[];
}

function selectorString(sel: unknown): string {
  const ml = (at(sel, 'matchLabels') ?? {}) as Record<string, string>;
  const parts = Object.entries(ml).map(([k, v]) => `${k}=${v}`);
  for (const e of (at(sel, 'matchExpressions') ?? []) as Obj[]) {
    const key = String(e['key']);
    const values = ((e['values'] ?? []) as string[]).join(',');
    switch (e['operator']) {
      case 'In':
        parts.push(`${key} in (${values})`);
        break;
      case 'NotIn':
        parts.push(`${key} notin (${values})`);
        break;
      case 'Exists':
        parts.push(key);
        break;
      case 'DoesNotExist':
        parts.push(`!${key}`);
        break;
    }
  }
  return parts.join(',');
}

function listReplicaSets(client: KubeClient, namespace: string | undefined): Promise<KubeObject[]> {
  return client.list({ apiVersion: 'apps/v1', kind: 'ReplicaSet' }, { namespace });
}

/** Checks the given (rendered) objects once against the cluster. */
export async function checkReadiness(client: KubeClient, objects: readonly KubeObject[]): Promise<ReadinessReport> {
  const notReady: NotReady[] = [];
  await Promise.all(
    objects.map(async (o) => {
      const kind = o.kind;
      if (!['CustomResourceDefinition', 'Namespace', 'Deployment', 'DaemonSet', 'StatefulSet'].includes(kind)) return;
      // A Deployment's ReplicaSets are listed beside its GET (one round trip, not two) when its
      // namespace is known up front; the list's own failure matters only if the Deployment exists.
      const replicaSets = kind === 'Deployment' && o.metadata.namespace ? listReplicaSets(client, o.metadata.namespace) : undefined;
      replicaSets?.catch(() => undefined);
      const live = await client.get(o, o.metadata.name, o.metadata.namespace);
      const id = objectId(live ?? o);
      if (!live) {
        notReady.push({ id, reason: 'not found' });
        return;
      }
      let ok = true;
      if (kind === 'CustomResourceDefinition') ok = crdEstablished(live);
      else if (kind === 'Namespace') ok = namespaceActive(live);
      else if (kind === 'DaemonSet') ok = daemonSetReady(live);
      else if (kind === 'StatefulSet') ok = statefulSetReady(live);
      else {
        const rss = await (replicaSets ?? listReplicaSets(client, live.metadata.namespace));
        ok = deploymentReady(live, newestReplicaSet(live, rss));
      }
      if (ok) return;
      let reason: string | undefined;
      if (kind === 'Deployment' || kind === 'DaemonSet' || kind === 'StatefulSet') {
        const pods = await client.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: live.metadata.namespace, labelSelector: selectorString(at(live, 'spec', 'selector')) });
        reason = podFailureReason(pods);
      }
      notReady.push(reason ? { id, reason } : { id });
    }),
  );
  notReady.sort((a, b) => a.id.localeCompare(b.id));
  return { ready: notReady.length === 0, notReady };
}

export interface WaitOptions {
  timeoutMs: number;
  intervalMs?: number;
  onWaiting?: (notReady: readonly NotReady[]) => void;
  sleep?: (ms: number) => Promise<void>;
}

/** Polls until everything is ready or the timeout passes; returns the last report. */
export async function waitForReady(client: KubeClient, objects: readonly KubeObject[], opts: WaitOptions): Promise<ReadinessReport> {
  const deadline = Date.now() + opts.timeoutMs;
  const sleep = opts.sleep ?? ((ms: number) => new Promise((r) => setTimeout(r, ms)));
  for (;;) {
    const report = await checkReadiness(client, objects);
    if (report.ready || Date.now() >= deadline) return report;
    opts.onWaiting?.(report.notReady);
    await sleep(Math.min(opts.intervalMs ?? 2000, Math.max(0, deadline - Date.now())));
  }
}

export { selectorString as labelSelectorString };
