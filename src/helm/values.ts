/**
 * Helm's values handling: merging user value sources (values.MergeValues: -f files in order,
 * then --set), and chartutil.CoalesceValues (chart values.yaml under user values, recursively
 * into subcharts with `global` propagated, a user `null` deleting a chart key).
 */
import { deepCopy } from '../gotemplate/sprig-util.js';
import type { GoMap, GoValue } from '../gotemplate/value.js';
import type { Chart } from './chart.js';

const GLOBAL = 'global';

const isTable = (v: GoValue | undefined): v is GoMap => v instanceof Map;

/** Helm's mergeMaps: b over a; nested maps merge, everything else is replaced. Returns a new map. */
export function mergeMaps(a: GoMap, b: GoMap): GoMap {
  const out: GoMap = new Map(a);
  for (const [k, v] of b) {
    if (isTable(v)) {
      const cur = out.get(k);
      if (isTable(cur)) {
        out.set(k, mergeMaps(cur, v));
        continue;
      }
    }
    out.set(k, v);
  }
  return out;
}

/** coalesceTablesFullKey: src fills what dst lacks; with !merge a null in dst deletes the key. */
function coalesceTables(dst: GoMap, src: GoMap, merge: boolean): GoMap {
  for (const [key, val] of src) {
    const has = dst.has(key);
    const dv = dst.get(key);
    if (has && !merge && (dv === null || dv === undefined)) dst.delete(key);
    else if (!has) dst.set(key, val);
    else if (isTable(val)) {
      if (isTable(dv)) coalesceTables(dv, val, merge);
    }
  }
  return dst;
}

function coalesceValues(chart: Chart, v: GoMap, merge: boolean): void {
  const vc = deepCopy(chart.values) as GoMap;
  const subchartNames = new Set(chart.dependencies.map((d) => d.metadata.name));
  for (const [key, val] of vc) {
    if (v.has(key)) {
      const value = v.get(key);
      if ((value === null || value === undefined) && !merge) v.delete(key);
      else if (isTable(value) && isTable(val)) {
        // Values for a subchart are merged (nulls kept) so the subchart's own pass sees them.
        coalesceTables(value, val, merge || subchartNames.has(key));
      }
    } else v.set(key, val);
  }
}

function coalesceGlobals(dest: GoMap, src: GoMap): void {
  const destGlob = dest.has(GLOBAL) ? dest.get(GLOBAL) : new Map();
  const srcGlob = src.has(GLOBAL) ? src.get(GLOBAL) : new Map();
  if (!isTable(destGlob) || !isTable(srcGlob)) return;
  const dg = destGlob;
  for (const [key, val] of srcGlob) {
    if (isTable(val)) {
      const vv = new Map(val);
      const destv = dg.get(key);
      if (!dg.has(key)) dg.set(key, vv);
      else if (isTable(destv)) {
        coalesceTables(vv, destv, true);
        dg.set(key, vv);
      }
    } else if (isTable(dg.get(key))) {
      // a table in the subchart's globals is not replaced by a scalar
    } else dg.set(key, val);
  }
  dest.set(GLOBAL, dg);
}

function coalesce(chart: Chart, dest: GoMap, merge: boolean): GoMap {
  coalesceValues(chart, dest, merge);
  for (const sub of chart.dependencies) {
    const name = sub.metadata.name;
    const cur = dest.get(name);
    if (!dest.has(name) || cur === null || cur === undefined) dest.set(name, new Map());
    else if (!isTable(cur)) throw new Error(`type mismatch on ${name}: ${String(cur)}`);
    const dv = dest.get(name) as GoMap;
    coalesceGlobals(dv, dest);
    dest.set(name, coalesce(sub, dv, merge));
  }
  return dest;
}

/** chartutil.CoalesceValues(chart, userValues): the .Values templates see (userValues is not modified). */
export function coalesceChartValues(chart: Chart, userValues: GoMap): GoMap {
  return coalesce(chart, deepCopy(userValues) as GoMap, false);
}
