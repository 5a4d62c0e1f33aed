/**
 * HTTP transport to the API server: node:http/https with a keep-alive agent, TLS material and
 * credentials from the kubeconfig (credentials.ts: certificates, tokens, token files, exec
 * plugins, auth providers), retries with backoff on
 * 429 / 5xx / dropped connections, a per-request timeout, and errors as one SailError line.
 *
 * Why not client-node's generated clients or KubernetesObjectApi: they need a typed class per
 * API group, re-run discovery per call, and their errors carry the request (headers included).
 * A thin transport keeps credentials out of every message and lets retries and timeouts follow
 * istioctl's behaviour exactly.
 */
import type { Agent as HttpAgent, IncomingMessage } from 'node:http';
import type { Cluster, User } from './config.js';
import { resolveCredentials } from './credentials.js';
import { proxyFor, proxyRoute, type ProxyRoute } from './proxy.js';
import { SailError } from '../errors.js';
import { formatDuration } from '../util/duration.js';

// Through getBuiltinModule, not `import`: an ESM import of node:http builds a namespace of every
// export, which on Node 24 loads Node's bundled undici (about 55 ms) that this client never uses.
// node:https (with tls and crypto, about 7 ms) loads only for an https server: the local API
// servers of tests and benchmarks, and kubectl proxy, are plain http.
const http = process.getBuiltinModule('node:http');
const https = (): typeof import('node:https') => process.getBuiltinModule('node:https');

export interface TransportOptions {
  /** per-request timeout (--kubeclient-timeout) */
  timeoutMs: number;
  /** attempts in total for retriable failures */
  attempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  userAgent?: string;
  /** injectable for tests */
  sleep?: (ms: number) => Promise<void>;
  /** the environment for HTTPS_PROXY / HTTP_PROXY / NO_PROXY (consulted when the cluster has no proxy-url) */
  proxyEnv?: Readonly<Record<string, string | undefined>>;
}

export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  contentType?: string;
  /** what the request does, for error messages: verb and resource, e.g. "list pods" */
  what: { verb: string; resource: string; namespace?: string | undefined; name?: string | undefined };
}

export interface ApiResponse {
  status: number;
  body: unknown;
}

/** The Status object the API server returns on failure. */
export interface ApiStatus {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string; causes?: Array<{ message?: string; field?: string; type?: string }>; retryAfterSeconds?: number };
}

/** An API error the caller may branch on (404, 409, ...); still prints as one line. */
export class KubeApiError extends SailError {
  readonly status: number;
  readonly reason: string;
  readonly apiStatus: ApiStatus;
  constructor(status: number, apiStatus: ApiStatus, message: string, hint?: string) {
    super(status === 408 || status === 504 ? 'TIMEOUT' : status === 409 ? 'CONFLICT' : 'KUBE', message, { hint });
    this.status = status;
    this.reason = apiStatus.reason ?? '';
    this.apiStatus = apiStatus;
  }
}

const RETRIABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRIABLE_NET = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'UND_ERR_SOCKET']);
const UNREACHABLE = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

interface Prepared {
  headers: Record<string, string>;
  agent: HttpAgent;
  /** an http server behind an http(s) proxy: requests go to the proxy (proxy.ts) */
  forward?: ProxyRoute['forward'];
}

