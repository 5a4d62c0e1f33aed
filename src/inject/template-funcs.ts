/**
 * The functions Istio adds to sprig for its injection templates, with Istio's semantics where
 * they differ from sprig's: `contains` takes its arguments flipped, `indent` leaves the first
 * line alone, `toYaml` keeps the trailing newline, `toJSON` of nil is "{}", `omit` and `strdict`
 * work on map[string]string, and so on. They are registered after sprig, so they win.
 */
import { FuncError, GoInt, GoStruct, intValue, isMap, isSlice, mapOf, type GoFunc, type GoMap, type GoValue, fromJS } from '../gotemplate/value.js';
import { marshalPlainYaml } from '../gotemplate/goyaml.js';
import { sprint } from '../gotemplate/fmt.js';
import { K8sStruct } from './k8s/view.js';
import { ProtoDuration, ProtoStruct } from './template-data.js';
import { formatGoDuration, proxyConfigToJSON, type Proto } from './mesh.js';
import type { Json } from './k8s/codec.js';

/** JSON text as Go's encoding/json writes it (HTML-safe escapes, map keys sorted). */
export function goJson(v: unknown, sortKeys = true): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(v).replace('e+', 'e+') : 'null';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map((x) => goJson(x, sortKeys)).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = sortKeys ? Object.keys(o).sort() : Object.keys(o);
  return `{${keys.map((k) => `${goJsonString(k)}:${goJson(o[k], sortKeys)}`).join(',')}}`;
}

const HTML_ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

export function goJsonString(s: string): string {
  return JSON.stringify(s).replace(/[<>&\u2028\u2029]/g, (c) => HTML_ESCAPES[c] as string);
}

/** The Go-encoded JSON of a template value: API structs keep Go field order, maps sort. */
function toGoJsonText(v: GoValue): string {
  if (v instanceof K8sStruct) return goJsonOrdered(v.encoded);
  if (v instanceof ProtoStruct) return goJson(v.proto);
  return goJson(plain(v));
}

/** Encoded API structs are already in Go's order (their map fields sorted when normalised). */
function goJsonOrdered(v: Json): string {
  return goJson(v, false);
}

function plain(v: GoValue): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return v;
  if (v instanceof GoInt) return v.value;
  if (v instanceof K8sStruct) return v.encoded;
  if (v instanceof ProtoStruct) return v.proto;
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Map) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v) Object.defineProperty(o, k, { value: plain(x), enumerable: true, writable: true, configurable: true });
    return o;
  }
  if (v instanceof GoStruct) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of v.fields) o[k] = plain(x);
    return o;
  }
  if (typeof v === 'function') return null;
  return v;
}

function str(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return sprint(v);
}

function stringMap(v: GoValue): Map<string, string> {
  const out = new Map<string, string>();
  if (isMap(v)) for (const [k, x] of v) out.set(k, str(x));
  return out;
}

function toGoStringMap(m: Map<string, string>): GoMap {
  return mapOf(new Map<string, GoValue>(m), 'string');
}

/** Annotations of an ObjectMeta value (a K8sStruct or anything with an Annotations map). */
function annotationsOf(meta: GoValue): Map<string, string> {
  if (meta instanceof GoStruct) return stringMap(meta.fields.get('Annotations'));
  return new Map();
}

function containersOf(v: GoValue): Array<Record<string, unknown>> {
  if (!isSlice(v)) return [];
  return v.map((c) => (c instanceof K8sStruct ? (c.encoded as Record<string, unknown>) : (plain(c) as Record<string, unknown>)));
}

function portsOf(c: Record<string, unknown>): string[] {
  const ports = Array.isArray(c['ports']) ? (c['ports'] as Array<Record<string, unknown>>) : [];
  return ports.filter((p) => p['protocol'] !== 'UDP' && p['protocol'] !== 'SCTP').map((p) => String(p['containerPort'] ?? 0));
}

function splitQualifiedName(s: string): [string, string] {
  const i = s.indexOf('/');
  return i < 0 ? ['', s] : [s.slice(0, i), s.slice(i + 1)];
}

