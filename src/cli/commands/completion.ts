/** `completion bash|zsh|fish|powershell`: prints a completion script generated from the specs. */
import type { CommandSpec } from '../spec.js';
import { usageError } from '../../errors.js';

const SHELL_NAMES = ['bash', 'zsh', 'fish', 'powershell'] as const;

export const completionCommand: CommandSpec = {
  name: 'completion',
  summary: 'Generate the autocompletion script for the specified shell',
  description:
    'Prints a script that completes sailctl commands, flags, flag values and profile names in your shell. ' +
    'See each example for how to load it.',
  arguments: [{ name: 'shell', description: 'bash|zsh|fish|powershell', required: true, completeWith: SHELL_NAMES }],
  examples: [
    'source <(sailctl completion bash)            # bash, this session',
    'sailctl completion bash > /etc/bash_completion.d/sailctl',
    'sailctl completion zsh > "${fpath[1]}/_sailctl"  # zsh',
    'sailctl completion fish > ~/.config/fish/completions/sailctl.fish',
    'sailctl completion powershell | Out-String | Invoke-Expression',
  ],
  async action(ctx, args) {
    const shell = args[0] as string;
    if (!(SHELL_NAMES as readonly string[]).includes(shell)) {
      throw usageError(`unsupported shell "${shell}": must be one of ${SHELL_NAMES.join(', ')}`);
    }
    // Imported here: the registry imports this file, and only this command needs the generators.
    const [{ COMMANDS }, { GLOBAL_OPTIONS }, { completionScript }, { listProfiles }] = await Promise.all([
      import('./index.js'),
      import('../program.js'),
      import('../completion/index.js'),
      import('../../operator/profiles.js'),
    ]);
    ctx.io.stdout.write(completionScript(shell as (typeof SHELL_NAMES)[number], 'sailctl', COMMANDS, GLOBAL_OPTIONS, listProfiles()));
    return 0;
  },
};
