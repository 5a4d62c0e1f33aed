/** `sailctl profile list|dump|diff` end to end (run `npx tsc -p .` first). */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { sailctl } from '../support/cli.js';

const HEAD = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n';
const dir = mkdtempSync(join(tmpdir(), 'sailctl-profile-e2e-'));
function file(name: string, text: string): string {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
}

/** A user error: exit 1, exactly one "Error:" line (plus an optional hint line), nothing on stdout. */
function expectOneLineError(r: { exitCode: number; stdout: string; stderr: string }, re: RegExp): void {
  expect(r.exitCode, r.stderr).not.toBe(0);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines[0]).toMatch(re);
  expect(lines.slice(1).every((l) => l.startsWith('  hint: '))).toBe(true);
  expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe('profile list', () => {
  it('prints the profiles sorted, indented four spaces, under the istioctl header', async () => {
    const r = await sailctl(['profile', 'list']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe(
      'Istio configuration profiles:\n' +
        ['ambient', 'default', 'demo', 'empty', 'minimal', 'openshift', 'openshift-ambient', 'preview', 'remote', 'stable'].map((p) => `    ${p}\n`).join(''),
    );
  });
  it('-d DIR without profiles/ is an error naming the directory', async () => {
    expectOneLineError(await sailctl(['profile', 'list', '-d', join(dir, 'nowhere')]), /^Error: .*nowhere[/\\]profiles: /);
  });
});

describe('profile dump', () => {
  it('yaml: the header, sorted keys, profile and hub/tag filled in, trailing blank line', async () => {
    const r = await sailctl(['profile', 'dump', 'demo']);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.startsWith('apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  components:\n')).toBe(true);
    expect(r.stdout.endsWith('\n\n')).toBe(true);
    const doc = parse(r.stdout);
    expect(doc.spec.profile).toBe('demo');
    expect(doc.spec.hub).toBe('docker.io/istio');
    expect(doc.spec.components.egressGateways).toEqual([{ enabled: true, name: 'istio-egressgateway' }]);
    expect(doc.metadata).toBeUndefined();
  });
  it('json: four-space indent; flags: sorted path=value lines', async () => {
    const j = await sailctl(['profile', 'dump', 'minimal', '-o', 'json']);
    expect(j.stdout).toMatch(/^\{\n {4}"apiVersion": "install\.istio\.io\/v1alpha1",\n/);
    expect(JSON.parse(j.stdout).spec.components.ingressGateways[0].enabled).toBe(false);
    const f = await sailctl(['profile', 'dump', 'minimal', '-o', 'flags']);
    const lines = f.stdout.trimEnd().split('\n');
    expect(lines).toContain('components.ingressGateways[0].enabled=false');
    expect(lines).toContain('components.ingressGateways[0].name="istio-ingressgateway"');
    expect(lines).toContain('values.global.configValidation=true');
    expect([...lines].sort()).toEqual(lines);
  });
  it('-p/--config-path dumps a subtree without the header', async () => {
    const r = await sailctl(['profile', 'dump', 'ambient', '-p', 'components.ztunnel']);
    expect(r.stdout).toBe('enabled: true\n\n');
    const l = await sailctl(['profile', 'dump', '--config-path', 'components.ingressGateways', '-o', 'flags']);
    expect(l.stdout).toBe('[0].enabled=true\n[0].name="istio-ingressgateway"\n');
  });
  it('-f files overlay left to right, - reads stdin, --set wins', async () => {
    const a = file('a.yaml', `${HEAD}spec:\n  profile: demo\n  hub: a\n`);
    const r = await sailctl(['profile', 'dump', '-f', a, '-f', '-', '--set', 'values.global.logging.level=debug', '-p', 'hub'], {
      input: `${HEAD}spec:\n  hub: from-stdin\n`,
    });
    expect(r.stdout).toBe('from-stdin\n\n');
    const s = await sailctl(['profile', 'dump', '-f', a, '--set', 'hub=set', '--set', 'components.ingressGateways[name:istio-ingressgateway].enabled=false', '-o', 'json']);
    const spec = JSON.parse(s.stdout).spec;
    expect(spec.hub).toBe('set');
    expect(spec.profile).toBe('demo');
    expect(spec.components.ingressGateways).toEqual([{ enabled: false, name: 'istio-ingressgateway' }]);
  });
  it('a profile name and -f together is a usage error', async () => {
    const r = await sailctl(['profile', 'dump', 'demo', '-f', file('x.yaml', HEAD)]);
    expect(r.exitCode).toBe(64);
    expect(r.stderr).toContain('cannot specify both profile name and filename flag');
  });
});

describe('profile dump: bad input gets one clear line and a non-zero exit', () => {
  const cases: Array<[string, () => string[], RegExp]> = [
    ['missing file', () => ['-f', join(dir, 'missing.yaml')], /^Error: .*missing\.yaml: no such file or directory$/],
    ['invalid YAML', () => ['-f', file('bad.yaml', `${HEAD}spec:\n  hub: a\n  - b\n`)], /^Error: .*bad\.yaml:5: could not parse YAML/],
    ['not an IstioOperator', () => ['-f', file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\n')], /^Error: .*cm\.yaml:2: not an IstioOperator: kind is "ConfigMap"$/],
    ['two IstioOperators', () => ['-f', file('two.yaml', `${HEAD}spec: {}\n---\n${HEAD}spec: {}\n`)], /^Error: .*two\.yaml:5: input file .*two\.yaml contains multiple IstioOperator CRs, only one per file is supported$/],
    ['unknown field', () => ['-f', file('unk.yaml', `${HEAD}spec:\n  components:\n    pilot:\n      enabld: true\n`)], /^Error: .*unk\.yaml:6: could not unmarshal: unknown field "enabld" in spec\.components\.pilot$/],
    ['wrong type', () => ['-f', file('type.yaml', `${HEAD}spec:\n  values:\n    pilot:\n      replicaCount: many\n`)], /^Error: .*type\.yaml:6: could not unmarshal: cannot unmarshal string "many" into spec\.values\.pilot\.replicaCount of type integer$/],
    ['unknown profile', () => ['nosuch'], /^Error: unknown profile "nosuch"$/],
    ['--set without =', () => ['--set', 'values.global.hub'], /^Error: --set values\.global\.hub: must be of the form path=value/],
    ['--set bad index', () => ['--set', 'components.ingressGateways[one].enabled=true'], /^Error: --set components\.ingressGateways\[one\]\.enabled=true: bad list index "\[one\]"/],
    ['--set selector matching nothing', () => ['--set', 'components.ingressGateways[name:nope].enabled=true'], /^Error: --set components\.ingressGateways\[name:nope\]\.enabled=true: no element of components\.ingressGateways has name="nope"$/],
    ['--config-path to nothing', () => ['-p', 'components.nothing'], /^Error: --config-path components\.nothing: no "nothing" in the configuration \(under components\)$/],
  ];
  for (const [what, args, re] of cases) {
    it(what, async () => expectOneLineError(await sailctl(['profile', 'dump', ...args()]), re));
  }
  it('unknown profile lists the known ones in the hint', async () => {
    const r = await sailctl(['profile', 'dump', 'nosuch']);
    expect(r.stderr).toContain('hint: known profiles: ambient, default, demo, empty, minimal, openshift, openshift-ambient, preview, remote, stable');
  });
  it('a misspelt field gets a suggestion; --force (ext) turns the error into a warning on stderr', async () => {
    const f = file('typo.yaml', `${HEAD}spec:\n  components:\n    pilot:\n      enabeld: true\n`);
    const r = await sailctl(['profile', 'dump', '-f', f, '-p', 'components.pilot']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toContain('\n  hint: did you mean "enabled"?');
    const forced = await sailctl(['profile', 'dump', '-f', f, '-p', 'components.pilot', '--force']);
    expect(forced.exitCode).toBe(0);
    expect(forced.stdout).toBe('enabeld: true\nenabled: true\n\n');
    expect(forced.stderr).toMatch(/^Warning: .*typo\.yaml:6: could not unmarshal: unknown field "enabeld" in spec\.components\.pilot \(did you mean "enabled"\?\) \(continuing because of --force\)\n$/);
  });
  it('bad -o is a usage error naming the flag', async () => {
    const r = await sailctl(['profile', 'dump', '-o', 'xml']);
    expect(r.exitCode).toBe(64);
    expect(r.stderr.trimEnd().split('\n')[0]).toBe('Error: invalid argument "xml" for "--output" flag: must be one of json, yaml, flags');
  });
});

describe('profile diff', () => {
  it('identical profiles: exit 0', async () => {
    const r = await sailctl(['profile', 'diff', 'demo', 'demo']);
    expect(r.exitCode).toBe(0);
    expect(r.stdout).toBe('Profiles are identical\n');
  });
  it('different profiles: the line diff, exit 1', async () => {
    const r = await sailctl(['profile', 'diff', 'default', 'openshift']);
    expect(r.exitCode).toBe(1);
    expect(r.stdout.startsWith('The difference between profiles:\n apiVersion: install.istio.io/v1alpha1\n')).toBe(true);
    // As in istioctl 1.23, the profile name is not written into spec.profile for a diff.
    expect(r.stdout).toContain('\n   profile: default\n');
    expect(r.stdout).toContain('\n metadata:\n   creationTimestamp: null\n   namespace: istio-system\n');
    expect(r.stdout).toContain('\n+    cni:\n+      enabled: true\n+      namespace: kube-system\n');
    expect(r.stdout).toContain('\n+      platform: openshift\n');
    expect(r.stdout).not.toContain('-    istioNamespace');
  });
  it('accepts files; a file is laid over the default beside it or the built-in default', async () => {
    const f = file('mine.yaml', `${HEAD}spec:\n  values:\n    global:\n      logging:\n        level: debug\n`);
    const r = await sailctl(['profile', 'diff', 'default', f]);
    expect(r.exitCode).toBe(1);
    expect(r.stdout).toContain('\n+      logging:\n+        level: debug\n');
    expect(r.stdout).toContain('\n metadata:\n   creationTimestamp: null\n   namespace: istio-system\n'); // the built-in default underneath
  });
  it('an unknown profile is an error naming it', async () => {
    const r = await sailctl(['profile', 'diff', 'default', 'nosuch']);
    expect(r.exitCode).toBe(1);
    expect(r.stderr.split('\n')[0]).toBe('Error: could not read "nosuch": unknown profile "nosuch"');
  });
  it('needs two arguments', async () => {
    expect((await sailctl(['profile', 'diff', 'default'])).exitCode).toBe(64);
  });
});
