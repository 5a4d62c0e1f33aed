// Property tests: on any input the parser either parses or throws TemplateError, and execution
// of whatever parses either renders or throws TemplateError. Nothing else may escape (no
// TypeError, RangeError or stack overflow). Inputs are random bytes/tokens and mutations of
// valid templates, from a seeded generator so failures reproduce.
import { describe, expect, it } from 'vitest';
import { TemplateError, TemplateSet, fromJS } from '../../src/gotemplate/index.js';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  '{{', '}}', '{{-', '-}}', '{{- ', ' -}}', '/*', '*/', ' ', '\n', '\t', '.', '.a', '.b.c', '$', '$x', ':=', '=', '|', '(', ')', ',',
  '"s"', '"', '`raw`', '`', "'a'", "'", '1', '-1', '0x1F', '1e3', '1_000', '.5', 'true', 'nil', 'if', 'else', 'end', 'range',
  'with', 'define', 'template', 'block', 'break', 'continue', 'and', 'or', 'not', 'len', 'index', 'slice', 'eq', 'lt', 'print',
  'printf', '"%d %s %v"', 'call', 'html', 'js', 'urlquery', 'x', 'é', '\u2028', '\0', '}', '{', '\\',
];

const SEEDS = [
  '{{ if .a }}A{{ else if .b }}B{{ else }}C{{ end }}',
  '{{ range $i, $v := .l }}{{ $i }}={{ $v }}{{ if eq $i 1 }}{{ break }}{{ end }}{{ end }}',
  '{{ define "x" }}X{{ .a }}{{ end }}{{ template "x" . }}{{ block "y" .m }}{{ . }}{{ end }}',
  '{{- with .m }}{{ .k | printf "%q" }}{{ else }}none{{ end -}}',
  '{{ $x := index .l 0 }}{{ $x = len .s }}{{ slice .s 1 2 }}{{ (.m).k }}',
  '{{/* comment */}}{{ and .a (or .b 1) | not }}{{ printf "%5.2f|%-3d|%x" 3.14 7 255 }}',
  '{{ range .l }}{{ block "b" . }}{{ . }}{{ end }}{{ if . }}{{ break }}{{ end }}{{ with . }}{{ continue }}{{ end }}{{ end }}',
  '{{ range .l }}{{ block "b" . }}{{ if . }}{{ break }}{{ end }}{{ end }}{{ end }}',
  '{{ define "r" }}{{ range . }}{{ template "r" .k }}{{ break }}{{ end }}{{ end }}{{ template "r" .l }}',
];

const DATA = fromJS({ a: 1, b: '', l: [1, 'two', null, { k: 'v' }], m: { k: 'v', n: null }, s: 'héllo' });

function check(text: string): void {
  for (const missingKey of ['default', 'zero', 'error'] as const) {
    const set = new TemplateSet({ missingKey, maxOutputBytes: 1 << 16, maxExecDepth: 200 });
    try {
      set.parse('t', text);
    } catch (e) {
      if (!(e instanceof TemplateError)) throw new Error(`parser let ${String(e)} escape for ${JSON.stringify(text)}`);
      return;
    }
    for (const name of set.names()) {
      try {
        set.execute(name, DATA);
      } catch (e) {
        if (!(e instanceof TemplateError)) throw new Error(`executor let ${String(e)} escape for ${JSON.stringify(text)}`);
      }
    }
  }
}

describe('parser and executor on arbitrary input', () => {
  it('random byte strings only ever raise TemplateError', () => {
    const r = rng(1);
    for (let n = 0; n < 1500; n++) {
      const len = Math.floor(r() * 40);
      let s = '';
      for (let i = 0; i < len; i++) s += String.fromCharCode(r() < 0.8 ? 32 + Math.floor(r() * 95) : Math.floor(r() * 256));
      check(r() < 0.7 ? '{{' + s : s);
    }
  });

  it('random token soups only ever raise TemplateError', () => {
    const r = rng(2);
    for (let n = 0; n < 3000; n++) {
      const len = 1 + Math.floor(r() * 14);
      let s = '';
      for (let i = 0; i < len; i++) s += TOKENS[Math.floor(r() * TOKENS.length)];
      check(s);
    }
  });

  it('mutations of valid templates only ever raise TemplateError', () => {
    const r = rng(3);
    for (let n = 0; n < 3000; n++) {
      let s = SEEDS[Math.floor(r() * SEEDS.length)]!;
      const edits = 1 + Math.floor(r() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(r() * (s.length + 1));
        const op = r();
        if (op < 0.33) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 4));
        else if (op < 0.66) s = s.slice(0, at) + TOKENS[Math.floor(r() * TOKENS.length)] + s.slice(at);
        else {
          const from = Math.floor(r() * s.length);
          s = s.slice(0, at) + s.slice(from, from + 1 + Math.floor(r() * 6)) + s.slice(at);
        }
      }
      check(s);
    }
  });

  it('deeply nested parentheses and actions are handled without a JS crash', () => {
    check('{{' + '('.repeat(2000) + '1' + ')'.repeat(2000) + '}}');
    check('{{ if 1 }}'.repeat(3000) + 'x' + '{{ end }}'.repeat(3000));
    expect(() => check('{{' + '('.repeat(5000))).not.toThrow();
  });
});
