/**
 * A local Kubernetes API server for tests (node:http on 127.0.0.1, ephemeral port).
 *
 * It follows the real apiserver's REST contract closely enough for kubectl and sailctl: discovery,
 * CRUD with resourceVersion/generation/uid, label and field selectors, server-side apply with
 * per-manager field ownership and 409 conflicts, merge/strategic/JSON patches, the status
 * subresource, deletion with owner-reference garbage collection, CRD-registered kinds,
 * SelfSubjectAccessReview, watch, Table output, and Status error objects. It runs no real
 * controllers; `controllers: true` makes Deployments/DaemonSets/StatefulSets/Jobs complete at
 * once (with ReplicaSets and Pods), and tests inject faults (5xx, 429, dropped connections,
 * forbidden verbs, never-ready workloads) through the handle.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { AddressInfo, Socket } from 'node:net';
import { createHash, randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { parse as parseYaml } from 'yaml';
import { builtinResources, groupVersion, resourcesFromCrd, type ResourceType } from './resources.js';
import {
  clone,
  deepEqual,
  deepMerge,
  deletePath,
  dotted,
  fieldsV1,
  getPath,
  isObject,
  jsonPatch,
  keyPath,
  leafPaths,
  mergePatch,
  PatchError,
  pathKey,
  strategicMergePatch,
  type FieldPath,
  type Json,
  type JsonObject,
  type JsonPatchOp,
} from './fields.js';
import { matchesFields, matchesLabels, parseFieldSelector, parseLabelSelector, SelectorError } from './selectors.js';
import { ApiError, errors } from './status.js';
import { acceptsJson, decodeProtobufBody, notAcceptable } from './protobuf.js';

export interface Fault {
  /** which requests it hits; all when absent */
  method?: string;
  pathIncludes?: string;
  kind: 'status500' | 'status503' | 'status429' | 'drop' | 'delay';
  /** how many matching requests it affects (Infinity for all) */
  times: number;
  retryAfterSeconds?: number;
  delayMs?: number;
}

export interface ForbiddenRule {
  verb: string;
  /** plural resource name, e.g. "clusterroles"; '*' for all */
  resource: string;
  group?: string;
  namespace?: string;
}

export interface NotReadyReason {
  reason: string;
  message: string;
}

export interface KubeServerOptions {
  /** gitVersion reported by /version */
  gitVersion?: string;
  /** when set, requests must carry `Authorization: Bearer <token>` */
  token?: string;
  /** the user name Forbidden messages and SelfSubjectAccessReviews speak about */
  user?: string;
  /** complete workload controllers' status at once (ReplicaSets, Pods, ready counts) */
  controllers?: boolean;
  /** with controllers: a workload for which this returns a reason stays not ready (its pods show it) */
  notReady?: (workload: JsonObject) => NotReadyReason | undefined;
  /** serve HTTPS with this certificate; with clientCa, requests must present a client certificate it signed */
  tls?: { cert: string; key: string; clientCa?: string };
}

export interface RequestRecord {
  method: string;
  path: string;
  query: URLSearchParams;
  contentType: string | undefined;
  userAgent: string | undefined;
  authorization: string | undefined;
}

interface Ownership {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time: string;
  subresource?: string;
  paths: Set<string>;
}

interface Stored {
  obj: JsonObject;
  owners: Ownership[];
}

interface Parsed {
  type: ResourceType;
  namespace: string | undefined;
  name: string | undefined;
  subresource: string | undefined;
}

export interface WatchEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  object: JsonObject;
}

