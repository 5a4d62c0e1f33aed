import type { CommandSpec } from '../spec.js';
import { notImplemented } from '../not-implemented.js';

export const validateCommand: CommandSpec = {
  name: 'validate',
  summary: 'Validate Istio policy and rules files',
  aliases: ['v'],
  action: notImplemented('validate'),
};
