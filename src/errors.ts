/**
 * Typed errors. A SailError is something the user caused (bad file, bad flag, unreachable
 * cluster): the CLI prints it as one line plus an optional hint, never a stack trace.
 * Anything else that escapes a command is an internal error (a bug) and is reported as such.
 */

/** Stable error codes; the CLI maps them to exit codes. */
export type ErrorCode =
  | 'USAGE' // bad flag or argument: exit 64
  | 'FILE_NOT_FOUND'
  | 'FILE_READ'
  | 'YAML' // unparseable YAML / JSON
  | 'SCHEMA' // validation against a schema failed
  | 'INVALID' // semantically invalid input
  | 'UNKNOWN_PROFILE'
  | 'SET_PATH' // malformed --set expression
  | 'TEMPLATE' // template parse/execute error
  | 'KUBE' // cluster unreachable / API error
  | 'TIMEOUT'
  | 'CANCELLED'
  | 'NOT_IMPLEMENTED'
  | 'CONFLICT'
  | 'ANALYZE_ISSUES' // analyze found issues at/above the failure threshold: exit 79
  | 'UNPARSEABLE_INPUT'; // analyze: input could not be parsed: exit 65

export interface SourcePosition {
  file?: string | undefined;
  line?: number | undefined;
  column?: number | undefined;
}

export interface SailErrorOptions extends SourcePosition {
  hint?: string | undefined;
  exitCode?: number | undefined;
  cause?: unknown;
}

const DEFAULT_EXIT: Partial<Record<ErrorCode, number>> = {
  USAGE: 64,
  ANALYZE_ISSUES: 79,
  UNPARSEABLE_INPUT: 65,
};

export class SailError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly column: number | undefined;
  readonly hint: string | undefined;
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, opts: SailErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'SailError';
    this.code = code;
    this.file = opts.file;
    this.line = opts.line;
    this.column = opts.column;
    this.hint = opts.hint;
    this.exitCode = opts.exitCode ?? DEFAULT_EXIT[code] ?? 1;
  }

  /** `file:line: message` (or just the message when no position is known). */
  get located(): string {
    if (!this.file) return this.message;
    const where = this.line !== undefined ? `${this.file}:${this.line}` : this.file;
    return `${where}: ${this.message}`;
  }
}

export function isSailError(e: unknown): e is SailError {
  return e instanceof SailError;
}

export function usageError(message: string, hint?: string): SailError {
  return new SailError('USAGE', message, { hint });
}
