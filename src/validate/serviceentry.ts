/**
 * ServiceEntry rules of Istio's ValidateServiceEntry: hosts, addresses, ports, and the consistency
 * of resolution with endpoints, addresses, hosts and workloadSelector.
 */
import { arr, num, obj, str, strs, type JsonObject } from '../analyze/resource.js';
import { q, validateExportTo, validateFQDN, validateIPSubnet, validateLabels, validatePort, validateWildcardDomain } from './rules.js';
import type { SemanticResult } from './semantic.js';
import { sinkFor, validatePortName, validateWorkloadEntrySpec } from './workload.js';

const PROTOCOLS = new Set(['tcp', 'udp', 'grpc', 'grpc-web', 'http', 'http_proxy', 'http2', 'https', 'tls', 'mongo', 'redis', 'mysql']);
const HTTP = new Set(['http', 'http2', 'http_proxy', 'grpc', 'grpc-web']);
const TLS = new Set(['https', 'tls']);
const TCP = new Set(['tcp', 'https', 'tls', 'mongo', 'redis', 'mysql']);
const DFP = new Set(['http', 'tls', 'grpc', 'http2']);
const present = (v: unknown): boolean => v !== undefined && v !== null;

export function validateProtocol(p: string): string | undefined {
  return p !== '' && !PROTOCOLS.has(p.toLowerCase()) ? `unsupported protocol: ${p}` : undefined;
}

