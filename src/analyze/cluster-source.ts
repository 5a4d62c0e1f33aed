/**
 * The live cluster as an analysis source, following what istioctl 1.30's analyzer reads
 * (pkg/config/analysis/local): every kind the selected analyzers need, listed across all
 * namespaces (messages are limited to the selected namespace afterwards, so cross-namespace
 * lookups such as a VirtualService routing to another namespace's Service still resolve), with
 * istioctl's filters:
 * - Kubernetes system namespaces are excluded by field selector;
 * - Secrets of type helm.sh/release.v1 and service-account tokens are skipped (large, irrelevant);
 * - ConfigMaps come only from the Istio namespace and only those named istio* that are not
 *   leader-election records (the mesh config and the sidecar injector's config);
 * - objects of the non-runtime kinds (Istio config, webhooks, Deployments, ...) labelled
 *   istio.io/rev for another revision are skipped, except Gateway API Gateways.
 * Kinds the cluster does not serve are skipped. The client comes from src/kube; only its types
 * are imported here, so this module stays cheap to load.
 */
import type { KubeClient, KubeObject, TypeRef } from '../kube/index.js';
import { KINDS, kindKey, type KindInfo, type KindKey } from './kinds.js';
import { resourceFromObject } from './parse.js';
import { DEFAULT_CLUSTER, type JsonObject, type Resource } from './resource.js';
import type { ResourceSource, SourceContents } from './snapshot.js';

/** What the source needs from a cluster client (a KubeClient, or a stand-in in tests). */
export type ClusterReader = Pick<KubeClient, 'list' | 'get' | 'findMapping'>;

export interface ClusterSourceOptions {
  client: ClusterReader;
  /** Kinds the selected analyzers read; others are not listed. Undefined lists every known kind. */
  kinds?: Iterable<KindKey>;
  istioNamespace: string;
  /** --revision: "default" selects unlabelled objects and those labelled istio.io/rev=default. */
  revision: string;
  /**
   * The namespace being analysed ('' with -A). When listing a namespaced kind across all
   * namespaces is forbidden, the source retries within this namespace (RBAC often grants only one).
   */
  selectedNamespace: string;
  /** Context name, for messages. */
  contextName?: string;
  /** How the source names itself (default "cluster CONTEXT"), e.g. for a cluster found in a remote secret. */
  label?: string;
  /**
   * Set for a remote cluster (--remote-contexts): its id (istioctl uses the context name). As in
   * istioctl, a remote cluster's runtime objects (Service, Pod, Namespace, Node, Secret) keep this
   * id while its Istio config joins the default cluster's view, and its Deployments, ConfigMaps
   * and webhook configurations are not read (injection is analysed on the primary only).
   */
  remoteCluster?: string;
}

/** istioctl skips these namespaces (and so does the snapshot); excluding them server-side saves transfer. */
const SYSTEM_NAMESPACES = ['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage'];
const SECRET_TYPES_SKIPPED = ['helm.sh/release.v1', 'kubernetes.io/service-account-token'];
const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
const REV_LABEL = 'istio.io/rev';

/** istioctl's "default excluded" kinds: runtime state listed without the revision filter. */
const RUNTIME_KINDS: ReadonlySet<KindKey> = new Set(['/Service', '/Namespace', '/Node', '/Pod', '/Secret']);
const KUBERNETES_GATEWAY: KindKey = kindKey('gateway.networking.k8s.io', 'Gateway');
/** istioctl's DefaultRemoteClusterExcludedSchemas: kinds never read from a remote cluster. */
const REMOTE_EXCLUDED_KINDS: ReadonlySet<KindKey> = new Set([
  kindKey('apps', 'Deployment'),
  kindKey('', 'ConfigMap'),
  kindKey('admissionregistration.k8s.io', 'ValidatingWebhookConfiguration'),
  kindKey('admissionregistration.k8s.io', 'MutatingWebhookConfiguration'),
]);

export interface ClusterMeshSettings {
  /** The `mesh` key parsed, or undefined when the ConfigMap or key is absent or unreadable. */
  meshConfig: JsonObject | undefined;
  meshNetworks: JsonObject | undefined;
  /** Which ConfigMap was read, for -v. */
  configMap: string | undefined;
}

function notEqualSelector(field: string, values: readonly string[]): string {
  return values.map((v) => `${field}!=${v}`).join(',');
}

function isForbidden(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { status?: unknown }).status === 403;
}

function isBadRequest(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { status?: unknown }).status === 400;
}

export function inRevision(labels: Readonly<Record<string, string>> | undefined, revision: string): boolean {
  const rev = labels?.[REV_LABEL];
  // Unlabelled objects belong to every revision; an empty revision accepts all (istioctl's LabelsInRevision).
  return rev === undefined || revision === '' || rev === revision;
}

