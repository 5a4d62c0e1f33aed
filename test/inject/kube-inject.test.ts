/**
 * kube-inject through the command handler, in-process, with sailctl's own injection fixture
 * (fixtures/inject-config.yaml): every workload kind, the per-pod annotations, idempotency,
 * revisions, and the error cases (one line naming file:line, exit 1, nothing written).
 */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { runCli } from '../../src/cli/program.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { fakeIO } from '../support/fake-io.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');
const CONFIG = ['--injectConfigFile', join(FIXTURES, 'inject-config.yaml'), '--valuesFile', join(FIXTURES, 'values.yaml'), '--meshConfigFile', join(FIXTURES, 'mesh.yaml')];

interface Run {
  code: number;
  out: string;
  err: string;
}

async function inject(input: string, extra: string[] = [], env: Record<string, string> = {}): Promise<Run> {
  const io = fakeIO({ stdin: input, env });
  const code = await runCli(COMMANDS, ['kube-inject', '-f', '-', ...CONFIG, ...extra], io);
  return { code, out: io.out(), err: io.err() };
}

type Obj = Record<string, any>;

function docs(text: string): Obj[] {
  return parseAllDocuments(text).map((d) => d.toJS() as Obj).filter((d) => d !== null);
}

function podTemplate(o: Obj): Obj {
  if (o.kind === 'Pod') return o;
  if (o.kind === 'CronJob') return o.spec.jobTemplate.spec.template;
  return o.spec.template;
}

const CONTAINER = { name: 'app', image: 'example/app:1', ports: [{ containerPort: 8080, name: 'http' }] };

function workload(kind: string, apiVersion: string, extraMeta: Obj = {}, extraSpec: Obj = {}): string {
  const template = { metadata: { labels: { app: 'demo' }, ...extraMeta }, spec: { containers: [CONTAINER], ...extraSpec } };
  let spec: Obj;
  switch (kind) {
    case 'Pod':
      return JSON.stringify({ apiVersion, kind, metadata: { name: 'demo', namespace: 'ns1', ...template.metadata }, spec: template.spec });
    case 'CronJob':
      spec = { schedule: '* * * * *', jobTemplate: { spec: { template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } } } } };
      break;
    case 'Job':
      spec = { template: { ...template, spec: { ...template.spec, restartPolicy: 'Never' } } };
      break;
    case 'ReplicationController':
    case 'DeploymentConfig':
      spec = { selector: { app: 'demo' }, template };
      break;
    default:
      spec = { selector: { matchLabels: { app: 'demo' } }, template };
  }
  return JSON.stringify({ apiVersion, kind, metadata: { name: 'demo', namespace: 'ns1' }, spec });
}

