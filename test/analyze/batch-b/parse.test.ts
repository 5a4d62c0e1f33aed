/**
 * The fast read path (js-yaml with YAML 1.1 scalar rules, falling back to the yaml package) must
 * give the same objects, problems and field lines as reading every document with the yaml package.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { documentFieldMap, eventFieldMap, parseResources } from '../../../src/analyze/parse.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');

/** Reference: every `---`-separated chunk read by the yaml package in YAML 1.1 mode. */
function referenceObjects(text: string): unknown[] {
  const out: unknown[] = [];
  for (const chunk of text.split(/^---\s*$/m)) {
    if (chunk.trim() === '') continue;
    const doc = parseDocument(chunk, { version: '1.1', uniqueKeys: false, strict: false });
    if (doc.errors.length > 0) continue;
    const data: unknown = doc.toJS({ maxAliasCount: 10_000 });
    if (data === null || typeof data !== 'object' || Array.isArray(data)) continue;
    const o = data as Record<string, unknown>;
    if (o['kind'] === 'List' && Array.isArray(o['items'])) out.push(...(o['items'] as unknown[]));
    else out.push(o);
  }
  return out;
}

const head = (i: number): string => `apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: vs${i}\n  namespace: ns\n`;

const TRICKY: Record<string, string> = {
  booleans: `${head(1)}spec:\n  a: yes\n  b: No\n  c: on\n  d: OFF\n  e: y\n  f: "yes"\n  g: True\n`,
  nulls: `${head(2)}spec:\n  a: ~\n  b: null\n  c:\n  d: NULL\n  e: 'null'\n`,
  numbers: `${head(3)}spec:\n  a: 0755\n  b: 0x1F\n  c: 1_000\n  d: 1:30\n  e: -12\n  f: 3.5\n  g: .5\n  h: 1e3\n  i: .inf\n  j: "12"\n  k: 0b101\n  l: +7\n  m: 1.\n`,
  dates: `${head(4)}spec:\n  when: 2024-01-02\n  at: 2001-12-14t21:59:43.10-05:00\n  version: 1.2.3\n`,
  blocks: `${head(5)}spec:\n  literal: |\n    line one\n    line two\n  folded: >-\n    folded\n    text\n  keep: |+\n    x\n\n`,
  anchors: `${head(6)}spec:\n  base: &b\n    x: 1\n  copy: *b\n  merged:\n    <<: *b\n    y: 2\n`,
  flow: `${head(7)}spec:\n  hosts: [a, "b", 'c']\n  m: {k: v, n: 1}\n  empty: {}\n  e_list: []\n`,
  duplicates: `${head(8)}spec:\n  a: 1\n  a: 2\n`,
  keys: `${head(9)}spec:\n  1: one\n  true: t\n  "quoted key": q\n  ? complex\n  : v\n`,
  plain: `${head(10)}spec:\n  text: this is\n    a multi-line\n    plain scalar\n  colon: a:b\n  hash: a #comment\n  url: http://x/y?z=1#f\n`,
  unicode: `${head(11)}spec:\n  s: "\\u00e9\\t\\x41"\n  t: 'it''s'\n  u: héllo\n`,
  tagged: `${head(12)}spec:\n  s: !!str 123\n  i: !!int "7"\n`,
  emptyValues: `${head(14)}spec:\n  a:\n  b: []\n  c:\n  - \n  - x\n  d: ''\n`,
  nested: `${head(15)}spec:\n  l:\n  - - a\n    - b\n  - k: v\n    j:\n      deep: [1, {x: y}]\n`,
  list: `apiVersion: v1\nkind: List\nitems:\n- ${head(13).replace(/\n(?!$)/g, '\n  ')}  spec:\n    a: yes\n`,
};