export class ClusterSource implements ResourceSource {
  readonly name: string;
  readonly providesRuntimeKinds = true;
  /** Non-fatal problems met while listing (forbidden kinds), for the command to print. */
  readonly warnings: string[] = [];
  /** Kinds listed and how many objects each gave, for -v. */
  readonly listed: Array<{ kind: string; apiVersion: string; count: number; scope: string }> = [];
  /** Known kinds the cluster does not serve (skipped). */
  readonly unserved: string[] = [];

  constructor(private readonly opts: ClusterSourceOptions) {
    this.name = opts.label ?? (opts.contextName ? `cluster ${opts.contextName}` : 'cluster');
  }

  private wanted(): KindInfo[] {
    const want = this.opts.kinds ? new Set(this.opts.kinds) : undefined;
    const remote = this.opts.remoteCluster !== undefined;
    return KINDS.filter((k) => {
      const key = kindKey(k.group, k.kind);
      return (!want || want.has(key)) && !(remote && REMOTE_EXCLUDED_KINDS.has(key));
    });
  }

  /** The newest version of a kind that the cluster serves, or undefined. */
  private async servedRef(info: KindInfo): Promise<TypeRef | undefined> {
    for (const version of [...info.versions].reverse()) {
      const apiVersion = info.group ? `${info.group}/${version}` : version;
      if (await this.opts.client.findMapping({ apiVersion, kind: info.kind })) return { apiVersion, kind: info.kind };
    }
    return undefined;
  }

  private async listKind(info: KindInfo): Promise<KubeObject[]> {
    const ref = await this.servedRef(info);
    if (!ref) {
      this.unserved.push(`${info.group ? info.group + '/' : ''}${info.kind}`);
      return [];
    }
    const key = kindKey(info.group, info.kind);
    const { client, istioNamespace } = this.opts;
    let namespace: string | undefined;
    let fieldSelector: string | undefined;
    if (key === '/ConfigMap') namespace = istioNamespace;
    else if (key === '/Namespace') fieldSelector = notEqualSelector('metadata.name', SYSTEM_NAMESPACES);
    else if (!info.clusterScoped) fieldSelector = notEqualSelector('metadata.namespace', SYSTEM_NAMESPACES);
    const secretSelector = notEqualSelector('type', SECRET_TYPES_SKIPPED);

    const attempt = async (ns: string | undefined): Promise<KubeObject[]> => {
      if (key !== '/Secret') return client.list(ref, { namespace: ns, fieldSelector });
      try {
        return await client.list(ref, { namespace: ns, fieldSelector: `${fieldSelector},${secretSelector}` });
      } catch (e) {
        // Servers (or proxies) that do not index Secrets by type: filter here instead.
        if (!isBadRequest(e)) throw e;
        return client.list(ref, { namespace: ns, fieldSelector });
      }
    };

    let scope = namespace ? `namespace ${namespace}` : info.clusterScoped ? 'cluster' : 'all namespaces';
    let items: KubeObject[];
    try {
      items = await attempt(namespace);
    } catch (e) {
      if (!isForbidden(e)) throw e;
      const fallback = this.opts.selectedNamespace;
      const reason = (e as Error).message;
      if (info.clusterScoped || namespace !== undefined || !fallback) {
        this.warnings.push(`skipping ${info.kind} (${ref.apiVersion}): ${reason}`);
        return [];
      }
      try {
        items = await attempt(fallback);
        scope = `namespace ${fallback}`;
        this.warnings.push(`${info.kind} (${ref.apiVersion}) listed in namespace ${fallback} only: ${reason}`);
      } catch (e2) {
        if (!isForbidden(e2)) throw e2;
        this.warnings.push(`skipping ${info.kind} (${ref.apiVersion}): ${(e2 as Error).message}`);
        return [];
      }
    }
    const kept = items.filter((o) => this.keep(key, o));
    this.listed.push({ kind: info.kind, apiVersion: ref.apiVersion, count: kept.length, scope });
    return kept;
  }

  private keep(key: KindKey, o: KubeObject): boolean {
    const meta = o.metadata;
    if (key === '/Secret' && SECRET_TYPES_SKIPPED.includes(String(o['type'] ?? ''))) return false;
    if (key === '/ConfigMap' && (!meta.name.startsWith('istio') || meta.annotations?.[LEADER_ANNOTATION] !== undefined)) return false;
    if (!RUNTIME_KINDS.has(key) && key !== KUBERNETES_GATEWAY && !inRevision(meta.labels, this.opts.revision)) return false;
    return true;
  }

