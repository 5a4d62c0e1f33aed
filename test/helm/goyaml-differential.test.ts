/**
 * Differential test of goyaml.ts/gojson.ts against Go itself: every case is a YAML text that
 * both sides read as Helm reads values, then write back as toYaml/toJson/toPrettyJson.
 */
import { describe, expect, it } from 'vitest';
import { parseGoYaml, marshalGoYaml } from '../../src/gotemplate/goyaml.js';
import { marshalGoJson } from '../../src/gotemplate/gojson.js';
import { oracleUnavailable, runOracle } from './go-oracle.js';

interface OracleResult {
  yaml: string;
  json: string;
  indent: string;
  error?: string;
}

const HAND_WRITTEN = [
  'a: 1\nb: 2\n',
  'x: yes\ny: on\nz: y\nw: No\nv: off\n',
  'octal: 0777\nhex: 0x1F\nbin: 0b101\nneg: -0b11\nunder: 1_000\nbig: 12345678901234567890\nhuge: 123456789012345678901234567890\n',
  'f1: 1.0\nf2: 1.5\nf3: 1e6\nf4: 1000000\nf5: 0.000001\nf6: 1234567.5\nf7: -0.0\nf8: .5\nf9: 1e21\nf10: 1e-7\nf11: 08\nf12: 6.02e23\n',
  'd: 2020-01-01\nt: 2001-12-14t21:59:43.10-05:00\ns: 2001-12-14 21:59:43.10\nbad: 2020-13-01\n',
  'n1: null\nn2: ~\nn3:\nn4: Null\n',
  's1: "yes"\ns2: "1.0"\ns3: ""\ns4: "null"\ns5: "12:30"\ns6: "1:20:30"\ns7: "0x10"\ns8: "+1"\ns9: "-"\ns10: "- a"\n',
  'i1: "a: b"\ni2: "#x"\ni3: "x #y"\ni4: "x#y"\ni5: "[a]"\ni6: "{a}"\ni7: "a,b"\ni8: "*x"\ni9: "&x"\ni10: "!x"\ni11: "|"\ni12: ">"\ni13: "%x"\ni14: "@x"\ni15: "`x"\ni16: "\'q\'"\ni17: "?x"\ni18: "? x"\ni19: ":x"\ni20: "a:"\ni21: "---"\ni22: "..."\ni23: "-x"\n',
  'sp1: " lead"\nsp2: "trail "\nsp3: "in  side"\ntab: "a\\tb"\nnul: "a\\u0000b"\nbell: "\\u0007"\nesc: "\\u001b"\nnel: "a\\u0085b"\nnbsp: "a\\u00a0b"\nbom: "\\ufeffabc"\nls: "a\\u2028b"\nemoji: "smile \\U0001F600"\nacc: "caf\\u00e9"\n',
  'm1: "line1\\nline2"\nm2: "line1\\nline2\\n"\nm3: "line1\\nline2\\n\\n"\nm4: "\\n"\nm5: "  indented\\nx"\nm6: "a \\nb"\nm7: "a\\n b"\nm8: "a\\n\\tb"\nm9: "\\nlead"\nm10: "x\\n\\n\\ny"\n',
  'del: "a\\u007fb"\n',
  'c1: "a\\u0090b"\n',
  'html: "<a href=\\"x\\">&</a>"\nq: "say \\"hi\\" \\\\ back"\n',
  'list:\n- 1\n- a\n- [x, y]\n- {k: v}\n- []\n- {}\n- - nested\n  - seq\n- k1: v1\n  k2: [1, 2]\n',
  'empty_map: {}\nempty_list: []\nnested: {a: {b: {c: {}}}}\n',
  'keys:\n  b: 1\n  a: 2\n  A: 3\n  "1": 4\n  "10": 5\n  "9": 6\n  a10: 7\n  a9: 8\n  a09: 9\n  _x: 10\n  x_: 11\n  "-": 12\n  Z: 13\n  é: 14\n',
  '1: int key\n2.5: float key\ntrue: bool key\n0x10: hex key\n',
  'anchors:\n  base: &b {x: 1, y: 2}\n  derived:\n    <<: *b\n    y: 3\n  copy: *b\n',
  'long: ' + 'word '.repeat(40).trim() + '\n',
  'longq: "' + 'a: b '.repeat(30).trim() + '"\n',
  'longd: "' + 'tab\\there '.repeat(20).trim() + '"\n',
  'longdd: "' + 'x  y '.repeat(30).trim() + '\\t"\n',
  'longnolimit: ' + 'x'.repeat(200) + '\n',
  'nestedlong:\n  inner:\n    key: ' + 'lorem ipsum dolor sit amet '.repeat(8).trim() + '\n',
  '"' + 'k'.repeat(130) + '": long key\n',
  '"multi\\nline key": v\n',
  'seqlong:\n- ' + 'alpha beta gamma delta '.repeat(6).trim() + '\n',
  '- 1\n- 2\n',
  '"just a string"\n',
  '42\n',
  '"multi\\nline root"\n',
  'x: "trailing  \\nspaces"\n',
  'x: "a\\r\\nb"\n',
  'v: !!str 123\nw: !!float 3\nq: !custom text\nb: !!binary aGVsbG8=\n',
  'fl: [1.1, 2.2e-10, -3e100, 100000, 1000000.0, 0.1, 123456.7]\n',
];