const now = (): string => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export class KubeServer {
  readonly options: KubeServerOptions;
  private server: Server | undefined;
  private sockets = new Set<Socket>();
  private types: ResourceType[] = builtinResources();
  private store = new Map<string, Stored>();
  private rv = 100;
  private events = new EventEmitter();
  faults: Fault[] = [];
  forbidden: ForbiddenRule[] = [];
  requests: RequestRecord[] = [];
  gitVersion: string;
  url = '';

  constructor(options: KubeServerOptions = {}) {
    this.options = options;
    this.gitVersion = options.gitVersion ?? 'v1.32.3';
    this.events.setMaxListeners(0);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      this.put(this.typeOf('', 'Namespace'), { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: { 'kubernetes.io/metadata.name': ns } }, status: { phase: 'Active' } }, 'kube-apiserver');
    }
    this.put(this.typeOf('', 'Node'), { apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1', labels: { 'kubernetes.io/hostname': 'node-1' } }, status: { conditions: [{ type: 'Ready', status: 'True' }] } }, 'kubelet');
  }

  async start(): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse): void => {
      void this.handle(req, res);
    };
    const tls = this.options.tls;
    this.server = tls
      ? createHttpsServer({ cert: tls.cert, key: tls.key, ...(tls.clientCa ? { ca: tls.clientCa, requestCert: true, rejectUnauthorized: false } : {}) }, handler)
      : createServer(handler);
    this.server.on('connection', (s: Socket) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `${tls ? 'https' : 'http'}://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.events.emit('close');
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  // ---------------------------------------------------------------- test helpers

  /** Adds a fault hitting the next `times` matching requests. */
  inject(fault: Fault): void {
    this.faults.push(fault);
  }

  /** The stored object (a copy), or undefined. */
  get(apiVersion: string, kind: string, name: string, namespace?: string): JsonObject | undefined {
    const t = this.typeOf(apiVersion.includes('/') ? apiVersion.split('/')[0]! : '', kind);
    const s = this.store.get(this.key(t, t.namespaced ? namespace : undefined, name));
    return s ? clone(s.obj) : undefined;
  }

  /** All stored objects of a kind (copies). */
  list(apiVersion: string, kind: string, namespace?: string): JsonObject[] {
    const t = this.typeOf(apiVersion.includes('/') ? apiVersion.split('/')[0]! : '', kind);
    return [...this.store.entries()]
      .filter(([k]) => k.startsWith(`${t.group}/${t.plural}/${namespace ?? ''}`))
      .map(([, s]) => clone(s.obj));
  }

  /** Creates or replaces an object directly (no admission), as a controller would. */
  seed(obj: JsonObject, manager = 'test-seed'): JsonObject {
    const apiVersion = String(obj['apiVersion']);
    const t = this.typeOf(apiVersion.includes('/') ? apiVersion.split('/')[0]! : '', String(obj['kind']));
    return clone(this.put(t, clone(obj), manager));
  }

  /** Deletes an object directly (dependents go too), as a controller would. */
  delete(apiVersion: string, kind: string, name: string, namespace?: string): boolean {
    const t = this.typeOf(apiVersion.includes('/') ? apiVersion.split('/')[0]! : '', kind);
    const s = this.store.get(this.key(t, t.namespaced ? namespace : undefined, name));
    if (!s) return false;
    this.remove(t, s.obj);
    return true;
  }

  /** Sets a workload's status as its controller would once it is ready. */
  markReady(apiVersion: string, kind: string, name: string, namespace: string): void {
    const s = this.store.get(this.key(this.typeOf(apiVersion.split('/')[0]!, kind), namespace, name));
    if (!s) throw new Error(`markReady: ${kind} ${namespace}/${name} not found`);
    this.reconcile(s.obj, true);
  }

  // ---------------------------------------------------------------- storage

  private typeOf(group: string, kind: string): ResourceType {
    const g = group === 'v1' ? '' : group;
    const t = this.types.find((x) => x.group === g && x.kind === kind);
    if (!t) throw new Error(`unknown kind ${group} ${kind}`);
    return t;
  }

  private key(t: ResourceType, namespace: string | undefined, name: string): string {
    return `${t.group}/${t.plural}/${t.namespaced ? namespace ?? '' : ''}/${name}`;
  }

  private nextRv(): string {
    this.rv += 1;
    return String(this.rv);
  }

  /** Stores obj (server-owned metadata filled in) and emits the watch event. */
  private put(t: ResourceType, obj: JsonObject, manager: string, owners?: Ownership[]): JsonObject {
    const meta = obj['metadata'] as JsonObject;
    const key = this.key(t, meta['namespace'] as string | undefined, String(meta['name']));
    const prev = this.store.get(key);
    if (!meta['uid']) meta['uid'] = randomUUID();
    if (!meta['creationTimestamp']) meta['creationTimestamp'] = now();
    meta['resourceVersion'] = this.nextRv();
    const stored: Stored = { obj, owners: owners ?? prev?.owners ?? [] };
    if (!owners && !prev) {
      stored.owners = [
        { manager, operation: 'Update', apiVersion: String(obj['apiVersion']), time: now(), paths: new Set(leafPaths(obj, { includeStatus: false }).map(pathKey)) },
      ];
    }
    this.renderManagedFields(stored);
    this.store.set(key, stored);
    this.emit(t, prev ? 'MODIFIED' : 'ADDED', obj);
    return obj;
  }

  private remove(t: ResourceType, obj: JsonObject): void {
    const meta = obj['metadata'] as JsonObject;
    const key = this.key(t, meta['namespace'] as string | undefined, String(meta['name']));
    if (!this.store.delete(key)) return;
    const gone = clone(obj);
    (gone['metadata'] as JsonObject)['resourceVersion'] = this.nextRv();
    this.emit(t, 'DELETED', gone);
    if (t.kind === 'CustomResourceDefinition') this.unregisterCrd(String(meta['name']));
    if (t.kind === 'Namespace') {
      for (const [k, s] of [...this.store.entries()]) {
        if ((s.obj['metadata'] as JsonObject)['namespace'] === meta['name']) {
          const st = this.typeOfObject(s.obj);
          if (st) this.remove(st, s.obj);
          else this.store.delete(k);
        }
      }
    }
    // Garbage collection: dependents go with their owner (orphaning is opt-in, see handleDelete).
    const uid = meta['uid'];
    for (const s of [...this.store.values()]) {
      const refs = ((s.obj['metadata'] as JsonObject)['ownerReferences'] ?? []) as JsonObject[];
      if (refs.some((r) => r['uid'] === uid)) {
        const st = this.typeOfObject(s.obj);
        if (st) this.remove(st, s.obj);
      }
    }
  }

  private typeOfObject(obj: JsonObject): ResourceType | undefined {
    const av = String(obj['apiVersion'] ?? '');
    const group = av.includes('/') ? av.split('/')[0]! : '';
    return this.types.find((x) => x.group === group && x.kind === obj['kind']);
  }

  private emit(t: ResourceType, type: WatchEvent['type'], obj: JsonObject): void {
    this.events.emit('change', t, { type, object: clone(obj) } satisfies WatchEvent);
  }

  private renderManagedFields(s: Stored): void {
    s.owners = s.owners.filter((o) => o.paths.size > 0);
    const meta = s.obj['metadata'] as JsonObject;
    meta['managedFields'] = s.owners.map((o) => ({
      manager: o.manager,
      operation: o.operation,
      apiVersion: o.apiVersion,
      time: o.time,
      fieldsType: 'FieldsV1',
      fieldsV1: fieldsV1([...o.paths].map(keyPath)),
      ...(o.subresource ? { subresource: o.subresource } : {}),
    }));
  }

  private registerCrd(crd: JsonObject): void {
    const name = String((crd['metadata'] as JsonObject)['name']);
    this.types = this.types.filter((t) => t.crd !== name).concat(resourcesFromCrd(crd));
    const names = ((crd['spec'] as JsonObject)['names'] ?? {}) as JsonObject;
    const cond = (type: string, reason: string, message: string): JsonObject => ({ type, status: 'True', lastTransitionTime: now(), reason, message });
    crd['status'] = {
      acceptedNames: clone(names),
      conditions: [cond('NamesAccepted', 'NoConflicts', 'no conflicts found'), cond('Established', 'InitialNamesAccepted', 'the initial names have been accepted')],
      storedVersions: (((crd['spec'] as JsonObject)['versions'] ?? []) as JsonObject[]).filter((v) => v['storage']).map((v) => v['name'] as Json),
    };
  }

  private unregisterCrd(name: string): void {
    const gone = this.types.filter((t) => t.crd === name);
    this.types = this.types.filter((t) => t.crd !== name);
    for (const t of gone) {
      for (const [k, s] of [...this.store.entries()]) if (k.startsWith(`${t.group}/${t.plural}/`)) this.remove(t, s.obj);
    }
  }

  // ---------------------------------------------------------------- HTTP

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    this.requests.push({
      method: req.method ?? 'GET',
      path: url.pathname,
      query: url.searchParams,
      contentType: req.headers['content-type'],
      userAgent: req.headers['user-agent'],
      authorization: req.headers['authorization'],
    });
    try {
      const fault = this.takeFault(req.method ?? 'GET', url.pathname);
      if (fault) {
        if (fault.kind === 'drop') {
          req.socket.destroy();
          return;
        }
        if (fault.kind === 'delay') await new Promise((r) => setTimeout(r, fault.delayMs ?? 1000));
        if (fault.kind === 'status500') throw errors.internal('injected fault');
        if (fault.kind === 'status503') throw errors.unavailable('injected fault: service unavailable');
        if (fault.kind === 'status429') throw errors.tooManyRequests(fault.retryAfterSeconds ?? 1);
      }
      const clientCertOk = this.options.tls?.clientCa !== undefined && (req.socket as TLSSocket).authorized === true;
      if (this.options.tls?.clientCa !== undefined && this.options.token === undefined && !clientCertOk) throw errors.unauthorized();
      if (this.options.token !== undefined && !clientCertOk && req.headers['authorization'] !== `Bearer ${this.options.token}`) throw errors.unauthorized();
      // Answers are JSON: a client that does not accept JSON gets 406, as from a real API server
      // that cannot answer in any type the client lists (protobuf.ts).
      if (!/^\/(healthz|readyz|livez)$/.test(url.pathname) && !acceptsJson(req.headers['accept'])) throw notAcceptable();
      const raw = await readBody(req);
      let body: string;
      // kubectl's typed commands (create namespace/secret/..., auth can-i) send protobuf bodies.
      if ((req.headers['content-type'] ?? '').includes('protobuf')) {
        if (req.method !== 'POST' && req.method !== 'PUT') throw errors.unsupportedMediaType(String(req.headers['content-type']));
        body = JSON.stringify(decodeProtobufBody(raw));
      } else body = raw.toString('utf8');
      await this.route(req, res, url, body);
    } catch (e) {
      const err = e instanceof ApiError ? e : errors.internal(e instanceof Error ? e.message : String(e));
      if (!res.headersSent) send(res, err.code, err.toStatus(), err.headers);
      else res.end();
    }
  }

  private takeFault(method: string, path: string): Fault | undefined {
    const f = this.faults.find((x) => x.times > 0 && (!x.method || x.method === method) && (!x.pathIncludes || path.includes(x.pathIncludes)));
    if (f) f.times -= 1;
    return f;
  }

  private async route(req: IncomingMessage, res: ServerResponse, url: URL, body: string): Promise<void> {
    const method = req.method ?? 'GET';
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/version') return send(res, 200, this.versionInfo());
    if (path === '/healthz' || path === '/readyz' || path === '/livez') return sendText(res, 200, 'ok');
    if (path === '/api') return send(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: this.url.replace(/^https?:\/\//, '') }] });
    if (path === '/apis') return send(res, 200, this.groupList());
    if (path === '/openapi/v3') return send(res, 200, this.openapiRoot());
    if (path.startsWith('/openapi/v3/')) return send(res, 200, this.openapiGroupVersion(path.slice('/openapi/v3/'.length)));
    if (path.startsWith('/openapi')) throw errors.pathNotFound();
    const segs = path.split('/').filter(Boolean);
    let group: string;
    let version: string;
    let rest: string[];
    if (segs[0] === 'api' && segs.length >= 2) {
      group = '';
      version = segs[1]!;
      rest = segs.slice(2);
    } else if (segs[0] === 'apis' && segs.length >= 2) {
      group = segs[1]!;
      if (segs.length === 2) return send(res, 200, this.groupInfo(group));
      version = segs[2]!;
      rest = segs.slice(3);
    } else throw errors.pathNotFound();
    const gvTypes = this.types.filter((t) => t.group === group && t.version === version);
    if (gvTypes.length === 0) throw errors.pathNotFound();
    if (rest.length === 0) return send(res, 200, this.resourceList(group, version));
    const parsed = this.parsePath(gvTypes, rest);
    await this.dispatch(req, res, url, method, parsed, body);
  }

  private parsePath(types: ResourceType[], rest: string[]): Parsed {
    const find = (plural: string): ResourceType => {
      const t = types.find((x) => x.plural === plural);
      if (!t) throw errors.pathNotFound();
      return t;
    };
    if (rest[0] === 'namespaces' && rest.length >= 3 && types.some((x) => x.plural === rest[2] && x.namespaced)) {
      const t = find(rest[2]!);
      return { type: t, namespace: rest[1], name: rest[3], subresource: rest[4] };
    }
    const t = find(rest[0]!);
    if (t.namespaced && rest.length > 1) throw errors.pathNotFound();
    return { type: t, namespace: undefined, name: rest[1], subresource: rest[2] };
  }

  private checkForbidden(t: ResourceType, verb: string, namespace: string | undefined, name: string | undefined): void {
    if (this.isForbidden(t.group, t.plural, verb, namespace)) {
      throw errors.forbidden(t, name, this.options.user ?? 'sailctl-test', verb, namespace);
    }
  }

  private isForbidden(group: string, plural: string, verb: string, namespace: string | undefined): boolean {
    return this.forbidden.some(
      (r) =>
        (r.verb === '*' || r.verb === verb) &&
        (r.resource === '*' || r.resource === plural) &&
        (r.group === undefined || r.group === group) &&
        (r.namespace === undefined || r.namespace === namespace),
    );
  }

  private async dispatch(req: IncomingMessage, res: ServerResponse, url: URL, method: string, p: Parsed, body: string): Promise<void> {
    const q = url.searchParams;
    const t = p.type;
    const sub = p.subresource;
    if (sub && sub !== 'status' && sub !== 'scale' && !(t.kind === 'Namespace' && sub === 'finalize')) throw errors.pathNotFound();
    if (sub === 'status' && !t.statusSubresource) throw errors.pathNotFound();
    if (sub === 'scale' && !t.scaleSubresource) throw errors.pathNotFound();
    const dryRun = q.get('dryRun') === 'All';
    if (sub === 'scale') return this.scale(req, res, method, t, p, body, managerOf(q, req), dryRun);
    if (t.kind === 'SelfSubjectAccessReview' || t.kind === 'SelfSubjectRulesReview') {
      if (method !== 'POST') throw errors.methodNotAllowed(method);
      return send(res, 201, this.review(t, parseBody(body, req.headers['content-type'])));
    }
    if (method === 'GET') {
      if (p.name === undefined) {
        const verb = q.get('watch') === 'true' || q.get('watch') === '1' ? 'watch' : 'list';
        this.checkForbidden(t, verb, p.namespace, undefined);
        if (verb === 'watch') return this.watch(req, res, t, p.namespace, q);
        return this.sendMaybeTable(req, res, t, this.listObjects(t, p.namespace, q), q);
      }
      this.checkForbidden(t, 'get', p.namespace, p.name);
      const obj = this.mustGet(t, p.namespace, p.name).obj;
      return this.sendMaybeTable(req, res, t, [this.asVersion(obj, t)], q, true);
    }
    if (method === 'POST') {
      if (p.name !== undefined) throw errors.methodNotAllowed('post');
      this.checkForbidden(t, 'create', p.namespace, undefined);
      const obj = parseBody(body, req.headers['content-type']);
      return send(res, 201, this.create(t, p.namespace, obj, managerOf(q, req), dryRun));
    }
    if (method === 'PUT') {
      if (p.name === undefined) throw errors.methodNotAllowed('put');
      this.checkForbidden(t, 'update', p.namespace, p.name);
      const obj = parseBody(body, req.headers['content-type']);
      return send(res, 200, this.update(t, p.namespace, p.name, sub, obj, managerOf(q, req), dryRun));
    }
    if (method === 'PATCH') {
      if (p.name === undefined) throw errors.methodNotAllowed('patch');
      this.checkForbidden(t, 'patch', p.namespace, p.name);
      const ct = (req.headers['content-type'] ?? '').split(';')[0]!.trim();
      if (ct === 'application/apply-patch+yaml' || ct === 'application/apply-patch+cbor') {
        const manager = q.get('fieldManager');
        if (!manager) throw errors.badRequest('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
        const force = q.get('force') === 'true';
        const applied = parseBody(body, 'application/yaml');
        const r = this.apply(t, p.namespace, p.name, sub, applied, manager, force, dryRun);
        return send(res, r.created ? 201 : 200, r.obj);
      }
      return send(res, 200, this.patch(t, p.namespace, p.name, sub, ct, body, managerOf(q, req), dryRun));
    }
    if (method === 'DELETE') {
      const opts = body.trim() ? (parseBody(body, 'application/json') as JsonObject) : {};
      const policy = String(q.get('propagationPolicy') ?? opts['propagationPolicy'] ?? 'Background');
      if (p.name === undefined) {
        this.checkForbidden(t, 'deletecollection', p.namespace, undefined);
        const items = this.listObjects(t, p.namespace, q);
        if (!dryRun) for (const o of items) this.deleteOne(t, o, policy);
        return send(res, 200, this.listBody(t, items));
      }
      this.checkForbidden(t, 'delete', p.namespace, p.name);
      const s = this.mustGet(t, p.namespace, p.name);
      const pre = (opts['preconditions'] ?? {}) as JsonObject;
      const meta = s.obj['metadata'] as JsonObject;
      if (pre['resourceVersion'] !== undefined && pre['resourceVersion'] !== meta['resourceVersion']) throw errors.conflict(t, p.name);
      if (pre['uid'] !== undefined && pre['uid'] !== meta['uid']) throw errors.conflict(t, p.name);
      const result = dryRun ? clone(s.obj) : this.deleteOne(t, s.obj, policy);
      if (result) return send(res, 200, this.asVersion(result, t));
      return send(res, 200, {
        kind: 'Status',
        apiVersion: 'v1',
        metadata: {},
        status: 'Success',
        details: { name: p.name, ...(t.group ? { group: t.group } : {}), kind: t.plural, uid: meta['uid'] as string },
      });
    }
    throw errors.methodNotAllowed(method.toLowerCase());
  }

  /** Returns the object when it lingers (finalizers, namespaces); undefined when it is gone. */
  private deleteOne(t: ResourceType, obj: JsonObject, policy: string): JsonObject | undefined {
    const meta = obj['metadata'] as JsonObject;
    const finalizers = (meta['finalizers'] ?? []) as string[];
    if (finalizers.length > 0) {
      if (!meta['deletionTimestamp']) {
        meta['deletionTimestamp'] = now();
        meta['deletionGracePeriodSeconds'] = 0;
        const s = this.store.get(this.key(t, meta['namespace'] as string | undefined, String(meta['name'])))!;
        this.put(t, obj, '', s.owners);
      }
      return clone(obj);
    }
    if (policy === 'Orphan') {
      const uid = meta['uid'];
      for (const s of this.store.values()) {
        const m = s.obj['metadata'] as JsonObject;
        const refs = (m['ownerReferences'] ?? []) as JsonObject[];
        if (refs.some((r) => r['uid'] === uid)) m['ownerReferences'] = refs.filter((r) => r['uid'] !== uid);
      }
    }
    const gone = clone(obj);
    this.remove(t, obj);
    if (t.kind === 'Namespace') {
      (gone['metadata'] as JsonObject)['deletionTimestamp'] = now();
      gone['status'] = { phase: 'Terminating' };
      return gone;
    }
    return undefined;
  }

  private mustGet(t: ResourceType, namespace: string | undefined, name: string): Stored {
    const s = this.store.get(this.key(t, namespace, name));
    if (!s) throw errors.notFound(t, name);
    return s;
  }

  private listObjects(t: ResourceType, namespace: string | undefined, q: URLSearchParams): JsonObject[] {
    let labelReqs;
    let fieldReqs;
    try {
      labelReqs = parseLabelSelector(q.get('labelSelector') ?? '');
      fieldReqs = parseFieldSelector(q.get('fieldSelector') ?? '');
    } catch (e) {
      if (e instanceof SelectorError) throw errors.badRequest(`unable to parse requirement: ${e.message}`);
      throw e;
    }
    const prefix = `${t.group}/${t.plural}/${t.namespaced && namespace ? namespace + '/' : ''}`;
    const out: JsonObject[] = [];
    for (const [k, s] of this.store) {
      if (!k.startsWith(prefix)) continue;
      const meta = s.obj['metadata'] as JsonObject;
      if (!matchesLabels(labelReqs, meta['labels'] as Record<string, string> | undefined)) continue;
      if (!matchesFields(fieldReqs, s.obj)) continue;
      out.push(this.asVersion(s.obj, t));
    }
    out.sort((a, b) => {
      const ma = a['metadata'] as JsonObject;
      const mb = b['metadata'] as JsonObject;
      return `${ma['namespace'] ?? ''}/${ma['name']}`.localeCompare(`${mb['namespace'] ?? ''}/${mb['name']}`);
    });
    return out;
  }

  private listBody(t: ResourceType, items: JsonObject[]): JsonObject {
    return { kind: `${t.kind}List`, apiVersion: groupVersion(t), metadata: { resourceVersion: String(this.rv) }, items };
  }

  private asVersion(obj: JsonObject, t: ResourceType): JsonObject {
    const o = clone(obj);
    o['apiVersion'] = groupVersion(t);
    return o;
  }

  private sendMaybeTable(req: IncomingMessage, res: ServerResponse, t: ResourceType, items: JsonObject[], q: URLSearchParams, single = false): void {
    const accept = req.headers['accept'] ?? '';
    if (/as=Table/.test(accept)) return send(res, 200, this.table(t, items, q.get('includeObject') ?? 'PartialObjectMetadata'));
    if (single) return send(res, 200, items[0]!);
    send(res, 200, this.listBody(t, items));
  }

  private table(t: ResourceType, items: JsonObject[], include: string): JsonObject {
    const extra: Array<{ name: string; cell: (o: JsonObject) => Json }> = [];
    if (t.kind === 'Namespace') extra.push({ name: 'Status', cell: (o) => (getPath(o, ['status', 'phase']) ?? 'Active') as Json });
    if (t.kind === 'ConfigMap') extra.push({ name: 'Data', cell: (o) => Object.keys((o['data'] ?? {}) as JsonObject).length });
    if (t.kind === 'Deployment')
      extra.push({ name: 'Ready', cell: (o) => `${getPath(o, ['status', 'readyReplicas']) ?? 0}/${getPath(o, ['spec', 'replicas']) ?? 1}` });
    return {
      kind: 'Table',
      apiVersion: 'meta.k8s.io/v1',
      metadata: { resourceVersion: String(this.rv) },
      columnDefinitions: [
        { name: 'Name', type: 'string', format: 'name', description: 'Name must be unique within a namespace.', priority: 0 },
        ...extra.map((c) => ({ name: c.name, type: 'string', format: '', description: c.name, priority: 0 })),
        { name: 'Age', type: 'string', format: '', description: 'CreationTimestamp', priority: 0 },
      ],
      rows: items.map((o) => {
        const meta = o['metadata'] as JsonObject;
        return {
          cells: [meta['name'] as Json, ...extra.map((c) => c.cell(o)), age(String(meta['creationTimestamp']))],
          object: include === 'Object' ? o : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: meta },
        };
      }),
    };
  }

  private watch(req: IncomingMessage, res: ServerResponse, t: ResourceType, namespace: string | undefined, q: URLSearchParams): void {
    const labelReqs = parseLabelSelector(q.get('labelSelector') ?? '');
    const fieldReqs = parseFieldSelector(q.get('fieldSelector') ?? '');
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    // Clients wait for the headers before reading events; send them now, not with the first event.
    res.flushHeaders();
    const matches = (o: JsonObject): boolean => {
      const meta = o['metadata'] as JsonObject;
      if (t.namespaced && namespace && meta['namespace'] !== namespace) return false;
      return matchesLabels(labelReqs, meta['labels'] as Record<string, string> | undefined) && matchesFields(fieldReqs, o);
    };
    const write = (ev: WatchEvent): void => {
      res.write(JSON.stringify({ type: ev.type, object: this.asVersion(ev.object, t) }) + '\n');
    };
    const since = q.get('resourceVersion');
    if (!since || since === '0') for (const o of this.listObjects(t, namespace, q)) write({ type: 'ADDED', object: o });
    const onChange = (ct: ResourceType, ev: WatchEvent): void => {
      if (ct.group === t.group && ct.plural === t.plural && matches(ev.object)) write(ev);
    };
    const end = (): void => {
      clearTimeout(timer);
      this.events.off('change', onChange);
      this.events.off('close', end);
      res.end();
    };
    const timer = setTimeout(end, Number(q.get('timeoutSeconds') ?? 30) * 1000);
    this.events.on('change', onChange);
    this.events.on('close', end);
    req.on('close', end);
  }

  // ---------------------------------------------------------------- writes

  private admit(t: ResourceType, namespace: string | undefined, obj: JsonObject, name: string | undefined): JsonObject {
    if (!isObject(obj['metadata'])) obj['metadata'] = {};
    const meta = obj['metadata'] as JsonObject;
    const gv = groupVersion(t);
    if (obj['kind'] !== undefined && obj['kind'] !== t.kind) throw errors.badRequest(`the API version in the data (${obj['apiVersion']}) does not match the expected API version (${gv})`);
    if (obj['apiVersion'] !== undefined && obj['apiVersion'] !== gv) throw errors.badRequest(`the API version in the data (${obj['apiVersion']}) does not match the expected API version (${gv})`);
    obj['apiVersion'] = gv;
    obj['kind'] = t.kind;
    if (!meta['name'] && meta['generateName'] && !name) meta['name'] = `${meta['generateName']}${randomUUID().slice(0, 5)}`;
    if (name !== undefined) {
      if (meta['name'] !== undefined && meta['name'] !== name) throw errors.badRequest(`the name of the object (${meta['name']}) does not match the name on the URL (${name})`);
      meta['name'] = name;
    }
    const n = String(meta['name'] ?? '');
    if (n === '') throw errors.invalid(t.kind, t.group, '', 'metadata.name', 'Required value: name or generateName is required');
    if (!DNS_SUBDOMAIN.test(n) || n.length > 253) {
      throw errors.invalid(t.kind, t.group, n, 'metadata.name', `Invalid value: "${n}": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`);
    }
    if (t.namespaced) {
      if (meta['namespace'] !== undefined && namespace !== undefined && meta['namespace'] !== namespace) {
        throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      const ns = namespace ?? (meta['namespace'] as string | undefined);
      if (!ns) throw errors.badRequest('an empty namespace may not be set during creation');
      meta['namespace'] = ns;
    } else delete meta['namespace'];
    for (const k of ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'managedFields', 'deletionTimestamp', 'selfLink']) {
      if (k !== 'resourceVersion') delete meta[k];
    }
    return obj;
  }

  private checkNamespace(t: ResourceType, ns: string | undefined, name: string): void {
    if (!t.namespaced || ns === undefined) return;
    const s = this.store.get(this.key(this.typeOf('', 'Namespace'), undefined, ns));
    if (!s) throw errors.namespaceNotFound(ns);
    if ((s.obj['metadata'] as JsonObject)['deletionTimestamp']) throw errors.terminating(t, name, ns);
  }

  private create(t: ResourceType, namespace: string | undefined, body: Json, manager: string, dryRun: boolean): JsonObject {
    if (!isObject(body)) throw errors.badRequest('the body of the request was not an object');
    const obj = this.admit(t, namespace, clone(body), undefined);
    const meta = obj['metadata'] as JsonObject;
    delete meta['resourceVersion'];
    const name = String(meta['name']);
    this.checkNamespace(t, meta['namespace'] as string | undefined, name);
    if (this.store.has(this.key(t, meta['namespace'] as string | undefined, name))) throw errors.alreadyExists(t, name);
    this.initialize(t, obj);
    const owners: Ownership[] = [
      { manager, operation: 'Update', apiVersion: groupVersion(t), time: now(), paths: new Set(leafPaths(obj, { includeStatus: false }).map(pathKey)) },
    ];
    if (dryRun) return finalizeDry(obj);
    const stored = this.put(t, obj, manager, owners);
    this.afterWrite(t, stored);
    return clone(stored);
  }

  /** What the server sets on a new object: generation, initial status. */
  private initialize(t: ResourceType, obj: JsonObject): void {
    if (t.generation) (obj['metadata'] as JsonObject)['generation'] = 1;
    if (t.statusSubresource && t.kind !== 'Namespace' && t.kind !== 'CustomResourceDefinition') delete obj['status'];
    if (t.kind === 'Namespace') {
      obj['status'] = { phase: 'Active' };
      const meta = obj['metadata'] as JsonObject;
      meta['labels'] = { ...((meta['labels'] ?? {}) as JsonObject), 'kubernetes.io/metadata.name': meta['name'] as Json };
      obj['spec'] = { finalizers: ['kubernetes'] };
    }
    if (t.kind === 'CustomResourceDefinition') this.registerCrd(obj);
  }

  /** Applies a new desired object `next` over stored `s`: status rules, generation, ownership of changed fields. */
  private commitUpdate(t: ResourceType, s: Stored, next: JsonObject, manager: string, sub: string | undefined, dryRun: boolean, ownersOverride?: Ownership[]): JsonObject {
    const prev = s.obj;
    const pm = prev['metadata'] as JsonObject;
    const nm = next['metadata'] as JsonObject;
    for (const k of ['uid', 'creationTimestamp', 'generation', 'deletionTimestamp', 'deletionGracePeriodSeconds']) {
      if (pm[k] !== undefined) nm[k] = pm[k] as Json;
      else delete nm[k];
    }
    if (t.statusSubresource) {
      if (sub === 'status') {
        // a status write changes only status
        const status = next['status'];
        const keep = clone(prev);
        if (status === undefined) delete keep['status'];
        else keep['status'] = status;
        (keep['metadata'] as JsonObject)['resourceVersion'] = pm['resourceVersion'] as Json;
        Object.assign(next, keep);
        for (const k of Object.keys(next)) if (!(k in keep)) delete next[k];
      } else if (prev['status'] !== undefined) next['status'] = clone(prev['status']);
      else delete next['status'];
    }
    if (t.generation && sub !== 'status') {
      const strip = (o: JsonObject): JsonObject => {
        const { metadata: _m, status: _s, ...rest } = o;
        return rest;
      };
      if (!deepEqual(strip(prev), strip(next))) nm['generation'] = Number(pm['generation'] ?? 0) + 1;
    }
    if (t.kind === 'CustomResourceDefinition' && sub !== 'status') this.registerCrdIfNotDry(next, dryRun);
    // Nothing changed: the real apiserver keeps resourceVersion and managedFields.
    const compare = (o: JsonObject): JsonObject => {
      const c = clone(o);
      const m = c['metadata'] as JsonObject;
      delete m['managedFields'];
      delete m['resourceVersion'];
      return c;
    };
    let owners = ownersOverride;
    if (!owners) {
      const changed = changedPaths(prev, next, sub === 'status');
      owners = s.owners.map((o) => ({ ...o, paths: new Set(o.paths) }));
      if (changed.length > 0) {
        for (const o of owners) for (const p of changed) o.paths.delete(p);
        let mine = owners.find((o) => o.manager === manager && o.operation === 'Update' && o.subresource === sub);
        if (!mine) {
          mine = { manager, operation: 'Update', apiVersion: groupVersion(t), time: now(), paths: new Set(), ...(sub ? { subresource: sub } : {}) };
          owners.push(mine);
        }
        const nowLeaves = new Set(leafPaths(next, { includeStatus: sub === 'status' }).map(pathKey));
        for (const p of changed) if (nowLeaves.has(p)) mine.paths.add(p);
        mine.time = now();
      }
    }
    if (deepEqual(compare(prev), compare(next)) && sameOwners(s.owners, owners)) return clone(prev);
    if (dryRun) return finalizeDry(next);
    const finalizers = (nm['finalizers'] ?? []) as string[];
    if (nm['deletionTimestamp'] && finalizers.length === 0) {
      this.remove(t, prev);
      return clone(next);
    }
    const stored = this.put(t, next, manager, owners);
    this.afterWrite(t, stored);
    return clone(stored);
  }

  private registerCrdIfNotDry(crd: JsonObject, dryRun: boolean): void {
    if (dryRun) return;
    const status = crd['status'];
    this.registerCrd(crd);
    if (status !== undefined && isObject(status) && isObject(crd['status'])) crd['status'] = { ...(status as JsonObject), ...(crd['status'] as JsonObject) };
  }

  private update(t: ResourceType, namespace: string | undefined, name: string, sub: string | undefined, body: Json, manager: string, dryRun: boolean): JsonObject {
    if (!isObject(body)) throw errors.badRequest('the body of the request was not an object');
    const s = this.mustGet(t, namespace, name);
    const next = this.admit(t, namespace ?? (t.namespaced ? ((s.obj['metadata'] as JsonObject)['namespace'] as string) : undefined), clone(body), name);
    const meta = next['metadata'] as JsonObject;
    if (meta['resourceVersion'] === undefined || meta['resourceVersion'] === '') {
      throw errors.invalid(t.kind, t.group, name, 'metadata.resourceVersion', 'Invalid value: 0: must be specified for an update');
    }
    if (meta['resourceVersion'] !== (s.obj['metadata'] as JsonObject)['resourceVersion']) throw errors.conflict(t, name);
    return this.commitUpdate(t, s, next, manager, sub, dryRun);
  }

  private patch(t: ResourceType, namespace: string | undefined, name: string, sub: string | undefined, contentType: string, body: string, manager: string, dryRun: boolean): JsonObject {
    const s = this.mustGet(t, namespace, name);
    // Custom resources have no strategic-merge metadata: the apiserver refuses that patch type for them.
    const applied = applyPatchBody(s.obj, contentType, body, !t.crd);
    const patchDoc = applied.patchDoc;
    let next = applied.next;
    if (!isObject(next)) throw errors.badRequest('the patch produced a non-object');
    const meta = (next['metadata'] ?? {}) as JsonObject;
    const prevMeta = s.obj['metadata'] as JsonObject;
    if (meta['resourceVersion'] !== prevMeta['resourceVersion'] && isObject(patchDoc) && isObject(patchDoc['metadata']) && 'resourceVersion' in patchDoc['metadata']) {
      throw errors.conflict(t, name);
    }
    meta['resourceVersion'] = prevMeta['resourceVersion'] as Json;
    next = this.admit(t, (prevMeta['namespace'] as string | undefined) ?? undefined, next, name);
    return this.commitUpdate(t, s, next, manager, sub, dryRun);
  }

  /**
   * The scale subresource (GET, PUT, PATCH): an autoscaling/v1 Scale whose spec.replicas is the
   * workload's and whose status carries its replicas and selector (as a selector string). A write
   * changes the workload's spec.replicas only, recorded under the manager with subresource scale.
   */
  private scale(req: IncomingMessage, res: ServerResponse, method: string, t: ResourceType, p: Parsed, body: string, manager: string, dryRun: boolean): void {
    if (p.name === undefined) throw errors.pathNotFound();
    const verb = method === 'GET' ? 'get' : method === 'PUT' ? 'update' : method === 'PATCH' ? 'patch' : undefined;
    if (!verb) throw errors.methodNotAllowed(method.toLowerCase());
    this.checkForbidden(t, verb, p.namespace, p.name);
    const s = this.mustGet(t, p.namespace, p.name);
    const current = scaleOf(s.obj);
    if (verb === 'get') return send(res, 200, current);
    let desired: Json;
    if (verb === 'update') {
      desired = parseBody(body, req.headers['content-type']);
      if (!isObject(desired)) throw errors.badRequest('the body of the request was not an object');
      const rv = isObject(desired['metadata']) ? desired['metadata']['resourceVersion'] : undefined;
      if (rv !== undefined && rv !== '' && rv !== (s.obj['metadata'] as JsonObject)['resourceVersion']) throw errors.conflict(t, p.name);
    } else {
      desired = applyPatchBody(current, (req.headers['content-type'] ?? '').split(';')[0]!.trim(), body, true).next;
    }
    const replicas = isObject(desired) && isObject(desired['spec']) ? desired['spec']['replicas'] : undefined;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw errors.invalid('Scale', 'autoscaling', p.name, 'spec.replicas', `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0`);
    }
    const next = clone(s.obj);
    (next['spec'] as JsonObject)['replicas'] = replicas;
    const updated = this.commitUpdate(t, s, next, manager, 'scale', dryRun);
    return send(res, 200, scaleOf(updated));
  }

  /** Server-side apply: per-manager ownership of leaf fields, 409 on fields another manager owns with a different value. */
  private apply(t: ResourceType, namespace: string | undefined, name: string, sub: string | undefined, body: Json, manager: string, force: boolean, dryRun: boolean): { obj: JsonObject; created: boolean } {
    if (!isObject(body)) throw errors.badRequest('the body of the request was not an object');
    const applied = this.admit(t, namespace, clone(body), name);
    const appliedMeta = applied['metadata'] as JsonObject;
    const rvPrecondition = appliedMeta['resourceVersion'];
    delete appliedMeta['resourceVersion'];
    const includeStatus = sub === 'status';
    const appliedPaths = leafPaths(applied, { includeStatus }).filter((p) => includeStatus === (p[0] === 'status'));
    const s = this.store.get(this.key(t, appliedMeta['namespace'] as string | undefined, name));
    const entry = (): Ownership => ({
      manager,
      operation: 'Apply',
      apiVersion: groupVersion(t),
      time: now(),
      paths: new Set(appliedPaths.map(pathKey)),
      ...(sub ? { subresource: sub } : {}),
    });
    if (!s) {
      if (sub) throw errors.notFound(t, name);
      this.checkNamespace(t, appliedMeta['namespace'] as string | undefined, name);
      const obj = clone(applied);
      this.initialize(t, obj);
      if (dryRun) return { obj: finalizeDry(obj), created: true };
      const stored = this.put(t, obj, manager, [entry()]);
      this.afterWrite(t, stored);
      return { obj: clone(stored), created: true };
    }
    if (rvPrecondition !== undefined && rvPrecondition !== (s.obj['metadata'] as JsonObject)['resourceVersion']) throw errors.conflict(t, name);
    const owners = s.owners.map((o) => ({ ...o, paths: new Set(o.paths) }));
    const conflicts = new Map<string, FieldPath[]>();
    for (const p of appliedPaths) {
      const k = pathKey(p);
      const mine = getPath(applied, p);
      for (const o of owners) {
        if (o.manager === manager && o.operation === 'Apply') continue;
        if ((o.subresource ?? undefined) !== sub) continue;
        const hit = [...o.paths].some((op) => op === k || op.startsWith(k + '\u0000') || k.startsWith(op + '\u0000'));
        if (hit && !deepEqual(getPath(s.obj, p), mine)) {
          if (!conflicts.has(o.manager)) conflicts.set(o.manager, []);
          conflicts.get(o.manager)!.push(p);
        }
      }
    }
    if (conflicts.size > 0 && !force) throw conflictError(t, name, conflicts, groupVersion(t));
    const appliedKeys = new Set(appliedPaths.map(pathKey));
    for (const o of owners) {
      if (o.manager === manager && o.operation === 'Apply' && o.subresource === sub) continue;
      // Shared values stay co-owned; forced or changed ones move to the applier.
      for (const p of [...o.paths]) {
        const pp = keyPath(p);
        if (appliedKeys.has(p) && !deepEqual(getPath(s.obj, pp), getPath(applied, pp))) o.paths.delete(p);
        else if ([...appliedKeys].some((a) => p.startsWith(a + '\u0000') || a.startsWith(p + '\u0000'))) o.paths.delete(p);
      }
    }
    let next = clone(s.obj);
    const previous = owners.find((o) => o.manager === manager && o.operation === 'Apply' && o.subresource === sub);
    if (previous) {
      const stillOwned = new Set(owners.filter((o) => o !== previous).flatMap((o) => [...o.paths]));
      for (const p of previous.paths) if (!appliedKeys.has(p) && !stillOwned.has(p)) deletePath(next, keyPath(p));
    }
    const overlay = clone(applied);
    if (!includeStatus) delete overlay['status'];
    next = deepMerge(next, overlay);
    (next['metadata'] as JsonObject)['resourceVersion'] = (s.obj['metadata'] as JsonObject)['resourceVersion'] as Json;
    const newOwners = owners.filter((o) => o !== previous);
    newOwners.push(entry());
    return { obj: this.commitUpdate(t, s, next, manager, sub, dryRun, newOwners), created: false };
  }

  // ---------------------------------------------------------------- controllers

  private afterWrite(t: ResourceType, obj: JsonObject): void {
    if (!this.options.controllers) return;
    if (['Deployment', 'DaemonSet', 'StatefulSet', 'Job'].includes(t.kind) && t.group !== '') this.reconcile(obj, false);
  }

  /** Drives a workload to its converged state as its controller would. */
  private reconcile(obj: JsonObject, forceReady: boolean): void {
    const kind = String(obj['kind']);
    const meta = obj['metadata'] as JsonObject;
    const ns = String(meta['namespace']);
    const spec = (obj['spec'] ?? {}) as JsonObject;
    const template = (spec['template'] ?? {}) as JsonObject;
    const broken = forceReady ? undefined : this.options.notReady?.(obj);
    const replicas = kind === 'DaemonSet' ? 1 : Number(spec['replicas'] ?? 1);
    const ready = broken ? 0 : replicas;
    const hash = createHash('sha256').update(JSON.stringify(template)).digest('hex').slice(0, 10);
    const ownerRef = (o: JsonObject): JsonObject => ({
      apiVersion: o['apiVersion'] as Json,
      kind: o['kind'] as Json,
      name: (o['metadata'] as JsonObject)['name'] as Json,
      uid: (o['metadata'] as JsonObject)['uid'] as Json,
      controller: true,
      blockOwnerDeletion: true,
    });
    let podOwner = obj;
    if (kind === 'Deployment') {
      const rsType = this.typeOf('apps', 'ReplicaSet');
      const rsName = `${meta['name']}-${hash}`;
      for (const old of this.list('apps/v1', 'ReplicaSet', ns)) {
        const refs = ((old['metadata'] as JsonObject)['ownerReferences'] ?? []) as JsonObject[];
        if (refs.some((r) => r['uid'] === meta['uid']) && (old['metadata'] as JsonObject)['name'] !== rsName) this.remove(rsType, old);
      }
      const existing = this.store.get(this.key(rsType, ns, rsName));
      const rs: JsonObject = existing
        ? clone(existing.obj)
        : {
            apiVersion: 'apps/v1',
            kind: 'ReplicaSet',
            metadata: {
              name: rsName,
              namespace: ns,
              labels: { ...((getPath(template, ['metadata', 'labels']) ?? {}) as JsonObject), 'pod-template-hash': hash },
              annotations: { 'deployment.kubernetes.io/revision': '1' },
              ownerReferences: [ownerRef(obj)],
              generation: 1,
            },
            spec: { replicas, selector: clone((spec['selector'] ?? {}) as JsonObject), template: clone(template) },
          };
      (rs['spec'] as JsonObject)['replicas'] = replicas;
      rs['status'] = { replicas, readyReplicas: ready, availableReplicas: ready, fullyLabeledReplicas: replicas, observedGeneration: 1 };
      podOwner = this.put(rsType, rs, 'kube-controller-manager');
    }
    const podType = this.typeOf('', 'Pod');
    const podUid = (podOwner['metadata'] as JsonObject)['uid'];
    const pods = [...this.store.values()].filter((s) =>
      (((s.obj['metadata'] as JsonObject)['ownerReferences'] ?? []) as JsonObject[]).some((r) => r['uid'] === podUid),
    );
    for (const p of pods.slice(replicas)) this.remove(podType, p.obj);
    const podSpec = (template['spec'] ?? {}) as JsonObject;
    const containers = (podSpec['containers'] ?? []) as JsonObject[];
    for (let i = 0; i < replicas; i++) {
      const existing = pods[i]?.obj;
      const podName = existing
        ? String((existing['metadata'] as JsonObject)['name'])
        : kind === 'StatefulSet'
          ? `${meta['name']}-${i}`
          : `${(podOwner['metadata'] as JsonObject)['name']}-${randomUUID().slice(0, 5)}`;
      const pod: JsonObject = {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: podName,
          namespace: ns,
          labels: { ...((getPath(template, ['metadata', 'labels']) ?? {}) as JsonObject), ...(kind === 'Deployment' ? { 'pod-template-hash': hash } : {}) },
          annotations: clone((getPath(template, ['metadata', 'annotations']) ?? {}) as JsonObject),
          ownerReferences: [ownerRef(podOwner)],
        },
        spec: { ...clone(podSpec), nodeName: 'node-1' },
        status: {
          phase: broken ? 'Pending' : 'Running',
          conditions: [
            broken
              ? { type: 'Ready', status: 'False', reason: 'ContainersNotReady', message: `containers with unready status: [${containers.map((c) => c['name']).join(' ')}]` }
              : { type: 'Ready', status: 'True' },
          ],
          containerStatuses: containers.map((c) => ({
            name: c['name'] as Json,
            image: c['image'] as Json,
            ready: !broken,
            restartCount: 0,
            state: (broken ? { waiting: { reason: broken.reason, message: broken.message } } : { running: { startedAt: now() } }) as JsonObject,
          })),
        },
      };
      if (existing) (pod['metadata'] as JsonObject)['uid'] = (existing['metadata'] as JsonObject)['uid'] as Json;
      this.put(podType, pod, 'kubelet');
    }
    const gen = meta['generation'] as Json;
    let status: JsonObject;
    if (kind === 'Deployment') {
      status = {
        observedGeneration: gen,
        replicas,
        updatedReplicas: replicas,
        readyReplicas: ready,
        availableReplicas: ready,
        ...(ready < replicas ? { unavailableReplicas: replicas - ready } : {}),
        conditions: [
          { type: 'Available', status: ready >= replicas ? 'True' : 'False', reason: ready >= replicas ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable' },
          { type: 'Progressing', status: 'True', reason: ready >= replicas ? 'NewReplicaSetAvailable' : 'ReplicaSetUpdated' },
        ],
      };
    } else if (kind === 'DaemonSet') {
      status = { observedGeneration: gen, desiredNumberScheduled: 1, currentNumberScheduled: 1, updatedNumberScheduled: 1, numberReady: ready, numberAvailable: ready, numberMisscheduled: 0, ...(ready ? {} : { numberUnavailable: 1 }) };
    } else if (kind === 'StatefulSet') {
      status = { observedGeneration: gen, replicas, readyReplicas: ready, currentReplicas: replicas, updatedReplicas: replicas, availableReplicas: ready, currentRevision: `${meta['name']}-${hash}`, updateRevision: `${meta['name']}-${hash}` };
    } else {
      status = broken ? { active: 1 } : { succeeded: 1, conditions: [{ type: 'Complete', status: 'True' }], completionTime: now() };
    }
    const t = this.typeOf(String(obj['apiVersion']).split('/')[0]!, kind);
    const s = this.store.get(this.key(t, ns, String(meta['name'])));
    if (!s) return;
    s.obj['status'] = status;
    this.put(t, s.obj, 'kube-controller-manager', s.owners);
  }

  // ---------------------------------------------------------------- discovery and reviews

  private versionInfo(): JsonObject {
    const m = /^v(\d+)\.(\d+)/.exec(this.gitVersion);
    return {
      major: m?.[1] ?? '1',
      minor: m?.[2] ?? '32',
      gitVersion: this.gitVersion,
      gitCommit: '0000000000000000000000000000000000000000',
      gitTreeState: 'clean',
      buildDate: '2025-01-01T00:00:00Z',
      goVersion: 'go1.23.6',
      compiler: 'gc',
      platform: 'linux/amd64',
    };
  }

  private groups(): Map<string, string[]> {
    const groups = new Map<string, string[]>();
    for (const t of this.types) {
      if (t.group === '') continue;
      const vs = groups.get(t.group) ?? [];
      if (!vs.includes(t.version)) vs.push(t.version);
      groups.set(t.group, vs);
    }
    return groups;
  }

  private groupEntry(name: string, versions: string[]): JsonObject {
    const sorted = [...versions].sort(compareVersions);
    return {
      name,
      versions: sorted.map((v) => ({ groupVersion: `${name}/${v}`, version: v })),
      preferredVersion: { groupVersion: `${name}/${sorted[0]}`, version: sorted[0]! },
    };
  }

  private groupList(): JsonObject {
    return { kind: 'APIGroupList', apiVersion: 'v1', groups: [...this.groups()].map(([g, vs]) => this.groupEntry(g, vs)) };
  }

  private groupInfo(group: string): JsonObject {
    const vs = this.groups().get(group);
    if (!vs) throw errors.pathNotFound();
    return { kind: 'APIGroup', apiVersion: 'v1', ...this.groupEntry(group, vs) };
  }

  private resourceList(group: string, version: string): JsonObject {
    const resources: JsonObject[] = [];
    for (const t of this.types.filter((x) => x.group === group && x.version === version)) {
      resources.push({
        name: t.plural,
        singularName: t.singular,
        namespaced: t.namespaced,
        kind: t.kind,
        verbs: t.verbs,
        ...(t.shortNames.length ? { shortNames: t.shortNames } : {}),
        ...(t.categories?.length ? { categories: t.categories } : {}),
      });
      if (t.statusSubresource) resources.push({ name: `${t.plural}/status`, singularName: '', namespaced: t.namespaced, kind: t.kind, verbs: ['get', 'patch', 'update'] });
      if (t.scaleSubresource) resources.push({ name: `${t.plural}/scale`, singularName: '', namespaced: t.namespaced, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    }
    return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
  }

  /**
   * OpenAPI v3, reduced to what kubectl reads: one document per group-version whose PATCH
   * operations carry x-kubernetes-group-version-kind and the fieldValidation query parameter, so
   * kubectl leaves validation to the server instead of downloading full schemas.
   */
  private openapiRoot(): JsonObject {
    const paths: JsonObject = {};
    const hash = createHash('sha256').update(JSON.stringify(this.types.map((t) => [t.group, t.version, t.plural]))).digest('hex').slice(0, 16);
    for (const t of this.types) {
      const gvPath = t.group ? `apis/${t.group}/${t.version}` : `api/${t.version}`;
      paths[gvPath] = { serverRelativeURL: `/openapi/v3/${gvPath}?hash=${hash}` };
    }
    return { paths };
  }

  private openapiGroupVersion(gvPath: string): JsonObject {
    const segs = gvPath.split('/');
    const [group, version] = segs[0] === 'api' ? ['', segs[1]] : [segs[1], segs[2]];
    const types = this.types.filter((t) => t.group === group && t.version === version);
    if (types.length === 0) throw errors.pathNotFound();
    const paths: JsonObject = {};
    for (const t of types) {
      const base = `/${gvPath}/${t.namespaced ? 'namespaces/{namespace}/' : ''}${t.plural}/{name}`;
      paths[base] = {
        patch: {
          'x-kubernetes-group-version-kind': { group: t.group, version: t.version, kind: t.kind },
          parameters: [
            { name: 'fieldValidation', in: 'query', schema: { type: 'string', uniqueItems: true } },
            { name: 'fieldManager', in: 'query', schema: { type: 'string', uniqueItems: true } },
            { name: 'force', in: 'query', schema: { type: 'boolean', uniqueItems: true } },
          ],
        },
      };
    }
    return { openapi: '3.0.0', info: { title: 'Kubernetes', version: this.gitVersion }, paths, components: { schemas: {} } };
  }

  private review(t: ResourceType, body: Json): JsonObject {
    const review = isObject(body) ? clone(body) : {};
    const spec = (review['spec'] ?? {}) as JsonObject;
    if (t.kind === 'SelfSubjectRulesReview') {
      review['status'] = { resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }], nonResourceRules: [], incomplete: false };
      return review;
    }
    const attrs = (spec['resourceAttributes'] ?? {}) as JsonObject;
    const denied = this.isForbidden(String(attrs['group'] ?? ''), String(attrs['resource'] ?? ''), String(attrs['verb'] ?? ''), (attrs['namespace'] as string | undefined) || undefined);
    review['apiVersion'] = 'authorization.k8s.io/v1';
    review['kind'] = 'SelfSubjectAccessReview';
    review['metadata'] = { creationTimestamp: null };
    review['status'] = denied ? { allowed: false, reason: 'denied by the test server' } : { allowed: true, reason: 'allowed by the test server' };
    return review;
  }
}

// ---------------------------------------------------------------- helpers

function finalizeDry(obj: JsonObject): JsonObject {
  const meta = obj['metadata'] as JsonObject;
  if (!meta['uid']) meta['uid'] = randomUUID();
  if (!meta['creationTimestamp']) meta['creationTimestamp'] = now();
  return obj;
}

function sameOwners(a: Ownership[], b: Ownership[]): boolean {
  const norm = (os: Ownership[]): string =>
    JSON.stringify(os.filter((o) => o.paths.size > 0).map((o) => [o.manager, o.operation, o.subresource ?? '', [...o.paths].sort()]));
  return norm(a) === norm(b);
}

function changedPaths(prev: JsonObject, next: JsonObject, status: boolean): string[] {
  const opts = { includeStatus: status };
  const keys = new Set([...leafPaths(prev, opts), ...leafPaths(next, opts)].map(pathKey));
  return [...keys].filter((k) => (!status || k.startsWith('status')) && !deepEqual(getPath(prev, keyPath(k)), getPath(next, keyPath(k))));
}

function conflictError(t: ResourceType, name: string, conflicts: Map<string, FieldPath[]>, gv: string): ApiError {
  const causes: Array<{ type: string; message: string; field: string }> = [];
  const parts: string[] = [];
  let total = 0;
  for (const [manager, paths] of conflicts) {
    total += paths.length;
    for (const p of paths) causes.push({ type: 'FieldManagerConflict', message: `conflict with "${manager}" using ${gv}`, field: dotted(p) });
    parts.push(paths.length === 1 ? `conflict with "${manager}" using ${gv}: ${dotted(paths[0]!)}` : `conflicts with "${manager}" using ${gv}:\n${paths.map((p) => `- ${dotted(p)}`).join('\n')}`);
  }
  const message = `Apply failed with ${total} conflict${total === 1 ? '' : 's'}: ${parts.join('\n')}`;
  return new ApiError(409, 'Conflict', message, { name, ...(t.group ? { group: t.group } : {}), kind: t.plural, causes });
}

function compareVersions(a: string, b: string): number {
  // v1 > v1beta1 > v1alpha1, higher majors first, as discovery orders them
  const rank = (v: string): [number, number, number] => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return [0, 0, 0];
    return [m[2] === undefined ? 3 : m[2] === 'beta' ? 2 : 1, Number(m[1]), Number(m[3] ?? 0)];
  };
  const ra = rank(a);
  const rb = rank(b);
  return rb[0] - ra[0] || rb[1] - ra[1] || rb[2] - ra[2];
}

function managerOf(q: URLSearchParams, req: IncomingMessage): string {
  const m = q.get('fieldManager');
  if (m) return m;
  // The real default: the User-Agent up to its first '/'.
  return (req.headers['user-agent'] ?? 'unknown').split('/')[0] ?? 'unknown';
}

function age(ts: string): string {
  const s = Math.max(0, Math.floor((Date.now() - Date.parse(ts)) / 1000));
  if (s < 120) return `${s}s`;
  if (s < 7200) return `${Math.floor(s / 60)}m`;
  return `${Math.floor(s / 3600)}h`;
}

function parseBody(body: string, contentType: string | undefined): Json {
  if (body.trim() === '') throw errors.badRequest('the request body is empty');
  try {
    // JSON is YAML; parse it as JSON when it is, which is much faster than the YAML parser.
    if ((contentType ?? '').includes('yaml') && !body.trimStart().startsWith('{')) return parseYaml(body) as Json;
    return JSON.parse(body) as Json;
  } catch (e) {
    throw errors.badRequest(`error decoding request body: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`);
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, code: number, body: JsonObject, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

function sendText(res: ServerResponse, code: number, text: string): void {
  res.writeHead(code, { 'Content-Type': 'text/plain' });
  res.end(text);
}

export async function startKubeServer(options: KubeServerOptions = {}): Promise<KubeServer> {
  return new KubeServer(options).start();
}

/**
 * A merge, strategic-merge or JSON patch body applied to a copy of `target`: the parsed patch and
 * the result. 400 for a body that is not JSON, 415 for another type (strategic merge too when not
 * allowed), 422 for a patch that cannot apply.
 */
function applyPatchBody(target: JsonObject, contentType: string, body: string, strategicAllowed: boolean): { patchDoc: Json; next: Json } {
  let patchDoc: Json;
  try {
    patchDoc = JSON.parse(body) as Json;
  } catch {
    throw errors.badRequest('error decoding patch: invalid JSON');
  }
  try {
    if (contentType === 'application/merge-patch+json') return { patchDoc, next: mergePatch(clone(target), patchDoc) };
    if (contentType === 'application/strategic-merge-patch+json' && strategicAllowed) return { patchDoc, next: strategicMergePatch(clone(target), patchDoc) };
    if (contentType === 'application/json-patch+json') return { patchDoc, next: jsonPatch(clone(target), patchDoc as unknown as JsonPatchOp[]) };
  } catch (e) {
    if (e instanceof PatchError) throw new ApiError(422, 'Invalid', e.message);
    throw e;
  }
  throw errors.unsupportedMediaType(contentType);
}

/** A workload's autoscaling/v1 Scale, as the apiserver derives it. */
function scaleOf(obj: JsonObject): JsonObject {
  const meta = obj['metadata'] as JsonObject;
  const spec = (obj['spec'] ?? {}) as JsonObject;
  const status = (obj['status'] ?? {}) as JsonObject;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: { name: meta['name'] as Json, namespace: meta['namespace'] as Json, uid: meta['uid'] as Json, resourceVersion: meta['resourceVersion'] as Json, creationTimestamp: meta['creationTimestamp'] as Json },
    spec: { replicas: (spec['replicas'] ?? 1) as Json },
    status: { replicas: (status['replicas'] ?? 0) as Json, selector: selectorString(spec['selector']) },
  };
}

/** A LabelSelector as the string metav1.LabelSelectorAsSelector(...).String() writes (requirements sorted by key). */
function selectorString(selector: Json | undefined): string {
  if (!isObject(selector)) return '';
  const reqs: Array<[string, string]> = [];
  for (const [k, v] of Object.entries(isObject(selector['matchLabels']) ? selector['matchLabels'] : {})) reqs.push([k, `${k}=${String(v)}`]);
  for (const e of Array.isArray(selector['matchExpressions']) ? selector['matchExpressions'] : []) {
    if (!isObject(e)) continue;
    const key = String(e['key']);
    const values = (Array.isArray(e['values']) ? e['values'].map(String) : []).sort().join(',');
    const op = String(e['operator']);
    reqs.push([key, op === 'In' ? `${key} in (${values})` : op === 'NotIn' ? `${key} notin (${values})` : op === 'Exists' ? key : `!${key}`]);
  }
  return reqs
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([, r]) => r)
    .join(',');
}
