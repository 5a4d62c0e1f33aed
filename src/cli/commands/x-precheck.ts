import type { CommandSpec } from '../spec.js';
import { notImplemented } from '../not-implemented.js';

export const precheckCommand: CommandSpec = {
  name: 'precheck',
  summary: 'Check whether Istio can safely be installed or upgraded',
  action: notImplemented('precheck'),
};
