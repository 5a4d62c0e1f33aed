// The direct YAML writer (marshalGoYaml, marshalPlainYaml) and the plain reader (parseGoYamlPlain)
// are shortcuts; each must give exactly what the general path gives (node tree emitter; Map reader
// then conversion), including its errors. Random documents with awkward keys and strings check it.
import { describe, expect, it } from 'vitest';
import { marshalGoYaml, marshalJsonData, marshalPlainYaml, parseGoYaml, parseGoYamlPlain } from '../../src/gotemplate/goyaml.js';
import { toJsonData } from '../../src/gotemplate/gojson.js';
import { fromJS, GoInt, GoFloat32, type GoValue } from '../../src/gotemplate/value.js';

const STRINGS = [
  '', 'a', 'app', 'yes', 'No', 'on', 'null', '~', '0', '007', '0x1F', '1e3', '1.5', '-1', '+2', '.5', '.inf', '-.Inf', '.nan', '1:20', '12:30:45',
  '2024-01-02', '2024-01-02T03:04:05Z', 'a b', ' lead', 'trail ', 'a: b', 'a:', ':a', '-', '- a', '-a', '?', '? x', '#x', 'a #b', 'a#b', '...', '...x', '---',
  'multi\nline', 'multi\nline\n', '\n', 'x\n\n', '  indented\nnext', 'tab\there', 'quote\'s', 'dq"x', 'back\\slash', '{"a":1}', '[1, 2]', '*ref', '&anchor', '!tag',
  '%dir', '@at', '`tick`', '|', '>', 'é', 'ünïcödé key', 'emoji 😀', 'nel\u0085here', 'a \u0085 b', '\u0085\u0085', 'line\u2028sep', 'cr\rhere', 'bom\ufeffin',
  '\ufeffbom', 'ctl\u0007', 'del\u007f', 'c1\u0090', 'x'.repeat(90), ('word ' .repeat(30)).trim(), 'long ' + 'y'.repeat(200), 'k'.repeat(129), 'lone\ud800s',
  'a10b', 'a9b', 'a010', 'a10', '10', '9', 'A', 'Z', 'z', '_', '/path', 'key.with.dots', 'key/with/slash', 'a-b', 'a_b', '99999999999999999999x', 'v1.2.3',
];

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function randomPlain(r: () => number, depth: number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const k = r();
  if (depth > 3 || k < 0.45) {
    return pick<unknown>([pick(STRINGS), pick(STRINGS), 0, -0, 1, -7, 8080, 0.5, 1e21, 1.25e-7, 123456789012, 2 ** 60, true, false, null, 10n, -3n]);
  }
  if (k < 0.7) return Array.from({ length: Math.floor(r() * 4) }, () => randomPlain(r, depth + 1));
  const o: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) o[pick(STRINGS)] = randomPlain(r, depth + 1);
  return o;
}

function general(v: GoValue): string {
  return marshalJsonData(toJsonData(v));
}

function outcome(f: () => string): string {
  try {
    return f();
  } catch (e) {
    return `error: ${(e as Error).message}`;
  }
}

describe('direct YAML writer', () => {
  it('writes random documents exactly as the general path', () => {
    const r = rng(7);
    for (let i = 0; i < 3000; i++) {
      const data = randomPlain(r, 0);
      const expected = outcome(() => general(fromJS(data)));
      expect(outcome(() => marshalPlainYaml(data))).toBe(expected);
      expect(outcome(() => marshalGoYaml(fromJS(data)))).toBe(expected);
    }
  });

  it('sorts keys as go-yaml does (letters first, digit runs by value)', () => {
    const keys = ['b', 'a10', 'a9', 'a09', '_x', 'B', 'a', '10', '9', 'é', 'a-b', 'ab'];
    const out = marshalPlainYaml(Object.fromEntries(keys.map((k) => [k, 1])));
    expect(out).toBe(general(fromJS(Object.fromEntries(keys.map((k) => [k, 1])))));
    const order = out.split('\n').map((l) => l.slice(0, l.indexOf(':')));
    expect(order.indexOf('a9')).toBeLessThan(order.indexOf('a10'));
    expect(order.indexOf('_x')).toBeLessThan(order.indexOf('B')); // non-letters before letters
  });

  it('gives the general path its errors (NaN, control characters, functions)', () => {
    for (const bad of [{ a: NaN }, { a: 'x\u0081' }, { 'k\u0082': 1 }, { a: [Infinity] }]) {
      const expected = outcome(() => general(fromJS(bad)));
      expect(expected).toMatch(/^error: /);
      expect(outcome(() => marshalPlainYaml(bad))).toBe(expected);
    }
    const fn = new Map<string, GoValue>([['f', (() => null) as unknown as GoValue]]);
    expect(outcome(() => marshalGoYaml(fn))).toBe(outcome(() => general(fn)));
  });

  it('writes Go numbers and deep values as the general path', () => {
    const v = new Map<string, GoValue>([['i', new GoInt('int32', 5n)], ['f', new GoFloat32(0.1)], ['b', 12345678901234567890n]]);
    expect(marshalGoYaml(v)).toBe(general(v));
    let deep: unknown = 'leaf';
    for (let i = 0; i < 1500; i++) deep = { k: deep };
    expect(marshalPlainYaml(deep)).toBe(general(fromJS(deep)));
  });
});

