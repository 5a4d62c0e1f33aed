/**
 * Opt-in: runs the cases of Istio's own analyzer test table (pkg/config/analysis/analyzers/
 * analyzers_test.go, read and parsed at test time from ISTIO_SRC; nothing of it is stored here)
 * through sailctl's analyzers and compares message codes and resources with Istio's expectations.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { MESSAGE_TYPES, type MessageName } from '../../src/analyze/catalog.js';
import { allAnalyzers } from '../../src/analyze/analyzers/index.js';
import { parseResources } from '../../src/analyze/parse.js';
import { friendlyName, type JsonObject } from '../../src/analyze/resource.js';
import { runAnalysis } from '../../src/analyze/run.js';
import type { ResourceSource } from '../../src/analyze/snapshot.js';

const ISTIO_SRC = process.env['ISTIO_SRC'];
const ANALYZERS_DIR = ISTIO_SRC ? join(ISTIO_SRC, 'pkg', 'config', 'analysis', 'analyzers') : '';
const TABLE = ANALYZERS_DIR ? join(ANALYZERS_DIR, 'analyzers_test.go') : '';

interface IstioCase {
  name: string;
  inputFiles: string[];
  meshConfigFile?: string;
  meshNetworksFile?: string;
  /** Go expression naming the analyzer, e.g. `&virtualservice.GatewayAnalyzer{}`. */
  analyzerExpr: string;
  expected: Array<{ type: string; origin: string }>;
  skipAll: boolean;
}

/** The `{ ... }` entries of `var testGrid = []testCase{ ... }`, split by brace depth (strings and comments skipped). */
function tableEntries(src: string): string[] {
  const start = src.indexOf('var testGrid = []testCase{');
  if (start < 0) throw new Error('testGrid not found in analyzers_test.go');
  let i = src.indexOf('{', start + 'var testGrid = []testCase'.length) + 1;
  const entries: string[] = [];
  let depth = 0;
  let entryStart = -1;
  for (; i < src.length; i++) {
    const c = src[i];
    if (c === '"' || c === '`') {
      const end = src.indexOf(c, i + 1);
      i = end;
      continue;
    }
    if (c === '/' && src[i + 1] === '/') {
      i = src.indexOf('\n', i);
      continue;
    }
    if (c === '{') {
      if (depth === 0) entryStart = i;
      depth++;
    } else if (c === '}') {
      if (depth === 0) break;
      depth--;
      if (depth === 0) entries.push(src.slice(entryStart, i + 1));
    }
  }
  return entries;
}

function withoutComments(s: string): string {
  return s.replace(/\/\/[^\n]*/g, '');
}

function parseCase(entry: string): IstioCase {
  const e = withoutComments(entry);
  const field = (n: string): string | undefined => new RegExp(`\\b${n}:\\s*"([^"]*)"`).exec(e)?.[1];
  const inputs = /inputFiles:\s*\[\]string\{([^}]*)\}/.exec(e)?.[1] ?? '';
  const expectedBody = /expected:\s*\[\]message\{([\s\S]*)\}\s*,?\s*(?:skipAll:[^\n]*)?\s*\}$/.exec(e)?.[1] ?? '';
  return {
    name: field('name') ?? '(unnamed)',
    inputFiles: [...inputs.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string),
    meshConfigFile: field('meshConfigFile'),
    meshNetworksFile: field('meshNetworksFile'),
    analyzerExpr: /analyzer:\s*([^\n]+?),?\s*\n/.exec(e)?.[1]?.trim() ?? '',
    expected: [...expectedBody.matchAll(/\{\s*msg\.(\w+)\s*,\s*"([^"]*)"\s*\}/g)].map((m) => ({ type: m[1] as string, origin: m[2] as string })),
    skipAll: /skipAll:\s*true/.test(e),
  };
}

/** The analyzer's name as its Go Metadata() declares it, read from the analyzer's package. */
function analyzerName(expr: string): string | undefined {
  const schema = /CollectionValidationAnalyzer\(collections\.(\w+)\)/.exec(expr);
  if (schema) return `schema.ValidationAnalyzer.${schema[1]}`;
  const m = /^&(\w+)\.(\w+)\{/.exec(expr);
  if (!m) return undefined;
  const dir = join(ANALYZERS_DIR, m[1] as string);
  if (!existsSync(dir)) return undefined;
  for (const f of readdirSync(dir)) {
    if (!f.endsWith('.go') || f.endsWith('_test.go')) continue;
    const text = readFileSync(join(dir, f), 'utf8');
    const at = new RegExp(`func \\(\\w* ?\\*?${m[2]}\\) Metadata\\(\\)`).exec(text);
    if (!at) continue;
    const name = /Name:\s*"([^"]+)"/.exec(text.slice(at.index));
    if (name) return name[1];
  }
  return undefined;
}

function codeOf(typeName: string): string {
  return (MESSAGE_TYPES as Record<string, { code: string } | undefined>)[typeName as MessageName]?.code ?? `?${typeName}`;
}

function yamlObject(path: string): JsonObject {
  const v: unknown = parseYaml(readFileSync(path, 'utf8'), { version: '1.1' });
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : {};
}

function sortedMultiset(xs: string[]): string[] {
  return [...xs].sort();
}

const cases: IstioCase[] = TABLE && existsSync(TABLE) ? tableEntries(readFileSync(TABLE, 'utf8')).map(parseCase) : [];
const ours = new Set(allAnalyzers().map((a) => a.name));
const tally = { passed: 0, failed: 0, skipped: 0, failedNames: [] as string[] };

