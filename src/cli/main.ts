/** Entry point behind bin/sailctl. */
import { CATALOG } from './commands/catalog.gen.js';
import { processIO } from './io.js';
import { runLazyCli } from './program.js';

export async function main(argv: readonly string[]): Promise<number> {
  const io = processIO();
  return runLazyCli(CATALOG, argv, io);
}
