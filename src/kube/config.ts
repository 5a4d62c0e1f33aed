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
import { parse } from 'yaml';
import { newClusters, newContexts, newUsers, type Cluster, type Context, type User } from '@kubernetes/client-node/dist/config_types.js';
import { SailError } from '../errors.js';
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
    doc = (parse(text) ?? {}) as Record<string, unknown>;
  } catch (e) {
    const line = (e as { linePos?: Array<{ line: number }> }).linePos?.[0]?.line;
    throw new SailError('YAML', `invalid kubeconfig: ${(e as Error).message.split('\n')[0]}`, { file, line });
  }
  try {
    const dir = dirname(file);
    const abs = (p: string | undefined): string | undefined => (p && !isAbsolute(p) ? join(dir, p) : p);
    return {
      // Relative certificate paths are relative to the kubeconfig file, as kubectl reads them.
      clusters: newClusters(doc['clusters']).map((c) => ({ ...c, caFile: abs(c.caFile) })),
      users: newUsers(doc['users']).map((u) => ({ ...u, certFile: abs(u.certFile), keyFile: abs(u.keyFile) })),
      contexts: newContexts(doc['contexts']),
      currentContext: String(doc['current-context'] ?? ''),
    };
  } catch (e) {
    // The readers name the offending entry ("users[0].name is missing"), never its values.
    throw new SailError('KUBE', `invalid kubeconfig: ${(e as Error).message.split('\n')[0]}`, { file });
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
  const find = (name: string): Context | undefined => settings.contexts.find((c) => c.name === name);
  if (src.context && !find(src.context)) {
    throw new SailError('KUBE', `context "${src.context}" does not exist in ${origin}`, {
      hint: `known contexts: ${settings.contexts.map((c) => c.name).join(', ') || 'none'}`,
    });
  }
  const contextName = src.context ?? settings.currentContext;
  const context = contextName ? find(contextName) : undefined;
  if (!context) {
    throw new SailError('KUBE', contextName ? `current context "${contextName}" does not exist in ${origin}` : `no current context is set in ${origin}`, {
      hint: 'pass --context NAME or run `kubectl config use-context NAME`',
    });
  }
  const cluster = settings.clusters.find((c) => c.name === context.cluster);
  if (!cluster) throw new SailError('KUBE', `context "${contextName}" refers to cluster "${context.cluster}", which is not defined in ${origin}`);
  // A bad proxy-url is a kubeconfig error: reported before any request (proxy.ts uses it).
  if (cluster.proxyUrl) parseProxyUrl(cluster.proxyUrl, cluster.name, origin);
  const user = settings.users.find((u) => u.name === context.user) ?? { name: context.user ?? '' };
  return { settings, contextName, cluster, user, namespace: context.namespace, server: safeServer(cluster.server), origin };
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
