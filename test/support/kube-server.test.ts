/** The local API server's contract, checked over plain HTTP (what kubectl and sailctl rely on). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startKubeServer, type KubeServer } from './kube-server/server.js';
import { matchesLabels, parseLabelSelector, SelectorError } from './kube-server/selectors.js';

let server: KubeServer;

async function call(method: string, path: string, body?: unknown, contentType = 'application/json', accept = 'application/json') {
  const res = await fetch(server.url + path, {
    method,
    headers: { 'Content-Type': contentType, Accept: accept, 'User-Agent': 'unit-test/1.0' },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? (JSON.parse(text) as Record<string, any>) : undefined };
}

const cmPath = (ns: string, name = '') => `/api/v1/namespaces/${ns}/configmaps${name ? `/${name}` : ''}`;

beforeAll(async () => {
  server = await startKubeServer();
});
afterAll(async () => server.stop());

describe('label selectors', () => {
  const m = (sel: string, labels: Record<string, string>) => matchesLabels(parseLabelSelector(sel), labels);
  it('supports =, ==, !=, in, notin, exists and !', () => {
    const l = { app: 'web', tier: 'front' };
    expect(m('app=web', l)).toBe(true);
    expect(m('app==web,tier=front', l)).toBe(true);
    expect(m('app!=web', l)).toBe(false);
    expect(m('app!=api', {})).toBe(true);
    expect(m('tier in (front, back)', l)).toBe(true);
    expect(m('tier notin (front)', l)).toBe(false);
    expect(m('tier notin (front)', {})).toBe(true);
    expect(m('app', l)).toBe(true);
    expect(m('!app', l)).toBe(false);
    expect(m('', l)).toBe(true);
    expect(() => parseLabelSelector('app=(x')).toThrow(SelectorError);
  });
});

describe('REST contract', () => {
  it('serves /version and discovery', async () => {
    expect((await call('GET', '/version')).body).toMatchObject({ major: '1', minor: '32', gitVersion: 'v1.32.3' });
    const apps = await call('GET', '/apis/apps/v1');
    expect(apps.body).toMatchObject({ kind: 'APIResourceList', groupVersion: 'apps/v1' });
    expect(apps.body!['resources']).toContainEqual(expect.objectContaining({ name: 'deployments', kind: 'Deployment', namespaced: true, shortNames: ['deploy'] }));
    expect(apps.body!['resources']).toContainEqual(expect.objectContaining({ name: 'deployments/status' }));
    const groups = await call('GET', '/apis');
    expect(groups.body!['groups'].map((g: { name: string }) => g.name)).toContain('rbac.authorization.k8s.io');
  });

  it('creates with uid, resourceVersion, creationTimestamp; Status objects exactly shaped', async () => {
    const created = await call('POST', cmPath('default'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1' }, data: { a: '1' } });
    expect(created.status).toBe(201);
    expect(created.body!['metadata']).toMatchObject({ name: 'c1', namespace: 'default', uid: expect.any(String), resourceVersion: expect.stringMatching(/^\d+$/), creationTimestamp: expect.stringMatching(/Z$/) });
    const again = await call('POST', cmPath('default'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c1' } });
    expect(again.status).toBe(409);
    expect(again.body).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'configmaps "c1" already exists',
      reason: 'AlreadyExists',
      details: { name: 'c1', kind: 'configmaps' },
      code: 409,
    });
    const missing = await call('GET', cmPath('default', 'nope'));
    expect(missing.body).toEqual({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'configmaps "nope" not found', reason: 'NotFound', details: { name: 'nope', kind: 'configmaps' }, code: 404 });
    const badName = await call('POST', cmPath('default'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } });
    expect(badName.status).toBe(422);
    expect(badName.body).toMatchObject({ reason: 'Invalid', details: { name: 'Bad_Name', kind: 'ConfigMap', causes: [{ reason: 'FieldValueInvalid', field: 'metadata.name' }] } });
  });

  it('404 for namespaced objects in a missing namespace', async () => {
    const r = await call('POST', cmPath('ghost'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ message: 'namespaces "ghost" not found', details: { name: 'ghost', kind: 'namespaces' } });
  });

  it('409 on a stale resourceVersion; generation moves with spec changes only', async () => {
    const ns = 'default';
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd1' }, spec: { replicas: 1, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } }, spec: { containers: [] } } } };
    const created = (await call('POST', `/apis/apps/v1/namespaces/${ns}/deployments`, d)).body!;
    expect(created['metadata']['generation']).toBe(1);
    const put = { ...created, spec: { ...created['spec'], replicas: 3 } };
    const updated = await call('PUT', `/apis/apps/v1/namespaces/${ns}/deployments/d1`, put);
    expect(updated.status).toBe(200);
    expect(updated.body!['metadata']['generation']).toBe(2);
    const stale = await call('PUT', `/apis/apps/v1/namespaces/${ns}/deployments/d1`, put);
    expect(stale.status).toBe(409);
    expect(stale.body!['message']).toBe(
      'Operation cannot be fulfilled on deployments.apps "d1": the object has been modified; please apply your changes to the latest version and try again',
    );
    const labelsOnly = await call('PATCH', `/apis/apps/v1/namespaces/${ns}/deployments/d1`, { metadata: { labels: { x: 'y' } } }, 'application/merge-patch+json');
    expect(labelsOnly.body!['metadata']['generation']).toBe(2);
  });

  it('status is a subresource: main writes keep it, status writes change only it', async () => {
    const path = '/apis/apps/v1/namespaces/default/deployments/d1';
    await call('PATCH', `${path}/status`, { status: { readyReplicas: 3, observedGeneration: 2 } }, 'application/merge-patch+json');
    const main = await call('PATCH', path, { spec: { replicas: 4 }, status: { readyReplicas: 0 } }, 'application/merge-patch+json');
    expect(main.body!['status']).toEqual({ readyReplicas: 3, observedGeneration: 2 });
    expect(main.body!['spec']['replicas']).toBe(4);
    const st = await call('PATCH', `${path}/status`, { spec: { replicas: 9 }, status: { readyReplicas: 4 } }, 'application/merge-patch+json');
    expect(st.body!['spec']['replicas']).toBe(4);
    expect(st.body!['status']['readyReplicas']).toBe(4);
  });

  it('JSON patch, strategic merge by name, and 415 for unknown patch types', async () => {
    const j = await call('PATCH', cmPath('default', 'c1'), [{ op: 'add', path: '/data/b', value: '2' }, { op: 'remove', path: '/data/a' }], 'application/json-patch+json');
    expect(j.body!['data']).toEqual({ b: '2' });
    const path = '/apis/apps/v1/namespaces/default/deployments/d1';
    await call('PATCH', path, { spec: { template: { spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] } } } }, 'application/merge-patch+json');
    const smp = await call('PATCH', path, { spec: { template: { spec: { containers: [{ name: 'b', image: 'b:2' }] } } } }, 'application/strategic-merge-patch+json');
    expect(smp.body!['spec']['template']['spec']['containers']).toEqual([{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:2' }]);
    expect((await call('PATCH', path, '{}', 'text/plain')).status).toBe(415);
  });

  it('server-side apply: ownership per manager, co-ownership of equal values, removal of dropped fields', async () => {
    const apply = (manager: string, data: Record<string, string>, force = false) =>
      call('PATCH', `${cmPath('default', 'ssa')}?fieldManager=${manager}&force=${force}`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ssa' }, data }, 'application/apply-patch+yaml');
    expect((await apply('one', { a: '1', b: '1' })).status).toBe(201);
    expect((await apply('two', { a: '1' })).status).toBe(200); // same value: shared, no conflict
    const conflict = await apply('two', { b: '2' });
    expect(conflict.status).toBe(409);
    expect(conflict.body).toMatchObject({
      reason: 'Conflict',
      message: 'Apply failed with 1 conflict: conflict with "one" using v1: .data.b',
      details: { causes: [{ type: 'FieldManagerConflict', message: 'conflict with "one" using v1', field: '.data.b' }] },
    });
    // `one` stops applying `a`: `two` still owns it, so it stays; `b` is dropped by its only owner.
    const after = await apply('one', { c: '3' });
    expect(after.body!['data']).toEqual({ a: '1', c: '3' });
    const mf = after.body!['metadata']['managedFields'] as Array<{ manager: string; fieldsV1: unknown }>;
    expect(mf.find((e) => e.manager === 'one')?.fieldsV1).toEqual({ 'f:data': { 'f:c': {} } });
    expect((await call('PATCH', cmPath('default', 'ssa'), { data: {} }, 'application/apply-patch+yaml')).status).toBe(400);
  });

  it('DeleteCollection by label, finalizers hold deletion, ownerReferences cascade', async () => {
    for (const n of ['l1', 'l2', 'l3']) await call('POST', cmPath('default'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: n, labels: { batch: n === 'l3' ? 'b' : 'a' } } });
    await call('DELETE', `${cmPath('default')}?labelSelector=batch%3Da`);
    expect(server.list('v1', 'ConfigMap', 'default').map((o) => (o['metadata'] as { name: string }).name)).toContain('l3');
    expect(server.get('v1', 'ConfigMap', 'l1', 'default')).toBeUndefined();
    const owner = (await call('POST', cmPath('default'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'owner', finalizers: ['test/hold'] } })).body!;
    await call('POST', cmPath('default'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'child', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: owner['metadata']['uid'] }] } });
    const held = await call('DELETE', cmPath('default', 'owner'), { propagationPolicy: 'Foreground' });
    expect(held.body!['metadata']['deletionTimestamp']).toBeDefined();
    expect(server.get('v1', 'ConfigMap', 'owner', 'default')).toBeDefined();
    await call('PATCH', cmPath('default', 'owner'), { metadata: { finalizers: null } }, 'application/merge-patch+json');
    expect(server.get('v1', 'ConfigMap', 'owner', 'default')).toBeUndefined();
    expect(server.get('v1', 'ConfigMap', 'child', 'default')).toBeUndefined();
  });

  it('namespace deletion removes its objects; fieldSelector metadata.name', async () => {
    await call('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tmp' } });
    await call('POST', cmPath('tmp'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } });
    const byName = await call('GET', '/api/v1/namespaces?fieldSelector=metadata.name%3Dtmp');
    expect(byName.body!['items'].map((n: { metadata: { name: string } }) => n.metadata.name)).toEqual(['tmp']);
    const del = await call('DELETE', '/api/v1/namespaces/tmp');
    expect(del.body).toMatchObject({ kind: 'Namespace', status: { phase: 'Terminating' } });
    expect(server.list('v1', 'ConfigMap', 'tmp')).toEqual([]);
  });

  it('watch streams events', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${server.url}${cmPath('default')}?watch=true&resourceVersion=1&timeoutSeconds=5`, { signal: ctrl.signal });
    const reader = res.body!.getReader();
    await call('POST', cmPath('default'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched' } });
    const { value } = await reader.read();
    const ev = JSON.parse(new TextDecoder().decode(value).split('\n')[0]!) as { type: string; object: { metadata: { name: string } } };
    expect(ev).toMatchObject({ type: 'ADDED', object: { metadata: { name: 'watched' } } });
    ctrl.abort();
  });

  it('SelfSubjectAccessReview follows the forbidden rules', async () => {
    server.forbidden = [{ verb: 'create', resource: 'secrets', namespace: 'istio-system' }];
    const review = (namespace: string) =>
      call('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'create', resource: 'secrets', group: '', namespace } } });
    expect((await review('istio-system')).body!['status']['allowed']).toBe(false);
    expect((await review('default')).body!['status']['allowed']).toBe(true);
    const denied = await call('POST', '/api/v1/namespaces/istio-system/secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' } });
    expect(denied.status).toBe(403);
    server.forbidden = [];
  });

  it('faults: 429 carries Retry-After, 500 is InternalError', async () => {
    server.inject({ kind: 'status429', times: 1, retryAfterSeconds: 2 });
    const r = await call('GET', '/api/v1/namespaces');
    expect(r.status).toBe(429);
    expect(r.headers.get('retry-after')).toBe('2');
    expect(r.body).toMatchObject({ reason: 'TooManyRequests', details: { retryAfterSeconds: 2 }, code: 429 });
    server.inject({ kind: 'status500', times: 1 });
    expect((await call('GET', '/api/v1/namespaces')).body).toMatchObject({ reason: 'InternalError', code: 500 });
    expect((await call('GET', '/api/v1/namespaces')).status).toBe(200);
  });

  it('Table output for kubectl get', async () => {
    const t = await call('GET', '/api/v1/namespaces', undefined, 'application/json', 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json');
    expect(t.body).toMatchObject({ kind: 'Table', apiVersion: 'meta.k8s.io/v1' });
    expect(t.body!['columnDefinitions'].map((c: { name: string }) => c.name)).toEqual(['Name', 'Status', 'Age']);
  });
});

describe('scale subresource', () => {
  const deployPath = '/apis/apps/v1/namespaces/default/deployments';
  beforeAll(async () => {
    const d = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'scaled' }, spec: { replicas: 2, selector: { matchLabels: { app: 'scaled', tier: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] }, template: { metadata: { labels: { app: 'scaled', tier: 'web', env: 'prod' } }, spec: { containers: [{ name: 'c', image: 'x' }] } } } };
    expect((await call('POST', deployPath, d)).status).toBe(201);
  });

  it('is listed in discovery for workloads as autoscaling/v1 Scale', async () => {
    const apps = await call('GET', '/apis/apps/v1');
    expect(apps.body!['resources']).toContainEqual({ name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
    expect(apps.body!['resources']).toContainEqual(expect.objectContaining({ name: 'statefulsets/scale' }));
    expect((await call('GET', '/api/v1')).body!['resources'].map((r: { name: string }) => r.name)).not.toContain('configmaps/scale');
  });

  it('GET gives the Scale with the selector as a string, sorted by key', async () => {
    const r = await call('GET', `${deployPath}/scaled/scale`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', metadata: { name: 'scaled', namespace: 'default' }, spec: { replicas: 2 }, status: { selector: 'app=scaled,env in (dev,prod),tier=web' } });
  });

  it('a merge patch sets the workload\'s replicas and bumps its generation; the answer is the new Scale', async () => {
    const before = (await call('GET', `${deployPath}/scaled`)).body!;
    const r = await call('PATCH', `${deployPath}/scaled/scale`, { spec: { replicas: 4 } }, 'application/merge-patch+json');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ kind: 'Scale', spec: { replicas: 4 } });
    const after = (await call('GET', `${deployPath}/scaled`)).body!;
    expect(after['spec']['replicas']).toBe(4);
    expect(after['metadata']['generation']).toBe(before['metadata']['generation'] + 1);
    expect(after['spec']['template']).toEqual(before['spec']['template']);
  });

  it('PUT with a stale resourceVersion is 409; a negative count is 422; other kinds have no /scale', async () => {
    const stale = await call('PUT', `${deployPath}/scaled/scale`, { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'scaled', resourceVersion: '1' }, spec: { replicas: 1 } });
    expect(stale.status).toBe(409);
    const current = (await call('GET', `${deployPath}/scaled/scale`)).body!;
    const put = await call('PUT', `${deployPath}/scaled/scale`, { ...current, spec: { replicas: 1 } });
    expect(put.status).toBe(200);
    expect(put.body!['spec']).toEqual({ replicas: 1 });
    const negative = await call('PATCH', `${deployPath}/scaled/scale`, { spec: { replicas: -1 } }, 'application/merge-patch+json');
    expect(negative.status).toBe(422);
    expect((await call('GET', `${cmPath('default')}/c1/scale`)).status).toBe(404);
  });
});
