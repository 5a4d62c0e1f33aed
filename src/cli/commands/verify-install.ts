import type { CommandSpec } from '../spec.js';
import { notImplemented } from '../not-implemented.js';

export const verifyInstallCommand: CommandSpec = {
  name: 'verify-install',
  summary: 'Verifies Istio Installation Status',
  action: notImplemented('verify-install'),
};
