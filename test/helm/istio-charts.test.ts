/**
 * Opt-in: every chart under $ISTIO_SRC/manifests/charts (a local istio/istio checkout; nothing of
 * it is committed here) renders through `sailctl x helm-template` with default values, and the
 * output is a stream of YAML documents each tagged with its source template.
 * Run with: ISTIO_SRC=/path/to/istio npx vitest run test/helm/istio-charts.test.ts
 * (or scripts/check-istio-charts.sh /path/to/istio).
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COMMANDS } from '../../src/cli/commands/index.js';
import { runCli } from '../../src/cli/program.js';
import { parseGoYamlAll } from '../../src/gotemplate/goyaml.js';
import { fakeIO } from '../support/fake-io.js';

const src = process.env.ISTIO_SRC;
const chartsRoot = src ? join(src, 'manifests', 'charts') : '';
const reason = !src ? 'ISTIO_SRC is not set (point it at an istio/istio source tree to run this check)' : !existsSync(chartsRoot) ? `${chartsRoot} does not exist` : undefined;

function findCharts(dir: string, out: string[] = []): string[] {
  if (existsSync(join(dir, 'Chart.yaml'))) {
    out.push(dir);
    return out;
  }
  for (const e of readdirSync(dir)) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) findCharts(p, out);
  }
  return out;
}

describe.skipIf(reason !== undefined)(`Istio's charts render with default values${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const charts = reason ? [] : findCharts(chartsRoot).sort();

  it('finds the charts', () => {
    expect(charts.length).toBeGreaterThan(3);
  });

  it.each(charts.map((c) => [relative(chartsRoot, c), c]))('%s', async (_name, dir) => {
    const io = fakeIO();
    const code = await runCli(COMMANDS, ['x', 'helm-template', dir, '-n', 'istio-system', '--name-template', 'istio'], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    const out = io.out();
    const chunks = out.split(/^---\n/m).filter((c) => c !== '');
    for (const chunk of chunks) expect(chunk).toMatch(/^# Source: [^\n]+\/templates\/[^\n]+\n/);
    // Every printed document must read back as YAML.
    expect(() => parseGoYamlAll(out)).not.toThrow();
  });
});
