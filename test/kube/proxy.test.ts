/**
 * The API server through a proxy: the kubeconfig's proxy-url (http CONNECT for https servers,
 * plain forwarding for http ones, socks5) and, without it, HTTPS_PROXY / HTTP_PROXY / NO_PROXY
 * as client-go reads them. A test proxy on 127.0.0.1 maps the host name "kube.invalid" (which
 * resolves nowhere) to the local API server, so a request that succeeds went through it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { KubeClient, clientFromFlags } from '../../src/kube/index.js';
import { bypassedByNoProxy, proxyFor } from '../../src/kube/proxy.js';
import { SailError } from '../../src/errors.js';
import { startKubeServer, type KubeServer } from '../support/kube-server/server.js';
import { startTestProxy, type TestProxy } from '../support/kube-server/proxy.js';
import { hasOpenssl, makePki, type TestPki } from '../support/tls.js';
import { sailctl } from '../support/cli.js';

const NS = { apiVersion: 'v1', kind: 'Namespace' };
const SECRET = 'pr0xy-s3cret';
const fast = { baseDelayMs: 5, maxDelayMs: 20, attempts: 2 };

interface KubeconfigFields {
  server: string;
  proxyUrl?: string;
  ca?: string;
  clientCert?: string;
  clientKey?: string;
  tlsServerName?: string;
}

function kubeconfig(f: KubeconfigFields): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const cluster: Record<string, unknown> = { server: f.server };
  if (f.proxyUrl) cluster['proxy-url'] = f.proxyUrl;
  if (f.ca) cluster['certificate-authority-data'] = b64(f.ca);
  if (f.tlsServerName) cluster['tls-server-name'] = f.tlsServerName;
  const user: Record<string, unknown> = {};
  if (f.clientCert) user['client-certificate-data'] = b64(f.clientCert);
  if (f.clientKey) user['client-key-data'] = b64(f.clientKey);
  const file = join(mkdtempSync(join(tmpdir(), 'sailctl-proxy-')), 'kubeconfig');
  writeFileSync(
    file,
    stringify({ apiVersion: 'v1', kind: 'Config', 'current-context': 'p', clusters: [{ name: 'p', cluster }], users: [{ name: 'p', user }], contexts: [{ name: 'p', context: { cluster: 'p', user: 'p' } }] }),
  );
  return file;
}

function connect(file: string, env: Record<string, string> = {}): KubeClient {
  return clientFromFlags({ kubeconfig: file, context: undefined, kubeclientTimeoutMs: 5000 }, env, fast);
}

async function failure(p: Promise<unknown>): Promise<SailError> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(SailError);
  const err = e as SailError;
  expect(err.message.split('\n')).toHaveLength(1);
  expect(`${err.message} ${err.hint ?? ''}`).not.toContain(SECRET);
  return err;
}

const port = (url: string) => new URL(url).port;
const u = (s: string) => new URL(s);

describe('which proxy (Go http.ProxyFromEnvironment rules)', () => {
  const env = { HTTPS_PROXY: 'http://sec:3128', HTTP_PROXY: 'plain:8080' };
  it('proxy-url wins over the environment, for http and https servers', () => {
    expect(proxyFor(u('https://k.example:6443'), 'socks5://s:1080', 'c', env)).toMatchObject({ source: 'proxy-url', url: u('socks5://s:1080') });
    expect(proxyFor(u('http://k.example'), 'http://p:1', 'c', {})?.source).toBe('proxy-url');
  });
  it('HTTPS_PROXY for https servers, HTTP_PROXY for http ones (a value without scheme is http://); lower case too', () => {
    expect(proxyFor(u('https://k.example:6443'), undefined, 'c', env)).toMatchObject({ source: 'HTTPS_PROXY', url: u('http://sec:3128') });
    expect(proxyFor(u('http://k.example'), undefined, 'c', env)).toMatchObject({ source: 'HTTP_PROXY', url: u('http://plain:8080') });
    expect(proxyFor(u('https://k.example'), undefined, 'c', { https_proxy: 'https://lower:443' })?.url.href).toBe('https://lower/');
    expect(proxyFor(u('https://k.example'), undefined, 'c', { HTTP_PROXY: 'http://p:1' })).toBeUndefined();
  });
  it('loopback and localhost never go through the environment proxy; CGI ignores HTTP_PROXY', () => {
    for (const s of ['https://127.0.0.1:6443', 'https://localhost:6443', 'https://[::1]:6443', 'https://127.5.0.1']) expect(proxyFor(u(s), undefined, 'c', env), s).toBeUndefined();
    expect(proxyFor(u('http://k.example'), undefined, 'c', { ...env, REQUEST_METHOD: 'GET' })).toBeUndefined();
  });
  it('NO_PROXY: hosts with subdomains, .domain, *.domain, IPs, CIDRs, ports, *', () => {
    const cases: Array<[string, string, string, boolean]> = [
      ['example.com', 'example.com', '443', true],
      ['example.com', 'api.example.com', '443', true],
      ['example.com', 'notexample.com', '443', false],
      ['.example.com', 'example.com', '443', false],
      ['.example.com', 'a.example.com', '443', true],
      ['*.example.com', 'a.example.com', '443', true],
      ['example.com:6443', 'example.com', '443', false],
      ['example.com:6443', 'example.com', '6443', true],
      ['10.0.0.0/8', '10.1.2.3', '443', true],
      ['10.0.0.0/8', '11.1.2.3', '443', false],
      ['10.1.2.3', '10.1.2.3', '443', true],
      ['10.1.2.3:80', '10.1.2.3', '443', false],
      ['[fd00::1]:443', 'fd00::1', '443', true],
      ['fd00::/8', 'fd12::5', '443', true],
      [' foo.com , Example.COM ', 'example.com', '443', true],
      ['*', 'anything', '1', true],
      ['', 'example.com', '443', false],
    ];
    for (const [noProxy, host, p, want] of cases) expect(bypassedByNoProxy(noProxy, host, p), `${noProxy} / ${host}:${p}`).toBe(want);
    expect(proxyFor(u('https://api.corp:6443'), undefined, 'c', { ...env, NO_PROXY: 'corp' })).toBeUndefined();
    // internationalised names: the URL gives the host in punycode; NO_PROXY entries are converted as Go does
    expect(proxyFor(u('https://api.Bücher.example:6443'), undefined, 'c', { ...env, NO_PROXY: 'bücher.example' })).toBeUndefined();
    expect(proxyFor(u('https://api.bücher.example:6443'), undefined, 'c', { ...env, NO_PROXY: '*.BÜCHER.example:6443' })).toBeUndefined();
    expect(proxyFor(u('https://bücher.example:6443'), undefined, 'c', { ...env, NO_PROXY: '.bücher.example' })?.source).toBe('HTTPS_PROXY');
    expect(proxyFor(u('https://api.buecher.example:6443'), undefined, 'c', { ...env, NO_PROXY: 'bücher.example' })?.source).toBe('HTTPS_PROXY');
    expect(proxyFor(u('https://api.corp:6443'), undefined, 'c', { ...env, no_proxy: 'other' })?.source).toBe('HTTPS_PROXY');
  });
  it('a proxy-url with another scheme is a kubeconfig error naming the cluster and the file, without credentials', () => {
    const file = kubeconfig({ server: 'https://k.example', proxyUrl: `ftp://me:${SECRET}@p:21` });
    expect(() => connect(file)).toThrow(SailError);
    try {
      connect(file);
    } catch (e) {
      expect((e as Error).message).toBe(`cluster "p" in ${file} has an invalid proxy-url (scheme "ftp"): use an http://, https:// or socks5:// URL`);
    }
  });
});

describe('requests through a proxy', () => {
  let server: KubeServer;
  let proxy: TestProxy;
  let authProxy: TestProxy;
  let kube: string;
  beforeAll(async () => {
    server = await startKubeServer();
    proxy = await startTestProxy({ hosts: { 'kube.invalid': '127.0.0.1' } });
    authProxy = await startTestProxy({ hosts: { 'kube.invalid': '127.0.0.1' }, required: { user: 'me', password: SECRET } });
    kube = `http://kube.invalid:${port(server.url)}`;
  });
  afterAll(async () => {
    await Promise.all([server.stop(), proxy.stop(), authProxy.stop()]);
  });

  it('http server behind an http proxy-url: plain forwarding with the absolute URL', async () => {
    const before = proxy.records.length;
    const c = connect(kubeconfig({ server: kube, proxyUrl: proxy.httpUrl }));
    try {
      expect((await c.get(NS, 'default'))?.metadata.name).toBe('default');
    } finally {
      c.close();
    }
    const recs = proxy.records.slice(before);
    expect(recs.length).toBeGreaterThan(0);
    expect(recs.every((r) => r.kind === 'forward' && r.target === `kube.invalid:${port(server.url)}`)).toBe(true);
    expect(recs.some((r) => r.url === `${kube}/api/v1/namespaces/default`)).toBe(true);
  });

  it('proxy credentials go in Proxy-Authorization (percent-decoded), never to the API server', async () => {
    const before = server.requests.length;
    const c = connect(kubeconfig({ server: kube, proxyUrl: `http://me:${encodeURIComponent(SECRET)}@${u(authProxy.httpUrl).host}` }));
    try {
      expect((await c.get(NS, 'default'))?.metadata.name).toBe('default');
    } finally {
      c.close();
    }
    expect(authProxy.records.at(-1)?.credentials).toBe(`Basic ${Buffer.from(`me:${SECRET}`).toString('base64')}`);
    expect(server.requests.slice(before).every((r) => r.authorization === undefined)).toBe(true);
  });

  it('a 407 from the proxy is one line naming the proxy, without the credentials', async () => {
    const c = connect(kubeconfig({ server: kube, proxyUrl: `http://me:wrong-${SECRET}@${u(authProxy.httpUrl).host}` }));
    try {
      const err = await failure(c.get(NS, 'default'));
      expect(err.message).toBe(`the proxy http://${u(authProxy.httpUrl).host} (proxy-url) refused to forward to kube.invalid:${port(server.url)}: 407 Proxy Authentication Required`);
      expect(err.hint).toBe('the proxy rejected the user and password in the proxy URL');
    } finally {
      c.close();
    }
  });

  it('socks5 proxy-url: no authentication, and user/password', async () => {
    const c = connect(kubeconfig({ server: kube, proxyUrl: proxy.socksUrl }));
    try {
      expect((await c.get(NS, 'default'))?.metadata.name).toBe('default');
    } finally {
      c.close();
    }
    expect(proxy.records.at(-1)).toEqual({ kind: 'socks5', target: `kube.invalid:${port(server.url)}` });
    const a = connect(kubeconfig({ server: kube, proxyUrl: `socks5://me:${SECRET}@${u(authProxy.socksUrl).host}` }));
    try {
      expect((await a.get(NS, 'default'))?.metadata.name).toBe('default');
    } finally {
      a.close();
    }
    expect(authProxy.records.at(-1)).toEqual({ kind: 'socks5', target: `kube.invalid:${port(server.url)}`, credentials: `me:${SECRET}` });
    const bad = connect(kubeconfig({ server: kube, proxyUrl: `socks5://me:nope@${u(authProxy.socksUrl).host}` }));
    try {
      const err = await failure(bad.get(NS, 'default'));
      expect(err.message).toBe(`the SOCKS5 proxy socks5://${u(authProxy.socksUrl).host} (proxy-url) rejected the user and password in the proxy URL`);
    } finally {
      bad.close();
    }
  });

  it('HTTP_PROXY from the environment when the kubeconfig has no proxy-url; NO_PROXY bypasses it', async () => {
    const file = kubeconfig({ server: kube });
    const before = proxy.records.length;
    const c = connect(file, { HTTP_PROXY: proxy.httpUrl });
    try {
      expect((await c.get(NS, 'default'))?.metadata.name).toBe('default');
    } finally {
      c.close();
    }
    expect(proxy.records.length).toBeGreaterThan(before);
    // Bypassed: kube.invalid resolves nowhere, so the direct connection fails.
    const direct = connect(file, { HTTP_PROXY: proxy.httpUrl, NO_PROXY: '.invalid' });
    try {
      const err = await failure(direct.get(NS, 'default'));
      expect(err.message).toMatch(/^cannot reach the Kubernetes API server at http:\/\/kube\.invalid:\d+ \(context "p"\): host name not found$/);
    } finally {
      direct.close();
    }
  });

  it('an unreachable proxy is named (not the API server)', async () => {
    const c = connect(kubeconfig({ server: kube, proxyUrl: `http://me:${SECRET}@127.0.0.1:1` }));
    try {
      const err = await failure(c.get(NS, 'default'));
      expect(err.message).toBe('cannot reach the proxy http://127.0.0.1:1 (proxy-url): connection refused');
    } finally {
      c.close();
    }
  });

  it('through bin/sailctl: HTTP_PROXY from the environment carries the requests (build first)', async () => {
    const file = kubeconfig({ server: kube });
    const before = proxy.records.length;
    const r = await sailctl(['-c', file, 'namespace', 'status', '-o', 'json'], { env: { HTTP_PROXY: proxy.httpUrl } });
    expect(r.exitCode, r.stderr).toBe(0);
    expect(proxy.records.length).toBeGreaterThan(before);
    const bad = await sailctl(['-c', file, 'namespace', 'status'], { env: { HTTP_PROXY: `http://me:wrong-${SECRET}@${u(authProxy.httpUrl).host}` } });
    expect(bad.exitCode).not.toBe(0);
    expect(bad.stderr.split('\n')[0]).toMatch(/^Error: .*407/);
    expect(bad.stderr + bad.stdout).not.toContain(SECRET);
  });
});

const tlsEnabled = hasOpenssl();
if (!tlsEnabled) console.warn('proxy TLS tests skipped: openssl is not on PATH');

describe.skipIf(!tlsEnabled)('https API server through a tunnel', () => {
  let pki: TestPki;
  let server: KubeServer;
  let proxy: TestProxy;
  beforeAll(async () => {
    pki = makePki();
    server = await startKubeServer({ tls: { cert: pki.serverCert, key: pki.serverKey, clientCa: pki.ca } });
    proxy = await startTestProxy({ hosts: { 'kube.invalid': '127.0.0.1' } });
  });
  afterAll(async () => Promise.all([server?.stop(), proxy?.stop()]));
  const creds = () => ({ ca: pki.ca, clientCert: pki.clientCert, clientKey: pki.clientKey });

  it('HTTP CONNECT via proxy-url, TLS verified end to end with the client certificate', async () => {
    const c = connect(kubeconfig({ server: server.url, proxyUrl: proxy.httpUrl, ...creds() }));
    try {
      expect((await c.get(NS, 'default'))?.metadata.name).toBe('default');
      expect((await c.list(NS)).length).toBeGreaterThan(0);
    } finally {
      c.close();
    }
    expect(proxy.records.at(-1)).toEqual({ kind: 'connect', target: `127.0.0.1:${port(server.url)}` });
  });

  it('HTTPS_PROXY with a host name only the proxy resolves; tls-server-name names the certificate', async () => {
    const c = connect(kubeconfig({ server: `https://kube.invalid:${port(server.url)}`, tlsServerName: 'localhost', ...creds() }), { HTTPS_PROXY: proxy.httpUrl });
    try {
      expect((await c.get(NS, 'default'))?.metadata.name).toBe('default');
    } finally {
      c.close();
    }
    expect(proxy.records.at(-1)).toEqual({ kind: 'connect', target: `kube.invalid:${port(server.url)}` });
  });

  it('an https proxy (verified with the cluster CA, as Go does) tunnels to an https server, and forwards to an http one', async () => {
    const tlsProxy = await startTestProxy({ tls: { cert: pki.serverCert, key: pki.serverKey }, hosts: { 'kube.invalid': '127.0.0.1' } });
    const plain = await startKubeServer();
    try {
      const c = connect(kubeconfig({ server: server.url, proxyUrl: tlsProxy.httpUrl, ...creds() }));
      try {
        expect((await c.get(NS, 'default'))?.metadata.name).toBe('default');
      } finally {
        c.close();
      }
      expect(tlsProxy.records.at(-1)).toEqual({ kind: 'connect', target: `127.0.0.1:${port(server.url)}` });
      const f = connect(kubeconfig({ server: `http://kube.invalid:${port(plain.url)}`, proxyUrl: tlsProxy.httpUrl, ca: pki.ca }));
      try {
        expect((await f.get(NS, 'default'))?.metadata.name).toBe('default');
      } finally {
        f.close();
      }
      expect(tlsProxy.records.at(-1)?.kind).toBe('forward');
      // A proxy certificate the cluster CA did not sign is refused, naming the proxy.
      const bad = connect(kubeconfig({ server: server.url, proxyUrl: tlsProxy.httpUrl, ca: pki.otherCa, clientCert: pki.clientCert, clientKey: pki.clientKey }));
      try {
        const err = await failure(bad.get(NS, 'default'));
        expect(err.message).toMatch(new RegExp(`^TLS verification of the proxy ${tlsProxy.httpUrl.replace(/\./g, '\\.')} \\(proxy-url\\) failed: `));
      } finally {
        bad.close();
      }
    } finally {
      await Promise.all([tlsProxy.stop(), plain.stop()]);
    }
  });

  it('socks5 tunnel for an https server', async () => {
    const c = connect(kubeconfig({ server: server.url, proxyUrl: proxy.socksUrl, ...creds() }));
    try {
      expect((await c.get(NS, 'default'))?.metadata.name).toBe('default');
    } finally {
      c.close();
    }
    expect(proxy.records.at(-1)).toEqual({ kind: 'socks5', target: `127.0.0.1:${port(server.url)}` });
  });

  it('the tunnel does not weaken verification: a wrong CA still fails', async () => {
    const c = connect(kubeconfig({ server: server.url, proxyUrl: proxy.httpUrl, ca: pki.otherCa, clientCert: pki.clientCert, clientKey: pki.clientKey }));
    try {
      const err = await failure(c.get(NS, 'default'));
      expect(err.message).toMatch(/^TLS verification of the Kubernetes API server at https:\/\/127\.0\.0\.1:\d+ failed: /);
    } finally {
      c.close();
    }
  });
});
