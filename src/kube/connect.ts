/** Builds a KubeClient from a command's global flags (-c/--kubeconfig, --context, --kubeclient-timeout) and the environment. */
import { KubeClient } from './client.js';
import type { TransportOptions } from './transport.js';

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
