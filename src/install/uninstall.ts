/**
 * uninstall as istioctl's: which objects go (by owner labels, never anything without the
 * operator.istio.io/component label, so objects sailctl/istioctl did not install stay), the
 * warnings istioctl prints before deleting, deletion with foreground propagation, and a bounded
 * wait until the objects are gone.
 */
import type { KubeClient } from '../kube/index.js';
import type { KubeObject } from '../kube/types.js';
import { SailError } from '../errors.js';
import { formatDuration } from '../util/duration.js';
import { CLUSTER_KINDS, gvkString, NAMESPACED_KINDS, PURGE_ONLY_KINDS } from './kinds.js';
import { COMPONENT_LABEL } from './plan.js';

export const ALL_RESOURCES_REMOVED_WARNING = 'All Istio resources will be pruned from the cluster';
export const PURGE_CONFIG_WARNING = 'This deletes every Istio CustomResourceDefinition, and with them ALL Istio configuration in the cluster (VirtualServices, DestinationRules, AuthorizationPolicies, ...).';
export const NO_RESOURCES_WARNING = 'No resources will be pruned from the cluster. Please double check the input configs';
export const PURGE_IGNORES_SELECTION_WARNING = 'Purge uninstall will remove all Istio resources, ignoring the specified revision or operator file';

export interface UninstallSelection {
  purge: boolean;
  revision?: string | undefined;
  owningResource?: string | undefined;
  owningResourceNamespace?: string | undefined;
}

/** istioctl's GetPrunedResources selector: the component label always; without --purge, the owner labels and non-Base components. */
export function uninstallSelector(sel: UninstallSelection): string {
  if (sel.purge) return COMPONENT_LABEL;
  const parts: string[] = [];
  if (sel.revision) parts.push(`istio.io/rev=${sel.revision}`);
  if (sel.owningResource) parts.push(`install.operator.istio.io/owning-resource=${sel.owningResource}`);
  if (sel.owningResourceNamespace) parts.push(`install.operator.istio.io/owning-resource-namespace=${sel.owningResourceNamespace}`);
  parts.push(`${COMPONENT_LABEL} in (Cni,EgressGateways,IngressGateways,Pilot,Ztunnel)`);
  return parts.join(',');
}

export function uninstallKinds(purge: boolean) {
  return purge ? [...NAMESPACED_KINDS, ...CLUSTER_KINDS, ...PURGE_ONLY_KINDS] : [...NAMESPACED_KINDS, ...CLUSTER_KINDS];
}

export async function findUninstallObjects(client: KubeClient, sel: UninstallSelection): Promise<KubeObject[]> {
  const selector = uninstallSelector(sel);
  const found = await client.listByLabel(uninstallKinds(sel.purge), selector);
  // Pods are listed because a component may own bare pods; those owned by a workload go with it.
  return found.filter((o) => !(o.kind === 'Pod' && (o.metadata.ownerReferences ?? []).length > 0));
}

/** istioctl's name in "Removed ..." lines: "apps/v1, Kind=Deployment/istiod.istio-system". */
export function removedName(o: KubeObject): string {
  return `${gvkString(o.apiVersion, o.kind)}/${o.metadata.name}.${o.metadata.namespace ?? ''}`;
}

/** Gateway Deployments about to go (istioctl warns: traffic through them stops). */
export function gatewaysIn(objects: readonly KubeObject[]): string[] {
  return objects.filter((o) => o.kind === 'Deployment' && o.metadata.name.includes('gateway')).map((o) => o.metadata.name);
}

export interface DeleteOptions {
  waitTimeoutMs: number;
  pollIntervalMs?: number;
  log(line: string): void;
}

export async function deleteObjects(client: KubeClient, objects: readonly KubeObject[], opts: DeleteOptions): Promise<void> {
  const deleted: KubeObject[] = [];
  for (const o of objects) {
    const name = removedName(o);
    if (await client.delete(o, o.metadata.name, o.metadata.namespace, { propagationPolicy: 'Foreground' })) {
      opts.log(`  Removed ${name}.`);
      deleted.push(o);
    } else {
      opts.log(`object: ${name} is not being deleted because it no longer exists`);
    }
  }
  const deadline = Date.now() + opts.waitTimeoutMs;
  let remaining = deleted;
  for (;;) {
    const still = await Promise.all(remaining.map(async (o) => ((await client.get(o, o.metadata.name, o.metadata.namespace)) ? o : undefined)));
    remaining = still.filter((o): o is KubeObject => o !== undefined);
    if (remaining.length === 0) return;
    if (Date.now() >= deadline) {
      throw new SailError('TIMEOUT', `${remaining.length} object(s) still present ${formatDuration(opts.waitTimeoutMs)} after deletion: ${remaining.slice(0, 5).map(removedName).join(', ')}${remaining.length > 5 ? ', ...' : ''}`, {
        hint: 'a finalizer may be holding them; check with kubectl get -o yaml',
      });
    }
    await new Promise((r) => setTimeout(r, Math.min(opts.pollIntervalMs ?? 1000, Math.max(0, deadline - Date.now()))));
  }
}

/**
 * The proxies still using a revision, as `name.namespace` ids (sorted). istioctl asks the
 * revision's istiod which proxies are connected; sailctl reads the pods instead: a pod with an
 * istio-proxy container (sidecar or gateway) whose injection status names the revision, or, for
 * pods without that annotation, whose istio.io/rev label does ('default' for none).
 */
export async function proxiesOfRevision(client: KubeClient, revision: string): Promise<string[]> {
  const pods = await client.list({ apiVersion: 'v1', kind: 'Pod' });
  const ids: string[] = [];
  for (const p of pods) {
    const phase = (p['status'] as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const spec = p['spec'] as { containers?: Array<{ name?: string }>; initContainers?: Array<{ name?: string }> } | undefined;
    if (![...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].some((c) => c.name === 'istio-proxy')) continue;
    if (proxyRevision(p) === revision) ids.push(`${p.metadata.name}.${p.metadata.namespace ?? ''}`);
  }
  return ids.sort();
}

function proxyRevision(pod: KubeObject): string {
  const status = pod.metadata.annotations?.['sidecar.istio.io/status'];
  if (status) {
    try {
      const rev = (JSON.parse(status) as { revision?: unknown }).revision;
      if (typeof rev === 'string' && rev !== '') return rev;
    } catch {
      // A malformed annotation says nothing; fall back to the label.
    }
  }
  return pod.metadata.labels?.['istio.io/rev'] || 'default';
}

/** istioctl lists the ids only when there are at most this many. */
const MAX_LISTED_PROXIES = 30;

/** istioctl's warning for proxies still pointing at the revision being removed. */
export function proxiesWarning(ids: readonly string[], revision: string): string {
  let message = `There are still ${ids.length} proxies pointing to the control plane revision ${revision}\n`;
  if (ids.length <= MAX_LISTED_PROXIES) message += `${ids.join('\n')}\n`;
  return `${message}If you proceed with the uninstall, these proxies will become detached from any control plane and will not function correctly.\n`;
}

/** istioctl's message when the proxies of the revision could not be found out. */
export function proxiesUnknownWarning(revision: string): string {
  return `Unable to find any proxies pointing to the ${revision} control plane. This may be because the control plane cannot be connected or there is no ${revision} control plane.\n`;
}
