/**
 * verify-install (istioctl 1.23's StatusVerifier): every rendered object must exist, Deployments,
 * DaemonSets and Jobs must be healthy (istioctl's rollout rules), plus (sailctl) the rendered
 * fields whose live value differs — the drift column.
 */
import type { KubeClient } from '../kube/index.js';
import type { KubeObject } from '../kube/types.js';
import { liveObject } from './installer.js';
import { changedFields, stripForCompare } from './plan.js';
import type { InstallRender } from './render.js';
import { asDeactivated, defaultTagLive, defaultTagWebhook } from './webhooks.js';

type Obj = Record<string, unknown>;
const at = (o: unknown, ...path: string[]): unknown => path.reduce<unknown>((cur, k) => (cur && typeof cur === 'object' ? (cur as Obj)[k] : undefined), o);
const num = (v: unknown, d = 0): number => (typeof v === 'number' ? v : d);

/** Why a Deployment is not healthy (kubectl rollout status wording, as istioctl 1.23), or undefined. */
export function deploymentProblem(d: KubeObject): string | undefined {
  const conds = (at(d, 'status', 'conditions') ?? []) as Obj[];
  if (conds.some((c) => c['type'] === 'Progressing' && c['reason'] === 'ProgressDeadlineExceeded')) return `deployment "${d.metadata.name}" exceeded its progress deadline`;
  const replicas = num(at(d, 'spec', 'replicas'), 1);
  const updated = num(at(d, 'status', 'updatedReplicas'));
  const total = num(at(d, 'status', 'replicas'));
  const available = num(at(d, 'status', 'availableReplicas'));
  if (updated < replicas) return `waiting for deployment "${d.metadata.name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated`;
  if (total > updated) return `waiting for deployment "${d.metadata.name}" rollout to finish: ${total - updated} old replicas are pending termination`;
  if (available < updated) return `waiting for deployment "${d.metadata.name}" rollout to finish: ${available} of ${updated} updated replicas are available`;
  return undefined;
}

export function daemonSetProblem(ds: KubeObject): string | undefined {
  const ns = ds.metadata.namespace ?? '';
  const desired = num(at(ds, 'status', 'desiredNumberScheduled'));
  const scheduled = num(at(ds, 'status', 'currentNumberScheduled'));
  const ready = num(at(ds, 'status', 'numberReady'));
  if (scheduled < desired) return `DaemonSet is not ready: ${ns}/${ds.metadata.name}. ${scheduled} out of ${desired} expected pods have been scheduled`;
  if (desired > 0 && ready === 0) return `DaemonSet ${ns}/${ds.metadata.name} is not ready. Initializing, no pods are running`;
  if (ready < desired) return `DaemonSet ${ns}/${ds.metadata.name} is not ready. ${ready} out of ${desired} expected pods are ready`;
  return undefined;
}

export function jobProblem(job: KubeObject): string | undefined {
  const conds = (at(job, 'status', 'conditions') ?? []) as Obj[];
  if (conds.some((c) => c['type'] === 'Failed' && c['status'] === 'True')) return `the required Job ${job.metadata.namespace ?? ''}/${job.metadata.name} failed`;
  return undefined;
}

export interface VerifyResult {
  object: KubeObject;
  ok: boolean;
  problem?: string;
  /** rendered fields whose live value differs */
  drift: string[];
}

export interface VerifySummary {
  results: VerifyResult[];
  crds: number;
  deployments: number;
  daemonSets: number;
}

/** Fields the API server or controllers own and that never count as drift. */
function driftRelevant(path: string): boolean {
  return !path.startsWith('.metadata.annotations.deployment.kubernetes.io') && path !== '.metadata.namespace';
}

/**
 * What an install of this render leaves in the cluster: the rendered objects (the default
 * revision's injector deactivated when a default tag is live, as install leaves it) and, when
 * install would deploy them (istioctl's tag rules, see webhooks.ts), the default revision tag's
 * webhook, validator and Service, built as install builds them.
 */
export async function expectedObjects(client: KubeClient, render: InstallRender): Promise<KubeObject[]> {
  const rendered = [...render.components.values()].flat();
  const [tagLive, tag] = await Promise.all([
    defaultTagLive(client),
    render.components.has('Pilot') ? defaultTagWebhook(client, render, { dryRun: true, verify: true }) : Promise.resolve([]),
  ]);
  return [...(tagLive ? rendered.map(asDeactivated) : rendered), ...tag];
}

export async function verifyObjects(client: KubeClient, expected: readonly KubeObject[]): Promise<VerifySummary> {
  const results = await Promise.all(
    expected.map(async (o): Promise<VerifyResult> => {
      const live = await liveObject(client, o);
      if (!live) {
        const where = o.metadata.namespace ? ` in namespace "${o.metadata.namespace}"` : '';
        return { object: o, ok: false, problem: `${o.kind.toLowerCase()}s "${o.metadata.name}" not found${where}`, drift: [] };
      }
      const problem = o.kind === 'Deployment' ? deploymentProblem(live) : o.kind === 'DaemonSet' ? daemonSetProblem(live) : o.kind === 'Job' ? jobProblem(live) : undefined;
      const drift = changedFields(stripForCompare(o), live).filter(driftRelevant);
      return problem ? { object: o, ok: false, problem, drift } : { object: o, ok: true, drift };
    }),
  );
  const count = (k: string) => expected.filter((o) => o.kind === k).length;
  return { results, crds: count('CustomResourceDefinition'), deployments: count('Deployment'), daemonSets: count('DaemonSet') };
}

/** istioctl's lines plus the drift column; returns the text and whether everything passed. */
export function formatVerify(summary: VerifySummary, opts: { success: string; failure: string }): { text: string; failed: number } {
  const lines: string[] = [];
  let failed = 0;
  for (const r of summary.results) {
    const o = r.object;
    const name = `${o.kind}: ${o.metadata.name}.${o.metadata.namespace ?? ''}`;
    // Content before metadata: a changed spec or data matters more than a changed label.
    const shown = [...r.drift].sort((a, b) => Number(a.startsWith('.metadata')) - Number(b.startsWith('.metadata')));
    const drift = shown.length > 0 ? `    drift: ${shown.slice(0, 6).join(', ')}${shown.length > 6 ? `, ... (${shown.length - 6} more)` : ''}` : '';
    if (r.ok) lines.push(`${opts.success} ${name} checked successfully${drift}`);
    else {
      failed++;
      lines.push(`${opts.failure} ${name}: ${r.problem ?? 'failed'}${drift}`);
    }
  }
  lines.push(`Checked ${summary.crds} custom resource definitions`);
  lines.push(`Checked ${summary.deployments} Istio Deployments`);
  if (summary.daemonSets > 0) lines.push(`Checked ${summary.daemonSets} Istio Daemonsets`);
  return { text: lines.join('\n') + '\n', failed };
}