describe('plain YAML reader', () => {
  const texts = [
    'a: 1\nb: [x, yes, 0o17, 0x1f, 1e3, ~]\nc: {d: "e"}\n',
    'a: &x {k: v}\nb: *x\n',
    '__proto__: 1\nz: 2\n',
    '1: one\ntrue: t\n',
    'a: 1\na: 2\n',
    '- a\n- b: c\n',
    'k: |\n  text\n  more\n',
    '',
    '# only a comment\n',
  ];
  it('reads like the Map reader followed by conversion', () => {
    for (const t of texts) {
      const viaMaps = outcome(() => JSON.stringify(toPlain(parseGoYaml(t))));
      expect(outcome(() => JSON.stringify(parseGoYamlPlain(t))), t).toBe(viaMaps);
    }
  });
  it('reads block-style documents (the block reader) exactly as the general reader', () => {
    const r = rng(11);
    const reference = (t: string): string => outcome(() => JSON.stringify(toPlain(parseGoYaml(t))));
    for (let i = 0; i < 700; i++) {
      const data = { root: randomPlain(r, 0), list: [randomPlain(r, 1), randomPlain(r, 2)] };
      const text = outcome(() => marshalPlainYaml(data));
      if (text.startsWith('error: ')) continue;
      // the writer's own style, and variants a person or a template writes
      for (const t of [text, text.replace(/^(\s*- )?(\w+):( |$)/gm, '$1$2:   $3'), text.replace(/\n/g, ' # note\n'), `# head\n${text}\n  # tail\n`]) {
        expect(outcome(() => JSON.stringify(parseGoYamlPlain(t))), t).toBe(reference(t));
      }
    }
  });

  it('reads the block reader\'s edge cases as the general reader', () => {
    const edge = [
      'a: [x, "y", \'z\', 1, yes, ~, -p, 0x10]\n', 'a: [ ]\n', 'a: [x,]\n', 'a: [x y, z ]   # c\n', 'a: ["a\\"b", \'it\'\'s\']\n', 'a: [a,b]x\n', 'a: [[1]]\n',
      'a: [a: b]\n', 'a: [-]\n', 'a: [.inf]\n', 'k: |\n  one\n\n  two\n\n\nnext: 1\n', 'k: |-\n    deep\n  x: 1\n', 'k: |\n  a\n  \n', 'k: |\n  a\n     \n', 'k: |\n  a',
      'k: |2\n   a\n', 'k: >\n  a\n  b\n', 'a: b\n  c\n', 'a:\n- 1\n- 2\nb: 3\n', '- a: 1\n  b: 2\n-   c: 3\n    d:\n    - x\n', '- - x\n', 'a: b: c\n', 'a:b\n',
      'a: "x"y\n', 'a: "x" # c\n', 'a: \'x\n  y\'\n', 'key with space: v\n', 'a: x #c\nb: y#z\n', 'yes: 1\n', 'null: 1\n', '"q": 1\n', '? a\n: b\n', 'a: !!str 1\n',
      '%YAML 1.1\n---\na: 1\n', 'a: 1\n...\n', 'a:\tb\n', 'a: "\\u00e9"\n', 'a: \u00e9t\u00e9\n', 'a: {}\nb: {x: 1}\n', 'a: <<\n', '<<: {a: 1}\n', 'a:\n  b:\n\n    c: 1\n',
    ];
    for (const t of edge) {
      expect(outcome(() => JSON.stringify(parseGoYamlPlain(t))), t).toBe(outcome(() => JSON.stringify(toPlain(parseGoYaml(t)))));
    }
  });

  it('shares no object between aliases', () => {
    const v = parseGoYamlPlain('a: &x {k: v}\nb: *x\n') as Record<string, Record<string, string>>;
    expect(v['a']).not.toBe(v['b']);
    expect(v['b']).toEqual({ k: 'v' });
  });
});

function toPlain(v: GoValue): unknown {
  if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [k, toPlain(x)]));
  if (Array.isArray(v)) return v.map(toPlain);
  return v ?? null;
}
