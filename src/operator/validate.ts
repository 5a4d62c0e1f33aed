/**
 * Schema validation of IstioOperator documents. The schema (schema/iop-schema.ts) is compiled by
 * ajv ahead of time into schema/iop-validator.gen.ts, because compiling it on each run costs a few
 * hundred milliseconds. Errors carry the JSON path and, when the document came from a file,
 * file:line. Wording follows istioctl ("could not unmarshal: unknown field ...").
 */
import type { ErrorObject } from 'ajv';
import { validate as generatedValidate } from './schema/iop-validator.gen.js';
import type { YamlPath } from '../util/yaml.js';
import { semanticIssues } from './semantic.js';

interface GeneratedValidator {
  (data: unknown): boolean;
  errors?: ErrorObject[] | null;
}
const validateIop = generatedValidate as GeneratedValidator;

export interface ValidationIssue {
  /** Path inside the document, e.g. ['spec', 'components', 'pilot', 'enabled']. */
  path: Array<string | number>;
  /** Dotted form with [N] indices: spec.components.ingressGateways[0].name */
  pathText: string;
  message: string;
  /** istioctl tolerates unknown meshConfig fields (it retries decoding leniently): a warning. */
  severity: 'error' | 'warning';
  /** e.g. `did you mean "enabled"?` for a misspelt field. */
  hint?: string | undefined;
}

type SchemaNode = Record<string, unknown>;

/** The schema node that describes the value at `path` (following $ref, properties and items). */
function schemaAt(root: SchemaNode, path: ReadonlyArray<string | number>): SchemaNode | undefined {
  const defs = root['definitions'] as Record<string, SchemaNode>;
  const deref = (n: SchemaNode | undefined): SchemaNode | undefined => {
    let cur = n;
    for (let i = 0; i < 10 && cur && typeof cur['$ref'] === 'string'; i++) {
      cur = defs[(cur['$ref'] as string).replace('#/definitions/', '')];
    }
    return cur;
  };
  let node = deref(root);
  for (const seg of path) {
    if (!node) return undefined;
    if (typeof seg === 'number') node = deref(node['items'] as SchemaNode | undefined);
    else {
      const props = node['properties'] as Record<string, SchemaNode> | undefined;
      const extra = node['additionalProperties'];
      node = deref(props?.[seg] ?? (typeof extra === 'object' ? (extra as SchemaNode) : undefined));
    }
  }
  return node;
}

/** Optimal string alignment distance, case-insensitive. */
function distance(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => [i, ...Array<number>(y.length).fill(0)]);
  for (let j = 1; j <= y.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= x.length; i++) {
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      const row = d[i] as number[];
      row[j] = Math.min((d[i - 1] as number[])[j]! + 1, row[j - 1]! + 1, (d[i - 1] as number[])[j - 1]! + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) row[j] = Math.min(row[j]!, (d[i - 2] as number[])[j - 2]! + 1);
    }
  }
  return (d[x.length] as number[])[y.length] as number;
}

/** The closest known field name, if one is close enough to be a likely typo. */
export function suggestField(unknown: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const k of known) {
    const dist = distance(unknown, k);
    if (dist < bestDistance) [best, bestDistance] = [k, dist];
  }
  const limit = unknown.length <= 4 ? 1 : unknown.length <= 10 ? 2 : 3;
  if (bestDistance <= limit) return best;
  // "replicas" for "replicaCount": a known name sharing all but the last character typed.
  if (unknown.length < 5) return undefined;
  const stem = unknown.toLowerCase().slice(0, -1);
  return known.find((k) => k.toLowerCase().startsWith(stem));
}

async function addSuggestions(issues: ValidationIssue[]): Promise<void> {
  const unknown = issues.filter((i) => /^(could not unmarshal: )?unknown field/.test(i.message));
  if (unknown.length === 0) return;
  const { IOP_SCHEMA } = await import('./schema/iop-schema.js');
  for (const issue of unknown) {
    const parent = schemaAt(IOP_SCHEMA, issue.path.slice(0, -1));
    const known = Object.keys((parent?.['properties'] as Record<string, unknown> | undefined) ?? {});
    const guess = suggestField(String(issue.path[issue.path.length - 1]), known);
    if (guess) issue.hint = `did you mean "${guess}"?`;
  }
}

