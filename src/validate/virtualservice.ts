/**
 * VirtualService rules of Istio's ValidateVirtualService: delegate constraints, hosts (and duplicate
 * hosts), gateways, HTTP/TLS/TCP routes, matches, headers, CORS, faults, retries, redirects,
 * rewrites, mirrors, destinations and weights, exportTo, and the unreachable-rule analysis that
 * produces IST0130/IST0131.
 */
import { arr, num, obj, str, strs, type JsonObject } from '../analyze/resource.js';
import {
  hostSubsetOf,
  hostsMatch,
  isDNS1123Label,
  isIPAddress,
  q,
  validateDuration,
  validateExportTo,
  validateFQDN,
  validateIPSubnet,
  validateLabels,
  validatePort,
  validateStringMatch,
  validateStringRegexp,
  validateWildcardDomain,
} from './rules.js';
import type { SemanticResult } from './semantic.js';

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const PSEUDO_HEADERS = new Set([':method', ':scheme', ':authority', ':path', ':status']);
const CORS_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', '*']);
const RETRY_ON = new Set([
  '5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'retriable-4xx', 'refused-stream',
  'retriable-status-codes', 'retriable-headers', 'envoy-ratelimited', 'http3-post-connect-failure',
  'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable',
]);
const GRPC_STATUS = new Set([
  'OK', 'CANCELLED', 'UNKNOWN', 'INVALID_ARGUMENT', 'DEADLINE_EXCEEDED', 'NOT_FOUND', 'ALREADY_EXISTS', 'PERMISSION_DENIED',
  'RESOURCE_EXHAUSTED', 'FAILED_PRECONDITION', 'ABORTED', 'OUT_OF_RANGE', 'UNIMPLEMENTED', 'INTERNAL', 'UNAVAILABLE',
  'DATA_LOSS', 'UNAUTHENTICATED',
]);
// Go's http.StatusText knows these codes; retryOn accepts any of them as a number.
const HTTP_STATUS_TEXT = new Set([
  100, 101, 102, 103, 200, 201, 202, 203, 204, 205, 206, 207, 208, 226, 300, 301, 302, 303, 304, 305, 307, 308, 400, 401, 402,
  403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 418, 421, 422, 423, 424, 425, 426, 428, 429, 431,
  451, 500, 501, 502, 503, 504, 505, 506, 507, 508, 510, 511,
]);
const JWT_CLAIM_PREFIX = '@request.auth.claims';

function isJwtClaimRoute(name: string): boolean {
  if (!name.toLowerCase().startsWith(JWT_CLAIM_PREFIX)) return false;
  const rest = name.slice(JWT_CLAIM_PREFIX.length);
  return (rest.startsWith('.') && rest.length > 1) || (rest.startsWith('[') && rest.endsWith(']') && rest.length > 2);
}

function headerNameOrClaim(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (isJwtClaimRoute(name) || PSEUDO_HEADERS.has(name)) return undefined;
  return HEADER_NAME.test(name) ? undefined : `header name ${name} is not a valid header name`;
}

const isInternalHeader = (h: string): boolean => h.startsWith(':') || h.toLowerCase() === 'host';
const isAuthorityHeader = (h: string): boolean => h.toLowerCase() === ':authority' || h.toLowerCase() === 'host';

function headerWithAuthorityOperation(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (isInternalHeader(name) && !isAuthorityHeader(name)) return `invalid header ${q(name)}: header cannot have ":" prefix`;
  return undefined;
}

function headerOperation(name: string): string | undefined {
  if (name === '') return 'header name cannot be empty';
  if (name.toLowerCase() === 'host') return `invalid header ${q(name)}: cannot set Host header`;
  if (isInternalHeader(name)) return `invalid header ${q(name)}: header cannot have ":" prefix`;
  return undefined;
}

function headerValue(value: string): string | undefined {
  return /[\u0000-\u0008\u000A-\u001F\u007F]/.test(value) ? `header value configuration ${value} is invalid` : undefined;
}

