/**
 * The pure half of install/uninstall/verify-install: istioctl's component dependency gates, owner
 * labels on every object, object identity (istioctl's ObjectHash), the prune set, and field-level
 * differences between a rendered object and its live copy (dry-run plan, verify-install drift).
 * No cluster, no printing: everything here is data in, data out.
 */
import type { ComponentName } from '../operator/translate.js';
import type { KubeObject } from '../kube/types.js';

/** istioctl's component gates: a component starts once everything it depends on has finished. */
export const COMPONENT_DEPENDENCIES: Readonly<Record<ComponentName, readonly ComponentName[]>> = {
  Base: ['Cni', 'Pilot'],
  Pilot: ['IngressGateways', 'EgressGateways'],
  Cni: ['Ztunnel'],
  IngressGateways: [],
  EgressGateways: [],
  Ztunnel: [],
};

export const ALL_COMPONENTS: readonly ComponentName[] = ['Base', 'Pilot', 'IngressGateways', 'EgressGateways', 'Cni', 'Ztunnel'];

/** The names istioctl's progress log shows. */
export const COMPONENT_DISPLAY_NAMES: Readonly<Record<ComponentName, string>> = {
  Base: 'Istio core',
  Pilot: 'Istiod',
  Cni: 'CNI',
  Ztunnel: 'Ztunnel',
  IngressGateways: 'Ingress gateways',
  EgressGateways: 'Egress gateways',
};

/** The icon istioctl appends to a component's "installed" line, on a terminal or not. */
export const COMPONENT_ICONS: Readonly<Record<ComponentName, string>> = {
  Base: '\u26f5\ufe0f',
  Pilot: '\u{1f9e0}',
  Cni: '\u{1faa2}',
  Ztunnel: '\u{1f512}',
  IngressGateways: '\u{1f6ec}',
  EgressGateways: '\u{1f6eb}',
};

/** The components that must finish before `c` starts (reverse of COMPONENT_DEPENDENCIES). */
export function prerequisitesOf(c: ComponentName): ComponentName[] {
  return ALL_COMPONENTS.filter((p) => COMPONENT_DEPENDENCIES[p].includes(c));
}

/**
 * Runs one task per component, each as soon as its prerequisites are done (a prerequisite that is
 * not installed counts as done, as in istioctl). Failures are collected; a failed component still
 * releases its dependents, because istioctl signals them whatever the outcome.
 */
export async function runGated<T>(
  components: readonly ComponentName[],
  task: (c: ComponentName) => Promise<T>,
): Promise<Map<ComponentName, PromiseSettledResult<T>>> {
  const done = new Map<ComponentName, Promise<PromiseSettledResult<T>>>();
  const start = (c: ComponentName): Promise<PromiseSettledResult<T>> => {
    let p = done.get(c);
    if (p) return p;
    const gates = prerequisitesOf(c).filter((pre) => components.includes(pre)).map(start);
    p = Promise.all(gates).then(() =>
      task(c).then(
        (value): PromiseSettledResult<T> => ({ status: 'fulfilled', value }),
        (reason: unknown): PromiseSettledResult<T> => ({ status: 'rejected', reason }),
      ),
    );
    done.set(c, p);
    return p;
  };
  const results = await Promise.all(components.map(start));
  return new Map(components.map((c, i) => [c, results[i] as PromiseSettledResult<T>]));
}

export const NOT_PRUNED_LABEL = 'install.operator.istio.io/owning-resource-not-pruned';
export const COMPONENT_LABEL = 'operator.istio.io/component';

