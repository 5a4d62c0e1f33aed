/**
 * Differential tests: every case under test/gotemplate/cases/ is rendered by Go itself (the
 * oracle: text/template + sprig + Helm's functions, built from Debian's packages) and by
 * sailctl's TypeScript engine, and the two must agree byte for byte on the output or on the
 * error string. The oracle is the truth; cases carry no expected output except where the
 * oracle cannot be the truth (see docs/testing.md): `skipReason` for a documented sprig 3.2.3
 * (Debian) vs 3.3.0 (Helm v4) difference, `goMin` for a template feature newer than the
 * oracle's Go; both then give the expectation explicitly in `expect`.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, ensureOracle, goAtLeast, runOracle, type OracleCase, type OracleResult } from './oracle.js';

const CASES_DIR = join(REPO_ROOT, 'test', 'gotemplate', 'cases');
const MODES = ['text', 'sprig', 'helm'] as const;
const MISSING_KEYS = ['default', 'invalid', 'zero', 'error'] as const;
type Mode = (typeof MODES)[number];
type MissingKey = (typeof MISSING_KEYS)[number];

interface CorpusCase extends OracleCase {
  file: string;
  /** Why the oracle's answer is not Helm's (sprig 3.2.3 vs 3.3.0); `expect` holds Helm's. */
  skipReason?: string;
  /** The oldest Go whose text/template supports this case; older oracles use `expect`. */
  goMin?: string;
  expect?: OracleResult;
}

const CASE_KEYS = new Set(['name', 'template', 'data', 'mode', 'missingKey', 'templateName', 'templates', 'files', 'skipReason', 'goMin', 'expect']);
const FILE_KEYS = new Set(['mode', 'data', 'cases']);

/** Reads the corpus strictly: a typo in a case file is an error, not a silently ignored field. */
function loadCorpus(): CorpusCase[] {
  const all: CorpusCase[] = [];
  for (const file of readdirSync(CASES_DIR).filter((f) => f.endsWith('.yaml')).sort()) {
    const where = `test/gotemplate/cases/${file}`;
    // YAML 1.2 core schema: template text such as `yes` or `0777` stays a string here.
    const doc = parseYaml(readFileSync(join(CASES_DIR, file), 'utf8'), { uniqueKeys: true }) as Record<string, unknown>;
    for (const k of Object.keys(doc)) if (!FILE_KEYS.has(k)) throw new Error(`${where}: unknown top-level key ${k}`);
    const fileMode = (doc.mode ?? 'text') as Mode;
    const fileData = doc.data ?? '';
    if (!Array.isArray(doc.cases)) throw new Error(`${where}: 'cases' must be a list`);
    const names = new Set<string>();
    for (const raw of doc.cases as Record<string, unknown>[]) {
      const name = String(raw.name ?? '');
      const at = `${where} case '${name}'`;
      if (!name) throw new Error(`${where}: a case has no name`);
      if (names.has(name)) throw new Error(`${at}: duplicate name`);
      names.add(name);
      for (const k of Object.keys(raw)) if (!CASE_KEYS.has(k)) throw new Error(`${at}: unknown key ${k}`);
      if (typeof raw.template !== 'string') throw new Error(`${at}: template must be a string`);
      const data = raw.data ?? fileData;
      if (typeof data !== 'string') throw new Error(`${at}: data must be YAML text (a string), e.g. data: "a: 1"`);
      const mode = (raw.mode ?? fileMode) as Mode;
      if (!MODES.includes(mode)) throw new Error(`${at}: mode must be one of ${MODES.join(', ')}`);
      const missingKey = raw.missingKey as MissingKey | undefined;
      if (missingKey !== undefined && !MISSING_KEYS.includes(missingKey)) throw new Error(`${at}: bad missingKey`);
      let templates: { name: string; text: string }[] | undefined;
      if (raw.templates !== undefined) {
        if (typeof raw.templates !== 'object' || raw.templates === null || Array.isArray(raw.templates)) {
          throw new Error(`${at}: templates must be a map of name to text`);
        }
        templates = Object.entries(raw.templates as Record<string, unknown>).map(([n, text]) => {
          if (typeof text !== 'string') throw new Error(`${at}: templates.${n} must be a string`);
          return { name: n, text };
        });
      }
      let files: Record<string, string> | undefined;
      if (raw.files !== undefined) {
        if (typeof raw.files !== 'object' || raw.files === null || Array.isArray(raw.files)) throw new Error(`${at}: files must be a map of path to content`);
        files = {};
        for (const [path, content] of Object.entries(raw.files as Record<string, unknown>)) {
          if (typeof content !== 'string') throw new Error(`${at}: files.${path} must be a string`);
          Object.defineProperty(files, path, { value: content, enumerable: true });
        }
      }
      const c: CorpusCase = { file: basename(file, '.yaml'), name, template: raw.template, data, mode };
      if (files) c.files = files;
      if (missingKey) c.missingKey = missingKey;
      if (typeof raw.templateName === 'string') c.templateName = raw.templateName;
      if (templates) c.templates = templates;
      if (raw.skipReason !== undefined || raw.goMin !== undefined) {
        const e = raw.expect as Record<string, unknown> | undefined;
        if (!e || (typeof e.output !== 'string') === (typeof e.error !== 'string')) {
          throw new Error(`${at}: skipReason/goMin need 'expect' with exactly one of output or error`);
        }
        c.expect = typeof e.output === 'string' ? { output: e.output } : { error: String(e.error) };
        if (raw.skipReason !== undefined) c.skipReason = String(raw.skipReason);
        if (raw.goMin !== undefined) c.goMin = String(raw.goMin);
      } else if (raw.expect !== undefined) {
        throw new Error(`${at}: 'expect' is only allowed with skipReason or goMin: the oracle is the truth`);
      }
      all.push(c);
    }
  }
  return all;
}