/** Request/response header operations (route-level and destination-level share the rules). */
function validateHeaderOperations(headers: unknown, push: (m: string | undefined) => void): void {
  const h = obj(headers);
  const req = obj(h['request']);
  const res = obj(h['response']);
  for (const [k, v] of [...Object.entries(obj(req['add'])), ...Object.entries(obj(req['set']))]) {
    push(headerWithAuthorityOperation(k));
    push(headerValue(str(v)));
  }
  for (const k of strs(req['remove'])) push(headerOperation(k));
  for (const [k, v] of [...Object.entries(obj(res['add'])), ...Object.entries(obj(res['set']))]) {
    push(headerOperation(k));
    push(headerValue(str(v)));
  }
  for (const k of strs(res['remove'])) push(headerOperation(k));
}

/** `gatewaySemantics` (only for the VirtualService's own gateways): names generated from Gateway API ones may hold dots. */
function validateGatewayNames(names: string[], push: (m: string | undefined) => void, warn: (m: string) => void, gatewaySemantics = false): void {
  for (const g of names) {
    const slash = g.indexOf('/');
    if (slash < 0) {
      if (g.includes('.')) {
        const parts = g.split('.');
        warn(`using legacy gatewayName format ${q(g)}; prefer the <namespace>/<name> format: ${q(`${parts[1]}/${parts[0]}`)}`);
      }
      push(validateFQDN(g));
      // Istio stops at the first gateway name without a namespace.
      return;
    }
    const ns = g.slice(0, slash);
    const name = g.slice(slash + 1);
    if (ns === '' || name === '') push('config namespace and gateway name cannot be empty');
    if (!isDNS1123Label(ns)) push(`invalid value for namespace: ${q(ns)}`);
    if (!isDNS1123Label(name) && !gatewaySemantics) push(`invalid value for gateway name: ${q(name)}`);
  }
}

export function validateDestination(d: unknown, push: (m: string | undefined) => void): void {
  if (d === undefined || d === null) return;
  const o = obj(d);
  const host = str(o['host']);
  push(host === '*' ? `invalid destination host ${host}` : validateWildcardDomain(host));
  if (o['subset'] !== undefined && str(o['subset']) !== '') {
    const s = str(o['subset']);
    if (!isDNS1123Label(s)) push(`subset name is invalid: ${s}`);
  }
  if (o['port'] !== undefined && o['port'] !== null) push(validatePort(num(obj(o['port'])['number'])));
}

/** `gatewaySemantics`: destinations generated from Gateway API backends are not checked as Istio hosts. */
function validateRouteDestinations(routes: unknown[], http: boolean, push: (m: string | undefined) => void, gatewaySemantics: boolean): void {
  let total = 0;
  for (const rd of routes) {
    if (rd === null || rd === undefined) {
      push('weight may not be nil');
      continue;
    }
    const o = obj(rd);
    if (o['destination'] === undefined || o['destination'] === null) push('destination is required');
    if (http) validateHeaderOperations(o['headers'], push);
    if (!gatewaySemantics) validateDestination(o['destination'], push);
    const w = num(o['weight']) ?? 0;
    if (w < 0) push(`weight ${w} < 0`);
    total += w;
  }
  if (routes.length > 1 && total === 0) push('total destination weight = 0');
}

function percentage(p: unknown): string | undefined {
  if (p === undefined || p === null) return undefined;
  const v = num(obj(p)['value']) ?? 0;
  if (v < 0 || v > 100 || (v > 0 && v < 0.0001)) return `percentage ${v} is neither 0.0, nor in range [0.0001, 100.0]`;
  return undefined;
}

/** Go's %f. */
const goFloat = (v: number): string => v.toFixed(6);

