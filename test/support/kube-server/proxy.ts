/**
 * A tiny forward proxy for tests, on 127.0.0.1: HTTP CONNECT tunnels, plain forwarding of
 * absolute-form requests (http://host/path), and SOCKS5 CONNECT (no authentication, or
 * user/password) on a second port. Host names in `hosts` resolve to the given address, so a
 * kubeconfig can name a server that only the proxy can reach; `required` credentials make it
 * answer 407 (HTTP) or refuse (SOCKS5) without them. Everything it relays is recorded.
 */
import { createServer as createHttpServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect, createServer as createTcpServer, type AddressInfo, type Server as TcpServer, type Socket } from 'node:net';

export interface ProxyRecord {
  kind: 'connect' | 'forward' | 'socks5';
  /** host:port asked for */
  target: string;
  /** for forwarding: the absolute URL of the request line */
  url?: string;
  /** the Proxy-Authorization header (HTTP) or user:password (SOCKS5) received, if any */
  credentials?: string;
}

export interface TestProxyOptions {
  /** host name -> address the proxy connects to instead */
  hosts?: Record<string, string>;
  /** when set, only these credentials are let through */
  required?: { user: string; password: string };
  /** serve the HTTP proxy over TLS (an https:// proxy) with this certificate */
  tls?: { cert: string; key: string };
}

export class TestProxy {
  readonly records: ProxyRecord[] = [];
  private http!: Server;
  private socks!: TcpServer;
  private readonly sockets = new Set<Socket>();
  httpUrl = '';
  socksUrl = '';

  constructor(private readonly options: TestProxyOptions = {}) {}

  private resolve(host: string): string {
    return this.options.hosts?.[host] ?? host;
  }

  private basicOk(header: string | undefined): boolean {
    const r = this.options.required;
    if (!r) return true;
    return header === `Basic ${Buffer.from(`${r.user}:${r.password}`).toString('base64')}`;
  }

  private track(s: Socket): void {
    this.sockets.add(s);
    s.on('close', () => this.sockets.delete(s));
    s.on('error', () => s.destroy());
  }