  async load(): Promise<SourceContents> {
    const kinds = this.wanted();
    const lists = await Promise.all(kinds.map((k) => this.listKind(k)));
    const resources: Resource[] = [];
    for (const [i, list] of lists.entries()) {
      const info = kinds[i] as KindInfo;
      const remote = this.opts.remoteCluster;
      const cluster = remote !== undefined && RUNTIME_KINDS.has(kindKey(info.group, info.kind)) ? remote : DEFAULT_CLUSTER;
      for (const o of list) {
        // managedFields can be most of an object's size and no analyzer reads them.
        const { managedFields: _dropped, ...metadata } = o.metadata;
        const r = resourceFromObject({ ...o, metadata } as JsonObject, { defaultNamespace: '', cluster });
        if (r) resources.push(r);
      }
    }
    this.unserved.sort();
    return { resources, problems: [], unknownKinds: [] };
  }
}

/** The label istiod's secret controller watches (and istioctl analyze reads) for remote clusters. */
export const MULTI_CLUSTER_SECRET_LABEL = 'istio/multiCluster';

/** One data value of a remote secret: a kubeconfig for one remote cluster. */
export interface RemoteSecretValue {
  /** "istio-system/istio-remote-secret-west" */
  secret: string;
  key: string;
  /** the decoded kubeconfig text (credentials: never print it) */
  text: string;
  /** "secret istio-system/istio-remote-secret-west, key west", for messages */
  origin: string;
}

/**
 * The remote secrets istioctl 1.30 reads when --remote-contexts is not given: Secrets in the Istio
 * namespace labelled istio/multiCluster=true, every data value of each (istiod's secret
 * controller reads each value as one cluster's kubeconfig). Ordered by secret name, then key
 * (istioctl follows Go map order). A failed list (403 included) is thrown: the caller decides.
 */
export async function listRemoteSecretValues(client: ClusterReader, istioNamespace: string): Promise<RemoteSecretValue[]> {
  const secrets = await client.list({ apiVersion: 'v1', kind: 'Secret' }, { namespace: istioNamespace, labelSelector: `${MULTI_CLUSTER_SECRET_LABEL}=true` });
  const values: RemoteSecretValue[] = [];
  for (const s of [...secrets].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0))) {
    const secret = `${s.metadata.namespace ?? istioNamespace}/${s.metadata.name}`;
    const data = s['data'];
    if (typeof data !== 'object' || data === null) continue;
    for (const key of Object.keys(data).sort()) {
      const encoded = (data as Record<string, unknown>)[key];
      // The API serves Secret data base64-encoded; stringData never comes back from a read.
      const text = typeof encoded === 'string' ? Buffer.from(encoded, 'base64').toString('utf8') : '';
      values.push({ secret, key, text, origin: `secret ${secret}, key ${key}` });
    }
  }
  return values;
}

/**
 * The mesh config and mesh networks of the running control plane, from the ConfigMap istioctl
 * reads. istioctl 1.30 reads `istio` whatever --revision says; a revisioned install (istioctl or
 * Helm with revision=X) writes `istio-X`, so sailctl reads that first for a non-default revision
 * and falls back to `istio`.
 */
export async function readClusterMeshSettings(
  client: ClusterReader,
  istioNamespace: string,
  revision: string,
  parseYaml: (text: string, name: string) => unknown,
): Promise<ClusterMeshSettings & { warnings: string[] }> {
  const warnings: string[] = [];
  const names = revision && revision !== 'default' ? [`istio-${revision}`, 'istio'] : ['istio'];
  for (const name of names) {
    let cm: KubeObject | undefined;
    try {
      cm = await client.get({ apiVersion: 'v1', kind: 'ConfigMap' }, name, istioNamespace);
    } catch (e) {
      if (isForbidden(e)) {
        warnings.push(`cannot read ConfigMap ${istioNamespace}/${name}; using the default mesh config: ${(e as Error).message}`);
        return { meshConfig: undefined, meshNetworks: undefined, configMap: undefined, warnings };
      }
      // A missing Istio namespace is a 404 for the ConfigMap too: Istio is not installed.
      throw e;
    }
    if (!cm) continue;
    const data = (cm['data'] ?? {}) as Record<string, unknown>;
    const parse = (key: string): JsonObject | undefined => {
      const text = data[key];
      if (typeof text !== 'string') return undefined;
      try {
        const v = parseYaml(text, `ConfigMap ${istioNamespace}/${name} key ${key}`);
        if (v === null || v === undefined) return {};
        if (typeof v !== 'object' || Array.isArray(v)) throw new Error('not a mapping');
        return v as JsonObject;
      } catch (e) {
        warnings.push(`ConfigMap ${istioNamespace}/${name}: cannot parse key ${key} (${(e as Error).message.split('\n')[0]}); using defaults`);
        return undefined;
      }
    };
    return { meshConfig: parse('mesh'), meshNetworks: parse('meshNetworks'), configMap: `${istioNamespace}/${name}`, warnings };
  }
  return { meshConfig: undefined, meshNetworks: undefined, configMap: undefined, warnings };
}
