/**
 * Building blocks shared by the per-kind semantic rules: host names, ports, label selectors,
 * protobuf durations, string matches and regular expressions. Each returns Istio's message text
 * (the text users see from istioctl) or undefined when the value is fine.
 */

export const DNS1123_LABEL = /^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const WILDCARD_PREFIX_LABEL = /^(\*|(\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$/;
const QUALIFIED_NAME = '(?:[A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const TAG_KEY = new RegExp(`^((?:[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)*/)?(${QUALIFIED_NAME})$`);
const LABEL_VALUE = new RegExp(`^(${QUALIFIED_NAME})?$`);

/** Go's %q for the strings these messages quote (ASCII in practice). */
export function q(s: string): string {
  const named: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };
  const body = s.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => {
    if (c === '\\' || c === '"') return `\\${c}`;
    return named[c] ?? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return `"${body}"`;
}

export function isDNS1123Label(s: string): boolean {
  return s.length <= 63 && DNS1123_LABEL.test(s);
}

function dnsPreconditions(domain: string): string | undefined {
  if (domain.length > 255) return `domain name ${q(domain)} too long (max 255)`;
  if (domain.length === 0) return 'empty domain name not allowed';
  return undefined;
}

export function validateDNS1123Labels(domain: string): string | undefined {
  const parts = domain.split('.');
  const tld = parts[parts.length - 1] as string;
  if (/^[+-]?\d+$/.test(tld)) return `domain name ${q(domain)} invalid (top level domain ${q(tld)} cannot be all-numeric)`;
  for (let i = 0; i < parts.length; i++) {
    const label = parts[i] as string;
    // A trailing dot (FQDN form) leaves an empty last label, which is allowed.
    if (i === parts.length - 1 && label === '') return undefined;
    if (!isDNS1123Label(label)) return `domain name ${q(domain)} invalid (label ${q(label)} invalid)`;
  }
  return undefined;
}

/** A host name whose first label may be a wildcard (`*`, `*foo`, `*-foo`). */
export function validateWildcardDomain(domain: string): string | undefined {
  const pre = dnsPreconditions(domain);
  if (pre) return pre;
  const dot = domain.indexOf('.');
  const first = dot < 0 ? domain : domain.slice(0, dot);
  if (first.length > 63 || !WILDCARD_PREFIX_LABEL.test(first)) return `domain name ${q(domain)} invalid (label ${q(first)} invalid)`;
  return dot < 0 ? undefined : validateDNS1123Labels(domain.slice(dot + 1));
}

export function validateFQDN(fqdn: string): string | undefined {
  const pre = dnsPreconditions(fqdn);
  if (pre) return pre;
  return validateDNS1123Labels(fqdn.endsWith('.') ? fqdn.slice(0, -1) : fqdn);
}

export function isIPAddress(s: string): boolean {
  return isIPv4(s) || isIPv6(s);
}

export function isIPv4(s: string): boolean {
  const parts = s.split('.');
  return parts.length === 4 && parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255 && !(p.length > 1 && p.startsWith('0')));
}

export function isIPv6(s: string): boolean {
  if (!s.includes(':') || !/^[0-9a-fA-F:.]+$/.test(s)) return false;
  const double = s.split('::');
  if (double.length > 2) return false;
  const groups = (x: string): string[] => (x === '' ? [] : x.split(':'));
  const all = [...groups(double[0] as string), ...(double.length === 2 ? groups(double[1] as string) : [])];
  let count = 0;
  for (let i = 0; i < all.length; i++) {
    const g = all[i] as string;
    if (i === all.length - 1 && g.includes('.')) {
      if (!isIPv4(g)) return false;
      count += 2;
    } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) count++;
    else return false;
  }
  return double.length === 2 ? count < 8 : count === 8;
}

export function validateIPSubnet(subnet: string): string | undefined {
  const slash = subnet.indexOf('/');
  if (slash < 0) return isIPAddress(subnet) ? undefined : `${subnet} is not a valid IP`;
  const ip = subnet.slice(0, slash);
  const bits = subnet.slice(slash + 1);
  const max = isIPv4(ip) ? 32 : isIPv6(ip) ? 128 : -1;
  if (max < 0 || !/^\d+$/.test(bits) || Number(bits) > max) return `${subnet} is not a valid CIDR block`;
  return undefined;
}