function validateHTTPRoute(route: JsonObject, delegate: boolean, gatewaySemantics: boolean, push: (m: string | undefined) => void, warn: (m: string) => void): void {
  const has = (k: string): boolean => route[k] !== undefined && route[k] !== null;
  const routes = arr(route['route']);
  const name = str(route['name']);
  // Route conflicts.
  if (!delegate && has('delegate')) {
    if (has('redirect')) push(`root HTTP route ${name} must not specify redirect`);
    if (has('route')) push(`root HTTP route ${name} must not specify route`);
  } else {
    if (delegate && has('delegate')) push('delegate HTTP route cannot contain delegate');
    if (has('redirect')) {
      if (routes.length > 0) push('HTTP route cannot contain both route and redirect');
      if (has('fault')) push('HTTP route cannot contain both fault and redirect');
      if (has('rewrite')) push('HTTP route rule cannot contain both rewrite and redirect');
      if (has('directResponse')) push('HTTP route rule cannot contain both direct_response and redirect');
    } else if (has('directResponse')) {
      if (routes.length > 0) push('HTTP route cannot contain both route and direct_response');
      if (has('fault')) push('HTTP route cannot contain both fault and direct_response');
      if (has('rewrite')) push('HTTP route rule cannot contain both rewrite and direct_response');
    } else if (routes.length === 0) push('HTTP route, redirect or direct_response is required');
    if (has('mirror') && arr(route['mirrors']).length > 0) push('HTTP route cannot contain both mirror and mirrors');
  }

  // Match requests.
  const matches = arr(route['match']);
  for (const m of matches) {
    if (m === null || m === undefined) continue;
    const mo = obj(m);
    for (const [h, sm] of Object.entries(obj(mo['headers']))) {
      if (sm === null) push(`header match ${h} cannot be null`);
      push(headerNameOrClaim(h));
      push(validateStringMatch(sm, 'headers'));
    }
    for (const [h, sm] of Object.entries(obj(mo['withoutHeaders']))) {
      push(headerNameOrClaim(h));
      // `*` is not a regular expression here: it means "header present".
      if (sm !== null && obj(sm)['regex'] !== '*') push(validateStringMatch(sm, 'withoutHeaders'));
    }
    push(validateStringMatch(mo['uri'], 'uri', true));
    push(validateStringMatch(mo['scheme'], 'scheme'));
    push(validateStringMatch(mo['method'], 'method'));
    push(validateStringMatch(mo['authority'], 'authority'));
    for (const qp of Object.values(obj(mo['queryParams']))) push(validateStringMatch(qp, 'queryParams'));
  }
  for (const m of matches) {
    if (m === null || m === undefined) continue;
    const mo = obj(m);
    const port = num(mo['port']) ?? 0;
    if (port !== 0) push(validatePort(port));
    for (const e of validateLabels(obj(mo['sourceLabels']))) push(e);
    validateGatewayNames(strs(mo['gateways']), push, warn);
    const sns = str(mo['sourceNamespace']);
    if (sns !== '' && !isDNS1123Label(sns)) push(`sourceNamespace match ${sns} is invalid`);
  }

  validateHeaderOperations(route['headers'], push);

  // CORS.
  if (has('corsPolicy')) {
    const cors = obj(route['corsPolicy']);
    for (const origin of arr(cors['allowOrigins'])) {
      const o = obj(origin);
      const match = str(o['exact'] ?? o['prefix'] ?? o['regex']);
      if (match === '') push(`'${match}' is not a valid match type for CORS allow origins`);
      else if ('regex' in o) push(validateStringRegexp(match, 'corsPolicy.allowOrigins'));
    }
    for (const m of strs(cors['allowMethods'])) if (!CORS_METHODS.has(m)) push(`${q(m)} is not a supported HTTP method`);
    for (const h of [...strs(cors['allowHeaders']), ...strs(cors['exposeHeaders'])]) {
      if (h === '') push('header name cannot be empty');
      else if (h !== '*' && !HEADER_NAME.test(h)) push(`header name ${h} is not a valid header name`);
    }
    if (cors['maxAge'] !== undefined) {
      push(validateDuration(cors['maxAge']));
      const ns = /^\d+\.(\d+)s$/.exec(str(cors['maxAge']));
      if (ns && Number(ns[1]) > 0) push('max_age duration is accurate only to seconds precision');
    }
  }

  // Fault injection.
  if (has('fault')) {
    const fault = obj(route['fault']);
    const abort = fault['abort'];
    const delay = fault['delay'];
    if ((abort === undefined || abort === null) && (delay === undefined || delay === null)) push('HTTP fault injection must have an abort and/or a delay');
    if (abort !== undefined && abort !== null) {
      const a = obj(abort);
      push(percentage(a['percentage']));
      if (a['grpcStatus'] !== undefined) {
        const s = str(a['grpcStatus']);
        if (!GRPC_STATUS.has(s)) push(`gRPC status ${q(s)} is not supported. See https://github.com/grpc/grpc/blob/master/doc/statuscodes.md for a list of supported codes, for example 'NOT_FOUND'`);
      } else if (a['http2Error'] !== undefined) push('HTTP/2 abort fault injection not supported yet');
      else if (a['httpStatus'] !== undefined) push(httpStatus(num(a['httpStatus']) ?? 0));
      else warn('abort configured, but error type not set');
    }
    if (delay !== undefined && delay !== null) {
      const d = obj(delay);
      push(percentage(d['percentage']));
      if (d['fixedDelay'] !== undefined) push(validateDuration(d['fixedDelay']));
      else if (d['exponentialDelay'] !== undefined) {
        push(validateDuration(d['exponentialDelay']));
        push('exponentialDelay not supported yet');
      }
    }
  }

  // Mirrors.
  if (has('mirrorPercent')) {
    const v = num(route['mirrorPercent']) ?? 0;
    if (v > 100) push(`mirror_percent must have a max value of 100 (it has ${v})`);
    warn('using deprecated setting "mirrorPercent", use "mirrorPercentage" instead');
  }
  if (has('mirrorPercentage')) {
    const v = num(obj(route['mirrorPercentage'])['value']) ?? 0;
    if (v > 100) push(`mirror_percentage must have a max value of 100 (it has ${goFloat(v)})`);
    if (v < 0) push(`mirror_percentage must have a min value of 0 (it has ${goFloat(v)})`);
  }
  validateDestination(route['mirror'], push);
  for (const mirror of arr(route['mirrors'])) {
    if (mirror === null) {
      push('mirror cannot be null');
      continue;
    }
    const mo = obj(mirror);
    if (mo['destination'] === undefined || mo['destination'] === null) {
      push('destination is required for mirrors');
      continue;
    }
    validateDestination(mo['destination'], push);
    if (mo['percentage'] !== undefined && mo['percentage'] !== null) {
      const v = num(obj(mo['percentage'])['value']) ?? 0;
      if (v > 100) push(`mirror percentage must have a max value of 100 (it has ${goFloat(v)})`);
      if (v < 0) push(`mirror percentage must have a min value of 0 (it has ${goFloat(v)})`);
    }
  }

  // Redirect (Istio stops at the first problem).
  if (has('redirect')) {
    const r = obj(route['redirect']);
    const code = num(r['redirectCode']) ?? 0;
    const scheme = str(r['scheme']);
    if (str(r['uri']) === '' && str(r['authority']) === '' && r['port'] === undefined && r['derivePort'] === undefined && scheme === '') {
      push('redirect must specify URI, authority, scheme, or port');
    } else if (code !== 0 && (code < 300 || code > 399)) push(`${code} is not a valid redirect code, must be 3xx`);
    else if (scheme !== '' && scheme !== 'http' && scheme !== 'https') push('invalid redirect scheme, must be "http" or "https"');
    else if ((num(r['port']) ?? 0) > 0) push(validatePort(num(r['port'])));
  }

  // Direct response.
  if (has('directResponse')) {
    const dr = obj(route['directResponse']);
    const body = obj(dr['body']);
    const size = typeof body['string'] === 'string' ? Buffer.byteLength(body['string']) : typeof body['bytes'] === 'string' ? Math.floor((body['bytes'].length * 3) / 4) : 0;
    if (size > 1024 * 1024) push('large direct_responses may impact control plane performance, must be less than 1MB');
    else if (size > 100 * 1024) warn('large direct_responses may impact control plane performance');
    push(httpStatus(num(dr['status']) ?? 0));
  }

  // Retries.
  if (has('retries')) {
    const r = obj(route['retries']);
    const attempts = num(r['attempts']) ?? 0;
    const retryOn = str(r['retryOn']);
    if (attempts < 0) push('attempts cannot be negative');
    if (attempts === 0 && (r['perTryTimeout'] !== undefined || retryOn !== '' || r['retryRemoteLocalities'] !== undefined)) {
      push('http retry policy configured when attempts are set to 0 (disabled)');
    }
    if (r['perTryTimeout'] !== undefined) push(validateDuration(r['perTryTimeout']));
    if (retryOn !== '') {
      for (const policy of retryOn.split(',')) {
        const code = /^[+-]?\d+$/.test(policy) ? Number(policy) : 0;
        if (!HTTP_STATUS_TEXT.has(code) && !RETRY_ON.has(policy)) push(`${q(policy)} is not a valid retryOn policy`);
      }
    }
    if (r['backoff'] !== undefined) push(validateDuration(r['backoff']));
  }

  // Rewrite.
  if (has('rewrite')) {
    const rw = obj(route['rewrite']);
    const regex = rw['uriRegexRewrite'];
    const hasRegex = regex !== undefined && regex !== null;
    if (str(rw['uri']) !== '' && hasRegex) push('rewrite may only contain one of URI or UriRegexRewrite');
    else if (str(rw['uri']) === '' && !hasRegex && str(rw['authority']) === '') {
      push('rewrite must specify at least one of URI, UriRegexRewrite, or authority. Only one of URI or UriRegexRewrite may be specified');
    } else if (hasRegex) {
      const ro = obj(regex);
      if (str(ro['match']) === '' || str(ro['rewrite']) === '') push('UriRegexRewrite has errors\nUriRegexRewrite requires both Rewrite and Match fields to be specified');
      else {
        const e = validateStringRegexp(str(ro['match']), 'HTTPRewrite.UriRegexRewrite.Match');
        if (e) push(`UriRegexRewrite has errors\n${e}`);
      }
    }
  }
  // The authority may be rewritten in one place only.
  let authority = str(obj(route['rewrite'])['authority']);
  const req = obj(obj(route['headers'])['request']);
  for (const [k, v] of [...Object.entries(obj(req['set'])), ...Object.entries(obj(req['add']))]) {
    if (!isAuthorityHeader(k)) continue;
    if (authority !== '') {
      push(`authority header cannot be set multiple times: have ${q(authority)}, attempting to set ${q(str(v))}`);
      break;
    }
    authority = str(v);
  }

  validateRouteDestinations(routes, true, push, gatewaySemantics);
  if (route['timeout'] !== undefined) push(validateDuration(route['timeout']));
}

