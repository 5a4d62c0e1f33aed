/**
 * The --set PATH=VALUE grammar, following istioctl 1.30 (operator/pkg/values): the path is relative
 * to spec, `.` separates segments and `\.` escapes one, `name[N]` indexes a list (an index past the
 * end appends), `name[key:value]` selects the list element whose `key` equals the string `value`.
 * Values are coerced int -> float -> bool -> string (`\,` becomes `,`), except under paths that
 * always stay strings (tags, compatibilityVersion, proxyMetadata entries).
 * Divergences, all turning an istioctl crash or silent no-op into an error or the evident meaning:
 * the split is at the first `=` (so values may contain `=`); a negative or non-numeric index, a
 * selector matching nothing, or setting under a scalar is a SailError naming the expression;
 * `list[N]=v` on an existing element replaces it.
 */
import { posix } from 'node:path';
import { SailError } from '../errors.js';
import { isJsonObject, type JsonObject, type JsonValue } from './types.js';

/** Prefixes (of "spec." + path) whose values are never coerced. */
const ALWAYS_STRING = [
  'spec.values.compatibilityVersion',
  'spec.tag',
  'spec.values.global.tag',
  'spec.meshConfig.defaultConfig.proxyMetadata.',
  'spec.values.meshConfig.defaultConfig.proxyMetadata.',
  'spec.compatibilityVersion',
];

export interface SetExpression {
  /** The expression as the user typed it. */
  source: string;
  /** Path relative to spec, as typed (trimmed, without a leading "spec."). */
  path: string;
  /** Path segments below spec, e.g. ['components', 'ingressGateways', '[0]', 'enabled']. */
  segments: string[];
  value: JsonValue;
}

function setError(expr: string, message: string, hint?: string): SailError {
  return new SailError('SET_PATH', message, { file: `--set ${expr}`, hint });
}

/** Go strconv.ParseFloat's accepted syntax (decimal, hex with p exponent, inf, nan). */
function parseGoFloat(s: string): number | undefined {
  if (/^[+-]?(inf|infinity)$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/i.test(s)) return NaN;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) {
    const n = Number(s);
    return Number.isFinite(n) ? n : undefined; // out of range is an error in Go
  }
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
  if (hex && (hex[2] || hex[3])) {
    const int = hex[2] ? parseInt(hex[2], 16) : 0;
    const frac = (hex[3] ?? '').split('').reduce((acc, d, i) => acc + parseInt(d, 16) / 16 ** (i + 1), 0);
    const n = (int + frac) * 2 ** Number(hex[4]);
    return hex[1] === '-' ? -n : n;
  }
  return undefined;
}

/** istioctl's value coercion: int, then float, then bool, else string with `\,` -> `,`. */
export function parseSetValue(raw: string): JsonValue {
  if (/^[+-]?\d+$/.test(raw)) {
    const big = BigInt(raw);
    if (big >= -(2n ** 63n) && big < 2n ** 63n) return Number(raw);
  }
  const f = parseGoFloat(raw);
  if (f !== undefined) return f;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(raw)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(raw)) return false;
  return raw.replaceAll('\\,', ',');
}

export function isAlwaysStringPath(pathBelowSpec: string): boolean {
  const full = `spec.${pathBelowSpec}`;
  return ALWAYS_STRING.some((p) => full.startsWith(p));
}

/** Splits at unescaped dots, unescapes `\.`, and splits `name[...]` into `name`, `[...]`. */
export function splitSetPath(path: string): string[] {
  let p = posix.normalize(path);
  if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  if (p.startsWith('.')) p = p.slice(1);
  if (p.endsWith('.') && !p.endsWith('\\.')) p = p.slice(0, -1);
  const raw: string[] = [];
  let start = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '.' && (i === 0 || p[i - 1] !== '\\')) {
      raw.push(p.slice(start, i));
      start = i + 1;
    }
  }
  raw.push(p.slice(start));
  const out: string[] = [];
  for (const s of raw) {
    if (s === '') continue;
    const seg = s.replaceAll('\\.', '.');
    const b = seg.indexOf('[');
    if (b > 0) out.push(seg.slice(0, b), seg.slice(b));
    else out.push(seg);
  }
  return out;
}

/** Parses one --set expression (without applying it). */
export function parseSetExpression(expr: string): SetExpression {
  const eq = expr.indexOf('=');
  if (eq < 0) throw setError(expr, 'must be of the form path=value (no "=" found)', 'e.g. --set values.global.logging.level=debug');
  let path = expr.slice(0, eq).trim();
  const rawValue = expr.slice(eq + 1).trim();
  if (path.startsWith('spec.')) path = path.slice('spec.'.length);
  const segments = splitSetPath(path);
  if (path === '' || segments.length === 0) throw setError(expr, 'empty path before "="');
  if (segments[0]?.startsWith('[')) throw setError(expr, `path cannot start with a list index ${segments[0]}`);
  const value = isAlwaysStringPath(path) ? rawValue : parseSetValue(rawValue);
  return { source: expr, path, segments, value };
}

