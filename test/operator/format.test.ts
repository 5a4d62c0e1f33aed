import { describe, expect, it } from 'vitest';
import { goFloat, goQuote, toGoJson, toGoYaml, toSetFlags } from '../../src/operator/format.js';

describe('Go-compatible formatting', () => {
  it('%v of float64', () => {
    const cases: Array<[number, string]> = [
      [1, '1'],
      [1e6, '1e+06'],
      [123456789, '1.23456789e+08'],
      [1e21, '1e+21'],
      [0.0001, '0.0001'],
      [0.00001, '1e-05'],
      [1.5, '1.5'],
      [100000, '100000'],
      [1234567, '1.234567e+06'],
      [-2.5e-7, '-2.5e-07'],
    ];
    for (const [n, s] of cases) expect(goFloat(n), String(n)).toBe(s);
  });
  it('%q', () => {
    expect(goQuote('a"b\\c\nd\té\x01\u2028')).toBe('"a\\"b\\\\c\\nd\\té\\x01\\u2028"');
  });
  it('yaml: sorted keys, unindented lists, quoted ambiguous strings', () => {
    expect(toGoYaml({ b: ['x', 'yes'], a: { d: '', c: '1.0' } })).toBe('a:\n  c: "1.0"\n  d: ""\nb:\n- x\n- "yes"\n');
    expect(toGoYaml({})).toBe('{}\n');
  });
  it('json: 4-space indent, sorted keys, HTML-escaped', () => {
    expect(toGoJson({ b: 1, a: '<&>' })).toBe('{\n    "a": "\\u003c\\u0026\\u003e",\n    "b": 1\n}');
  });
  it('flags: sorted leaves, escaped dots in keys, empty maps vanish', () => {
    expect(toSetFlags({ z: { 'a.b': 'x' }, a: [{ n: 1 }, true], e: {} })).toEqual(['a[0].n=1', 'a[1]=true', 'z.a\\.b="x"']);
  });
});
