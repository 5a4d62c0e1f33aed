/** sprig v3 list and dict functions (list.go, dict.go) with mergo's merge semantics. */
import { FuncError, sliceOf, sliceType, type GoMap, type GoValue } from './value.js';
import { deepCopy, deepEqual, def, isEmpty, kindOf, listOf, strval, toInt64, type FuncTable } from './sprig-util.js';

const ANY = 'interface {}';
const S = 'string';
const MAP = 'map[string]interface {}';

/**
 * mergo.Merge / mergo.Merge(WithOverride) of map[string]interface{} values, as sprig's merge and
 * mergeOverwrite call it: nested maps merge in place (dst's nested map is mutated), a nil src
 * value only lands with overwrite, without overwrite a src value only fills a missing or empty
 * dst value, slices are replaced, never appended.
 */
export function mergoMerge(dst: GoMap, src: GoMap, overwrite: boolean, depth = 0): void {
  if (depth > 10_000) throw new FuncError('merge: maximum nesting depth exceeded');
  for (const [k, s] of src) {
    const has = dst.has(k);
    const d = dst.get(k);
    if (s === null || s === undefined) {
      if (overwrite) dst.set(k, null);
      continue;
    }
    if (s instanceof Map && d instanceof Map) {
      mergoMerge(d, s, overwrite, depth + 1);
      continue;
    }
    // Without overwrite a map never replaces an existing non-empty scalar. With overwrite,
    // mergo 1.0 (sprig 3.3, what Helm v4 ships) replaces it; mergo 0.3 kept the scalar.
    if (s instanceof Map && has && !overwrite && d !== null && d !== undefined && !isEmpty(d)) continue;
    if (!has || overwrite || isEmpty(d ?? null)) dst.set(k, s);
  }
}

function digFrom(dict: GoMap, def: GoValue, keys: string[]): GoValue {
  let cur: GoMap = dict;
  for (let i = 0; i < keys.length; i++) {
    if (!cur.has(keys[i]!)) return def;
    const step = cur.get(keys[i]!)!;
    if (i === keys.length - 1) return step;
    if (!(step instanceof Map)) throw new FuncError(`interface conversion: interface {} is ${step === null || step === undefined ? 'nil' : kindName(step)}, not map[string]interface {}`);
    cur = step;
  }
  return def;
}

const NIL_MAP: GoMap = new Map();

/** A map argument as Go sees it: nil (or a missing value) reads as an empty map. */
function asMap(v: GoValue | undefined): GoMap {
  return v instanceof Map ? v : NIL_MAP;
}

function kindName(v: GoValue): string {
  const k = kindOf(v);
  return k === 'slice' ? `[]${sliceType(v as GoValue[])}` : k === 'map' ? 'map[string]interface {}' : k;
}

function listMust(name: string, fmt: (kind: string) => string, fn: (list: GoValue[], args: GoValue[]) => GoValue, t: FuncTable, params: string[], variadic?: string): void {
  const impl = (args: GoValue[]) => fn(listOf(args[0]!, fmt), args.slice(1));
  def(t, name, params, impl, variadic);
  def(t, 'must' + name[0]!.toUpperCase() + name.slice(1), params, impl, variadic);
}

function anyList(items: GoValue[]): GoValue[] {
  return sliceOf(items, 'interface {}');
}

