/**
 * Reaching the API server through a proxy, as kubectl does: the cluster's `proxy-url` (http://,
 * https:// or socks5://) when the kubeconfig sets one, else the HTTPS_PROXY / HTTP_PROXY /
 * NO_PROXY environment with Go's rules (http.ProxyFromEnvironment, which client-go uses when
 * proxy-url is unset: loopback and localhost never go through it, NO_PROXY entries match hosts,
 * domains with their subdomains, IPs and CIDRs, optionally with a port).
 *
 * https servers are reached through a tunnel (HTTP CONNECT, or a SOCKS5 CONNECT) with TLS to the
 * API server inside it, so the proxy never sees the requests; http servers behind an http(s)
 * proxy get plain forwarding (the absolute URL in the request line). Proxy credentials (user
 * info in the URL) become a Proxy-Authorization header or the SOCKS5 user/password
 * sub-negotiation and never appear in a message: proxies are printed without them.
 */
import type { Agent, ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Socket } from 'node:net';
import type { ConnectionOptions } from 'node:tls';
import { SailError } from '../errors.js';

// As in transport.ts: builtins through getBuiltinModule, and node:https / node:tls (about 7 ms)
// only when a TLS connection is made, since config.ts and transport.ts import this module always.
const http = process.getBuiltinModule('node:http');
const net = process.getBuiltinModule('node:net');
const https = (): typeof import('node:https') => process.getBuiltinModule('node:https');
const tls = (): typeof import('node:tls') => process.getBuiltinModule('node:tls');

type Env = Readonly<Record<string, string | undefined>>;

/** Where a proxy came from, for messages. */
export type ProxySource = 'proxy-url' | 'HTTPS_PROXY' | 'HTTP_PROXY';

export interface ProxySetting {
  url: URL;
  source: ProxySource;
}

/** The TLS settings of the API server connection (the kubeconfig's CA, client certificate, ...). */
export interface ServerTls {
  ca?: Buffer | string | undefined;
  cert?: Buffer | string | undefined;
  key?: Buffer | string | undefined;
  servername?: string | undefined;
  rejectUnauthorized: boolean;
}

export interface ProxyRoute {
  /** the proxy without credentials, e.g. "http://proxy.corp:3128" */
  display: string;
  /** connections to the API server, through the proxy */
  agent: Agent;
  /** set for an http server behind an http(s) proxy: requests are sent to the proxy instead */
  forward?: (target: URL, options: RequestOptions, onResponse: (res: IncomingMessage) => void) => ClientRequest;
}

const SCHEMES = new Set(['http:', 'https:', 'socks5:']);

/** A proxy URL for messages: scheme, host and port only. */
export function displayProxy(u: URL): string {
  return `${u.protocol}//${u.host}`;
}

/** The kubeconfig's proxy-url, checked as client-go validates it (http, https or socks5). */
export function parseProxyUrl(value: string, cluster: string, origin?: string): URL {
  let u: URL | undefined;
  try {
    u = new URL(value);
  } catch {
    u = undefined;
  }
  if (!u || !SCHEMES.has(u.protocol) || u.hostname === '') {
    const scheme = u ? u.protocol.replace(/:$/, '') : '';
    const where = origin ? ` in ${origin}` : '';
    throw new SailError('KUBE', `cluster "${cluster}"${where} has an invalid proxy-url${u && u.hostname !== '' ? ` (scheme "${scheme}")` : ''}: use an http://, https:// or socks5:// URL`);
  }
  return u;
}

function envAny(env: Env, ...names: string[]): string {
  for (const n of names) {
    const v = env[n];
    if (v !== undefined && v !== '') return v;
  }
  return '';
}

/** Go's parseProxy: a value without a scheme means http://. */
function parseEnvProxy(value: string, name: string): URL {
  let u: URL | undefined;
  try {
    u = new URL(value);
    if (!['http:', 'https:', 'socks5:', 'socks5h:'].includes(u.protocol)) u = undefined;
  } catch {
    u = undefined;
  }
  if (!u) {
    try {
      u = new URL(`http://${value}`);
    } catch {
      throw new SailError('KUBE', `invalid proxy address in ${name}`, { hint: `set ${name} to a URL such as http://proxy.example.com:3128` });
    }
  }
  if (u.protocol === 'socks5h:') u = new URL(`socks5:${u.href.slice('socks5h:'.length)}`);
  return u;
}

function defaultPort(u: URL): string {
  return u.port || (u.protocol === 'https:' ? '443' : '80');
}

