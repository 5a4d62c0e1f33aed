import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveIstioOperator, type ResolveOptions } from '../../src/operator/resolve.js';
import { listProfiles } from '../../src/operator/profiles.js';
import { SailError } from '../../src/errors.js';
import { ISTIO_VERSION } from '../../src/version.js';

const HEAD = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n';

async function failure(opts: ResolveOptions): Promise<SailError> {
  try {
    await resolveIstioOperator(opts);
  } catch (e) {
    if (e instanceof SailError) return e;
    throw e;
  }
  throw new Error('expected a SailError');
}

describe('built-in profiles', () => {
  it('lists the ten profiles', () => {
    expect(listProfiles()).toEqual(['ambient', 'default', 'demo', 'empty', 'minimal', 'openshift', 'openshift-ambient', 'preview', 'remote', 'stable']);
  });
  it('every profile resolves and validates', async () => {
    for (const p of listProfiles()) {
      const r = await resolveIstioOperator({ profile: p });
      expect(r.warnings).toEqual([]);
      expect(r.profileName).toBe(p);
      expect(r.iop.spec?.profile).toBe(p);
      expect(r.iop.spec?.hub).toBe('docker.io/istio');
      expect(r.iop.spec?.tag).toBe(ISTIO_VERSION);
    }
  });
  it('profiles carry their settings over default', async () => {
    const demo = (await resolveIstioOperator({ profile: 'demo' })).iop.spec;
    expect(demo?.components?.egressGateways).toEqual([{ name: 'istio-egressgateway', enabled: true }]);
    expect(demo?.components?.ingressGateways).toEqual([{ name: 'istio-ingressgateway', enabled: true }]);
    expect(demo?.values?.['profile']).toBe('demo');
    const amb = (await resolveIstioOperator({ profile: 'ambient' })).iop.spec;
    expect(amb?.components?.cni?.enabled).toBe(true);
    expect(amb?.components?.ztunnel?.enabled).toBe(true);
    expect(amb?.components?.ingressGateways?.[0]?.enabled).toBe(false);
    const os = (await resolveIstioOperator({ profile: 'openshift' })).iop.spec;
    expect(os?.components?.cni).toEqual({ enabled: true, namespace: 'kube-system' });
    expect(os?.values?.['global']).toMatchObject({ platform: 'openshift', istioNamespace: 'istio-system' });
    const empty = (await resolveIstioOperator({ profile: 'empty' })).iop.spec;
    expect(empty?.components?.base?.enabled).toBe(false);
    expect(empty?.components?.pilot?.enabled).toBe(false);
  });
});

describe('precedence: default <- profile <- files <- --set', () => {
  it('files override the profile left to right; lists replace; maps merge', async () => {
    const a = { name: 'a.yaml', text: `${HEAD}spec:\n  profile: demo\n  values:\n    global:\n      logging:\n        level: debug\n` };
    const b = { name: 'b.yaml', text: `${HEAD}spec:\n  values:\n    global:\n      istioNamespace: other\n  components:\n    ingressGateways:\n    - name: gw2\n      enabled: true\n` };
    const r = await resolveIstioOperator({ files: [a, b] });
    expect(r.profileName).toBe('demo');
    expect(r.iop.spec?.values?.['global']).toEqual({ configValidation: true, istioNamespace: 'other', logging: { level: 'debug' } });
    expect(r.iop.spec?.components?.ingressGateways).toEqual([{ name: 'gw2', enabled: true }]);
  });
  it('--set wins over files, in order; -r and -d are aliases applied last', async () => {
    const f = { name: 'f.yaml', text: `${HEAD}spec:\n  hub: from-file\n  revision: x\n` };
    const r = await resolveIstioOperator({ files: [f], sets: ['hub=one', 'hub=two', 'profile=minimal'], revision: 'canary' });
    expect(r.iop.spec?.hub).toBe('two');
    expect(r.iop.spec?.revision).toBe('canary');
    expect(r.profileName).toBe('minimal');
  });
  it('a positional profile wins over the file', async () => {
    const f = { name: 'f.yaml', text: `${HEAD}spec:\n  profile: demo\n` };
    expect((await resolveIstioOperator({ files: [f], profile: 'ambient' })).profileName).toBe('ambient');
  });
  it('an empty file and `spec:` with nothing under it are fine', async () => {
    const r = await resolveIstioOperator({ files: [{ name: 'e.yaml', text: '' }, { name: 's.yaml', text: `${HEAD}spec:\n` }] });
    expect(r.profileName).toBe('default');
  });
});

