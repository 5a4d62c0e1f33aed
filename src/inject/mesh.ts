/**
 * Istio's MeshConfig and ProxyConfig as the injector needs them: the defaults istiod starts from,
 * the merge rules for a mesh config file or ConfigMap (everything overrides, except defaultConfig
 * which merges, extensionProviders which merge by name and trustDomainAliases which union), the
 * proxy.istio.io/config annotation merged over defaultConfig, and the canonical protobuf JSON of
 * a ProxyConfig (protoToJSON in templates). Values are kept in protobuf-JSON form (camelCase keys,
 * durations as "45s", enums by name) as plain objects.
 */
import { parseYamlDocuments } from '../util/yaml.js';

export type Proto = { [key: string]: unknown };

/** ProxyConfig fields in .proto declaration order (protobuf JSON prints them in this order). */
const PROXY_FIELDS: ReadonlyArray<readonly [string, FieldKind]> = [
  ['configPath', 'string'],
  ['binaryPath', 'string'],
  ['serviceCluster', 'string'],
  ['tracingServiceName', 'enum'],
  ['drainDuration', 'duration'],
  ['discoveryAddress', 'string'],
  ['discoveryRefreshDelay', 'duration'],
  ['zipkinAddress', 'string'],
  ['statsdUdpAddress', 'string'],
  ['envoyMetricsServiceAddress', 'string'],
  ['proxyAdminPort', 'int32'],
  ['availabilityZone', 'string'],
  ['controlPlaneAuthPolicy', 'enum'],
  ['customConfigFile', 'string'],
  ['statNameLength', 'int32'],
  ['concurrency', 'int32wrapper'],
  ['proxyBootstrapTemplatePath', 'string'],
  ['interceptionMode', 'enum'],
  ['tracing', 'message'],
  ['sds', 'message'],
  ['envoyAccessLogService', 'message'],
  ['envoyMetricsService', 'message'],
  ['proxyMetadata', 'stringmap'],
  ['runtimeValues', 'stringmap'],
  ['statusPort', 'int32'],
  ['extraStatTags', 'strings'],
  ['gatewayTopology', 'message'],
  ['terminationDrainDuration', 'duration'],
  ['meshId', 'string'],
  ['readinessProbe', 'message'],
  ['proxyStatsMatcher', 'message'],
  ['holdApplicationUntilProxyStarts', 'boolwrapper'],
  ['caCertificatesPem', 'strings'],
  ['image', 'message'],
  ['privateKeyProvider', 'message'],
  ['proxyHeaders', 'message'],
  ['fileFlushInterval', 'duration'],
  ['fileFlushMinSizeKb', 'uint32'],
  ['statsCompression', 'boolwrapper'],
  ['connectionSettings', 'message'],
];

type FieldKind = 'string' | 'enum' | 'duration' | 'int32' | 'uint32' | 'int32wrapper' | 'boolwrapper' | 'message' | 'stringmap' | 'strings';

const PROXY_FIELD_KIND = new Map(PROXY_FIELDS);
/** protobuf JSON also accepts the original snake_case field names. */
const SNAKE_TO_CAMEL = new Map(PROXY_FIELDS.map(([name]) => [name.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase()), name]));

const ENUMS: Record<string, readonly string[]> = {
  interceptionMode: ['REDIRECT', 'TPROXY', 'NONE'],
  controlPlaneAuthPolicy: ['NONE', 'MUTUAL_TLS'],
  tracingServiceName: ['APP_LABEL_AND_NAMESPACE', 'CANONICAL_NAME_ONLY', 'CANONICAL_NAME_AND_NAMESPACE'],
};

export function defaultProxyConfig(): Proto {
  return {
    configPath: './etc/istio/proxy',
    binaryPath: '/usr/local/bin/envoy',
    serviceCluster: 'istio-proxy',
    drainDuration: '45s',
    discoveryAddress: 'istiod.istio-system.svc:15012',
    proxyAdminPort: 15000,
    controlPlaneAuthPolicy: 'MUTUAL_TLS',
    statNameLength: 189,
    statusPort: 15020,
    terminationDrainDuration: '5s',
  };
}