function appendMultusNetwork(existing: string, network: string): string {
  if (existing === '') return network;
  const i = existing.lastIndexOf(']');
  if (i !== -1) {
    let nets: unknown;
    try {
      nets = JSON.parse(existing);
    } catch {
      return existing;
    }
    if (!Array.isArray(nets)) return existing;
    const [ns, name] = splitQualifiedName(network);
    for (const n of nets as Array<Record<string, unknown>>) {
      if (n && n['name'] === name && (n['namespace'] ?? '') === ns) return existing;
    }
    const add = ns === '' ? `, {"name": "${name}"}` : `, {"name": "${name}", "namespace": "${ns}"}`;
    return existing.slice(0, i) + add + existing.slice(i);
  }
  for (const n of existing.split(',')) if (n.trim() === network) return existing;
  return `${existing}, ${network}`;
}

/** Istio's omitNil: nils dropped at every depth, maps and lists left empty by that dropped too; unchanged values kept as they are. */
function omitNil(v: GoValue): GoValue {
  if (v === null || v === undefined) return null;
  if (isMap(v)) {
    const out: GoMap = new Map();
    let changed = false;
    for (const [k, x] of v) {
      const f = omitNil(x);
      if (f !== x || f === null || f === undefined) changed = true;
      if (f !== null && f !== undefined) out.set(k, f);
    }
    if (!changed) return v;
    return out.size === 0 ? null : out;
  }
  if (isSlice(v)) {
    const mapped = v.map(omitNil);
    if (mapped.every((x, i) => x === v[i] && x !== null && x !== undefined)) return v;
    const out = mapped.filter((x) => x !== null && x !== undefined);
    return out.length === 0 ? null : out;
  }
  return v;
}

function imageTagDigest(image: string): [string, string] {
  let digest = '';
  let rest = image;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  return [colon > slash ? rest.slice(colon + 1) : '', digest];
}

function otelResourceAttributes(mc: GoValue, annotations: Map<string, string>, labels: Map<string, string>, namespace: string, containers: Array<Record<string, unknown>>): string {
  const providers = mc instanceof ProtoStruct ? ((mc.proto['extensionProviders'] as Proto[] | undefined) ?? []) : [];
  const semconv = providers.some((p) => {
    const otel = p['opentelemetry'] as Proto | undefined;
    return otel && otel['serviceAttributeEnrichment'] === 'OTEL_SEMANTIC_CONVENTIONS';
  });
  if (!semconv) return '';
  const attrs: string[] = [];
  const ns = annotations.get('resource.opentelemetry.io/service.namespace');
  if (ns) attrs.push(`service.namespace=${ns}`);
  else if (namespace) attrs.push(`service.namespace=${namespace}`);
  const ver = annotations.get('resource.opentelemetry.io/service.version') || labels.get('app.kubernetes.io/version');
  if (ver) attrs.push(`service.version=${ver}`);
  else if (containers.length === 1) {
    const [tag, digest] = imageTagDigest(String(containers[0]?.['image'] ?? ''));
    if (tag && digest) attrs.push(`service.version=${tag}@${digest}`);
    else if (digest) attrs.push(`service.version=${digest}`);
    else if (tag) attrs.push(`service.version=${tag}`);
  }
  const id = annotations.get('resource.opentelemetry.io/service.instance.id');
  if (id) attrs.push(`service.instance.id=${id}`);
  else if (containers.length > 0) attrs.push(`service.instance.id=${namespace}.$(POD_NAME).${String(containers[0]?.['name'] ?? '')}`);
  return attrs.join(',');
}

function mergeStringMaps(maps: GoValue[]): Map<string, string> | null {
  if (maps.length === 0) return null;
  const out = new Map<string, string>();
  for (const m of maps) for (const [k, v] of stringMap(m)) out.set(k, v);
  return out;
}

// Every pod of a stream usually shares one ProxyConfig object.
const proxyJsonCache = new WeakMap<Proto, string>();
function cachedProxyConfigJSON(pc: Proto): string {
  let j = proxyJsonCache.get(pc);
  if (j === undefined) proxyJsonCache.set(pc, (j = proxyConfigToJSON(pc)));
  return j;
}

