/** Entry point behind bin/sailctl. */
import { COMMANDS } from './commands/index.js';
import { processIO } from './io.js';
import { runCli } from './program.js';

export async function main(argv: readonly string[]): Promise<number> {
  const io = processIO();
  // A closed pipe (`sailctl ... | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  return runCli(COMMANDS, argv, io);
}
