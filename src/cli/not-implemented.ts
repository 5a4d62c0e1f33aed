/** A command that is declared but not built yet says so plainly and fails; it never pretends. */
import { SailError } from '../errors.js';
import type { Handler } from './context.js';

export function notImplemented(command: string): Handler {
  return async () => {
    throw new SailError('NOT_IMPLEMENTED', `'sailctl ${command}' is not implemented yet in this build`, {
      hint: 'see README.md for what works today',
    });
  };
}
