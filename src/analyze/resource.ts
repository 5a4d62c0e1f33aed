/** One Kubernetes object in the analysis snapshot, with where it came from. */
import type { KindKey } from './kinds.js';

export type JsonObject = Record<string, unknown>;

/** The cluster id of the primary cluster and of files, as istioctl names it. */
export const DEFAULT_CLUSTER = 'default';

export interface Origin {
  /** File name as the user gave it ('-' for stdin), or undefined for cluster objects. */
  readonly file: string | undefined;
  /** Line where the document starts (first non-blank line), 0 when unknown. */
  readonly line: number;
  readonly cluster: string;
  /**
   * Line of a scalar field, keyed as istioctl keys it: `{.spec.http[0].route[0].destination.host}`.
   * Undefined when the field is absent or not a scalar.
   */
  fieldLine(path: string): number | undefined;
}

export interface Resource {
  readonly key: KindKey;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly name: string;
  /** '' for cluster-scoped objects (and namespace-less file objects under -A). */
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly annotations: Readonly<Record<string, string>>;
  /** The whole object as parsed. */
  readonly object: JsonObject;
  /** object.spec, or {} */
  readonly spec: JsonObject;
  readonly origin: Origin;
}

/** `ns/name`, or `name` when there is no namespace (istioctl's resource.FullName.String()). */
export function fullName(r: Pick<Resource, 'namespace' | 'name'>): string {
  return r.namespace ? `${r.namespace}/${r.name}` : r.name;
}

/** `Kind ns/name` (istioctl's Origin.FriendlyName()). */
export function friendlyName(r: Resource): string {
  return `${r.kind} ${fullName(r)}`;
}

/** The namespace a message about `r` belongs to (a Namespace belongs to itself). */
export function originNamespace(r: Resource): string {
  return r.kind === 'Namespace' && r.group === '' ? r.name : r.namespace;
}

/** `file:line` as istioctl prints it (no line for .json files), or undefined. */
export function reference(r: Resource, line?: number): string | undefined {
  const file = r.origin.file;
  if (file === undefined) return undefined;
  const l = line && line > 0 ? line : r.origin.line;
  if (l > 0 && file !== '' && !file.endsWith('.json')) return `${file}:${l}`;
  return file;
}

// Small typed accessors for untyped object trees; analyzers read specs through these.
export function obj(v: unknown): JsonObject {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : {};
}
export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
export function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}
export function num(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
  return undefined;
}
export function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, val] of Object.entries(obj(v))) out[key] = str(val);
  return out;
}
export function strs(v: unknown): string[] {
  return arr(v).map(str);
}
