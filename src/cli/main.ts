/** Entry point behind bin/sailctl. */
import { CATALOG } from './commands/catalog.gen.js';
import { processIO } from './io.js';
import { runLazyCli } from './program.js';

export async function main(argv: readonly string[]): Promise<number> {
  const io = processIO();
  // A closed pipe (`sailctl ... | head`) is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  });
  return runLazyCli(CATALOG, argv, io);
}
