import { describe, expect, it } from 'vitest';
import { nodeString } from '../../src/gotemplate/ast.js';
import { TemplateError } from '../../src/gotemplate/errors.js';
import { parseText, unquoteGo } from '../../src/gotemplate/parser.js';

const BUILTINS = new Set(['and', 'or', 'not', 'len', 'index', 'print', 'printf', 'eq']);
const parse = (text: string) => parseText('t', text, { hasFunction: (n) => BUILTINS.has(n) });

describe('parser', () => {
  it('builds trees whose String() is Go\'s canonical form', () => {
    const trees = parse('{{if $x := .a}}{{$x.b | printf "%v"}}{{else if not .c}}{{(index .l 0).d}}{{else}}{{range $i, $e := .l}}{{$e}}{{end}}{{end}}');
    expect(nodeString(trees.get('t')!.root)).toBe(
      '{{if $x := .a}}{{$x.b | printf "%v"}}{{else}}{{if not .c}}{{(index .l 0).d}}{{else}}{{range $i, $e := .l}}{{$e}}{{end}}{{end}}{{end}}',
    );
  });

  it('collects defines and blocks as separate trees', () => {
    const trees = parse('{{define "a"}}A{{end}}main{{block "b" .}}B{{end}}');
    expect([...trees.keys()].sort()).toEqual(['a', 'b', 't']);
    expect(nodeString(trees.get('t')!.root)).toBe('main{{template "b" .}}');
  });

  it('classifies numbers as Go does', () => {
    const num = (s: string) => {
      const n = parse(`{{${s}}}`).get('t')!.root.nodes[0] as { pipe: { cmds: { args: unknown[] }[] } };
      return n.pipe.cmds[0]!.args[0] as { isInt: boolean; isUint: boolean; isFloat: boolean; int: bigint; float: number };
    };
    expect(num('1.0')).toMatchObject({ isInt: true, isFloat: true, int: 1n, float: 1 });
    expect(num('1.5')).toMatchObject({ isInt: false, isFloat: true, float: 1.5 });
    expect(num("'a'")).toMatchObject({ isInt: true, int: 97n });
    expect(num('0x_1F')).toMatchObject({ isInt: true, int: 31n });
    expect(num('-0')).toMatchObject({ isInt: true, isUint: true });
    expect(num('18446744073709551615')).toMatchObject({ isInt: false, isUint: true });
  });

  it('reports errors with Go\'s texts and lines', () => {
    const err = (s: string) => {
      try {
        parse(s);
      } catch (e) {
        expect(e).toBeInstanceOf(TemplateError);
        return (e as Error).message;
      }
      return 'parsed';
    };
    expect(err('{{ if }}')).toBe('template: t:1: missing value for if');
    expect(err('a\n\n{{ end }}')).toBe('template: t:3: unexpected {{end}}');
    expect(err('{{ if 1 }}\nx')).toBe('template: t:2: unexpected EOF');
    expect(err('{{ nope }}')).toBe('template: t:1: function "nope" not defined');
    expect(err('{{ $x }}')).toBe('template: t:1: undefined variable "$x"');
    expect(err('{{ . | 1 }}')).toBe('template: t:1: non executable command in pipeline stage 2');
    expect(err('{{ .x }\n}')).toBe('template: t:1: unexpected "}" in operand');
    expect(err('{{ .x\n\n| }}')).toBe('parsed'); // Go accepts an empty last pipeline stage
    expect(err('{{ "a" "b }}\n')).toBe('template: t:1: unterminated quoted string');
    expect(err('a\n{{ .x\nb')).toBe('template: t:3: function "b" not defined');
    expect(err('a\n{{ .x\n\n .y')).toBe('template: t:4: unclosed action started at t:2');
    expect(err('{{ break }}')).toBe('template: t:1: {{break}} outside {{range}}');
    expect(err('{{ define "a" }}x{{ end }}{{ define "a" }}y{{ end }}')).toBe('template: t:1: template: multiple definition of template "a"');
    expect(err('{{ 1.5.x }}')).toBe('template: t:1: unexpected . after term "1.5"');
    expect(err('{{ range $a, $b, $c := . }}{{ end }}')).toBe('template: t:1: too many declarations in range');
    expect(err('{{ if .a }}{{ else }}{{ else }}{{ end }}')).toBe('template: t:1: expected end; found {{else}}');
  });

  it('unquotes Go string literals', () => {
    expect(unquoteGo('"a\\tb\\u00e9\\x41\\101"')).toBe('a\tbéAA');
    expect(unquoteGo('`raw\\n\r`')).toBe('raw\\n');
    expect(unquoteGo('"bad\\q"')).toBeNull();
    expect(unquoteGo('"\\xff"')).toBe('\ufffd');
  });
});
