/** `version` with --remote: the control plane's istiod versions, read from the cluster. */
import { SailError } from '../errors.js';
import type { CommandContext } from './context.js';

/**
 * The lines istioctl prints after the client version: "control plane version: X" (one line when
 * every istiod runs the same version, else one per revision) and "data plane version: X (N
 * proxies), ..." or "none".
 */
export async function controlPlaneVersions(ctx: CommandContext): Promise<string[]> {
  const kube = await import('../kube/index.js');
  const client = kube.clientFromFlags(ctx.globals, ctx.io.env);
  try {
    const planes = await kube.findControlPlanes(client, ctx.globals.istioNamespace);
    if (planes.length === 0) {
      throw new SailError('KUBE', `Istio is not present in the cluster (no istiod in namespace "${ctx.globals.istioNamespace}")`);
    }
    const lines: string[] = [];
    const versions = [...new Set(planes.map((p) => p.version))];
    if (versions.length === 1) lines.push(`control plane version: ${versions[0]}`);
    else for (const p of planes) lines.push(`control plane version: ${p.version} (revision ${p.revision})`);
    const proxies = await kube.proxyVersions(client);
    const rendered = [...proxies.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([v, n]) => `${v} (${n} proxies)`)
      .join(', ');
    lines.push(`data plane version: ${rendered || 'none'}`);
    return lines;
  } finally {
    client.close();
  }
}
