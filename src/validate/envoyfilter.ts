/**
 * EnvoyFilter rules of Istio's ValidateEnvoyFilter: the standing "internal implementation details"
 * warning, the workload selector, per patch: applyTo/patch/operation/value presence, the proxy
 * version regex, which match kinds each applyTo accepts, listener filter and sub-filter matches,
 * deprecated filter names, and a check of the patch value as Envoy would read it.
 *
 * Istio decodes the value into the Envoy proto for the applyTo kind; sailctl has no Envoy protos,
 * so it checks what can be known without them: the `name` field's type, `@type` references to the
 * removed v2 xDS API (and other unversioned envoy packages), and filters named without a
 * typed_config (a warning). Unknown fields inside the value are not reported.
 */
import { arr, obj, str, type JsonObject } from '../analyze/resource.js';
import { q, regexpError, type Sink } from './rules.js';
import type { SemanticResult } from './semantic.js';
import { sinkFor } from './workload.js';

const present = (v: unknown): boolean => v !== undefined && v !== null;
const HCM = 'envoy.filters.network.http_connection_manager';
const INTERNALS_WARNING = 'EnvoyFilter exposes internal implementation details that may change at any time. Prefer other APIs if possible, and exercise extreme caution, especially around upgrades.';

// Pre-v3 filter names and the canonical names that replace them (Istio's xds.DeprecatedFilterNames).
const NETWORK_NAMES: Record<string, string> = {
  'envoy.client_ssl_auth': 'envoy.filters.network.client_ssl_auth',
  'envoy.ext_authz': 'envoy.filters.network.ext_authz',
  'envoy.http_connection_manager': HCM,
  'envoy.mongo_proxy': 'envoy.filters.network.mongo_proxy',
  'envoy.ratelimit': 'envoy.filters.network.ratelimit',
  'envoy.redis_proxy': 'envoy.filters.network.redis_proxy',
  'envoy.tcp_proxy': 'envoy.filters.network.tcp_proxy',
};
const HTTP_NAMES: Record<string, string> = {
  'envoy.buffer': 'envoy.filters.http.buffer',
  'envoy.cors': 'envoy.filters.http.cors',
  'envoy.csrf': 'envoy.filters.http.csrf',
  'envoy.http_dynamo_filter': 'envoy.filters.http.dynamo',
  'envoy.ext_authz': 'envoy.filters.http.ext_authz',
  'envoy.fault': 'envoy.filters.http.fault',
  'envoy.grpc_http1_bridge': 'envoy.filters.http.grpc_http1_bridge',
  'envoy.grpc_json_transcoder': 'envoy.filters.http.grpc_json_transcoder',
  'envoy.grpc_web': 'envoy.filters.http.grpc_web',
  'envoy.gzip': 'envoy.filters.http.gzip',
  'envoy.health_check': 'envoy.filters.http.health_check',
  'envoy.ip_tagging': 'envoy.filters.http.ip_tagging',
  'envoy.lua': 'envoy.filters.http.lua',
  'envoy.rate_limit': 'envoy.filters.http.ratelimit',
  'envoy.router': 'envoy.filters.http.router',
  'envoy.squash': 'envoy.filters.http.squash',
  'envoy.listener.http_inspector': 'envoy.filters.listener.http_inspector',
  'envoy.listener.original_dst': 'envoy.filters.listener.original_dst',
  'envoy.listener.original_src': 'envoy.filters.listener.original_src',
  'envoy.listener.proxy_protocol': 'envoy.filters.listener.proxy_protocol',
  'envoy.listener.tls_inspector': 'envoy.filters.listener.tls_inspector',
};

/** Istio's reverse map holds one replacement per old name; filters prefer the network one. */
function deprecatedNameWarning(name: string, subFilter: boolean): string | undefined {
  const replacement = subFilter ? (HTTP_NAMES[name] ?? NETWORK_NAMES[name]) : (NETWORK_NAMES[name] ?? HTTP_NAMES[name]);
  return replacement ? `using deprecated filter name ${q(name)}; use ${q(replacement)} instead` : undefined;
}

/** protojson accepts both the proto name and the JSON (camelCase) name of a field. */
function field(o: JsonObject, snake: string): unknown {
  const camel = snake.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return o[snake] ?? o[camel];
}

/** Go's encoding/json name for a JSON value's type, as its UnmarshalTypeError prints it. */
function jsonTypeName(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  return 'object';
}

/**
 * The first `@type` Istio's proto registry would not resolve: the v2 xDS API (removed) and
 * envoy packages without a version segment (v2-era `envoy.type.*`). TypedStruct payloads are
 * opaque, so they are not searched.
 */
