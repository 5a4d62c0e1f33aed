import { describe, expect, it } from 'vitest';
import { labelSelectorEmpty, labelSelectorMatches } from '../../src/util/label-selector.js';

describe('labelSelectorMatches (Kubernetes LabelSelector semantics)', () => {
  const labels = { app: 'web', tier: 'front' };
  const cases: Array<[string, unknown, boolean]> = [
    ['absent selector matches everything', undefined, true],
    ['empty selector matches everything', {}, true],
    ['matchLabels equal', { matchLabels: { app: 'web' } }, true],
    ['matchLabels differ', { matchLabels: { app: 'api' } }, false],
    ['In', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, true],
    ['In missing key', { matchExpressions: [{ key: 'zone', operator: 'In', values: ['a'] }] }, false],
    ['In without values is invalid: matches nothing', { matchExpressions: [{ key: 'tier', operator: 'In', values: [] }] }, false],
    ['NotIn absent key matches', { matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, true],
    ['NotIn present value', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, false],
    ['Exists', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    ['Exists with values is invalid', { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] }, false],
    ['DoesNotExist', { matchExpressions: [{ key: 'zone', operator: 'DoesNotExist' }] }, true],
    ['unknown operator matches nothing', { matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] }, false],
    ['a __proto__ key is plain data, not a prototype link', JSON.parse('{"matchLabels":{"__proto__":"x"}}'), false],
  ];
  for (const [name, sel, want] of cases) it(name, () => expect(labelSelectorMatches(sel, labels)).toBe(want));

  it('labelSelectorEmpty', () => {
    expect(labelSelectorEmpty({})).toBe(true);
    expect(labelSelectorEmpty({ matchLabels: {}, matchExpressions: [] })).toBe(true);
    expect(labelSelectorEmpty({ matchLabels: { a: 'b' } })).toBe(false);
  });
});