export function defaultMeshConfig(): Proto {
  return {
    enableTracing: true,
    accessLogEncoding: 'TEXT',
    protocolDetectionTimeout: '0s',
    ingressService: 'istio-ingressgateway',
    ingressControllerMode: 'STRICT',
    ingressClass: 'istio',
    trustDomain: 'cluster.local',
    trustDomainAliases: [],
    enableAutoMtls: true,
    outboundTrafficPolicy: { mode: 'ALLOW_ANY' },
    inboundTrafficPolicy: { mode: 'PASSTHROUGH' },
    localityLbSetting: { enabled: true },
    certificates: [],
    defaultConfig: defaultProxyConfig(),
    rootNamespace: 'istio-system',
    proxyListenPort: 15001,
    proxyInboundListenPort: 15006,
    connectTimeout: '10s',
    defaultServiceExportTo: ['*'],
    defaultVirtualServiceExportTo: ['*'],
    defaultDestinationRuleExportTo: ['*'],
    dnsRefreshRate: '60s',
    serviceSettings: [],
    enablePrometheusMerge: true,
    defaultProviders: {},
    extensionProviders: [
      { name: 'prometheus', prometheus: {} },
      { name: 'stackdriver', stackdriver: {} },
      { name: 'envoy', envoyFileAccessLog: { path: '/dev/stdout' } },
    ],
  };
}

export class MeshConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MeshConfigError';
  }
}

function isObject(v: unknown): v is Proto {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readYamlMap(text: string, what: string): Proto {
  let docs;
  try {
    docs = parseYamlDocuments(text);
  } catch (e) {
    throw new MeshConfigError(`could not parse ${what}: ${(e as Error).message}`);
  }
  const data = docs[0]?.data ?? {};
  if (data === null) return {};
  if (!isObject(data)) throw new MeshConfigError(`could not parse ${what}: expected a map, got ${Array.isArray(data) ? 'a list' : typeof data}`);
  return data;
}

/** Proto merge semantics of jsonpb unmarshalling into an existing message: messages merge, the rest replaces. */
function protoMerge(base: Proto, over: Proto): Proto {
  const out: Proto = { ...base };
  for (const [k, v] of Object.entries(over)) {
    if (v === null) continue;
    const cur = out[k];
    out[k] = isObject(cur) && isObject(v) ? protoMerge(cur, v) : v;
  }
  return out;
}

/** Applies a ProxyConfig given as YAML over `base` (istio's MergeProxyConfig). */
export function mergeProxyConfig(yamlText: string, base: Proto): Proto {
  const patch = normalizeProxyConfig(readYamlMap(yamlText, 'proxy config'));
  const merged = protoMerge(base, patch);
  if (isObject(base['proxyMetadata']) || isObject(patch['proxyMetadata'])) {
    merged['proxyMetadata'] = { ...(base['proxyMetadata'] as Proto | undefined), ...(patch['proxyMetadata'] as Proto | undefined) };
  }
  return merged;
}

/** Checks field types the way protobuf JSON decoding would reject them, and camel-cases names. */
export function normalizeProxyConfig(raw: Proto): Proto {
  const out: Proto = {};
  for (const [key, value] of Object.entries(raw)) {
    const name = SNAKE_TO_CAMEL.get(key) ?? key;
    const kind = PROXY_FIELD_KIND.get(name);
    if (!kind || value === null) {
      if (value !== null) out[name] = value; // unknown fields are tolerated, as istiod does
      continue;
    }
    out[name] = checkKind(name, kind, value);
  }
  return out;
}

function checkKind(name: string, kind: FieldKind, value: unknown): unknown {
  const bad = (): never => {
    throw new MeshConfigError(`could not parse proxy config: invalid value for ${kind} field ${name}: ${JSON.stringify(value)}`);
  };
  switch (kind) {
    case 'string':
      return typeof value === 'string' ? value : bad();
    case 'enum': {
      const names = ENUMS[name];
      if (typeof value === 'number' && names && names[value] !== undefined) return names[value];
      return typeof value === 'string' && (!names || names.includes(value)) ? value : bad();
    }
    case 'duration':
      return typeof value === 'string' && /^-?\d+(\.\d+)?s$/.test(value) ? value : bad();
    case 'int32':
    case 'uint32':
    case 'int32wrapper': {
      const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) return bad();
      if (kind === 'uint32' ? n < 0 || n > 0xffffffff : n < -0x80000000 || n > 0x7fffffff) return bad();
      return n;
    }
    case 'boolwrapper':
      return typeof value === 'boolean' ? value : bad();
    case 'stringmap':
      if (!isObject(value)) return bad();
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : bad()]));
    case 'strings':
      return Array.isArray(value) && value.every((s) => typeof s === 'string') ? value : bad();
    case 'message':
      return isObject(value) ? value : bad();
  }
}

