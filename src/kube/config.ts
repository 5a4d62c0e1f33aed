/**
 * Kubeconfig loading as kubectl does it.
 *
 * Entries are normalised by @kubernetes/client-node's own kubeconfig readers (config_types.js:
 * newClusters/newUsers/newContexts), so fields mean what they mean there. Its KubeConfig class is
 * not used on this path: importing it loads every generated API model (about 2 s of start-up on a
 * busy machine against kubectl's 0.15 s), and its loadFromDefault merges KUBECONFIG files "last
 * wins" and throws on duplicate names, where kubectl's rule is "first file wins" for every
 * cluster, user and context and for current-context, with missing files skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join } from 'node:path';
import { newClusters, newContexts, newUsers, type Cluster, type Context, type User } from '@kubernetes/client-node/dist/config_types.js';
import { SailError } from '../errors.js';
import { GoYamlError, parseGoYamlPlain } from '../gotemplate/goyaml.js';
import { yamlPackage } from '../util/yaml.js';
import { parseProxyUrl } from './proxy.js';

export type { Cluster, Context, User };

export interface KubeConfigSource {
  /** -c/--kubeconfig: the only file read when given */
  kubeconfig?: string | undefined;
  /** --context */
  context?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
}

export interface KubeSettings {
  clusters: Cluster[];
  users: User[];
  contexts: Context[];
  currentContext: string;
}

export interface LoadedKubeConfig {
  settings: KubeSettings;
  contextName: string;
  cluster: Cluster;
  /** the context's user; an empty user when the context names none */
  user: User;
  /** the namespace the context names, if any */
  namespace: string | undefined;
  /** the API server URL without user info (safe to print) */
  server: string;
  /** where the configuration came from, for messages */
  origin: string;
}

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

function loadFile(file: string, flag: string | undefined): KubeSettings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new SailError('KUBE', `kubeconfig file ${file} does not exist`, { hint: flag ? `check ${flag}` : undefined });
    }
    throw new SailError('KUBE', `cannot read kubeconfig: ${(e as Error).message}`, { file });
  }
  let doc: Record<string, unknown>;
  try {
    doc = (parseKubeconfigYaml(text) ?? {}) as Record<string, unknown>;
  } catch (e) {
    const { reason, line } = yamlErrorParts(e);
    throw new SailError('YAML', `invalid kubeconfig: ${reason}`, { file, line });
  }
  // Relative certificate paths are relative to the kubeconfig file, as kubectl reads them.
  return settingsFromDocument(doc, dirname(file), (message) => new SailError('KUBE', `invalid kubeconfig: ${message}`, { file }));
}

/**
 * A kubeconfig's YAML as client-go reads it (sigs.k8s.io/yaml: go-yaml v2's scalars, so yes/on
 * are booleans, 0o17 is 15, dates and 1:30 stay strings; the first document; a repeated key's last
 * value), by the template engine's reader, which install loads anyway.
 */
export function parseKubeconfigYaml(text: string): unknown {
  try {
    return parseGoYamlPlain(text, { duplicateKeys: 'last-wins' });
  } catch (e) {
    if (!(e instanceof GoYamlError)) throw e;
    // Syntax errors are worded by the `yaml` package, loaded only now, as sailctl always worded
    // them (with a column); what only Go refuses (an infinite number, a tag's wrong value, a
    // collection as a key) keeps go-yaml's words.
    const syntax = yamlPackage().parseDocument(text, { uniqueKeys: false }).errors.find((x) => x.code !== 'MULTIPLE_DOCS');
    throw syntax ?? e;
  }
}