// ---------------------------------------------------------------------------------------------
// The TypeScript side. The engine modules are loaded at run time and checked for the exports
// this harness needs, so a missing or renamed export is one clear failure per case instead of
// an import error that hides the corpus.

type Value = unknown;
type FuncMap = Record<string, unknown> | Map<string, unknown>;

interface TemplateSetLike {
  parse(name: string, text: string): unknown;
  execute(name: string, data: Value): string;
  addFuncs(funcs: FuncMap): unknown;
}

interface Engine {
  renderTemplate(text: string, data: Value, opts?: { name?: string; missingKey?: MissingKey; funcs?: FuncMap }): string;
  newSet(opts: { missingKey?: MissingKey; funcs?: FuncMap; rootName?: string }): TemplateSetLike;
  /** Loaded only for the modes that need them, so text cases run before sprig/Helm exist. */
  sprigFuncs(): Promise<() => FuncMap>;
  helmFuncs(): Promise<(set: TemplateSetLike) => FuncMap>;
  parseHelmYaml(text: string): Value;
  isTemplateError(e: unknown): e is Error;
  /** The chart layer's .Files object, for cases that carry files. */
  filesObject(): Promise<(files: ReadonlyMap<string, { name: string; bytes: Uint8Array; text: string }>) => Value>;
}

async function importModule(rel: string): Promise<Record<string, unknown>> {
  try {
    return (await import(pathToFileURL(join(REPO_ROOT, rel)).href)) as Record<string, unknown>;
  } catch (e) {
    throw new Error(`engine not built yet: cannot load ${rel}: ${(e as Error).message}`);
  }
}

function exported<T>(mod: Record<string, unknown>, file: string, names: string[]): T {
  for (const n of names) if (mod[n] !== undefined) return mod[n] as T;
  throw new Error(`engine not built yet: ${file} exports none of ${names.join(', ')}`);
}

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
}