/** The semantic checks istiod applies to an annotation's ProxyConfig (a subset of agent validation). */
export function validateProxyConfig(pc: Proto): string[] {
  const errs: string[] = [];
  if (!pc['configPath']) errs.push('config path must be set');
  if (!pc['binaryPath']) errs.push('binary path must be set');
  const drain = pc['drainDuration'];
  if (typeof drain === 'string' && parseSeconds(drain) <= 0) errs.push('duration must be greater than 1ms');
  const addr = pc['discoveryAddress'];
  if (!addr) errs.push('discovery address must be set to the proxy discovery service');
  else if (typeof addr === 'string' && !/^[^:]+:\d+$/.test(addr) && !/^\[.+\]:\d+$/.test(addr)) errs.push(`invalid discovery address: ${addr}`);
  const port = pc['statusPort'];
  if (typeof port === 'number' && (port < 1 || port > 65535)) errs.push(`invalid status port: port number ${port} must be in the range 1..65535`);
  const admin = pc['proxyAdminPort'];
  if (typeof admin === 'number' && (admin < 1 || admin > 65535)) errs.push(`invalid proxy admin port: port number ${admin} must be in the range 1..65535`);
  const conc = pc['concurrency'];
  if (typeof conc === 'number' && conc < 0) errs.push('concurrency must be greater than or equal to 0');
  return errs;
}

function parseSeconds(d: string): number {
  return Number(d.slice(0, -1));
}

/**
 * Reads mesh config YAML with Istio's defaults and merge rules (mesh.ApplyMeshConfigDefaults).
 */
export function applyMeshConfig(yamlText: string, defaults: Proto = defaultMeshConfig()): Proto {
  const raw = readYamlMap(yamlText, 'mesh config');
  const prevProxy = defaults['defaultConfig'] as Proto;
  const prevProviders = (defaults['extensionProviders'] as Proto[] | undefined) ?? [];
  const prevAliases = (defaults['trustDomainAliases'] as string[] | undefined) ?? [];
  const out = protoMerge({ ...defaults, defaultConfig: prevProxy }, { ...raw, defaultConfig: null, defaultProviders: null, extensionProviders: null });
  if (isObject(raw['defaultConfig'])) out['defaultConfig'] = mergeProxyConfigObject(raw['defaultConfig'], prevProxy);
  if (isObject(raw['defaultProviders'])) out['defaultProviders'] = protoMerge((defaults['defaultProviders'] as Proto) ?? {}, raw['defaultProviders']);
  const providers = prevProviders.map((p) => ({ ...p }));
  for (const p of Array.isArray(raw['extensionProviders']) ? (raw['extensionProviders'] as Proto[]) : []) {
    const i = providers.findIndex((e) => e['name'] === p['name']);
    if (i >= 0) providers[i] = p;
    else providers.push(p);
  }
  out['extensionProviders'] = providers;
  const aliases = new Set([...(Array.isArray(raw['trustDomainAliases']) ? (raw['trustDomainAliases'] as string[]) : []), ...prevAliases]);
  out['trustDomainAliases'] = [...aliases].sort();
  return out;
}

