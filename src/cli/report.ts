/** How errors reach the user: one line for user errors, a short report for internal ones. */
import { isSailError } from '../errors.js';
import type { CliIO } from './context.js';

const RED = '\u001b[31m';
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

export function formatError(err: unknown, io: Pick<CliIO, 'color' | 'env'>): string {
  const paint = (code: string, s: string): string => (io.color ? `${code}${s}${RESET}` : s);
  if (isSailError(err)) {
    let out = `${paint(RED, 'Error:')} ${err.located}\n`;
    if (err.hint) out += paint(DIM, `  hint: ${err.hint}`) + '\n';
    return out;
  }
  const e = err instanceof Error ? err : new Error(String(err));
  let out = `${paint(RED, 'Internal error:')} ${e.message.split('\n')[0]}\n`;
  out += '  this is a bug in sailctl; please report it with the command line that caused it';
  if (io.env['SAILCTL_DEBUG']) out += `\n${e.stack ?? ''}`;
  else out += ' (set SAILCTL_DEBUG=1 for a stack trace)';
  return out + '\n';
}
