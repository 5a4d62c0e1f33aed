/**
 * The YAML writer's scalar analysis (libyaml's yaml_emitter_analyze_scalar, done with regular
 * expressions over the text) picks the style of every string toYaml writes: plain, single- or
 * double-quoted, or literal. Strings placed on each rule's edge go through toYaml here and through
 * Go's sigs.k8s.io/yaml (test/helm/oracle/tploracle.go), byte for byte.
 */
import { describe, expect, it } from 'vitest';
import { TemplateSet } from '../../src/gotemplate/index.js';
import { helmFuncMap } from '../../src/gotemplate/helm-funcs.js';
import { parseGoYaml } from '../../src/gotemplate/goyaml.js';
import { oracleUnavailable, runOracle } from '../helm/go-oracle.js';

/** A YAML double-quoted scalar with every character outside printable ASCII escaped (\\u or \\U). */
function quoted(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += `\\${ch}`;
    else if (cp >= 0x20 && cp <= 0x7e) out += ch;
    else out += cp > 0xffff ? `\\U${cp.toString(16).padStart(8, '0')}` : `\\u${cp.toString(16).padStart(4, '0')}`;
  }
  return `${out}"`;
}

const EDGES = [
  'plain', 'a:', 'a:b', 'a: b', 'a:\tb', 'a :b', ':a', ': a', '?a', '? a', '-a', '- a', '-', '--', '---', '---x', '...', '..x',
  'a#b', 'a #b', 'a\t#b', 'a\n#b', '#a', 'a,b', 'a[b', 'a]b', 'a{b', 'a}b', 'a?b', '[a', '{a', '*a', '&a', '!a', '|a', '>a', "'a", '"a', '%a', '@a', '`a',
  ' lead', 'trail ', '\nlead', 'trail\n', 'two\n\n', 'mid\nline', 'mid\nline\n', 'space \nbreak', 'break\n space', 'break\n\n space', 'tab\tin',
  'cr\rin', 'nel\u0085in', 'ls\u2028in', 'ps\u2029in', 'ls\u2028 in', 'ps\u2029 in', 'sp \u2028ls', 'a:\u2028b', 'bom\ufeffin', '\ufeffbom', 'del\u007fin', 'c1\u0090in', 'nbsp\u00a0in', 'high\ud7ffin',
  'private\ue000in', 'fffd\ufffdin', 'emoji \ud83d\ude00', 'emoji\n\ud83d\ude00\n', 'long ' + 'word '.repeat(30) + 'end', 'multi\nline with: colon\n  indented # not comment\n',
];

const VALUES = `edges: [${EDGES.map(quoted).join(', ')}]\n`;
const TEMPLATES = [
  '{{ toYaml .Values.edges }}',
  '{{ range .Values.edges }}{{ toYaml (dict "k" .) }}{{ end }}',
  // As map keys, except U+0085: go-yaml writes a key holding it differently (a known gap, not the analysis's).
  '{{ range .Values.edges }}{{ if not (contains "\u0085" .) }}{{ toYaml (dict . "v") }}{{ end }}{{ end }}',
  '{{ range .Values.edges }}{{ toYaml (list (list .)) }}{{ end }}',
];

const skip = oracleUnavailable();

describe.skipIf(skip !== undefined)(`toYaml scalar styles against Go${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const expected = skip ? [] : runOracle<{ out: string; err?: string }>('tploracle', TEMPLATES.map((tpl) => ({ tpl, values: VALUES })));
  const values = parseGoYaml(VALUES);

  it.each(TEMPLATES.map((tpl, i) => [i, tpl] as const))('case %i: %s', (i, tpl) => {
    const want = expected[i]!;
    expect(want.err).toBeUndefined();
    const set = new TemplateSet({ missingKey: 'zero', funcs: helmFuncMap(), rootName: 't' });
    set.parse('t', tpl);
    expect(set.execute('t', new Map([['Values', values]]))).toBe(want.out);
  });
});
