/**
 * sprig v3's text/template function map (sprig.TxtFuncMap) on the template value model.
 *
 * Semantics follow sprig 3.2.3 (Debian's copy, which the differential tests run against). Helm
 * v4 uses sprig 3.3.x, which swaps imdario/mergo for dario.cat/mergo and moves to
 * Masterminds/semver 3.3 and newer crypto libraries; the merge rules for map[string]interface{}
 * and the constraint forms charts use (">=1.23-0", "~1.30", "^1", ranges, "||") behave the same
 * in both. Functions whose output cannot be reproducible (random strings, uuidv4, now) exist but
 * are not compared.
 *
 * Every function carries its Go signature (value.ts withSignature), so the executor converts and
 * checks arguments exactly as Go's reflect call does. Functions that need hosts or certificates
 * are not provided (crypto helpers, getHostByName: Helm's engine answers that one offline).
 *
 * Functions added by sprig 3.3.0 that Helm v4 charts may use (sha512sum) are included.
 */
import type { GoFunc } from './value.js';
import { addStringFuncs } from './sprig-strings.js';
import { addCollectionFuncs } from './sprig-collections.js';
import { addMiscFuncs } from './sprig-misc.js';
import { addDateFuncs } from './sprig-date.js';
import { addUrlFuncs } from './sprig-url.js';
import { def, type FuncTable } from './sprig-util.js';
import { semverSatisfies, semverValue } from './sprig-semver.js';

let table: FuncTable | undefined;

/** os.ExpandEnv: $NAME and ${NAME} become the variable's value (empty when unset). */
function expandEnv(s: string): string {
  return s.replace(/\$(?:\{([^}]*)\}|([A-Za-z0-9_]+)|([*#$@!?-]|[0-9]))/g, (_m, braced: string | undefined, plain: string | undefined, special: string | undefined) => {
    const name = braced ?? plain ?? special ?? '';
    return process.env[name] ?? '';
  });
}

function build(): FuncTable {
  const t: FuncTable = new Map();
  addStringFuncs(t);
  addCollectionFuncs(t);
  addMiscFuncs(t);
  addDateFuncs(t);
  addUrlFuncs(t);
  def(t, 'semverCompare', ['string', 'string'], ([c, v]) => semverSatisfies(c as string, v as string));
  def(t, 'semver', ['string'], ([v]) => semverValue(v as string));
  // sprig's env/expandenv read the process environment. Helm's function map removes them
  // (helm-funcs.ts), and istiod's injection map replaces env with its own; only plain sprig
  // templates see these.
  def(t, 'env', ['string'], ([k]) => process.env[k as string] ?? '');
  def(t, 'expandenv', ['string'], ([s]) => expandEnv(s as string));
  return t;
}

/** sprig's function map (shared, immutable functions: callers copy the map before adding to it). */
export function sprigFuncs(): ReadonlyMap<string, GoFunc> {
  table ??= build();
  return table;
}
