import type { CommandSpec } from '../spec.js';
import { notImplemented } from '../not-implemented.js';

export const helmTemplateCommand: CommandSpec = {
  name: 'helm-template',
  summary: 'Render a Helm chart locally, as helm template does',
  action: notImplemented('helm-template'),
};
