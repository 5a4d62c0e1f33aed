/**
 * The Go formatting the operator's outputs need (%q for strings, strconv 'g' for float64), taken
 * from the template engine's fmt, which is checked against Go itself.
 */
import { formatFloat, sprintf } from '../gotemplate/fmt.js';

/** Go's strconv.Quote (%q). */
export function goQuote(s: string): string {
  return sprintf('%q', s);
}

/** Go's strconv.FormatFloat(f, 'g', -1, 64): shortest digits, exponent form outside [1e-4, 1e21). */
export function goFloat(n: number): string {
  return formatFloat(n, 'g', -1);
}
