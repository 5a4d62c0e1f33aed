/**
 * The checks istioctl 1.30 makes beyond the schema (operator/pkg/apis/validation): a hub and tag
 * that form a valid image reference, a revision that is a DNS-1123 label, gateway names, and the
 * proxy's IP range and port lists. Messages use istioctl's wording.
 */
import { isJsonObject } from './types.js';
import type { ValidationIssue } from './validate.js';

type Path = Array<string | number>;

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const REPO_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const REGISTRY = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::\d+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;

/** go-containerregistry's repository rules for `<hub>/pilot`. */
function hubProblem(hub: string): string | undefined {
  const parts = `${hub}/pilot`.split('/');
  const first = parts[0] as string;
  const hasRegistry = parts.length > 1 && (first.includes('.') || first.includes(':') || first === 'localhost');
  if (hasRegistry && !REGISTRY.test(first)) return `registries must be valid RFC 3986 URI authorities: ${first}`;
  const repo = hasRegistry ? parts.slice(1) : parts;
  for (const c of repo) {
    if (!REPO_COMPONENT.test(c)) {
      return `repository can only contain the characters \`abcdefghijklmnopqrstuvwxyz0123456789_-./\`: ${repo.join('/')}`;
    }
  }
  return undefined;
}

function isCidr(s: string): boolean {
  const m = /^(.+)\/(\d{1,3})$/.exec(s);
  if (!m) return false;
  const [addr, bitsText] = [m[1] as string, m[2] as string];
  const bits = Number(bitsText);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(addr)) return addr.split('.').every((o) => Number(o) <= 255 && !/^0\d/.test(o)) && bits <= 32;
  if (/^[0-9a-fA-F:.]+$/.test(addr) && addr.includes(':')) return bits <= 128;
  return false;
}

function get(root: unknown, path: Path): unknown {
  let cur = root;
  for (const seg of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

function issue(path: Path, message: string): ValidationIssue {
  let text = '';
  for (const seg of path) text += typeof seg === 'number' ? `[${seg}]` : text === '' ? seg : `.${seg}`;
  return { path, pathText: text, message, severity: 'error' };
}

/** Semantic issues of a (schema-valid) IstioOperator document. */
export function semanticIssues(iop: unknown): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  const hub = get(iop, ['spec', 'hub']);
  if (typeof hub === 'string' && hub !== '') {
    const p = hubProblem(hub);
    if (p) out.push(issue(['spec', 'hub'], `bad hub: ${p}`));
  }
  const tag = get(iop, ['spec', 'tag']);
  if ((typeof tag === 'string' && tag !== '') || typeof tag === 'number') {
    if (!TAG.test(String(tag))) out.push(issue(['spec', 'tag'], `bad tag: tag can only contain the characters \`abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.\`: ${String(tag)}`));
  }
  const revision = get(iop, ['spec', 'revision']);
  if (typeof revision === 'string' && revision !== '' && !(revision.length <= 63 && DNS1123_LABEL.test(revision))) {
    out.push(issue(['spec', 'revision'], `invalid revision specified: ${revision}`));
  }
  for (const [list, label] of [['egressGateways', 'egressGateways.name'], ['ingressGateways', 'inressGateways.name']] as const) {
    const gws = get(iop, ['spec', 'components', list]);
    if (!Array.isArray(gws)) continue;
    gws.forEach((gw, i) => {
      const name = isJsonObject(gw) ? gw['name'] : undefined;
      if (typeof name === 'string' && name !== '' && !/^[a-z0-9.-]{1,254}$/.test(name)) {
        out.push(issue(['spec', 'components', list, i, 'name'], `invalid value ${label}: ${name}`));
      }
    });
  }
  for (const key of ['includeIPRanges', 'excludeIPRanges'] as const) {
    const path: Path = ['spec', 'values', 'global', 'proxy', key];
    const v = get(iop, path);
    if (typeof v !== 'string' || v === '' || v === '*') continue;
    for (const cidr of v.split(',')) {
      if (!isCidr(cidr)) out.push(issue(path, `global.proxy.${key} netip.ParsePrefix(${JSON.stringify(cidr)}): invalid CIDR`));
    }
  }
  for (const key of ['includeInboundPorts', 'excludeInboundPorts'] as const) {
    const path: Path = ['spec', 'values', 'global', 'proxy', key];
    const v = get(iop, path);
    if (typeof v !== 'string' || v === '' || v === '*') continue;
    for (const port of v.split(',')) {
      if (port === '*' || port === '') continue;
      if (!/^[+-]?\d+$/.test(port)) out.push(issue(path, `global.proxy.${key} : strconv.ParseInt: parsing ${JSON.stringify(port)}: invalid syntax`));
      else if (Number(port) < 0 || Number(port) > 65535) out.push(issue(path, `value global.proxy.${key}:${Number(port)} falls outside range [0, 65535]`));
    }
  }
  return out;
}
