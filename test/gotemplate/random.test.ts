// Seeded random differential test: programs generated from a grammar of text/template
// (builtins, fields, literals, printf verbs with random flags, if/else-if, range with
// break/continue, with, variables, define/template/block, trim markers, comments) are run by
// Go's text/template (the oracle of test/gotemplate/oracle) and by this engine; outputs and
// error texts must be identical. Skips, saying why, when the Go oracle cannot be built.
import { describe, expect, it } from 'vitest';
import { TemplateError, TemplateSet, fromJS } from '../../src/gotemplate/index.js';
import { ensureOracle, runOracle, type OracleCase } from './oracle.js';

function rng(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

const DATA = {
  a: 1,
  b: '',
  l: [1, 'two', null, 3.5],
  l2: [[1], { k: 'v' }],
  m: { k: 'v', n: null, x: { y: 2 } },
  s: 'héllo <&>',
  f: 1234567.5,
  e: [],
  n: null,
  z: 0,
  big: 1e21,
  neg: -42,
  tiny: 1.5e-7,
  nested: { a: { b: [true] } },
};

function generator(seed: number) {
  const r = rng(seed);
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const lits = ['1', '0', '-3', '2.5', '1e6', '0x10', "'a'", '"s"', '""', '`r`', 'true', 'false', 'nil', '.', '$', '1.0', '1e21', '3.0e-5'];
  const fields = ['.a', '.b', '.l', '.m', '.m.k', '.m.n', '.m.x.y', '.s', '.f', '.z', '.l2', '.e', '.n', '.big', '.neg', '.tiny', '.nested.a.b', '$.a', '$.m'];
  const fns = ['and', 'or', 'not', 'len', 'index', 'slice', 'eq', 'ne', 'lt', 'le', 'gt', 'ge', 'print', 'printf', 'println', 'html', 'js', 'urlquery'];
  const verb = () => {
    let v = '%';
    for (const f of ['-', '+', '#', ' ', '0']) if (r() < 0.15) v += f;
    if (r() < 0.4) v += String(Math.floor(r() * 12));
    if (r() < 0.3) v += '.' + String(Math.floor(r() * 6));
    return v + pick(['v', 'd', 's', 'q', 'x', 'X', 'f', 'e', 'g', 'G', 'E', 'F', 't', 'c', 'U', 'o', 'O', 'b', 'T']);
  };
  const operand = (d: number): string => {
    const x = r();
    if (x < 0.3) return pick(lits);
    if (x < 0.65 || d > 2) return pick(fields);
    return '(' + command(d + 1) + ')';
  };
  const command = (d: number): string => {
    const f = pick(fns);
    const args = f === 'printf' ? [`"${verb()}|${verb()}"`] : [];
    const n = Math.floor(r() * 4);
    for (let i = 0; i < n; i++) args.push(operand(d));
    return [f, ...args].join(' ');
  };
  const pipeline = (d: number): string => {
    let p = r() < 0.5 ? operand(d) : command(d);
    if (r() < 0.3) p += ' | ' + pick(['print', 'printf "%v"', 'len', 'not', 'html', 'eq 1', 'index .l']);
    return p;
  };
  const L = () => pick(['{{', '{{- ', '{{ ']);
  const R = () => pick(['}}', ' -}}', ' }}']);
  const stmt = (d: number): string => {
    const x = r();
    const text = pick(['', ' ', '\n', ' t\n ', '\t']);
    if (d > 2 || x < 0.4) return text + L() + pipeline(d) + R();
    if (x < 0.5) return `${L()}if ${pipeline(d)}${R()}T${stmt(d + 1)}${L()}else if ${pipeline(d)}${R()}y${L()}else${R()}${stmt(d + 1)}${L()}end${R()}`;
    if (x < 0.65)
      return `${L()}range $k, $v := ${pick(['.l', '.m', '.e', '.n', '.s', '.a', '.nested', '.l2'])}${R()}${pick(['', '{{ if eq $k 1 }}{{ break }}{{ end }}', '{{ if $v }}{{ continue }}{{ end }}'])}<${L()}$k${R()}=${L()}$v${R()}>${stmt(d + 1)}${L()}else${R()}none${L()}end${R()}`;
    if (x < 0.75) return `${L()}with ${pipeline(d)}${R()}[${L()}.${R()}]${stmt(d + 1)}${L()}else${R()}N${L()}end${R()}`;
    if (x < 0.83) return `${L()}$x := ${pipeline(d)}${R()}${L()}$x = ${pipeline(d)}${R()}${L()}$x${R()}`;
    if (x < 0.9) return `${L()}template "${pick(['d1', 'd2'])}" ${pipeline(d)}${R()}`;
    if (x < 0.95) return `${L()}block "b${Math.floor(r() * 3)}" ${pipeline(d)}${R()}B${L()}.${R()}${L()}end${R()}`;
    return `${text}${L()}/* c */${R()}${text}`;
  };
  const defs = '{{ define "d1" }}D1({{ . }}){{ end }}{{ define "d2" }}{{ with . }}D2{{ printf "%v" . }}{{ end }}{{ end }}';
  return (): { template: string; missingKey: 'default' | 'zero' | 'error' } => ({
    template: defs + Array.from({ length: 1 + Math.floor(r() * 3) }, () => stmt(0)).join(''),
    missingKey: pick(['default', 'default', 'zero', 'error'] as const),
  });
}

/** Mutations (deletions, insertions of template tokens, duplications) of valid templates: mostly parse errors. */
function mutator(seed: number) {
  const r = rng(seed);
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const tokens = ['{{', '}}', '{{-', '-}}', '{{- ', ' -}}', '/*', '*/', ' ', '\n', '.', '.a', '$', '$x', ':=', '=', '|', '(', ')', ',', '"s"', '"', '`', "'a'", "'", '1', '-1', '0x', '1e', 'true', 'nil', 'if', 'else', 'end', 'range', 'with', 'define', 'template', 'block', 'break', 'continue', 'and', 'len', 'print', 'x', 'é', '}', '{', '\\', '#', '@'];
  const seeds = [
    '{{ if .a }}A\n{{ else if .b }}B{{ else }}C{{ end }}',
    '{{ range $i, $v := .l }}{{ $i }}=\n{{ $v }}{{ if eq $i 1 }}{{ break }}{{ end }}{{ end }}',
    '{{ define "x" }}X{{ .a }}{{ end }}\n{{ template "x" . }}{{ block "y" .m }}{{ . }}{{ end }}',
    '{{- with .m }}{{ .k | printf "%q" }}{{ else }}none{{ end -}}',
    '{{ $x := index .l 0 }}\n{{ $x = len .s }}{{ slice .s 1 2 }}{{ (.m).k }}',
    '{{/* comment */}}{{ and .a (or .b 1) | not }}\n{{ printf "%5.2f|%-3d|%x" 3.14 7 255 }}',
    '{{ range .l }}{{ block "b" . }}{{ . }}{{ end }}{{ if . }}{{ break }}{{ end }}{{ with . }}{{ continue }}{{ end }}{{ end }}',
  '{{ range .l }}{{ block "b" . }}{{ if . }}{{ break }}{{ end }}{{ end }}{{ end }}',
  ];
  return (): string => {
    let s = pick(seeds);
    const edits = 1 + Math.floor(r() * 3);
    for (let e = 0; e < edits; e++) {
      const at = Math.floor(r() * (s.length + 1));
      const op = r();
      if (op < 0.33) s = s.slice(0, at) + s.slice(at + 1 + Math.floor(r() * 4));
      else if (op < 0.66) s = s.slice(0, at) + pick(tokens) + s.slice(at);
      else {
        const from = Math.floor(r() * s.length);
        s = s.slice(0, at) + s.slice(from, from + 1 + Math.floor(r() * 6)) + s.slice(at);
      }
    }
    return s;
  };
}

function render(template: string, missingKey: 'default' | 'zero' | 'error' | undefined): { output: string } | { error: string } {
  const set = new TemplateSet({ missingKey });
  try {
    set.parse('t', template);
    return { output: set.execute('t', fromJS(DATA)) };
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    return { error: e.message };
  }
}

/** printf with random flags, widths, precisions, verbs (all but %p: addresses differ) and operand kinds. */
function printfGenerator(seed: number) {
  const r = rng(seed);
  const pick = <T,>(a: readonly T[]): T => a[Math.floor(r() * a.length)]!;
  const operands = ['.a', '.s', '.f', '.neg', '.tiny', '.big', '.z', '.l', '.m', '.n', '0x7fffffffffffffff', "'x'", '"\\x00\\t\\u2028é"', '1e100', '5e-324', '-0.0', '123456789.0', '0.000012345', 'true', '1i', '(len .l)', '(index "é" 0)'];
  const verb = () => {
    let v = '%';
    for (const f of ['-', '+', '#', ' ', '0']) if (r() < 0.2) v += f;
    if (r() < 0.5) v += String(Math.floor(r() * 15));
    if (r() < 0.4) v += '.' + (r() < 0.2 ? '' : String(Math.floor(r() * 10)));
    return v + pick(['v', 'd', 's', 'q', 'x', 'X', 'f', 'e', 'g', 'G', 'E', 'F', 't', 'c', 'U', 'o', 'O', 'b', 'T', 'w', '%']);
  };
  return (): string => {
    const n = 1 + Math.floor(r() * 3);
    const count = n + (r() < 0.2 ? 1 : 0) - (r() < 0.1 ? 1 : 0);
    const args = Array.from({ length: Math.max(count, 0) }, () => pick(operands));
    return `{{ printf "${Array.from({ length: n }, verb).join('|')}" ${args.join(' ')} }}`;
  };
}

const CASES = 1500;
const PRINTFS = 1500;
const MUTATIONS = 1500;
const oracle = ensureOracle();

describe.skipIf(!oracle.ok)('random programs: Go text/template vs this engine', () => {
  if (!oracle.ok) return;
  const next = generator(20261124);
  const data = JSON.stringify(DATA);
  const cases: OracleCase[] = Array.from({ length: CASES }, (_, i) => ({ name: `r${i}`, data, mode: 'text', ...next() }));
  const results = runOracle(oracle.binary, cases);

  it(`${CASES} generated programs render identically (output or error text)`, () => {
    const mismatches: string[] = [];
    cases.forEach((c, i) => {
      const got = render(c.template, c.missingKey as 'default' | 'zero' | 'error');
      const want = results[i]!;
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        mismatches.push(`${JSON.stringify(c.template)} [${c.missingKey}]\n  go:   ${JSON.stringify(want)}\n  ours: ${JSON.stringify(got)}`);
      }
    });
    expect(mismatches.slice(0, 5).join('\n')).toBe('');
  });

  const mutate = mutator(7);
  const broken: OracleCase[] = Array.from({ length: MUTATIONS }, (_, i) => ({ name: `m${i}`, data, mode: 'text', template: mutate() }));
  const brokenResults = runOracle(oracle.binary, broken);

  const nextPrintf = printfGenerator(11);
  const printfs: OracleCase[] = Array.from({ length: PRINTFS }, (_, i) => ({ name: `p${i}`, data, mode: 'text', template: nextPrintf() }));
  const printfResults = runOracle(oracle.binary, printfs);

  it(`${PRINTFS} random printf formats print identically`, () => {
    const mismatches: string[] = [];
    printfs.forEach((c, i) => {
      const got = render(c.template, undefined);
      const want = printfResults[i]!;
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        mismatches.push(`${JSON.stringify(c.template)}\n  go:   ${JSON.stringify(want)}\n  ours: ${JSON.stringify(got)}`);
      }
    });
    expect(mismatches.slice(0, 5).join('\n')).toBe('');
  });

  it(`${MUTATIONS} mutated templates fail (or render) with Go's exact messages`, () => {
    const mismatches: string[] = [];
    broken.forEach((c, i) => {
      const got = render(c.template, undefined);
      const want = brokenResults[i]!;
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        mismatches.push(`${JSON.stringify(c.template)}\n  go:   ${JSON.stringify(want)}\n  ours: ${JSON.stringify(got)}`);
      }
    });
    expect(mismatches.slice(0, 5).join('\n')).toBe('');
  });
});

if (!oracle.ok) {
  describe('random programs: Go text/template vs this engine', () => {
    it.skip(`SKIPPED, no Go oracle: ${oracle.reason}`, () => {});
  });
}