export class Transport {
  private prepared: Promise<Prepared> | undefined;
  private readonly base: URL;
  private readonly isHttps: boolean;
  private readonly attempts: number;
  private readonly baseDelayMs: number;
  private readonly maxDelayMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Set by close(): no request makes another attempt. */
  private closed = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly user: User,
    server: string,
    readonly serverForMessages: string,
    private readonly contextName: string,
    private readonly opts: TransportOptions,
  ) {
    this.base = new URL(server);
    this.isHttps = this.base.protocol === 'https:';
    this.attempts = opts.attempts ?? 5;
    this.baseDelayMs = opts.baseDelayMs ?? 250;
    this.maxDelayMs = opts.maxDelayMs ?? 8000;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /** Resolves credentials and TLS material once (re-run after a 401, e.g. an expired exec token). */
  private prepare(): Promise<Prepared> {
    this.prepared ??= (async () => {
      let creds;
      try {
        creds = await resolveCredentials(this.cluster, this.user);
      } catch (e) {
        // Exec plugin and file errors: keep their first line, which names the plugin or file, not the secret.
        const first = e instanceof Error ? e.message.split('\n')[0] : String(e);
        throw new SailError('KUBE', `cannot load the credentials or certificates of context "${this.contextName}": ${redact(first ?? '')}`);
      }
      const headers = creds.headers;
      // A proxy (kubeconfig proxy-url, else the environment) brings its own agent: proxy.ts.
      const proxy = proxyFor(this.base, this.cluster.proxyUrl, this.cluster.name, this.opts.proxyEnv ?? {});
      const route = proxyRoute(this.base, proxy, creds);
      if (route) return { headers, agent: route.agent, forward: route.forward };
      const agent = this.isHttps
        ? new (https().Agent)({
            keepAlive: true,
            maxSockets: 16,
            ca: creds.ca,
            cert: creds.cert,
            key: creds.key,
            servername: creds.servername,
            // TLS verification stays on unless the kubeconfig says insecure-skip-tls-verify.
            rejectUnauthorized: creds.rejectUnauthorized,
          })
        : new http.Agent({ keepAlive: true, maxSockets: 16 });
      return { headers, agent };
    })();
    this.prepared.catch(() => (this.prepared = undefined));
    return this.prepared;
  }

  /**
   * Destroys the open sockets and makes no more attempts: without the flag a request in flight
   * would take its destroyed socket for a dropped connection and retry, keeping the process
   * alive for up to --kubeclient-timeout after the command is done (a --timeout expiry, a remote
   * cluster that does not answer).
   */
  close(): void {
    this.closed = true;
    void this.prepared?.then((p) => p.agent.destroy()).catch(() => undefined);
  }

  private stopIfClosed(): void {
    if (this.closed) throw new SailError('CANCELLED', `requests to ${this.serverForMessages} stopped: the client was closed`);
  }

  async request(req: ApiRequest): Promise<ApiResponse> {
    let lastNetError: NodeJS.ErrnoException | undefined;
    let reauthenticated = false;
    for (let attempt = 1; ; attempt++) {
      this.stopIfClosed();
      let res: ApiResponse;
      try {
        res = await this.once(req);
      } catch (e) {
        const err = e as NodeJS.ErrnoException;
        if (e instanceof SailError) throw e;
        lastNetError = err;
        const retriable = RETRIABLE_NET.has(err.code ?? '') || /socket hang up/.test(err.message) || (UNREACHABLE.has(err.code ?? '') && attempt < 3);
        if (retriable && attempt < this.attempts) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        throw this.networkError(err);
      }
      if (res.status === 401 && !reauthenticated) {
        reauthenticated = true;
        this.prepared = undefined;
        continue;
      }
      if (RETRIABLE_STATUS.has(res.status) && attempt < this.attempts) {
        const status = res.body as ApiStatus;
        const after = status?.details?.retryAfterSeconds;
        await this.sleep(res.status === 429 && after !== undefined ? Math.min(after * 1000, this.maxDelayMs) : this.backoff(attempt));
        continue;
      }
      if (res.status >= 400) throw this.apiError(req, res);
      void lastNetError;
      return res;
    }
  }

  private backoff(attempt: number): number {
    const exp = Math.min(this.maxDelayMs, this.baseDelayMs * 2 ** (attempt - 1));
    return exp / 2 + Math.random() * (exp / 2);
  }

  private async once(req: ApiRequest): Promise<ApiResponse> {
    const { headers, agent, forward } = await this.prepare();
    const url = new URL(this.base.toString());
    url.pathname = (url.pathname.replace(/\/$/, '') + req.path).replace(/\/{2,}/g, '/');
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, v);
    const payload = req.body === undefined ? undefined : typeof req.body === 'string' ? req.body : JSON.stringify(req.body);
    const h: Record<string, string> = {
      ...headers,
      Accept: 'application/json',
      'User-Agent': this.opts.userAgent ?? 'sailctl',
    };
    if (payload !== undefined) {
      h['Content-Type'] = req.contentType ?? 'application/json';
      h['Content-Length'] = String(Buffer.byteLength(payload));
    }
    const lib = this.isHttps ? https() : http;
    return new Promise<ApiResponse>((resolve, reject) => {
      const onResponse = (res: IncomingMessage) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('aborted', () => reject(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' })));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let body: unknown = text;
          try {
            body = text === '' ? undefined : JSON.parse(text);
          } catch {
            // a proxy's HTML page or plain text: keep it as text for the error message
          }
          resolve({ status: res.statusCode ?? 0, body });
        });
      };
      const r = forward ? forward(url, { method: req.method, headers: h }, onResponse) : lib.request(url, { method: req.method, headers: h, agent }, onResponse);
      r.setTimeout(this.opts.timeoutMs, () => {
        r.destroy(Object.assign(new Error('timeout'), { code: 'SAILCTL_TIMEOUT' }));
      });
      r.on('error', reject);
      if (payload !== undefined) r.write(payload);
      r.end();
    });
  }

  private networkError(err: NodeJS.ErrnoException): SailError {
    const server = this.serverForMessages;
    const code = err.code ?? '';
    if (code === 'SAILCTL_TIMEOUT') {
      return new SailError('TIMEOUT', `the Kubernetes API server at ${server} did not answer within ${formatDuration(this.opts.timeoutMs)}`, {
        hint: 'raise --kubeclient-timeout, or check the cluster',
      });
    }
    if (UNREACHABLE.has(code)) {
      return new SailError('KUBE', `cannot reach the Kubernetes API server at ${server} (context "${this.contextName}"): ${describeNet(code)}`, {
        hint: 'check that the cluster is running and that --kubeconfig/--context point at it',
      });
    }
    if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ALTNAME/.test(code)) {
      return new SailError('KUBE', `TLS verification of the Kubernetes API server at ${server} failed: ${err.message.split('\n')[0]}`, {
        hint: "the kubeconfig's certificate-authority must sign the server's certificate",
      });
    }
    return new SailError('KUBE', `connection to the Kubernetes API server at ${server} failed: ${code || err.message.split('\n')[0]}`);
  }

  private apiError(req: ApiRequest, res: ApiResponse): KubeApiError {
    const status: ApiStatus = isStatus(res.body) ? res.body : { message: typeof res.body === 'string' ? res.body.slice(0, 200) : undefined };
    const message = redact(status.message ?? `HTTP ${res.status}`);
    const w = req.what;
    const target = `${w.resource}${w.name ? ` "${w.name}"` : ''}${w.namespace ? ` in namespace "${w.namespace}"` : ''}`;
    switch (res.status) {
      case 401:
        return new KubeApiError(401, status, `the Kubernetes API server at ${this.serverForMessages} rejected the credentials of context "${this.contextName}" (401 Unauthorized)`, 'refresh the credentials in your kubeconfig');
      case 403:
        return new KubeApiError(403, status, `forbidden: cannot ${w.verb} ${target}: ${message}`, `ask a cluster administrator for permission to ${w.verb} ${w.resource}`);
      case 429:
        return new KubeApiError(429, status, `the Kubernetes API server is overloaded (429 Too Many Requests) while trying to ${w.verb} ${target}, after ${this.attempts} attempts`);
      default:
        if (res.status >= 500) return new KubeApiError(res.status, status, `the Kubernetes API server failed to ${w.verb} ${target} after ${this.attempts} attempts: ${message}`);
        return new KubeApiError(res.status, status, message);
    }
  }
}

function isStatus(v: unknown): v is ApiStatus {
  return typeof v === 'object' && v !== null && (v as ApiStatus).kind === 'Status';
}

function describeNet(code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'host name not found';
    default:
      return 'host unreachable';
  }
}

/** Belt and braces: nothing that looks like a bearer token or key material leaves this module. */
export function redact(text: string): string {
  return text
    .replace(/(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/g, '$1 <redacted>')
    .replace(/-----BEGIN [A-Z ]+-----[\s\S]*?-----END [A-Z ]+-----/g, '<redacted>')
    .replace(/("?(token|password|client-key-data|keyData)"?\s*[:=]\s*)"?[^\s",}]+"?/gi, '$1<redacted>');
}