type Selector = { kind: 'index'; index: number } | { kind: 'match'; key: string; value: string };

function parseSelector(expr: string, seg: string): Selector {
  if (!seg.startsWith('[') || !seg.endsWith(']')) throw setError(expr, `bad list index "${seg}"`);
  const inner = seg.slice(1, -1);
  const colon = inner.indexOf(':');
  if (colon >= 0) return { kind: 'match', key: inner.slice(0, colon), value: inner.slice(colon + 1) };
  if (!/^\+?\d+$/.test(inner)) {
    throw setError(expr, `bad list index "${seg}": expected [N] with N >= 0 or [key:value]`);
  }
  return { kind: 'index', index: Number(inner) };
}

function kindOf(v: JsonValue | undefined): string {
  if (Array.isArray(v)) return 'a list';
  if (v === null || v === undefined) return 'empty';
  return typeof v === 'object' ? 'a map' : `a ${typeof v} (${JSON.stringify(v)})`;
}

function childOf(fallback: JsonValue | undefined, key: string): JsonValue | undefined {
  return isJsonObject(fallback) ? fallback[key] : undefined;
}

function setRecurse(
  expr: string,
  base: JsonObject,
  segs: string[],
  value: JsonValue,
  done: string[],
  fallback: JsonValue | undefined,
): void {
  const seg = segs[0] as string;
  const here = [...done, seg].join('.');
  if (segs.length >= 2 && (segs[1] as string).startsWith('[')) {
    const last = segs.length === 2;
    if (!(seg in base) || base[seg] === null) {
      // Lists replace on merge, so indexing into the profile's list means "that list, changed".
      const underneath = childOf(fallback, seg);
      base[seg] = Array.isArray(underneath) ? structuredClone(underneath) : [];
    }
    const list = base[seg];
    if (!Array.isArray(list)) throw setError(expr, `${here} is ${kindOf(list)}, not a list`);
    const sel = parseSelector(expr, segs[1] as string);
    let index: number;
    if (sel.kind === 'match') {
      index = list.findIndex((item) => isJsonObject(item) && item[sel.key] === sel.value);
      if (index < 0) {
        const known = list.filter(isJsonObject).map((i) => i[sel.key]).filter((v) => v !== undefined);
        throw setError(
          expr,
          `no element of ${here} has ${sel.key}=${JSON.stringify(sel.value)}`,
          known.length ? `elements have ${sel.key}: ${known.map((k) => JSON.stringify(k)).join(', ')}` : `${here} has no such elements`,
        );
      }
    } else {
      index = sel.index;
    }
    const where = [...done, `${seg}${segs[1]}`];
    if (index >= list.length) {
      if (last) list.push(value);
      else {
        const fresh: JsonObject = {};
        setRecurse(expr, fresh, segs.slice(2), value, where, undefined);
        list.push(fresh);
      }
      return;
    }
    if (last) {
      list[index] = value;
      return;
    }
    let item = list[index];
    if (item === null || item === undefined) item = list[index] = {};
    if (!isJsonObject(item)) throw setError(expr, `${where.join('.')} is ${kindOf(item)}, not a map`);
    setRecurse(expr, item, segs.slice(2), value, where, undefined);
    return;
  }
  if (segs.length === 1) {
    base[seg] = value;
    return;
  }
  let child = base[seg];
  if (child === undefined || child === null) child = base[seg] = {};
  if (!isJsonObject(child)) throw setError(expr, `${here} is ${kindOf(child)}, cannot set a field inside it`);
  setRecurse(expr, child, segs.slice(1), value, [...done, seg], childOf(fallback, seg));
}

/**
 * Applies a parsed --set expression to `spec` (mutated in place). `underlying` is the spec the
 * user layer will be merged over (the profile): a list the user layer lacks is taken from it
 * before indexing or selecting, so `ingressGateways[name:istio-ingressgateway].enabled=false`
 * works without repeating the profile's list in a file (istioctl fails or adds a nameless entry).
 */
export function applySetExpression(spec: JsonObject, set: SetExpression, underlying?: JsonObject): void {
  setRecurse(set.source, spec, set.segments, set.value, [], underlying);
}

/** The value the last --set for exactly `path` gives, as a string (istioctl's GetValueForSetFlag). */
export function lastSetValue(sets: readonly SetExpression[], path: string): string | undefined {
  let out: string | undefined;
  for (const s of sets) if (s.path === path) out = typeof s.value === 'string' ? s.value : String(s.value);
  return out;
}