/** istioctl's ObjectHash: cluster-scoped RBAC is keyed without namespace (charts sometimes set one). */
export function objectHash(o: Pick<KubeObject, 'kind' | 'metadata'>): string {
  if (o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding') return `${o.kind}:${o.metadata.name}`;
  return `${o.kind}:${o.metadata.namespace ?? ''}:${o.metadata.name}`;
}

/** "Deployment/istio-system/istiod" — istioctl's id in readiness messages. */
export function displayId(o: Pick<KubeObject, 'kind' | 'metadata'>): string {
  return o.metadata.namespace ? `${o.kind}/${o.metadata.namespace}/${o.metadata.name}` : `${o.kind}/${o.metadata.name}`;
}

export function withLabels<T extends KubeObject>(obj: T, labels: Readonly<Record<string, string>>): T {
  return { ...obj, metadata: { ...obj.metadata, labels: { ...(obj.metadata.labels ?? {}), ...labels } } };
}

/** A label selector string from a label set (values are label-safe, so no quoting is needed). */
export function selectorFor(labels: Readonly<Record<string, string>>): string {
  return Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(',');
}

export function labelsMatch(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/**
 * What prune deletes: live objects carrying this installation's owner labels and a component
 * label, that no component of the new render has (by istioctl's ObjectHash). CRDs are never
 * listed for prune (the caller's kinds exclude them) and objects labelled not-pruned stay.
 *
 * istioctl keeps an object when its hash is in the render of the component its label names, but
 * it lists after applying, when every rendered object already carries its new component label.
 * `live` may have been listed before the apply, where an object that moved to another component
 * between versions still has its old label: looking it up in every component's render keeps it,
 * as istioctl's post-apply listing would. An object no component renders is judged the same way
 * by both (its label is the one its old install gave it and nothing relabels it).
 */
export function selectPrune(
  live: readonly KubeObject[],
  renderedByComponent: ReadonlyMap<ComponentName, readonly KubeObject[]>,
  componentOwnerLabels: (c: ComponentName) => Record<string, string>,
): KubeObject[] {
  const rendered = new Set<string>();
  for (const objs of renderedByComponent.values()) for (const o of objs) rendered.add(objectHash(o));
  const out: KubeObject[] = [];
  const seen = new Set<string>();
  for (const o of live) {
    if (o.kind === 'CustomResourceDefinition') continue;
    if (o.metadata.labels?.[NOT_PRUNED_LABEL] === 'true') continue;
    if (rendered.has(objectHash(o))) continue;
    // Owned by one of the components this installation labels (an unknown component value is not ours).
    if (!ALL_COMPONENTS.some((c) => labelsMatch(componentOwnerLabels(c), o.metadata.labels))) continue;
    const key = `${o.apiVersion}:${objectHash(o)}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push(o);
    }
  }
  return out;
}

type Json = unknown;
const isMap = (v: Json): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Paths of `desired` whose value the live object does not have (fields the server added are not differences). */
export function changedFields(desired: Json, live: Json, path = ''): string[] {
  if (isMap(desired)) {
    if (!isMap(live)) return [path || '.'];
    const out: string[] = [];
    for (const k of Object.keys(desired)) {
      if (path === '' && k === 'status') continue;
      out.push(...changedFields(desired[k], live[k], `${path}.${k}`));
    }
    return out;
  }
  if (Array.isArray(desired)) {
    if (!Array.isArray(live) || live.length !== desired.length) return [path];
    const out: string[] = [];
    desired.forEach((d, i) => out.push(...changedFields(d, live[i], `${path}[${i}]`)));
    return out;
  }
  if (desired === null || desired === undefined) return [];
  return equalScalar(desired, live) ? [] : [path];
}

/** Kubernetes normalises some scalars (quantities, ports as strings); compare as text. */
function equalScalar(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (b === undefined || b === null) return false;
  return String(a) === String(b);
}

export type PlanAction = 'create' | 'update' | 'unchanged' | 'prune';

export interface PlanEntry {
  action: PlanAction;
  component: ComponentName | undefined;
  object: KubeObject;
  /** for update: the fields that would change */
  changes: string[];
}

/** The dry-run plan: per rendered object create / update / unchanged, then the prune set. */
export function planInstall(
  rendered: ReadonlyMap<ComponentName, readonly KubeObject[]>,
  liveOf: (o: KubeObject) => KubeObject | undefined,
  prune: readonly KubeObject[],
): PlanEntry[] {
  const entries: PlanEntry[] = [];
  for (const c of ALL_COMPONENTS) {
    for (const o of rendered.get(c) ?? []) {
      const live = liveOf(o);
      if (!live) {
        entries.push({ action: 'create', component: c, object: o, changes: [] });
        continue;
      }
      const changes = changedFields(stripForCompare(o), live);
      entries.push({ action: changes.length > 0 ? 'update' : 'unchanged', component: c, object: o, changes });
    }
  }
  for (const o of prune) {
    const c = o.metadata.labels?.[COMPONENT_LABEL] as ComponentName | undefined;
    entries.push({ action: 'prune', component: c, object: o, changes: [] });
  }
  return entries;
}

/** The parts of a rendered object that are compared with the cluster (status is the server's). */
export function stripForCompare(o: KubeObject): KubeObject {
  const copy: KubeObject = { ...o };
  delete copy['status'];
  return copy;
}

export function formatPlan(entries: readonly PlanEntry[]): string {
  const lines: string[] = [];
  const counts: Record<PlanAction, number> = { create: 0, update: 0, unchanged: 0, prune: 0 };
  for (const e of entries) {
    counts[e.action]++;
    const id = displayId(e.object);
    if (e.action === 'update') {
      const shown = e.changes.slice(0, 8).join(', ') + (e.changes.length > 8 ? `, ... (${e.changes.length - 8} more)` : '');
      lines.push(`update     ${id} (${shown})`);
    } else {
      lines.push(`${e.action.padEnd(10)} ${id}`);
    }
  }
  lines.push(`Plan: ${counts.create} to create, ${counts.update} to update, ${counts.unchanged} unchanged, ${counts.prune} to prune.`);
  return lines.join('\n') + '\n';
}
