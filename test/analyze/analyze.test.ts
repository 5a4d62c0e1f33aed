import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { runAnalysis } from '../../src/analyze/run.js';
import { StaticSource, type ResourceSource } from '../../src/analyze/snapshot.js';
import { parseResources } from '../../src/analyze/parse.js';
import { formatJson, formatLogLine, formatSarif, formatYaml } from '../../src/analyze/format.js';
import { parseSuppression } from '../../src/analyze/suppress.js';
import { goSprintf } from '../../src/analyze/gofmt.js';
import { allAnalyzers, analyzersAsString } from '../../src/analyze/analyzers/index.js';

const FIX = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

function fileSource(name: string): ResourceSource {
  const text = readFileSync(join(FIX, name), 'utf8');
  return {
    name,
    providesRuntimeKinds: false,
    async load(ns: string) {
      return parseResources(name, text, { defaultNamespace: ns });
    },
  };
}

async function analyze(name: string, extra: Partial<Parameters<typeof runAnalysis>[0]> = {}) {
  return runAnalysis({ sources: [fileSource(name)], namespace: 'default', istioNamespace: 'istio-system', ...extra });
}

const codes = (r: Awaited<ReturnType<typeof analyze>>) => r.messages.map((m) => `${m.type.code} ${m.resource?.kind}/${m.resource?.name}`);

describe('analyzers', () => {
  it('IST0101 gateway and subset, IST0128, IST0132 with field lines', async () => {
    const r = await analyze('vs-missing.yaml');
    expect(r.messages.map((m) => formatLogLine(m, false))).toEqual([
      'Error [IST0101] (VirtualService default/reviews vs-missing.yaml:10) Referenced gateway not found: "bookinfo-gateway"',
      'Error [IST0101] (VirtualService default/reviews vs-missing.yaml:14) Referenced host+subset in destinationrule not found: "reviews+v9"',
      'Warning [IST0128] (DestinationRule default/reviews vs-missing.yaml:17) DestinationRule default/reviews in namespace default has TLS mode set to SIMPLE but no caCertificates are set to validate server identity for host: reviews',
      'Warning [IST0132] (VirtualService default/reviews vs-missing.yaml:10) one or more host [reviews] defined in VirtualService default/reviews not found in Gateway default/bookinfo-gateway.',
    ]);
    // Service is a runtime kind: dropped from files, so the analyzers needing it were skipped.
    expect(r.skipped).toContain('virtualservice.DestinationHostAnalyzer');
    expect(r.skipped).toContain('service.PortNameAnalyzer');
  });
  it('--include-runtime-kinds keeps Services: IST0118 and host lookups', async () => {
    const r = await analyze('vs-missing.yaml', { includeRuntimeKinds: true });
    expect(codes(r)).toContain('IST0118 Service/reviews');
    expect(codes(r).filter((c) => c.startsWith('IST0101'))).toHaveLength(2); // host reviews exists as a Service
    expect(r.executed).toContain('virtualservice.DestinationHostAnalyzer');
  });
  it('a clean configuration gives no messages (negative case)', async () => {
    const r = await analyze('clean.yaml', { includeRuntimeKinds: true });
    expect(r.messages.map((m) => formatLogLine(m, false))).toEqual([]);
  });
  it('IST0109, IST0145, IST0153, IST0151, IST0134', async () => {
    const r = await analyze('conflicts.yaml', { includeRuntimeKinds: true });
    const c = codes(r);
    expect(c).toContain('IST0109 VirtualService/a');
    expect(c).toContain('IST0109 VirtualService/b');
    expect(c).toContain('IST0145 Gateway/gw1');
    expect(c).toContain('IST0145 Gateway/gw2');
    expect(c).toContain('IST0153 EnvoyFilter/ef');
    expect(c).toContain('IST0151 EnvoyFilter/ef');
    expect(c).toContain('IST0134 ServiceEntry/se');
    const m109 = r.messages.find((m) => m.type.code === 'IST0109');
    expect(formatLogLine(m109!, false)).toBe(
      'Error [IST0109] (VirtualService default/a conflicts.yaml:4) The VirtualServices default/a,default/b associated with mesh gateway define the same host */productpage.default.svc.cluster.local which can lead to undefined behavior. This can be fixed by merging the conflicting VirtualServices into a single resource.',
    );
  });
  it('IST0102 and IST0103 with runtime kinds, namespace scoping with -A', async () => {
    const r = await analyze('injection.yaml', { includeRuntimeKinds: true, namespace: '' });
    expect(codes(r)).toEqual(['IST0103 Pod/p', 'IST0102 Namespace/default']);
    const scoped = await analyze('injection.yaml', { includeRuntimeKinds: true });
    expect(codes(scoped)).toEqual(['IST0102 Namespace/default']);
  });
  it('suppression by -S glob and by annotation', async () => {
    const r = await analyze('vs-missing.yaml', { suppressions: [parseSuppression('IST0101=VirtualService default/*')] });
    expect(codes(r).some((c) => c.startsWith('IST0101'))).toBe(false);
    expect(() => parseSuppression('IST0101')).toThrow(/not a valid suppression/);
    const text = readFileSync(join(FIX, 'vs-missing.yaml'), 'utf8').replace('  name: reviews\nspec:\n  hosts', '  name: reviews\n  annotations:\n    galley.istio.io/analyze-suppress: IST0132,IST0101\nspec:\n  hosts');
    const res = parseResources('x.yaml', text, { defaultNamespace: 'default' }).resources;
    const r2 = await runAnalysis({ sources: [new StaticSource('s', res, false)], namespace: 'default', istioNamespace: 'istio-system' });
    expect(codes(r2)).toEqual(['IST0128 DestinationRule/reviews']);
  });
  it('a broken document does not stop the others; unknown kinds are skipped', async () => {
    const r = await analyze('broken.yaml');
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBeGreaterThanOrEqual(11);
    expect(r.unknownKinds.map((u) => u.kind)).toEqual(['Widget']);
    expect(r.resourceCount).toBe(1);
  });
  it('--analyzer selects; an unknown name runs all (as istioctl)', async () => {
    const r = await analyze('vs-missing.yaml', { analyzerNames: ['virtualservice.GatewayAnalyzer'] });
    expect(r.executed).toEqual(['virtualservice.GatewayAnalyzer']);
    const all = await analyze('vs-missing.yaml', { analyzerNames: ['nope'] });
    expect(all.executed.length + all.skipped.length).toBe(allAnalyzers().length);
  });
  it('-L lists names sorted with descriptions', () => {
    const s = analyzersAsString(allAnalyzers());
    expect(s).toContain('* virtualservice.GatewayAnalyzer:\n    Checks that the gateways a VirtualService binds to exist, serve its hosts and are not generated internal ones\n');
    expect(s.indexOf('* destinationrule.')).toBeLessThan(s.indexOf('* virtualservice.'));
  });
});

