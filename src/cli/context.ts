/**
 * What a command handler receives: its I/O (injected so tests run handlers in-process),
 * the global flags, and a prompt. Handlers never call process.exit or touch process.stdout.
 */
import type { StdinReader } from '../util/files.js';

export interface OutputStream {
  write(chunk: string): unknown;
}

export interface CliIO {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Reads all of standard input (for `-f -`). */
  readStdin: StdinReader;
  /** Whether stdin is a terminal (prompts need one). */
  stdinIsTTY: boolean;
  /** Whether stderr is a terminal (spinners, colour). */
  stderrIsTTY: boolean;
  /** Colour on stderr: a TTY and NO_COLOR unset, or forced. */
  color: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** Asks a yes/no question on the terminal; resolves false on anything but y/yes. */
  confirm(question: string): Promise<boolean>;
}

export interface GlobalOptions {
  kubeconfig: string | undefined;
  context: string | undefined;
  namespace: string | undefined;
  istioNamespace: string;
  /** --kubeclient-timeout in milliseconds. */
  kubeclientTimeoutMs: number;
}

export interface CommandContext {
  io: CliIO;
  globals: GlobalOptions;
}

export type Handler<O = Record<string, unknown>> = (
  ctx: CommandContext,
  args: string[],
  opts: O,
) => Promise<number>;
