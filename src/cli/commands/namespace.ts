import type { CommandSpec } from '../spec.js';
import { notImplemented } from '../not-implemented.js';

export const namespaceCommand: CommandSpec = {
  name: 'namespace',
  summary: 'Enable, disable and inspect sidecar injection for namespaces',
  action: notImplemented('namespace'),
};
