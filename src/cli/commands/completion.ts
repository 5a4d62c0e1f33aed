import type { CommandSpec } from '../spec.js';
import { notImplemented } from '../not-implemented.js';

export const completionCommand: CommandSpec = {
  name: 'completion',
  summary: 'Generate the autocompletion script for the specified shell',
  arguments: [{ name: 'shell', description: 'bash|zsh|fish|powershell', required: true }],
  action: notImplemented('completion'),
};
