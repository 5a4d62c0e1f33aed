/** The real process I/O behind CliIO. Only bin/sailctl (via main) uses it. */
import { createInterface } from 'node:readline/promises';
import { readStream } from '../util/files.js';
import type { CliIO } from './context.js';

export function processIO(): CliIO {
  const env = process.env;
  const stderrIsTTY = Boolean(process.stderr.isTTY);
  const forced = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0';
  const color = env['NO_COLOR'] ? false : forced || stderrIsTTY;
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    readStdin: () => readStream(process.stdin),
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stderrIsTTY,
    color,
    env,
    cwd: process.cwd(),
    async confirm(question: string): Promise<boolean> {
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      try {
        const answer = (await rl.question(question + ' ')).trim().toLowerCase();
        return answer === 'y' || answer === 'yes';
      } finally {
        rl.close();
      }
    },
  };
}
