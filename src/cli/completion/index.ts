/** Shell completion scripts generated from the command specs. */
import type { CommandSpec, OptionSpec } from '../spec.js';
import { bashScript } from './bash.js';
import { fishScript } from './fish.js';
import { buildCompletionModel } from './model.js';
import { powershellScript } from './powershell.js';
import { zshScript } from './zsh.js';

export const SHELLS = ['bash', 'zsh', 'fish', 'powershell'] as const;
export type Shell = (typeof SHELLS)[number];

export function completionScript(
  shell: Shell,
  program: string,
  commands: readonly CommandSpec[],
  globalOptions: readonly OptionSpec[],
  profiles: readonly string[],
): string {
  const model = buildCompletionModel(program, commands, globalOptions, profiles);
  switch (shell) {
    case 'bash':
      return bashScript(model);
    case 'zsh':
      return zshScript(model);
    case 'fish':
      return fishScript(model);
    case 'powershell':
      return powershellScript(model);
  }
}

export { buildCompletionModel } from './model.js';
export type { CompletionModel } from './model.js';