describe('-d DIR: profiles from an Istio-style manifests directory', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sailctl-profiles-'));
  mkdirSync(join(dir, 'profiles'));
  writeFileSync(join(dir, 'profiles', 'default.yaml'), `${HEAD}spec:\n  hub: h\n  components:\n    pilot:\n      enabled: true\n`);
  writeFileSync(join(dir, 'profiles', 'mine.yaml'), `${HEAD}spec:\n  components:\n    pilot:\n      enabled: false\n`);
  writeFileSync(join(dir, 'profiles', 'broken.yaml'), `${HEAD}spec:\n  compnents: {}\n`);
  it('lists and resolves them, recording installPackagePath', async () => {
    expect(listProfiles(dir)).toEqual(['broken', 'default', 'mine']);
    const r = await resolveIstioOperator({ profile: 'mine', manifestsDir: dir });
    expect(r.iop.spec?.components?.pilot?.enabled).toBe(false);
    expect(r.iop.spec?.installPackagePath).toBe(dir);
    expect(r.manifestsDir).toBe(dir);
  });
  it('names the profile file and line of an invalid profile', async () => {
    const e = await failure({ profile: 'broken', manifestsDir: dir });
    expect(e.located).toBe(`${join(dir, 'profiles', 'broken.yaml')}:4: could not unmarshal: unknown field "compnents" in spec`);
  });
  it('unknown profile lists the known ones', async () => {
    const e = await failure({ profile: 'nope', manifestsDir: dir });
    expect(e.message).toBe('unknown profile "nope"');
    expect(e.hint).toBe('known profiles: broken, default, mine');
  });
  it('a missing directory is an error naming it', () => {
    expect(() => listProfiles(join(dir, 'absent'))).toThrow(SailError);
  });
});

