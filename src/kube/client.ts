/**
 * The cluster client sailctl's commands use: REST mapping from discovery (per group-version,
 * re-discovered when a kind is missing, e.g. right after its CRD was applied), get/list/create/
 * patch/delete, server-side apply (fieldManager "istio-operator", force, as istioctl), list and
 * delete by label selector across kinds (foreground propagation), SelfSubjectAccessReview and the
 * server version. Only this module talks to a cluster.
 */
import { SailError } from '../errors.js';
import { loadKubeConfig, type KubeConfigSource, type LoadedKubeConfig } from './config.js';
import { KubeApiError, Transport, type TransportOptions } from './transport.js';
import { splitApiVersion, type KubeObject, type ResourceMapping, type TypeRef } from './types.js';

export const ISTIO_FIELD_MANAGER = 'istio-operator';

export interface ConnectOptions extends KubeConfigSource {
  timeoutMs: number;
  transport?: Partial<TransportOptions>;
}

export interface ListOptions {
  namespace?: string | undefined;
  labelSelector?: string | undefined;
  fieldSelector?: string | undefined;
}

export interface ApplyOptions {
  fieldManager?: string;
  force?: boolean;
  dryRun?: boolean;
}

export type PatchType = 'merge' | 'strategic' | 'json';

export type PropagationPolicy = 'Foreground' | 'Background' | 'Orphan';

export interface ServerVersion {
  major: string;
  minor: string;
  gitVersion: string;
}

export interface AccessCheck {
  verb: string;
  group: string;
  resource: string;
  namespace?: string | undefined;
  name?: string | undefined;
}

interface GroupVersionResources {
  resources: ResourceMapping[];
  /** false when the server does not serve this group-version (yet) */
  served: boolean;
}

const PATCH_CONTENT_TYPES: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  json: 'application/json-patch+json',
};

export class KubeClient {
  private discovery = new Map<string, Promise<GroupVersionResources>>();

  constructor(
    readonly transport: Transport,
    readonly config: Pick<LoadedKubeConfig, 'contextName' | 'namespace' | 'server'>,
  ) {}

  /** Loads the kubeconfig (kubectl's rules) and prepares a client; no request is made yet. */
  static connect(opts: ConnectOptions): KubeClient {
    const loaded = loadKubeConfig(opts);
    const transport = new Transport(loaded.cluster, loaded.user, loaded.cluster.server, loaded.server, loaded.contextName, {
      timeoutMs: opts.timeoutMs,
      ...opts.transport,
    });
    return new KubeClient(transport, loaded);
  }

  /** The namespace commands default to: the context's, else "default". */
  get defaultNamespace(): string {
    return this.config.namespace ?? 'default';
  }

  close(): void {
    this.transport.close();
  }

  // ------------------------------------------------------------------ discovery

  private gvResources(group: string, version: string, refresh = false): Promise<GroupVersionResources> {
    const key = `${group}/${version}`;
    if (refresh) this.discovery.delete(key);
    let p = this.discovery.get(key);
    if (!p) {
      p = (async () => {
        const path = group === '' ? `/api/${version}` : `/apis/${group}/${version}`;
        try {
          const res = await this.transport.request({ method: 'GET', path, what: { verb: 'discover', resource: key } });
          const body = res.body as { resources?: Array<{ name: string; kind: string; namespaced: boolean; verbs: string[] }> };
          const resources = (body.resources ?? [])
            .filter((r) => !r.name.includes('/'))
            .map((r) => ({ group, version, kind: r.kind, resource: r.name, namespaced: r.namespaced, verbs: r.verbs }));
          return { resources, served: true };
        } catch (e) {
          if (e instanceof KubeApiError && e.status === 404) return { resources: [], served: false };
          throw e;
        }
      })();
      p.catch(() => this.discovery.delete(key));
      this.discovery.set(key, p);
    }
    return p;
  }

  /** Forgets what discovery said (e.g. after CRDs were applied). */
  invalidateDiscovery(): void {
    this.discovery.clear();
  }

