/**
 * DestinationRule rules of Istio's ValidateDestinationRule: host, traffic policy (outlier detection,
 * connection pool, load balancer with consistent hash, locality and warmup, client TLS, tunnel,
 * proxy protocol, port-level policies), subsets, exportTo and workload selector.
 */
import { arr, num, obj, str, strs, type JsonObject } from '../analyze/resource.js';
import {
  isIPAddress,
  validateDuration,
  validateExportTo,
  validateFQDN,
  validateLabels,
  validatePercent,
  validatePort,
  validateSubsetName,
  validateWildcardDomain,
  validateWorkloadSelector,
  type Sink,
} from './rules.js';
import type { SemanticResult } from './semantic.js';

const present = (v: unknown): boolean => v !== undefined && v !== null;
const TOPOLOGY_LABELS = new Set(['topology.kubernetes.io/region', 'topology.kubernetes.io/zone', 'topology.istio.io/subzone']);

function validateOutlierDetection(od: unknown, out: Sink): void {
  if (!present(od)) return;
  const o = obj(od);
  if (present(o['baseEjectionTime'])) out.error(validateDuration(o['baseEjectionTime']));
  if ((num(o['consecutiveErrors']) ?? 0) !== 0) out.warn('outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead');
  if (o['splitExternalLocalOriginErrors'] !== true && (num(o['consecutiveLocalOriginFailures']) ?? 0) > 0) {
    out.error('outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false');
  }
  if (present(o['interval'])) out.error(validateDuration(o['interval']));
  out.error(validatePercent(num(o['maxEjectionPercent'])));
  out.error(validatePercent(num(o['minHealthPercent'])));
}

export function validateConnectionPool(cp: unknown, out: Sink): void {
  if (!present(cp)) return;
  const o = obj(cp);
  if (!present(o['http']) && !present(o['tcp'])) {
    out.error('connection pool must have at least one field');
    return;
  }
  if (present(o['http'])) {
    const h = obj(o['http']);
    const neg = (k: string): boolean => (num(h[k]) ?? 0) < 0;
    if (neg('http1MaxPendingRequests')) out.error('http1 max pending requests must be non-negative');
    if (neg('http2MaxRequests')) out.error('http2 max requests must be non-negative');
    if (neg('maxRequestsPerConnection')) out.error('max requests per connection must be non-negative');
    if (neg('maxRetries')) out.error('max retries must be non-negative');
    if (present(h['idleTimeout'])) out.error(validateDuration(h['idleTimeout']));
    if (str(h['h2UpgradePolicy']) === 'UPGRADE' && h['useClientProtocol'] === true) out.error('use client protocol must not be true when H2UpgradePolicy is UPGRADE');
    if (neg('maxConcurrentStreams')) out.error('max concurrent streams must be non-negative');
  }
  if (present(o['tcp'])) {
    const t = obj(o['tcp']);
    if ((num(t['maxConnections']) ?? 0) < 0) out.error('max connections must be non-negative');
    if (present(t['connectTimeout'])) out.error(validateDuration(t['connectTimeout']));
    if (present(t['maxConnectionDuration'])) out.error(validateDuration(t['maxConnectionDuration']));
    // A zero idle timeout disables it, so it is exempt from the 1ms minimum.
    if (present(t['idleTimeout']) && validateDuration(t['idleTimeout']) !== undefined && !/^0+(\.0+)?(s|ms|m|h)?$/.test(str(t['idleTimeout']))) {
      out.error(validateDuration(t['idleTimeout']));
    }
    const ka = t['tcpKeepalive'];
    if (present(ka)) {
      if (present(obj(ka)['time'])) out.error(validateDuration(obj(ka)['time']));
      if (present(obj(ka)['interval'])) out.error(validateDuration(obj(ka)['interval']));
    }
  }
}

/** Envoy's primality test for maglev table sizes (0 is not prime, 1..3 are). */
function isPrime(x: number): boolean {
  if (x !== 0 && x < 4) return true;
  if (x % 2 === 0) return false;
  const limit = Math.floor(Math.sqrt(x));
  for (let f = 3; f <= limit; f += 2) if (x % f === 0) return false;
  return true;
}

