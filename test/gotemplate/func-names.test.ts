import { describe, expect, it } from 'vitest';
import { TemplateSet } from '../../src/gotemplate/index.js';

// Go's template.Funcs panics on a name that is not an identifier (letters, digits, '_', not
// starting with a digit; Unicode letters and digits count).
describe('TemplateSet function names', () => {
  const f = () => 'x';
  it.each(['upper', '_x', 'a1', 'café', 'ñame', 'x٣'])('accepts %j', (name) => {
    const set = new TemplateSet({ funcs: { [name]: f } });
    set.parse('t', `{{ ${name} }}`);
    expect(set.execute('t', null)).toBe('x');
  });
  it.each(['1abc', 'a-b', 'a.b', '', 'a b', '٣x'])('rejects %j', (name) => {
    expect(() => new TemplateSet({ funcs: { [name]: f } })).toThrow(`function name ${JSON.stringify(name)} is not a valid identifier`);
  });
});