function isUnderMeshConfig(path: ReadonlyArray<string | number>): boolean {
  return (path[0] === 'spec' && path[1] === 'meshConfig') || (path[0] === 'spec' && path[1] === 'values' && path[2] === 'meshConfig');
}

export function formatPath(path: ReadonlyArray<string | number>): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

/** Go's json decoder treats null as "leave unset" for every field, so nulls never fail the schema. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (typeof v === 'object' && v !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, val] of Object.entries(v)) if (val !== null) out[k] = withoutNulls(val);
    return out;
  }
  return v;
}

function pointerToPath(pointer: string): Array<string | number> {
  if (!pointer) return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function valueAt(root: unknown, path: ReadonlyArray<string | number>): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'number' : 'number (not an integer)';
  if (typeof v === 'object') return 'object';
  return typeof v;
}

function expectedOf(e: ErrorObject): string {
  const t = (e.params as { type?: string | string[] }).type;
  const list = Array.isArray(t) ? t.filter((x) => x !== 'null') : [t ?? 'unknown'];
  return list.join(' or ');
}

/** Turns ajv's errors into one issue per offending path (the deepest, most specific). */
function toIssues(errors: ErrorObject[], data: unknown): ValidationIssue[] {
  const issues = new Map<string, ValidationIssue>();
  const byPath = new Map<string, ErrorObject[]>();
  for (const e of errors) {
    let path = pointerToPath(e.instancePath);
    if (e.keyword === 'additionalProperties') {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      path = [...path, extra];
      const parent = formatPath(path.slice(0, -1)) || '(root)';
      const text = formatPath(path);
      const lenient = isUnderMeshConfig(path);
      const message = lenient
        ? `unknown field "${extra}" in ${parent} (istioctl ignores unknown meshConfig fields)`
        : `could not unmarshal: unknown field "${extra}" in ${parent}`;
      issues.set(text, { path, pathText: text, message, severity: lenient ? 'warning' : 'error' });
      continue;
    }
    const key = JSON.stringify(path);
    byPath.set(key, [...(byPath.get(key) ?? []), e]);
  }
  for (const [key, errs] of byPath) {
    const path = JSON.parse(key) as Array<string | number>;
    const text = formatPath(path);
    if (issues.has(text)) continue;
    const value = valueAt(data, path);
    const en = errs.find((e) => e.keyword === 'enum');
    const ty = errs.find((e) => e.keyword === 'type');
    let message: string;
    if (en) {
      const allowed = (en.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ');
      message = `invalid value ${JSON.stringify(value)} for ${text}: must be one of ${allowed}`;
    } else if (ty || errs.some((e) => e.keyword === 'pattern' && (e.params as { pattern: string }).pattern === '^-?\\d+$')) {
      const expected = ty ? expectedOf(ty) : 'integer';
      const shown = typeof value === 'string' ? `string ${JSON.stringify(value)}` : jsonType(value);
      message = `cannot unmarshal ${shown} into ${text} of type ${expected}`;
    } else {
      const first = errs.find((e) => e.keyword !== 'anyOf' && e.keyword !== 'if') ?? errs[0];
      message = `invalid value ${JSON.stringify(value)} for ${text}: ${first?.message ?? 'invalid'}`;
    }
    issues.set(text, { path, pathText: text, message: `could not unmarshal: ${message}`, severity: 'error' });
  }
  // An error on a parent (from anyOf over $ref|null) is implied by its children's errors.
  const all = [...issues.values()];
  return all.filter(
    (i) => !all.some((o) => o !== i && o.path.length > i.path.length && i.path.every((s, n) => o.path[n] === s)),
  );
}

/** Validates one IstioOperator document's data; returns the issues (empty when valid). */
export async function validateIstioOperatorData(data: unknown): Promise<ValidationIssue[]> {
  const clean = withoutNulls(data);
  if (validateIop(clean)) return [];
  const issues = toIssues(validateIop.errors ?? [], clean);
  await addSuggestions(issues);
  return issues;
}

/** Schema issues, then istioctl's semantic checks (image references, revision, ranges). */
export async function validateIstioOperator(data: unknown): Promise<ValidationIssue[]> {
  const schema = await validateIstioOperatorData(data);
  const seen = new Set(schema.map((i) => i.pathText));
  return [...schema, ...semanticIssues(withoutNulls(data)).filter((i) => !seen.has(i.pathText))];
}

export type { YamlPath };
