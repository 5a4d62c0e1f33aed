/**
 * Helm's template functions (pkg/engine funcs.go + engine.go) on top of sprig:
 * toYaml/mustToYaml/fromYaml/fromYamlArray (sigs.k8s.io/yaml), toJson/mustToJson/fromJson/
 * fromJsonArray (encoding/json), toToml (simple tables only), include, tpl, required, fail,
 * lookup (offline: always an empty map). sprig's env and expandenv are removed, as Helm does.
 *
 * required/fail wrap their message in Helm's HELM_ERR_START/HELM_ERR_END markers so the chart
 * renderer can report "execution error at (FILE:LINE:COL): MESSAGE" exactly like Helm.
 */
import { marshalGoJson, parseGoJson } from './gojson.js';
import { marshalGoYaml, marshalGoYamlPretty } from './goyaml.js';
import { readGoYaml } from './block-values.js';
import { sprigFuncs } from './sprig.js';
import { sprintf } from './fmt.js';
import { ExecError } from './exec.js';
import { FailError, FuncError, sliceOf, withSignature, type GoFunc, type GoMap, type GoValue } from './value.js';

export const HELM_ERR_START = 'HELM_ERR_START';
export const HELM_ERR_END = 'HELM_ERR_END';
/** Helm's recursionMaxNums: how deep one name may be included inside itself. */
const INCLUDE_MAX_DEPTH = 1000;

const ANY = 'interface {}';
const S = 'string';

function fn(params: string[], impl: (args: GoValue[], call: Parameters<GoFunc>[1]) => GoValue): GoFunc {
  return withSignature((args, call) => impl(args, call), { params });
}

