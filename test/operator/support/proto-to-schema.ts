/**
 * Dev tool: turns proto3 messages into JSON Schema definitions with the acceptance rules of
 * golang/protobuf's jsonpb Unmarshaler, which istioctl uses for `spec.values` and `meshConfig`:
 * both the JSON name and the proto field name are accepted, integers may be quoted, enums are
 * names or numbers, Durations are Go duration strings, unknown fields are errors.
 * null means unset in jsonpb; the validator drops nulls before checking, so no type here allows it.
 * Only names and types are taken from the protos; no comments. Types that cannot be resolved
 * (files not given) accept anything.
 */

export interface ProtoFile {
  name: string;
  text: string;
}

interface ParsedField {
  type: string;
  name: string;
  repeated: boolean;
  mapValue: string | undefined;
  jsonName: string | undefined;
}

interface ParsedMessage {
  fullName: string;
  fields: ParsedField[];
}

interface Registry {
  messages: Map<string, ParsedMessage>;
  enums: Map<string, string[]>;
}

const GO_DURATION = '^[-+]?((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))+$|^[-+]?0$';

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '').replace(/"(?:[^"\\]|\\.)*"/g, (s) => s.replace(/[{};]/g, ' '));
}

function lowerCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Parses messages and enums of one file into the registry under their full names. */
function parseInto(reg: Registry, text: string): void {
  const src = stripComments(text);
  const pkg = /\bpackage\s+([\w.]+)\s*;/.exec(src)?.[1] ?? '';
  const stack: Array<{ kind: 'message' | 'enum' | 'other'; fullName: string; fields: ParsedField[]; values: string[] }> = [];
  // Statements end at '{', '}' or ';'.
  for (const m of src.matchAll(/([^{};]*)([{};])/g)) {
    const stmt = (m[1] as string).replace(/\s+/g, ' ').trim();
    const end = m[2] as string;
    const scope = [...stack].reverse().find((s) => s.kind === 'message');
    const scopeName = scope ? scope.fullName : pkg;
    if (end === '{') {
      const head = /^(message|enum|oneof|service|extend)\s+([\w.]+)/.exec(stmt);
      if (head && (head[1] === 'message' || head[1] === 'enum')) {
        const fullName = scopeName ? `${scopeName}.${head[2]}` : (head[2] as string);
        stack.push({ kind: head[1] as 'message' | 'enum', fullName, fields: [], values: [] });
      } else {
        stack.push({ kind: 'other', fullName: scopeName, fields: [], values: [] });
      }
      continue;
    }
    if (end === '}') {
      if (stmt) handleStatement(stack, stmt);
      const top = stack.pop();
      if (top?.kind === 'message') reg.messages.set(top.fullName, { fullName: top.fullName, fields: top.fields });
      if (top?.kind === 'enum') reg.enums.set(top.fullName, top.values);
      continue;
    }
    handleStatement(stack, stmt);
  }
}

function handleStatement(
  stack: Array<{ kind: 'message' | 'enum' | 'other'; fullName: string; fields: ParsedField[]; values: string[] }>,
  stmt: string,
): void {
  const top = stack[stack.length - 1];
  if (!top || !stmt || /^(option|reserved|extensions|syntax|package|import)\b/.test(stmt)) return;
  if (top.kind === 'enum') {
    const v = /^(\w+)\s*=\s*-?\d+/.exec(stmt);
    if (v) top.values.push(v[1] as string);
    return;
  }
  const owner = top.kind === 'message' ? top : [...stack].reverse().find((s) => s.kind === 'message');
  if (!owner) return;
  const f = /^(optional\s+|repeated\s+)?(map\s*<\s*\w+\s*,\s*([\w.]+)\s*>|[\w.]+)\s+(\w+)\s*=\s*\d+\s*(\[.*\])?$/.exec(stmt);
  if (!f) return;
  const jn = /json_name\s*=\s*"([^"]+)"/.exec(f[5] ?? '');
  owner.fields.push({
    repeated: (f[1] ?? '').trim() === 'repeated',
    type: f[3] ? 'map' : (f[2] as string),
    mapValue: f[3],
    name: f[4] as string,
    jsonName: jn ? jn[1] : undefined,
  });
}

