/**
 * Kubeconfig loading as kubectl does it, on @kubernetes/client-node's KubeConfig.
 *
 * client-node's own loadFromDefault merges KUBECONFIG files with "last file wins" and throws on
 * duplicate names; kubectl's rule is "first file wins" for every cluster, user and context and
 * for current-context, and missing files in the list are skipped. So the files are loaded one by
 * one here and merged with kubectl's rule. Only dist/config.js is imported (not the package
 * index, which pulls in every generated API class and doubles the start-up cost).
 */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node/dist/config.js';
import type { Cluster, Context, User } from '@kubernetes/client-node/dist/config_types.js';
import { SailError } from '../errors.js';

export interface KubeConfigSource {
  /** -c/--kubeconfig: the only file read when given */
  kubeconfig?: string | undefined;
  /** --context */
  context?: string | undefined;
  env: Readonly<Record<string, string | undefined>>;
}

export interface LoadedKubeConfig {
  kc: KubeConfig;
  contextName: string;
  /** the namespace the context names, if any */
  namespace: string | undefined;
  /** the API server URL without user info (safe to print) */
  server: string;
  /** where the configuration came from, for messages */
  origin: string;
}

function loadFile(file: string, flag: string | undefined): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new SailError('KUBE', `kubeconfig file ${file} does not exist`, { file: flag ? undefined : file, hint: flag ? `check ${flag}` : undefined });
    }
    // Parser messages name the offending entry, never its secret values.
    const msg = e instanceof Error ? e.message.split('\n')[0] : String(e);
    throw new SailError('KUBE', `cannot load kubeconfig: ${msg}`, { file });
  }
  return kc;
}

/** kubectl's merge: the first definition of each name wins, and the first current-context set wins. */
function mergeFirstWins(configs: KubeConfig[]): KubeConfig {
  const clusters = new Map<string, Cluster>();
  const users = new Map<string, User>();
  const contexts = new Map<string, Context>();
  let current = '';
  for (const c of configs) {
    for (const x of c.clusters ?? []) if (!clusters.has(x.name)) clusters.set(x.name, x);
    for (const x of c.users ?? []) if (!users.has(x.name)) users.set(x.name, x);
    for (const x of c.contexts ?? []) if (!contexts.has(x.name)) contexts.set(x.name, x);
    if (!current && c.currentContext) current = c.currentContext;
  }
  const merged = new KubeConfig();
  merged.loadFromOptions({ clusters: [...clusters.values()], users: [...users.values()], contexts: [...contexts.values()], currentContext: current });
  return merged;
}

export function loadKubeConfig(src: KubeConfigSource): LoadedKubeConfig {
  let kc: KubeConfig;
  let origin: string;
  const env = src.env;
  if (src.kubeconfig) {
    kc = loadFile(src.kubeconfig, '--kubeconfig');
    origin = src.kubeconfig;
  } else if (env['KUBECONFIG']) {
    const files = env['KUBECONFIG'].split(delimiter).filter((f) => f !== '' && existsSync(f));
    kc = mergeFirstWins(files.map((f) => loadFile(f, undefined)));
    origin = 'KUBECONFIG';
  } else {
    const home = env['HOME'] ?? env['USERPROFILE'];
    const file = home ? join(home, '.kube', 'config') : undefined;
    if (file && existsSync(file)) {
      kc = loadFile(file, undefined);
      origin = file;
    } else if (env['KUBERNETES_SERVICE_HOST'] && env['KUBERNETES_SERVICE_PORT']) {
      // The service account's CA and token files, as client-node sets them up; the server comes
      // from the environment given here (client-node reads process.env itself).
      const incluster = new KubeConfig();
      incluster.loadFromCluster();
      const host = env['KUBERNETES_SERVICE_HOST'];
      const server = `https://${host.includes(':') ? `[${host}]` : host}:${env['KUBERNETES_SERVICE_PORT']}`;
      kc = new KubeConfig();
      kc.loadFromOptions({
        clusters: incluster.clusters.map((c) => ({ ...c, server })),
        users: incluster.users,
        contexts: incluster.contexts,
        currentContext: incluster.currentContext,
      });
      origin = 'in-cluster service account';
    } else {
      throw new SailError('KUBE', 'no Kubernetes configuration found', {
        hint: 'pass --kubeconfig, set KUBECONFIG, or create ~/.kube/config',
      });
    }
  }
  if (src.context) {
    if (!kc.getContextObject(src.context)) {
      throw new SailError('KUBE', `context "${src.context}" does not exist in ${origin}`, {
        hint: `known contexts: ${kc.getContexts().map((c) => c.name).join(', ') || 'none'}`,
      });
    }
    kc.setCurrentContext(src.context);
  }
  const contextName = kc.getCurrentContext();
  const context = contextName ? kc.getContextObject(contextName) : null;
  if (!context) {
    throw new SailError('KUBE', contextName ? `current context "${contextName}" does not exist in ${origin}` : `no current context is set in ${origin}`, {
      hint: 'pass --context NAME or run `kubectl config use-context NAME`',
    });
  }
  const cluster = kc.getCluster(context.cluster);
  if (!cluster || !cluster.server) {
    throw new SailError('KUBE', `context "${contextName}" refers to cluster "${context.cluster}", which has no server in ${origin}`);
  }
  if (cluster.server.startsWith('http:') && !cluster.skipTLSVerify) {
    // client-node refuses plain http unless TLS verification is "skipped"; with http there is no
    // TLS to verify, and kubectl accepts such servers, so mark it (https keeps verification on).
    const clusters = kc.clusters.map((c) => (c.name === cluster.name ? { ...c, skipTLSVerify: true } : c));
    const fixed = new KubeConfig();
    fixed.loadFromOptions({ clusters, users: kc.users, contexts: kc.contexts, currentContext: contextName });
    kc = fixed;
  }
  return { kc, contextName, namespace: context.namespace, server: safeServer(cluster.server), origin };
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
