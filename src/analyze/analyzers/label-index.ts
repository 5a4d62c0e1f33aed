/**
 * Label indexes for the analyzers: "does any pod match this selector", "which pods match it" and
 * "which selectors match these labels" without scanning every resource per question, so analyzers
 * stay linear in the number of resources.
 */

/** Scope that holds every item regardless of namespace. */
export const ANY_SCOPE = '\u0000any';

function pairKey(scope: string, k: string, v: string): string {
  return `${scope}\u0000${k}=${v}`;
}

/**
 * Items (pods) indexed by each of their label pairs, per scope. A selector question looks only at
 * the posting list of the selector's rarest pair; answers are memoised per scope and selector.
 */
export class LabelIndex<T> {
  private readonly byPair = new Map<string, T[]>();
  private readonly byScope = new Map<string, T[]>();
  private readonly labelsOf = new Map<T, Readonly<Record<string, string>>>();
  private readonly memo = new Map<string, T | null>();

  /** Adds `item` under its namespace and under ANY_SCOPE, in insertion order. */
  add(namespace: string, labels: Readonly<Record<string, string>>, item: T): void {
    this.labelsOf.set(item, labels);
    for (const scope of [namespace, ANY_SCOPE]) {
      push(this.byScope, scope, item);
      for (const k in labels) push(this.byPair, pairKey(scope, k, labels[k] as string), item);
    }
  }

  /** The rarest posting list for `selector` in `scope`: every match is in it, in insertion order. */
  private candidates(scope: string, keys: readonly string[], selector: Readonly<Record<string, string>>): readonly T[] {
    let candidates: readonly T[] = this.byScope.get(scope) ?? [];
    for (const k of keys) {
      const list = this.byPair.get(pairKey(scope, k, selector[k] as string)) ?? [];
      if (list.length < candidates.length) candidates = list;
    }
    return candidates;
  }

  private matches(item: T, keys: readonly string[], selector: Readonly<Record<string, string>>): boolean {
    const labels = this.labelsOf.get(item) as Readonly<Record<string, string>>;
    return keys.every((k) => labels[k] === selector[k]);
  }

  /** Every item in `scope` whose labels contain every pair of `selector`, in insertion order. */
  all(scope: string, selector: Readonly<Record<string, string>>): T[] {
    const keys = Object.keys(selector);
    return this.candidates(scope, keys, selector).filter((c) => this.matches(c, keys, selector));
  }

  /** The first added item in `scope` whose labels contain every pair of `selector` (empty matches all). */
  first(scope: string, selector: Readonly<Record<string, string>>): T | undefined {
    const keys = Object.keys(selector).sort();
    const memoKey = `${scope}\u0000${keys.map((k) => `${k}=${selector[k]}`).join(',')}`;
    const known = this.memo.get(memoKey);
    if (known !== undefined) return known ?? undefined;
    const found = this.candidates(scope, keys, selector).find((c) => this.matches(c, keys, selector));
    this.memo.set(memoKey, found ?? null);
    return found;
  }

  has(scope: string, selector: Readonly<Record<string, string>>): boolean {
    return this.first(scope, selector) !== undefined;
  }
}

/** Objects (pods) indexed by their own labels under their namespace, in the order given. */
export function indexByLabels<T extends { readonly namespace: string; readonly labels: Readonly<Record<string, string>> }>(items: Iterable<T>): LabelIndex<T> {
  const index = new LabelIndex<T>();
  for (const item of items) index.add(item.namespace, item.labels, item);
  return index;
}

/**
 * Items carrying a non-empty selector (Services), indexed per scope under their selector's first
 * pair: the selectors matching a label set are found by looking up each of the set's own pairs.
 */
export class SelectorIndex<T> {
  private readonly byFirstPair = new Map<string, Array<{ selector: Readonly<Record<string, string>>; item: T }>>();

  add(scope: string, selector: Readonly<Record<string, string>>, item: T): void {
    const keys = Object.keys(selector).sort();
    const k = keys[0];
    if (k === undefined) return;
    push(this.byFirstPair, pairKey(scope, k, selector[k] as string), { selector, item });
  }

  /** Items whose selector is a subset of `labels`. */
  matching(scope: string, labels: Readonly<Record<string, string>>): T[] {
    const out: T[] = [];
    for (const k in labels) {
      for (const e of this.byFirstPair.get(pairKey(scope, k, labels[k] as string)) ?? []) {
        let ok = true;
        for (const sk in e.selector) if (labels[sk] !== e.selector[sk]) ok = false;
        if (ok) out.push(e.item);
      }
    }
    return out;
  }
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}
