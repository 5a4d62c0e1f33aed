/**
 * Go's fmt.Sprintf for Istio's message templates, on the template engine's fmt (checked against
 * Go itself). Analyzers pass plain TypeScript values; Go passes ints, strings, slices and errors,
 * so whole numbers become Go ints and errors their message.
 */
import { sprintf } from '../gotemplate/fmt.js';
import type { GoValue } from '../gotemplate/value.js';

export type GoArg = string | number | boolean | readonly GoArg[] | Error | null | undefined;

function toGo(a: GoArg): GoValue {
  if (a === null || a === undefined) return null;
  if (a instanceof Error) return a.message;
  if (Array.isArray(a)) return a.map((x) => toGo(x as GoArg));
  if (typeof a === 'number') return Number.isInteger(a) ? BigInt(a) : a;
  return a as string | boolean;
}

/** Go's %q of a string (strconv.Quote). */
export function goQuote(s: string): string {
  return sprintf('%q', s);
}

export function goSprintf(template: string, args: readonly GoArg[]): string {
  return sprintf(template, ...args.map(toGo));
}
