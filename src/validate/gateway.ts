/** Gateway rules of Istio's ValidateGateway: name, servers, hosts, ports, bind, TLS options. */
import { arr, num, obj, str, strs, type JsonObject } from '../analyze/resource.js';
import { isDNS1123Label, isIPAddress, q, validateNamespaceSlashHost, validatePort } from './rules.js';
import type { SemanticResult } from './semantic.js';

const PROTOCOLS = new Map(['HTTP', 'HTTPS', 'GRPC', 'GRPC-WEB', 'HTTP2', 'HTTP_PROXY', 'MONGO', 'REDIS', 'MYSQL', 'TCP', 'TLS', 'UDP'].map((p) => [p.toLowerCase(), p]));
const HTTP_PROTOCOLS = new Set(['HTTP', 'HTTP2', 'HTTP_PROXY', 'GRPC', 'GRPC-WEB']);
const TLS_PROTOCOLS = new Set(['HTTPS', 'TLS']);
const UNIX_PREFIX = 'unix://';

function protocolOf(p: string): string | undefined {
  return PROTOCOLS.get(p.toLowerCase());
}

/** Go's %v of a Port message, as Istio prints it in "port name must be set" (proto text form). */
function portText(port: JsonObject): string {
  const parts: string[] = [];
  if (num(port['number'])) parts.push(`number:${num(port['number'])}`);
  if (str(port['protocol']) !== '') parts.push(`protocol:${q(str(port['protocol']))}`);
  if (str(port['name']) !== '') parts.push(`name:${q(str(port['name']))}`);
  if (num(port['targetPort'])) parts.push(`target_port:${num(port['targetPort'])}`);
  return `{${parts.join(' ')}}`;
}