/** Deterministic pseudo-random cases: strings built from the characters the emitter cares about. */
function generated(count: number): string[] {
  let seed = 12345;
  const rnd = (n: number) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  const atoms = ['a', 'b', 'Z', '1', '0', ' ', '  ', ':', ': ', '#', ' #', '-', '- ', '\n', '\n\n', '\t', '"', "'", '\\', ',', '[', '{', '}', '?', '*', '&', '!', '|', '>', '%', '@', '`', 'é', '→', '😀', 'yes', 'null', '~', '1.5', '0x1', 'word ', 'lorem ipsum ', '.', 'e', '+', '<', '&'];
  const str = () => {
    let s = '';
    const n = rnd(12);
    for (let i = 0; i < n; i++) s += atoms[rnd(atoms.length)];
    if (rnd(10) === 0) s += 'long text segment '.repeat(rnd(8));
    return s;
  };
  const num = () => [0, 1, -1, 0.5, 1e6, 1e21, 1e-7, 123.456, 2 ** 53, -1e-5, 99999.99, 1234567.25][rnd(12)]!;
  const value = (depth: number): unknown => {
    const k = rnd(depth > 2 ? 4 : 7);
    if (k === 0) return str();
    if (k === 1) return num();
    if (k === 2) return [true, false, null][rnd(3)];
    if (k === 3) return str();
    if (k === 4) return Array.from({ length: rnd(4) }, () => value(depth + 1));
    const o: Record<string, unknown> = {};
    for (let i = rnd(5); i > 0; i--) o[str() || 'k'] = value(depth + 1);
    return o;
  };
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(JSON.stringify({ root: value(0), other: value(1) }));
  return out;
}