function mergeProxyConfigObject(patchRaw: Proto, base: Proto): Proto {
  const patch = normalizeProxyConfig(patchRaw);
  const merged = protoMerge(base, patch);
  merged['proxyMetadata'] = { ...(base['proxyMetadata'] as Proto | undefined), ...(patch['proxyMetadata'] as Proto | undefined) };
  if (Object.keys(merged['proxyMetadata'] as Proto).length === 0) delete merged['proxyMetadata'];
  return merged;
}

/**
 * protoToJSON of a ProxyConfig as the injection template prints it: fields equal to istio's
 * defaults are cleared first (cleanProxyConfig), then canonical protobuf JSON (declaration
 * order, default values omitted, maps sorted).
 */
export function proxyConfigToJSON(pc: Proto): string {
  const defaults = defaultProxyConfig();
  const cleaned: Proto = { ...pc };
  for (const k of ['configPath', 'binaryPath', 'controlPlaneAuthPolicy', 'serviceCluster', 'drainDuration', 'terminationDrainDuration', 'discoveryAddress', 'proxyAdminPort', 'statNameLength', 'statusPort']) {
    if (cleaned[k] !== undefined && JSON.stringify(cleaned[k]) === JSON.stringify(defaults[k])) delete cleaned[k];
  }
  const parts: string[] = [];
  const known = new Set<string>();
  for (const [name, kind] of PROXY_FIELDS) {
    known.add(name);
    const v = cleaned[name];
    if (v === undefined || v === null) continue;
    if (isProtoDefault(kind, name, v)) continue;
    parts.push(`${JSON.stringify(name)}:${kind === 'stringmap' ? protoJsonValue(sortedKeys(v as Proto)) : protoJsonValue(v)}`);
  }
  return `{${parts.join(',')}}`;
}

function isProtoDefault(kind: FieldKind, name: string, v: unknown): boolean {
  switch (kind) {
    case 'string':
    case 'duration':
      return v === '';
    case 'int32':
    case 'uint32':
      return v === 0;
    case 'enum':
      return v === ENUMS[name]?.[0];
    case 'stringmap':
      return isObject(v) && Object.keys(v).length === 0;
    case 'strings':
      return Array.isArray(v) && v.length === 0;
    default:
      return false;
  }
}

/** protobuf JSON prints map fields with their keys sorted. */
function sortedKeys(m: Proto): Proto {
  return Object.fromEntries(Object.keys(m).sort().map((k) => [k, m[k]]));
}

function protoJsonValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(protoJsonValue).join(',')}]`;
  if (isObject(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== null && v[k] !== undefined);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${protoJsonValue(v[k])}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/** Protobuf JSON duration text to Go's time.Duration String() ("45s", "1m30s", "500ms"). */
export function formatGoDuration(protoDuration: string): string {
  const seconds = Number(protoDuration.replace(/s$/, ''));
  if (!Number.isFinite(seconds)) return protoDuration;
  let ns = BigInt(Math.round(seconds * 1e9));
  if (ns === 0n) return '0s';
  const neg = ns < 0n;
  if (neg) ns = -ns;
  let out: string;
  if (ns < 1_000_000_000n) {
    const units: Array<[bigint, string]> = [
      [1_000_000n, 'ms'],
      [1_000n, 'µs'],
      [1n, 'ns'],
    ];
    const [div, unit] = units.find(([d]) => ns >= d) ?? [1n, 'ns'];
    out = fraction(ns, div) + unit;
  } else {
    const h = ns / 3_600_000_000_000n;
    const m = (ns / 60_000_000_000n) % 60n;
    const s = fraction(ns % 60_000_000_000n, 1_000_000_000n);
    out = (h > 0n ? `${h}h` : '') + (h > 0n || m > 0n ? `${m}m` : '') + `${s}s`;
  }
  return neg ? '-' + out : out;
}

function fraction(v: bigint, div: bigint): string {
  const whole = v / div;
  const rem = v % div;
  if (rem === 0n) return String(whole);
  const digits = String(div).length - 1;
  return `${whole}.${String(rem).padStart(digits, '0').replace(/0+$/, '')}`;
}