describe('analyze file reading (fast path)', () => {
  for (const [name, text] of Object.entries(TRICKY)) {
    it(`reads ${name} exactly as the yaml package does`, () => {
      const r = parseResources('t.yaml', text, { defaultNamespace: 'default' });
      expect(r.problems).toEqual([]);
      expect(r.resources.map((x) => x.object)).toEqual(referenceObjects(text));
    });
  }

  it('keeps every fixture (and Istio testdata with ISTIO_SRC) identical to the yaml package', () => {
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.ya?ml$/.test(f)) files.push(p);
      }
    };
    walk(FIXTURES);
    const istio = process.env['ISTIO_SRC'];
    if (istio && existsSync(join(istio, 'pkg/config/analysis/analyzers/testdata'))) walk(join(istio, 'pkg/config/analysis/analyzers/testdata'));
    let compared = 0;
    for (const f of files) {
      const text = readFileSync(f, 'utf8');
      const r = parseResources(f, text, { defaultNamespace: '' });
      const want = referenceObjects(text).filter((o) => {
        const m = (o as Record<string, unknown>)['metadata'];
        return m !== null && typeof m === 'object' && typeof (m as Record<string, unknown>)['name'] === 'string';
      });
      const got = r.resources.map((x) => x.object);
      // Unknown kinds are skipped by parseResources: compare the known ones in order.
      const gotKeys = new Set(got.map((o) => JSON.stringify(o)));
      expect(want.filter((o) => gotKeys.has(JSON.stringify(o))).length, f).toBe(got.length);
      compared += got.length;
      // Field lines from parser events equal those from the yaml package's node ranges.
      for (const chunk of text.split(/^---\s*$/m)) {
        let events: Map<string, number>;
        try {
          events = eventFieldMap(chunk, 0, undefined);
        } catch {
          continue; // js-yaml rejects it: the yaml package's map is used for it anyway
        }
        expect(events, f).toEqual(documentFieldMap(chunk, 0, undefined));
      }
    }
    expect(compared).toBeGreaterThan(20);
  });

  it('reads plain e2 as a string, as Go\'s YAML does (the yaml package reads it as NaN)', () => {
    const r = parseResources('e.yaml', `${head(1)}spec:\n  e2: e2\n`, { defaultNamespace: '' });
    expect(r.resources[0]?.spec).toEqual({ e2: 'e2' });
  });

  it('reports a broken document at its line and still reads the others', () => {
    const text = `${head(1)}spec:\n  hosts: [a\n---\n${head(2)}spec:\n  a: b\n  a c\n---\n${head(3)}`;
    const r = parseResources('b.yaml', text, { defaultNamespace: '' });
    expect(r.resources.map((x) => x.name)).toEqual(['vs3']);
    expect(r.problems.map((p) => `${p.file}:${p.line}`)).toEqual(['b.yaml:7', 'b.yaml:16']);
    expect(r.problems.every((p) => p.message.startsWith('could not parse YAML: '))).toBe(true);
  });

  it('finds field lines lazily: scalars, list entries, block scalars, quoted keys, List items', () => {
    const text = `# comment\n\n${head(1)}spec:\n  hosts:\n  - a\n  - "b"\n  http:\n  - route:\n    - destination:\n        host: x\n  "q k": v\n  lit: |\n    text\n---\napiVersion: v1\nkind: List\nitems:\n- ${head(2).replace(/\n(?!$)/g, '\n  ')}  spec:\n    gateways:\n    - gw\n`;
    const r = parseResources('f.yaml', text, { defaultNamespace: '' });
    const [a, b] = r.resources;
    // A comment line starts the document, as istioctl counts it.
    expect(a?.origin.line).toBe(1);
    expect(a?.origin.fieldLine('{.metadata.name}')).toBe(6);
    expect(a?.origin.fieldLine('{.spec.hosts[1]}')).toBe(11);
    expect(a?.origin.fieldLine('{.spec.http[0].route[0].destination.host}')).toBe(15);
    expect(a?.origin.fieldLine('{.spec.q k}')).toBe(16);
    expect(a?.origin.fieldLine('{.spec.lit}')).toBe(17);
    expect(a?.origin.fieldLine('{.spec.http}')).toBeUndefined();
    expect(b?.origin.line).toBe(23);
    expect(b?.origin.fieldLine('{.metadata.name}')).toBe(26);
    expect(b?.origin.fieldLine('{.spec.gateways[0]}')).toBe(30);
  });
});