export function validatePort(n: number | undefined): string | undefined {
  const v = n ?? 0;
  if (Number.isInteger(v) && v >= 1 && v <= 65535) return undefined;
  return `port number ${v} must be in the range 1..65535`;
}

/** Kubernetes label syntax, as Istio's labels.Instance.Validate checks selectors and source labels. */
export function validateLabels(labels: Record<string, unknown>): string[] {
  const out: string[] = [];
  for (const [k, raw] of Object.entries(labels)) {
    const m = TAG_KEY.exec(k);
    if (!m) out.push(`invalid tag key: ${q(k)}`);
    else if (m[1] && m[1].length - 1 > 253) out.push(`invalid tag key: ${q(k)} (DNS prefix is too long)`);
    else if ((m[2] as string).length > 63) out.push(`invalid tag key: ${q(k)} (name is too long)`);
    const v = typeof raw === 'string' ? raw : String(raw);
    if (!LABEL_VALUE.test(v) || v.length > 63) out.push(`invalid tag value: ${q(v)}`);
  }
  return out;
}

/**
 * A protobuf Duration as written in YAML ("1.5s"; Go-style "100ms" and "1m" are also accepted by
 * the decoder sailctl's users go through). Returns nanoseconds, or undefined when unparseable.
 */
export function durationNanos(v: unknown): number | undefined {
  if (typeof v !== 'string') return undefined;
  const proto = /^(-)?(\d+)(?:\.(\d{1,9}))?s$/.exec(v);
  if (proto) {
    const ns = Number(proto[2]) * 1e9 + Number(((proto[3] ?? '') + '000000000').slice(0, 9));
    return proto[1] ? -ns : ns;
  }
  const UNIT: Record<string, number> = { ns: 1, us: 1e3, 'µs': 1e3, ms: 1e6, s: 1e9, m: 6e10, h: 3.6e12 };
  let rest = v;
  let sign = 1;
  if (rest.startsWith('-')) {
    sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '') return undefined;
  let total = 0;
  while (rest.length > 0) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|ms|s|m|h)/.exec(rest);
    if (!m) return undefined;
    total += Number(m[1]) * (UNIT[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return Math.round(sign * total);
}

/** agent.ValidateDuration: at least 1ms and whole milliseconds. */
export function validateDuration(v: unknown): string | undefined {
  const ns = durationNanos(v);
  if (ns === undefined) return undefined; // the CRD schema reports the malformed value
  if (ns < 1e6) return 'duration must be greater than 1ms';
  if (ns % 1e6 !== 0) return 'only durations to ms precision are supported';
  return undefined;
}

const REPEAT_COUNT = /^\{(\d+)(,(\d*))?\}/;

/**
 * The structural errors Go's regexp/syntax reports, with its wording and the same quoted excerpt:
 * nested or argument-less repetition, repeat counts, unbalanced parentheses and brackets, class
 * ranges and a trailing backslash. Undefined when the pattern is structurally sound.
 */
function goRegexpStructureError(re: string): string | undefined {
  const err = (code: string, arg: string): string => `error parsing regexp: ${code}: \`${arg}\``;
  const opens: number[] = [];
  // Whether the previous item can take a repetition operator, and where a preceding one started.
  let operand = false;
  let repeatStart = -1;
  let i = 0;
  while (i < re.length) {
    const c = re[i] as string;
    const count = c === '{' ? REPEAT_COUNT.exec(re.slice(i)) : null;
    if (c === '*' || c === '+' || c === '?' || count) {
      const start = i;
      if (count) {
        const min = Number(count[1]);
        const max = count[2] === undefined ? min : count[3] === '' ? -1 : Number(count[3]);
        if (min > 1000 || max > 1000 || (max >= 0 && max < min)) return err('invalid repeat count', count[0]);
        i += count[0].length;
      } else i++;
      if (re[i] === '?') i++;
      if (repeatStart >= 0) return err('invalid nested repetition operator', re.slice(repeatStart, i));
      if (!operand) return err('missing argument to repetition operator', re.slice(start, i));
      repeatStart = start;
      continue;
    }
    repeatStart = -1;
    if (c === '\\') {
      if (i + 1 >= re.length) return err('trailing backslash at end of expression', '');
      i += 2;
      operand = true;
    } else if (c === '[') {
      let j = i + 1;
      if (re[j] === '^') j++;
      const first = j;
      for (; j < re.length && (re[j] !== ']' || j === first); j++) {
        if (re[j] === '\\') {
          j++;
          continue;
        }
        if (re.startsWith('[:', j)) {
          const close = re.indexOf(':]', j + 2);
          if (close > 0) {
            j = close + 1;
            continue;
          }
        }
        const lo = re[j] as string;
        if (re[j + 1] === '-' && re[j + 2] !== undefined && re[j + 2] !== ']' && re[j + 2] !== '\\' && (re[j + 2] as string) < lo) return err('invalid character class range', re.slice(j, j + 3));
      }
      if (j >= re.length) return err('missing closing ]', re.slice(i));
      i = j + 1;
      operand = true;
    } else if (c === '(') {
      opens.push(i);
      i++;
      // Flags and group names are not operands: `(?i)*` has nothing to repeat.
      if (re[i] === '?') {
        const close = /^\?(P?<[^>]*>|[imsU-]*:?)/.exec(re.slice(i));
        if (close) i += close[0].length;
        if (re[i - 1] !== ':' && re[i - 1] !== '>' && re[i] === ')') {
          opens.pop();
          i++;
        }
      }
      operand = false;
    } else if (c === ')') {
      if (opens.length === 0) return err('unexpected )', re);
      opens.pop();
      i++;
      operand = true;
    } else if (c === '|') {
      i++;
      operand = false;
    } else {
      i++;
      operand = true;
    }
  }
  if (opens.length > 0) return err('missing closing )', re);
  return undefined;
}

/**
 * RE2 accepts less than JavaScript: lookaround and backreferences are rejected by Go's regexp, with
 * the wording Go uses, as are the structural mistakes goRegexpStructureError knows. Everything else
 * is checked by compiling it as a JavaScript pattern.
 */
export function regexpError(re: string): string | undefined {
  const look = /\(\?<?[=!]/.exec(re);
  if (look) return `error parsing regexp: invalid or unsupported Perl syntax: \`${look[0]}\``;
  const backref = /\\[1-9]/.exec(re);
  if (backref) return `error parsing regexp: invalid escape sequence: \`${backref[0]}\``;
  const structural = goRegexpStructureError(re);
  if (structural) return structural;
  // Go-only syntax JavaScript would refuse: named groups `(?P<n>`, inline flags. Repeating `^`/`$`
  // (JavaScript's "Nothing to repeat") is legal in Go and already vetted by the structural check.
  const js = re.replace(/\(\?P</g, '(?<').replace(/\(\?[imsU-]+\)/g, '').replace(/\(\?[imsU-]+:/g, '(?:');
  try {
    new RegExp(js, 'u');
    return undefined;
  } catch {
    try {
      new RegExp(js);
      return undefined;
    } catch (e) {
      if (/Nothing to repeat/.test((e as Error).message)) return undefined;
      return `error parsing regexp: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`;
    }
  }
}

export function validateStringRegexp(re: string, where: string): string | undefined {
  if (re.length > 1024) return `${q(where)}: regex is too large, max length allowed is 1024`;
  const e = regexpError(re);
  if (!e) return undefined;
  return `${q(where)}: ${e}; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)`;
}

/** A StringMatch object: {exact|prefix|regex}. `allowEmptyPrefix` is true only for uri. */
export function validateStringMatch(sm: unknown, where: string, allowEmptyPrefix = false): string | undefined {
  if (sm === null || typeof sm !== 'object' || Array.isArray(sm)) return undefined;
  const o = sm as Record<string, unknown>;
  if ('prefix' in o && !allowEmptyPrefix && (o['prefix'] === '' || o['prefix'] === null)) return `${q(where)}: prefix string match should not be empty`;
  if ('regex' in o) {
    const re = typeof o['regex'] === 'string' ? o['regex'] : '';
    if (re === '') return `${q(where)}: regex string match should not be empty`;
    return validateStringRegexp(re, where);
  }
  return undefined;
}

/** Istio's host.Name.Matches: wildcards match by suffix, `*` matches everything. */
export function hostsMatch(a: string, b: string): boolean {
  const aw = a.startsWith('*');
  const bw = b.startsWith('*');
  if (aw && bw) return a.length < b.length ? b.slice(1).endsWith(a.slice(1)) : a.slice(1).endsWith(b.slice(1));
  if (aw) return b.endsWith(a.slice(1));
  if (bw) return a.endsWith(b.slice(1));
  return a === b;
}

/** Istio's host.Name.SubsetOf. */
export function hostSubsetOf(a: string, b: string): boolean {
  if (a.startsWith('*')) return b.startsWith('*') && a.slice(1).endsWith(b.slice(1));
  if (b.startsWith('*')) return a.endsWith(b.slice(1));
  return a === b;
}

/** Gateway server hosts and Sidecar egress hosts: `ns/dnsName` (gateways also accept a bare name). */
/** `gatewaySemantics`: a Gateway generated from a Gateway API one may use the `~` namespace (no routes matched). */
export function validateNamespaceSlashHost(hostname: string, isGateway: boolean, gatewaySemantics = false): string[] {
  const out: string[] = [];
  const slash = hostname.indexOf('/');
  const hostPart = (h: string): void => {
    if (h !== '*' && !h.includes('.')) out.push('short names (non FQDN) are not allowed');
    const e = validateWildcardDomain(h);
    if (e) {
      // Istio appends the domain error for sidecars, and again whenever the host is not an IP
      // (gateways accept IPs), so a bad sidecar host is reported twice, as istioctl does.
      if (!isGateway) out.push(e);
      if (!isIPAddress(h)) out.push(e);
    }
    if (h.includes('*') && h.length !== 1 && !h.startsWith('*.')) out.push(`partial wildcard ${q(h)} not allowed`);
  };
  if (slash < 0) {
    if (isGateway) hostPart(hostname);
    else out.push('host must be of form namespace/dnsName');
    return out;
  }
  const ns = hostname.slice(0, slash);
  const host = hostname.slice(slash + 1);
  if (ns === '' || host === '') out.push('config namespace and dnsName in host entry cannot be empty');
  if (ns !== '*' && ns !== '.' && (ns !== '~' || (isGateway && !gatewaySemantics)) && !isDNS1123Label(ns)) out.push(`invalid namespace value ${q(ns)} in ${isGateway ? 'gateway' : 'sidecar'}`);
  hostPart(host);
  return out;
}

/** Istio's validateExportTo: `.`, `*`, namespaces; `~` only for ServiceEntry. */
export function validateExportTo(namespace: string, exportTo: string[], isServiceEntry: boolean, drWithSelector: boolean, push: (m: string | undefined) => void): void {
  if (exportTo.length === 0) return;
  const set = new Set<string>();
  for (const e of exportTo) {
    const key = e === '.' ? namespace : e;
    if (set.has(key)) {
      push(key !== e ? `duplicate entries in exportTo: . and current namespace ${namespace}` : `duplicate entries in exportTo for entry ${e}`);
      continue;
    }
    if (isServiceEntry && e === '~') {
      set.add(key);
      continue;
    }
    if (key === '~') push('exportTo ~ (none) is not allowed for Istio configuration objects');
    else if (key !== '*' && key !== '.' && !isDNS1123Label(key)) push('only .,*, or a valid DNS 1123 label is allowed as exportTo entry');
    else set.add(key);
  }
  if (drWithSelector && set.size > 0) {
    if (set.has(namespace)) {
      if (set.size > 1) push('destination rule with workload selector cannot have multiple entries in exportTo');
    } else push('destination rule with workload selector cannot have exportTo beyond current namespace');
  }
  if (set.has('*') && exportTo.length > 1) push('cannot have both public (*) and non-public exportTo values for a resource');
  if (set.has('~') && exportTo.length > 1) push('cannot export service entry to no one (~) and someone');
}

/** Collects a kind's findings; `error` ignores undefined so rule helpers can be passed straight in. */
export interface Sink {
  error(message: string | undefined, path?: string): void;
  warn(message: string | undefined, path?: string): void;
}

export function validatePercent(v: number | undefined): string | undefined {
  const n = v ?? 0;
  return n < 0 || n > 100 ? `percentage ${n} is not in range 0..100` : undefined;
}

export function validateSubsetName(name: string): string | undefined {
  if (name === '') return 'subset name cannot be empty';
  return isDNS1123Label(name) ? undefined : `subset name is invalid: ${name}`;
}

function selectorLabelErrors(labels: Record<string, unknown>, out: Sink, path: string): void {
  for (const [k, raw] of Object.entries(labels)) {
    const v = typeof raw === 'string' ? raw : String(raw);
    // The label's own line when it has one (an empty key has none).
    const at = k === '' ? path : `${path.slice(0, -1)}.${k}}`;
    if (k === '') out.error(`empty key is not supported in selector: ${q(`${k}=${v}`)}`, at);
    if (k.includes('*') || v.includes('*')) out.error(`wildcard is not supported in selector: ${q(`${k}=${v}`)}`, at);
  }
  if (Object.keys(labels).length === 0) out.warn('workload selector specified without labels', path);
}

/**
 * A security/telemetry/extension `selector` (matchLabels) or a networking `workloadSelector`
 * (labels); absent selectors are fine, empty ones only warn.
 */
export function validateWorkloadSelector(selector: unknown, labelsKey: 'matchLabels' | 'labels', path: string, out: Sink): void {
  if (selector === undefined || selector === null || typeof selector !== 'object') return;
  const labels = (selector as Record<string, unknown>)[labelsKey];
  selectorLabelErrors(labels && typeof labels === 'object' ? (labels as Record<string, unknown>) : {}, out, `{${path}.${labelsKey}}`);
}

const ALLOWED_TARGET_REFS: Array<[string, string]> = [
  ['core', 'Service'],
  ['networking.istio.io', 'ServiceEntry'],
  ['gateway.networking.k8s.io', 'Gateway'],
  ['gateway.networking.k8s.io', 'GatewayClass'],
];
// Go's %v of the allowed GroupVersionKind list, as Istio prints it.
const ALLOWED_TARGET_REFS_TEXT = '[core/v1/Service networking.istio.io/v1/ServiceEntry gateway.networking.k8s.io/v1/Gateway gateway.networking.k8s.io/v1/GatewayClass]';

export function validatePolicyTargetReference(ref: unknown, out: Sink): void {
  if (ref === undefined || ref === null || typeof ref !== 'object') return;
  const o = ref as Record<string, unknown>;
  const s = (k: string): string => (typeof o[k] === 'string' ? (o[k] as string) : '');
  if (s('name') === '') out.error('targetRef name must be set');
  if (s('namespace') !== '') out.error('targetRef namespace must not be set; cross namespace referencing is not supported');
  const group = s('group') === '' ? 'core' : s('group');
  if (!ALLOWED_TARGET_REFS.some(([g, k]) => g === group && k === s('kind'))) {
    out.error(`targetRef must be to one of ${ALLOWED_TARGET_REFS_TEXT} but was ${s('group')}/${s('kind')}`);
  }
}

/** Policies select workloads by exactly one of selector, targetRef, targetRefs. */
export function validateOneOfSelectorType(spec: Record<string, unknown>, out: Sink): void {
  const present = (k: string): boolean => spec[k] !== undefined && spec[k] !== null;
  let set = 0;
  if (present('selector')) set++;
  if (present('targetRef')) set++;
  if (Array.isArray(spec['targetRefs']) && spec['targetRefs'].length > 0) set++;
  if (set > 1) out.error('only one of targetRefs or workloadSelector can be set');
}

/** selector + targetRef(s), the common head of the security, telemetry and extension policies. */
export function validatePolicySelection(spec: Record<string, unknown>, out: Sink): void {
  validateOneOfSelectorType(spec, out);
  validateWorkloadSelector(spec['selector'], 'matchLabels', '.spec.selector', out);
  validatePolicyTargetReference(spec['targetRef'], out);
  if (Array.isArray(spec['targetRefs'])) for (const t of spec['targetRefs']) validatePolicyTargetReference(t, out);
}
