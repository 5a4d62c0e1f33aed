/**
 * Sidecar rules of Istio's ValidateSidecar: workload selector, ingress listeners (ports, binds,
 * default endpoints, TLS, connection pools), egress listeners (ports, unix-socket binds, capture
 * modes, the catch-all listener, `ns/host` hosts and their duplicates) and the outbound traffic
 * policy's egress proxy.
 */
import { arr, num, obj, str, strs, type JsonObject } from '../analyze/resource.js';
import { isIPAddress, q, validateFQDN, validateNamespaceSlashHost, validatePort, type Sink } from './rules.js';
import type { SemanticResult } from './semantic.js';
import { sinkFor, validatePortName, validateUnixAddress } from './workload.js';
import { validateProtocol } from './serviceentry.js';
import { validateConnectionPool } from './destinationrule.js';
import { validateTLSOptions } from './gateway.js';
import { validateDestination } from './virtualservice.js';

const UNIX_PREFIX = 'unix://';
const HTTP_PROTOCOLS = new Set(['http', 'http2', 'http_proxy', 'grpc', 'grpc-web']);
const TLS_PROTOCOLS = new Set(['https', 'tls']);
const present = (v: unknown): boolean => v !== undefined && v !== null;

/** Go's net.SplitHostPort, with its AddrError texts. */
function splitHostPort(hostport: string): { host: string; port: string } | { error: string } {
  const fail = (why: string) => ({ error: `address ${hostport}: ${why}` });
  const i = hostport.lastIndexOf(':');
  if (i < 0) return fail('missing port in address');
  let host: string;
  let j = 0;
  let k = 0;
  if (hostport.startsWith('[')) {
    const end = hostport.indexOf(']');
    if (end < 0) return fail("missing ']' in address");
    if (end + 1 === hostport.length) return fail('missing port in address');
    if (end + 1 !== i) return fail(hostport[end + 1] === ':' ? 'too many colons in address' : 'missing port in address');
    host = hostport.slice(1, end);
    j = 1;
    k = end + 1;
  } else {
    host = hostport.slice(0, i);
    if (host.includes(':')) return fail('too many colons in address');
  }
  if (hostport.slice(j).includes('[')) return fail("unexpected '[' in address");
  if (hostport.slice(k).includes(']')) return fail("unexpected ']' in address");
  return { host, port: hostport.slice(i + 1) };
}

/** Go's strconv.Atoi (64-bit int), with its NumError texts. */
function atoi(s: string): number | { error: string } {
  if (!/^[+-]?[0-9]+$/.test(s)) return { error: `strconv.Atoi: parsing ${q(s)}: invalid syntax` };
  const n = BigInt(s);
  if (n > 9223372036854775807n || n < -9223372036854775808n) return { error: `strconv.Atoi: parsing ${q(s)}: value out of range` };
  return Number(n);
}

function validateDefaultEndpoint(endpoint: string, out: Sink): void {
  if (endpoint.startsWith(UNIX_PREFIX)) {
    out.error(validateUnixAddress(endpoint.slice(UNIX_PREFIX.length)));
    return;
  }
  // 127.0.0.1:port, 0.0.0.0:port, [::1]:port, [::]:port or :port
  const split = splitHostPort(endpoint);
  const host = 'error' in split ? '' : split.host;
  const port = 'error' in split ? '' : split.port;
  if ('error' in split) out.error(split.error);
  if (host !== '' && host !== '127.0.0.1' && host !== '0.0.0.0' && host !== '::1' && host !== '::') {
    out.error('sidecar: defaultEndpoint must be of form 127.0.0.1:<port>,0.0.0.0:<port>,[::1]:port,[::]:port,unix://filepath or unset');
  }
  const n = atoi(port);
  if (typeof n !== 'number') out.error(`sidecar: defaultEndpoint port (${port}) is not a number: ${n.error}`);
  else out.error(validatePort(n));
}

function validateIngressPortAndBind(port: JsonObject, bind: string, out: Sink): void {
  const name = str(port['name']);
  if (name !== '') out.error(validatePortName(name));
  out.error(validateProtocol(str(port['protocol'])));
  out.error(validatePort(num(port['number']) ?? 0));
  if (bind !== '' && !isIPAddress(bind)) out.error(`${bind} is not a valid IP`);
}

