/** An in-memory CliIO for running command handlers in-process. */
import type { CliIO } from '../../src/cli/context.js';

export interface FakeIO extends CliIO {
  out(): string;
  err(): string;
}

export function fakeIO(opts: { stdin?: string; answers?: string[]; env?: Record<string, string>; tty?: boolean } = {}): FakeIO {
  let out = '';
  let err = '';
  const answers = [...(opts.answers ?? [])];
  return {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: (s: string) => (err += s) },
    readStdin: async () => opts.stdin ?? '',
    stdinIsTTY: opts.tty ?? false,
    stderrIsTTY: opts.tty ?? false,
    color: false,
    env: opts.env ?? {},
    cwd: process.cwd(),
    async confirm(question: string) {
      err += question + ' ';
      const a = (answers.shift() ?? '').trim().toLowerCase();
      return a === 'y' || a === 'yes';
    },
    out: () => out,
    err: () => err,
  };
}