/** Istio's injection template functions. `env` reads the given environment (istiod's). */
export function injectionFuncs(env: Readonly<Record<string, string | undefined>>): Record<string, GoFunc> {
  return {
    formatDuration: ([d]) => (d instanceof ProtoDuration ? formatGoDuration(d.text) : '0s'),
    isset: ([m, key]) => isMap(m ?? null) && (m as GoMap).has(str(key ?? '')),
    excludeInboundPort: ([port, excluded]) => {
      const p = str(port ?? '').trim();
      const list = str(excluded ?? '');
      if (p === '' || p === '0') return list;
      const out: string[] = [];
      for (const x of list.split(',')) {
        if (x === p) return list;
        if (x.trim()) out.push(x.trim());
      }
      out.push(p);
      return out.join(',');
    },
    includeInboundPorts: ([containers]) => containersOf(containers ?? null).flatMap(portsOf).join(','),
    applicationPorts: ([containers]) =>
      containersOf(containers ?? null)
        .filter((c) => c['name'] !== 'istio-proxy')
        .flatMap(portsOf)
        .join(','),
    kubevirtInterfaces: ([s]) => str(s ?? ''),
    excludeInterfaces: ([s]) => str(s ?? ''),
    annotation: ([meta, name, def]) => {
      const annos = annotationsOf(meta ?? null);
      const key = str(name ?? '');
      return annos.has(key) ? (annos.get(key) as string) : sprint(def ?? null);
    },
    valueOrDefault: ([value, def]) => (value === '' || value === null || value === undefined ? (def ?? null) : value),
    toJSON: ([m]) => (m === null || m === undefined ? '{}' : goJson(Object.fromEntries(stringMap(m)))),
    fromJSON: ([j]) => {
      try {
        return fromJS(JSON.parse(str(j ?? '')));
      } catch {
        return '{}';
      }
    },
    structToJSON: ([v]) => (v === null || v === undefined ? '{}' : toGoJsonText(v)),
    protoToJSON: ([v]) => (v instanceof ProtoStruct ? (v.typeName.endsWith('ProxyConfig') ? cachedProxyConfigJSON(v.proto) : goJson(v.proto)) : '{}'),
    toYaml: ([v]) => {
      try {
        return marshalPlainYaml(plain(v ?? null));
      } catch {
        return '';
      }
    },
    indent: ([spaces, source]) => {
      const n = Number(spaces instanceof GoInt ? intValue(spaces) : typeof spaces === 'bigint' ? spaces : (spaces ?? 0));
      const pad = ' '.repeat(Math.max(0, n));
      return str(source ?? '')
        .split('\n')
        .map((line, i) => (i > 0 ? pad + line : line))
        .join('\n');
    },
    directory: ([p]) => {
      const s = str(p ?? '');
      return s.slice(0, s.lastIndexOf('/') + 1);
    },
    contains: ([needle, haystack]) => str(haystack ?? '').includes(str(needle ?? '')),
    toLower: ([s]) => str(s ?? '').toLowerCase(),
    appendMultusNetwork: ([existing, net]) => appendMultusNetwork(str(existing ?? ''), str(net ?? '')),
    env: ([key, def]) => {
      const v = env[str(key ?? '')];
      return v === undefined || v === '' ? str(def ?? '') : v;
    },
    omit: ([dict, ...keys]) => {
      const drop = new Set(keys.map((k) => str(k)));
      const out = new Map<string, string>();
      for (const [k, v] of stringMap(dict ?? null)) if (!drop.has(k)) out.set(k, v);
      return toGoStringMap(out);
    },
    strdict: (args) => {
      const out = new Map<string, string>();
      for (let i = 0; i < args.length; i += 2) out.set(str(args[i]), i + 1 < args.length ? str(args[i + 1]) : '');
      return toGoStringMap(out);
    },
    toJsonMap: (maps) => {
      const m = mergeStringMaps(maps);
      return m === null ? 'null' : goJson(Object.fromEntries(m));
    },
    mergeMaps: (maps) => {
      const m = mergeStringMaps(maps);
      return m === null ? null : toGoStringMap(m);
    },
    omitNil: ([v]) => omitNil(v ?? null),
    otelResourceAttributes: ([mc, annos, labels, ns, containers]) =>
      otelResourceAttributes(mc ?? null, stringMap(annos ?? null), stringMap(labels ?? null), str(ns ?? ''), containersOf(containers ?? null)),
  };
}

export { FuncError };
