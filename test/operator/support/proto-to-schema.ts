/**
 * Dev tool: turns a proto3 file's messages into JSON Schema definitions with the acceptance
 * rules of golang/protobuf's jsonpb Unmarshaler, which istioctl uses for `spec.values`:
 * both the JSON name and the proto field name are accepted, integers may be
 * quoted, enums are names or numbers, Durations are Go duration strings, unknown fields are errors.
 * null means unset in jsonpb; the validator drops nulls before checking, so no type here allows it.
 * Only names and types are taken from the proto; no comments.
 */

export interface SchemaDefinitions {
  [name: string]: Record<string, unknown>;
}

interface ParsedField {
  type: string;
  name: string;
  repeated: boolean;
  mapValue: string | undefined;
  jsonName: string | undefined;
}

interface ParsedMessage {
  name: string;
  fields: ParsedField[];
}

const GO_DURATION = '^[-+]?(\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h)((\\d+(\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h))*$|^[-+]?0$';

function stripComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/[^\n]*/g, '');
}

function lowerCamel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Parses messages (nested messages and enums are flattened by simple name). */
export function parseProto(text: string): { messages: ParsedMessage[]; enums: Map<string, string[]> } {
  const src = stripComments(text);
  const messages: ParsedMessage[] = [];
  const enums = new Map<string, string[]>();
  const stack: Array<{ kind: 'message' | 'enum' | 'other'; name: string; fields: ParsedField[]; values: string[] }> = [];
  const tokens = src.split('\n');
  for (const rawLine of tokens) {
    const line = rawLine.trim();
    if (!line) continue;
    let m: RegExpExecArray | null;
    if ((m = /^(message|enum|oneof)\s+(\w+)\s*\{/.exec(line))) {
      const kind = m[1] === 'oneof' ? 'other' : (m[1] as 'message' | 'enum');
      stack.push({ kind, name: m[2] as string, fields: [], values: [] });
      continue;
    }
    if (line.startsWith('}')) {
      const top = stack.pop();
      if (top?.kind === 'message') messages.push({ name: top.name, fields: top.fields });
      if (top?.kind === 'enum') enums.set(top.name, top.values);
      continue;
    }
    const top = stack[stack.length - 1];
    if (!top) continue;
    if (top.kind === 'enum') {
      if ((m = /^(\w+)\s*=\s*-?\d+/.exec(line)) && m[1] !== 'option') top.values.push(m[1] as string);
      continue;
    }
    const owner = top.kind === 'other' ? [...stack].reverse().find((s) => s.kind === 'message') : top;
    if (!owner) continue;
    m = /^(repeated\s+)?(map<\s*\w+\s*,\s*([\w.]+)\s*>|[\w.]+)\s+(\w+)\s*=\s*\d+\s*(\[[^\]]*\])?\s*;/.exec(line);
    if (!m) continue;
    const opts = m[5] ?? '';
    const jn = /json_name\s*=\s*"([^"]+)"/.exec(opts);
    owner.fields.push({
      repeated: Boolean(m[1]),
      type: m[3] ? 'map' : (m[2] as string),
      mapValue: m[3],
      name: m[4] as string,
      jsonName: jn ? jn[1] : undefined,
    });
  }
  return { messages, enums };
}

function scalarSchema(type: string, enums: Map<string, string[]>, messages: Set<string>): Record<string, unknown> {
  switch (type) {
    case 'string':
    case 'google.protobuf.StringValue':
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
      return { type: 'object' };
    case 'google.protobuf.Value':
      return {};
    case 'google.protobuf.Any':
      return { type: 'object' };
    case 'google.protobuf.Duration':
      return { type: 'string', pattern: GO_DURATION };
    case 'IntOrString':
      return { type: ['integer', 'string'] };
  }
  const simple = type.split('.').pop() as string;
  const values = enums.get(simple);
  if (values) return { anyOf: [{ enum: values }, { type: 'integer' }] };
  if (messages.has(simple)) return { $ref: `#/definitions/${simple}` };
  throw new Error(`unsupported proto type ${type}`);
}

/** JSON Schema definitions, one per message; `root` is the message validated at the top. */
export function protoToSchema(text: string, root: string): Record<string, unknown> {
  const { messages, enums } = parseProto(text);
  const names = new Set(messages.map((m) => m.name));
  const definitions: SchemaDefinitions = {};
  for (const msg of [...messages].sort((a, b) => a.name.localeCompare(b.name))) {
    if (msg.name === 'IntOrString') continue;
    const properties: Record<string, unknown> = {};
    for (const f of msg.fields) {
      let schema: Record<string, unknown>;
      if (f.type === 'map') {
        schema = { type: 'object', additionalProperties: scalarSchema(f.mapValue as string, enums, names) };
      } else {
        schema = scalarSchema(f.type, enums, names);
        if (f.repeated) schema = { type: 'array', items: schema };
      }
      properties[f.jsonName ?? lowerCamel(f.name)] = schema;
      properties[f.name] = schema;
    }
    definitions[msg.name] = { type: 'object', additionalProperties: false, properties };
  }
  return { $ref: `#/definitions/${root}`, definitions };
}
