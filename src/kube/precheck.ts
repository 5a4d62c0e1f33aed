/**
 * `x precheck`: whether Istio can be installed or upgraded, with istioctl's checks and message
 * codes (istioctl/pkg/precheck): the Kubernetes version (IST0142, minimum 1.32 for Istio 1.30),
 * create permissions for what install creates via SelfSubjectAccessReview (IST0141), Gateway API
 * CRD versions (IST0156, IST0172); plus (sailctl) the existing control planes and revisions.
 */
import type { KubeClient } from './client.js';
import { findControlPlanes, type ControlPlane } from './istio.js';

export const MIN_KUBERNETES_MINOR = 32;
const DOCS = 'https://istio.io/v1.30/docs/reference/config/analysis';

export type Level = 'Error' | 'Warning' | 'Info';

export interface PrecheckMessage {
  code: string;
  level: Level;
  /** "Cluster", or "CustomResourceDefinition NAME" */
  origin: string;
  message: string;
}

export interface PrecheckResult {
  messages: PrecheckMessage[];
  serverVersion: string;
  controlPlanes: ControlPlane[];
}

/** What install creates; the same list istioctl checks, in its order. */
export const INSTALL_PERMISSIONS: ReadonlyArray<{ group: string; resource: string; namespaced: boolean }> = [
  { group: '', resource: 'namespaces', namespaced: false },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterroles', namespaced: false },
  { group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', namespaced: false },
  { group: 'apiextensions.k8s.io', resource: 'customresourcedefinitions', namespaced: false },
  { group: 'rbac.authorization.k8s.io', resource: 'roles', namespaced: true },
  { group: '', resource: 'serviceaccounts', namespaced: true },
  { group: '', resource: 'services', namespaced: true },
  { group: 'apps', resource: 'deployments', namespaced: true },
  { group: '', resource: 'configmaps', namespaced: true },
  { group: 'admissionregistration.k8s.io', resource: 'mutatingwebhookconfigurations', namespaced: false },
  { group: 'admissionregistration.k8s.io', resource: 'validatingwebhookconfigurations', namespaced: false },
];

/** Go's %q for the plain ASCII strings these messages carry. */
const q = (s: string): string => JSON.stringify(s);

export function kubernetesMinor(gitVersion: string): number | undefined {
  const m = /^v?(\d+)\.(\d+)/.exec(gitVersion);
  return m && m[1] === '1' ? Number(m[2]) : undefined;
}

export async function runPrecheck(client: KubeClient, istioNamespace: string): Promise<PrecheckResult> {
  const messages: PrecheckMessage[] = [];
  const version = await client.serverVersion();
  const minor = kubernetesMinor(version.gitVersion);
  if (minor === undefined || minor < MIN_KUBERNETES_MINOR) {
    messages.push({
      code: 'IST0142',
      level: 'Error',
      origin: 'Cluster',
      message: `The Kubernetes Version ${q(version.gitVersion)} is lower than the minimum version: 1.${MIN_KUBERNETES_MINOR}`,
    });
  }
  const reviews = await Promise.all(
    INSTALL_PERMISSIONS.map((p) => client.canI({ verb: 'create', group: p.group, resource: p.resource, namespace: p.namespaced ? istioNamespace : undefined })),
  );
  reviews.forEach((r, i) => {
    if (!r.allowed) {
      messages.push({
        code: 'IST0141',
        level: 'Error',
        origin: 'Cluster',
        message: `Missing required permission to create resource ${INSTALL_PERMISSIONS[i]!.resource} (${r.reason || 'permission denied'})`,
      });
    }
  });
  const crds = await client.list({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition' });
  const stable = new Set(['Gateway', 'GatewayClass', 'HTTPRoute', 'GRPCRoute']);
  const beta = new Set(['Gateway', 'GatewayClass', 'HTTPRoute', 'ReferenceGrant']);
  for (const crd of crds) {
    const spec = (crd['spec'] ?? {}) as { group?: string; names?: { kind?: string }; versions?: Array<{ name: string; served?: boolean }> };
    if (spec.group !== 'gateway.networking.k8s.io') continue;
    const served = (spec.versions ?? []).filter((v) => v.served).map((v) => v.name).sort();
    const has = served.length > 0 ? served.join(',') : 'none';
    const kind = spec.names?.kind ?? '';
    const origin = `CustomResourceDefinition ${crd.metadata.name}`;
    if (beta.has(kind) && !served.includes('v1beta1')) {
      messages.push({ code: 'IST0156', level: 'Error', origin, message: `The Gateway API CRD version ${has} is lower than the minimum version: v1beta1` });
    }
    if (stable.has(kind) && !served.includes('v1')) {
      messages.push({ code: 'IST0172', level: 'Warning', origin, message: `The Gateway API CRD version ${has} is lower than the minimum version: v1` });
    }
  }
  const controlPlanes = await findControlPlanes(client, undefined);
  return { messages: sortMessages(messages), serverVersion: version.gitVersion, controlPlanes };
}

const LEVEL_RANK: Record<Level, number> = { Error: 0, Warning: 1, Info: 2 };

/** istioctl's SortedDedupedCopy: by level, code, origin, message; duplicates dropped. */
export function sortMessages(ms: readonly PrecheckMessage[]): PrecheckMessage[] {
  const seen = new Set<string>();
  return [...ms]
    .sort((a, b) => LEVEL_RANK[a.level] - LEVEL_RANK[b.level] || a.code.localeCompare(b.code) || a.origin.localeCompare(b.origin) || a.message.localeCompare(b.message))
    .filter((m) => {
      const k = `${m.code}\u0000${m.origin}\u0000${m.message}`;
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
}

export function documentationUrl(code: string): string {
  return `${DOCS}/${code.toLowerCase()}/`;
}

export function formatPrecheckLog(ms: readonly PrecheckMessage[], color: boolean): string {
  const paint = (m: PrecheckMessage): [string, string] =>
    !color ? ['', ''] : m.level === 'Error' ? ['\u001b[1;31m', '\u001b[0m'] : m.level === 'Warning' ? ['\u001b[33m', '\u001b[0m'] : ['', '\u001b[0m'];
  return ms
    .map((m) => {
      const [pre, post] = paint(m);
      return `${pre}${m.level}${post} [${m.code}] (${m.origin}) ${m.message}`;
    })
    .join('\n');
}

/** Key-sorted records, as Go marshals istioctl's message maps. */
export function precheckRecords(ms: readonly PrecheckMessage[]): Array<Record<string, string>> {
  return ms.map((m) => ({ code: m.code, documentationUrl: documentationUrl(m.code), level: m.level, message: m.message, origin: m.origin }));
}

/** Go's json.MarshalIndent(ms, "", "\t"), including its HTML escaping of <, > and &. */
export function formatPrecheckJson(ms: readonly PrecheckMessage[]): string {
  return JSON.stringify(precheckRecords(ms), null, '\t')
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026');
}