function unresolvableType(v: unknown, path: string): { url: string; path: string } | undefined {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const t = unresolvableType(v[i], `${path}[${i}]`);
      if (t) return t;
    }
    return undefined;
  }
  if (v === null || typeof v !== 'object') return undefined;
  const o = v as JsonObject;
  const url = o['@type'];
  if (typeof url === 'string') {
    const fullName = url.slice(url.lastIndexOf('/') + 1);
    const pkg = fullName.split('.').slice(0, -1);
    if (pkg[0] === 'envoy') {
      const version = pkg.find((p) => /^v\d+((alpha|beta)\d*)?$/.test(p));
      if (!version || /^v[12]((alpha|beta)\d*)?$/.test(version)) return { url, path: `${path}.@type` };
    }
    if (/\.TypedStruct$/.test(fullName)) return undefined;
  }
  for (const [k, x] of Object.entries(o)) {
    if (k === '@type') continue;
    const t = unresolvableType(x, `${path}.${k}`);
    if (t) return t;
  }
  return undefined;
}

/**
 * Names of filter-like messages (they have a typed_config field) that set neither typed_config
 * nor config_discovery, children before their parent as Istio's walk reports them.
 */
function withoutTypedConfig(value: JsonObject, applyTo: string): string[] {
  const out: string[] = [];
  const filterLike = (v: unknown): void => {
    if (!present(v) || typeof v !== 'object') return;
    const o = obj(v);
    if (!present(field(o, 'typed_config')) && !present(field(o, 'config_discovery'))) out.push(str(o['name']));
  };
  const filterChain = (v: unknown): void => {
    if (!present(v)) return;
    const fc = obj(v);
    arr(fc['filters']).forEach(filterLike);
    filterLike(field(fc, 'transport_socket'));
  };
  switch (applyTo) {
    case 'NETWORK_FILTER':
    case 'HTTP_FILTER':
    case 'LISTENER_FILTER':
    case 'EXTENSION_CONFIG':
      filterLike(value);
      break;
    case 'FILTER_CHAIN':
      filterChain(value);
      break;
    case 'LISTENER':
      arr(field(value, 'filter_chains')).forEach(filterChain);
      arr(field(value, 'listener_filters')).forEach(filterLike);
      arr(field(value, 'access_log')).forEach(filterLike);
      filterChain(field(value, 'default_filter_chain'));
      break;
    case 'CLUSTER':
      filterLike(field(value, 'transport_socket'));
      filterLike(field(value, 'cluster_type'));
      arr(field(value, 'transport_socket_matches')).forEach((m) => filterLike(field(obj(m), 'transport_socket')));
      arr(field(value, 'filters')).forEach(filterLike);
      arr(field(obj(field(value, 'load_balancing_policy')), 'policies')).forEach((p) => filterLike(field(obj(p), 'typed_extension_config')));
      break;
  }
  return out;
}

/** `at` is the field-map path of the patch value. */
function validatePatchValue(applyTo: string, value: unknown, at: string, out: Sink): void {
  if (!present(value)) return;
  const v = obj(value);
  const name = v['name'];
  // Every patchable object but the bootstrap has a string `name`.
  if (applyTo !== 'BOOTSTRAP' && present(name) && typeof name !== 'string') {
    out.error(`Envoy filter: json: cannot unmarshal ${jsonTypeName(name)} into Go value of type string`, `{${at}.name}`);
    return;
  }
  const unknown = unresolvableType(v, at);
  if (unknown) {
    const hint = unknown.url.includes('.v2.') ? ' (hint: try using the v3 XDS API)' : '';
    out.error(`referenced type unknown${hint}: Envoy filter: could not resolve Any message type: ${unknown.url}`, `{${unknown.path}}`);
    return;
  }
  const missing = withoutTypedConfig(v, applyTo);
  if (missing.length > 0) out.warn(`using deprecated types by name without typed_config; ${missing.join(', ')}`);
}

const LISTENER_CLASS = new Set(['LISTENER', 'FILTER_CHAIN', 'NETWORK_FILTER', 'HTTP_FILTER']);
const ROUTE_CLASS = new Set(['ROUTE_CONFIGURATION', 'VIRTUAL_HOST', 'HTTP_ROUTE']);