function localityParts(locality: string): string[] | undefined {
  // Go's strings.SplitN(locality, "/", 3): the third part keeps any further slashes.
  const first = locality.indexOf('/');
  const parts = first < 0 ? [locality] : [locality.slice(0, first)];
  if (first >= 0) {
    const rest = locality.slice(first + 1);
    const second = rest.indexOf('/');
    if (second < 0) parts.push(rest);
    else parts.push(rest.slice(0, second), rest.slice(second + 1));
  }
  return parts.some((p) => p === '') ? undefined : parts;
}

/** Source or destination localities must not overlap each other (region > zone > subzone). */
function validateLocalities(localities: string[]): string | undefined {
  const regions = new Map<string, Map<string, Set<string>>>();
  for (const locality of localities) {
    const stars = locality.split('*').length - 1;
    if (stars > 0 && (stars > 1 || !locality.endsWith('*'))) return `locality ${locality} wildcard '*' number can not exceed 1 and must be in the end`;
    const overlap = `locality ${locality} overlap with previous specified ones`;
    if (regions.has('*')) return overlap;
    const parts = localityParts(locality);
    if (!parts) return `locality ${locality} must not contain empty region/zone/subzone info`;
    const [region, zone, subzone] = parts as [string, string | undefined, string | undefined];
    const zones = regions.get(region);
    if (zone === undefined) {
      if (zones) return overlap;
      regions.set(region, new Map([['*', new Set(['*'])]]));
    } else if (subzone === undefined) {
      if (zones) {
        if (zones.has('*') || zones.has(zone)) return overlap;
        zones.set(zone, new Set(['*']));
      } else regions.set(region, new Map([[zone, new Set(['*'])]]));
    } else if (zones) {
      if (zones.has('*')) return overlap;
      const subs = zones.get(zone);
      if (subs) {
        if (subs.has('*') || subs.has(subzone)) return overlap;
        subs.add(subzone);
      } else zones.set(zone, new Set([subzone]));
    } else regions.set(region, new Map([[zone, new Set([subzone])]]));
  }
  return undefined;
}

function validateLocalityLbSetting(lb: unknown, outlier: unknown, out: Sink): void {
  if (!present(lb)) return;
  const o = obj(lb);
  const distribute = arr(o['distribute']);
  const failover = arr(o['failover']);
  const priority = strs(o['failoverPriority']);
  if (distribute.length > 0 && failover.length > 0) {
    out.error("can not simultaneously specify 'distribute' and 'failover'");
    return;
  }
  if (failover.length > 0) {
    const topo = priority.find((p) => TOPOLOGY_LABELS.has(p));
    if (topo !== undefined) {
      out.error(`can not simultaneously set 'failover' and topology label '${topo}' in 'failover_priority'`);
      return;
    }
  }
  const sources: string[] = [];
  for (const d of distribute) {
    sources.push(str(obj(d)['from']));
    let total = 0;
    const to = obj(obj(d)['to']);
    for (const w of Object.values(to)) {
      const weight = num(w) ?? 0;
      if (weight <= 0 || weight > 100) {
        out.error('locality weight must be in range [1, 100]');
        return;
      }
      total += weight;
    }
    if (total !== 100) {
      out.error(`total locality weight ${total} != 100`);
      return;
    }
    out.error(validateLocalities(Object.keys(to)));
  }
  out.error(validateLocalities(sources));
  if ((failover.length > 0 || priority.length > 0) && !present(outlier)) out.warn('outlier detection policy must be provided for failover');
  for (const f of failover) {
    const from = str(obj(f)['from']);
    const to = str(obj(f)['to']);
    if (from === to) out.error('locality lb failover settings must specify different regions');
    if (from.includes('/') || to.includes('/')) out.error('locality lb failover only specify region');
    if (from.includes('*') || to.includes('*')) out.error("locality lb failover region should not contain '*' wildcard");
  }
}

