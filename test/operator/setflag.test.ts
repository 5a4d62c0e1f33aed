import { describe, expect, it } from 'vitest';
import { applySetExpression, parseSetExpression, parseSetValue, splitSetPath } from '../../src/operator/setflag.js';
import { SailError } from '../../src/errors.js';
import type { JsonObject } from '../../src/operator/types.js';

function apply(spec: JsonObject, ...exprs: string[]): JsonObject {
  for (const e of exprs) applySetExpression(spec, parseSetExpression(e));
  return spec;
}

function setError(expr: string, base: JsonObject = {}): SailError {
  try {
    apply(base, expr);
  } catch (e) {
    if (e instanceof SailError) return e;
    throw e;
  }
  throw new Error(`no error for ${expr}`);
}

describe('--set value coercion (int -> float -> bool -> string)', () => {
  const cases: Array<[string, unknown]> = [
    ['3', 3],
    ['-7', -7],
    ['+4', 4],
    ['010', 10],
    ['1.5', 1.5],
    ['1e3', 1000],
    ['.5', 0.5],
    ['true', true],
    ['True', true],
    ['t', true],
    ['FALSE', false],
    ['f', false],
    ['1', 1],
    ['yes', 'yes'],
    ['a\\,b', 'a,b'],
    ['1.30.3', '1.30.3'],
    ['', ''],
    ['1e400', '1e400'],
    ['0x1p3', 8],
  ];
  for (const [raw, want] of cases) {
    it(`${JSON.stringify(raw)} -> ${JSON.stringify(want)}`, () => expect(parseSetValue(raw)).toEqual(want));
  }
  it('keeps tags, compatibilityVersion and proxyMetadata values as strings', () => {
    expect(parseSetExpression('tag=1.30').value).toBe('1.30');
    expect(parseSetExpression('values.global.tag=123').value).toBe('123');
    expect(parseSetExpression('compatibilityVersion=1.24').value).toBe('1.24');
    expect(parseSetExpression('values.compatibilityVersion=1.24').value).toBe('1.24');
    expect(parseSetExpression('meshConfig.defaultConfig.proxyMetadata.ISTIO_META_DNS_CAPTURE=true').value).toBe('true');
    expect(parseSetExpression('values.meshConfig.defaultConfig.proxyMetadata.X=1').value).toBe('1');
    expect(parseSetExpression('hub=1.5').value).toBe(1.5);
  });
});

describe('--set paths', () => {
  it('splits at unescaped dots and before [', () => {
    expect(splitSetPath('a.b\\.c.d[0].e')).toEqual(['a', 'b.c', 'd', '[0]', 'e']);
    expect(splitSetPath('k8s.podAnnotations.sidecar\\.istio\\.io/inject')).toEqual(['k8s', 'podAnnotations', 'sidecar.istio.io/inject']);
    expect(splitSetPath('.a.b.')).toEqual(['a', 'b']);
  });
  it('splits at the first "=" and trims', () => {
    const s = parseSetExpression(' values.pilot.env.X = a=b ');
    expect(s.path).toBe('values.pilot.env.X');
    expect(s.value).toBe('a=b');
  });
  it('accepts a leading spec.', () => {
    expect(apply({}, 'spec.hub=foo')).toEqual({ hub: 'foo' });
  });
  it('creates maps, merges into existing ones', () => {
    expect(apply({ values: { global: { a: 1 } } }, 'values.global.b=x', 'values.pilot.enabled=false')).toEqual({
      values: { global: { a: 1, b: 'x' }, pilot: { enabled: false } },
    });
  });
  it('indexes lists, appends past the end, replaces an element', () => {
    const spec = apply({ l: [{ a: 1 }] }, 'l[0].b=2', 'l[5].c=3', 'm[0]=x', 'm[0]=y', 'm[1]=z');
    expect(spec).toEqual({ l: [{ a: 1, b: 2 }, { c: 3 }], m: ['y', 'z'] });
  });
  it('selects list elements by [key:value]', () => {
    const spec = apply(
      { components: { ingressGateways: [{ name: 'a' }, { name: 'b' }] } },
      'components.ingressGateways[name:b].enabled=true',
    );
    expect(spec).toEqual({ components: { ingressGateways: [{ name: 'a' }, { name: 'b', enabled: true }] } });
  });
  it('takes a list from the underlying profile before changing it', () => {
    const spec: JsonObject = {};
    const underlying: JsonObject = { components: { ingressGateways: [{ name: 'istio-ingressgateway', enabled: true }] } };
    applySetExpression(spec, parseSetExpression('components.ingressGateways[name:istio-ingressgateway].enabled=false'), underlying);
    expect(spec).toEqual({ components: { ingressGateways: [{ name: 'istio-ingressgateway', enabled: false }] } });
    expect(underlying).toEqual({ components: { ingressGateways: [{ name: 'istio-ingressgateway', enabled: true }] } });
  });
});

describe('malformed --set: a SailError naming the expression', () => {
  it('no "="', () => {
    const e = setError('values.global.hub');
    expect(e.code).toBe('SET_PATH');
    expect(e.located).toBe('--set values.global.hub: must be of the form path=value (no "=" found)');
  });
  it('empty path', () => expect(setError('=x').located).toMatch(/^--set =x: empty path/));
  it('bad index', () => {
    expect(setError('components.ingressGateways[x].enabled=true').located).toMatch(/^--set components\.ingressGateways\[x\]\.enabled=true: bad list index "\[x\]"/);
    expect(setError('l[-1]=3').message).toMatch(/bad list index/);
    expect(setError('l[0][1]=3').message).toMatch(/bad list index/);
  });
  it('selector matching nothing lists what exists', () => {
    const e = setError('l[name:zz].a=1', { l: [{ name: 'a' }, { name: 'b' }] });
    expect(e.message).toBe('no element of l has name="zz"');
    expect(e.hint).toBe('elements have name: "a", "b"');
  });
  it('setting inside a scalar or indexing a map', () => {
    expect(setError('hub.x=1', { hub: 'docker.io' }).message).toMatch(/^hub is a string/);
    expect(setError('values[0]=1', { values: { a: 1 } }).message).toMatch(/^values is a map, not a list/);
  });
});
