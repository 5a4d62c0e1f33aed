/**
 * Applies an InstallRender to a cluster as istioctl's installer does: the system namespace, then
 * components concurrently behind the dependency gates (Base -> {Cni, Pilot}; Pilot -> gateways;
 * Cni -> Ztunnel), each component's objects server-side applied in rendered order and then waited
 * for (CRDs Established is part of Base's wait, so Pilot starts only on established CRDs), the
 * default revision tag webhook, and prune (listed at the start, deleted once all of that has
 * succeeded). Re-running converges: apply is idempotent and an interrupted install is completed
 * by the next run. Progress goes to `events`; nothing prints here.
 */
import { SailError } from '../errors.js';
import type { ComponentName } from '../operator/translate.js';
import type { KubeClient, NotReady } from '../kube/index.js';
import type { KubeObject } from '../kube/types.js';
import { formatDuration } from '../util/duration.js';
import { gvkString, PRUNE_KINDS } from './kinds.js';
import { COMPONENT_DISPLAY_NAMES, COMPONENT_LABEL, planInstall, runGated, selectorFor, selectPrune, type PlanEntry } from './plan.js';
import type { InstallRender } from './render.js';
import { asDeactivated, defaultTagLive, defaultTagWebhook } from './webhooks.js';
import { checkWebhooks } from './webhook-conflicts.js';

export interface InstallEvents {
  componentStarted?(c: ComponentName): void;
  componentWaiting?(c: ComponentName, notReady: readonly NotReady[]): void;
  componentFinished?(c: ComponentName): void;
  componentFailed?(c: ComponentName, message: string): void;
  pruning?(): void;
  /** one line istioctl would print (e.g. "  Removed apps/v1, Kind=Deployment/x.ns.") */
  log?(line: string): void;
  /** a warning istioctl prints on its error stream */
  warn?(line: string): void;
}

export interface InstallOptions {
  readinessTimeoutMs: number;
  /** read-only answers requested before the render finished (startEarlyReads); fresh requests otherwise */
  early?: EarlyReads | undefined;
  /** --force: a webhook conflict is reported and the install goes on, as istioctl does */
  force?: boolean;
  pollIntervalMs?: number;
  events?: InstallEvents;
}

export class ComponentNotReadyError extends SailError {
  constructor(
    readonly component: ComponentName,
    readonly notReady: readonly NotReady[],
    timeoutMs: number,
  ) {
    super('TIMEOUT', `failed to wait for resource: resources not ready after ${formatDuration(timeoutMs)}: context deadline exceeded\n${notReady.map((n) => `  ${n.id}${n.reason ? ` (${n.reason})` : ''}`).join('\n')}`);
  }
}

/** The live copy of a rendered object, or undefined (also when its kind is not served yet, e.g. before its CRD). */
export async function liveObject(client: KubeClient, o: KubeObject): Promise<KubeObject | undefined> {
  const m = await client.findMapping(o);
  if (!m) return undefined;
  return client.get(o, o.metadata.name, o.metadata.namespace);
}

/** The objects of this installation that the new render no longer has. */
export async function findPrunable(client: KubeClient, render: InstallRender): Promise<KubeObject[]> {
  const selector = `${selectorFor(render.labelsFor())},${COMPONENT_LABEL}`;
  const live = await client.listByLabel(PRUNE_KINDS, selector);
  return selectPrune(live, render.components, (c) => render.labelsFor(c));
}

/** --dry-run: what install would do, reading the cluster only. */
export async function planAgainstCluster(client: KubeClient, render: InstallRender): Promise<PlanEntry[]> {
  const all = [...render.components.values()].flat();
  const [live, tagLive, prune] = await Promise.all([Promise.all(all.map((o) => liveObject(client, o))), defaultTagLive(client), findPrunable(client, render)]);
  const byObject = new Map(all.map((o, i) => [o, live[i]]));
  // Install deactivates the default injector again after applying it: that is no change.
  const expected = new Map([...render.components].map(([c, objs]) => [c, tagLive ? objs.map((o) => { const d = asDeactivated(o); byObject.set(d, byObject.get(o)); return d; }) : objs]));
  return planInstall(expected, (o) => byObject.get(o), prune);
}

const NAMESPACE = { apiVersion: 'v1', kind: 'Namespace' } as const;
const MUTATING_WEBHOOKS = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration' } as const;

