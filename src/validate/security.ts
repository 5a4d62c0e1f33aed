/**
 * Security policy rules of Istio's ValidateAuthorizationPolicy, ValidateRequestAuthentication and
 * ValidatePeerAuthentication (pkg/config/validation and pkg/config/security): actions and
 * providers, rule sources/operations/conditions and the attribute keys `when` accepts, JWT rules,
 * port-level mTLS and selectors.
 */
import { arr, obj, str, strs, type JsonObject } from '../analyze/resource.js';
import { isIPAddress, isIPv4, isIPv6, q, validateDuration, validatePolicySelection, validateWorkloadSelector, type Sink } from './rules.js';
import type { SemanticResult } from './semantic.js';
import { sinkFor } from './workload.js';
import { goParseURL } from './wasmplugin.js';

const present = (v: unknown): boolean => v !== undefined && v !== null;
const STRICT_HEADER_NAME = /^[-_A-Za-z0-9]+$/;
const VALID_LITERAL = /^[a-zA-Z0-9-._~%!$&'()+,;:@=]+$/;

function checkEmptyValues(key: string, values: string[]): string | undefined {
  return values.includes('') ? `empty value not allowed, found in ${key}` : undefined;
}

function checkWildcardValues(key: string, values: string[]): string | undefined {
  const empty = checkEmptyValues(key, values);
  if (empty) return empty;
  for (const v of values) {
    const count = v.split('*').length - 1;
    if (count > 1) return `at most one wildcard is allowed, found in ${key}: ${q(v)}`;
    if (count === 1 && v !== '*' && !v.startsWith('*') && !v.endsWith('*')) return `wildcard is only allowed at the start or end, found in ${key}: ${q(v)}`;
  }
  return undefined;
}

function checkTrustDomainValues(key: string, values: string[]): string | undefined {
  const e = checkWildcardValues(key, values);
  if (e) return e;
  const bad = values.find((v) => v.includes('/'));
  return bad !== undefined ? `trust domain must not contain '/', found in ${key}: ${q(bad)}` : undefined;
}

function checkServiceAccount(key: string, values: string[]): string | undefined {
  if (values.length > 16) return 'may not have more than 16 values';
  const format = "expected format 'serviceAccount' or 'namespace/serviceAccount'";
  for (const v of values) {
    if (v === '') return `empty value not allowed, found in ${key}`;
    if (v.includes('*')) return `wildcard not allowed, found in ${key}`;
    const slashes = v.split('/').length - 1;
    if (slashes > 1) return `${format}, found ${q(v)} in ${key}`;
    if (v.length > 320) return `value cannot exceed 320 characters, found ${q(v)} in ${key}`;
    if (slashes === 1) {
      const [ns, sa] = v.split('/') as [string, string];
      if (ns === '') return `${format}, found empty namespace ${q(v)} in ${key}`;
      if (sa === '') return `${format}, found empty serviceAccount ${q(v)} in ${key}`;
    }
  }
  return undefined;
}

function checkValidPathTemplate(key: string, paths: string[]): string | undefined {
  for (const original of paths) {
    const hasTemplate = original.includes('{*}') || original.includes('{**}');
    const path = original.replace(/^\/+|\/+$/g, '');
    let matchAny = false;
    for (const glob of path.split('/')) {
      if (glob === '{*}' && !matchAny) continue;
      if (glob === '{**}' && !matchAny) {
        matchAny = true;
        continue;
      }
      if ((glob === '{**}' || glob === '{*}') && matchAny) return `invalid or unsupported path ${path}, found in ${key}. {**} is not the last operator`;
      if (/[{}]/.test(glob)) return `invalid or unsupported path ${path}, found in ${key}. Contains '{' or '}' beyond a supported path template`;
      if (hasTemplate && !VALID_LITERAL.test(glob)) return `invalid or unsupported path ${path}, found in ${key}. Contains segment ${glob} with invalid string literal`;
    }
  }
  return undefined;
}

/** Go's net/netip error text for the usual mistakes (out-of-range octets, non-addresses). */
function parseAddrError(ip: string): string | undefined {
  if (isIPAddress(ip)) return undefined;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(ip) && ip.split('.').some((p) => Number(p) > 255)) return `ParseAddr(${q(ip)}): IPv4 field has value >255`;
  return `ParseAddr(${q(ip)}): unable to parse IP`;
}

function validateIPs(ips: string[]): string[] {
  const out: string[] = [];
  for (const v of ips) {
    const slash = v.indexOf('/');
    if (slash >= 0) {
      const ip = v.slice(0, slash);
      const bits = v.slice(slash + 1);
      const addrErr = parseAddrError(ip);
      let err: string | undefined;
      if (addrErr) err = addrErr;
      else if (!/^(0|[1-9]\d{0,2})$/.test(bits)) err = `bad bits after slash: ${q(bits)}`;
      else if (Number(bits) > (isIPv4(ip) ? 32 : isIPv6(ip) ? 128 : 0)) err = 'prefix length out of range';
      if (err) out.push(`bad CIDR range (${v}): netip.ParsePrefix(${q(v)}): ${err}`);
    } else if (parseAddrError(v)) out.push(`bad IP address (${v})`);
  }
  return out;
}