/** Protobuf name resolution: innermost scope outwards; a leading dot is absolute. */
function resolveType(reg: Registry, ref: string, scope: string): string | undefined {
  if (ref.startsWith('.')) return reg.messages.has(ref.slice(1)) || reg.enums.has(ref.slice(1)) ? ref.slice(1) : undefined;
  const parts = scope.split('.');
  for (let i = parts.length; i >= 0; i--) {
    const candidate = [...parts.slice(0, i), ref].filter(Boolean).join('.');
    if (reg.messages.has(candidate) || reg.enums.has(candidate)) return candidate;
  }
  return undefined;
}

type Schema = Record<string, unknown>;

function scalarSchema(reg: Registry, type: string, scope: string, needed: Set<string>): Schema {
  switch (type) {
    case 'string':
    case 'bytes':
    case 'google.protobuf.StringValue':
    case 'google.protobuf.BytesValue':
      return { type: 'string' };
    case 'bool':
    case 'google.protobuf.BoolValue':
      return { type: 'boolean' };
    case 'int32':
    case 'int64':
    case 'uint32':
    case 'uint64':
    case 'sint32':
    case 'sint64':
    case 'fixed32':
    case 'fixed64':
    case 'sfixed32':
    case 'sfixed64':
    case 'google.protobuf.Int32Value':
    case 'google.protobuf.Int64Value':
    case 'google.protobuf.UInt32Value':
    case 'google.protobuf.UInt64Value':
      return { type: ['integer', 'string'], pattern: '^-?\\d+$' };
    case 'double':
    case 'float':
    case 'google.protobuf.DoubleValue':
    case 'google.protobuf.FloatValue':
      return { type: ['number', 'string'] };
    case 'google.protobuf.Struct':
    case 'google.protobuf.Any':
    case 'google.protobuf.Empty':
      return { type: 'object' };
    case 'google.protobuf.Value':
    case 'google.protobuf.ListValue':
      return {};
    case 'google.protobuf.Duration':
      return { type: 'string', pattern: GO_DURATION };
    case 'google.protobuf.Timestamp':
      return { type: 'string' };
  }
  const resolved = resolveType(reg, type, scope);
  if (resolved === undefined) return {};
  if (resolved.endsWith('.IntOrString')) return { type: ['integer', 'string'] };
  const values = reg.enums.get(resolved);
  if (values) return { anyOf: [{ enum: values }, { type: 'integer' }] };
  needed.add(resolved);
  return { $ref: `#/definitions/${resolved}` };
}

/**
 * JSON Schema definitions (keyed by full proto name) for the given root messages and
 * everything they reference.
 */
export function protoToDefinitions(files: readonly ProtoFile[], roots: readonly string[]): Record<string, Schema> {
  const reg: Registry = { messages: new Map(), enums: new Map() };
  for (const f of files) parseInto(reg, f.text);
  const definitions: Record<string, Schema> = {};
  const needed = new Set<string>(roots);
  const done = new Set<string>();
  while (needed.size > done.size) {
    for (const name of [...needed]) {
      if (done.has(name)) continue;
      done.add(name);
      const msg = reg.messages.get(name);
      if (!msg) throw new Error(`message ${name} not found`);
      const properties: Record<string, Schema> = {};
      for (const f of msg.fields) {
        let schema: Schema;
        if (f.type === 'map') {
          schema = { type: 'object', additionalProperties: scalarSchema(reg, f.mapValue as string, name, needed) };
        } else {
          schema = scalarSchema(reg, f.type, name, needed);
          if (f.repeated) schema = { type: 'array', items: schema };
        }
        properties[f.jsonName ?? lowerCamel(f.name)] = schema;
        properties[f.name] = schema;
      }
      definitions[name] = { type: 'object', additionalProperties: false, properties };
    }
  }
  return Object.fromEntries(Object.entries(definitions).sort(([a], [b]) => a.localeCompare(b)));
}
