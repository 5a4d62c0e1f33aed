import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readGoYaml } from '../../src/gotemplate/block-values.js';
import { parseGoYaml } from '../../src/gotemplate/goyaml.js';
import { GoFloat32, GoInt, type GoValue } from '../../src/gotemplate/value.js';
import { fromYaml } from '../../src/gotemplate/helm-funcs.js';

/** The value with its representation spelled out: map key order, number vs bigint, Map vs object. */
function shape(v: GoValue | undefined): unknown {
  if (v === undefined) return ['undefined'];
  if (v === null) return ['null'];
  if (v instanceof Map) return ['map', [...v].map(([k, x]) => [k, shape(x)])];
  if (Array.isArray(v)) return ['seq', v.map(shape)];
  if (v instanceof GoInt) return ['GoInt', v.kind, String(v.value)];
  if (v instanceof GoFloat32) return ['GoFloat32', v.value];
  if (typeof v === 'number') return ['number', Object.is(v, -0) ? '-0' : String(v)];
  if (typeof v === 'bigint') return ['bigint', String(v)];
  if (typeof v === 'object') return ['object', Object.getPrototypeOf(v) === Object.prototype ? 'plain' : 'other'];
  return [typeof v, v];
}

function outcome(read: () => GoValue): unknown {
  try {
    return { value: shape(read()) };
  } catch (e) {
    return { error: (e as Error).message, type: (e as Error).constructor.name };
  }
}

function expectSame(text: string, opts?: { duplicateKeys?: 'error' | 'last-wins' }): void {
  expect(outcome(() => readGoYaml(text, opts)), text).toEqual(outcome(() => parseGoYaml(text, opts)));
}

const CASES: string[] = [
  '',
  '# only a comment\n',
  'a: 1\nb: 1.5\nc: -2\nd: 0777\ne: 0x1F\nf: 1e3\ng: .5\nh: 1_000\n',
  'yes: y\nno: n\non: off\nflag: true\nother: False\nnil: ~\nempty:\nnull_word: null\n',
  'ts: 2001-12-14\ntime: 2001-12-14t21:59:43.10-05:00\nclock: 1:30\n',
  'big: 18446744073709551615\nbigger: 123456789012345678901234567890\nneg: -9223372036854775808\n',
  'inf: .inf\nnan: .NaN\n',
  '1: one\n',
  '-1: minus\n',
  '.5: half\n',
  'true: t\n',
  'null: n\n',
  '~: tilde\n',
  'a: 1\na: 2\n',
  '__proto__: x\nconstructor: y\n',
  'list:\n- 1\n- a\n- - nested\n- k: v\n  k2: [1, 2]\n',
  'flow: {a: 1, b: [x, y]}\nempty_map: {}\nempty_seq: []\n',
  'anchor: &a\n  x: 1\nref: *a\n',
  'base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n',
  'quoted: "a\\tb"\nsingle: \'it\'\'s\'\nlit: |\n  line1\n  line2\nfold: >\n  a\n  b\n',
  'tagged: !!str 123\n',
  '%YAML 1.1\n---\na: 1\n',
  'a: 1\n---\nb: 2\n',
  '---\na: 1\n',
  'a: [1, 2\n',
  'a:\n\tb: 1\n',
  '- just\n- a list\n',
  'scalar\n',
  'key: value # comment\n"quoted key": 1\n\'single key\': 2\n',
  'deep:\n  a:\n    b:\n      c:\n        d: e\n',
  'str: "1"\nport: "8080"\nver: 1.20\nver2: "1.20"\n',
  'k: v\r\nk2: v2\r\n',
  'a: \u00e9t\u00e9\nb: "\\u00e9"\n',
];

describe('readGoYaml: parseGoYaml through the block reader', () => {
  it.each(CASES.map((c) => [c]))('reads %j exactly as parseGoYaml does', (text) => {
    expectSame(text);
    expectSame(text, { duplicateKeys: 'last-wins' });
  });

  it('reads every Chart.yaml and values.yaml of the built-in charts exactly as parseGoYaml does', () => {
    const root = join(import.meta.dirname, '..', '..', 'manifests', 'charts');
    const found: string[] = [];
    const walk = (dir: string): void => {
      for (const e of readdirSync(dir)) {
        const p = join(dir, e);
        if (statSync(p).isDirectory()) walk(p);
        else if (e === 'Chart.yaml' || e.endsWith('.yaml') && dir.endsWith('profiles') || e === 'values.yaml') found.push(p);
      }
    };
    walk(root);
    expect(found.length).toBeGreaterThan(5);
    for (const file of found) expectSame(readFileSync(file, 'utf8'));
  });

  it('keeps fromYaml\'s answers: a map, an error entry for a non-map, last key wins', () => {
    expect(shape(fromYaml('a: 1\nb:\n  c: x\n'))).toEqual(['map', [['a', ['number', '1']], ['b', ['map', [['c', ['string', 'x']]]]]]]);
    expect(fromYaml('- a\n').get('Error')).toMatch(/cannot unmarshal array into Go value of type map/);
    expect(shape(fromYaml('a: 1\na: 2\n'))).toEqual(['map', [['a', ['number', '2']]]]);
    expect(fromYaml('a: [1\n').get('Error')).toMatch(/^error converting YAML to JSON: yaml: /);
  });
});
