/** `version` with --remote: the control plane's istiod versions, read from the cluster. */
import { SailError } from '../errors.js';
import type { CommandContext } from './context.js';

export async function controlPlaneVersions(_ctx: CommandContext): Promise<string[]> {
  // The cluster client (src/kube) is not part of this build yet; say so instead of guessing.
  throw new SailError('NOT_IMPLEMENTED', 'querying the control plane is not implemented yet (use --remote=false)');
}
