/**
 * istiod's OpenShift rules in kube-inject: the proxy's UID/GID from the namespace's
 * openshift.io/sa.scc.* annotations and the sidecar user that equals the app's dropped, applied
 * when sailctl stands in for istiod's webhook (the cluster's templates, platform openshift) and
 * never on istioctl's local path (files, offline), which keeps 1337.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { prepareInjector, injectStream, injectorSpec, injectorFromSpec, type NamespaceAnnotations } from '../../src/inject/index.js';
import { linesOf } from '../../src/inject/stream.js';
import { dropSidecarUserMatchingApp, namespaceIdAnnotations, parseIdBlock, platformOf, proxyIds } from '../../src/inject/openshift.js';
import type { JsonObject } from '../../src/inject/k8s/codec.js';
import { runCli } from '../../src/cli/program.js';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { fakeIO } from '../support/fake-io.js';
import { REPO_ROOT, sailctl } from '../support/cli.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { writeKubeconfig } from '../support/kubeconfig.js';

const FIXTURES = resolve(REPO_ROOT, 'test/inject/fixtures');
const fixture = (f: string): string => readFileSync(join(FIXTURES, f), 'utf8');

const UID = 'openshift.io/sa.scc.uid-range';
const GROUPS = 'openshift.io/sa.scc.supplemental-groups';

type Obj = Record<string, any>;
const docs = (text: string): Obj[] => parseAllDocuments(text).map((d) => d.toJS() as Obj).filter((d) => d !== null);

describe('parseIdBlock: OpenShift ranges read as Go fmt.Sscanf reads them', () => {
  // Results pinned by running Go's fmt.Sscanf("%d/%d" / "%d-%d") into uint32s on each input.
  it.each([
    ['1000620000/10000', 1000620000, 1000629999],
    ['1000620000-1000629999', 1000620000, 1000629999],
    [' 5/10', 5, 14],
    ['\t5/10', 5, 14],
    ['\r5/10', 5, 14],
    ['\u00a05/10', 5, 14],
    ['5/ 10', 5, 14],
    ['5- 10', 5, 10],
    ['5/10abc', 5, 14],
    ['5/10/3', 5, 14],
    ['5-10-3', 5, 10],
    ['010/5', 10, 14],
    ['5/0', 5, 4],
    ['0/0', 0, 4294967295],
    ['4294967295/2', 4294967295, 0],
  ])('%j -> %d..%d', (text, start, end) => {
    expect(parseIdBlock(text)).toEqual({ start, end });
  });

  it.each(['5 /10', '5 -10', '+5/10', '-5/10', '5/+3', '5--3', '4294967296/1', '99999999999/1', 'abc', '', '5', '5/', '1_000/10', '0x10/5', '1e3/4', '\n5/10', '5/\n10', '5/\r\n10'])(
    '%j is malformed',
    (text) => {
      expect(parseIdBlock(text)).toBeUndefined();
    },
  );
});

describe('proxyIds (istio GetProxyIDs)', () => {
  it('1337 without a namespace or without its annotations', () => {
    expect(proxyIds(undefined)).toEqual({ uid: 1337n, gid: 1337n });
    expect(proxyIds({ other: '1/2' })).toEqual({ uid: 1337n, gid: 1337n });
  });

  it('the UID range end; the group is the UID range end when no supplemental groups are set', () => {
    expect(proxyIds({ [UID]: '1000620000/10000' })).toEqual({ uid: 1000629999n, gid: 1000629999n });
  });

  it('the group is the end of the first supplemental-groups block', () => {
    expect(proxyIds({ [UID]: '1000620000/10000', [GROUPS]: '5000/10,9000/100' })).toEqual({ uid: 1000629999n, gid: 5009n });
  });

  it('a malformed or empty value keeps 1337 for its own ID only; one bad group block spoils all', () => {
    expect(proxyIds({ [UID]: 'x/10', [GROUPS]: '5000/10' })).toEqual({ uid: 1337n, gid: 5009n });
    expect(proxyIds({ [UID]: '1000/10', [GROUPS]: '5000/10,bad' })).toEqual({ uid: 1009n, gid: 1337n });
    expect(proxyIds({ [UID]: '', [GROUPS]: '5000/10' })).toEqual({ uid: 1337n, gid: 5009n });
    // an empty supplemental-groups annotation does not fall back to the UID range
    expect(proxyIds({ [UID]: '1000/10', [GROUPS]: '' })).toEqual({ uid: 1009n, gid: 1337n });
  });
});

describe('platformOf', () => {
  it('PLATFORM in the environment wins, else the values\' global.platform', () => {
    expect(platformOf({}, { global: { platform: 'openshift' } })).toBe('openshift');
    expect(platformOf({ PLATFORM: '' }, { global: { platform: 'openshift' } })).toBe('');
    expect(platformOf({ PLATFORM: 'openshift' }, {})).toBe('openshift');
    expect(platformOf({}, { global: null })).toBe('');
  });
});

describe('namespaceIdAnnotations', () => {
  it('keeps only namespaces with a range, and only the range annotations', () => {
    const m = namespaceIdAnnotations([
      { name: 'a', annotations: { [UID]: '1/2', note: 'x' } },
      { name: 'b', annotations: { note: 'y' } },
      { name: 'c' },
      { name: 'd', annotations: { [GROUPS]: '3/4' } },
    ]);
    expect([...m]).toEqual([
      ['a', { [UID]: '1/2' }],
      ['d', { [GROUPS]: '3/4' }],
    ]);
  });
});

describe('dropSidecarUserMatchingApp (the webhook\'s OpenShift reset)', () => {
  const pod = (app: Obj | undefined, sidecar: Obj | undefined, extra: Obj = {}): JsonObject => ({
    metadata: {},
    spec: {
      containers: [{ name: 'app', ...(app ? { securityContext: app } : {}) }, ...(sidecar ? [{ name: 'istio-proxy', securityContext: sidecar }] : [])],
      ...extra,
    },
  });
  const sidecarOf = (p: JsonObject): Obj => [...((p['spec'] as Obj)['containers'] as Obj[]), ...(((p['spec'] as Obj)['initContainers'] as Obj[] | undefined) ?? [])].find((c) => c.name === 'istio-proxy');

  it('drops the sidecar\'s runAsUser and runAsGroup when its user is the app\'s; other fields stay', () => {
    const input = pod({ runAsUser: 1000620000 }, { runAsUser: 1000620000, runAsGroup: 7, readOnlyRootFilesystem: false });
    const out = dropSidecarUserMatchingApp(input);
    expect(sidecarOf(out).securityContext).toEqual({ readOnlyRootFilesystem: false });
    expect(sidecarOf(input).securityContext.runAsUser).toBe(1000620000); // the input is not changed
  });

  it('keeps a sidecar user that differs from the app\'s', () => {
    const input = pod({ runAsUser: 1000620000 }, { runAsUser: 1000620001 });
    expect(dropSidecarUserMatchingApp(input)).toBe(input);
  });

  it('unset users are both 0, so a sidecar runAsGroup alone is dropped too', () => {
    expect(sidecarOf(dropSidecarUserMatchingApp(pod(undefined, { runAsGroup: 5 }))).securityContext).toEqual({});
  });

  it('no sidecar or no sidecar securityContext: unchanged', () => {
    const none = pod({ runAsUser: 1 }, undefined);
    expect(dropSidecarUserMatchingApp(none)).toBe(none);
    const bare: JsonObject = { spec: { containers: [{ name: 'app' }, { name: 'istio-proxy' }] } };
    expect(dropSidecarUserMatchingApp(bare)).toBe(bare);
  });

  it('app users count from init containers too, Istio\'s own init containers never; a native sidecar is found', () => {
    const viaInit = pod(undefined, { runAsUser: 42 }, { initContainers: [{ name: 'setup', securityContext: { runAsUser: 42 } }] });
    expect(sidecarOf(dropSidecarUserMatchingApp(viaInit)).securityContext).toEqual({});
    const istioInit = pod(undefined, { runAsUser: 42 }, { initContainers: [{ name: 'istio-validation', securityContext: { runAsUser: 42 } }] });
    expect(dropSidecarUserMatchingApp(istioInit)).toBe(istioInit);
    const native: JsonObject = { spec: { containers: [{ name: 'app', securityContext: { runAsUser: 9 } }], initContainers: [{ name: 'istio-proxy', securityContext: { runAsUser: 9 } }] } };
    expect(sidecarOf(dropSidecarUserMatchingApp(native)).securityContext).toEqual({});
  });
});

// ---------------------------------------------------------------------------------------------
// Through the injector, with sailctl's own fixture template (uid-inject-config.yaml)

const SHOP: NamespaceAnnotations = new Map([['shop', { [UID]: '1000620000/10000', [GROUPS]: '1000700000/5000' }]]);
const DEFAULT_VALUES = 'global:\n  hub: quay.example/istio\n  tag: 1.30.3\n';

const deployment = (opts: { namespace?: string; templateNamespace?: string; appUser?: number; sidecarUser?: number } = {}): string => {
  const lines = ['apiVersion: apps/v1', 'kind: Deployment', 'metadata:', '  name: web'];
  if (opts.namespace) lines.push(`  namespace: ${opts.namespace}`);
  lines.push('spec:', '  selector:', '    matchLabels: {app: web}', '  template:', '    metadata:', '      labels: {app: web}');
  if (opts.templateNamespace) lines.push(`      namespace: ${opts.templateNamespace}`);
  lines.push('    spec:', '      containers:', '      - name: web', '        image: nginx');
  if (opts.appUser !== undefined) lines.push('        securityContext:', `          runAsUser: ${opts.appUser}`);
  if (opts.sidecarUser !== undefined) lines.push('      - name: istio-proxy', '        image: auto', '        securityContext:', '          readOnlyRootFilesystem: false', `          runAsUser: ${opts.sidecarUser}`);
  return `${lines.join('\n')}\n`;
};

interface InjectOpts {
  values?: string;
  env?: Record<string, string>;
  namespaces?: (() => Promise<NamespaceAnnotations>) | undefined;
}

async function injector(o: InjectOpts = {}) {
  const files: Record<string, string> = { config: fixture('uid-inject-config.yaml'), values: o.values ?? fixture('openshift-values.yaml'), mesh: fixture('mesh.yaml') };
  return prepareInjector({
    env: o.env ?? {},
    revision: '',
    nativeSidecars: false,
    clusterNamespaces: 'namespaces' in o ? o.namespaces : async () => SHOP,
    sources: {
      injectConfigFile: 'config',
      valuesFile: 'values',
      meshConfigFile: 'mesh',
      meshConfigMapName: 'istio',
      injectConfigMapName: 'istio-sidecar-injector',
      revision: '',
      istioNamespace: 'istio-system',
      readFile: async (p) => files[p] as string,
    },
  });
}

async function run(input: string, inj: Awaited<ReturnType<typeof injector>>): Promise<Obj> {
  const out: string[] = [];
  await injectStream(linesOf(input), inj, { file: 'app.yaml', write: (s) => out.push(s), report: () => undefined });
  return docs(out.join(''))[0]!.spec.template;
}

function ids(template: Obj): { uid: number; gid: number; iptablesUser: string; initUid: number; initGid: number } {
  const proxy = template.spec.containers.find((c: Obj) => c.name === 'istio-proxy');
  const init = template.spec.initContainers.find((c: Obj) => c.name === 'istio-validation');
  return { uid: proxy.securityContext.runAsUser, gid: proxy.securityContext.runAsGroup, iptablesUser: init.args[2], initUid: init.securityContext.runAsUser, initGid: init.securityContext.runAsGroup };
}

describe('kube-inject with istiod\'s OpenShift rules (library)', () => {
  it('platform openshift (values): the UID range end and the first group block end, everywhere the template uses them', async () => {
    const t = await run(deployment({ namespace: 'shop' }), await injector());
    expect(ids(t)).toEqual({ uid: 1000629999, gid: 1000704999, iptablesUser: '1000629999', initUid: 1000629999, initGid: 1000704999 });
  });

  it('the pod template\'s own namespace wins over the workload\'s; an unknown namespace keeps 1337', async () => {
    const inj = await injector();
    expect(ids(await run(deployment({ namespace: 'other', templateNamespace: 'shop' }), inj)).uid).toBe(1000629999);
    expect(ids(await run(deployment({ namespace: 'other' }), inj)).uid).toBe(1337);
    expect(ids(await run(deployment(), inj)).uid).toBe(1337);
  });

  it('not OpenShift: 1337, and the cluster\'s namespaces are not even read', async () => {
    const read = vi.fn(async () => SHOP);
    const t = await run(deployment({ namespace: 'shop' }), await injector({ values: DEFAULT_VALUES, namespaces: read }));
    expect(ids(t).uid).toBe(1337);
    expect(read).not.toHaveBeenCalled();
  });

  it('PLATFORM in the environment overrides the values either way', async () => {
    expect(ids(await run(deployment({ namespace: 'shop' }), await injector({ values: DEFAULT_VALUES, env: { PLATFORM: 'openshift' } }))).uid).toBe(1000629999);
    expect(ids(await run(deployment({ namespace: 'shop' }), await injector({ env: { PLATFORM: '' } }))).uid).toBe(1337);
  });

  it('istioctl\'s local injection (no cluster namespaces) keeps 1337 even on OpenShift', async () => {
    const t = await run(deployment({ namespace: 'shop' }), await injector({ namespaces: undefined }));
    expect(ids(t)).toEqual({ uid: 1337, gid: 1337, iptablesUser: '1337', initUid: 1337, initGid: 1337 });
  });

  it('a sidecar user equal to the app\'s (OpenShift stamps one on every container) gives way to the range', async () => {
    const input = deployment({ namespace: 'shop', appUser: 1000620000, sidecarUser: 1000620000 });
    const t = await run(input, await injector());
    expect(ids(t).uid).toBe(1000629999);
    expect(t.metadata.annotations['proxy.istio.io/overrides']).toBe('{"containers":[{"name":"istio-proxy","resources":{},"securityContext":{"readOnlyRootFilesystem":false}}]}');
    // the same pod injected locally keeps the user's UID as an override
    const local = await run(input, await injector({ namespaces: undefined }));
    expect(ids(local).uid).toBe(1000620000);
    expect(local.metadata.annotations['proxy.istio.io/overrides']).toContain('"runAsUser":1000620000');
  });

  it('a sidecar user different from the app\'s stays the user\'s choice', async () => {
    const t = await run(deployment({ namespace: 'shop', appUser: 1000620000, sidecarUser: 1000620005 }), await injector());
    expect(ids(t).uid).toBe(1000620005);
  });

  it('the worker threads\' injector spec carries the namespaces', async () => {
    const inj = await injector();
    const rebuilt = await injectorFromSpec(structuredClone(injectorSpec(inj, {})));
    expect(ids(await run(deployment({ namespace: 'shop' }), rebuilt)).uid).toBe(1000629999);
    const local = await injectorFromSpec(structuredClone(injectorSpec(await injector({ namespaces: undefined }), {})));
    expect(ids(await run(deployment({ namespace: 'shop' }), local)).uid).toBe(1337);
  });
});

// ---------------------------------------------------------------------------------------------
// The command against the local API server: the cluster's ConfigMaps and Namespaces

describe('kube-inject with the cluster\'s configuration on OpenShift', () => {
  let server: KubeServer;
  let kubeconfig: string;
  const configMap = (name: string, data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'istio-system' }, data });

  beforeAll(async () => {
    server = await startKubeServer();
    kubeconfig = writeKubeconfig(server.url);
    server.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'istio-system' } });
    server.seed({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', annotations: { [UID]: '1000620000/10000', [GROUPS]: '1000620000/10000' } } });
    server.seed(configMap('istio-sidecar-injector', { config: fixture('uid-inject-config.yaml'), values: fixture('openshift-values.yaml') }));
    server.seed(configMap('istio', { mesh: fixture('mesh.yaml') }));
  });
  afterAll(async () => server?.stop());

  async function inject(extra: string[], input = deployment({ namespace: 'shop' })): Promise<{ code: number; out: string; err: string }> {
    const io = fakeIO({ stdin: input, env: { ENABLE_NATIVE_SIDECARS: 'false', HOME: '/nonexistent' } });
    const code = await runCli(COMMANDS, ['kube-inject', '-f', '-', '-c', kubeconfig, ...extra], io);
    return { code, out: io.out(), err: io.err() };
  }

  it('reads the namespace\'s UID range, as istiod\'s webhook would', async () => {
    const r = await inject([]);
    expect(r.err).toBe('deployment "shop/web" injected\n');
    expect(r.code).toBe(0);
    expect(ids(docs(r.out)[0]!.spec.template).uid).toBe(1000629999);
  });

  it('with --injectConfigFile it injects locally, as istioctl does: 1337', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const file = join(mkdtempSync(join(tmpdir(), 'sailctl-openshift-')), 'config.yaml');
    writeFileSync(file, fixture('uid-inject-config.yaml'));
    const r = await inject(['--injectConfigFile', file]);
    expect(r.code).toBe(0);
    expect(ids(docs(r.out)[0]!.spec.template).uid).toBe(1337);
  });

  it('namespaces it may not list: a warning and 1337, not a failure', async () => {
    server.forbidden.push({ verb: 'list', resource: 'namespaces' });
    try {
      const r = await inject([]);
      expect(r.code).toBe(0);
      expect(r.err).toMatch(/^warning: could not list namespaces for their OpenShift UID ranges \(.*forbidden.*\); the proxy runs as 1337\ndeployment "shop\/web" injected\n$/);
      expect(ids(docs(r.out)[0]!.spec.template).uid).toBe(1337);
    } finally {
      server.forbidden.pop();
    }
  });

  it('through bin/sailctl on worker threads: the same output as serially (build first)', async () => {
    let stream = '';
    for (let i = 0; i < 700; i++) stream += deployment({ namespace: i % 2 ? 'shop' : 'other' }).replace('name: web', `name: web${i}\n  annotations: {pad: "${'x'.repeat(300)}"}`) + '---\n';
    const env = { ENABLE_NATIVE_SIDECARS: 'false', HOME: '/nonexistent', KUBECONFIG: kubeconfig };
    const serial = await sailctl(['kube-inject', '-f', '-'], { env: { ...env, SAILCTL_INJECT_WORKERS: '0' }, input: stream });
    const pooled = await sailctl(['kube-inject', '-f', '-'], { env: { ...env, SAILCTL_INJECT_WORKERS: '2' }, input: stream });
    expect(serial.exitCode).toBe(0);
    expect(pooled.stdout).toBe(serial.stdout);
    const uids = docs(pooled.stdout).map((d) => ids(d.spec.template).uid);
    expect(uids.slice(0, 4)).toEqual([1337, 1000629999, 1337, 1000629999]);
    expect(uids.filter((u) => u === 1000629999)).toHaveLength(350);
  }, 60_000);
});
