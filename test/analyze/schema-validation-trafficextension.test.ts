/**
 * schema.ValidationAnalyzer.TrafficExtension: Istio's TrafficExtension rules as IST0106 findings,
 * located at the offending field's line, in process and through bin/sailctl (build first).
 */
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/analyze/run.js';
import { parseResources } from '../../src/analyze/parse.js';
import type { ResourceSource } from '../../src/analyze/snapshot.js';
import { formatLogLine } from '../../src/analyze/format.js';
import { sailctl } from '../support/cli.js';

const TEXT = `apiVersion: extensions.istio.io/v1alpha1
kind: TrafficExtension
metadata:
  name: ok
  namespace: apps
spec:
  lua:
    inlineCode: "function envoy_on_request(h) end"
---
apiVersion: extensions.istio.io/v1alpha1
kind: TrafficExtension
metadata:
  name: broken
  namespace: apps
spec:
  wasm:
    url: ftp://example.com/plugin.wasm
  match:
  - ports:
    - number: 0
---
apiVersion: extensions.istio.io/v1alpha1
kind: TrafficExtension
metadata:
  name: empty
  namespace: apps
spec: {}
`;

function source(text: string): ResourceSource {
  return {
    name: 'te.yaml',
    providesRuntimeKinds: false,
    async load(ns: string) {
      return parseResources('te.yaml', text, { defaultNamespace: ns });
    },
  };
}

async function analyze(text: string, analyzerNames?: string[]): Promise<string[]> {
  const r = await runAnalysis({ sources: [source(text)], namespace: '', istioNamespace: 'istio-system', includeRuntimeKinds: false, ...(analyzerNames ? { analyzerNames } : {}) });
  expect(r.problems).toEqual([]);
  return r.messages.map((m) => formatLogLine(m, false));
}

describe('schema.ValidationAnalyzer.TrafficExtension', () => {
  it('reports each broken rule as IST0106 at its field line; the valid resource has none', async () => {
    expect(await analyze(TEXT, ['schema.ValidationAnalyzer.TrafficExtension'])).toEqual([
      'Error [IST0106] (TrafficExtension apps/broken te.yaml:17) Schema validation error: url contains unsupported scheme: ftp',
      'Error [IST0106] (TrafficExtension apps/broken te.yaml:20) Schema validation error: spec.Match[0].Ports[0] is out of range: 0',
      'Error [IST0106] (TrafficExtension apps/empty te.yaml:22) Schema validation error: exactly one of wasm or lua must be set',
    ]);
  });

  it('runs with the default analyzer set, and a clean file gives nothing', async () => {
    const all = await analyze(TEXT);
    expect(all.filter((l) => l.includes('TrafficExtension'))).toHaveLength(3);
    expect(await analyze(TEXT.split('---\n')[0] as string)).toEqual([]);
  });

  it('as istioctl analyze, the metadata checks do not run (the analyzer sees the spec only)', async () => {
    const annotated = (TEXT.split('---\n')[0] as string).replace('  namespace: apps\n', '  namespace: apps\n  annotations:\n    istio.io/dry-run: "true"\n');
    expect(await analyze(annotated)).toEqual([]);
  });
});

describe('sailctl analyze on TrafficExtension files (e2e)', () => {
  const F = 'test/validate/fixtures';
  it('the invalid fixture gives IST0106 findings and exit 79; the valid one is clean', async () => {
    const bad = await sailctl(['analyze', '--use-kube=false', '-A', `${F}/trafficextension-invalid.yaml`]);
    expect(bad.exitCode).toBe(79);
    expect(bad.stdout).toContain(`Error [IST0106] (TrafficExtension apps/broken-wasm ${F}/trafficextension-invalid.yaml:14) Schema validation error: url contains unsupported scheme: ftp\n`);
    expect(bad.stdout).toContain(`Error [IST0106] (TrafficExtension apps/broken-lua ${F}/trafficextension-invalid.yaml:26) Schema validation error: exactly one of wasm or lua must be set\n`);
    const good = await sailctl(['analyze', '--use-kube=false', '-A', '-o', 'json', `${F}/trafficextension-valid.yaml`]);
    expect(good.exitCode).toBe(0);
    expect(good.stdout.trim()).toBe('[]');
  });
});