function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function isLoopback(ip: string): boolean {
  if (net.isIPv4(ip)) return ip.startsWith('127.');
  const lower = ip.toLowerCase();
  return lower === '::1' || lower === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(lower);
}

/** IPv4 or IPv6 address as a bigint plus its width, for CIDR matching. */
function ipBits(ip: string): { value: bigint; width: number } | undefined {
  const v4 = (s: string): bigint | undefined => {
    const parts = s.split('.').map(Number);
    if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined;
    return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
  };
  if (net.isIPv4(ip)) return { value: v4(ip)!, width: 32 };
  if (!net.isIPv6(ip)) return undefined;
  let text = ip.toLowerCase();
  // An embedded IPv4 tail (::ffff:10.0.0.1): as two hextets.
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (tail) {
    const n = v4(tail[1]!)!;
    text = text.slice(0, -tail[1]!.length) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const [head, rest] = text.split('::') as [string, string | undefined];
  const h = head ? head.split(':') : [];
  const r = rest ? rest.split(':') : [];
  const groups = rest === undefined ? h : [...h, ...Array<string>(8 - h.length - r.length).fill('0'), ...r];
  if (groups.length !== 8) return undefined;
  return { value: groups.reduce((acc, g) => (acc << 16n) | BigInt(parseInt(g || '0', 16)), 0n), width: 128 };
}

/** IPv4 addresses compare equal to their IPv4-mapped IPv6 form, as Go's net.IP does. */
function normalisedIp(ip: string): { value: bigint; width: number } | undefined {
  const b = ipBits(ip);
  if (b && b.width === 128 && b.value >> 32n === 0xffffn) return { value: b.value & 0xffffffffn, width: 32 };
  return b;
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/') as [string, string];
  const a = normalisedIp(ip);
  const b = normalisedIp(base);
  const bits = Number(bitsText);
  if (!a || !b || a.width !== b.width || !Number.isInteger(bits)) return false;
  const prefix = b.width === 32 && ipBits(base)?.width === 128 ? bits - 96 : bits;
  if (prefix < 0 || prefix > a.width) return false;
  const shift = BigInt(a.width - prefix);
  return a.value >> shift === b.value >> shift;
}

function sameIp(a: string, b: string): boolean {
  const x = normalisedIp(a);
  const y = normalisedIp(b);
  return x !== undefined && y !== undefined && x.width === y.width && x.value === y.value;
}

/** Go's httpproxy NO_PROXY matching for one host:port (host lower-case, IPv6 without brackets). */
export function bypassedByNoProxy(noProxy: string, host: string, port: string): boolean {
  const ip = net.isIP(host) ? host : undefined;
  for (const raw of noProxy.split(',')) {
    const entry = raw.trim().toLowerCase();
    if (entry === '') continue;
    if (entry === '*') return true;
    if (/^[^/]+\/\d+$/.test(entry) && net.isIP(entry.split('/')[0]!)) {
      if (ip && inCidr(ip, entry)) return true;
      continue;
    }
    let entryHost = entry;
    let entryPort = '';
    const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
    const hostPort = /^([^:]+):(\d+)$/.exec(entry);
    if (bracketed) {
      entryHost = bracketed[1]!;
      entryPort = bracketed[2] ?? '';
    } else if (hostPort) {
      entryHost = hostPort[1]!;
      entryPort = hostPort[2]!;
    }
    if (entryHost === '') continue;
    const portOk = entryPort === '' || entryPort === port;
    if (net.isIP(entryHost)) {
      if (ip && sameIp(ip, entryHost) && portOk) return true;
      continue;
    }
    if (entryHost.startsWith('*.')) entryHost = entryHost.slice(1);
    // An internationalised name is compared in its ASCII form, as the host is (URL parsing gives
    // punycode) and as Go converts NO_PROXY domains (idna Lookup); one it cannot convert stays.
    if (/[^\x00-\x7f]/.test(entryHost)) entryHost = process.getBuiltinModule('node:url').domainToASCII(entryHost) || entryHost;
    // "example.com" matches itself and its subdomains; ".example.com" only subdomains.
    const matchesItself = !entryHost.startsWith('.');
    const suffix = matchesItself ? `.${entryHost}` : entryHost;
    if ((host.endsWith(suffix) || (matchesItself && host === entryHost)) && portOk) return true;
  }
  return false;
}

/** The proxy for requests to `server` (kubeconfig proxy-url first, else the environment), if any. */
export function proxyFor(server: URL, proxyUrl: string | undefined, clusterName: string, env: Env): ProxySetting | undefined {
  if (proxyUrl) return { url: parseProxyUrl(proxyUrl, clusterName), source: 'proxy-url' };
  const isHttps = server.protocol === 'https:';
  // CGI (REQUEST_METHOD set): HTTP_PROXY may come from a request header ("httpoxy"), so Go ignores it.
  const cgi = (env['REQUEST_METHOD'] ?? '') !== '';
  const value = isHttps ? envAny(env, 'HTTPS_PROXY', 'https_proxy') : cgi ? '' : envAny(env, 'HTTP_PROXY', 'http_proxy');
  if (value === '') return undefined;
  const host = bareHost(server.hostname.toLowerCase());
  if (host === 'localhost' || (net.isIP(host) && isLoopback(host))) return undefined;
  if (bypassedByNoProxy(envAny(env, 'NO_PROXY', 'no_proxy'), host, defaultPort(server))) return undefined;
  const name: ProxySource = isHttps ? 'HTTPS_PROXY' : 'HTTP_PROXY';
  return { url: parseEnvProxy(value, name), source: name };
}

function basicAuth(u: URL): string | undefined {
  if (u.username === '' && u.password === '') return undefined;
  return `Basic ${Buffer.from(`${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}`).toString('base64')}`;
}

/** Errors reaching the proxy itself, named after the proxy (never the API server, never credentials). */
class ProxyError extends SailError {
  constructor(message: string, hint?: string) {
    super('KUBE', message, hint ? { hint } : {});
  }
}

const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

function proxyConnectError(setting: ProxySetting, err: NodeJS.ErrnoException): Error {
  const where = `${displayProxy(setting.url)} (${setting.source})`;
  if (UNREACHABLE.has(err.code ?? '')) {
    const why = err.code === 'ECONNREFUSED' ? 'connection refused' : err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN' ? 'host name not found' : 'host unreachable';
    return new ProxyError(`cannot reach the proxy ${where}: ${why}`, setting.source === 'proxy-url' ? "check the cluster's proxy-url in the kubeconfig" : `check ${setting.source} and NO_PROXY`);
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ALTNAME/.test(err.code ?? '')) {
    return new ProxyError(`TLS verification of the proxy ${where} failed: ${err.message.split('\n')[0]}`);
  }
  // Resets and the like keep their code: the transport retries them.
  return err;
}

/** Opens a TCP (or TLS, for an https proxy) connection to the proxy. */
function dialProxy(setting: ProxySetting, serverTls: ServerTls): Promise<Socket> {
  const u = setting.url;
  const host = bareHost(u.hostname);
  const port = Number(u.port || (u.protocol === 'https:' ? 443 : u.protocol === 'socks5:' ? 1080 : 80));
  return new Promise((resolve, reject) => {
    // As Go's transport: an https proxy is verified with the cluster's TLS settings (its CA when set).
    const socket: Socket =
      u.protocol === 'https:'
        ? tls().connect({ host, port, ca: serverTls.ca, rejectUnauthorized: serverTls.rejectUnauthorized, ...(net.isIP(host) ? {} : { servername: host }) })
        : net.connect({ host, port });
    const ready = u.protocol === 'https:' ? 'secureConnect' : 'connect';
    const fail = (e: Error) => reject(proxyConnectError(setting, e as NodeJS.ErrnoException));
    socket.once('error', fail);
    socket.once(ready, () => {
      socket.off('error', fail);
      resolve(socket);
    });
  });
}

/** Reads from a socket until `done` says the bytes so far hold a complete answer. */
function readUntil(socket: Socket, done: (buf: Buffer) => number | undefined): Promise<{ head: Buffer; rest: Buffer }> {
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    const onData = (chunk: Buffer) => {
      buf = Buffer.concat([buf, chunk]);
      const end = done(buf);
      if (end !== undefined) {
        cleanup();
        resolve({ head: buf.subarray(0, end), rest: buf.subarray(end) });
      }
    };
    const onEnd = () => {
      cleanup();
      reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    };
    const onError = (e: Error) => {
      cleanup();
      reject(e);
    };
    const cleanup = () => {
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onEnd);
      socket.off('error', onError);
    };
    socket.on('data', onData);
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.once('error', onError);
  });
}