export function validateServiceEntry(spec: JsonObject, namespace: string, labels: Readonly<Record<string, string>>, r: SemanticResult): void {
  const out = sinkFor(r);
  const selector = spec['workloadSelector'];
  if (present(selector)) {
    // Istio stops at a bad selector: nothing else is reported.
    let bad = false;
    const selLabels = obj(obj(selector)['labels']);
    for (const [k, raw] of Object.entries(selLabels)) {
      const v = typeof raw === 'string' ? raw : String(raw);
      if (k === '') (bad = true), out.error(`empty key is not supported in selector: ${q(`${k}=${v}`)}`);
      if (k.includes('*') || v.includes('*')) (bad = true), out.error(`wildcard is not supported in selector: ${q(`${k}=${v}`)}`);
    }
    if (bad) return;
    if (Object.keys(selLabels).length === 0) out.warn('service entry: workload selector specified without labels, will be applied to all services in namespace');
  }
  const endpoints = spec['endpoints'];
  const eps = arr(endpoints);
  if (present(selector) && present(endpoints)) out.error('only one of WorkloadSelector or Endpoints is allowed in Service Entry');
  const resolution = str(spec['resolution']) || 'NONE';
  const hosts = strs(spec['hosts']);
  if (hosts.length === 0) out.error('service entry must have at least one host');
  hosts.forEach((h, i) => {
    if (h === '*') out.error(`invalid host ${h}`, `{.spec.hosts[${i}]}`);
    else {
      out.error(validateWildcardDomain(h), `{.spec.hosts[${i}]}`);
      if (resolution !== 'DYNAMIC_DNS' && h.includes('*') && h.length !== 1 && !h.startsWith('*.')) out.warn(`partial wildcard ${q(h)} not allowed`);
    }
  });
  const addresses = strs(spec['addresses']);
  let cidr = false;
  for (const a of addresses) {
    cidr ||= a.includes('/');
    out.error(validateIPSubnet(a));
  }
  if (cidr && resolution !== 'NONE' && resolution !== 'STATIC') out.error('CIDR addresses are allowed only for NONE/STATIC resolution types');

  // Istio auto-allocates addresses (PILOT_ENABLE_IP_AUTOALLOCATE, on by default) unless the
  // resolution is NONE, the user opted out by label, or addresses are given.
  const optOut = (labels['networking.istio.io/enable-autoallocate-ip'] ?? '').toLowerCase() === 'false';
  const autoAllocation = resolution !== 'NONE' && !optOut && addresses.length === 0;
  const ports = arr(spec['ports']);
  const portNames = new Set<string>();
  const portNumbers = new Set<number>();
  ports.forEach((port, i) => {
    if (!present(port)) {
      out.error('service entry port may not be null');
      return;
    }
    const p = obj(port);
    const name = str(p['name']);
    const number = num(p['number']) ?? 0;
    if (portNames.has(name)) out.error(`service entry port name ${q(name)} already defined`);
    portNames.add(name);
    if (portNumbers.has(number)) out.error(`service entry port ${number} already defined`);
    portNumbers.add(number);
    if ((num(p['targetPort']) ?? 0) !== 0) out.error(validatePort(num(p['targetPort'])));
    const protocol = str(p['protocol']);
    if (addresses.length === 0 && !autoAllocation && (protocol === '' || protocol === 'TCP')) {
      out.warn('addresses are required for ports serving TCP (or unset) protocol when IP Autoallocation is not enabled');
    }
    out.error(validatePortName(name), `{.spec.ports[${i}].name}`);
    out.error(validateProtocol(protocol), `{.spec.ports[${i}].protocol}`);
    out.error(validatePort(number), `{.spec.ports[${i}].number}`);
  });
  const protocols = ports.filter(present).map((p) => str(obj(p)['protocol']).toLowerCase());

  switch (resolution) {
    case 'NONE':
      if (eps.length !== 0) out.error('no endpoints should be provided for resolution type none');
      if (present(selector)) out.warn('workloadSelector should not be set when resolution mode is NONE');
      break;
    case 'STATIC':
      for (const ep of eps) {
        if (!present(ep)) out.error('endpoint cannot be nil');
        else validateWorkloadEntrySpec(obj(ep), portNames, false, out);
      }
      break;
    case 'DNS':
    case 'DNS_ROUND_ROBIN': {
      if (eps.length === 0) {
        for (const h of hosts) {
          const e = validateFQDN(h);
          if (e) {
            out.error(`hosts must be FQDN or contain only prefix wildcards if no endpoints are provided for resolution mode ${resolution}, ${e}`);
            break;
          }
        }
      }
      if (resolution === 'DNS_ROUND_ROBIN' && eps.length > 1) out.error(`there must only be 0 or 1 endpoint for resolution mode ${resolution}`);
      for (const ep of eps) {
        if (!present(ep)) {
          out.error('endpoint cannot be nil');
          continue;
        }
        const e = obj(ep);
        const addr = str(e['address']);
        if (!isIP(addr) && validateFQDN(addr)) out.error(`endpoint address ${q(addr)} is not a valid FQDN or an IP address`);
        for (const le of validateLabels(obj(e['labels']))) out.error(le);
        for (const [name, port] of Object.entries(obj(e['ports']))) {
          if (!portNames.has(name)) out.error(`endpoint port ${num(port) ?? 0} is not defined by the service entry`);
          out.error(validatePortName(name));
          out.error(validatePort(num(port)));
        }
      }
      if (addresses.length > 0 && protocols.some((p) => TCP.has(p)) && hosts.length > 1) {
        out.warn('service entry can not have more than one host specified simultaneously with address and tcp port');
      }
      break;
    }
    case 'DYNAMIC_DNS': {
      if (hosts.length === 0) out.error(`at least one wildcard host must be provided for resolution type ${resolution}`);
      for (const h of hosts) if (!h.startsWith('*')) out.error(`host must be wildcarded for resolution mode ${resolution}`);
      if (addresses.length !== 0) out.error(`addresses cannot be set for resolution type ${resolution}. HTTP route domains will only be generatedfrom the hosts field values`);
      if (eps.length !== 0) out.error(`endpoints cannot be set for resolution type ${resolution}. Destination IP address determined from hostsfield values`);
      for (const p of protocols) if (!DFP.has(p)) out.error(`only HTTP, TLS, GRPC, and HTTP2 protocols are supported for resolution type ${resolution}`);
      const location = str(spec['location']) || 'MESH_EXTERNAL';
      const waypoint = labels['istio.io/use-waypoint'] ?? '';
      if (location === 'MESH_INTERNAL' && waypoint !== '' && waypoint.toLowerCase() !== 'none') {
        out.error(`location MESH_INTERNAL with resolution type ${resolution} is not supported when using waypoints`);
      }
      break;
    }
    default:
      out.error(`unsupported resolution type ${resolution}`);
  }
  if (resolution !== 'NONE' && hosts.length > 1 && protocols.some((p) => !HTTP.has(p) && !TLS.has(p))) out.error('multiple hosts provided with non-HTTP, non-TLS ports');
  validateExportTo(namespace, strs(spec['exportTo']), true, false, (m) => out.error(m));
}

function isIP(s: string): boolean {
  return validateIPSubnet(s) === undefined && !s.includes('/');
}