function validatePorts(ports: string[]): string[] {
  const out: string[] = [];
  for (const p of ports) {
    if (!/^\d+$/.test(p)) out.push(`bad port (${p}): strconv.ParseUint: parsing ${q(p)}: invalid syntax`);
    else if (Number(p) > 4294967295) out.push(`bad port (${p}): strconv.ParseUint: parsing ${q(p)}: value out of range`);
    else if (Number(p) > 65535) out.push(`bad port (${p}): <nil>`);
  }
  return out;
}

function validateMapKey(key: string): string | undefined {
  const open = key.indexOf('[');
  return key.endsWith(']') && open > 0 && open < key.length - 2 ? undefined : `bad key (${key}): should have format a[b]`;
}

/** The attribute keys a `when` condition may use, and what their values must look like. */
function validateAttribute(key: string, values: string[]): string | undefined {
  const empty = checkEmptyValues(key, values);
  if (empty) return empty;
  const first = (errs: string[]): string | undefined => (errs.length === 0 ? undefined : errs.length === 1 ? errs[0] : `${errs.length} errors occurred:\n${errs.map((e) => `\t* ${e}`).join('\n')}\n\n`);
  if (key.startsWith('request.headers')) return validateMapKey(key);
  if (key === 'source.ip' || key === 'remote.ip' || key === 'destination.ip') return first(validateIPs(values));
  if (key === 'source.namespace' || key === 'source.principal' || key === 'request.auth.principal' || key === 'request.auth.audiences' || key === 'request.auth.presenter' || key === 'connection.sni') return undefined;
  if (key === 'source.serviceAccount') return checkServiceAccount(key, values);
  if (key === 'source.trustDomain') return checkWildcardValues(key, values);
  if (key.startsWith('request.auth.claims')) return validateMapKey(key);
  if (key === 'destination.port') return first(validatePorts(values));
  if (key.startsWith('experimental.envoy.filters.')) return validateMapKey(key);
  if (key === 'destination.namespace') return `attribute ${key} is replaced by the metadata.namespace`;
  if (key.startsWith('destination.labels')) return `attribute ${key} is replaced by the workload selector`;
  if (key === 'destination.name' || key === 'destination.user') return `deprecated attribute ${key}: only supported in v1alpha1`;
  return `unknown attribute: ${key}`;
}

const SOURCE_FIELDS = ['principals', 'requestPrincipals', 'namespaces', 'ipBlocks', 'remoteIpBlocks', 'notPrincipals', 'notRequestPrincipals', 'notNamespaces', 'notIpBlocks', 'notRemoteIpBlocks', 'serviceAccounts', 'notServiceAccounts', 'trustDomains', 'notTrustDomains'];
const TCP_SOURCE_FIELDS = ['notPrincipals', 'principals', 'ipBlocks', 'notIpBlocks', 'namespaces', 'notNamespaces', 'remoteIpBlocks', 'notRemoteIpBlocks', 'serviceAccounts', 'notServiceAccounts'];
const OPERATION_FIELDS = ['ports', 'methods', 'paths', 'hosts', 'notPorts', 'notMethods', 'notPaths', 'notHosts'];
const CUSTOM_UNSUPPORTED_SOURCES: Array<[string, string]> = [
  ['namespaces', 'From.Namespaces'], ['notNamespaces', 'From.NotNamespaces'], ['serviceAccounts', 'From.ServiceAccounts'],
  ['notServiceAccounts', 'From.NotServiceAccounts'], ['trustDomains', 'From.TrustDomains'], ['notTrustDomains', 'From.NotTrustDomains'],
  ['principals', 'From.Principals'], ['notPrincipals', 'From.NotPrincipals'], ['requestPrincipals', 'From.RequestPrincipals'],
  ['notRequestPrincipals', 'From.NotRequestPrincipals'],
];
const MEANINGLESS = 'action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request';
const cap = (k: string): string => k.charAt(0).toUpperCase() + k.slice(1);

