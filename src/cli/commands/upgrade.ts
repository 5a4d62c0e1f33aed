/** `upgrade`: istioctl's alias for install (same flags; warns on an up- or downgrade of the revision's running istiod). */
import type { CommandSpec } from '../spec.js';
import { INSTALL_OPTIONS, installAction, type InstallFlags } from './install.js';

export const upgradeCommand: CommandSpec = {
  name: 'upgrade',
  summary: 'Upgrade Istio control plane in-place',
  description: 'The upgrade command is an alias for the install command',
  options: INSTALL_OPTIONS,
  examples: ['sailctl upgrade -y', 'sailctl upgrade -f my-iop.yaml --readiness-timeout 10m'],
  action: (ctx, _args, opts: InstallFlags) => installAction(ctx, opts),
};