function validateEgressPortBindAndCaptureMode(port: JsonObject, bind: string, captureMode: string, out: Sink): void {
  const name = str(port['name']);
  if (name !== '') out.error(validatePortName(name));
  const number = num(port['number']) ?? 0;
  if (number === 0) {
    out.error(validateProtocol(str(port['protocol'])));
    if (!bind.startsWith(UNIX_PREFIX)) out.error('sidecar: ports with 0 value must have a unix domain socket bind address');
    else out.error(validateUnixAddress(bind.slice(UNIX_PREFIX.length)));
    if (captureMode !== 'DEFAULT' && captureMode !== 'NONE') out.error('sidecar: captureMode must be DEFAULT/NONE for unix domain socket listeners');
  } else {
    out.error(validateProtocol(str(port['protocol'])));
    out.error(validatePort(number));
    if (bind !== '' && !isIPAddress(bind)) out.error(`${bind} is not a valid IP`);
  }
}

function validateIngress(ingress: unknown[], out: Sink): void {
  const ports = new Set<number>();
  for (const listener of ingress) {
    if (!present(listener)) {
      out.error('sidecar: ingress may not be null');
      continue;
    }
    const l = obj(listener);
    if (!present(l['port'])) {
      out.error('sidecar: port is required for ingress listeners');
      continue;
    }
    const port = obj(l['port']);
    if ((num(port['targetPort']) ?? 0) > 0) out.error('targetPort has no impact on Sidecars');
    validateIngressPortAndBind(port, str(l['bind']), out);
    const number = num(port['number']) ?? 0;
    if (ports.has(number)) out.error('sidecar: ports on IP bound listeners must be unique');
    ports.add(number);
    const endpoint = str(l['defaultEndpoint']);
    if (endpoint !== '') validateDefaultEndpoint(endpoint, out);
    const protocol = str(port['protocol']).toLowerCase();
    if (present(l['tls'])) {
      const tls = obj(l['tls']);
      if (strs(tls['subjectAltNames']).length > 0) out.error('sidecar: subjectAltNames is not supported in ingress tls');
      if (tls['httpsRedirect'] === true) out.error('sidecar: httpsRedirect is not supported');
      if (str(tls['credentialName']) !== '') out.error('sidecar: credentialName is not currently supported');
      if (strs(tls['credentialNames']).length > 0) out.error('sidecar: credentialNames is not currently supported');
      if (arr(tls['tlsCertificates']).length > 0) out.error('sidecar: tls_certificates is not currently supported');
      const mode = str(tls['mode']) || 'PASSTHROUGH';
      if (mode === 'ISTIO_MUTUAL' || mode === 'AUTO_PASSTHROUGH') out.error(`configuration is invalid: cannot set mode to ${mode} in sidecar ingress tls`);
      if (!TLS_PROTOCOLS.has(protocol)) out.error('server cannot have TLS settings for non HTTPS/TLS ports');
      validateTLSOptions(tls, (m) => out.error(m), (m) => out.warn(m));
    }
    validateConnectionPool(l['connectionPool'], out);
    const pool = obj(l['connectionPool']);
    if (present(l['connectionPool']) && present(pool['http']) && !HTTP_PROTOCOLS.has(protocol)) {
      out.warn(
        `sidecar: HTTP connection pool settings are configured for port ${number} (${q(str(port['name']))}) but its protocol is not HTTP (${str(port['protocol'])}); only TCP settings will apply`,
      );
    }
  }
}