async function loadEngine(): Promise<Engine> {
  const core = await importModule('src/gotemplate/index.ts');
  const goyaml = await importModule('src/gotemplate/goyaml.ts');
  const TemplateSet = exported<new (opts?: unknown) => TemplateSetLike>(core, 'index.ts', ['TemplateSet']);
  const TemplateError = exported<new (...a: unknown[]) => Error>(core, 'index.ts', ['TemplateError']);
  return {
    renderTemplate: exported(core, 'index.ts', ['renderTemplate']),
    newSet: (opts) => {
      const set = new TemplateSet({ missingKey: opts.missingKey, rootName: opts.rootName });
      if (opts.funcs) set.addFuncs(asRecord(opts.funcs));
      return set;
    },
    sprigFuncs: once(async () => exported<() => FuncMap>(await importModule('src/gotemplate/sprig.ts'), 'sprig.ts', ['sprigFuncs'])),
    helmFuncs: once(async () => {
      const mod = await importModule('src/gotemplate/helm-funcs.ts');
      // helmFuncMap() is self-contained (include/tpl reach the set through the call context);
      // helmFuncs(set) is the shape the brief first described. Either gives Helm's full map.
      if (typeof mod.helmFuncMap === 'function') {
        const helmFuncMap = mod.helmFuncMap as () => FuncMap;
        return () => helmFuncMap();
      }
      return exported<(set: TemplateSetLike) => FuncMap>(mod, 'helm-funcs.ts', ['helmFuncs']);
    }),
    parseHelmYaml: exported(goyaml, 'goyaml.ts', ['parseHelmYaml', 'parseGoYaml']),
    isTemplateError: (e: unknown): e is Error => e instanceof TemplateError,
    filesObject: once(async () =>
      exported<(files: ReadonlyMap<string, { name: string; bytes: Uint8Array; text: string }>) => Value>(
        await importModule('src/helm/objects.ts'),
        'src/helm/objects.ts',
        ['filesObject'],
      ),
    ),
  };
}

/**
 * Function maps may come as a Map or a plain record; TemplateSet takes a record (Go's FuncMap).
 * Function names are Go identifiers, so a record cannot meet a key such as __proto__ here.
 */
function asRecord(funcs: FuncMap): Record<string, unknown> {
  return funcs instanceof Map ? Object.fromEntries(funcs) : funcs;
}

/** Helm's function map: sprig without env/expandenv, then Helm's own functions over it. */
function withoutEnv(funcs: FuncMap): Record<string, unknown> {
  const { env: _env, expandenv: _expandenv, ...rest } = asRecord(funcs);
  return rest;
}

/** Helm names the root of its template set "gotpl"; tpl parses under that name. */
const HELM_ROOT_NAME = 'gotpl';

async function renderWithEngine(engine: Engine, c: CorpusCase): Promise<OracleResult> {
  const name = c.templateName ?? 't';
  // Module loading failures propagate: they are "engine not built yet", not a case result.
  const sprig = c.mode === 'text' ? undefined : await engine.sprigFuncs();
  const helm = c.mode === 'helm' ? await engine.helmFuncs() : undefined;
  const filesObject = c.files ? await engine.filesObject() : undefined;
  try {
    let data = engine.parseHelmYaml(c.data);
    if (c.files) {
      if (data === null) data = new Map();
      if (!(data instanceof Map)) throw new Error('harness: a case with files needs map data');
      const files = new Map(Object.entries(c.files).map(([name, text]) => [name, { name, text, bytes: new TextEncoder().encode(text) }]));
      data.set('Files', filesObject!(files));
    }
    if (c.mode === 'helm') {
      const set = engine.newSet({ missingKey: c.missingKey ?? 'zero', funcs: withoutEnv(sprig!()), rootName: HELM_ROOT_NAME });
      set.addFuncs(asRecord(helm!(set)));
      set.parse(name, c.template);
      for (const t of c.templates ?? []) set.parse(t.name, t.text);
      return { output: set.execute(name, data).replaceAll('<no value>', '') };
    }
    const funcs = sprig ? asRecord(sprig()) : undefined;
    if (!c.templates) return { output: engine.renderTemplate(c.template, data, { name, missingKey: c.missingKey, funcs }) };
    const set = engine.newSet({ missingKey: c.missingKey, funcs });
    set.parse(name, c.template);
    for (const t of c.templates) set.parse(t.name, t.text);
    return { output: set.execute(name, data) };
  } catch (e) {
    if (engine.isTemplateError(e)) return { error: e.message };
    // Anything else escaping the engine is a bug in it (Go would never crash this way).
    const err = e as Error;
    return { error: `ENGINE CRASH (${err?.name ?? typeof e}): ${err?.message ?? String(e)}` };
  }
}


// ---------------------------------------------------------------------------------------------
// Generated cases: random but reproducible templates over a fixed data set, to reach the
// combinations nobody writes by hand. The oracle decides what each one must produce, so they
// need no expectations. A failure names its template: copy it into a case file once fixed.
// SAILCTL_DIFF_SEED / SAILCTL_DIFF_GENERATED explore further (defaults keep the run reproducible).

const GENERATED_DATA = `s: Hello
e: ""
num: 3
f: 2.5
neg: -1
zero: 0
t: true
fl: false
nil: null
l: [a, b, c]
nums: [3, 1, 2]
el: []
m: {k: v, x: 1, nested: {deep: [1, {z: zz}]}}
em: {}
`;