/**
 * Reads every install makes before its first write, whatever the render says, so that they can be
 * sent while it runs: the webhook precheck's list and the system namespace's GET (for the namespace
 * an install usually targets; another one is read when the render names it). Nothing here writes,
 * and a failure is reported only when the answer is used, after the render.
 */
export interface EarlyReads {
  webhookConfigs: Promise<KubeObject[]>;
  namespace: { name: string; live: Promise<KubeObject | undefined> };
}

export function startEarlyReads(client: KubeClient, namespace = 'istio-system'): EarlyReads {
  const webhookConfigs = client.list(MUTATING_WEBHOOKS);
  const live = client.get(NAMESPACE, namespace);
  webhookConfigs.catch(() => undefined);
  live.catch(() => undefined);
  return { webhookConfigs, namespace: { name: namespace, live } };
}

async function ensureNamespace(client: KubeClient, name: string, network: string | undefined, early: EarlyReads | undefined): Promise<void> {
  const ref = NAMESPACE;
  const live = early?.namespace.name === name ? early.namespace.live : client.get(ref, name);
  if (await live) return;
  try {
    await client.create({ ...ref, metadata: { name, labels: network ? { 'topology.istio.io/network': network } : {} } });
  } catch (e) {
    // Another run (or a controller) created it in between: that is what we wanted.
    if ((e as { status?: number }).status === 409) return;
    throw e;
  }
}

/**
 * A component's objects as apply waves: CRDs first (the rest may be their custom resources), then
 * Namespaces (the rest may live in them), then everything else at once. The API server accepts
 * the other objects in any order (a ServiceAccount or ConfigMap a Deployment names may arrive
 * after it: its controllers retry), so they need not queue behind each other; each wave keeps
 * rendered order.
 */
export function applyWaves(objects: readonly KubeObject[]): KubeObject[][] {
  const crds = objects.filter((o) => o.kind === 'CustomResourceDefinition' && o.apiVersion.startsWith('apiextensions.k8s.io/'));
  const namespaces = objects.filter((o) => o.apiVersion === 'v1' && o.kind === 'Namespace');
  const rest = objects.filter((o) => !crds.includes(o) && !namespaces.includes(o));
  return [crds, namespaces, rest].filter((w) => w.length > 0);
}

/**
 * Looks up the REST mapping of every rendered kind at once, so the applies that follow do not each
 * wait for discovery of their group-version in turn. Failures are left for the apply to report.
 */
async function prefetchMappings(client: KubeClient, objects: readonly KubeObject[]): Promise<void> {
  const kinds = new Map(objects.map((o) => [`${o.apiVersion}/${o.kind}`, { apiVersion: o.apiVersion, kind: o.kind }]));
  await Promise.all([...kinds.values()].map((k) => client.findMapping(k).catch(() => undefined)));
}

/**
 * Asks discovery, all at once, for the group-versions every install reads (the kinds prune lists,
 * CRDs): called before the render, these round trips happen while it runs. Failures are left for
 * the real requests to report.
 */
