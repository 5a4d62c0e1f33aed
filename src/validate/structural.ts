/**
 * A small, synchronous checker for the subset of JSON Schema sailctl writes by hand for kinds whose
 * CRD schema is open (x-kubernetes-preserve-unknown-fields) and for which no generated model exists:
 * `type` (one or a list), `properties`, `additionalProperties` (false or a schema), `items`, `enum`.
 * The schemas stay plain JSON Schema so a test can hold this checker against ajv; one difference:
 * null is accepted anywhere, as proto JSON reads it as an unset field.
 *
 * Findings carry the offending field as a field-map path (`{.spec.wasm.url}`), so callers can point
 * at its line, and ajv-like text (`spec.wasm.url must be string`) like the other kinds' schema errors.
 */

export type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'object' | 'array' | 'null';

export interface StructuralSchema {
  type?: JsonType | JsonType[];
  properties?: Readonly<Record<string, StructuralSchema>>;
  additionalProperties?: boolean | StructuralSchema;
  items?: StructuralSchema;
  enum?: ReadonlyArray<string | number>;
  description?: string;
}

export interface StructuralError {
  /** Display form of the location, dotted as the other kinds' schema errors are (`spec.match.0.ports`). */
  where: string;
  message: string;
  /** Field-map path of the location (`{.spec.match[0].ports}`), for a line. */
  path: string;
}

function typeOf(v: unknown): JsonType {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v as JsonType;
}

function typeMatches(actual: JsonType, wanted: JsonType): boolean {
  return actual === wanted || (wanted === 'number' && actual === 'integer');
}

/**
 * Errors of `value` against `schema`, depth first. `where`/`path` name the value itself; the root
 * is usually the spec (`spec`, `.spec`).
 */
export function structuralErrors(value: unknown, schema: StructuralSchema, where: string, path: string): StructuralError[] {
  const out: StructuralError[] = [];
  walk(value, schema, where, path, out);
  return out;
}

function walk(value: unknown, schema: StructuralSchema, where: string, path: string, out: StructuralError[]): void {
  // Proto JSON reads null as "not set" for every field, so null is never a type error here.
  if (value === null) return;
  const at = (message: string, w = where, p = path): void => {
    out.push({ where: w, message, path: `{${p}}` });
  };
  const actual = typeOf(value);
  if (schema.type !== undefined) {
    const wanted = Array.isArray(schema.type) ? schema.type : [schema.type];
    if (!wanted.some((t) => typeMatches(actual, t))) {
      at(`must be ${wanted.join(',')}`);
      return;
    }
  }
  if (schema.enum !== undefined && !schema.enum.includes(value as string | number)) {
    at(`must be equal to one of the allowed values: ${schema.enum.join(', ')}`);
    return;
  }
  if (actual === 'array' && schema.items) {
    (value as unknown[]).forEach((item, i) => walk(item, schema.items as StructuralSchema, `${where}.${i}`, `${path}[${i}]`, out));
  }
  if (actual === 'object' && (schema.properties || schema.additionalProperties !== undefined)) {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      const known = schema.properties?.[key];
      const extra = schema.additionalProperties;
      const childWhere = `${where}.${key}`;
      const childPath = `${path}.${key}`;
      if (known) walk(v, known, childWhere, childPath, out);
      else if (extra === false) at(`unknown field "${key}"`, where, childPath);
      else if (typeof extra === 'object') walk(v, extra, childWhere, childPath, out);
    }
  }
}