/** Plain scalars of every shape go-yaml v2's resolver distinguishes, read as values and as keys. */
const PLAIN_SCALARS = [
  '0', '-0', '+0', '00', '07', '08', '0777', '0o17', '0O17', '0x1F', '0X1f', '0x_1F', '0b101', '0B11', '-0b11', '+0b11', '0b', '0x',
  '1_000', '1__0', '_1', '1_', '12345678901234567890', '-9223372036854775808', '9223372036854775808', '18446744073709551616',
  '1.', '.5', '-.5', '+.5', '1.5e3', '1.5E+3', '1e-7', '1e400', '-1e400', '.e1', '1.2.3', '1e', '0.1', '6.02e23', '1_000.5',
  '.inf', '-.Inf', '+.INF', '.nan', '.NaN', 'inf', 'nan', 'Infinity',
  'y', 'Y', 'yes', 'Yes', 'YES', 'yEs', 'n', 'no', 'NO', 'on', 'On', 'ON', 'off', 'Off', 'true', 'True', 'TRUE', 'tRUE', 'false', 'FALSE',
  '~', 'null', 'Null', 'NULL', 'nULL',
  '2001-12-14', '2001-12-14t21:59:43.10-05:00', '2001-12-14T21:59:43Z', '2001-12-14 21:59:43.10', '2001-02-30', '2001-1-2', '20011-12-14', '2001-12-14x',
  '12:30', '1:20:30', '190:20:30.15', '-1:30', '1:60', 'a:b', 'http://x.y/z', 'v1.2.3', '1.2.3-rc.1', '0.0.0.0/0', '10.0.0.1', '1Gi', '100m', '0700', '1e3x',
];

function plainScalarCases(): string[] {
  // Non-finite floats make Go's JSON step fail: each gets a case of its own.
  const nonFinite = (v: string) => /^[-+]?\.(inf|nan)$/i.test(v);
  const finite = PLAIN_SCALARS.filter((v) => !nonFinite(v));
  const asValues = finite.map((v, i) => `v${i}: ${v}`).join('\n') + '\n';
  const asList = 'list:\n' + finite.map((v) => `- ${v}`).join('\n') + '\n';
  const failing = PLAIN_SCALARS.filter(nonFinite).map((v) => `x: ${v}\n`);
  // Keys one per case: several resolve to the same string (e.g. y and yes), which Go rejects.
  const asKeys = PLAIN_SCALARS.filter((v) => !['~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.inf', '-.Inf', '+.INF', '1e400', '-1e400'].includes(v)).map((v) => `${v}: key`);
  return [asValues, asList, ...failing, ...asKeys];
}

const skip = oracleUnavailable();

describe.skipIf(skip !== undefined)(`goyaml/gojson against Go's sigs.k8s.io/yaml and encoding/json${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const cases = [...HAND_WRITTEN, ...plainScalarCases(), ...generated(400)];
  const expected = skip ? [] : runOracle<OracleResult>('yamloracle', cases);

  it('reads and writes every case byte for byte like Go', () => {
    const failures: string[] = [];
    cases.forEach((text, i) => {
      const want = expected[i]!;
      let got: OracleResult;
      try {
        const v = parseGoYaml(text);
        got = { yaml: marshalGoYaml(v), json: marshalGoJson(v), indent: marshalGoJson(v, { indent: '  ' }) };
      } catch (e) {
        got = { yaml: '', json: '', indent: '', error: (e as Error).message };
      }
      if (want.error !== undefined) {
        if (got.error === undefined) failures.push(`case ${i} ${JSON.stringify(text)}: Go failed (${want.error}), we did not`);
        return;
      }
      if (got.error !== undefined) failures.push(`case ${i} ${JSON.stringify(text)}: we failed: ${got.error}`);
      else {
        // encoding/json in the Debian oracle (Go 1.19) writes \u0008 and \u000c; Helm v4's Go writes \b and \f.
        const wantJson = want.json.replaceAll('\\u0008', '\\b').replaceAll('\\u000c', '\\f');
        const wantIndent = want.indent.replaceAll('\\u0008', '\\b').replaceAll('\\u000c', '\\f');
        if (got.yaml !== want.yaml) failures.push(`case ${i} ${JSON.stringify(text)} yaml:\n  want ${JSON.stringify(want.yaml)}\n  got  ${JSON.stringify(got.yaml)}`);
        if (got.json !== wantJson) failures.push(`case ${i} json:\n  want ${JSON.stringify(wantJson)}\n  got  ${JSON.stringify(got.json)}`);
        if (got.indent !== wantIndent) failures.push(`case ${i} indent json differs`);
      }
    });
    expect(failures.slice(0, 15).join('\n')).toBe('');
  });
});