describe.skipIf(!ISTIO_SRC)("Istio's analyzer test cases (set ISTIO_SRC to an istio/istio source tree to run)", () => {
  it('finds the test table', () => {
    expect(existsSync(TABLE), `${TABLE} not found`).toBe(true);
    expect(cases.length).toBeGreaterThan(50);
  });

  cases.forEach((tc, i) => {
    const name = analyzerName(tc.analyzerExpr);
    // skipAll cases are analyzers istioctl analyze does not register (e.g. maturity).
    const runnable = !tc.skipAll && name !== undefined && ours.has(name);
    it.skipIf(tc.skipAll)(`#${i} ${tc.name} (${name ?? tc.analyzerExpr})`, async () => {
      try {
        expect(name, `cannot resolve the analyzer of ${tc.analyzerExpr}`).toBeDefined();
        expect(runnable, `sailctl has no analyzer named ${name}`).toBe(true);
        const sources: ResourceSource[] = tc.inputFiles.map((f) => ({
          name: f,
          providesRuntimeKinds: false,
          async load(ns: string) {
            return parseResources(f, readFileSync(join(ANALYZERS_DIR, f), 'utf8'), { defaultNamespace: ns });
          },
        }));
        const result = await runAnalysis({
          sources,
          namespace: '',
          istioNamespace: 'istio-system',
          analyzerNames: [name as string],
          includeRuntimeKinds: true,
          meshConfig: tc.meshConfigFile ? yamlObject(join(ANALYZERS_DIR, tc.meshConfigFile)) : undefined,
          meshNetworks: tc.meshNetworksFile ? yamlObject(join(ANALYZERS_DIR, tc.meshNetworksFile)) : undefined,
        });
        const got = result.messages.map((m) => `${m.type.code} ${m.resource ? friendlyName(m.resource) : ''}`);
        const want = tc.expected.map((x) => `${codeOf(x.type)} ${x.origin}`);
        expect(sortedMultiset(got)).toEqual(sortedMultiset(want));
        tally.passed++;
      } catch (e) {
        tally.failed++;
        tally.failedNames.push(tc.name);
        throw e;
      }
    });
    if (tc.skipAll) tally.skipped++;
  });

  afterAll(() => {
    console.log(`Istio analyzer cases: ${tally.passed} passed, ${tally.failed} failed, ${tally.skipped} skipped (not registered by istioctl analyze)`);
    if (tally.failedNames.length) console.log(`failed: ${tally.failedNames.join('; ')}`);
  });
});

/** The cases of Istio's multi-cluster table (multicluster_analyzers_test.go): two clusters' input files each. */
interface IstioMultiClusterCase {
  name: string;
  clusters: Array<{ id: string; files: string[] }>;
  analyzerExpr: string;
  expected: Array<{ type: string; origin: string }>;
}

function multiClusterCases(): IstioMultiClusterCase[] {
  const file = ANALYZERS_DIR ? join(ANALYZERS_DIR, 'multicluster_analyzers_test.go') : '';
  if (!file || !existsSync(file)) return [];
  const src = withoutComments(readFileSync(file, 'utf8'));
  const start = src.indexOf('var mcTestGrid');
  if (start < 0) return [];
  // Each case starts at `name:`; the table ends at the test function.
  const body = src.slice(start, src.indexOf('func ', start));
  return body
    .split(/\bname:/)
    .slice(1)
    .map((chunk) => {
      const list = (field: string) => [...(new RegExp(`${field}:\\s*\\[\\]string\\{([^}]*)\\}`).exec(chunk)?.[1] ?? '').matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
      return {
        name: /^\s*"([^"]*)"/.exec(chunk)?.[1] ?? '(unnamed)',
        // Istio's test names its clusters cluster1 and cluster2; neither is the primary.
        clusters: [
          { id: 'cluster1', files: list('cluster1InputFiles') },
          { id: 'cluster2', files: list('cluster2InputFiles') },
        ],
        analyzerExpr: /analyzer:\s*([^\n]+?),?\s*\n/.exec(chunk)?.[1]?.trim() ?? '',
        expected: [...chunk.matchAll(/\{\s*msg\.(\w+)\s*,\s*"([^"]*)"\s*\}/g)].map((m) => ({ type: m[1] as string, origin: m[2] as string })),
      };
    });
}

describe.skipIf(!ISTIO_SRC)("Istio's multi-cluster analyzer test cases (set ISTIO_SRC to run)", () => {
  const mcCases = multiClusterCases();
  it('finds the multi-cluster table', () => {
    expect(mcCases.length).toBeGreaterThan(0);
  });
  for (const tc of mcCases) {
    const name = analyzerName(tc.analyzerExpr);
    it(`${tc.name} (${name ?? tc.analyzerExpr})`, async () => {
      expect(name !== undefined && ours.has(name), `sailctl has no analyzer for ${tc.analyzerExpr}`).toBe(true);
      const sources: ResourceSource[] = tc.clusters.map((c) => ({
        name: c.id,
        providesRuntimeKinds: true,
        async load() {
          const resources = c.files.flatMap((f) => parseResources(f, readFileSync(join(ANALYZERS_DIR, f), 'utf8'), { defaultNamespace: 'default', cluster: c.id }).resources);
          return { resources, problems: [], unknownKinds: [] };
        },
      }));
      const result = await runAnalysis({ sources, namespace: '', istioNamespace: 'istio-system', analyzerNames: [name as string] });
      const got = result.messages.map((m) => `${m.type.code} ${m.resource ? friendlyName(m.resource) : ''}`);
      expect(sortedMultiset(got)).toEqual(sortedMultiset(tc.expected.map((x) => `${codeOf(x.type)} ${x.origin}`)));
    });
  }
});