function validateEgressHosts(hosts: string[], namespace: string, out: Sink): void {
  if (hosts.length === 0) {
    out.error('sidecar: egress listener must contain at least one host');
    return;
  }
  const byNamespace = new Map<string, Set<string>>();
  for (const hostname of hosts) {
    const slash = hostname.indexOf('/');
    if (slash >= 0) {
      const ns = hostname.slice(0, slash) === '.' ? namespace : hostname.slice(0, slash);
      const svc = hostname.slice(slash + 1);
      let services = byNamespace.get(ns);
      if (!services) byNamespace.set(ns, (services = new Set()));
      const duplicate = svc !== '*' ? services.has(svc) || services.has('*') : services.size !== 0;
      if (duplicate) out.warn(`duplicated egress host: ${hostname}`);
      services.add(svc);
    }
    for (const e of validateNamespaceSlashHost(hostname, false)) out.error(e);
  }
  if (byNamespace.get('*')?.has('*') && byNamespace.size !== 1) out.warn('`*/*` host select all resources, no other hosts can be added');
}

function validateEgress(egress: unknown[], namespace: string, out: Sink): void {
  const ports = new Set<number>();
  const unixBinds = new Set<string>();
  let catchAll = false;
  egress.forEach((listener, index) => {
    if (!present(listener)) {
      out.error('egress listener may not be null');
      return;
    }
    const l = obj(listener);
    // Only one listener may have no port (the catch-all), and it must come last.
    if (!present(l['port'])) {
      if (catchAll) {
        out.error('sidecar: egress can have only one listener with empty port');
        return;
      }
      if (index === egress.length - 1) catchAll = true;
      else out.error('sidecar: the egress listener with empty port should be the last listener in the list');
    } else {
      const port = obj(l['port']);
      if ((num(port['targetPort']) ?? 0) > 0) out.error('targetPort has no impact on Sidecars');
      const bind = str(l['bind']);
      validateEgressPortBindAndCaptureMode(port, bind, str(l['captureMode']) || 'DEFAULT', out);
      const number = num(port['number']) ?? 0;
      if (number === 0) {
        if (unixBinds.has(bind)) out.error('sidecar: unix domain socket values for listeners must be unique');
        unixBinds.add(bind);
      } else {
        if (ports.has(number)) out.error('sidecar: ports on IP bound listeners must be unique');
        ports.add(number);
      }
    }
    validateEgressHosts(strs(l['hosts']), namespace, out);
  });
}

function validateOutboundTrafficPolicy(policy: unknown, out: Sink): void {
  if (!present(policy)) return;
  const p = obj(policy);
  if (!present(p['egressProxy'])) return;
  if ((str(p['mode']) || 'REGISTRY_ONLY') !== 'ALLOW_ANY') {
    out.error('sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode');
    return;
  }
  const proxy = obj(p['egressProxy']);
  out.error(validateFQDN(str(proxy['host'])));
  if (!present(proxy['port'])) {
    out.error('sidecar: egress_proxy port must be non-nil');
    return;
  }
  validateDestination(proxy, (m) => out.error(m));
}

export function validateSidecar(spec: JsonObject, namespace: string, r: SemanticResult): void {
  const out = sinkFor(r);
  // A bad selector ends validation with its errors alone, as in Istio.
  const selector = spec['workloadSelector'];
  let selectorWarning = false;
  if (present(selector)) {
    const labels = obj(obj(selector)['labels']);
    const errors: string[] = [];
    for (const [k, v] of Object.entries(labels)) {
      const shown = q(`${k}=${str(v)}`);
      if (k === '') errors.push(`empty key is not supported in selector: ${shown}`);
      if (k.includes('*') || str(v).includes('*')) errors.push(`wildcard is not supported in selector: ${shown}`);
    }
    if (errors.length > 0) {
      for (const e of errors) r.errors.push({ message: e, path: '{.spec.workloadSelector.labels}' });
      return;
    }
    selectorWarning = Object.keys(labels).length === 0;
  }
  const ingress = arr(spec['ingress']);
  const egress = arr(spec['egress']);
  if (ingress.length === 0 && egress.length === 0 && !present(spec['outboundTrafficPolicy']) && !present(spec['inboundConnectionPool'])) {
    out.error('sidecar: empty configuration provided');
    return;
  }
  if (selectorWarning) out.warn('sidecar: workload selector specified without labels, will be applied to all services in namespace');
  validateIngress(ingress, out);
  validateConnectionPool(spec['inboundConnectionPool'], out);
  validateEgress(egress, namespace, out);
  validateOutboundTrafficPolicy(spec['outboundTrafficPolicy'], out);
}
