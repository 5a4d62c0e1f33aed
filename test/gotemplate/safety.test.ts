// Safety (issue 3 part 6) and the public TemplateSet API.
import { describe, expect, it } from 'vitest';
import {
  FuncError,
  GoStruct,
  TemplateError,
  TemplateSet,
  fromJS,
  renderTemplate,
  withSignature,
  type GoValue,
} from '../../src/gotemplate/index.js';

function expectTemplateError(fn: () => unknown, message: string): void {
  let err: unknown;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(TemplateError);
  expect((err as Error).message).toBe(message);
}

describe('recursion, output and stack bounds', () => {
  it('a self-recursive define stops at Go\'s depth limit with Go\'s message, not a JS stack overflow', () => {
    const set = new TemplateSet();
    set.parse('t', '{{ define "r" }}{{ template "r" . }}{{ end }}{{ template "r" . }}');
    expectTemplateError(() => set.execute('t', null), 'template: t:1:28: executing "r" at <{{template "r" .}}>: exceeded maximum template depth (100000)');
  });

  it('honours a smaller maxExecDepth, and recursion below it works', () => {
    const text = '{{ define "down" }}{{ if gt . 0 }}{{ . }} {{ template "down" (sub .) }}{{ end }}{{ end }}{{ template "down" 5 }}';
    const sub = withSignature((a: GoValue[]) => (a[0] as bigint) - 1n, { params: ['int'] });
    expect(renderTemplate(text, null, { funcs: { sub }, maxExecDepth: 10 })).toBe('5 4 3 2 1 ');
    expect(() => renderTemplate(text, null, { funcs: { sub }, maxExecDepth: 3 })).toThrow(/exceeded maximum template depth \(3\)/);
  });

  it('unbounded recursion through a function (include-style) ends in one TemplateError, not a RangeError', () => {
    const include = withSignature((a: GoValue[], ctx) => ctx.executeTemplate(a[0] as string, a[1]!), { params: ['string', 'interface {}'] });
    const set = new TemplateSet({ funcs: { include } });
    set.parse('t', '{{ define "r" }}{{ include "r" . }}{{ end }}{{ include "r" . }}');
    expectTemplateError(() => set.execute('t', null), 'template: t: exceeded maximum template depth (nesting of template function calls such as include is too deep)');
    // and nesting of a realistic depth works
    const down = new TemplateSet({ funcs: { include, dec: (a) => (a[0] as bigint) - 1n } });
    down.parse('t', '{{ define "d" }}{{ if . }}<{{ include "d" (dec .) }}>{{ end }}{{ end }}{{ include "d" 100 }}');
    expect(down.execute('t', null)).toBe('<'.repeat(100) + '>'.repeat(100));
  });

  it('bounds runaway output with a TemplateError', () => {
    const t = '{{ range $i := .n }}{{ range $j := $.n }}0123456789{{ end }}{{ end }}';
    const n = fromJS({ n: Array.from({ length: 2000 }, () => 1) });
    expect(() => renderTemplate(t, n, { maxOutputBytes: 1_000_000 })).toThrow(/output exceeds the limit of 1000000 bytes/);
  });

  it('deep nesting of parentheses is a TemplateError, never a RangeError', () => {
    const deep = '{{' + '('.repeat(20000) + '1' + ')'.repeat(20000) + '}}';
    let err: unknown;
    try {
      renderTemplate(deep, null);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TemplateError);
    expect((err as Error).message).toMatch(/^template: tpl:1: max expression depth exceeded$/);
  });
});

