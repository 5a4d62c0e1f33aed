import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/analyze/resource.js';
import { validateSemantics } from '../../src/validate/semantic.js';

const run = (spec: JsonObject) => validateSemantics('ProxyConfig', 'pc', 'ns', spec);
const errors = (spec: JsonObject): string[] => run(spec).errors.map((e) => e.message);

describe('ProxyConfig semantic validation (Istio ValidateProxyConfig)', () => {
  it('an empty ProxyConfig is valid', () => expect(run({})).toEqual({ errors: [], warnings: [] }));
  it('concurrency must not be negative; 0 (all cores) and positive values are fine', () => {
    expect(run({ concurrency: -1 }).errors).toEqual([{ message: 'concurrency must be greater than or equal to 0', path: '{.spec.concurrency}' }]);
    expect(errors({ concurrency: 0 })).toEqual([]);
    expect(errors({ concurrency: 2, image: { imageType: 'distroless' }, environmentVariables: { A: 'b' } })).toEqual([]);
  });
  it('selector labels: empty keys and wildcards are errors, an empty selector warns', () => {
    expect(errors({ selector: { matchLabels: { app: 'web*', '': 'x' } } })).toEqual(['wildcard is not supported in selector: "app=web*"', 'empty key is not supported in selector: "=x"']);
    expect(errors({ selector: { matchLabels: { app: 'web' } } })).toEqual([]);
    expect(run({ selector: {} }).warnings.map((w) => w.message)).toEqual(['workload selector specified without labels']);
  });
  it('ProxyConfig has no targetRef rules: the field is left to the CRD schema', () => {
    expect(errors({ selector: { matchLabels: { app: 'a' } }, targetRef: { kind: 'Deployment' } })).toEqual([]);
  });
});
