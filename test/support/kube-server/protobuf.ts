/**
 * Content negotiation and the few protobuf request bodies kubectl sends.
 *
 * kubectl's typed commands (`kubectl create namespace|configmap|secret|serviceaccount|...`,
 * `kubectl auth can-i`) send `Content-Type: application/vnd.kubernetes.protobuf` and accept
 * `application/vnd.kubernetes.protobuf,application/json`; `kubectl create -f`, `apply`, `get`
 * and the rest use JSON. This server answers JSON whenever the Accept list allows it (a real API
 * server answers 406 Not Acceptable when nothing it speaks is acceptable) and decodes protobuf
 * bodies for the kinds below only: the envelope is the magic bytes "k8s\0" and a runtime.Unknown
 * message {typeMeta, raw}, raw being the object in the kind's generated protobuf schema (field
 * numbers from k8s.io/api's generated.proto). Any other kind gets a 415 that says so; a field
 * the schema below does not know is a 400 rather than silently lost.
 */
import { ApiError } from './status.js';
import type { JsonObject, Json } from './fields.js';

// ------------------------------------------------------------------ Accept

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

function parseAccept(accept: string): MediaRange[] {
  return accept
    .split(',')
    .map((part) => {
      const [type, ...params] = part.split(';').map((x) => x.trim());
      return { type: (type ?? '').toLowerCase(), params: Object.fromEntries(params.map((p) => p.split('=').map((x) => x.trim()) as [string, string])) };
    })
    .filter((r) => r.type !== '');
}

/** Whether a JSON answer is acceptable: no Accept header, or a range matching application/json without q=0. */
export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return parseAccept(accept).some((r) => ['application/json', 'application/*', '*/*'].includes(r.type) && r.params['q'] !== '0' && Number(r.params['q'] ?? '1') > 0);
}

export const MEDIA_TYPES = 'application/json';

export function notAcceptable(): ApiError {
  return new ApiError(406, 'NotAcceptable', `only the following media types are accepted: ${MEDIA_TYPES}`);
}

// ------------------------------------------------------------------ protobuf wire format

const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

type Scalar = 'string' | 'bytes' | 'bool' | 'int' | 'time' | 'stringMap' | 'bytesMap';
interface Field {
  name: string;
  type: Scalar | Schema;
  repeated?: boolean;
}
interface Schema {
  name: string;
  fields: Record<number, Field>;
}

const schema = (name: string, fields: Record<number, Field>): Schema => ({ name, fields });

const Time = 'time' as const;
const ownerReference = schema('OwnerReference', {
  1: { name: 'kind', type: 'string' },
  3: { name: 'name', type: 'string' },
  4: { name: 'uid', type: 'string' },
  5: { name: 'apiVersion', type: 'string' },
  6: { name: 'controller', type: 'bool' },
  7: { name: 'blockOwnerDeletion', type: 'bool' },
});
const objectMeta = schema('ObjectMeta', {
  1: { name: 'name', type: 'string' },
  2: { name: 'generateName', type: 'string' },
  3: { name: 'namespace', type: 'string' },
  4: { name: 'selfLink', type: 'string' },
  5: { name: 'uid', type: 'string' },
  6: { name: 'resourceVersion', type: 'string' },
  7: { name: 'generation', type: 'int' },
  8: { name: 'creationTimestamp', type: Time },
  9: { name: 'deletionTimestamp', type: Time },
  10: { name: 'deletionGracePeriodSeconds', type: 'int' },
  11: { name: 'labels', type: 'stringMap' },
  12: { name: 'annotations', type: 'stringMap' },
  13: { name: 'ownerReferences', type: ownerReference, repeated: true },
  14: { name: 'finalizers', type: 'string', repeated: true },
});
const meta: Field = { name: 'metadata', type: objectMeta };
const objectReference = schema('ObjectReference', {
  1: { name: 'kind', type: 'string' },
  2: { name: 'namespace', type: 'string' },
  3: { name: 'name', type: 'string' },
  4: { name: 'uid', type: 'string' },
  5: { name: 'apiVersion', type: 'string' },
  6: { name: 'resourceVersion', type: 'string' },
  7: { name: 'fieldPath', type: 'string' },
});