export function validateAuthorizationPolicy(spec: JsonObject, name: string, namespace: string, r: SemanticResult): void {
  const base = sinkFor(r);
  // Istio prefixes every AuthorizationPolicy error (not the warnings) with the policy's name.
  const out: Sink = { error: (m, path) => base.error(m && `invalid policy ${name}.${namespace}: ${m}`, path), warn: base.warn };
  validatePolicySelection(spec, out);
  const action = str(spec['action']) || 'ALLOW';
  const rules = arr(spec['rules']);
  const hasRules = present(spec['rules']);
  if (action === 'CUSTOM') {
    if (!hasRules) out.error(`CUSTOM ${MEANINGLESS}`);
    else if (!present(spec['provider']) || str(obj(spec['provider'])['name']) === '') out.error('`provider.name` must not be empty');
    for (const rule of rules) {
      for (const from of arr(obj(rule)['from'])) {
        const src = obj(from)['source'];
        if (!present(src)) continue;
        for (const [field, label] of CUSTOM_UNSUPPORTED_SOURCES) if (strs(obj(src)[field]).length !== 0) out.error(`${label} is currently not supported with CUSTOM action`);
      }
      for (const when of arr(obj(rule)['when'])) {
        if (!present(when)) {
          out.error('when field cannot be nil');
          continue;
        }
        const key = str(obj(when)['key']);
        if (['source.namespace', 'source.serviceAccount', 'source.trustDomain', 'source.principal'].includes(key) || key.startsWith('request.auth.')) {
          out.error(`${key} is currently not supported with CUSTOM action`);
        }
      }
    }
  }
  if (present(spec['provider']) && action !== 'CUSTOM') out.error(`\`provider\` must not be with non CUSTOM action, found ${action}`);
  if (action === 'DENY' && !hasRules) out.error(`DENY ${MEANINGLESS}`);

  rules.forEach((rule, i) => {
    if (!present(rule)) {
      out.error(`\`rule\` must not be nil, found at rule ${i}`);
      return;
    }
    const o = obj(rule);
    if (present(o['from']) && arr(o['from']).length === 0) out.error(`\`from\` must not be empty, found at rule ${i}`);
    let tcpInFrom = false;
    let tcpInTo = false;
    let fromExists = false;
    let toExists = false;
    for (const from of arr(o['from'])) {
      if (!present(from)) {
        out.error(`\`from\` must not be nil, found at rule ${i}`);
        continue;
      }
      if (!present(obj(from)['source'])) {
        out.error(`\`from.source\` must not be nil, found at rule ${i}`);
        continue;
      }
      fromExists = true;
      const src = obj(obj(from)['source']);
      const n = (k: string): number => strs(src[k]).length;
      if (n('principals') + n('notPrincipals') + n('namespaces') + n('notNamespaces') > 0 && n('serviceAccounts') + n('notServiceAccounts') > 0) {
        out.error(`cannot set serviceAccounts with namespaces or principals, found at rule ${i}`);
      }
      if (SOURCE_FIELDS.every((k) => n(k) === 0)) out.error(`\`from.source\` must not be empty, found at rule ${i}`);
      for (const k of ['ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks']) for (const e of validateIPs(strs(src[k]))) out.error(e);
      const checks: Array<[string, (key: string, v: string[]) => string | undefined]> = [
        ['principals', checkEmptyValues], ['requestPrincipals', checkEmptyValues], ['namespaces', checkEmptyValues],
        ['serviceAccounts', checkServiceAccount], ['trustDomains', checkTrustDomainValues], ['ipBlocks', checkEmptyValues],
        ['remoteIpBlocks', checkEmptyValues], ['notPrincipals', checkEmptyValues], ['notRequestPrincipals', checkEmptyValues],
        ['notNamespaces', checkEmptyValues], ['notServiceAccounts', checkServiceAccount], ['notTrustDomains', checkTrustDomainValues],
        ['notIpBlocks', checkEmptyValues], ['notRemoteIpBlocks', checkEmptyValues],
      ];
      for (const [k, check] of checks) out.error(check(cap(k), strs(src[k])));
      if (TCP_SOURCE_FIELDS.some((k) => present(src[k]))) tcpInFrom = true;
    }
    if (present(o['to']) && arr(o['to']).length === 0) out.error(`\`to\` must not be empty, found at rule ${i}`);
    for (const to of arr(o['to'])) {
      if (!present(to)) {
        out.error(`\`to\` must not be nil, found at rule ${i}`);
        continue;
      }
      if (!present(obj(to)['operation'])) {
        out.error(`\`to.operation\` must not be nil, found at rule ${i}`);
        continue;
      }
      toExists = true;
      const op = obj(obj(to)['operation']);
      if (OPERATION_FIELDS.every((k) => strs(op[k]).length === 0)) out.error(`\`to.operation\` must not be empty, found at rule ${i}`);
      for (const e of [...validatePorts(strs(op['ports'])), ...validatePorts(strs(op['notPorts']))]) out.error(e);
      for (const k of OPERATION_FIELDS) out.error(checkEmptyValues(cap(k), strs(op[k])));
      out.error(checkValidPathTemplate('Paths', strs(op['paths'])));
      out.error(checkValidPathTemplate('NotPaths', strs(op['notPaths'])));
      if (present(op['ports']) || present(op['notPorts'])) tcpInTo = true;
    }
    for (const cond of arr(o['when'])) {
      const key = str(obj(cond)['key']);
      if (key === '') {
        out.error('`key` must not be empty');
        continue;
      }
      const values = strs(obj(cond)['values']);
      const notValues = strs(obj(cond)['notValues']);
      if (values.length === 0 && notValues.length === 0) {
        out.error(`at least one of \`values\` or \`notValues\` must be set for key ${key}`);
        continue;
      }
      const ve = validateAttribute(key, values);
      if (ve) out.error(`invalid \`value\` for \`key\` ${key}: ${ve}`);
      const ne = validateAttribute(key, notValues);
      if (ne) out.error(`invalid \`notValue\` for \`key\` ${key}: ${ne}`);
    }
    if (((fromExists && !toExists && !tcpInFrom) || (toExists && !tcpInTo)) && action === 'DENY') {
      out.warn('configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port');
    }
  });
}

