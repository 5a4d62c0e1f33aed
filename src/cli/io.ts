/** The real process I/O behind CliIO. Only bin/sailctl (via main) uses it. */
import type { CliIO, OutputStream } from './context.js';

// Start-up: what a command may never need is looked at on first use: the stderr stream and the
// TTY checks (node:tty loads node:net), standard input and its reader, readline for questions.
const ttyAnswers = new Map<number, boolean>();
/** Whether fd is a terminal, asked once per descriptor (the colour check runs per painted string). */
const isatty = (fd: number): boolean => {
  let answer = ttyAnswers.get(fd);
  if (answer === undefined) ttyAnswers.set(fd, (answer = process.getBuiltinModule('node:tty').isatty(fd)));
  return answer;
};

/**
 * Standard output written with write(2) on the file descriptor, as a Go program writes it,
 * instead of through process.stdout. Why: process.stdout builds a stream (and for a terminal or
 * pipe a socket), loading Node's stream and net modules, a noticeable part of a short command's
 * run. Writes are synchronous and complete, in order. If the descriptor is non-blocking and full
 * (EAGAIN), the rest goes through process.stdout, which queues it. A closed reader (`| head`)
 * ends the program quietly, as a broken pipe does for other command-line tools.
 */
export function directOutput(fd: number, fallback: () => NodeJS.WritableStream): OutputStream {
  let stream: NodeJS.WritableStream | undefined;
  return {
    write(chunk: string): boolean {
      if (stream) return stream.write(chunk);
      const { writeSync } = process.getBuiltinModule('node:fs');
      const bytes = Buffer.from(chunk, 'utf8');
      let done = 0;
      try {
        while (done < bytes.length) done += writeSync(fd, bytes, done);
        return true;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          stream = fallback();
          return stream.write(bytes.subarray(done));
        }
        if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw e;
      }
    },
  };
}

export function processIO(): CliIO {
  const env = process.env;
  const forced = env['FORCE_COLOR'] !== undefined && env['FORCE_COLOR'] !== '0';
  return {
    stdout: directOutput(1, () =>
      // A closed pipe (`sailctl ... | head`) is not an error.
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      }),
    ),
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