  /** The REST mapping of a kind, or undefined when the server does not serve it. */
  async findMapping(ref: TypeRef): Promise<ResourceMapping | undefined> {
    const { group, version } = splitApiVersion(ref.apiVersion);
    let gv = await this.gvResources(group, version);
    let m = gv.resources.find((r) => r.kind === ref.kind);
    if (!m) {
      // The kind may have been registered by a CRD since the last look.
      gv = await this.gvResources(group, version, true);
      m = gv.resources.find((r) => r.kind === ref.kind);
    }
    return m;
  }

  async mapping(ref: TypeRef): Promise<ResourceMapping> {
    const m = await this.findMapping(ref);
    if (!m) {
      throw new SailError('KUBE', `no matches for kind "${ref.kind}" in version "${ref.apiVersion}"`, {
        hint: 'is the CustomResourceDefinition for this kind installed?',
      });
    }
    return m;
  }

  private path(m: ResourceMapping, namespace: string | undefined, name?: string, sub?: string): string {
    const root = m.group === '' ? `/api/${m.version}` : `/apis/${m.group}/${m.version}`;
    const ns = m.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${root}${ns}/${m.resource}${name ? `/${encodeURIComponent(name)}` : ''}${sub ? `/${sub}` : ''}`;
  }

  private nsFor(m: ResourceMapping, namespace: string | undefined): string | undefined {
    return m.namespaced ? namespace ?? this.defaultNamespace : undefined;
  }

  // ------------------------------------------------------------------ reads

  async serverVersion(): Promise<ServerVersion> {
    const res = await this.transport.request({ method: 'GET', path: '/version', what: { verb: 'get', resource: 'the server version' } });
    return res.body as ServerVersion;
  }

  /** The object, or undefined when it does not exist. */
  async get(ref: TypeRef, name: string, namespace?: string): Promise<KubeObject | undefined> {
    const m = await this.mapping(ref);
    const ns = this.nsFor(m, namespace);
    try {
      const res = await this.transport.request({ method: 'GET', path: this.path(m, ns, name), what: { verb: 'get', resource: m.resource, namespace: ns, name } });
      return res.body as KubeObject;
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  /** Lists a kind; without a namespace, across all namespaces. Unserved kinds list as empty. */
  async list(ref: TypeRef, opts: ListOptions = {}): Promise<KubeObject[]> {
    const m = await this.findMapping(ref);
    if (!m) return [];
    const ns = m.namespaced ? opts.namespace : undefined;
    const res = await this.transport.request({
      method: 'GET',
      path: this.path(m, ns),
      query: { labelSelector: opts.labelSelector || undefined, fieldSelector: opts.fieldSelector || undefined },
      what: { verb: 'list', resource: m.resource, namespace: ns },
    });
    const body = res.body as { items?: KubeObject[] };
    const [group] = [m.group];
    // List items omit apiVersion/kind; fill them in so callers can name objects.
    return (body.items ?? []).map((o) => ({ ...o, apiVersion: group ? `${group}/${m.version}` : m.version, kind: m.kind }));
  }

  // ------------------------------------------------------------------ writes

  async create(obj: KubeObject, opts: { dryRun?: boolean } = {}): Promise<KubeObject> {
    const m = await this.mapping(obj);
    const ns = this.nsFor(m, obj.metadata.namespace);
    const res = await this.transport.request({
      method: 'POST',
      path: this.path(m, ns),
      query: { dryRun: opts.dryRun ? 'All' : undefined },
      body: obj,
      what: { verb: 'create', resource: m.resource, namespace: ns, name: obj.metadata.name },
    });
    return res.body as KubeObject;
  }

  /** Server-side apply (application/apply-patch+yaml); fieldManager istio-operator and force by default, as istioctl. */
  async apply(obj: KubeObject, opts: ApplyOptions = {}): Promise<KubeObject> {
    const m = await this.mapping(obj);
    const ns = this.nsFor(m, obj.metadata.namespace);
    const body = { ...obj, metadata: { ...obj.metadata, ...(ns ? { namespace: ns } : {}) } };
    delete (body.metadata as Record<string, unknown>)['managedFields'];
    delete (body.metadata as Record<string, unknown>)['resourceVersion'];
    const res = await this.transport.request({
      method: 'PATCH',
      path: this.path(m, ns, obj.metadata.name),
      query: {
        fieldManager: opts.fieldManager ?? ISTIO_FIELD_MANAGER,
        force: String(opts.force ?? true),
        dryRun: opts.dryRun ? 'All' : undefined,
      },
      body,
      // JSON is YAML, so the apply body needs no YAML serializer.
      contentType: 'application/apply-patch+yaml',
      what: { verb: 'patch', resource: m.resource, namespace: ns, name: obj.metadata.name },
    });
    return res.body as KubeObject;
  }

  async patch(ref: TypeRef, name: string, namespace: string | undefined, patch: unknown, type: PatchType = 'merge', opts: { fieldManager?: string } = {}): Promise<KubeObject> {
    const m = await this.mapping(ref);
    const ns = this.nsFor(m, namespace);
    const res = await this.transport.request({
      method: 'PATCH',
      path: this.path(m, ns, name),
      query: { fieldManager: opts.fieldManager },
      body: patch,
      contentType: PATCH_CONTENT_TYPES[type],
      what: { verb: 'patch', resource: m.resource, namespace: ns, name },
    });
    return res.body as KubeObject;
  }

  /** Deletes one object; false when it was already gone. Foreground propagation by default, as istioctl's uninstall. */
  async delete(ref: TypeRef, name: string, namespace?: string, opts: { propagationPolicy?: PropagationPolicy; dryRun?: boolean } = {}): Promise<boolean> {
    const m = await this.mapping(ref);
    const ns = this.nsFor(m, namespace);
    try {
      await this.transport.request({
        method: 'DELETE',
        path: this.path(m, ns, name),
        query: { dryRun: opts.dryRun ? 'All' : undefined },
        body: { kind: 'DeleteOptions', apiVersion: 'v1', propagationPolicy: opts.propagationPolicy ?? 'Foreground' },
        what: { verb: 'delete', resource: m.resource, namespace: ns, name },
      });
      return true;
    } catch (e) {
      if (e instanceof KubeApiError && e.status === 404) return false;
      throw e;
    }
  }

  // ------------------------------------------------------------------ across kinds

  /** Objects of all the given kinds matching a label selector (all namespaces unless one is given); unserved kinds are skipped. */
  async listByLabel(kinds: readonly TypeRef[], labelSelector: string, opts: { namespace?: string } = {}): Promise<KubeObject[]> {
    const lists = await Promise.all(kinds.map((k) => this.list(k, { labelSelector, namespace: opts.namespace })));
    return lists.flat();
  }

  /** Deletes what listByLabel finds; returns the objects deleted. */
  async deleteByLabel(kinds: readonly TypeRef[], labelSelector: string, opts: { namespace?: string; dryRun?: boolean; propagationPolicy?: PropagationPolicy } = {}): Promise<KubeObject[]> {
    const found = await this.listByLabel(kinds, labelSelector, opts);
    const deleted: KubeObject[] = [];
    for (const o of found) {
      if (await this.delete(o, o.metadata.name, o.metadata.namespace, opts)) deleted.push(o);
    }
    return deleted;
  }

  // ------------------------------------------------------------------ authorization

  async canI(check: AccessCheck): Promise<{ allowed: boolean; reason?: string }> {
    const res = await this.transport.request({
      method: 'POST',
      path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
      body: {
        apiVersion: 'authorization.k8s.io/v1',
        kind: 'SelfSubjectAccessReview',
        spec: {
          resourceAttributes: {
            verb: check.verb,
            group: check.group,
            resource: check.resource,
            ...(check.namespace ? { namespace: check.namespace } : {}),
            ...(check.name ? { name: check.name } : {}),
          },
        },
      },
      what: { verb: 'create', resource: 'selfsubjectaccessreviews' },
    });
    const status = (res.body as { status?: { allowed?: boolean; reason?: string } }).status ?? {};
    return { allowed: status.allowed === true, ...(status.reason ? { reason: status.reason } : {}) };
  }
}