/** The listener-class match rules; returns false when Istio stops checking this patch. */
function validateListenerMatch(applyTo: string, match: JsonObject, i: number, out: Sink): boolean {
  const at = (p: string): string => `{.spec.configPatches[${i}].${p}}`;
  if (!present(match['listener'])) {
    out.error('Envoy filter: applyTo for listener class objects cannot have non listener match', at('applyTo'));
    return false;
  }
  const filter = obj(obj(obj(match['listener'])['filterChain'])['filter']);
  if (!present(obj(obj(match['listener'])['filterChain'])['filter'])) return true;
  if (applyTo === 'LISTENER' || applyTo === 'FILTER_CHAIN') out.warn(`Envoy filter: filter match has no effect when used with ${applyTo}`);
  const name = str(filter['name']);
  if (name === '') {
    out.error('Envoy filter: filter match has no name to match on', at('match.listener.filterChain.filter'));
    return false;
  }
  if (present(filter['subFilter'])) {
    if (applyTo !== 'HTTP_FILTER') {
      out.error('Envoy filter: subfilter match can be used with applyTo HTTP_FILTER only', at('applyTo'));
      return false;
    }
    if (name !== HCM && name !== 'envoy.http_connection_manager') {
      out.error(`Envoy filter: subfilter match requires filter match with ${HCM}`, at('match.listener.filterChain.filter.name'));
      return false;
    }
    if (str(obj(filter['subFilter'])['name']) === '') {
      out.error('Envoy filter: subfilter match has no name to match on', at('match.listener.filterChain.filter.subFilter'));
      return false;
    }
  }
  out.warn(deprecatedNameWarning(name, false));
  out.warn(deprecatedNameWarning(str(obj(filter['subFilter'])['name']), true));
  return true;
}

export function validateEnvoyFilter(spec: JsonObject, r: SemanticResult): void {
  const out = sinkFor(r);
  const selector = spec['workloadSelector'];
  if (present(selector)) {
    // Selector errors end validation before anything else, the standing warning included.
    const labels = Object.entries(obj(obj(selector)['labels']));
    let bad = false;
    for (const [k, raw] of labels) {
      const v = typeof raw === 'string' ? raw : String(raw);
      if (k === '') out.error(`empty key is not supported in selector: ${q(`${k}=${v}`)}`, '{.spec.workloadSelector.labels}');
      if (k.includes('*') || v.includes('*')) out.error(`wildcard is not supported in selector: ${q(`${k}=${v}`)}`, `{.spec.workloadSelector.labels.${k}}`);
      bad ||= k === '' || k.includes('*') || v.includes('*');
    }
    if (bad) return;
  }
  out.warn(INTERNALS_WARNING);
  if (present(selector) && Object.keys(obj(obj(selector)['labels'])).length === 0) {
    out.warn('Envoy filter: workload selector specified without labels, will be applied to all services in namespace');
  }
  arr(spec['configPatches']).forEach((cp, i) => {
    const at = (p: string): string => `{.spec.configPatches[${i}].${p}}`;
    if (!present(cp)) {
      out.error('Envoy filter: null config patch');
      return;
    }
    const o = obj(cp);
    const match = obj(o['match']);
    if (str(match['context']) === 'WAYPOINT') return;
    const applyTo = str(o['applyTo']);
    if (applyTo === '' || applyTo === 'INVALID') {
      out.error('Envoy filter: missing applyTo', at('applyTo'));
      return;
    }
    if (!present(o['patch'])) {
      out.error('Envoy filter: missing patch', at('applyTo'));
      return;
    }
    const patch = obj(o['patch']);
    const operation = str(patch['operation']);
    if (operation === '' || operation === 'INVALID') {
      out.error('Envoy filter: missing patch operation', at('applyTo'));
      return;
    }
    if (operation !== 'REMOVE' && !present(patch['value'])) {
      out.error('Envoy filter: missing patch value for non-remove operation', at('patch.operation'));
      return;
    }
    const proxyVersion = str(obj(match['proxy'])['proxyVersion']);
    if (proxyVersion !== '') {
      const e = regexpError(proxyVersion);
      if (e) {
        out.error(`Envoy filter: invalid regex for proxy version, [${e}]`, at('match.proxy.proxyVersion'));
        return;
      }
    }
    const hasObjectMatch = ['listener', 'routeConfiguration', 'cluster'].some((k) => present(match[k]));
    if (LISTENER_CLASS.has(applyTo) && hasObjectMatch) {
      if (!validateListenerMatch(applyTo, match, i, out)) return;
    } else if (ROUTE_CLASS.has(applyTo) && hasObjectMatch && !present(match['routeConfiguration'])) {
      out.error('Envoy filter: applyTo for http route class objects cannot have non route configuration match', at('applyTo'));
    } else if (applyTo === 'CLUSTER' && hasObjectMatch && !present(match['cluster'])) {
      out.error('Envoy filter: applyTo for cluster class objects cannot have non cluster match', at('applyTo'));
    }
    validatePatchValue(applyTo, patch['value'], `.spec.configPatches[${i}].patch.value`, out);
  });
}