/** Istio's validateTLSOptions, shared by Gateway servers and Sidecar ingress listeners. */
export function validateTLSOptions(tls: JsonObject, push: (m: string) => void, warn: (m: string) => void): void {
  const mode = str(tls['mode']) || 'PASSTHROUGH';
  const minVersion = str(tls['minProtocolVersion']);
  const ciphers = strs(tls['cipherSuites']);
  if ((minVersion === 'TLSV1_0' || minVersion === 'TLSV1_1') && ciphers.length === 0) {
    warn('TLS version below TLSV1_2 require setting compatible ciphers as by default they no longer include compatible ciphers.');
  }
  const seen = new Set<string>();
  const dups = new Set<string>();
  for (const c of ciphers) {
    if (seen.has(c)) dups.add(c);
    seen.add(c);
  }
  if (dups.size > 0) warn(`ignoring duplicate cipher suites: [${[...dups].sort().join(' ')}]`);
  const serverCert = str(tls['serverCertificate']);
  const privateKey = str(tls['privateKey']);
  const ca = str(tls['caCertificates']);
  const credentialName = str(tls['credentialName']);
  const credentialNames = strs(tls['credentialNames']);
  const tlsCerts = arr(tls['tlsCertificates']);
  const crl = str(tls['caCrl']);
  if (mode === 'ISTIO_MUTUAL') {
    if (serverCert !== '') push('ISTIO_MUTUAL TLS cannot have associated server certificate');
    if (privateKey !== '') push('ISTIO_MUTUAL TLS cannot have associated private key');
    if (ca !== '') push('ISTIO_MUTUAL TLS cannot have associated CA bundle');
    if (tlsCerts.length > 0) push('ISTIO_MUTUAL TLS cannot have associated tlsCertificates');
    if (credentialName !== '') push('ISTIO_MUTUAL TLS cannot have associated credentialName');
    if (credentialNames.length > 0) push('ISTIO_MUTUAL TLS cannot have associated credentialNames');
    return;
  }
  if ((mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH') && (crl || serverCert || privateKey || ca || tlsCerts.length > 0 || credentialName || credentialNames.length > 0)) {
    warn(`${mode} mode does not use certificates, they will be ignored`);
  }
  const sources = [serverCert !== '' && privateKey !== '', credentialName !== '', credentialNames.length > 0, tlsCerts.length > 0].filter(Boolean).length;
  if (sources > 1) push('only one of credential_name, credential_names, server_certificate/private_key, tls_certificates should be specified');
  const terminating = mode === 'SIMPLE' || mode === 'MUTUAL' || mode === 'OPTIONAL_MUTUAL';
  if (terminating && (credentialName !== '' || credentialNames.length > 0)) return;
  if (terminating) {
    const prefix = mode === 'SIMPLE' ? 'SIMPLE TLS' : 'MUTUAL TLS';
    if (mode !== 'SIMPLE' && ca === '') push(`${prefix} requires a client CA bundle`);
    if (tlsCerts.length > 2) warn(`${prefix} can support up to 2 server certificates`);
    const certs = tlsCerts.length > 0 ? tlsCerts.map(obj) : [{ serverCertificate: serverCert, privateKey }];
    for (const c of certs) {
      if (str(c['serverCertificate']) === '') push(`${prefix} requires a server certificate`);
      if (str(c['privateKey']) === '') push(`${prefix} requires a private key`);
    }
  }
  if (crl !== '') {
    if (credentialName !== '') push('CRL is not supported with credentialName. CRL has to be specified in the credential');
    if (mode === 'SIMPLE') push('CRL is not supported with SIMPLE TLS');
  }
}

/** `gatewaySemantics`: the Gateway was generated from a Gateway API one (its name may hold dots, hosts may use `~/`). */
export function validateGateway(spec: JsonObject, name: string, r: SemanticResult, gatewaySemantics = false): void {
  const push = (m: string, path?: string): void => {
    r.errors.push({ message: m, path });
  };
  const warn = (m: string): void => {
    r.warnings.push({ message: m });
  };
  if (name !== '' && !isDNS1123Label(name) && !gatewaySemantics) push(`invalid gateway name: ${q(name)}`);
  const servers = arr(spec['servers']);
  if (servers.length === 0) push('gateway must have at least one server');
  servers.forEach((s, i) => {
    if (s === null || s === undefined) {
      push('cannot have nil server');
      return;
    }
    const o = obj(s);
    const hosts = strs(o['hosts']);
    if (hosts.length === 0) push('server config must contain at least one host');
    hosts.forEach((h, j) => {
      for (const e of validateNamespaceSlashHost(h, true, gatewaySemantics)) push(e, `{.spec.servers[${i}].hosts[${j}]}`);
    });
    const bind = str(o['bind']);
    const hasPort = o['port'] !== undefined && o['port'] !== null;
    const port = obj(o['port']);
    let portOk = hasPort;
    if (!hasPort) push('port is required');
    else {
      if (protocolOf(str(port['protocol'])) === undefined) {
        portOk = false;
        push(`invalid protocol ${q(str(port['protocol']))}, supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP`, `{.spec.servers[${i}].port.protocol}`);
      }
      const n = num(port['number']) ?? 0;
      if (n > 0 || !bind.startsWith(UNIX_PREFIX)) {
        const e = validatePort(n);
        if (e) {
          portOk = false;
          push(e, `{.spec.servers[${i}].port.number}`);
        }
      }
      if ((num(port['targetPort']) ?? 0) > 0) {
        portOk = false;
        push('targetPort has no impact on Gateways');
      }
      if (str(port['name']) === '') {
        portOk = false;
        push(`port name must be set: ${portText(port)}`);
      }
    }
    if (bind.startsWith(UNIX_PREFIX)) {
      const addr = bind.slice(UNIX_PREFIX.length);
      if (addr === '') push('unix address must not be empty');
      else if (!addr.startsWith('@') && (!addr.startsWith('/') || addr.endsWith('/'))) push(`${addr} is not an absolute path to a file`);
      if (hasPort && (num(port['number']) ?? 0) !== 0) push(`port number must be 0 for unix domain socket: ${portText(port)}`);
    } else if (bind !== '' && !isIPAddress(bind)) push(`${bind} is not a valid IP`);
    const hasTls = o['tls'] !== undefined && o['tls'] !== null;
    const tls = obj(o['tls']);
    if (hasTls) validateTLSOptions(tls, (m) => push(m), warn);
    if (portOk) {
      const p = protocolOf(str(port['protocol'])) as string;
      if (TLS_PROTOCOLS.has(p) && !hasTls) push('server must have TLS settings for HTTPS/TLS protocols');
      else if (!TLS_PROTOCOLS.has(p) && hasTls) {
        if (HTTP_PROTOCOLS.has(p)) {
          // Plain HTTP may carry only httpsRedirect (a passthrough-looking TLS block without certificates).
          const mode = str(tls['mode']) || 'PASSTHROUGH';
          const passthrough = mode === 'PASSTHROUGH' || mode === 'AUTO_PASSTHROUGH';
          if (!passthrough || str(tls['caCertificates']) || str(tls['privateKey']) || str(tls['serverCertificate'])) push('server cannot have TLS settings for plain text HTTP ports');
        } else push('server cannot have TLS settings for non HTTPS/TLS ports');
      }
    }
  });
  const portNames = new Set<string>();
  for (const s of servers) {
    if (s === null || s === undefined) {
      push('server may not be nil');
      continue;
    }
    const o = obj(s);
    if (o['port'] === undefined || o['port'] === null) continue;
    const port = obj(o['port']);
    const pname = str(port['name']);
    if (portNames.has(pname)) push(`port names in servers must be unique: duplicate name ${pname}`);
    portNames.add(pname);
    const p = protocolOf(str(port['protocol']));
    if (!(p && HTTP_PROTOCOLS.has(p)) && obj(o['tls'])['httpsRedirect'] === true) warn('tls.httpsRedirect should only be used with http servers');
  }
}
