import type { CommandSpec } from '../spec.js';
import { notImplemented } from '../not-implemented.js';

export const installCommand: CommandSpec = {
  name: 'install',
  summary: 'Applies an Istio manifest, installing or reconfiguring Istio on a cluster',
  aliases: ['apply'],
  action: notImplemented('install'),
};
