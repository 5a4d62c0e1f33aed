/**
 * sprig's urlParse/urlJoin on top of a restatement of Go's net/url parsing rules (scheme,
 * opaque part, //authority with userinfo, path, raw query, fragment), so the dict fields are
 * what Go's url.URL holds. Errors carry Go's `parse "URL": reason` text inside sprig's panic.
 */
import { FuncError, type GoMap, type GoValue } from './value.js';
import { def, type FuncTable } from './sprig-util.js';

interface GoUrl {
  scheme: string;
  opaque: string;
  userinfo: string | undefined;
  host: string;
  path: string;
  rawQuery: string;
  fragment: string;
}

function unescape(s: string): string {
  const bad = /%(?![0-9a-fA-F]{2})/.exec(s);
  if (bad) throw new Error(`invalid URL escape ${JSON.stringify(s.slice(bad.index, bad.index + 3))}`);
  return Buffer.from(s.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
}

function parseGoUrl(raw: string): GoUrl {
  const u: GoUrl = { scheme: '', opaque: '', userinfo: undefined, host: '', path: '', rawQuery: '', fragment: '' };
  let rest = raw;
  const hash = rest.indexOf('#');
  if (hash >= 0) {
    u.fragment = unescape(rest.slice(hash + 1));
    rest = rest.slice(0, hash);
  }
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(rest)) throw new Error('net/url: invalid control character in URL');
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(rest);
  if (rest.startsWith(':')) throw new Error('missing protocol scheme');
  if (scheme) {
    u.scheme = scheme[1]!.toLowerCase();
    rest = rest.slice(scheme[0].length);
  }
  const q = rest.indexOf('?');
  if (q >= 0) {
    u.rawQuery = rest.slice(q + 1);
    rest = rest.slice(0, q);
  }
  if (!rest.startsWith('/')) {
    if (u.scheme !== '') {
      u.opaque = rest;
      return u;
    }
    const colon = rest.indexOf(':');
    const slash = rest.indexOf('/');
    if (colon >= 0 && (slash < 0 || colon < slash)) throw new Error('first path segment in URL cannot contain colon');
  }
  if (rest.startsWith('//') && (u.scheme !== '' || !rest.startsWith('///'))) {
    const after = rest.slice(2);
    const slash = after.indexOf('/');
    const authority = slash < 0 ? after : after.slice(0, slash);
    rest = slash < 0 ? '' : after.slice(slash);
    const at = authority.lastIndexOf('@');
    if (at >= 0) {
      u.userinfo = authority.slice(0, at);
      u.host = authority.slice(at + 1);
    } else u.host = authority;
  }
  u.path = unescape(rest);
  return u;
}

function hostname(host: string): string {
  if (host.startsWith('[')) {
    const end = host.indexOf(']');
    return end < 0 ? host.slice(1) : host.slice(1, end);
  }
  const colon = host.lastIndexOf(':');
  return colon < 0 ? host : host.slice(0, colon);
}

/** Userinfo.String(): the user name and password percent-encoded the way net/url does. */
function userinfoString(raw: string): string {
  const enc = (s: string) => encodeURIComponent(unescape(s)).replace(/%21|%24|%26|%27|%28|%29|%2A|%2B|%2C|%3B|%3D/gi, (m) => decodeURIComponent(m));
  const colon = raw.indexOf(':');
  return colon < 0 ? enc(raw) : `${enc(raw.slice(0, colon))}:${enc(raw.slice(colon + 1))}`;
}

function escapePath(p: string): string {
  return encodeURI(p).replace(/%5B/g, '[').replace(/%5D/g, ']').replace(/[?#]/g, (c) => (c === '?' ? '%3F' : '%23'));
}

/** url.URL.String() for the fields sprig's urlJoin sets. */
function urlString(u: GoUrl): string {
  let out = '';
  if (u.scheme !== '') out += u.scheme + ':';
  if (u.opaque !== '') out += u.opaque;
  else {
    if (u.scheme !== '' || u.host !== '' || u.userinfo !== undefined) {
      if (u.host !== '' || u.path !== '' || u.userinfo !== undefined) out += '//';
      if (u.userinfo !== undefined) out += userinfoString(u.userinfo) + '@';
      out += u.host;
    }
    const path = escapePath(u.path);
    if (path !== '' && path[0] !== '/' && u.host !== '') out += '/';
    out += path;
  }
  if (u.rawQuery !== '') out += '?' + u.rawQuery;
  if (u.fragment !== '') out += '#' + encodeURIComponent(u.fragment).replace(/%2F/g, '/').replace(/%3F/g, '?').replace(/%40/g, '@').replace(/%3A/g, ':');
  return out;
}

function str(m: GoMap, key: string): string {
  const v = m.get(key);
  return typeof v === 'string' ? v : '';
}

export function addUrlFuncs(t: FuncTable): void {
  def(t, 'urlParse', ['string'], ([raw]) => {
    let u: GoUrl;
    try {
      u = parseGoUrl(raw as string);
    } catch (e) {
      throw new FuncError(`unable to parse url: parse ${JSON.stringify(raw)}: ${(e as Error).message}`);
    }
    return new Map<string, GoValue>([
      ['scheme', u.scheme],
      ['host', u.host],
      ['hostname', hostname(u.host)],
      ['path', u.path],
      ['query', u.rawQuery],
      ['opaque', u.opaque],
      ['fragment', u.fragment],
      ['userinfo', u.userinfo === undefined ? '' : userinfoString(u.userinfo)],
    ]);
  });
  def(t, 'urlJoin', ['map[string]interface {}'], ([d]) => {
    const m: GoMap = d instanceof Map ? d : new Map();
    const userinfo = str(m, 'userinfo');
    return urlString({
      scheme: str(m, 'scheme'),
      host: str(m, 'host'),
      path: str(m, 'path'),
      rawQuery: str(m, 'query'),
      opaque: str(m, 'opaque'),
      fragment: str(m, 'fragment'),
      userinfo: userinfo === '' ? undefined : userinfo,
    });
  });
}