describe('kube-inject: workload kinds', () => {
  const kinds: Array<[string, string]> = [
    ['Pod', 'v1'],
    ['Deployment', 'apps/v1'],
    ['ReplicaSet', 'apps/v1'],
    ['ReplicationController', 'v1'],
    ['StatefulSet', 'apps/v1'],
    ['DaemonSet', 'apps/v1'],
    ['Job', 'batch/v1'],
    ['CronJob', 'batch/v1'],
    ['DeploymentConfig', 'apps.openshift.io/v1'],
    ['Deployment', 'extensions/v1beta1'],
  ];
  it.each(kinds)('%s (%s) gets the sidecar', async (kind, apiVersion) => {
    const r = await inject(workload(kind, apiVersion));
    expect(r.err).toBe(`${kind.toLowerCase()} "ns1/demo" injected\n`);
    expect(r.code).toBe(0);
    expect(r.out.endsWith('---\n')).toBe(true);
    const [o] = docs(r.out);
    const meta = kind === 'CronJob' ? o!.spec.jobTemplate.metadata : podTemplate(o!).metadata;
    const spec = podTemplate(o!).spec;
    expect(spec.containers.map((c: Obj) => c.name)).toEqual(['app', 'istio-proxy']);
    expect(spec.initContainers.map((c: Obj) => c.name)).toEqual(['istio-init']);
    expect(JSON.parse(meta.annotations['sidecar.istio.io/status'])).toEqual({
      initContainers: ['istio-init'], containers: ['istio-proxy'], volumes: ['istio-envoy', 'istio-podinfo'], imagePullSecrets: null, revision: 'default',
    });
    expect(meta.labels['service.istio.io/canonical-name']).toBe('demo');
    const env = Object.fromEntries(spec.containers[1].env.map((e: Obj) => [e.name, e.value]));
    expect(env.ISTIO_META_WORKLOAD_NAME).toBe('demo');
    const ownerKind = kind === 'Pod' ? 'pods' : `${kind.toLowerCase()}s`;
    expect(env.ISTIO_META_OWNER).toBe(`kubernetes://apis/${kind === 'Pod' ? 'v1' : apiVersion}/namespaces/ns1/${ownerKind}/demo`);
    if (kind !== 'Pod') expect(o!.status).toBeDefined();
  });

  it('a v1 List has its workload items injected and other items kept', async () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [JSON.parse(workload('Deployment', 'apps/v1')), { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', annotations: { keep: 'me' } }, spec: { ports: [{ port: 80 }] } }] };
    const r = await inject(JSON.stringify(list));
    expect(r.code).toBe(0);
    const [o] = docs(r.out);
    expect(o!.items[0].spec.template.spec.containers.map((c: Obj) => c.name)).toEqual(['app', 'istio-proxy']);
    expect(o!.items[1]).toEqual(list.items[1]);
  });

  it('non-workload documents pass through byte for byte, order kept, --- after each', async () => {
    const input = readFileSync(join(FIXTURES, 'app.yaml'), 'utf8');
    const r = await inject(input + '---\n# only a comment\n---\nkind: ConfigMap\napiVersion: v1\ndata: {k: "v"}   # trailing');
    expect(r.code).toBe(0);
    const service = input.slice(0, input.indexOf('---\n'));
    expect(r.out.startsWith(service + '---\n')).toBe(true);
    expect(r.out.endsWith('---\n# only a comment\n---\nkind: ConfigMap\napiVersion: v1\ndata: {k: "v"}   # trailing---\n')).toBe(true);
    expect(r.out.split('---\n')).toHaveLength(5);
  });
});

describe('kube-inject: what the sidecar gets', () => {
  it('re-encodes like Kubernetes: quantities, status: {}, strategy: {}, sorted keys', async () => {
    const r = await inject(readFileSync(join(FIXTURES, 'app.yaml'), 'utf8'));
    const deploy = r.out.split('---\n')[1]!;
    expect(deploy).toContain('            cpu: "2"\n            memory: 1Gi\n');
    expect(deploy).toContain('  strategy: {}\n');
    expect(deploy.endsWith('status: {}\n')).toBe(true);
    expect(deploy.indexOf('apiVersion')).toBeLessThan(deploy.indexOf('kind'));
  });

  it('rewrites app probes to the agent and records the originals; merges prometheus scraping', async () => {
    const r = await inject(readFileSync(join(FIXTURES, 'app.yaml'), 'utf8'));
    const pod = podTemplate(docs(r.out)[1]!);
    const app = pod.spec.containers[0];
    expect(app.readinessProbe.httpGet).toEqual({ path: '/app-health/web/readyz', port: 15020 });
    expect(app.livenessProbe).toEqual({ httpGet: { path: '/app-health/web/livez', port: 15020 }, timeoutSeconds: 3 });
    const env = Object.fromEntries(pod.spec.containers[1].env.map((e: Obj) => [e.name, e.value]));
    expect(JSON.parse(env.ISTIO_KUBE_APP_PROBERS)).toEqual({
      '/app-health/web/livez': { tcpSocket: { port: 8080 }, timeoutSeconds: 3 },
      '/app-health/web/readyz': { httpGet: { path: '/ready', port: 8080 } },
    });
    expect(env.ISTIO_PROMETHEUS_ANNOTATIONS).toBe('{"scrape":"true","path":"","port":"9090"}');
    expect(pod.metadata.annotations['prometheus.io/port']).toBe('15020');
    expect(pod.metadata.annotations['prometheus.io/path']).toBe('/stats/prometheus');
    expect(env.ISTIO_META_APP_CONTAINERS).toBe('8080');
    expect(env.ISTIO_META_POD_PORTS).toBe('[{"name":"http","containerPort":8080},{"containerPort":53,"protocol":"UDP"}\n]');
    expect(env.PROXY_CONFIG).toBe('{"proxyMetadata":{"FROM_MESH":"yes"}}\n');
  });

  it('per-pod annotations reach the template and the post-processing', async () => {
    const annotations = {
      'sidecar.istio.io/proxyCPU': '250m',
      'sidecar.istio.io/proxyMemory': '0.5Gi',
      'sidecar.istio.io/proxyCPULimit': '2000m',
      'sidecar.istio.io/logLevel': 'debug',
      'traffic.sidecar.istio.io/includeInboundPorts': '8080',
      'traffic.sidecar.istio.io/excludeInboundPorts': '9000',
      'status.sidecar.istio.io/port': '15999',
      'readiness.status.sidecar.istio.io/periodSeconds': '5',
      'sidecar.istio.io/userVolumeMount': '{"certs":{"mountPath":"/etc/certs","readOnly":true}}',
      'sidecar.istio.io/proxyImageType': 'distroless',
      'sidecar.istio.io/rewriteAppHTTPProbers': 'false',
      'proxy.istio.io/config': '{"drainDuration": "90s", "proxyMetadata": {"FROM_POD": "1"}}',
    };
    const r = await inject(workload('Deployment', 'apps/v1', { annotations }, { containers: [{ ...CONTAINER, readinessProbe: { httpGet: { port: 8080, path: '/r' } } }] }));
    expect(r.code).toBe(0);
    const pod = podTemplate(docs(r.out)[0]!);
    const proxy = pod.spec.containers[1];
    expect(proxy.resources).toEqual({ limits: { cpu: '2' }, requests: { cpu: '250m', memory: '512Mi' } });
    expect(proxy.args).toContain('--proxyLogLevel=debug');
    expect(proxy.image).toBe('docker.io/istio/proxyv2:1.30.3-distroless');
    expect(proxy.readinessProbe.periodSeconds).toBe(5);
    expect(proxy.volumeMounts).toEqual([{ mountPath: '/etc/certs', name: 'certs', readOnly: true }]);
    const env = Object.fromEntries(proxy.env.map((e: Obj) => [e.name, e.value]));
    expect(env.DRAIN).toBe('1m30s');
    expect(env.FROM_POD).toBe('1');
    expect(env.FROM_MESH).toBe('yes');
    expect(JSON.parse(env.PROXY_CONFIG)).toEqual({ drainDuration: '90s', proxyMetadata: { FROM_MESH: 'yes', FROM_POD: '1' } });
    expect(env.ISTIO_KUBE_APP_PROBERS).toBeUndefined();
    expect(pod.spec.containers[0].readinessProbe.httpGet.port).toBe(8080);
    const args = pod.spec.initContainers[0].args;
    expect(args.slice(args.indexOf('-b'), args.indexOf('-b') + 4)).toEqual(['-b', '8080', '-d', '9000,15999']);
  });

  it('interceptionMode NONE drops the init container; holdApplicationUntilProxyStarts puts the proxy first', async () => {
    const none = podTemplate(docs((await inject(workload('Deployment', 'apps/v1', { annotations: { 'sidecar.istio.io/interceptionMode': 'NONE' } }))).out)[0]!);
    expect(none.spec.initContainers).toBeUndefined();
    const hold = podTemplate(docs((await inject(workload('Deployment', 'apps/v1', { annotations: { 'proxy.istio.io/config': 'holdApplicationUntilProxyStarts: true' } }))).out)[0]!);
    expect(hold.spec.containers.map((c: Obj) => c.name)).toEqual(['istio-proxy', 'app']);
  });

  it('native sidecars: ENABLE_NATIVE_SIDECARS=true, or the per-pod annotation', async () => {
    const native = podTemplate(docs((await inject(workload('Deployment', 'apps/v1'), [], { ENABLE_NATIVE_SIDECARS: 'true' })).out)[0]!);
    expect(native.spec.containers.map((c: Obj) => c.name)).toEqual(['app']);
    expect(native.spec.initContainers.map((c: Obj) => [c.name, c.restartPolicy])).toEqual([['istio-init', undefined], ['istio-proxy', 'Always']]);
    const optOut = podTemplate(docs((await inject(workload('Deployment', 'apps/v1', { annotations: { 'sidecar.istio.io/nativeSidecar': 'false' } }), [], { ENABLE_NATIVE_SIDECARS: 'true' })).out)[0]!);
    expect(optOut.spec.containers.map((c: Obj) => c.name)).toEqual(['app', 'istio-proxy']);
    const optIn = podTemplate(docs((await inject(workload('Deployment', 'apps/v1', { annotations: { 'sidecar.istio.io/nativeSidecar': 'true' } }))).out)[0]!);
    expect(optIn.spec.initContainers.map((c: Obj) => c.name)).toEqual(['istio-init', 'istio-proxy']);
  });

  it('inject.istio.io/templates selects a template; a user istio-proxy container overrides the injected one', async () => {
    const custom = podTemplate(docs((await inject(workload('Deployment', 'apps/v1', { annotations: { 'inject.istio.io/templates': 'sidecar,custom' } }))).out)[0]!);
    expect(custom.metadata.annotations['custom-template']).toBe('applied');
    expect(custom.spec.containers[1].image).toBe('custom');
    const user = { name: 'istio-proxy', image: 'auto', resources: { limits: { memory: '2Gi' } } };
    const over = podTemplate(docs((await inject(workload('Deployment', 'apps/v1', {}, { containers: [CONTAINER, user] }))).out)[0]!);
    const proxy = over.spec.containers.find((c: Obj) => c.name === 'istio-proxy');
    expect(proxy.image).toBe('docker.io/istio/proxyv2:1.30.3');
    expect(proxy.resources.limits).toEqual({ memory: '2Gi' });
    expect(JSON.parse(over.metadata.annotations['proxy.istio.io/overrides'])).toEqual({ containers: [{ name: 'istio-proxy', resources: { limits: { memory: '2Gi' } } }] });
  });

  it('skips what istioctl skips, with its messages', async () => {
    const off = await inject(workload('Deployment', 'apps/v1', { annotations: { 'sidecar.istio.io/inject': 'false' } }));
    expect(off.err).toBe('===> Skipping injection because Deployment "ns1/demo" has sidecar injection disabled\n');
    expect(docs(off.out)[0]!.spec.template.spec.containers).toHaveLength(1);
    const host = await inject(workload('Pod', 'v1', {}, { hostNetwork: true }));
    expect(host.err).toBe('===> Skipping injection because Pod "ns1/demo" has host networking enabled\n');
    const labelWins = await inject(workload('Deployment', 'apps/v1', { labels: { app: 'demo', 'sidecar.istio.io/inject': 'true' }, annotations: { 'sidecar.istio.io/inject': 'false' } }));
    expect(labelWins.err).toContain('injected');
  });

  it('is idempotent: injecting the output again changes nothing', async () => {
    for (const input of [readFileSync(join(FIXTURES, 'app.yaml'), 'utf8'), workload('StatefulSet', 'apps/v1'), workload('CronJob', 'batch/v1')]) {
      const once = await inject(input);
      const twice = await inject(once.out);
      expect(twice.code).toBe(0);
      expect(twice.out).toBe(once.out);
    }
  });

  it('revisions: -r names the revision in the template data and the status annotation; -r default is none', async () => {
    const canary = podTemplate(docs((await inject(workload('Deployment', 'apps/v1'), ['-r', 'canary'])).out)[0]!);
    expect(canary.metadata.annotations['istio.io/rev']).toBe('canary');
    expect(JSON.parse(canary.metadata.annotations['sidecar.istio.io/status']).revision).toBe('canary');
    const def = podTemplate(docs((await inject(workload('Deployment', 'apps/v1'), ['-r', 'default'])).out)[0]!);
    expect(def.metadata.annotations['istio.io/rev']).toBe('default');
  });
});

describe('kube-inject: errors are one line, exit 1, nothing written', () => {
  const expectOneLine = (r: Run, pattern: RegExp) => {
    expect(r.code).toBe(1);
    expect(r.out).toBe('');
    const lines = r.err.trim().split('\n');
    expect(lines[0]).toMatch(pattern);
    expect(lines.filter((l) => !l.startsWith('  hint:'))).toHaveLength(1);
  };
  it('invalid YAML names the document and the line', async () => {
    const r = await inject(`${workload('Deployment', 'apps/v1')}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: x\n`);
    expectOneLine(r, /^Error: -:\d+: document 2: could not parse YAML/);
    expect(Number(/-:(\d+)/.exec(r.err)![1])).toBeGreaterThanOrEqual(3);
  });
  it('a workload without a pod template', async () => {
    expectOneLine(await inject('apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: x\nspec:\n  replicas: 1\n'), /^Error: -:[56]: document 1: spec\.template is required value$/);
  });
  it('an unknown template name', async () => {
    expectOneLine(await inject(workload('Deployment', 'apps/v1', { annotations: { 'inject.istio.io/templates': 'nope' } })), /^Error: -:1: document 1: Deployment "ns1\/demo": failed to run injection template: requested template "nope" not found; have sidecar, custom, broken$/);
  });
  it('an invalid proxy.istio.io/config', async () => {
    expectOneLine(await inject(workload('Deployment', 'apps/v1', { annotations: { 'proxy.istio.io/config': 'concurrency: [1' } })), /^Error: -:1: document 1: .*proxy config/);
  });
  it('an invalid annotation and a wrongly typed field', async () => {
    expectOneLine(await inject(workload('Deployment', 'apps/v1', { annotations: { 'sidecar.istio.io/interceptionMode': 'MAGIC' } })), /invalid value 'MAGIC' for annotation/);
    expectOneLine(await inject('apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n    ports:\n    - containerPort: http\n'), /^Error: -:9: document 1: cannot unmarshal string into Go struct field Pod\.spec\.containers\.ports\.containerPort of type int32$/);
  });
  it('a template that fails to execute', async () => {
    expectOneLine(await inject(workload('Deployment', 'apps/v1', { annotations: { 'inject.istio.io/templates': 'broken' } })), /failed to run injection template: template: inject:\d+:\d+: executing "inject" at <fail "no">: error calling fail: no$/);
  });
  it('a later failure leaves -o FILE unwritten', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-inject-'));
    const out = join(dir, 'out.yaml');
    const r = await inject(`${workload('Deployment', 'apps/v1')}\n---\nkind: Deployment\napiVersion: apps/v1\nmetadata: {name: y}\nspec: {}\n`, ['-o', out]);
    expect(r.code).toBe(1);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
  it('missing -f and a missing file', async () => {
    const io = fakeIO();
    expect(await runCli(COMMANDS, ['kube-inject', ...CONFIG], io)).toBe(64);
    expect(io.err()).toContain('filename not specified (see --filename or -f)');
    const io2 = fakeIO();
    expect(await runCli(COMMANDS, ['kube-inject', '-f', 'no-such-file.yaml', ...CONFIG], io2)).toBe(1);
    expect(io2.err()).toMatch(/^Error: no-such-file\.yaml: no such file or directory/);
    const io3 = fakeIO();
    expect(await runCli(COMMANDS, ['kube-inject', '-f', '-', '--injectConfigFile', 'nope.yaml', '--meshConfigFile', join(FIXTURES, 'mesh.yaml'), '--valuesFile', join(FIXTURES, 'values.yaml')], io3)).toBe(1);
    expect(io3.err()).toMatch(/nope\.yaml: no such file or directory/);
  });
});

describe('kube-inject: -o FILE', () => {
  it('writes the output file atomically and prints the report on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-inject-'));
    const out = join(dir, 'out.yaml');
    const input = join(dir, 'in.yaml');
    writeFileSync(input, workload('Deployment', 'apps/v1'));
    const io = fakeIO();
    expect(await runCli(COMMANDS, ['kube-inject', '-f', input, '-o', out, ...CONFIG], io)).toBe(0);
    expect(io.out()).toBe('');
    expect(io.err()).toBe('deployment "ns1/demo" injected\n');
    expect(readFileSync(out, 'utf8')).toContain('name: istio-proxy');
    expect(readdirSync(dir).sort()).toEqual(['in.yaml', 'out.yaml']);
  });
});