function httpStatus(status: number): string | undefined {
  return status < 200 || status > 600 ? `HTTP status ${status} is not in range 200-599` : undefined;
}

function appliesToGatewayOnly(gateways: string[]): boolean {
  return !gateways.includes('mesh');
}

function validateSniHost(sni: string, hosts: string[], gateways: string[], push: (m: string | undefined) => void, warn: (m: string) => void): void {
  const bound = gateways.length > 0 && appliesToGatewayOnly(gateways);
  const e = bound && sni.startsWith('outbound_') ? undefined : validateWildcardDomain(sni);
  if (e) {
    if (isIPAddress(sni)) warn(`using an IP address (${q(sni)}) goes against SNI spec and most clients do not support this`);
    else push(e);
    return;
  }
  if (hosts.some((h) => hostSubsetOf(sni, h))) return;
  push(`SNI host ${q(sni)} is not a compatible subset of any of the virtual service hosts: [${hosts.join(', ')}]`);
}

function validateL4Match(m: JsonObject, push: (m: string | undefined) => void, warn: (m: string) => void): void {
  for (const s of strs(m['destinationSubnets'])) push(validateIPSubnet(s));
  const port = num(m['port']) ?? 0;
  if (port !== 0) push(validatePort(port));
  for (const e of validateLabels(obj(m['sourceLabels']))) push(e);
  validateGatewayNames(strs(m['gateways']), push, warn);
}