function validateLoadBalancer(lb: unknown, outlier: unknown, out: Sink): void {
  if (!present(lb)) return;
  const o = obj(lb);
  const ch = o['consistentHash'];
  if (present(ch)) {
    const c = obj(ch);
    if (present(c['httpCookie'])) {
      const cookie = obj(c['httpCookie']);
      if (str(cookie['name']) === '') out.error('name required for HttpCookie');
      const names = new Set<string>();
      for (const a of arr(cookie['attributes'])) {
        const n = str(obj(a)['name']);
        if (n === '') out.error('cookie attribute name cannot be empty');
        else if (names.has(n)) out.error(`duplicate cookie attribute name: ${n}`);
        else names.add(n);
      }
    }
    const ringSize = num(c['minimumRingSize']) ?? 0;
    if (ringSize !== 0) out.warn("consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead");
    if (ringSize !== 0 && (present(c['ringHash']) || present(c['maglev']))) out.error('only one of MinimumRingSize or Maglev/Ringhash can be specified');
    if (present(c['maglev'])) {
      const size = num(obj(c['maglev'])['tableSize']) ?? 0;
      if (size === 0) out.error('tableSize must be set for maglev');
      if (size >= 5000011) out.error('tableSize must be less than 5000011 for maglev');
      if (!isPrime(size)) out.error('tableSize must be a prime number for maglev');
    }
  }
  validateLocalityLbSetting(o['localityLbSetting'], outlier, out);
  if (present(o['warmup'])) {
    const w = obj(o['warmup']);
    if (!present(w['duration'])) out.error('duration is required');
    else out.error(validateDuration(w['duration']));
    if ((num(w['minimumPercent']) ?? 0) > 100) out.error('minimumPercent value should be less than or equal to 100');
    if (present(w['aggression']) && (num(w['aggression']) ?? 0) < 1) out.error('aggression should be greater than or equal to 1');
  }
}

const CONFIGMAP_URI = 'configmap://';

/** agent.ValidateTLS: client TLS settings of a traffic policy. */
export function validateClientTLS(namespace: string, tls: unknown, out: Sink): void {
  if (!present(tls)) return;
  const o = obj(tls);
  const mode = str(o['mode']) || 'DISABLE';
  const credentialName = str(o['credentialName']);
  const ca = str(o['caCertificates']);
  const sans = o['subjectAltNames'];
  const hasSans = Array.isArray(sans) && sans.length > 0;
  if (credentialName.startsWith(CONFIGMAP_URI)) {
    const [ns, name] = credentialName.slice(CONFIGMAP_URI.length).split('/');
    if (name === undefined) out.error(`invalid configmap:// credentialName: invalid resource name ${JSON.stringify(credentialName)}. Expected namespace and name`);
    else if (ns === '') out.error(`invalid configmap:// credentialName: invalid resource name ${JSON.stringify(credentialName)}. Expected namespace`);
    else if (name === '') out.error(`invalid configmap:// credentialName: invalid resource name ${JSON.stringify(credentialName)}. Expected name`);
    else if (ns !== namespace || namespace === '') out.error(`invalid configmap:// credentialName: namespace must match the configuration namespace ${JSON.stringify(namespace)}`);
  }
  if (o['insecureSkipVerify'] === true) {
    if (mode === 'SIMPLE' && (ca !== '' || credentialName !== '' || hasSans)) out.error('cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true');
    if (mode === 'MUTUAL' && (ca !== '' || hasSans)) out.error('cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true');
  }
  if ((mode === 'SIMPLE' || mode === 'MUTUAL') && credentialName !== '') {
    if (str(o['clientCertificate']) !== '' || ca !== '' || str(o['privateKey']) !== '' || str(o['caCrl']) !== '') {
      out.error('cannot specify client certificates or CA certificate or CA CRL If credentialName is set');
    }
    return;
  }
  if (mode === 'MUTUAL') {
    if (str(o['clientCertificate']) === '') out.error('client certificate required for mutual tls');
    if (str(o['privateKey']) === '') out.error('private key required for mutual tls');
  }
}

