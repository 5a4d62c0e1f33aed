import { describe, expect, it } from 'vitest';
import { T, lex } from '../../src/gotemplate/lexer.js';

const opts = { leftDelim: '{{', rightDelim: '}}', breakOK: true, continueOK: true };
const kinds = (s: string) => lex(s, opts).map((t) => [T[t.type], t.val]);

describe('lexer', () => {
  it('splits text and actions and keeps positions and lines', () => {
    const toks = lex('a\n{{ .x }}b', opts);
    expect(toks.map((t) => [T[t.type], t.val, t.pos, t.line])).toEqual([
      ['Text', 'a\n', 0, 1],
      ['LeftDelim', '{{', 2, 2],
      ['Space', ' ', 4, 2],
      ['Field', '.x', 5, 2],
      ['Space', ' ', 7, 2],
      ['RightDelim', '}}', 8, 2],
      ['Text', 'b', 10, 2],
      ['EOF', '', 11, 2],
    ]);
  });

  it('trims around {{- and -}} only when the marker is followed/preceded by ASCII space', () => {
    expect(kinds('a \n{{- 1 -}}\n\t b')).toEqual([
      ['Text', 'a'],
      ['LeftDelim', '{{'],
      ['Number', '1'],
      ['RightDelim', '}}'],
      ['Text', 'b'],
      ['EOF', ''],
    ]);
    expect(kinds('{{-1}}').slice(1, 2)).toEqual([['Number', '-1']]);
  });

  it('drops comments, trimming around them', () => {
    expect(kinds('a  {{- /* x */ -}}  b')).toEqual([
      ['Text', 'a'],
      ['Text', 'b'],
      ['EOF', ''],
    ]);
  });

  it('scans keywords, identifiers, variables, declarations, strings, chars and numbers', () => {
    expect(kinds('{{range $i, $v := .l | printf "%d" `r` \'c\' 0x1F 1_0.5e3 nil true}}').slice(1, -2).filter(([k]) => k !== 'Space')).toEqual([
      ['Range', 'range'],
      ['Variable', '$i'],
      ['Char', ','],
      ['Variable', '$v'],
      ['Declare', ':='],
      ['Field', '.l'],
      ['Pipe', '|'],
      ['Identifier', 'printf'],
      ['String', '"%d"'],
      ['RawString', '`r`'],
      ['CharConstant', "'c'"],
      ['Number', '0x1F'],
      ['Number', '1_0.5e3'],
      ['Nil', 'nil'],
      ['Bool', 'true'],
    ]);
  });

  it('treats break/continue as identifiers when a function of that name exists', () => {
    const toks = lex('{{break}}', { ...opts, breakOK: false });
    expect(T[toks[1]!.type]).toBe('Identifier');
  });

  it('stops at the first error with Go\'s message', () => {
    const last = (s: string) => lex(s, opts).at(-1)!;
    expect(last('{{ .x').val).toBe('unclosed action');
    expect(last('{{ "abc }}').val).toBe('unterminated quoted string');
    expect(last('{{ 3x }}').val).toBe('bad number syntax: "3x"');
    expect(last('{{ .a! }}').val).toBe("bad character U+0021 '!'");
    expect(last('{{ ) }}').val).toBe("unexpected right paren U+0029 ')'");
    expect(last('{{ ( }}').val).toBe('unclosed left paren');
    expect(last('{{/* x */ y }}').val).toBe('comment ends before closing delimiter');
    expect(last('{{/* x').val).toBe('unclosed comment');
    expect(last('{{ \u0001 }}').val).toBe('unrecognized character in action: U+0001');
  });

  it('honours custom delimiters', () => {
    expect(lex('{{ x }}', { ...opts, leftDelim: '<%', rightDelim: '%>' }).map((t) => [T[t.type], t.val])).toEqual([
      ['Text', '{{ x }}'],
      ['EOF', ''],
    ]);
    expect(lex('<% .a %>', { ...opts, leftDelim: '<%', rightDelim: '%>' }).map((t) => T[t.type])).toEqual([
      'LeftDelim',
      'Space',
      'Field',
      'Space',
      'RightDelim',
      'EOF',
    ]);
  });
});