/** The kinds decoded, by apiVersion/kind. */
const KINDS: Record<string, Schema> = {
  'v1/Namespace': schema('Namespace', {
    1: meta,
    2: { name: 'spec', type: schema('NamespaceSpec', { 1: { name: 'finalizers', type: 'string', repeated: true } }) },
    3: { name: 'status', type: schema('NamespaceStatus', { 1: { name: 'phase', type: 'string' } }) },
  }),
  'v1/ConfigMap': schema('ConfigMap', { 1: meta, 2: { name: 'data', type: 'stringMap' }, 3: { name: 'binaryData', type: 'bytesMap' }, 4: { name: 'immutable', type: 'bool' } }),
  'v1/Secret': schema('Secret', {
    1: meta,
    2: { name: 'data', type: 'bytesMap' },
    3: { name: 'type', type: 'string' },
    4: { name: 'stringData', type: 'stringMap' },
    5: { name: 'immutable', type: 'bool' },
  }),
  'v1/ServiceAccount': schema('ServiceAccount', {
    1: meta,
    2: { name: 'secrets', type: objectReference, repeated: true },
    3: { name: 'imagePullSecrets', type: schema('LocalObjectReference', { 1: { name: 'name', type: 'string' } }), repeated: true },
    4: { name: 'automountServiceAccountToken', type: 'bool' },
  }),
  'authorization.k8s.io/v1/SelfSubjectAccessReview': schema('SelfSubjectAccessReview', {
    1: meta,
    2: {
      name: 'spec',
      type: schema('SelfSubjectAccessReviewSpec', {
        1: {
          name: 'resourceAttributes',
          type: schema('ResourceAttributes', {
            1: { name: 'namespace', type: 'string' },
            2: { name: 'verb', type: 'string' },
            3: { name: 'group', type: 'string' },
            4: { name: 'version', type: 'string' },
            5: { name: 'resource', type: 'string' },
            6: { name: 'subresource', type: 'string' },
            7: { name: 'name', type: 'string' },
          }),
        },
        2: { name: 'nonResourceAttributes', type: schema('NonResourceAttributes', { 1: { name: 'path', type: 'string' }, 2: { name: 'verb', type: 'string' } }) },
      }),
    },
    3: { name: 'status', type: schema('SubjectAccessReviewStatus', { 1: { name: 'allowed', type: 'bool' }, 2: { name: 'reason', type: 'string' }, 3: { name: 'evaluationError', type: 'string' }, 4: { name: 'denied', type: 'bool' } }) },
  }),
};

export const DECODED_KINDS = Object.values(KINDS).map((s) => s.name);

interface WireField {
  num: number;
  wire: number;
  varint?: bigint;
  bytes?: Buffer;
}

function malformed(what: string): ApiError {
  return new ApiError(400, 'BadRequest', `error decoding request body: malformed protobuf (${what})`);
}

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (let i = pos; i < buf.length && shift < 70n; i++) {
    const b = buf[i]!;
    result |= BigInt(b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result, i + 1];
    shift += 7n;
  }
  throw malformed('truncated varint');
}

function* wireFields(buf: Buffer): Generator<WireField> {
  let pos = 0;
  while (pos < buf.length) {
    const [key, p] = readVarint(buf, pos);
    pos = p;
    const num = Number(key >> 3n);
    const wire = Number(key & 7n);
    if (wire === 0) {
      const [v, q] = readVarint(buf, pos);
      pos = q;
      yield { num, wire, varint: v };
    } else if (wire === 2) {
      const [len, q] = readVarint(buf, pos);
      const end = q + Number(len);
      if (end > buf.length) throw malformed('truncated field');
      yield { num, wire, bytes: buf.subarray(q, end) };
      pos = end;
    } else if (wire === 1 || wire === 5) {
      // Fixed-width numbers: none of the schemas here use them.
      pos += wire === 1 ? 8 : 4;
      yield { num, wire };
    } else throw malformed(`wire type ${wire}`);
  }
}

