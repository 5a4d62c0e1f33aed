import type { CommandSpec } from '../spec.js';
import { precheckCommand } from './x-precheck.js';
import { helmTemplateCommand } from './x-helm-template.js';

export const experimentalCommand: CommandSpec = {
  name: 'x',
  aliases: ['experimental'],
  summary: 'Experimental commands that may be modified or deprecated',
  subcommands: [precheckCommand, helmTemplateCommand],
};
