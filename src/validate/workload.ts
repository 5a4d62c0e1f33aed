/**
 * WorkloadEntry and WorkloadGroup rules of Istio's ValidateWorkloadEntry/ValidateWorkloadGroup:
 * address (IP, FQDN or unix socket), named ports, labels, and the group's readiness probe.
 * The entry check is shared with ServiceEntry's STATIC endpoints.
 */
import { arr, num, obj, str, strs, type JsonObject } from '../analyze/resource.js';
import { isDNS1123Label, isIPAddress, q, validateFQDN, validateLabels, validatePort, type Sink } from './rules.js';
import type { SemanticResult } from './semantic.js';

const UNIX_PREFIX = 'unix://';
const PROBE_HEADER_NAME = /^[-A-Za-z0-9]+$/;
const present = (v: unknown): boolean => v !== undefined && v !== null;

export function sinkFor(r: SemanticResult): Sink {
  return {
    error: (m, path) => {
      if (m) r.errors.push({ message: m, path });
    },
    warn: (m, path) => {
      if (m) r.warnings.push({ message: m, path });
    },
  };
}

/** hashicorp/go-multierror's text, which Istio embeds when it wraps a label error list. */
function goMultiError(errs: string[]): string {
  const head = errs.length === 1 ? '1 error occurred:' : `${errs.length} errors occurred:`;
  return `${head}\n${errs.map((e) => `\t* ${e}`).join('\n')}\n\n`;
}

export function validatePortName(name: string): string | undefined {
  return isDNS1123Label(name) ? undefined : `invalid port name: ${name}`;
}

export function validateUnixAddress(addr: string): string | undefined {
  if (addr === '') return 'unix address must not be empty';
  if (addr.startsWith('@')) return undefined;
  return !addr.startsWith('/') || addr.endsWith('/') ? `${addr} is not an absolute path to a file` : undefined;
}

/**
 * `servicePorts` is the owning ServiceEntry's port names (undefined for a standalone
 * WorkloadEntry); `allowFQDN` is false for STATIC endpoints, which must be IPs.
 */
export function validateWorkloadEntrySpec(we: JsonObject, servicePorts: Set<string> | undefined, allowFQDN: boolean, out: Sink): void {
  const addr = str(we['address']);
  if (addr === '') {
    if (str(we['network']) === '') {
      out.error('address is required');
      return;
    }
    out.warn(`address is unset with network ${q(str(we['network']))}`);
  }
  const ports = Object.entries(obj(we['ports']));
  const unix = addr.startsWith(UNIX_PREFIX);
  if (unix) {
    out.error(validateUnixAddress(addr.slice(UNIX_PREFIX.length)));
    if (ports.length !== 0) out.error(`unix endpoint ${addr} must not include ports`);
  } else if (addr !== '' && !isIPAddress(addr)) {
    if (!allowFQDN) out.error(`endpoint address ${q(addr)} is not a valid IP address`);
    else if (validateFQDN(addr)) out.error(`endpoint address ${q(addr)} is not a valid FQDN or an IP address`);
  }
  for (const [name, port] of ports) {
    if (servicePorts && !servicePorts.has(name)) out.error(`endpoint port ${num(port) ?? 0} is not defined by the service entry`);
    out.error(validatePortName(name));
    out.error(validatePort(num(port)));
  }
  for (const e of validateLabels(obj(we['labels']))) out.error(e);
  if (unix && servicePorts && servicePorts.size !== 1) out.error('exactly 1 service port required for unix endpoints');
}

export function validateWorkloadEntry(spec: JsonObject, r: SemanticResult): void {
  validateWorkloadEntrySpec(spec, undefined, true, sinkFor(r));
}

function validateReadinessProbe(probe: unknown, out: Sink): void {
  if (!present(probe)) return;
  const p = obj(probe);
  for (const k of ['periodSeconds', 'initialDelaySeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold']) {
    if ((num(p[k]) ?? 0) < 0) out.error(`${k} must be non-negative`);
  }
  if (present(p['httpGet'])) {
    const h = obj(p['httpGet']);
    out.error(validatePort(num(h['port'])));
    const scheme = str(h['scheme']);
    if (scheme !== '' && scheme !== 'HTTPS' && scheme !== 'HTTP') out.error('httpGet.scheme must be one of "HTTPS", "HTTP"');
    for (const header of arr(h['httpHeaders'])) {
      if (!present(header)) {
        out.error('invalid nil header');
        continue;
      }
      const name = str(obj(header)['name']);
      out.error(name === '' ? 'header name cannot be empty' : PROBE_HEADER_NAME.test(name) ? undefined : `header name ${name} is not a valid header name`);
    }
  } else if (present(p['tcpSocket'])) {
    out.error(validatePort(num(obj(p['tcpSocket'])['port'])));
  } else if (present(p['exec'])) {
    if (strs(obj(p['exec'])['command']).length === 0) out.error('exec.command is required');
  } else {
    // Go prints the nil oneof's type.
    out.error('unknown health check method <nil>');
  }
}

export function validateWorkloadGroup(spec: JsonObject, r: SemanticResult): void {
  const out = sinkFor(r);
  if (!present(spec['template'])) {
    out.error('template is required');
    return;
  }
  const labelErrors = validateLabels(obj(obj(spec['metadata'])['labels']));
  if (labelErrors.length > 0) {
    out.error(`invalid labels: ${goMultiError(labelErrors)}`);
    return;
  }
  validateReadinessProbe(spec['probe'], out);
}