export function warmDiscovery(client: KubeClient): void {
  for (const k of [...PRUNE_KINDS, { apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' }]) client.findMapping(k).catch(() => undefined);
}

/** istioctl's webhook precheck: an overlap fails the install unless --force (then it is a warning). */
export async function checkWebhooksBeforeInstall(client: KubeClient, render: InstallRender, opts: Pick<InstallOptions, 'force' | 'events' | 'early'>): Promise<void> {
  if (!render.components.has('Pilot')) return;
  const live = await (opts.early?.webhookConfigs ?? client.list(MUTATING_WEBHOOKS));
  const check = checkWebhooks(render, live);
  if (check.conflicts.length > 0) {
    const message = `creating default tag would conflict:\n${check.conflicts.join('\n')}`;
    if (!opts.force) {
      throw new SailError('CONFLICT', `failed to install manifests: ${message}`, { hint: 'remove or fix the overlapping webhooks (sailctl analyze shows them), or pass --force to install anyway' });
    }
    opts.events?.warn?.(`invalid webhook configs; continuing because of --force: ${message}`);
  }
  if (check.notice) opts.events?.log?.(check.notice);
}

export async function installManifests(client: KubeClient, render: InstallRender, opts: InstallOptions): Promise<void> {
  const ev = opts.events ?? {};
  const network = (render.iop['spec'] as { values?: { global?: { network?: unknown } } } | undefined)?.values?.global?.network;
  // The prune listing goes out now, beside the first reads, so that its answers are in before the
  // components are ready; only the deleting waits for them (below). Listing before the applies
  // selects what istioctl's listing after them selects, because selectPrune keeps every object
  // that any component of the new render has: the applies change labels only on rendered objects
  // (kept either way, whatever component label they were listed under) and create only rendered
  // objects (kept, so missing them changes nothing); an object no component renders is untouched
  // by the install and looks the same at both times. The tag webhook step writes objects labelled
  // not-pruned, which prune never selects. A kind not served yet (EnvoyFilter before its CRD on
  // a fresh cluster) lists as empty, and nothing of it can exist to prune.
  const prunable = findPrunable(client, render);
  // Reported where it is used: a failed install never gets there.
  prunable.catch(() => undefined);
  // Independent reads and one create: the namespace, the webhook precheck and discovery go together.
  await Promise.all([
    ensureNamespace(client, render.namespace, typeof network === 'string' && network !== '' ? network : undefined, opts.early),
    checkWebhooksBeforeInstall(client, render, opts),
    prefetchMappings(client, [...render.components.values()].flat()),
  ]);

  const { waitForReady, crdEstablished, namespaceActive } = await import('../kube/index.js');
  // An apply answers with the live object: a CRD already Established (or a Namespace Active) in
  // that answer needs no further look, which spares a GET of every (large) CRD before Pilot starts.
  const readyAsApplied = (live: KubeObject): boolean =>
    (live.kind === 'CustomResourceDefinition' && crdEstablished(live)) || (live.kind === 'Namespace' && namespaceActive(live));
  const components = [...render.components.keys()];
  const results = await runGated(components, async (c) => {
    ev.componentStarted?.(c);
    const objects = render.components.get(c) ?? [];
    try {
      const toWaitFor: KubeObject[] = [];
      for (const wave of applyWaves(objects)) {
        // No discovery reset after CRDs: the client re-discovers a group-version when a kind is missing from it.
        const applied = await Promise.all(wave.map((o) => client.apply(o)));
        wave.forEach((o, i) => {
          if (!readyAsApplied(applied[i]!)) toWaitFor.push(o);
        });
      }
      const report = await waitForReady(client, toWaitFor, {
        timeoutMs: opts.readinessTimeoutMs,
        intervalMs: opts.pollIntervalMs ?? 2000,
        onWaiting: (nr) => ev.componentWaiting?.(c, nr),
      });
      if (!report.ready) throw new ComponentNotReadyError(c, report.notReady, opts.readinessTimeoutMs);
    } catch (e) {
      ev.componentFailed?.(c, e instanceof Error ? e.message : String(e));
      throw e;
    }
    ev.componentFinished?.(c);
  });

  const failures = [...results.entries()].filter(([, r]) => r.status === 'rejected') as Array<[ComponentName, PromiseRejectedResult]>;
  if (failures.length > 0) {
    const first = failures[0]![1].reason as unknown;
    const names = failures.map(([c]) => COMPONENT_DISPLAY_NAMES[c]).join(', ');
    if (failures.every(([, r]) => r.reason instanceof ComponentNotReadyError)) {
      throw new SailError('TIMEOUT', `failed to install manifests: ${names} not ready after ${formatDuration(opts.readinessTimeoutMs)}`, {
        hint: 'the objects above are not ready; re-run install once they are fixed, or raise --readiness-timeout',
      });
    }
    if (failures.length === 1 && first instanceof SailError) throw first;
    throw new SailError('KUBE', `failed to install manifests: ${failures.map(([c, r]) => `${COMPONENT_DISPLAY_NAMES[c]}: ${(r.reason as Error).message}`).join('; ')}`);
  }

  // Deleting waits for every component and the tag webhook step, as istioctl deletes only after
  // a successful install (a failure above leaves every object in place).
  if (render.components.has('Pilot')) {
    const tag = await defaultTagWebhook(client, render, { dryRun: false });
    await Promise.all(tag.map((o) => client.apply(o)));
  }

  ev.pruning?.();
  for (const o of await prunable) {
    const name = `${gvkString(o.apiVersion, o.kind)}/${o.metadata.name}.${o.metadata.namespace ?? ''}`;
    if (await client.delete(o, o.metadata.name, o.metadata.namespace, { propagationPolicy: 'Foreground' })) ev.log?.(`  Removed ${name}.`);
    else ev.log?.(`object: ${name} is not being deleted because it no longer exists`);
  }
}
