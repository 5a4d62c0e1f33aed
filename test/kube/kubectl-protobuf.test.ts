/**
 * The local API server and kubectl's media types: `kubectl create -f` and `get -o json` (JSON),
 * kubectl's typed commands (`create namespace|configmap|secret|serviceaccount`, `auth can-i`),
 * which send protobuf bodies, and Accept negotiation (JSON when the Accept list allows it, 406
 * when it does not). kubectl parts skip when kubectl is not installed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';
import { acceptsJson, decodeProtobufBody } from '../support/kube-server/protobuf.js';

const hasKubectl = await execa('kubectl', ['version', '--client'], { reject: false }).then(
  (r) => r.exitCode === 0,
  () => false,
);
if (!hasKubectl) console.warn('kubectl protobuf tests skipped: kubectl is not on PATH');

// A minimal protobuf writer for hand-made bodies (field numbers as in k8s.io/api's generated.proto).
const varint = (n: number): Buffer => {
  const out: number[] = [];
  let v = n;
  while (v >= 0x80) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
};
const bytesField = (num: number, b: Buffer | string): Buffer => {
  const buf = typeof b === 'string' ? Buffer.from(b) : b;
  return Buffer.concat([varint((num << 3) | 2), varint(buf.length), buf]);
};
const varintField = (num: number, v: number): Buffer => Buffer.concat([varint(num << 3), varint(v)]);
const envelope = (apiVersion: string, kind: string, raw: Buffer): Buffer =>
  Buffer.concat([Buffer.from('k8s\0', 'latin1'), bytesField(1, Buffer.concat([bytesField(1, apiVersion), bytesField(2, kind)])), bytesField(2, raw)]);

describe('protobuf bodies (unit)', () => {
  it('a Secret: metadata with labels, bytes data, string data, type; Go zero values left out', () => {
    const metadata = Buffer.concat([
      bytesField(1, 'cacerts'),
      bytesField(2, ''),
      bytesField(3, 'istio-system'),
      bytesField(8, Buffer.alloc(0)),
      bytesField(11, Buffer.concat([bytesField(1, 'app'), bytesField(2, 'x')])),
    ]);
    const raw = Buffer.concat([
      bytesField(1, metadata),
      bytesField(2, Buffer.concat([bytesField(1, 'ca.pem'), bytesField(2, Buffer.from([0, 1, 255]))])),
      bytesField(3, 'Opaque'),
      bytesField(4, Buffer.concat([bytesField(1, 's'), bytesField(2, 'text')])),
      varintField(5, 1),
    ]);
    expect(decodeProtobufBody(envelope('v1', 'Secret', raw))).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'cacerts', namespace: 'istio-system', labels: { app: 'x' } },
      data: { 'ca.pem': Buffer.from([0, 1, 255]).toString('base64') },
      type: 'Opaque',
      stringData: { s: 'text' },
      immutable: true,
    });
  });

  it('kinds without a schema are a 415 naming the kind; unknown fields a 400; no envelope a 400', () => {
    const err = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e as { code: number; message: string };
      }
      throw new Error('no error');
    };
    const e415 = err(() => decodeProtobufBody(envelope('apps/v1', 'Deployment', bytesField(1, bytesField(1, 'd')))));
    expect(e415.code).toBe(415);
    expect(e415.message).toBe(
      'this test API server decodes protobuf bodies of Namespace, ConfigMap, Secret, ServiceAccount, SelfSubjectAccessReview only, not Deployment (apps/v1): send JSON (kubectl create -f FILE, kubectl apply)',
    );
    const e400 = err(() => decodeProtobufBody(envelope('v1', 'ConfigMap', bytesField(1, bytesField(17, 'x')))));
    expect(e400.code).toBe(400);
    expect(e400.message).toContain('does not decode field 17 of ObjectMeta (.metadata)');
    expect(err(() => decodeProtobufBody(Buffer.from('{"kind":"x"}'))).message).toBe('error decoding request body: malformed protobuf (no k8s envelope)');
  });

  it('Accept: JSON when the list allows it', () => {
    expect(acceptsJson(undefined)).toBe(true);
    expect(acceptsJson('application/vnd.kubernetes.protobuf,application/json')).toBe(true);
    expect(acceptsJson('application/json;as=Table;v=v1;g=meta.k8s.io,application/json')).toBe(true);
    expect(acceptsJson('*/*')).toBe(true);
    expect(acceptsJson('application/vnd.kubernetes.protobuf')).toBe(false);
    expect(acceptsJson('application/json;q=0, application/vnd.kubernetes.protobuf')).toBe(false);
  });
});

describe('Accept negotiation (HTTP)', () => {
  let server: KubeServer;
  beforeAll(async () => (server = await startKubeServer()));
  afterAll(async () => server?.stop());
  const get = (path: string, accept?: string) =>
    new Promise<{ status: number; type: string; body: string }>((resolve, reject) => {
      const r = request(`${server.url}${path}`, { headers: accept ? { Accept: accept } : {} }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, type: String(res.headers['content-type']), body }));
      });
      r.on('error', reject);
      r.end();
    });

  it('protobuf-only is 406 with a Status; protobuf-or-JSON is answered in JSON', async () => {
    const no = await get('/api/v1/namespaces/default', 'application/vnd.kubernetes.protobuf');
    expect(no.status).toBe(406);
    expect(JSON.parse(no.body)).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'only the following media types are accepted: application/json',
      reason: 'NotAcceptable',
      code: 406,
    });
    const yes = await get('/api/v1/namespaces/default', 'application/vnd.kubernetes.protobuf,application/json');
    expect(yes.status).toBe(200);
    expect(yes.type).toBe('application/json');
    expect(JSON.parse(yes.body).metadata.name).toBe('default');
    expect((await get('/api/v1/namespaces/default')).status).toBe(200);
    expect((await get('/healthz', 'application/vnd.kubernetes.protobuf')).status).toBe(200);
  });
});