export function addCollectionFuncs(t: FuncTable): void {
  def(t, ['list', 'tuple'], [], (args) => anyList([...args]), ANY);
  listMust('push', (k) => `Cannot push on type ${k}`, (l, [v]) => anyList([...l, v ?? null]), t, [ANY, ANY]);
  t.set('append', t.get('push')!);
  t.set('mustAppend', t.get('mustPush')!);
  listMust('prepend', (k) => `Cannot prepend on type ${k}`, (l, [v]) => anyList([v ?? null, ...l]), t, [ANY, ANY]);
  listMust('first', (k) => `Cannot find first on type ${k}`, (l) => (l.length === 0 ? null : l[0]!), t, [ANY]);
  listMust('last', (k) => `Cannot find last on type ${k}`, (l) => (l.length === 0 ? null : l[l.length - 1]!), t, [ANY]);
  listMust('rest', (k) => `Cannot find rest on type ${k}`, (l) => anyList(l.slice(1)), t, [ANY]);
  listMust('initial', (k) => `Cannot find initial on type ${k}`, (l) => anyList(l.slice(0, -1)), t, [ANY]);
  listMust('reverse', (k) => `Cannot find reverse on type ${k}`, (l) => anyList([...l].reverse()), t, [ANY]);
  listMust('compact', (k) => `Cannot compact on type ${k}`, (l) => anyList(l.filter((x) => !isEmpty(x))), t, [ANY]);
  listMust(
    'uniq',
    (k) => `Cannot find uniq on type ${k}`,
    (l) => {
      const out: GoValue[] = [];
      for (const x of l) if (!out.some((y) => deepEqual(x, y))) out.push(x);
      return anyList(out);
    },
    t,
    [ANY],
  );
  listMust('without', (k) => `Cannot find without on type ${k}`, (l, omit) => anyList(l.filter((x) => !omit.some((o) => deepEqual(x, o)))), t, [ANY], ANY);
  const hasImpl = (args: GoValue[]) => {
    const [needle, haystack] = args;
    if (haystack === null || haystack === undefined) return false;
    const list = listOf(haystack, (k) => `Cannot find has on type ${k}`);
    return list.some((x) => deepEqual(x, needle ?? null));
  };
  def(t, ['has', 'mustHas'], [ANY, ANY], hasImpl);
  listMust(
    'slice',
    (k) => `list should be type of slice or array but ${k}`,
    (l, idx) => {
      if (l.length === 0) return null;
      const start = idx.length > 0 ? Number(toInt64(idx[0]!)) : 0;
      const end = idx.length >= 2 ? Number(toInt64(idx[1]!)) : l.length;
      if (start < 0 || end > l.length || start > end) throw new FuncError('reflect.Value.Slice: slice index out of bounds');
      return sliceOf(l.slice(start, end), sliceType(l));
    },
    t,
    [ANY],
    ANY,
  );
  def(
    t,
    'concat',
    [],
    (lists) => {
      const res: GoValue[] = [];
      for (const l of lists) res.push(...listOf(l, (k) => `Cannot concat type ${k} as list`));
      return anyList(res);
    },
    ANY,
  );
  def(t, ['chunk', 'mustChunk'], ['int', ANY], ([size, list]) => {
    const l = listOf(list!, (k) => `Cannot chunk type ${k}`);
    const n = Number(size);
    if (n <= 0) throw new FuncError('runtime error: integer divide by zero');
    const out: GoValue[] = [];
    for (let i = 0; i < l.length; i += n) out.push(anyList(l.slice(i, i + n)));
    return sliceOf(out, '[]interface {}');
  });

  def(
    t,
    'dict',
    [],
    (args) => {
      const m: GoMap = new Map();
      for (let i = 0; i < args.length; i += 2) {
        const key = strval(args[i]!);
        m.set(key, i + 1 < args.length ? args[i + 1]! ?? null : '');
      }
      return m;
    },
    ANY,
  );
  // A missing or nil map argument is Go's nil map: reads see no keys, writes panic.
  def(t, 'get', [MAP, S], ([d, k]) => (asMap(d).has(k as string) ? asMap(d).get(k as string)! : ''));
  def(t, 'set', [MAP, S, ANY], ([d, k, v]) => {
    if (!(d instanceof Map)) throw new FuncError('assignment to entry in nil map');
    d.set(k as string, v ?? null);
    return d;
  });
  def(t, 'unset', [MAP, S], ([d, k]) => {
    if (d instanceof Map) d.delete(k as string);
    return d ?? null;
  });
  def(t, 'hasKey', [MAP, S], ([d, k]) => asMap(d).has(k as string));
  def(t, 'pluck', [S], ([k, ...ds]) => anyList(ds.map(asMap).filter((d) => d.has(k as string)).map((d) => d.get(k as string)!)), MAP);
  def(t, 'keys', [], (ds) => sliceOf(ds.flatMap((d) => [...asMap(d).keys()]), 'string'), MAP);
  def(t, 'values', [MAP], ([d]) => anyList([...asMap(d).values()]));
  def(
    t,
    'pick',
    [MAP],
    ([d, ...ks]) => {
      const src = asMap(d);
      const m: GoMap = new Map();
      for (const k of ks) if (src.has(k as string)) m.set(k as string, src.get(k as string)!);
      return m;
    },
    S,
  );
  def(
    t,
    'omit',
    [MAP],
    ([d, ...ks]) => {
      const drop = new Set(ks as string[]);
      const m: GoMap = new Map();
      for (const [k, v] of asMap(d)) if (!drop.has(k)) m.set(k, v);
      return m;
    },
    S,
  );
  def(
    t,
    'dig',
    [],
    (ps) => {
      if (ps.length < 3) throw new FuncError('dig needs at least three arguments');
      const dict = ps[ps.length - 1];
      if (!(dict instanceof Map)) throw new FuncError(`interface conversion: interface {} is ${dict === null || dict === undefined ? 'nil' : kindName(dict)}, not map[string]interface {}`);
      const keys = ps.slice(0, -2).map((k) => {
        if (typeof k !== 'string') throw new FuncError(`interface conversion: interface {} is ${k === null || k === undefined ? 'nil' : kindName(k)}, not string`);
        return k;
      });
      return digFrom(dict, ps[ps.length - 2] ?? null, keys);
    },
    ANY,
  );
  for (const [name, overwrite, must] of [
    ['merge', false, false],
    ['mustMerge', false, true],
    ['mergeOverwrite', true, false],
    ['mustMergeOverwrite', true, true],
  ] as const) {
    def(
      t,
      name,
      [MAP],
      ([dst, ...srcs]) => {
        void must;
        // A nil map argument is an empty map to mergo; a nil dst gets a fresh map.
        let target = dst instanceof Map ? dst : null;
        for (const s of srcs) {
          if (!(s instanceof Map)) continue;
          if (target === null) {
            if (s.size === 0) continue;
            target = new Map();
          }
          mergoMerge(target, s, overwrite);
        }
        return target;
      },
      MAP,
    );
  }
  def(t, ['deepCopy', 'mustDeepCopy'], [ANY], ([v]) => {
    // copystructure asks reflect for the type of its argument, which a nil interface has not.
    if (v === null || v === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
    return deepCopy(v);
  });
}