/** The first line of a YAML error without its position, and the line it names. */
function yamlErrorParts(e: unknown): { reason: string; line: number | undefined } {
  if (e instanceof GoYamlError) return { reason: e.message.replace(/^line \d+: /, ''), line: e.line };
  const line = (e as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
  return { reason: (e as Error).message.split('\n')[0] ?? '', line };
}

/** The clusters, users and contexts of a parsed kubeconfig; relative paths resolve against `dir` when given. */
function settingsFromDocument(doc: Record<string, unknown>, dir: string | undefined, invalid: (message: string) => SailError): KubeSettings {
  try {
    const abs = (p: string | undefined): string | undefined => (p && dir !== undefined && !isAbsolute(p) ? join(dir, p) : p);
    return {
      clusters: newClusters(doc['clusters']).map((c) => ({ ...c, caFile: abs(c.caFile) })),
      users: newUsers(doc['users']).map((u) => ({ ...u, certFile: abs(u.certFile), keyFile: abs(u.keyFile) })),
      contexts: newContexts(doc['contexts']),
      currentContext: String(doc['current-context'] ?? ''),
    };
  } catch (e) {
    // The readers name the offending entry ("users[0].name is missing"), never its values.
    throw invalid((e as Error).message.split('\n')[0] ?? '');
  }
}

/** kubectl's merge: the first definition of each name wins, and the first current-context set wins. */
export function mergeFirstWins(configs: readonly KubeSettings[]): KubeSettings {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let current = '';
  for (const c of configs) {
    for (const x of c.clusters) if (!clusters.has(x.name)) clusters.set(x.name, x);
    for (const x of c.users) if (!users.has(x.name)) users.set(x.name, x);
    for (const x of c.contexts) if (!contexts.has(x.name)) contexts.set(x.name, x);
    if (!current && c.currentContext) current = c.currentContext;
  }
  return { clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext: current };
}

/** The service account's CA and token files, and the API server from the environment (as client-go's InClusterConfig). */
function inCluster(env: Readonly<Record<string, string | undefined>>): KubeSettings {
  const host = env['KUBERNETES_SERVICE_HOST'] ?? '';
  const server = `https://${host.includes(':') ? `[${host}]` : host}:${env['KUBERNETES_SERVICE_PORT']}`;
  return {
    clusters: [{ name: 'inCluster', server, caFile: `${SERVICE_ACCOUNT_DIR}/ca.crt`, skipTLSVerify: false }],
    users: [{ name: 'inClusterUser', authProvider: { name: 'tokenFile', config: { tokenFile: `${SERVICE_ACCOUNT_DIR}/token` } } }],
    contexts: [{ name: 'inClusterContext', cluster: 'inCluster', user: 'inClusterUser' }],
    currentContext: 'inClusterContext',
  };
}

export function loadKubeConfig(src: KubeConfigSource): LoadedKubeConfig {
  let settings: KubeSettings;
  let origin: string;
  const env = src.env;
  if (src.kubeconfig) {
    settings = loadFile(src.kubeconfig, '--kubeconfig');
    origin = src.kubeconfig;
  } else if (env['KUBECONFIG']) {
    const files = env['KUBECONFIG'].split(delimiter).filter((f) => f !== '' && existsSync(f));
    settings = mergeFirstWins(files.map((f) => loadFile(f, undefined)));
    origin = 'KUBECONFIG';
  } else {
    const home = env['HOME'] ?? env['USERPROFILE'];
    const file = home ? join(home, '.kube', 'config') : undefined;
    if (file && existsSync(file)) {
      settings = loadFile(file, undefined);
      origin = file;
    } else if (env['KUBERNETES_SERVICE_HOST'] && env['KUBERNETES_SERVICE_PORT']) {
      settings = inCluster(env);
      origin = 'in-cluster service account';
    } else {
      throw new SailError('KUBE', 'no Kubernetes configuration found', {
        hint: 'pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config',
      });
    }
  }
  return resolveContext(settings, src.context, origin);
}

/** The context (named, else current) with its cluster and user; one clear error for each thing missing. */
function resolveContext(settings: KubeSettings, requested: string | undefined, origin: string): LoadedKubeConfig {
  const find = (name: string): Context | undefined => settings.contexts.find((c) => c.name === name);
  if (requested && !find(requested)) {
    throw new SailError('KUBE', `context "${requested}" does not exist in ${origin}`, {
      hint: `known contexts: ${settings.contexts.map((c) => c.name).join(', ') || 'none'}`,
    });
  }
  const contextName = requested ?? settings.currentContext;
  const context = contextName ? find(contextName) : undefined;
  if (!context) {
    throw new SailError('KUBE', contextName ? `current context "${contextName}" does not exist in ${origin}` : `no current context is set in ${origin}`, {
      hint: 'pass --context NAME or run `kubectl config use-context NAME`',
    });
  }
  const named = settings.clusters.find((c) => c.name === context.cluster);
  if (!named) throw new SailError('KUBE', `context "${contextName}" refers to cluster "${context.cluster}", which is not defined in ${origin}`);
  const user = settings.users.find((u) => u.name === context.user) ?? { name: context.user ?? '' };
  const server = serverUrl(named, user);
  if (server === undefined) {
    // Not quoted: a server field that is not a URL may be anything, credentials included.
    throw new SailError('KUBE', `cluster "${named.name}" in ${origin} has a server that is not a URL`, { hint: 'the server must look like https://HOST:PORT' });
  }
  const cluster = server === named.server ? named : { ...named, server };
  // A bad proxy-url is a kubeconfig error: reported before any request (proxy.ts uses it).
  if (cluster.proxyUrl) parseProxyUrl(cluster.proxyUrl, cluster.name, origin);
  return { settings, contextName, cluster, user, namespace: context.namespace, server: safeServer(cluster.server), origin };
}

/**
 * The cluster's server as a URL, as client-go makes one (rest.DefaultServerURL): a server written
 * without a scheme (`10.0.0.1:6443`, `localhost:6443`, which a URL parser reads as scheme
 * "localhost") gets https:// when the kubeconfig gives TLS material (a CA, a client certificate,
 * or insecure-skip-tls-verify), http:// otherwise. Undefined when even that is not a URL.
 */
export function serverUrl(cluster: Pick<Cluster, 'server'> & Partial<Pick<Cluster, 'caData' | 'caFile' | 'skipTLSVerify'>>, user: Partial<Pick<User, 'certData' | 'certFile'>>): string | undefined {
  const server = cluster.server ?? '';
  if (server === '') return undefined;
  const hasHost = (text: string): boolean => (URL.parse(text)?.host ?? '') !== '';
  if (hasHost(server)) return server;
  const tls = Boolean(cluster.caData || cluster.caFile || user.certData || user.certFile || cluster.skipTLSVerify);
  const withScheme = `${tls ? 'https' : 'http'}://${server}`;
  return hasHost(withScheme) ? withScheme : undefined;
}

export interface KubeConfigTextOptions {
  /**
   * The text comes from a cluster (an Istio remote secret), not from the user: refuse what would
   * run a program or read a local credential file on this machine (exec plugins, auth providers
   * other than oidc, client-certificate, client-key, token-file), as istiod refuses them in remote
   * secrets unless PILOT_INSECURE_MULTICLUSTER_KUBECONFIG_OPTIONS allows them. Whoever can write
   * such a secret could otherwise run commands on, or read files from, the machine running sailctl.
   */
  untrusted?: boolean;
}

/** What each refused user field does, for the message (kubeconfig spelling). */
const UNTRUSTED_USER_FIELDS: ReadonlyArray<[field: string, what: string]> = [
  ['exec', 'an exec credential plugin (a program to run)'],
  ['client-certificate', 'a client certificate file (client-certificate)'],
  ['client-key', 'a client key file (client-key)'],
  ['token-file', 'a token file (token-file)'],
];

function refuseUntrusted(doc: Record<string, unknown>, origin: string): void {
  const users = Array.isArray(doc['users']) ? (doc['users'] as unknown[]) : [];
  for (const [i, entry] of users.entries()) {
    if (typeof entry !== 'object' || entry === null) continue;
    const name = (entry as Record<string, unknown>)['name'];
    const user = (entry as Record<string, unknown>)['user'];
    if (typeof user !== 'object' || user === null) continue;
    const fields = user as Record<string, unknown>;
    const who = typeof name === 'string' && name ? `user "${name}"` : `users[${i}]`;
    const hint = 'a kubeconfig in a remote secret must carry its credentials inline (token, client-certificate-data, client-key-data), as `istioctl create-remote-secret` writes them';
    for (const [field, what] of UNTRUSTED_USER_FIELDS) {
      if (fields[field] !== undefined && fields[field] !== null && fields[field] !== '') {
        throw new SailError('KUBE', `${who} in ${origin} uses ${what}, which sailctl does not use from a kubeconfig read from a cluster`, { hint });
      }
    }
    const provider = fields['auth-provider'];
    if (typeof provider === 'object' && provider !== null) {
      const providerName = String((provider as Record<string, unknown>)['name'] ?? '');
      // oidc sends a token it holds and runs nothing: istiod accepts it too.
      if (providerName !== 'oidc') {
        throw new SailError('KUBE', `${who} in ${origin} uses auth provider "${providerName}", which sailctl does not use from a kubeconfig read from a cluster`, { hint });
      }
    }
  }
}

/**
 * A kubeconfig given as text (a value of an Istio remote secret), read as client-go's
 * NewClientConfigFromBytes reads it: one document, no merging, its current context. `origin`
 * names the text in messages ("secret istio-system/istio-remote-secret-x, key x"); messages never
 * quote the text. Relative certificate-authority paths stay relative to the working directory, as
 * client-go leaves them. Returns undefined when the current context is unset or names no context:
 * istioctl skips such a value.
 */
export function loadKubeConfigText(text: string, origin: string, opts: KubeConfigTextOptions = {}): LoadedKubeConfig | undefined {
  let doc: unknown;
  try {
    doc = parseKubeconfigYaml(text);
  } catch (e) {
    // The first line of the YAML reader's message names the problem and position, not the text.
    const { reason: first, line } = yamlErrorParts(e);
    const reason = first.replace(/ at line \d+, column \d+:?$/, '');
    throw new SailError('YAML', `invalid kubeconfig in ${origin}${line !== undefined ? ` (line ${line})` : ''}: ${reason}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    const found = doc === null || doc === undefined ? 'nothing' : Array.isArray(doc) ? 'a list' : `a ${typeof doc}`;
    throw new SailError('YAML', `invalid kubeconfig in ${origin}: expected a YAML mapping (apiVersion, clusters, contexts, users), found ${found}`);
  }
  const record = doc as Record<string, unknown>;
  // Before the entry readers: client-node's reads a user's token-file while parsing.
  if (opts.untrusted) refuseUntrusted(record, origin);
  const settings = settingsFromDocument(record, undefined, (message) => new SailError('KUBE', `invalid kubeconfig in ${origin}: ${message}`));
  if (!settings.currentContext || !settings.contexts.some((c) => c.name === settings.currentContext)) return undefined;
  return resolveContext(settings, undefined, origin);
}

/** The server URL with any user:password removed. */
export function safeServer(server: string): string {
  try {
    const u = new URL(server);
    u.username = '';
    u.password = '';
    return u.toString().replace(/\/$/, '');
  } catch {
    return server.replace(/\/\/[^@/]*@/, '//');
  }
}
