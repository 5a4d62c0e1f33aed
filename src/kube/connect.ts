/**
 * Builds a KubeClient from a command's global flags (-c/--kubeconfig, --context,
 * --kubeclient-timeout) and the environment, or from kubeconfig text read from a cluster (an
 * Istio remote secret).
 */
import { KubeClient } from './client.js';
import { loadKubeConfigText, type LoadedKubeConfig } from './config.js';
import { Transport, type TransportOptions } from './transport.js';

export interface ClusterFlags {
  kubeconfig: string | undefined;
  context: string | undefined;
  kubeclientTimeoutMs: number;
}

export function clientFromFlags(globals: ClusterFlags, env: Readonly<Record<string, string | undefined>>, transport?: Partial<TransportOptions>): KubeClient {
  return KubeClient.connect({
    kubeconfig: globals.kubeconfig,
    context: globals.context,
    env,
    timeoutMs: globals.kubeclientTimeoutMs,
    // kubectl honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY when the cluster names no proxy-url.
    transport: { proxyEnv: env, ...transport },
  });
}

export interface TextClient {
  client: KubeClient;
  /** the current context's cluster name: istioctl's cluster id for a remote secret's cluster */
  clusterName: string;
  config: LoadedKubeConfig;
}

/**
 * A client for the current context of kubeconfig text taken from a cluster. The text is untrusted
 * (config.ts refuses exec plugins and local credential files in it); `origin` names it in
 * messages. Undefined when the text has no usable current context (istioctl skips it). No request
 * is made yet.
 */
export function clientFromKubeconfigText(
  text: string,
  origin: string,
  opts: { timeoutMs: number; env: Readonly<Record<string, string | undefined>>; transport?: Partial<TransportOptions> },
): TextClient | undefined {
  const loaded = loadKubeConfigText(text, origin, { untrusted: true });
  if (!loaded) return undefined;
  const transport = new Transport(loaded.cluster, loaded.user, loaded.cluster.server, loaded.server, loaded.contextName, {
    timeoutMs: opts.timeoutMs,
    proxyEnv: opts.env,
    ...opts.transport,
  });
  return { client: new KubeClient(transport, loaded), clusterName: loaded.cluster.name, config: loaded };
}