function decodeMapEntry(bytes: Buffer): [string, Buffer] {
  let key = '';
  let value: Buffer = Buffer.alloc(0);
  for (const f of wireFields(bytes)) {
    if (f.num === 1 && f.bytes) key = f.bytes.toString('utf8');
    else if (f.num === 2 && f.bytes) value = f.bytes;
  }
  return [key, value];
}

function decodeTime(bytes: Buffer): string | undefined {
  let seconds = 0n;
  for (const f of wireFields(bytes)) if (f.num === 1 && f.varint !== undefined) seconds = BigInt.asIntN(64, f.varint);
  // The zero time is how Go encodes an unset timestamp.
  if (seconds === 0n) return undefined;
  return new Date(Number(seconds) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** One message to JSON, leaving out zero values (the types' JSON tags are omitempty). */
function decodeMessage(bytes: Buffer, s: Schema, path: string): JsonObject {
  const out: JsonObject = {};
  for (const f of wireFields(bytes)) {
    const field = s.fields[f.num];
    if (!field) throw new ApiError(400, 'BadRequest', `error decoding request body: this test API server does not decode field ${f.num} of ${s.name} (${path || s.name}); send JSON`);
    const where = `${path}.${field.name}`;
    let value: Json | undefined;
    const t = field.type;
    if (typeof t === 'object') value = decodeMessage(f.bytes ?? Buffer.alloc(0), t, where);
    else if (t === 'string') value = (f.bytes ?? Buffer.alloc(0)).toString('utf8');
    else if (t === 'bytes') value = (f.bytes ?? Buffer.alloc(0)).toString('base64');
    else if (t === 'bool') value = (f.varint ?? 0n) !== 0n;
    else if (t === 'int') value = Number(BigInt.asIntN(64, f.varint ?? 0n));
    else if (t === 'time') value = decodeTime(f.bytes ?? Buffer.alloc(0));
    else {
      const [k, v] = decodeMapEntry(f.bytes ?? Buffer.alloc(0));
      const map = (out[field.name] ?? {}) as JsonObject;
      map[k] = t === 'stringMap' ? v.toString('utf8') : v.toString('base64');
      out[field.name] = map;
      continue;
    }
    if (field.repeated) {
      const list = (out[field.name] ?? []) as Json[];
      if (value !== undefined) list.push(value);
      out[field.name] = list;
    } else if (value !== undefined && value !== '' && value !== false && value !== 0) out[field.name] = value;
  }
  return out;
}

/** A protobuf request body as the JSON object it stands for (apiVersion and kind from the envelope). */
export function decodeProtobufBody(body: Buffer): JsonObject {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) throw malformed('no k8s envelope');
  let apiVersion = '';
  let kind = '';
  let raw: Buffer | undefined;
  let encoding = '';
  for (const f of wireFields(body.subarray(4))) {
    if (f.num === 1 && f.bytes) {
      for (const t of wireFields(f.bytes)) {
        if (t.num === 1 && t.bytes) apiVersion = t.bytes.toString('utf8');
        if (t.num === 2 && t.bytes) kind = t.bytes.toString('utf8');
      }
    } else if (f.num === 2) raw = f.bytes;
    else if (f.num === 3 && f.bytes) encoding = f.bytes.toString('utf8');
  }
  if (encoding !== '') throw malformed(`content encoding ${encoding}`);
  const s = KINDS[`${apiVersion}/${kind}`];
  if (!s) {
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `this test API server decodes protobuf bodies of ${DECODED_KINDS.join(', ')} only, not ${kind || 'this object'} (${apiVersion}): send JSON (kubectl create -f FILE, kubectl apply)`,
    );
  }
  return { apiVersion, kind, ...decodeMessage(raw ?? Buffer.alloc(0), s, '') };
}
