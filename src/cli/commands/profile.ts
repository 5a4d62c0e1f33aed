import type { CommandSpec } from '../spec.js';
import { notImplemented } from '../not-implemented.js';

export const profileCommand: CommandSpec = {
  name: 'profile',
  summary: 'Commands related to Istio configuration profiles',
  action: notImplemented('profile'),
};