/** `gatewaySemantics`: the VirtualService was generated from Gateway API routes (internal route-semantics annotation). */
export function validateVirtualService(spec: JsonObject, namespace: string, r: SemanticResult, gatewaySemantics = false): void {
  const push = (m: string | undefined): void => {
    if (m) r.errors.push({ message: m });
  };
  const warn = (m: string): void => {
    r.warnings.push({ message: m });
  };
  const hosts = strs(spec['hosts']);
  const gateways = strs(spec['gateways']);
  const http = arr(spec['http']);
  const tls = arr(spec['tls']);
  const tcp = arr(spec['tcp']);
  if (hosts.length === 0) {
    if (gateways.length !== 0) push('delegate virtual service must have no gateways specified');
    if (tls.length !== 0) push('delegate virtual service must have no tls route specified');
    if (tcp.length !== 0) push('delegate virtual service must have no tcp route specified');
  }
  let appliesToMesh = true;
  let appliesToGateway = false;
  if (gateways.length > 0) {
    validateGatewayNames(gateways, push, warn, gatewaySemantics);
    appliesToGateway = appliesToGatewayOnly(gateways);
    appliesToMesh = !appliesToGateway;
  }
  if (!appliesToGateway) {
    for (const route of http) {
      for (const m of arr(obj(route)['match'])) {
        for (const key of [...Object.keys(obj(obj(m)['headers'])), ...Object.keys(obj(obj(m)['withoutHeaders']))]) {
          if (isJwtClaimRoute(key)) push(`JWT claim based routing (key: ${key}) is only supported for gateway, found no gateways: [${gateways.join(' ')}]`);
        }
      }
    }
  }

  let allHostsValid = true;
  hosts.forEach((h, i) => {
    const e = appliesToGateway && h.startsWith('outbound_') && tls.some((t) => arr(obj(t)['match']).some((m) => strs(obj(m)['sniHosts']).length > 0)) ? undefined : validateWildcardDomain(h);
    if (e) {
      if (!isIPAddress(h)) {
        r.errors.push({ message: e, path: `{.spec.hosts[${i}]}` });
        allHostsValid = false;
      }
    } else if (appliesToMesh && h === '*') {
      r.errors.push({ message: 'wildcard host * is not allowed for virtual services bound to the mesh gateway', path: `{.spec.hosts[${i}]}` });
      allHostsValid = false;
    }
  });
  if (allHostsValid) {
    for (let i = 0; i < hosts.length; i++) {
      for (let j = i + 1; j < hosts.length; j++) {
        if (hostsMatch(hosts[i] as string, hosts[j] as string)) push(`duplicate hosts in virtual service: ${hosts[i]} & ${hosts[j]}`);
      }
    }
  }

  if (http.length === 0 && tcp.length === 0 && tls.length === 0) push('http, tcp or tls must be provided in virtual service');
  for (const route of http) {
    if (route === null || route === undefined) {
      push('http route may not be null');
      continue;
    }
    validateHTTPRoute(obj(route), hosts.length === 0, gatewaySemantics, push, warn);
  }
  for (const t of tls) {
    if (t === null || t === undefined) continue;
    const to = obj(t);
    const matches = arr(to['match']);
    if (matches.length === 0) push('TLS route must have at least one match condition');
    for (const m of matches) {
      if (m === null) {
        push('TLS match may not be null');
        continue;
      }
      const mo = obj(m);
      const snis = strs(mo['sniHosts']);
      if (snis.length === 0) push('TLS match must have at least one SNI host');
      for (const sni of snis) validateSniHost(sni, hosts, gateways, push, warn);
      validateL4Match(mo, push, warn);
    }
    if (arr(to['route']).length === 0) push('TLS route is required');
    validateRouteDestinations(arr(to['route']), false, push, gatewaySemantics);
  }
  for (const t of tcp) {
    if (t === null || t === undefined) continue;
    const to = obj(t);
    for (const m of arr(to['match'])) {
      if (m === null) {
        push('tcp match may not be nil');
        continue;
      }
      validateL4Match(obj(m), push, warn);
    }
    if (arr(to['route']).length === 0) push('TCP route is required');
    validateRouteDestinations(arr(to['route']), false, push, gatewaySemantics);
  }
  validateExportTo(namespace, strs(spec['exportTo']), false, false, push);

  analyzeUnreachableRules(spec, r);
}

