/** The real process I/O behind CliIO. Only bin/sailctl (via main) uses it. */
import type { CliIO } from './context.js';

// Start-up: what a command may never need is looked at on first use: the stderr stream and the
// TTY checks (node:tty loads node:net), standard input and its reader, readline for questions.
const isatty = (fd: number): boolean => process.getBuiltinModule('node:tty').isatty(fd);

export function processIO(): CliIO {
  const env = process.env;
  const forced = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0';
  return {
    stdout: process.stdout,
    get stderr() {
      return process.stderr;
    },
    readStdin: async () => (await import('../util/files.js')).readStream(process.stdin),
    get stdinIsTTY() {
      return isatty(0);
    },
    get stderrIsTTY() {
      return isatty(2);
    },
    get color() {
      return env['NO_COLOR'] ? false : forced || isatty(2);
    },
    env,
    cwd: process.cwd(),
    async confirm(question: string): Promise<boolean> {
      const { createInterface } = await import('node:readline/promises');
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