function validateTunnel(tunnel: unknown, out: Sink): void {
  if (!present(tunnel)) return;
  const o = obj(tunnel);
  const protocol = str(o['protocol']);
  if (protocol !== '' && protocol !== 'CONNECT' && protocol !== 'POST') out.error('tunnel protocol must be "CONNECT" or "POST"');
  const host = str(o['targetHost']);
  const fqdnErr = validateFQDN(host);
  if (fqdnErr && !isIPAddress(host)) out.error(`tunnel target host must be valid FQDN or IP address: ${fqdnErr}; ${host} is not a valid IP`);
  const portErr = validatePort(num(o['targetPort']));
  if (portErr) out.error(`tunnel target port is invalid: ${portErr}`);
}

/** Shared by DestinationRule (top level and subsets) and port-level settings. */
export function validateTrafficPolicy(namespace: string, policy: unknown, out: Sink): void {
  if (!present(policy)) return;
  const p = obj(policy);
  const keys = ['outlierDetection', 'connectionPool', 'loadBalancer', 'tls', 'portLevelSettings', 'tunnel', 'proxyProtocol', 'retryBudget'];
  if (!keys.some((k) => present(p[k]))) {
    out.error('traffic policy must have at least one field');
    return;
  }
  if (present(p['tunnel']) && present(p['proxyProtocol'])) {
    out.error('tunnel and proxyProtocol must not be set together');
    return;
  }
  validateOutlierDetection(p['outlierDetection'], out);
  validateConnectionPool(p['connectionPool'], out);
  validateLoadBalancer(p['loadBalancer'], p['outlierDetection'], out);
  validateClientTLS(namespace, p['tls'], out);
  for (const pl of arr(p['portLevelSettings'])) {
    if (!present(pl)) {
      out.error('traffic policy may not be null');
      continue;
    }
    const o = obj(pl);
    if (!present(o['port'])) out.error('portTrafficPolicy must have valid port');
    if (!['outlierDetection', 'connectionPool', 'loadBalancer', 'tls'].some((k) => present(o[k]))) out.error('port traffic policy must have at least one field');
    else {
      validateOutlierDetection(o['outlierDetection'], out);
      validateConnectionPool(o['connectionPool'], out);
      validateLoadBalancer(o['loadBalancer'], o['outlierDetection'], out);
      validateClientTLS(namespace, o['tls'], out);
    }
  }
  validateTunnel(p['tunnel'], out);
  if (present(p['proxyProtocol'])) {
    const v = num(obj(p['proxyProtocol'])['version']);
    const version = typeof v === 'number' ? v : str(obj(p['proxyProtocol'])['version']) === 'V2' ? 1 : 0;
    if (version !== 0 && version !== 1) out.error(`proxy protocol version is invalid: ${version}`);
  }
}

export function validateDestinationRule(spec: JsonObject, namespace: string, r: SemanticResult): void {
  const out: Sink = {
    error: (m, path) => {
      if (m) r.errors.push({ message: m, path });
    },
    warn: (m, path) => {
      if (m) r.warnings.push({ message: m, path });
    },
  };
  out.error(validateWildcardDomain(str(spec['host'])), '{.spec.host}');
  validateTrafficPolicy(namespace, spec['trafficPolicy'], out);
  const seen = new Set<string>();
  arr(spec['subsets']).forEach((s, i) => {
    if (!present(s)) {
      out.error('subset may not be null');
      return;
    }
    const name = str(obj(s)['name']);
    if (seen.has(name)) out.error(`duplicate subset names: ${name}`, `{.spec.subsets[${i}].name}`);
    seen.add(name);
    out.error(validateSubsetName(name), `{.spec.subsets[${i}].name}`);
    for (const e of validateLabels(obj(obj(s)['labels']))) out.error(e);
    validateTrafficPolicy(namespace, obj(s)['trafficPolicy'], out);
  });
  const hasSelector = present(spec['workloadSelector']);
  validateExportTo(namespace, strs(spec['exportTo']), false, hasSelector, (m) => out.error(m));
  validateWorkloadSelector(spec['workloadSelector'], 'matchLabels', '.spec.workloadSelector', out);
}
