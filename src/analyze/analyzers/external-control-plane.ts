/**
 * externalcontrolplane.ExternalControlPlaneAnalyzer: Istio's validating/injection webhooks on a
 * remote cluster must reach the external control plane through a usable URL: a malformed or blank
 * one is IST0163, an IP address instead of a host name is IST0164.
 */
import { isIPv4, isIPv6 } from 'node:net';
import { newMessage, type Analyzer, type AnalysisContext } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj, str, type Resource } from '../resource.js';

const DEFAULT_VALIDATOR = 'istiod-default-validator';
const VALIDATOR_PREFIX = 'istio-validator';
const INJECTOR_PREFIX = 'istio-sidecar-injector';

// Characters Go's net/url accepts unescaped in a host (besides letters, digits and -._~).
const HOST_CHARS = new Set("!$&'()*+,;=:[]<>\"");

function validOptionalPort(port: string): boolean {
  return port === '' || /^:\d*$/.test(port);
}

function validHostText(host: string): boolean {
  for (let i = 0; i < host.length; i++) {
    const c = host[i] as string;
    if (c === '%') {
      if (!/^[0-9a-fA-F]{2}$/.test(host.slice(i + 1, i + 3))) return false;
      i += 2;
    } else if (c.charCodeAt(0) < 0x80 && !/[A-Za-z0-9\-._~]/.test(c) && !HOST_CHARS.has(c)) return false;
  }
  return true;
}

/**
 * The host name of a URL as Go's url.Parse + URL.Hostname() see it, or undefined when Go's parser
 * rejects the text. Covers the rules a webhook URL can trip over: control characters, a leading
 * colon, a colon in a scheme-less first segment, bad ports, brackets and host characters.
 */
export function goUrlHostname(raw: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) return undefined;
  let rest = raw;
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  let scheme = '';
  const m = /^([A-Za-z][A-Za-z0-9+\-.]*):/.exec(rest);
  if (rest.startsWith(':')) return undefined;
  if (m) {
    scheme = m[1] as string;
    rest = rest.slice(scheme.length + 1);
  }
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  if (!rest.startsWith('/')) {
    if (scheme !== '') return ''; // opaque URL: no host
    const slash = rest.indexOf('/');
    if ((slash >= 0 ? rest.slice(0, slash) : rest).includes(':')) return undefined;
  }
  if (!rest.startsWith('//') || (scheme === '' && rest.startsWith('///'))) return '';
  let authority = rest.slice(2);
  const end = authority.indexOf('/');
  if (end >= 0) authority = authority.slice(0, end);
  const at = authority.lastIndexOf('@');
  const host = at >= 0 ? authority.slice(at + 1) : authority;
  if (at >= 0 && !/^[A-Za-z0-9\-._:~!$&'()*+,;=%@]*$/.test(authority.slice(0, at))) return undefined;
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0 || !validOptionalPort(host.slice(close + 1))) return undefined;
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0 && !validOptionalPort(host.slice(colon))) return undefined;
  }
  if (!validHostText(host)) return undefined;
  let name = host;
  const colon = name.lastIndexOf(':');
  if (colon >= 0 && validOptionalPort(name.slice(colon))) name = name.slice(0, colon);
  if (name.startsWith('[') && name.endsWith(']')) name = name.slice(1, -1);
  return name.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** Go's net.ParseIP: dotted IPv4 or IPv6 without a zone. */
function isGoIP(host: string): boolean {
  return isIPv4(host) || (isIPv6(host) && !host.includes('%'));
}

function checkWebhooks(ctx: AnalysisContext, r: Resource): void {
  for (const hook of arr(r.object['webhooks']).map(obj)) {
    const hookName = str(hook['name']);
    const clientConfig = obj(hook['clientConfig']);
    const url = clientConfig['url'];
    if (url !== undefined && url !== null) {
      const text = str(url);
      const host = goUrlHostname(text);
      if (host === undefined) ctx.report(newMessage('InvalidExternalControlPlaneConfig', r, [text, hookName, 'was provided in an invalid format']));
      else if (isGoIP(host)) ctx.report(newMessage('ExternalControlPlaneAddressIsNotAHostname', r, [text, hookName]));
    } else if (clientConfig['service'] === undefined || clientConfig['service'] === null) {
      ctx.report(newMessage('InvalidExternalControlPlaneConfig', r, ['', hookName, 'is blank']));
    }
  }
}

export const externalControlPlaneAnalyzer: Analyzer = {
  name: 'externalcontrolplane.ExternalControlPlaneAnalyzer',
  description: 'Checks the webhook addresses a remote cluster uses to reach an external control plane',
  inputs: [K.ValidatingWebhookConfiguration, K.MutatingWebhookConfiguration],
  analyze(ctx) {
    for (const r of ctx.snapshot.list(K.ValidatingWebhookConfiguration)) {
      if (r.name === DEFAULT_VALIDATOR || r.name.startsWith(VALIDATOR_PREFIX)) checkWebhooks(ctx, r);
    }
    for (const r of ctx.snapshot.list(K.MutatingWebhookConfiguration)) {
      if (r.name.startsWith(INJECTOR_PREFIX)) checkWebhooks(ctx, r);
    }
  },
};
