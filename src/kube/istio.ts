/**
 * What Istio is running in a cluster: istiod control planes (per revision, from their pods or,
 * without pods, their Deployments) and sidecar proxy versions. The version is the image tag of
 * the istiod/proxy container (istioctl execs `pilot-discovery version` in the pod instead; the tag
 * is what sailctl can read without exec, and equals it for released images).
 */
import type { KubeClient } from './client.js';
import type { KubeObject } from './types.js';

export interface ControlPlane {
  namespace: string;
  /** the Deployment (or pod) name */
  name: string;
  revision: string;
  version: string;
  /** pods found for it (0 when only the Deployment exists) */
  pods: number;
}

type Container = { name?: string; image?: string };

/** "docker.io/istio/pilot:1.30.3-distroless" -> "1.30.3"; digests and registry ports are handled. */
export function versionFromImage(image: string | undefined): string {
  if (!image) return 'unknown';
  const noDigest = image.split('@')[0] ?? image;
  const lastSlash = noDigest.lastIndexOf('/');
  const colon = noDigest.indexOf(':', lastSlash + 1);
  if (colon < 0) return 'latest';
  return noDigest.slice(colon + 1).replace(/-(distroless|debug)$/, '');
}

function containers(podSpec: unknown): Container[] {
  return ((podSpec as { containers?: Container[] } | undefined)?.containers ?? []) as Container[];
}

function istiodImage(podSpec: unknown): string | undefined {
  const cs = containers(podSpec);
  return (cs.find((c) => c.name === 'discovery') ?? cs[0])?.image;
}

/** istiod control planes in a namespace (all namespaces when undefined), sorted by revision. */
export async function findControlPlanes(client: KubeClient, namespace: string | undefined): Promise<ControlPlane[]> {
  const selector = 'app=istiod';
  const [pods, deployments] = await Promise.all([
    client.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace, labelSelector: selector }),
    client.list({ apiVersion: 'apps/v1', kind: 'Deployment' }, { namespace, labelSelector: selector }),
  ]);
  const byKey = new Map<string, ControlPlane>();
  const revisionOf = (o: KubeObject): string => o.metadata.labels?.['istio.io/rev'] || 'default';
  for (const d of deployments) {
    const tmpl = (d['spec'] as { template?: { spec?: unknown } } | undefined)?.template?.spec;
    const key = `${d.metadata.namespace}/${revisionOf(d)}`;
    byKey.set(key, { namespace: d.metadata.namespace ?? '', name: d.metadata.name, revision: revisionOf(d), version: versionFromImage(istiodImage(tmpl)), pods: 0 });
  }
  for (const p of pods) {
    const phase = (p['status'] as { phase?: string } | undefined)?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') continue;
    const key = `${p.metadata.namespace}/${revisionOf(p)}`;
    const version = versionFromImage(istiodImage(p['spec']));
    const cur = byKey.get(key);
    // Running pods say what is actually serving; a Deployment mid-rollout may differ.
    if (cur) byKey.set(key, { ...cur, version: cur.pods === 0 ? version : cur.version, pods: cur.pods + 1 });
    else byKey.set(key, { namespace: p.metadata.namespace ?? '', name: p.metadata.name, revision: revisionOf(p), version, pods: 1 });
  }
  return [...byKey.values()].sort((a, b) => a.namespace.localeCompare(b.namespace) || a.revision.localeCompare(b.revision));
}

/** Proxy versions of injected pods (label security.istio.io/tlsMode=istio) and gateways, counted per version. */
export async function proxyVersions(client: KubeClient): Promise<Map<string, number>> {
  const pods = await client.list({ apiVersion: 'v1', kind: 'Pod' }, { labelSelector: 'security.istio.io/tlsMode' });
  const counts = new Map<string, number>();
  for (const p of pods) {
    const spec = p['spec'] as { containers?: Container[]; initContainers?: Container[] } | undefined;
    const proxy = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])].find((c) => c.name === 'istio-proxy');
    if (!proxy) continue;
    const v = versionFromImage(proxy.image);
    counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  return counts;
}
