/** `profile` commands in-process (fake I/O), for cases awkward to set up end to end. */
import { describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/program.js';
import { profileCommand } from '../../src/cli/commands/profile.js';
import { fakeIO } from '../support/fake-io.js';

const HEAD = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n';

describe('profile (in-process)', () => {
  it('list: "No profiles available." for an empty profiles directory', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-empty-'));
    mkdirSync(join(dir, 'profiles'));
    const io = fakeIO();
    expect(await runCli([profileCommand], ['profile', 'list', '-d', dir], io)).toBe(0);
    expect(io.out()).toBe('No profiles available.\n');
  });
  it('list: --charts is the deprecated spelling of --manifests', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sailctl-charts-'));
    mkdirSync(join(dir, 'profiles'));
    writeFileSync(join(dir, 'profiles', 'only.yaml'), HEAD);
    const io = fakeIO();
    expect(await runCli([profileCommand], ['profile', 'list', '--charts', dir], io)).toBe(0);
    expect(io.out()).toBe('Istio configuration profiles:\n    only\n');
  });
  it('dump: -f - reads the injected stdin', async () => {
    const io = fakeIO({ stdin: `${HEAD}spec:\n  revision: canary\n` });
    expect(await runCli([profileCommand], ['profile', 'dump', '-f', '-', '-p', 'revision'], io)).toBe(0);
    expect(io.out()).toBe('canary\n\n');
  });
  it('dump: flags output of a whole profile has no apiVersion/kind lines', async () => {
    const io = fakeIO();
    expect(await runCli([profileCommand], ['profile', 'dump', 'empty', '-o', 'flags'], io)).toBe(0);
    const lines = io.out().trimEnd().split('\n');
    expect(lines).toContain('components.base.enabled=false');
    expect(lines).toContain('profile="empty"');
    expect(lines.some((l) => l.startsWith('apiVersion') || l.startsWith('kind'))).toBe(false);
  });
  it('dump: a scalar subtree prints as YAML, JSON and a flag line', async () => {
    for (const [fmt, want] of [['yaml', 'docker.io/istio\n\n'], ['json', '"docker.io/istio"\n'], ['flags', '="docker.io/istio"\n']] as const) {
      const io = fakeIO();
      await runCli([profileCommand], ['profile', 'dump', '-p', 'hub', '-o', fmt], io);
      expect(io.out()).toBe(want);
    }
  });
  it('dump: [key:value] and [N] in --config-path', async () => {
    const io = fakeIO();
    await runCli([profileCommand], ['profile', 'dump', 'demo', '-p', 'components.egressGateways[name:istio-egressgateway].enabled'], io);
    expect(io.out()).toBe('true\n\n');
    const io2 = fakeIO();
    await runCli([profileCommand], ['profile', 'dump', 'demo', '-p', 'components.ingressGateways[0].name'], io2);
    expect(io2.out()).toBe('istio-ingressgateway\n\n');
  });
});

describe('profile dump bad input (in-process): one line naming the file or flag, non-zero exit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sailctl-bad-'));
  const put = (name: string, text: string): string => {
    const p = join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  const cases: Array<[string, () => string[], RegExp, number]> = [
    ['missing file', () => ['-f', join(dir, 'nope.yaml')], /^Error: .*nope\.yaml: no such file or directory$/, 1],
    ['invalid YAML', () => ['-f', put('y.yaml', `${HEAD}spec: [\n`)], /^Error: .*y\.yaml:\d+: could not parse YAML/, 1],
    ['not an IstioOperator', () => ['-f', put('d.yaml', 'apiVersion: apps/v1\nkind: Deployment\n')], /^Error: .*d\.yaml:2: not an IstioOperator/, 1],
    ['two IstioOperators', () => ['-f', put('t.yaml', `${HEAD}---\n${HEAD}`)], /^Error: .*t\.yaml:4: .*contains multiple IstioOperator CRs/, 1],
    ['unknown field', () => ['-f', put('u.yaml', `${HEAD}spec:\n  hubb: x\n`)], /^Error: .*u\.yaml:4: could not unmarshal: unknown field "hubb" in spec$/, 1],
    ['wrong type', () => ['-f', put('w.yaml', `${HEAD}spec:\n  revision: 3\n`)], /^Error: .*w\.yaml:4: could not unmarshal: cannot unmarshal number into spec\.revision of type string$/, 1],
    ['unknown profile', () => ['nope'], /^Error: unknown profile "nope"$/, 1],
    ['--set without =', () => ['--set', 'hub'], /^Error: --set hub: must be of the form path=value/, 1],
    ['--set bad index', () => ['--set', 'components.ingressGateways[a].x=1'], /^Error: --set components\.ingressGateways\[a\]\.x=1: bad list index/, 1],
    ['--set selector matching nothing', () => ['--set', 'components.egressGateways[name:x].enabled=true'], /^Error: --set components\.egressGateways\[name:x\]\.enabled=true: no element/, 1],
    ['--config-path to nothing', () => ['-p', 'values.nothing.here'], /^Error: --config-path values\.nothing\.here: no "nothing" in the configuration \(under values\)$/, 1],
    ['bad -o', () => ['-o', 'toml'], /^Error: invalid argument "toml" for "--output" flag/, 64],
  ];
  for (const [what, args, re, code] of cases) {
    it(what, async () => {
      const io = fakeIO();
      expect(await runCli([profileCommand], ['profile', 'dump', ...args()], io)).toBe(code);
      const lines = io.err().trimEnd().split('\n');
      expect(lines[0]).toMatch(re);
      expect(lines.slice(1).every((l) => l.startsWith('  hint: '))).toBe(true);
      expect(io.out()).toBe('');
    });
  }
});
