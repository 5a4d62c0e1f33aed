import { describe, expect, it } from 'vitest';
import { toYamlDocument } from '../../src/manifest/yaml-out.js';

describe('toYamlDocument (sigs.k8s.io/yaml.Marshal)', () => {
  it('sorts keys, quotes strings that would read back as other types, ends with a newline', () => {
    const text = toYamlDocument({
      kind: 'ConfigMap',
      apiVersion: 'v1',
      metadata: { name: 'x', labels: { b: 'true', a: '15014' } },
      data: { mesh: 'a: 1\nb: 2\n', empty: '' },
    });
    expect(text).toBe([
      'apiVersion: v1',
      'data:',
      '  empty: ""',
      '  mesh: |',
      '    a: 1',
      '    b: 2',
      'kind: ConfigMap',
      'metadata:',
      '  labels:',
      '    a: "15014"',
      '    b: "true"',
      '  name: x',
      '',
    ].join('\n'));
  });

  it('writes lists of maps and empty collections the way Go does', () => {
    expect(toYamlDocument({ a: [{ y: 1, x: 2 }], b: {}, c: [] })).toBe('a:\n- x: 2\n  "y": 1\nb: {}\nc: []\n');
  });
});
