/**
 * parseGoYaml's value (Go value model: maps as Map) read with the block reader when the text is
 * in its subset, as the render's own inputs almost always are (Chart.yaml, values.yaml, what
 * fromYaml gets from `include`). The general readers behind parseGoYaml are large and would
 * otherwise be compiled and run cold once per process for a few small texts, while the block
 * reader is warm from reading the profiles and the rendered documents.
 *
 * Anything outside the subset, and anything whose conversion is not plain (keys that were not
 * strings in the YAML, which sigs.k8s.io/yaml converts by its own rules), goes to parseGoYaml,
 * which also owns every error message.
 */
import { readBlockYaml, UNSUPPORTED } from './goyaml-block.js';
import { parseGoYaml, resolvePlainScalar, surelyStringKey } from './goyaml.js';
import type { GoMap, GoValue } from './value.js';

class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain();

function toGo(x: unknown): GoValue {
  if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') return x;
  if (Array.isArray(x)) return x.map(toGo);
  if (typeof x === 'object') {
    const o = x as Record<string, unknown>;
    const m: GoMap = new Map();
    for (const k of Object.keys(o)) {
      if (!surelyStringKey(k)) throw NOT_PLAIN;
      m.set(k, toGo(o[k]));
    }
    return m;
  }
  throw NOT_PLAIN;
}

/** parseGoYaml(text, opts), through the block reader when it can read the text. */
export function readGoYaml(text: string, opts: { duplicateKeys?: 'error' | 'last-wins' } = {}): GoValue {
  // Directives get parseGoYaml's checks and errors.
  if (!text.startsWith('%') && !text.includes('\n%')) {
    const block = readBlockYaml(text, resolvePlainScalar);
    if (block !== UNSUPPORTED) {
      try {
        return toGo(block);
      } catch (e) {
        if (!(e instanceof NotPlain)) throw e;
      }
    }
  }
  return parseGoYaml(text, opts);
}
