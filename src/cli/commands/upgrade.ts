import type { CommandSpec } from '../spec.js';
import { notImplemented } from '../not-implemented.js';

export const upgradeCommand: CommandSpec = {
  name: 'upgrade',
  summary: 'Upgrade Istio control plane in-place',
  action: notImplemented('upgrade'),
};