describe.skipIf(!hasKubectl)('kubectl create against the local API server', () => {
  let server: KubeServer;
  let kc: string;
  let dir: string;
  const kubectl = (...args: string[]) => execa('kubectl', ['--kubeconfig', kc, ...args], { reject: false, stripFinalNewline: false });
  const getJson = async (...args: string[]) => {
    const r = await kubectl('get', '-o', 'json', ...args);
    expect(r.exitCode, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Record<string, any>;
  };
  beforeAll(async () => {
    server = await startKubeServer({ controllers: true });
    kc = writeKubeconfig(server.url);
    dir = mkdtempSync(join(tmpdir(), 'sailctl-kubectl-pb-'));
  });
  afterAll(async () => server?.stop());

  it('create -f (JSON bodies) of several kinds, a CRD and its custom resource; get -o json reads them back', async () => {
    const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets, singular: widget, listKind: WidgetList}
  scope: Namespaced
  versions: [{name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}}]
`;
    const objects = `apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {team: a}}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: cfg, namespace: shop}
data: {k: v}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec: {containers: [{name: web, image: nginx}]}
`;
    writeFileSync(join(dir, 'crd.yaml'), crd);
    writeFileSync(join(dir, 'objects.yaml'), objects);
    writeFileSync(join(dir, 'widget.yaml'), 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w1, namespace: shop}\nspec: {size: 3}\n');
    const c1 = await kubectl('create', '-f', join(dir, 'crd.yaml'), '-f', join(dir, 'objects.yaml'));
    expect(c1.exitCode, c1.stderr).toBe(0);
    expect(c1.stdout).toBe('customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\nnamespace/shop created\nconfigmap/cfg created\ndeployment.apps/web created\n');
    const c2 = await kubectl('create', '-f', join(dir, 'widget.yaml'));
    expect(c2.exitCode, c2.stderr).toBe(0);
    expect((await getJson('namespace', 'shop')).metadata.labels).toMatchObject({ team: 'a' });
    expect((await getJson('configmap', 'cfg', '-n', 'shop')).data).toEqual({ k: 'v' });
    expect((await getJson('deployment', 'web', '-n', 'shop')).spec.replicas).toBe(2);
    expect((await getJson('widgets', 'w1', '-n', 'shop')).spec).toEqual({ size: 3 });
    // Creating it again is AlreadyExists, as from a real server.
    const again = await kubectl('create', '-f', join(dir, 'widget.yaml'));
    expect(again.exitCode).toBe(1);
    expect(again.stderr).toBe('Error from server (AlreadyExists): error when creating "' + join(dir, 'widget.yaml') + '": widgets.example.com "w1" already exists\n');
    expect(server.requests.filter((q) => q.method === 'POST').every((q) => !String(q.contentType).includes('protobuf'))).toBe(true);
  });

  it('typed create commands send protobuf: namespace, configmap (text and binary), secret, serviceaccount', async () => {
    const bin = join(dir, 'blob.bin');
    writeFileSync(bin, Buffer.from([0, 159, 146, 150, 255]));
    const steps = [
      ['create', 'namespace', 'istio-system'],
      ['create', 'configmap', 'cm', '-n', 'istio-system', '--from-literal=mesh=a: b', `--from-file=blob=${bin}`],
      ['create', 'secret', 'generic', 'cacerts', '-n', 'istio-system', '--from-literal=key=s3cr3t'],
      ['create', 'serviceaccount', 'robot', '-n', 'istio-system'],
    ];
    const before = server.requests.length;
    for (const s of steps) {
      const r = await kubectl(...s);
      expect(r.exitCode, `${s.join(' ')}: ${r.stderr}`).toBe(0);
    }
    const posts = server.requests.slice(before).filter((q) => q.method === 'POST');
    expect(posts.map((q) => q.contentType)).toEqual(Array(4).fill('application/vnd.kubernetes.protobuf'));
    const ns = await getJson('namespace', 'istio-system');
    expect(ns.status.phase).toBe('Active');
    const cm = await getJson('configmap', 'cm', '-n', 'istio-system');
    expect(cm.data).toEqual({ mesh: 'a: b' });
    expect(cm.binaryData).toEqual({ blob: Buffer.from([0, 159, 146, 150, 255]).toString('base64') });
    expect((await getJson('secret', 'cacerts', '-n', 'istio-system')).data).toEqual({ key: Buffer.from('s3cr3t').toString('base64') });
    expect((await getJson('serviceaccount', 'robot', '-n', 'istio-system')).metadata.namespace).toBe('istio-system');
  });

  it('auth can-i (a protobuf SelfSubjectAccessReview) follows the server rules', async () => {
    const yes = await kubectl('auth', 'can-i', 'create', 'pods', '-n', 'istio-system');
    expect(yes.stdout).toBe('yes\n');
    server.forbidden.push({ verb: 'delete', resource: 'pods' });
    const no = await kubectl('auth', 'can-i', 'delete', 'pods', '-n', 'istio-system');
    expect(no.exitCode).toBe(1);
    expect(no.stdout).toBe('no - denied by the test server\n');
  });

  it('a typed create of a kind without a protobuf schema here fails in one line that names the limit', async () => {
    const r = await kubectl('create', 'deployment', 'api', '--image=nginx', '-n', 'istio-system');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'error: failed to create deployment: this test API server decodes protobuf bodies of Namespace, ConfigMap, Secret, ServiceAccount, SelfSubjectAccessReview only, not Deployment (apps/v1): send JSON (kubectl create -f FILE, kubectl apply)\n',
    );
  });
});