/** Canonical text of a match for duplicate detection: sorted keys, zero values dropped, name ignored. */
function matchKey(match: unknown, dropName: boolean): string {
  const canon = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.length === 0 ? undefined : v.map(canon);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const c = canon((v as Record<string, unknown>)[k]);
        if (c !== undefined) out[k] = c;
      }
      return Object.keys(out).length === 0 ? undefined : out;
    }
    if (v === null || v === '' || v === 0 || v === false) return undefined;
    return v;
  };
  const o = { ...obj(match) };
  if (dropName) delete o['name'];
  return JSON.stringify(canon(o) ?? {});
}

interface PrefixMatch {
  route: string;
  match: string;
  prefix: string;
  port: number;
  method: string;
  authority: string;
  headers: Map<string, string>;
  queryParams: Map<string, string>;
  withoutHeaders: Map<string, string>;
}

function exactOrPrefix(sm: unknown): string {
  const o = obj(sm);
  if (str(o['exact']) !== '') return `exact:${str(o['exact'])}`;
  if (str(o['prefix']) !== '') return `prefix:${str(o['prefix'])}`;
  return '';
}

function stringMatchMap(v: unknown): Map<string, string> {
  return new Map(Object.entries(obj(v)).map(([k, sm]) => [k, exactOrPrefix(sm)]));
}