  async start(): Promise<this> {
    const handler = (req: IncomingMessage, res: ServerResponse) => this.forward(req, res);
    this.http = this.options.tls ? createHttpsServer({ cert: this.options.tls.cert, key: this.options.tls.key }, handler) : createHttpServer(handler);
    this.http.on(this.options.tls ? 'secureConnection' : 'connection', (s: Socket) => this.track(s));
    this.http.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => this.connectTunnel(req, client, head));
    this.socks = createTcpServer((s) => {
      this.track(s);
      void this.socks5(s);
    });
    await Promise.all([listen(this.http), listen(this.socks)]);
    this.httpUrl = `${this.options.tls ? 'https' : 'http'}://127.0.0.1:${(this.http.address() as AddressInfo).port}`;
    this.socksUrl = `socks5://127.0.0.1:${(this.socks.address() as AddressInfo).port}`;
    // Never what keeps a test process alive.
    this.http.unref();
    this.socks.unref();
    return this;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await Promise.all([new Promise((r) => this.http.close(r)), new Promise((r) => this.socks.close(r))]);
  }

  private connectTunnel(req: IncomingMessage, client: Socket, head: Buffer): void {
    this.track(client);
    const target = req.url ?? '';
    const auth = req.headers['proxy-authorization'];
    this.records.push({ kind: 'connect', target, ...(auth ? { credentials: auth } : {}) });
    if (!this.basicOk(auth)) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
    if (!m) {
      client.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    const upstream = connect({ host: this.resolve(m[1]!), port: Number(m[2]) });
    this.track(upstream);
    upstream.once('connect', () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.once('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n'));
  }

  private forward(req: IncomingMessage, res: ServerResponse): void {
    const auth = req.headers['proxy-authorization'];
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end('absolute URL required');
      return;
    }
    this.records.push({ kind: 'forward', target: url.host, url: url.href, ...(auth ? { credentials: auth } : {}) });
    if (!this.basicOk(auth)) {
      res.writeHead(407, { 'Proxy-Authenticate': 'Basic realm="test"' }).end();
      return;
    }
    const headers = { ...req.headers };
    delete headers['proxy-authorization'];
    const upstream = httpRequest(
      { host: this.resolve(url.hostname), port: url.port || 80, path: `${url.pathname}${url.search}`, method: req.method, headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  }

  private async socks5(s: Socket): Promise<void> {
    const reader = byteReader(s);
    try {
      const [ver, n] = await reader(2);
      if (ver !== 5) return void s.destroy();
      const methods = [...(await reader(n!))];
      const wantAuth = this.options.required !== undefined;
      let credentials: string | undefined;
      if (wantAuth) {
        if (!methods.includes(2)) return void s.end(Buffer.from([5, 0xff]));
        s.write(Buffer.from([5, 2]));
        const [, ulen] = await reader(2);
        const user = (await reader(ulen!)).toString();
        const [plen] = await reader(1);
        const pass = (await reader(plen!)).toString();
        credentials = `${user}:${pass}`;
        const ok = user === this.options.required!.user && pass === this.options.required!.password;
        s.write(Buffer.from([1, ok ? 0 : 1]));
        if (!ok) {
          this.records.push({ kind: 'socks5', target: '', credentials });
          return void s.end();
        }
      } else {
        if (!methods.includes(0)) return void s.end(Buffer.from([5, 0xff]));
        s.write(Buffer.from([5, 0]));
      }
      const [, cmd, , atyp] = await reader(4);
      let host: string;
      if (atyp === 1) host = [...(await reader(4))].join('.');
      else if (atyp === 3) host = (await reader((await reader(1))[0]!)).toString();
      else if (atyp === 4) {
        const b = await reader(16);
        host = Array.from({ length: 8 }, (_, i) => b.readUInt16BE(2 * i).toString(16)).join(':');
      } else return void s.end(Buffer.from([5, 8, 0, 1, 0, 0, 0, 0, 0, 0]));
      const port = (await reader(2)).readUInt16BE(0);
      this.records.push({ kind: 'socks5', target: `${host}:${port}`, ...(credentials ? { credentials } : {}) });
      if (cmd !== 1) return void s.end(Buffer.from([5, 7, 0, 1, 0, 0, 0, 0, 0, 0]));
      const upstream = connect({ host: this.resolve(host), port });
      this.track(upstream);
      upstream.once('error', () => s.end(Buffer.from([5, 5, 0, 1, 0, 0, 0, 0, 0, 0])));
      upstream.once('connect', () => {
        s.write(Buffer.from([5, 0, 0, 1, 127, 0, 0, 1, 0, 0]));
        const rest = reader.rest();
        if (rest.length > 0) upstream.write(rest);
        upstream.pipe(s);
        s.pipe(upstream);
      });
    } catch {
      s.destroy();
    }
  }
}

/** Reads exact byte counts from a socket (for the SOCKS5 handshake); rest() hands back what is left. */
function byteReader(s: Socket): ((n: number) => Promise<Buffer>) & { rest(): Buffer } {
  let buf = Buffer.alloc(0);
  let waiting: { n: number; resolve: (b: Buffer) => void; reject: (e: Error) => void } | undefined;
  const pump = () => {
    if (waiting && buf.length >= waiting.n) {
      const w = waiting;
      waiting = undefined;
      const out = buf.subarray(0, w.n);
      buf = buf.subarray(w.n);
      w.resolve(out);
    }
  };
  const onData = (c: Buffer) => {
    buf = Buffer.concat([buf, c]);
    pump();
  };
  s.on('data', onData);
  s.once('close', () => waiting?.reject(new Error('closed')));
  const read = (n: number) =>
    new Promise<Buffer>((resolve, reject) => {
      waiting = { n, resolve, reject };
      pump();
    });
  return Object.assign(read, {
    rest: () => {
      s.off('data', onData);
      const r = buf;
      buf = Buffer.alloc(0);
      return r;
    },
  });
}

function listen(server: Server | TcpServer): Promise<void> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
}

export async function startTestProxy(options: TestProxyOptions = {}): Promise<TestProxy> {
  return new TestProxy(options).start();
}
