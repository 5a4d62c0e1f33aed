import type { CommandSpec } from '../spec.js';
import { notImplemented } from '../not-implemented.js';

export const manifestCommand: CommandSpec = {
  name: 'manifest',
  summary: 'Commands related to Istio manifests',
  action: notImplemented('manifest'),
};