describe('bad input: one SailError naming file:line', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['invalid YAML', `${HEAD}spec:\n  hub: a\n  - b\n`, /^f\.yaml:5: could not parse YAML/],
    ['not an IstioOperator', 'apiVersion: v1\nkind: ConfigMap\n', /^f\.yaml:2: not an IstioOperator: kind is "ConfigMap"$/],
    ['no kind', 'spec: {}\n', /^f\.yaml:1: not an IstioOperator: the document has no kind$/],
    ['a list', '- a\n', /^f\.yaml:1: could not unmarshal: expected an IstioOperator/],
    ['two IstioOperators', `${HEAD}spec: {}\n---\n${HEAD}spec: {}\n`, /^f\.yaml:5: input file f\.yaml contains multiple IstioOperator CRs, only one per file is supported$/],
    ['unknown field', `${HEAD}spec:\n  components:\n    pilot:\n      enabld: true\n`, /^f\.yaml:6: could not unmarshal: unknown field "enabld" in spec\.components\.pilot$/],
    ['unknown k8s field', `${HEAD}spec:\n  components:\n    pilot:\n      k8s:\n        replicas: 2\n`, /^f\.yaml:7: could not unmarshal: unknown field "replicas" in spec\.components\.pilot\.k8s$/],
    ['unknown values field', `${HEAD}spec:\n  values:\n    pilot:\n      autoscaleEnable: true\n`, /^f\.yaml:6: could not unmarshal: unknown field "autoscaleEnable" in spec\.values\.pilot$/],
    ['wrong type', `${HEAD}spec:\n  components:\n    pilot:\n      enabled: "true"\n`, /^f\.yaml:6: could not unmarshal: cannot unmarshal string "true" into spec\.components\.pilot\.enabled of type boolean$/],
    ['wrong type in a list', `${HEAD}spec:\n  components:\n    ingressGateways:\n    - name: 3\n`, /^f\.yaml:6: could not unmarshal: cannot unmarshal number into spec\.components\.ingressGateways\[0\]\.name of type string$/],
    ['negative replicaCount', `${HEAD}spec:\n  components:\n    pilot:\n      k8s:\n        replicaCount: -1\n`, /^f\.yaml:7: could not unmarshal: invalid value -1 for spec\.components\.pilot\.k8s\.replicaCount/],
    ['unknown field deep in a k8s probe', `${HEAD}spec:\n  components:\n    pilot:\n      k8s:\n        readinessProbe:\n          httpGet:\n            sheme: HTTP\n`, /^f\.yaml:9: could not unmarshal: unknown field "sheme" in spec\.components\.pilot\.k8s\.readinessProbe\.httpGet$/],
    ['wrong type in a k8s env valueFrom', `${HEAD}spec:\n  components:\n    ingressGateways:\n    - name: gw\n      k8s:\n        env:\n        - name: A\n          valueFrom:\n            fieldRef: metadata.name\n`, /^f\.yaml:11: could not unmarshal: cannot unmarshal string "metadata\.name" into spec\.components\.ingressGateways\[0\]\.k8s\.env\[0\]\.valueFrom\.fieldRef of type object$/],
    ['bad enum in values', `${HEAD}spec:\n  values:\n    global:\n      proxy:\n        tracer: jaeger\n`, /^f\.yaml:7: could not unmarshal: invalid value "jaeger" for spec\.values\.global\.proxy\.tracer: must be one of zipkin, lightstep/],
  ];
  for (const [what, text, re] of cases) {
    it(what, async () => {
      const e = await failure({ files: [{ name: 'f.yaml', text }] });
      expect(e.located).toMatch(re);
      expect(e.located).not.toContain('\n');
    });
  }
  it('--set that produces a wrong type names the --set', async () => {
    const e = await failure({ sets: ['components.pilot.enabled=maybe'] });
    expect(e.located).toBe('--set components.pilot.enabled=maybe: could not unmarshal: cannot unmarshal string "maybe" into spec.components.pilot.enabled of type boolean');
  });
  it('--set of an unknown field names the --set', async () => {
    const e = await failure({ sets: ['values.global.hubb=x'] });
    expect(e.located).toBe('--set values.global.hubb=x: could not unmarshal: unknown field "hubb" in spec.values.global');
  });
  it('--force turns validation errors into warnings', async () => {
    const text = `${HEAD}spec:\n  components:\n    pilot:\n      enabld: true\n`;
    const r = await resolveIstioOperator({ files: [{ name: 'f.yaml', text }], sets: ['values.x=1'], force: true });
    expect(r.warnings).toEqual([
      'f.yaml:6: could not unmarshal: unknown field "enabld" in spec.components.pilot (did you mean "enabled"?) (continuing because of --force)',
      '--set values.x=1: could not unmarshal: unknown field "x" in spec.values (continuing because of --force)',
    ]);
    expect(r.iop.spec?.components?.pilot).toMatchObject({ enabld: true });
  });
  it('meshConfig: wrong types are errors, unknown fields only warnings (istioctl decodes it leniently)', async () => {
    const bad = `${HEAD}spec:\n  meshConfig:\n    defaultConfig:\n      holdApplicationUntilProxyStarts: "yes"\n`;
    const e = await failure({ files: [{ name: 'm.yaml', text: bad }] });
    expect(e.located).toBe('m.yaml:6: could not unmarshal: cannot unmarshal string "yes" into spec.meshConfig.defaultConfig.holdApplicationUntilProxyStarts of type boolean');
    const typo = `${HEAD}spec:\n  meshConfig:\n    acessLogFile: /dev/stdout\n  values:\n    meshConfig:\n      enableTracng: true\n`;
    const r = await resolveIstioOperator({ files: [{ name: 'm.yaml', text: typo }] });
    expect(r.warnings).toEqual([
      'm.yaml:5: unknown field "acessLogFile" in spec.meshConfig (istioctl ignores unknown meshConfig fields) (did you mean "accessLogFile"?)',
      'm.yaml:8: unknown field "enableTracng" in spec.values.meshConfig (istioctl ignores unknown meshConfig fields) (did you mean "enableTracing"?)',
    ]);
    const e2 = await failure({ sets: ['meshConfig.outboundTrafficPolicy.mode=OPEN'] });
    expect(e2.located).toMatch(/^--set meshConfig\.outboundTrafficPolicy\.mode=OPEN: could not unmarshal: invalid value "OPEN" for spec\.meshConfig\.outboundTrafficPolicy\.mode: must be one of REGISTRY_ONLY, ALLOW_ANY/);
    const ok = `${HEAD}spec:\n  meshConfig:\n    accessLogFile: /dev/stdout\n    defaultConfig:\n      proxyMetadata:\n        ISTIO_META_DNS_CAPTURE: "true"\n      drainDuration: 45s\n      concurrency: 2\n    extensionProviders:\n    - name: otel\n      opentelemetry:\n        service: otel.observability.svc.cluster.local\n        port: 4317\n`;
    expect((await resolveIstioOperator({ files: [{ name: 'ok.yaml', text: ok }] })).warnings).toEqual([]);
  });
  it('null values are accepted as "unset", as istioctl does', async () => {
    const text = `${HEAD}spec:\n  hub:\n  components:\n    pilot:\n  values:\n    global:\n`;
    await expect(resolveIstioOperator({ files: [{ name: 'f.yaml', text }] })).resolves.toBeTruthy();
  });
  it('values accept jsonpb spellings: proto names, quoted integers, Go durations', async () => {
    const text = `${HEAD}spec:\n  values:\n    global:\n      proxy_init: {}\n    pilot:\n      replicaCount: "2"\n      keepaliveMaxServerConnectionAge: 30m\n`;
    await expect(resolveIstioOperator({ files: [{ name: 'f.yaml', text }] })).resolves.toBeTruthy();
  });
});

describe('unknown fields come with a suggestion', () => {
  const cases: Array<[string, string]> = [
    [`${HEAD}spec:\n  componets: {}\n`, 'components'],
    [`${HEAD}spec:\n  components:\n    pilot:\n      enabeld: true\n`, 'enabled'],
    [`${HEAD}spec:\n  components:\n    pilot:\n      k8s:\n        replicas: 2\n`, 'replicaCount'],
    [`${HEAD}spec:\n  values:\n    global:\n      istioNamspace: x\n`, 'istioNamespace'],
    [`${HEAD}spec:\n  values:\n    gateways:\n      istio-ingressgateway:\n        autoscaleMin: 1\n        autoscaleMax: 2\n        serviceAnotations: {}\n`, 'serviceAnnotations'],
  ];
  for (const [text, want] of cases) {
    it(want, async () => expect((await failure({ files: [{ name: 'f.yaml', text }] })).hint).toBe(`did you mean "${want}"?`));
  }
  it('none when nothing is close', async () => {
    expect((await failure({ files: [{ name: 'f.yaml', text: `${HEAD}spec:\n  zzzzzz: 1\n` }] })).hint).toBeUndefined();
  });
});
