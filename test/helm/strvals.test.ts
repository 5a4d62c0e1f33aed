import { describe, expect, it } from 'vitest';
import { parseSetInto } from '../../src/helm/strvals.js';
import { toJS, GoInt, type GoMap } from '../../src/gotemplate/value.js';
import { SailError } from '../../src/errors.js';

const set = (...exprs: string[]): unknown => {
  const m: GoMap = new Map();
  for (const e of exprs) parseSetInto(e, m);
  return toJS(m);
};

describe('--set grammar (Helm strvals)', () => {
  it('parses nested keys, several pairs and Helm type inference', () => {
    expect(set('a.b.c=1,d=true,e=FALSE,f=null,g=0,h=007,i=-3,j=1.5,k=')).toEqual({ a: { b: { c: 1 } }, d: true, e: false, f: null, g: 0, h: '007', i: -3, j: '1.5', k: '' });
  });

  it('keeps integers as int64', () => {
    const m: GoMap = new Map();
    parseSetInto('n=42', m);
    expect(m.get('n')).toEqual(new GoInt('int64', 42n));
  });

  it('parses lists and indexes', () => {
    expect(set('l={a,b,c}', 'm[1]=x', 'o[0].name=n,o[0].port=80', 'p[0][1]=deep', 'e={}')).toEqual({
      l: ['a', 'b', 'c'],
      m: [null, 'x'],
      o: [{ name: 'n', port: 80 }],
      p: [[null, 'deep']],
      e: [],
    });
  });

  it('honours backslash escapes', () => {
    expect(set('a\\.b=c\\,d', 'x=y\\=z')).toEqual({ 'a.b': 'c,d', x: 'y=z' });
  });

  it('merges into existing maps and replaces scalars', () => {
    expect(set('a.b=1', 'a.c=2', 'a.b.x=3')).toEqual({ a: { b: { x: 3 }, c: 2 } });
  });

  it('keeps strings with --set-string', () => {
    const m: GoMap = new Map();
    parseSetInto('a=1,b=true', m, { asString: true });
    expect(toJS(m)).toEqual({ a: '1', b: 'true' });
  });

  it.each([
    ['novalue', 'key "novalue" has no value'],
    ['a=1,b', 'key "b" has no value'],
    ['a,', 'key "a" has no value (cannot end with ,)'],
    ['l[x]=1', 'failed to parse index'],
    ['l[70000]=1', 'greater than maximum supported index'],
    ['l={a,b', "list must terminate with '}'"],
  ])('rejects %s with a clear message naming --set', (expr, msg) => {
    let err: unknown;
    try {
      parseSetInto(expr, new Map());
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(SailError);
    expect((err as SailError).message).toContain('failed parsing --set data: ');
    expect((err as SailError).message).toContain(msg);
    expect((err as SailError).code).toBe('SET_PATH');
  });
});
