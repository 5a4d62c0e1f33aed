/**
 * WasmPlugin rules of Istio's ValidateWasmPlugin: selector/targetRef(s), the module url (parsed the
 * way Go's net/url does, with a bare `host/path` read as http), sha256, imagePullSecret and
 * pluginName lengths, VM environment variables and traffic-selector ports. Each helper reports at
 * most one problem, as Istio's do.
 */
import { arr, num, obj, str, type JsonObject } from '../analyze/resource.js';
import { q, validatePolicySelection } from './rules.js';
import type { SemanticResult } from './semantic.js';
import { sinkFor } from './workload.js';

const present = (v: unknown): boolean => v !== undefined && v !== null;
const VALID_SCHEMES = new Set(['', 'file', 'http', 'https', 'oci']);

/** Go's getScheme: a scheme is letters first, then letters, digits, `+-.`, up to the first `:`. */
function goScheme(raw: string): { scheme: string; rest: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+.-]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') {
      if (i === 0) throw new Error('missing protocol scheme');
      return { scheme: raw.slice(0, i), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

function checkEscapes(s: string): void {
  const bad = /%(?![0-9a-fA-F]{2})/.exec(s);
  if (bad) throw new Error(`invalid URL escape ${q(s.slice(bad.index, bad.index + 3))}`);
}

/** Go's parseHost/validOptionalPort for the authority part. */
function checkAuthority(authority: string): void {
  const at = authority.lastIndexOf('@');
  const host = at < 0 ? authority : authority.slice(at + 1);
  if (at >= 0 && !/^[-A-Za-z0-9._~!$&'()*+,;=:%@]*$/.test(authority.slice(0, at))) throw new Error('net/url: invalid userinfo');
  let port = '';
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) throw new Error("missing ']' in host");
    port = host.slice(close + 1);
  } else {
    const colon = host.lastIndexOf(':');
    if (colon >= 0) port = host.slice(colon);
  }
  if (port !== '' && !/^:\d*$/.test(port)) throw new Error(`invalid port ${q(port)} after host`);
  checkEscapes(host);
  const bad = /[^A-Za-z0-9\-_.~!$&'()*+,;=:[\]<>"%\u0080-\uffff]/.exec(host);
  if (bad) throw new Error(`invalid character ${q(bad[0])} in host name`);
}

/** Go's url.Parse/ParseRequestURI; returns the lower-cased scheme or throws Go's error text. */
export function goParseURL(raw: string, viaRequest: boolean): string {
  const fail = (m: string): never => {
    throw new Error(`parse ${q(raw)}: ${m}`);
  };
  try {
    // Parse (not ParseRequestURI) cuts the fragment first.
    const hash = viaRequest ? -1 : raw.indexOf('#');
    const u = hash < 0 ? raw : raw.slice(0, hash);
    if (hash >= 0) checkEscapes(raw.slice(hash + 1));
    if (/[\u0000-\u001f\u007f]/.test(u)) throw new Error('net/url: invalid control character in URL');
    if (u === '' && viaRequest) throw new Error('empty url');
    if (u === '*') return '';
    const { scheme: s, rest: afterScheme } = goScheme(u);
    const scheme = s.toLowerCase();
    let rest = afterScheme;
    const qm = rest.indexOf('?');
    if (qm >= 0) rest = rest.slice(0, qm);
    if (!rest.startsWith('/')) {
      if (scheme !== '') return scheme;
      if (viaRequest) throw new Error('invalid URI for request');
      if ((rest.split('/')[0] as string).includes(':')) throw new Error('first path segment in URL cannot contain colon');
    }
    if ((scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
      const authority = rest.slice(2);
      const slash = authority.indexOf('/');
      checkAuthority(slash < 0 ? authority : authority.slice(0, slash));
      rest = slash < 0 ? '' : authority.slice(slash);
    }
    checkEscapes(rest);
    return scheme;
  } catch (e) {
    return fail((e as Error).message);
  }
}

/** Istio's strictParseURL: a url that does not parse is retried as `http://` + url. */
export function wasmURLError(url: string): string | undefined {
  if (url === '') return 'url field needs to be set';
  let target = url;
  let scheme: string;
  try {
    scheme = goParseURL(url, true);
  } catch (first) {
    target = `http://${url}`;
    try {
      scheme = goParseURL(target, true);
    } catch {
      return `failed to parse url: ${(first as Error).message}`;
    }
  }
  try {
    goParseURL(target, false);
  } catch (e) {
    return `failed to strict parse url: ${(e as Error).message}`;
  }
  return VALID_SCHEMES.has(scheme) ? undefined : `url contains unsupported scheme: ${scheme}`;
}

export function sha256Error(sha: string): string | undefined {
  if (sha === '') return undefined;
  if (sha.length !== 64) return 'sha256 field must be 64 characters long';
  return /^[a-f0-9]{64}$/.test(sha) ? undefined : 'sha256 field must match [a-f0-9]{64} pattern';
}

export interface LocatedError {
  message: string;
  path: string;
}

/** `at` is the field-map path of the vmConfig (WasmPlugin: `.spec.vmConfig`; TrafficExtension nests it under `.spec.wasm`). */
export function vmConfigError(vm: unknown, at = '.spec.vmConfig'): LocatedError | undefined {
  const seen = new Set<string>();
  const envs = arr(obj(vm)['env']);
  for (let i = 0; i < envs.length; i++) {
    if (!present(envs[i])) continue;
    const o = obj(envs[i]);
    const name = str(o['name']);
    const field = (f: string): string => `{${at}.env[${i}].${f}}`;
    if (name === '') return { message: 'spec.vmConfig.env invalid', path: field('valueFrom') };
    if (name.length > 256) return { message: 'env.name field must be less than 255 characters long', path: field('name') };
    if (seen.has(name)) return { message: 'duplicate env', path: field('name') };
    seen.add(name);
    if ((str(o['valueFrom']) || 'INLINE') !== 'INLINE' && str(o['value']) !== '') return { message: 'value may only be set when valueFrom is INLINE', path: field('value') };
  }
  return undefined;
}

/** Traffic selectors' ports; WasmPlugin and TrafficExtension share the rule and its messages. */
export function matchError(match: unknown): LocatedError | undefined {
  const selectors = arr(match);
  for (let s = 0; s < selectors.length; s++) {
    if (!present(selectors[s])) return { message: `spec.Match[${s}] is nil`, path: '{.spec.match}' };
    const ports = arr(obj(selectors[s])['ports']);
    for (let p = 0; p < ports.length; p++) {
      if (!present(ports[p])) return { message: `spec.Match[${s}].Ports[${p}] is nil`, path: `{.spec.match[${s}].mode}` };
      const n = num(obj(ports[p])['number']) ?? 0;
      if (n <= 0 || n > 65535) return { message: `spec.Match[${s}].Ports[${p}] is out of range: ${n}`, path: `{.spec.match[${s}].ports[${p}].number}` };
    }
  }
  return undefined;
}

export function validateWasmPlugin(spec: JsonObject, r: SemanticResult): void {
  const out = sinkFor(r);
  validatePolicySelection(spec, out);
  out.error(wasmURLError(str(spec['url'])), '{.spec.url}');
  out.error(sha256Error(str(spec['sha256'])), '{.spec.sha256}');
  if (str(spec['imagePullSecret']).length > 253) out.error('imagePullSecret field must be less than 253 characters long', '{.spec.imagePullSecret}');
  if (str(spec['pluginName']).length > 256) out.error('pluginName field must be less than 255 characters long', '{.spec.pluginName}');
  const env = vmConfigError(spec['vmConfig']);
  if (env) out.error(env.message, env.path);
  const match = matchError(spec['match']);
  if (match) out.error(match.message, match.path);
}
