/** The pod label index the selector analyzers share (sidecar, telemetry, gateway secret). */
import { describe, expect, it } from 'vitest';
import { ANY_SCOPE, indexByLabels } from '../../src/analyze/analyzers/label-index.js';

interface Pod {
  readonly name: string;
  readonly namespace: string;
  readonly labels: Readonly<Record<string, string>>;
}
const pod = (name: string, namespace: string, labels: Record<string, string>): Pod => ({ name, namespace, labels });

const pods = [
  pod('a1', 'shop', { app: 'a', tier: 'web' }),
  pod('b1', 'shop', { app: 'b', tier: 'web' }),
  pod('a2', 'shop', { app: 'a', tier: 'db' }),
  pod('a3', 'ops', { app: 'a', tier: 'web' }),
  pod('a4', 'shop', { app: 'a', tier: 'web', extra: 'x' }),
];
const names = (ps: readonly Pod[]) => ps.map((p) => p.name);

describe('indexByLabels / LabelIndex.all', () => {
  const index = indexByLabels(pods);

  it('every pod of the namespace whose labels contain the selector, in the order given', () => {
    expect(names(index.all('shop', { app: 'a' }))).toEqual(['a1', 'a2', 'a4']);
    expect(names(index.all('shop', { tier: 'web', app: 'a' }))).toEqual(['a1', 'a4']);
    expect(names(index.all('ops', { app: 'a' }))).toEqual(['a3']);
  });

  it('no match: an unknown value, a pair present only in another namespace, a missing key', () => {
    expect(index.all('shop', { app: 'zzz' })).toEqual([]);
    expect(index.all('ops', { app: 'b' })).toEqual([]);
    expect(index.all('shop', { app: 'a', missing: 'x' })).toEqual([]);
    expect(index.all('nowhere', { app: 'a' })).toEqual([]);
  });

  it('ANY_SCOPE spans namespaces; an empty selector matches the whole scope', () => {
    expect(names(index.all(ANY_SCOPE, { app: 'a', tier: 'web' }))).toEqual(['a1', 'a3', 'a4']);
    expect(names(index.all('ops', {}))).toEqual(['a3']);
  });

  it('has/first agree with all', () => {
    for (const [scope, sel] of [['shop', { app: 'a' }], ['shop', { app: 'zzz' }], [ANY_SCOPE, { tier: 'db' }], ['ops', { tier: 'db' }]] as const) {
      const all = index.all(scope, sel);
      expect(index.first(scope, sel)).toBe(all[0]);
      expect(index.has(scope, sel)).toBe(all.length > 0);
    }
  });
});