function routeName(route: JsonObject, n: number, http: boolean): string {
  return http && str(route['name']) !== '' ? q(str(route['name'])) : `#${n}`;
}

function requestName(match: JsonObject, n: number, http: boolean): string {
  return http && str(match['name']) !== '' ? q(str(match['name'])) : `#${n}`;
}

/** A later match on a longer-or-equal prefix with no more specific method/authority/headers is shadowed. */
function covered(a: PrefixMatch, b: PrefixMatch): boolean {
  if (!b.prefix.startsWith(a.prefix)) return false;
  if (a.port !== b.port) return false;
  if (a.method !== b.method && !a.method.startsWith(b.method)) return false;
  if (a.authority !== b.authority && !a.authority.startsWith(b.authority)) return false;
  for (const [am, bm] of [
    [a.headers, b.headers],
    [a.queryParams, b.queryParams],
    [a.withoutHeaders, b.withoutHeaders],
  ] as const) {
    if (am.size !== bm.size) return false;
    for (const [k, v] of am) {
      const bv = bm.get(k);
      if (bv === undefined) return false;
      if (v !== bv && !v.startsWith(bv)) return false;
    }
  }
  return true;
}

function analyzeUnreachableRules(spec: JsonObject, r: SemanticResult): void {
  const unused = (rule: string, reason: string): void => {
    r.warnings.push({ message: `virtualService rule ${rule} not used (${reason})`, analysis: { type: 'VirtualServiceUnreachableRule', params: [rule, reason] } });
  };
  const ineffective = (rule: string, match: string, dup: string): void => {
    r.warnings.push({
      message: `virtualService rule ${rule} match ${match} is not used (duplicate/overlapping match in rule ${dup})`,
      analysis: { type: 'VirtualServiceIneffectiveMatch', params: [rule, match, dup] },
    });
  };
  for (const kind of ['http', 'tcp', 'tls'] as const) {
    const http = kind === 'http';
    const routes = arr(spec[kind]);
    const seen = new Map<string, number>();
    const prefixes: PrefixMatch[] = [];
    let emptyMatchAt = -1;
    routes.forEach((raw, n) => {
      if (raw === null || raw === undefined) return;
      const route = obj(raw);
      const matches = arr(route['match']);
      const name = routeName(route, n, http);
      if (matches.length === 0) {
        if (emptyMatchAt >= 0) unused(name, 'only the last rule can have no matches');
        emptyMatchAt = n;
        return;
      }
      let duplicates = 0;
      matches.forEach((m, mn) => {
        if (emptyMatchAt >= 0) {
          unused(name, 'route without matches defined before');
          return;
        }
        const key = matchKey(m, http);
        const dup = seen.get(key);
        if (dup !== undefined) {
          ineffective(name, requestName(obj(m), mn, http), routeName(obj(routes[dup]), dup, http));
          duplicates++;
          return;
        }
        seen.set(key, n);
        const mo = obj(m);
        const prefix = str(obj(mo['uri'])['prefix']);
        if (http && m !== null && prefix !== '') {
          prefixes.push({
            route: name,
            match: requestName(mo, mn, true),
            prefix,
            port: num(mo['port']) ?? 0,
            method: exactOrPrefix(mo['method']) || 'exact:GET',
            authority: exactOrPrefix(mo['authority']),
            headers: stringMatchMap(mo['headers']),
            queryParams: stringMatchMap(mo['queryParams']),
            withoutHeaders: stringMatchMap(mo['withoutHeaders']),
          });
        }
      });
      if (duplicates === matches.length) unused(name, 'all matches used by prior rules');
    });
    for (let i = 0; i < prefixes.length; i++) {
      const a = prefixes[i] as PrefixMatch;
      for (let j = i + 1; j < prefixes.length; j++) {
        const b = prefixes[j] as PrefixMatch;
        if (a.prefix === b.prefix) continue;
        if (covered(a, b)) ineffective(b.route, `${b.match} of prefix ${b.prefix}`, `${a.match} of prefix ${a.prefix} on ${a.route}`);
      }
    }
  }
}