describe('no access beyond the data model', () => {
  it('keys such as __proto__ and constructor are plain map data', () => {
    const data = fromJS(JSON.parse('{"__proto__": {"polluted": "yes"}, "constructor": "c", "m": {}}'));
    expect(renderTemplate('{{ .__proto__.polluted }} {{ .constructor }} {{ .m.constructor }} {{ .m.__proto__ }}', data)).toBe(
      'yes c <no value> <no value>',
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('JS members of values are not fields', () => {
    const data = fromJS({ s: 'abc', l: [1, 2] });
    // a value read from a map[string]interface{} has static type interface {}, as in Go
    expectTemplateError(() => renderTemplate('{{ .s.length }}', data), 'template: tpl:1:5: executing "tpl" at <.s.length>: can\'t evaluate field length in type interface {}');
    expectTemplateError(() => renderTemplate('{{ $s := .s }}{{ $s.length }}', data), 'template: tpl:1:19: executing "tpl" at <$s.length>: can\'t evaluate field length in type string');
    expect(() => renderTemplate('{{ $l := .l }}{{ $l.map }}', data)).toThrow(/can't evaluate field map in type \[\]interface \{\}/);
  });

  it('JS global and prototype names are not functions', () => {
    for (const name of ['constructor', 'toString', 'hasOwnProperty', '__proto__', 'eval', 'process']) {
      expect(() => renderTemplate(`{{ ${name} }}`, null)).toThrow(new TemplateError(`template: tpl:1: function "${name}" not defined`));
    }
  });

  it('a GoStruct exposes only its declared fields and methods', () => {
    const has = withSignature((a: GoValue[]) => a[0] === 'apps/v1', { params: ['string'] });
    const caps = new GoStruct('*chartutil.Capabilities', new Map([['Version', 'v1.32.0']]), new Map([['Has', has]]));
    const data = caps;
    expect(renderTemplate('{{ .Version }} {{ .Has "apps/v1" }} {{ .Has "x" }}', data)).toBe('v1.32.0 true false');
    expect(() => renderTemplate('{{ .typeName }}', data)).toThrow(/can't evaluate field typeName in type \*chartutil.Capabilities/);
    expect(() => renderTemplate('{{ .Version 1 }}', data)).toThrow(/Version has arguments but cannot be invoked as function/);
    expect(() => renderTemplate('{{ .Has }}', data)).toThrow(/wrong number of args for Has: want 1 got 0/);
  });
});

describe('TemplateSet API', () => {
  it('shares defines across parses; a later define replaces an earlier one; empty redefinitions keep the old', () => {
    const set = new TemplateSet();
    set.parse('a.tpl', '{{ define "h" }}first{{ end }}');
    set.parse('b.tpl', '{{ define "h" }}second{{ end }}');
    set.parse('c.tpl', '{{ define "h" }}  {{ end }}');
    set.parse('main', '[{{ template "h" }}]');
    expect(set.execute('main', null)).toBe('[second]');
    expect(set.has('h')).toBe(true);
    expect(set.names().sort()).toEqual(['a.tpl', 'b.tpl', 'c.tpl', 'h', 'main']);
  });

  it('reports an unknown template like ExecuteTemplate', () => {
    const set = new TemplateSet({ rootName: 'gotpl' });
    set.parse('x', 'x');
    expect(() => set.execute('nope', null)).toThrow(new TemplateError('template: no template "nope" associated with template "gotpl"'));
  });

  it('checks functions at parse time, and addFuncs makes later parses accept them', () => {
    const set = new TemplateSet();
    expect(() => set.parse('t', '{{ shout "a" }}')).toThrow(new TemplateError('template: t:1: function "shout" not defined'));
    set.addFuncs({ shout: (a) => String(a[0]).toUpperCase() });
    set.parse('t', '{{ shout "a" }}');
    expect(set.execute('t', null)).toBe('A');
  });

  it('reports function errors as "error calling" and keeps the function error', () => {
    const set = new TemplateSet({
      funcs: {
        boom: () => {
          throw new FuncError('it broke');
        },
      },
    });
    set.parse('t', 'x\n  {{ boom }}');
    try {
      set.execute('t', null);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toBe('template: t:2:5: executing "t" at <boom>: error calling boom: it broke');
      expect((e as { funcError?: Error }).funcError?.message).toBe('it broke');
    }
  });

  it('gives functions a CallContext that can run named templates and template text (include/tpl)', () => {
    const include = withSignature((a: GoValue[], ctx) => ctx.executeTemplate(a[0] as string, a[1]!), {
      params: ['string', 'interface {}'],
    });
    const tpl = withSignature((a: GoValue[], ctx) => ctx.executeText(a[0] as string, a[1]!), { params: ['string', 'interface {}'] });
    const set = new TemplateSet({ funcs: { include, tpl } });
    set.parse('t', '{{ define "n" }}<{{ .a }}>{{ end }}{{ include "n" . | printf "%q" }} {{ tpl "{{ .a }}-{{ template \\"n\\" . }}" . }}');
    expect(set.execute('t', fromJS({ a: 1 }))).toBe('"<1>" 1-<1>');
    // tpl parses into a copy: its defines do not leak into the set
    set.parse('u', '{{ tpl "{{ define \\"leak\\" }}x{{ end }}" . }}');
    set.execute('u', null);
    expect(set.has('leak')).toBe(false);
  });

  it('supports custom delimiters', () => {
    expect(renderTemplate('[[ .a ]] {{ .a }} [[- .b -]] !', fromJS({ a: 1, b: 2 }), { delims: ['[[', ']]'] })).toBe('1 {{ .a }}2!');
  });

  it('applies missingKey options', () => {
    const d = fromJS({ m: {} });
    expect(renderTemplate('{{ .m.x }}', d)).toBe('<no value>');
    expect(renderTemplate('{{ .m.x }}', d, { missingKey: 'zero' })).toBe('<no value>');
    expectTemplateError(() => renderTemplate('{{ .m.x }}', d, { missingKey: 'error' }), 'template: tpl:1:5: executing "tpl" at <.m.x>: map has no entry for key "x"');
  });

  it('rejects function names that are not identifiers', () => {
    expect(() => new TemplateSet({ funcs: { 'a-b': () => null } })).toThrow(TemplateError);
  });
});