describe('formats', () => {
  it('json is Go-style and [] when clean; yaml is go-yaml style', async () => {
    const r = await analyze('vs-missing.yaml');
    const json = formatJson(r.messages.slice(0, 1));
    expect(json).toBe(
      '[\n\t{\n\t\t"code": "IST0101",\n\t\t"documentationUrl": "https://istio.io/v1.30/docs/reference/config/analysis/ist0101/?ref=istioctl-analyze",\n\t\t"level": "Error",\n\t\t"message": "Referenced gateway not found: \\"bookinfo-gateway\\"",\n\t\t"origin": "VirtualService default/reviews",\n\t\t"reference": "vs-missing.yaml:10"\n\t}\n]',
    );
    expect(formatJson([])).toBe('[]');
    expect(formatYaml([])).toBe('[]\n');
    expect(formatYaml(r.messages.slice(0, 1))).toBe(
      "- code: IST0101\n  documentationUrl: https://istio.io/v1.30/docs/reference/config/analysis/ist0101/?ref=istioctl-analyze\n  level: Error\n  message: 'Referenced gateway not found: \"bookinfo-gateway\"'\n  origin: VirtualService default/reviews\n  reference: vs-missing.yaml:10\n",
    );
  });
  it('sarif 2.1.0 locates results at file:line', async () => {
    const r = await analyze('vs-missing.yaml');
    const s = JSON.parse(formatSarif(r.messages, { name: 'sailctl', version: '0' }));
    expect(s.version).toBe('2.1.0');
    const res = s.runs[0].results[1];
    expect(res.ruleId).toBe('IST0101');
    expect(res.locations[0].physicalLocation.region.startLine).toBe(14);
    expect(s.runs[0].tool.driver.rules.map((x: { id: string }) => x.id)).toEqual(['IST0101', 'IST0128', 'IST0132']);
    expect(s.runs[0].tool.driver.rules[0].help.text).toContain('IST0101');
  });
  it('coloured log only when asked', async () => {
    const r = await analyze('vs-missing.yaml');
    expect(formatLogLine(r.messages[0]!, true).startsWith('\u001b[1;31mError\u001b[0m [IST0101]')).toBe(true);
  });
  it('Go fmt verbs', () => {
    expect(goSprintf('%q %v %d %v', ['a"b', ['x', 'y'], 8, [1, 2]])).toBe('"a\\"b" [x y] 8 [1 2]');
    // Go's own answer for ints under %s (checked with fmt.Sprintf)
    expect(goSprintf('%s', [[1, 2]])).toBe('[%!s(int=1) %!s(int=2)]');
    expect(goSprintf('%v and %q', [1.5, 'x'])).toBe('1.5 and "x"');
  });
});