/** Keys whose presence makes a JWK private: RSA/EC/OKP `d`, and symmetric (`oct`) keys. */
function privateJwksKeyIndexes(jwks: string): number[] | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(jwks);
  } catch {
    return undefined;
  }
  const o = obj(parsed);
  const keys = Array.isArray(o['keys']) ? o['keys'] : [o];
  const out: number[] = [];
  keys.forEach((k, i) => {
    const key = obj(k);
    if (key['d'] !== undefined || key['kty'] === 'oct') out.push(i);
  });
  return out;
}

function validateJwtRule(rule: JsonObject, out: Sink): void {
  for (const a of strs(rule['audiences'])) if (a === '') out.error('audience must be non-empty string');
  const issuer = str(rule['issuer']);
  const jwksUri = str(rule['jwksUri']);
  if (issuer === '' && jwksUri === '') out.error('issuer or jwksUri must be non-empty string');
  if (jwksUri !== '') {
    // Istio's ParseJwksURI: Go's url.Parse errors (a non-numeric port, ...) come first.
    let scheme: string | undefined;
    try {
      scheme = goParseURL(jwksUri, false);
    } catch (e) {
      out.error((e as Error).message);
    }
    if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') out.error(`URI scheme ${q(scheme)} is not supported`);
  }
  const jwks = str(rule['jwks']);
  if (jwks !== '' && privateJwksKeyIndexes(jwks) === undefined) out.error('jwks parse error: failed to unmarshal JSON into key set');
  for (const h of arr(rule['fromHeaders'])) {
    if (!present(h)) out.error('location header name must be non-null');
    else if (str(obj(h)['name']) === '') out.error('location header name must be non-empty string');
  }
  for (const p of strs(rule['fromParams'])) if (p === '') out.error('location query must be non-empty string');
  for (const c of strs(rule['fromCookies'])) if (c === '') out.error('cookie name must be non-empty string');
  for (const ch of arr(rule['outputClaimToHeaders'])) {
    if (!present(ch)) {
      out.error('outputClaimToHeaders must not be null');
      continue;
    }
    const claim = str(obj(ch)['claim']);
    const header = str(obj(ch)['header']);
    if (claim === '' || header === '') {
      out.error('outputClaimToHeaders header and claim value must be non-empty string');
      continue;
    }
    if (!STRICT_HEADER_NAME.test(header)) out.error(`header name ${header} is not a valid header name`);
  }
  if (present(rule['timeout'])) out.error(validateDuration(rule['timeout']));
}

export function validateRequestAuthentication(spec: JsonObject, r: SemanticResult): void {
  const out = sinkFor(r);
  validatePolicySelection(spec, out);
  for (const rule of arr(spec['jwtRules'])) {
    if (!present(rule)) continue;
    validateJwtRule(obj(rule), out);
    const jwks = str(obj(rule)['jwks']);
    if (jwks === '') continue;
    for (const i of privateJwksKeyIndexes(jwks) ?? []) out.warn(`jwks key at index ${i} contains private key material; only public keys are used for verification`);
  }
}

export function validatePeerAuthentication(spec: JsonObject, r: SemanticResult): void {
  const out = sinkFor(r);
  const emptySelector = Object.keys(obj(obj(spec['selector'])['matchLabels'])).length === 0;
  const ports = spec['portLevelMtls'];
  const portKeys = Object.keys(obj(ports));
  if (emptySelector && portKeys.length !== 0) out.error('mesh/namespace peer authentication cannot have port level mTLS');
  if (present(ports) && portKeys.length === 0) out.error('port level mTLS, if defined, must have at least one element');
  for (const p of portKeys) {
    const n = Number(p);
    if (!Number.isInteger(n) || n <= 0 || n > 65535) out.error('port must be in range 1..65535');
  }
  validateWorkloadSelector(spec['selector'], 'matchLabels', '.spec.selector', out);
}