/** mulberry32: small, fast and the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generateCases(seed: number, count: number): CorpusCase[] {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const chance = (p: number) => rnd() < p;
  const fields = ['.s', '.e', '.num', '.f', '.neg', '.zero', '.t', '.fl', '.nil', '.l', '.nums', '.el', '.m', '.em', '.m.k', '.m.x', '.m.nested', '.m.nested.deep', '.missing', '.', '$'];
  const literals = ['1', '-2', '0', '1.5', '"str"', '""', 'true', 'false', "'a'", '`raw`', '1e3', '0x10'];
  const verbs = ['%v', '%+v', '%s', '%q', '%d', '%t', '%f', '%.2f', '%g', '%e', '%x', '%X', '%o', '%b', '%c', '%U', '%T', '%5v', '%-5v|', '%05d', '%[1]v', '%%', '%z'];
  const textFuncs = ['len', 'not', 'html', 'js', 'urlquery', 'print', 'println'];
  const sprigUnary = ['quote', 'squote', 'upper', 'lower', 'trim', 'toString', 'toJson', 'empty', 'int', 'int64', 'float64', 'typeOf', 'kindOf', 'b64enc', 'toPrettyJson', 'title', 'first', 'last', 'uniq', 'sortAlpha', 'keys', 'deepCopy', 'compact', 'reverse'];

  function operand(mode: Mode, depth: number): string {
    if (depth > 1 || chance(0.7)) return chance(0.7) ? pick(fields) : pick(literals);
    return `(${call(mode, depth + 1)})`;
  }
  function call(mode: Mode, depth: number): string {
    const a = () => operand(mode, depth);
    const choices: (() => string)[] = [
      () => `${pick(textFuncs)} ${a()}`,
      () => `index ${a()} ${pick(['0', '1', '5', '"k"', '"x"', '"nope"', '-1'])}`,
      () => `slice ${a()} ${pick(['0', '1', '2'])}${chance(0.5) ? ' ' + pick(['1', '2', '3', '9']) : ''}`,
      () => `${pick(['eq', 'ne', 'lt', 'le', 'gt', 'ge'])} ${a()} ${a()}`,
      () => `eq ${a()} ${a()} ${a()}`,
      () => `${pick(['and', 'or'])} ${a()} ${a()}${chance(0.3) ? ' ' + a() : ''}`,
      () => `printf "${pick(verbs)}${chance(0.4) ? ' ' + pick(verbs) : ''}" ${a()}${chance(0.5) ? ' ' + a() : ''}`,
      () => `print ${a()} ${a()}`,
    ];
    if (mode !== 'text') {
      choices.push(
        () => `${pick(sprigUnary)} ${a()}`,
        () => `default ${a()} ${a()}`,
        () => `ternary ${a()} ${a()} ${pick(['true', 'false', '.t', '.fl'])}`,
        () => `list ${a()} ${a()}`,
        () => `dict "a" ${a()} "b" ${a()}`,
        () => `join "${pick([',', '-', ''])}" ${a()}`,
        () => `coalesce ${a()} ${a()} ${a()}`,
        () => `${pick(['add', 'sub', 'mul', 'max', 'min'])} ${a()} ${a()}`,
        () => `${pick(['indent', 'nindent'])} ${pick(['0', '2'])} ${a()}`,
        () => `hasKey ${a()} "k"`,
        () => `${pick(['contains', 'hasPrefix', 'hasSuffix'])} "${pick(['H', 'a', 'v', ''])}" ${a()}`,
        () => `splitList "${pick([',', 'l'])}" ${a()}`,
        () => `dig "nested" "deep" "dflt" ${a()}`,
      );
    }
    if (mode === 'helm') {
      choices.push(
        () => `toYaml ${a()}`,
        () => `fromYaml ${a()}`,
        () => `required "need it" ${a()}`,
        () => `tpl "{{ . }}" ${a()}`,
        () => `include "helper" ${a()}`,
      );
    }
    const c = pick(choices)();
    return chance(0.15) ? `${operand(mode, depth)} | ${c}` : c;
  }
  function action(mode: Mode): string {
    const l = chance(0.2) ? '{{- ' : '{{ ';
    const r = chance(0.2) ? ' -}}' : ' }}';
    return `${l}${call(mode, 0)}${r}`;
  }
  function body(mode: Mode, depth: number): string {
    const parts: string[] = [];
    const n = 1 + Math.floor(rnd() * 2);
    for (let i = 0; i < n; i++) {
      const k = rnd();
      if (k < 0.25) parts.push(pick(['x', ' ', '\n', '[', ']', ' - ', '\n  ']));
      else if (k < 0.6 || depth > 1) parts.push(action(mode));
      else if (k < 0.72) parts.push(`{{ if ${call(mode, 1)} }}${body(mode, depth + 1)}{{ else }}${body(mode, depth + 1)}{{ end }}`);
      else if (k < 0.84) parts.push(`{{ range $i, $v := ${pick(fields)} }}{{ $i }}={{ $v }}${chance(0.3) ? '{{ if $i }}{{ break }}{{ end }}' : ''};{{ else }}none{{ end }}`);
      else if (k < 0.94) parts.push(`{{ with $w := ${operand(mode, 1)} }}${body(mode, depth + 1)}{{ else }}-{{ end }}`);
      else parts.push(`{{ $x := ${operand(mode, 1)} }}{{ $x = ${operand(mode, 1)} }}{{ $x }}`);
    }
    return parts.join('');
  }

  const cases: CorpusCase[] = [];
  for (let i = 0; i < count; i++) {
    const mode = pick(MODES);
    const c: CorpusCase = { file: 'generated', name: `#${i} seed ${seed}`, template: body(mode, 0), data: GENERATED_DATA, mode };
    if (mode === 'helm') c.templates = [{ name: 'helpers.tpl', text: '{{ define "helper" }}<{{ . }}>{{ end }}' }];
    if (mode !== 'helm' && chance(0.15)) c.missingKey = pick(MISSING_KEYS);
    c.name += `: ${c.template.replaceAll('\n', '\\n')}`;
    cases.push(c);
  }
  return cases;
}

const GENERATED_SEED = Number(process.env.SAILCTL_DIFF_SEED ?? 20261124);
const GENERATED_COUNT = Number(process.env.SAILCTL_DIFF_GENERATED ?? 1000);

// ---------------------------------------------------------------------------------------------

const handWritten = loadCorpus();
const corpus = [...handWritten, ...generateCases(GENERATED_SEED, GENERATED_COUNT)];
const oracle = ensureOracle();

describe('template corpus', () => {
  it('has at least 450 hand-written cases with unique names per file', () => {
    expect(handWritten.length).toBeGreaterThanOrEqual(450);
  });

  it('generates the same cases from the same seed, and other cases from another', () => {
    const a = generateCases(7, 20).map((c) => c.template);
    expect(generateCases(7, 20).map((c) => c.template)).toEqual(a);
    expect(generateCases(8, 20).map((c) => c.template)).not.toEqual(a);
  });
});

// The oracle itself: a few facts about Go that every later comparison relies on.
describe('Go oracle', () => {
  it.skipIf(!oracle.ok)('answers a batch in order, one result per case, errors isolated', () => {
    if (!oracle.ok) return;
    const batch: OracleCase[] = [
      { name: 'float', template: '{{ .a }}', data: 'a: 1000000', mode: 'text' },
      { name: 'parse error', template: '{{ if }}', data: '', mode: 'text' },
      { name: 'exec error', template: '{{ index .l 5 }}', data: 'l: [1]', mode: 'sprig' },
      { name: 'yaml 1.1', template: '{{ .a }} {{ .b }}', data: 'a: yes\nb: 0777', mode: 'text' },
      { name: 'helm strips no value', template: '[{{ .nope }}]', data: 'x: 1', mode: 'helm' },
      { name: 'text keeps no value', template: '[{{ .nope }}]', data: 'x: 1', mode: 'text' },
      { name: 'extra files', template: '{{ template "b" . }}', data: 'x: X', mode: 'text', templates: [{ name: 'b', text: 'b={{ .x }}' }] },
      { name: 'helm required', template: '{{ required "need x" .x }}', data: '', mode: 'helm' },
    ];
    expect(runOracle(oracle.binary, batch)).toEqual([
      { output: '1e+06' },
      { error: 'template: t:1: missing value for if' },
      { error: 'template: t:1:3: executing "t" at <index .l 5>: error calling index: index out of range: 5' },
      { output: 'true 511' },
      { output: '[]' },
      { output: '[<no value>]' },
      { output: 'b=X' },
      { error: 'template: t:1:3: executing "t" at <required "need x" .x>: error calling required: HELM_ERR_STARTneed xHELM_ERR_END' },
    ]);
  });
});

if (!oracle.ok) {
  describe('differential: Go oracle vs TypeScript engine', () => {
    it.skip(`SKIPPED, no Go oracle: ${oracle.reason}`, () => {});
  });
}

describe.skipIf(!oracle.ok)('differential: Go oracle vs TypeScript engine', () => {
  if (!oracle.ok) return;
  const results = runOracle(oracle.binary, corpus.map(({ name, template, data, mode, missingKey, templateName, templates, files }) => ({ name, template, data, mode, missingKey, templateName, templates, files })));
  let engine: Promise<Engine> | undefined;
  const getEngine = () => (engine ??= loadEngine());

  const outcomes: { file: string; kind: MismatchKind; goFailed: boolean }[] = [];

  corpus.forEach((c, i) => {
    const useExplicit = c.skipReason !== undefined || (c.goMin !== undefined && !goAtLeast(oracle.goVersion, c.goMin));
    const wanted = useExplicit ? c.expect! : results[i]!;
    const label = `${c.file} › ${c.name}${c.skipReason ? ' [sprig 3.3 expectation]' : ''}${useExplicit && c.goMin ? ` [Go ${c.goMin} expectation]` : ''}`;
    it(label, async () => {
      let got: OracleResult;
      try {
        got = await renderWithEngine(await getEngine(), c);
      } catch (e) {
        outcomes.push({ file: c.file, kind: 'engine not loadable', goFailed: wanted.error !== undefined });
        throw e;
      }
      outcomes.push({ file: c.file, kind: classify(wanted, got), goFailed: wanted.error !== undefined });
      expect(got).toEqual(wanted);
    });
  });

  // SAILCTL_DIFF_SUMMARY=1 prints pass/fail per topic and the kinds of mismatch, for the people
  // fixing the engine (which file to look at first, and whether it is output or errors).
  afterAll(() => {
    if (!process.env.SAILCTL_DIFF_SUMMARY) return;
    const byFile = new Map<string, Map<MismatchKind, number>>();
    const byKind = new Map<MismatchKind, number>();
    const goErrors = new Map<string, number>();
    for (const o of outcomes) {
      if (o.goFailed) goErrors.set(o.file, (goErrors.get(o.file) ?? 0) + 1);
      const kinds = byFile.get(o.file) ?? new Map<MismatchKind, number>();
      kinds.set(o.kind, (kinds.get(o.kind) ?? 0) + 1);
      byFile.set(o.file, kinds);
      byKind.set(o.kind, (byKind.get(o.kind) ?? 0) + 1);
    }
    const lines = ['differential summary (topic: pass/total [cases where Go fails]; mismatch kinds)'];
    for (const [file, kinds] of [...byFile].sort()) {
      const total = [...kinds.values()].reduce((a, b) => a + b, 0);
      const pass = kinds.get('pass') ?? 0;
      const rest = [...kinds].filter(([k]) => k !== 'pass').map(([k, n]) => `${k} ${n}`).join(', ');
      lines.push(`  ${file.padEnd(24)} ${String(pass).padStart(4)}/${String(total).padEnd(4)} [${goErrors.get(file) ?? 0}] ${rest}`);
    }
    lines.push('  all: ' + [...byKind].map(([k, n]) => `${k} ${n}`).join(', '));
    console.log(lines.join('\n'));
  });
});

type MismatchKind =
  | 'pass'
  | 'wrong output'
  | 'wrong error message'
  | 'error where Go renders'
  | 'output where Go fails'
  | 'engine crash'
  | 'engine not loadable';

function classify(wanted: OracleResult, got: OracleResult): MismatchKind {
  if (got.error?.startsWith('ENGINE CRASH')) return 'engine crash';
  if (wanted.output !== undefined) {
    if (got.output === wanted.output) return 'pass';
    return got.output !== undefined ? 'wrong output' : 'error where Go renders';
  }
  if (got.error === wanted.error) return 'pass';
  return got.error !== undefined ? 'wrong error message' : 'output where Go fails';
}

if (!oracle.ok) {
  // Say why in the normal output too, not only in the suite name.
  console.warn(`[differential] skipped: ${oracle.reason}`);
}
