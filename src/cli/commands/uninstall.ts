import type { CommandSpec } from '../spec.js';
import { notImplemented } from '../not-implemented.js';

export const uninstallCommand: CommandSpec = {
  name: 'uninstall',
  summary: 'Uninstall Istio from a cluster',
  action: notImplemented('uninstall'),
};