function hostPort(host: string, port: string): string {
  return net.isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

async function httpConnect(setting: ProxySetting, socket: Socket, host: string, port: string): Promise<void> {
  const target = hostPort(host, port);
  const auth = basicAuth(setting.url);
  socket.write(`CONNECT ${target} HTTP/1.1\r\nHost: ${target}\r\n${auth ? `Proxy-Authorization: ${auth}\r\n` : ''}\r\n`);
  const { head, rest } = await readUntil(socket, (b) => {
    const i = b.indexOf('\r\n\r\n');
    return i < 0 ? undefined : i + 4;
  });
  const statusLine = head.toString('latin1').split('\r\n')[0] ?? '';
  const m = /^HTTP\/1\.[01] (\d{3})\s*(.*)$/.exec(statusLine);
  if (!m || m[1] !== '200') {
    socket.destroy();
    const status = m ? `${m[1]}${m[2] ? ` ${m[2]}` : ''}` : 'an answer that is not HTTP';
    const hint = m?.[1] === '407' ? authHint(auth) : undefined;
    throw new ProxyError(`the proxy ${displayProxy(setting.url)} (${setting.source}) refused to connect to ${target}: ${status}`, hint);
  }
  // Bytes after the proxy's answer already belong to the tunnel.
  if (rest.length > 0) socket.unshift(rest);
}

function authHint(auth: string | undefined): string {
  return auth ? 'the proxy rejected the user and password in the proxy URL' : 'the proxy wants credentials: put user:password@ in the proxy URL';
}

const SOCKS_REPLIES: Record<number, string> = {
  1: 'general SOCKS server failure',
  2: 'connection not allowed by ruleset',
  3: 'network unreachable',
  4: 'host unreachable',
  5: 'connection refused',
  6: 'TTL expired',
  7: 'command not supported',
  8: 'address type not supported',
};

/** SOCKS5 CONNECT (RFC 1928), with the user/password method (RFC 1929) when the URL carries one. */
async function socks5Connect(setting: ProxySetting, socket: Socket, host: string, port: string): Promise<void> {
  const where = `the SOCKS5 proxy ${displayProxy(setting.url)} (${setting.source})`;
  const fail = (why: string, hint?: string): never => {
    socket.destroy();
    throw new ProxyError(`${where} ${why}`, hint);
  };
  const user = decodeURIComponent(setting.url.username);
  const pass = decodeURIComponent(setting.url.password);
  const withAuth = user !== '' || pass !== '';
  socket.write(Buffer.from(withAuth ? [5, 2, 0, 2] : [5, 1, 0]));
  const { head: choice, rest: r1 } = await readUntil(socket, (b) => (b.length >= 2 ? 2 : undefined));
  if (choice[0] !== 5) fail('answered with an unknown protocol version');
  if (choice[1] === 2 && withAuth) {
    const u = Buffer.from(user);
    const p = Buffer.from(pass);
    if (r1.length > 0) socket.unshift(r1);
    socket.write(Buffer.concat([Buffer.from([1, u.length]), u, Buffer.from([p.length]), p]));
    const { head: authAnswer } = await readUntil(socket, (b) => (b.length >= 2 ? 2 : undefined));
    if (authAnswer[1] !== 0) fail('rejected the user and password in the proxy URL');
  } else if (choice[1] !== 0) {
    fail('accepts none of the offered authentication methods', withAuth ? undefined : 'the proxy wants credentials: put user:password@ in the proxy URL');
  }
  let addr: Buffer;
  const v4 = net.isIPv4(host);
  const v6 = net.isIPv6(host);
  if (v4) addr = Buffer.from([1, ...host.split('.').map(Number)]);
  else if (v6) {
    const bits = ipBits(host)!.value;
    const bytes = Array.from({ length: 16 }, (_, i) => Number((bits >> BigInt(8 * (15 - i))) & 0xffn));
    addr = Buffer.from([4, ...bytes]);
  } else {
    // Host names go to the proxy to resolve, as Go's SOCKS5 dialer sends them.
    const name = Buffer.from(host);
    addr = Buffer.concat([Buffer.from([3, name.length]), name]);
  }
  const portBytes = Buffer.alloc(2);
  portBytes.writeUInt16BE(Number(port));
  socket.write(Buffer.concat([Buffer.from([5, 1, 0]), addr, portBytes]));
  const { head: reply, rest } = await readUntil(socket, (b) => {
    if (b.length < 5) return undefined;
    const len = b[3] === 1 ? 4 : b[3] === 4 ? 16 : b[3] === 3 ? 1 + b[4]! : -1;
    if (len < 0) return b.length;
    return b.length >= 4 + len + 2 ? 4 + len + 2 : undefined;
  });
  if (reply[0] !== 5) fail('answered with an unknown protocol version');
  if (reply[1] !== 0) fail(`could not connect to ${hostPort(host, port)}: ${SOCKS_REPLIES[reply[1]!] ?? `reply ${reply[1]}`}`);
  if (rest.length > 0) socket.unshift(rest);
}

/** A tunnel to host:port through the proxy: the socket the API server connection runs on. */
async function openTunnel(setting: ProxySetting, serverTls: ServerTls, host: string, port: string): Promise<Socket> {
  const socket = await dialProxy(setting, serverTls);
  try {
    if (setting.url.protocol === 'socks5:') await socks5Connect(setting, socket, host, port);
    else await httpConnect(setting, socket, host, port);
  } catch (e) {
    socket.destroy();
    throw e;
  }
  return socket;
}

type ConnectCallback = (err: Error | null, stream: Duplex) => void;
type ConnectArgs = { host?: string | null; hostname?: string | null; port?: number | string | null; servername?: string };

/** An Agent whose connections are tunnels through the proxy (TLS to the API server inside for https). */
function tunnelAgent(setting: ProxySetting, serverTls: ServerTls, isHttps: boolean): Agent {
  const Base = isHttps ? https().Agent : http.Agent;
  const agentOptions = isHttps
    ? { keepAlive: true, maxSockets: 16, ca: serverTls.ca, cert: serverTls.cert, key: serverTls.key, servername: serverTls.servername, rejectUnauthorized: serverTls.rejectUnauthorized }
    : { keepAlive: true, maxSockets: 16 };
  class TunnelAgent extends Base {
    override createConnection(options: ConnectArgs, callback?: ConnectCallback): Duplex | null | undefined {
      const host = bareHost(String(options.host ?? options.hostname ?? 'localhost'));
      const port = String(options.port ?? (isHttps ? 443 : 80));
      openTunnel(setting, serverTls, host, port).then(
        (socket) => {
          if (!isHttps) return callback?.(null, socket);
          // The agent's options carry the CA, client certificate and SNI name for the API server.
          const secure = tls().connect({ ...(options as ConnectionOptions), socket });
          const onError = (e: Error) => callback?.(e, secure);
          secure.once('error', onError);
          secure.once('secureConnect', () => {
            secure.off('error', onError);
            callback?.(null, secure);
          });
        },
        (e: unknown) => callback?.(e as Error, undefined as unknown as Duplex),
      );
      return undefined;
    }
  }
  return new TunnelAgent(agentOptions);
}

/**
 * The route to an API server through its proxy, or undefined for a direct connection.
 * `serverTls` is what the direct connection would use (CA, client certificate, SNI name).
 */
export function proxyRoute(server: URL, setting: ProxySetting | undefined, serverTls: ServerTls): ProxyRoute | undefined {
  if (!setting) return undefined;
  const display = displayProxy(setting.url);
  const isHttps = server.protocol === 'https:';
  if (isHttps || setting.url.protocol === 'socks5:') return { display, agent: tunnelAgent(setting, serverTls, isHttps) };
  // http server behind an http(s) proxy: the request goes to the proxy with the absolute URL, on
  // connections the agent opens to the proxy (TLS to it for an https proxy).
  class ForwardAgent extends http.Agent {
    override createConnection(_options: ConnectArgs, callback?: ConnectCallback): Duplex | null | undefined {
      dialProxy(setting!, serverTls).then(
        (socket) => callback?.(null, socket),
        (e: unknown) => callback?.(e as Error, undefined as unknown as Duplex),
      );
      return undefined;
    }
  }
  const agent = new ForwardAgent({ keepAlive: true, maxSockets: 16 });
  const auth = basicAuth(setting.url);
  const proxyHost = bareHost(setting.url.hostname);
  const proxyPort = setting.url.port || (setting.url.protocol === 'https:' ? '443' : '80');
  const forward = (target: URL, options: RequestOptions, onResponse: (res: IncomingMessage) => void): ClientRequest => {
    const headers = { ...(options.headers as Record<string, string> | undefined), Host: target.host, ...(auth ? { 'Proxy-Authorization': auth } : {}) };
    const req = http.request({ ...options, protocol: 'http:', host: proxyHost, port: proxyPort, path: target.href, headers, agent }, (res) => {
      // The proxy's own refusal, not the API server's answer.
      if (res.statusCode === 407) {
        res.resume();
        req.destroy(new ProxyError(`the proxy ${displayProxy(setting!.url)} (${setting!.source}) refused to forward to ${target.host}: 407 ${res.statusMessage ?? ''}`.trimEnd(), authHint(auth)));
        return;
      }
      onResponse(res);
    });
    return req;
  };
  return { display, agent, forward };
}
