import type { CommandSpec } from '../spec.js';
import { notImplemented } from '../not-implemented.js';

export const analyzeCommand: CommandSpec = {
  name: 'analyze',
  summary: 'Analyze Istio configuration and print validation messages',
  action: notImplemented('analyze'),
};
