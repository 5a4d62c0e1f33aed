import { describe, expect, it } from 'vitest';
import { TemplateSet } from '../../src/gotemplate/index.js';
import { helmFuncMap, toYaml, fromYaml } from '../../src/gotemplate/helm-funcs.js';
import { parseGoYaml, marshalGoYaml } from '../../src/gotemplate/goyaml.js';
import { marshalGoJson, parseGoJson } from '../../src/gotemplate/gojson.js';
import { GoInt, type GoMap, type GoValue } from '../../src/gotemplate/value.js';

function exec(tpl: string, values: GoValue = new Map(), defines: Record<string, string> = {}): string {
  const set = new TemplateSet({ missingKey: 'zero', funcs: helmFuncMap(), rootName: 'gotpl' });
  for (const [n, t] of Object.entries(defines)) set.parse(n, t);
  set.parse('t', tpl);
  return set.execute('t', new Map([['Values', values]]));
}

describe('Helm functions', () => {
  it('toYaml drops the final newline, quotes what would change type, folds long lines', () => {
    const v = parseGoYaml('a: "yes"\nb: "1.0"\nc: |\n  multi\n  line\nd: ' + 'word '.repeat(20).trim() + '\n');
    expect(toYaml(v)).toBe('a: "yes"\nb: "1.0"\nc: |\n  multi\n  line\nd: word word word word word word word word word word word word word word word word\n  word word word word');
    expect(toYaml(null)).toBe('null');
  });

  it('toYaml of values Helm read: every number is a float64, integral ones print as ints', () => {
    expect(toYaml(parseGoYaml('num: 1000000\nf: 1.5\ne: 1e-7\nbig: 1234567.5\ny: 1\n'))).toBe('big: 1.2345675e+06\ne: 1e-07\nf: 1.5\nnum: 1000000\n"true": 1');
    expect(exec('{{ .Values.num }} {{ .Values.num | toJson }}', parseGoYaml('num: 1000000'))).toBe('1e+06 1000000');
  });

  it('fromYaml reports problems in an Error key instead of failing', () => {
    expect(fromYaml('a: [').get('Error')).toMatch(/^error converting YAML to JSON: yaml: /);
    expect(fromYaml('- a').get('Error')).toContain('cannot unmarshal array into Go value of type map[string]interface {}');
    expect(exec('{{ (fromYaml "x: 1").x }}')).toBe('1');
  });

  it('include renders a define with data; deep self-inclusion stops with Helm\'s message', () => {
    expect(exec('{{ include "x" 5 | upper }}', new Map(), { d: '{{ define "x" }}v{{ . }}{{ end }}' })).toBe('V5');
    expect(() => exec('{{ include "loop" . }}', new Map(), { d: '{{ define "loop" }}{{ include "loop" . }}{{ end }}' })).toThrow(
      /rendering template has a nested reference name: loop|exceeded maximum template depth/,
    );
  });

  it('tpl renders text against data, sharing defines, and wraps errors like Helm', () => {
    expect(exec('{{ tpl .Values.t . }}', new Map<string, GoValue>([['t', '{{ .Values.n }}-{{ include "d" . }}'], ['n', 'x']]), { d: '{{ define "d" }}def{{ end }}' })).toBe('x-def');
    expect(() => exec('{{ tpl "{{ fail \\"no\\" }}" . }}')).toThrow(/error calling tpl: error during tpl function execution for "\{\{ fail \\"no\\" \}\}"/);
    expect(() => exec('{{ tpl "{{ if }}" . }}')).toThrow(/error calling tpl: cannot parse template "\{\{ if \}\}"/);
  });

  it('required accepts non-empty values and fails on nil or ""', () => {
    expect(exec('{{ required "need" .Values.x }}', new Map([['x', 0]]))).toBe('0');
    expect(() => exec('{{ required "need x" .Values.x }}')).toThrow(/HELM_ERR_STARTneed xHELM_ERR_END/);
    expect(() => exec('{{ required "need x" .Values.x }}', new Map([['x', '']]))).toThrow(/need x/);
  });

  it('lookup is offline and env/expandenv do not exist', () => {
    expect(exec('{{ lookup "v1" "Secret" "ns" "name" | len }}')).toBe('0');
    expect(() => exec('{{ env "HOME" }}')).toThrow(/function "env" not defined/);
  });
});

describe('values are data, never JavaScript objects', () => {
  it('keeps __proto__ and constructor keys as plain keys through YAML, JSON and templates', () => {
    const v = parseGoYaml('__proto__:\n  polluted: yes\nconstructor: c\n') as GoMap;
    expect(v).toBeInstanceOf(Map);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(marshalGoJson(v)).toBe('{"__proto__":{"polluted":true},"constructor":"c"}');
    expect(marshalGoYaml(parseGoJson('{"__proto__": 1}'))).toBe('__proto__: 1\n');
    expect(exec('{{ index .Values "__proto__" "polluted" }} {{ .Values.constructor }}', v)).toBe('true c');
  });

  it('marshals int64 from --set like Go', () => {
    expect(marshalGoJson(new Map([['n', new GoInt('int64', 9007199254740993n)]]))).toBe('{"n":9007199254740993}');
  });
});