/** Helm's toYaml: sigs.k8s.io/yaml output without its final newline; errors give "". */
export function toYaml(v: GoValue): string {
  try {
    return marshalGoYaml(v ?? null).replace(/\n$/, '');
  } catch {
    return '';
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** sigs.k8s.io/yaml.Unmarshal's error text for a YAML problem. */
function yamlErrorText(e: unknown): string {
  const msg = errorText(e);
  if (msg.startsWith('error converting')) return msg;
  return `error converting YAML to JSON: yaml: ${msg}`;
}

export function fromYaml(text: string): GoMap {
  let v: GoValue;
  try {
    v = readGoYaml(text, { duplicateKeys: 'last-wins' });
  } catch (e) {
    return new Map([['Error', yamlErrorText(e)]]);
  }
  if (v === null || v === undefined) return new Map();
  if (!(v instanceof Map)) {
    const kind = Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number';
    return new Map([['Error', `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`]]);
  }
  return v;
}

export function fromYamlArray(text: string): GoValue[] {
  let v: GoValue;
  try {
    v = readGoYaml(text, { duplicateKeys: 'last-wins' });
  } catch (e) {
    return sliceOf([yamlErrorText(e)], 'interface {}');
  }
  if (v === null || v === undefined) return sliceOf([], 'interface {}');
  if (!Array.isArray(v)) {
    const kind = v instanceof Map ? 'object' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number';
    return sliceOf([`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type []interface {}`], 'interface {}');
  }
  return v;
}

function fromJson(text: string): GoMap {
  try {
    const v = parseGoJson(text);
    if (v instanceof Map) return v;
    if (v === null) return new Map();
    const kind = Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number';
    return new Map([['Error', `json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`]]);
  } catch (e) {
    return new Map([['Error', errorText(e)]]);
  }
}

function fromJsonArray(text: string): GoValue[] {
  try {
    const v = parseGoJson(text);
    if (Array.isArray(v)) return v;
    if (v === null) return sliceOf([], 'interface {}');
    const kind = v instanceof Map ? 'object' : typeof v === 'string' ? 'string' : typeof v === 'boolean' ? 'bool' : 'number';
    return sliceOf([`json: cannot unmarshal ${kind} into Go value of type []interface {}`], 'interface {}');
  } catch (e) {
    return sliceOf([errorText(e)], 'interface {}');
  }
}

/** BurntSushi/toml's encoder for the plain shapes values have (scalars, tables, arrays). */
function toToml(v: GoValue): string {
  if (!(v instanceof Map)) return 'toml: top-level values must be Go maps or structs';
  const out: string[] = [];
  const key = (k: string) => (/^[A-Za-z0-9_-]+$/.test(k) ? k : JSON.stringify(k));
  const scalar = (x: GoValue): string => {
    if (typeof x === 'string') return JSON.stringify(x);
    if (typeof x === 'number') return Number.isInteger(x) && Math.abs(x) < 1e21 ? x.toFixed(1) : String(x);
    if (typeof x === 'bigint') return x.toString();
    if (typeof x === 'boolean') return String(x);
    if (Array.isArray(x)) return `[${x.map(scalar).join(', ')}]`;
    return JSON.stringify(String(x));
  };
  const table = (m: GoMap, path: string[], indent: string) => {
    const keys = [...m.keys()].sort();
    for (const k of keys) {
      const x = m.get(k)!;
      if (x === null || x === undefined || x instanceof Map) continue;
      out.push(`${indent}${key(k)} = ${scalar(x)}\n`);
    }
    for (const k of keys) {
      const x = m.get(k);
      if (!(x instanceof Map)) continue;
      const p = [...path, key(k)];
      out.push(`\n${indent}[${p.join('.')}]\n`);
      table(x, p, indent + '  ');
    }
  };
  table(v, [], '');
  return out.join('').replace(/^\n/, '');
}

export interface HelmFuncOptions {
  /** Helm's --strict/lint mode is not supported; kept for the shape of Helm's API. */
  lintMode?: boolean;
}

/**
 * The complete function map Helm's engine installs: sprig minus env/expandenv plus Helm's own.
 * Create one per render: include keeps a per-render recursion count like Helm's includedNames.
 */
export function helmFuncMap(_opts: HelmFuncOptions = {}): Record<string, GoFunc> {
  const m: Record<string, GoFunc> = Object.create(null) as Record<string, GoFunc>;
  for (const [name, f] of sprigFuncs()) m[name] = f;
  delete m['env'];
  delete m['expandenv'];
  const includedNames = new Map<string, number>();

  m['toYaml'] = fn([ANY], ([v]) => toYaml(v ?? null));
  m['toYamlPretty'] = fn([ANY], ([v]) => {
    try {
      return marshalGoYamlPretty(v ?? null).replace(/\n$/, '');
    } catch {
      return '';
    }
  });
  // Helm disables DNS lookups unless --enable-dns is given; sailctl never resolves names.
  m['getHostByName'] = fn([S], () => '');
  m['mustToYaml'] = fn([ANY], ([v]) => marshalGoYaml(v ?? null).replace(/\n$/, ''));
  m['fromYaml'] = fn([S], ([s]) => fromYaml(s as string));
  m['fromYamlArray'] = fn([S], ([s]) => fromYamlArray(s as string));
  m['toJson'] = fn([ANY], ([v]) => {
    try {
      return marshalGoJson(v ?? null);
    } catch {
      return '';
    }
  });
  m['mustToJson'] = fn([ANY], ([v]) => marshalGoJson(v ?? null));
  m['fromJson'] = fn([S], ([s]) => fromJson(s as string));
  m['fromJsonArray'] = fn([S], ([s]) => fromJsonArray(s as string));
  m['toToml'] = fn([ANY], ([v]) => toToml(v ?? null));
  m['lookup'] = fn([S, S, S, S], () => new Map());

  m['include'] = fn([S, ANY], ([name, data], call) => {
    const n = name as string;
    const count = includedNames.get(n) ?? 0;
    if (count > INCLUDE_MAX_DEPTH) throw new FuncError(`rendering template has a nested reference name: ${n}: unable to execute template`);
    includedNames.set(n, count + 1);
    try {
      return call.executeTemplate(n, data ?? null);
    } finally {
      includedNames.set(n, (includedNames.get(n) ?? 1) - 1);
    }
  });
  m['tpl'] = fn([S, ANY], ([text, data], call) => {
    try {
      return call.executeText(text as string, data ?? null).replaceAll('<no value>', '');
    } catch (e) {
      const what = e instanceof ExecError ? 'error during tpl function execution for' : 'cannot parse template';
      throw new FuncError(`${what} ${sprintf('%q', text as string)}: ${errorText(e)}`);
    }
  });
  m['required'] = fn([S, ANY], ([warn, val]) => {
    if (val === null || val === undefined || val === '') throw new FailError(`${HELM_ERR_START}${warn as string}${HELM_ERR_END}`);
    return val;
  });
  m['fail'] = fn([S], ([msg]) => {
    throw new FailError(`${HELM_ERR_START}${msg as string}${HELM_ERR_END}`);
  });
  return m;
}

/** sprig's function map as a FuncMap for a TemplateSet (no Helm functions). */
export function sprigFuncMap(): Record<string, GoFunc> {
  const m: Record<string, GoFunc> = Object.create(null) as Record<string, GoFunc>;
  for (const [name, f] of sprigFuncs()) m[name] = f;
  return m;
}
