import { describe, expect, it } from 'vitest';
import { validateText } from '../../src/validate/validate.js';
import { validateSemantics, validateWildcardDomain } from '../../src/validate/semantic.js';

const vs = (extra: string) => `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: r
spec:
  hosts: [reviews]
  http:
  - route:
${extra}`;

describe('validate', () => {
  it('accepts a valid VirtualService', async () => {
    const out = await validateText('f.yaml', vs('    - destination: {host: reviews}\n'), 'default', 'istio-system');
    expect(out.errors).toEqual([]);
  });
  it('schema errors from the CRD schema, prefixed Kind/ns/name and located', async () => {
    const out = await validateText('f.yaml', vs('    - destination: {host: reviews}\n      weight: heavy\n'), 'default', 'istio-system');
    expect(out.errors[0]).toBe('VirtualService/default/r: spec.http.0.route.0.weight must be integer [f.yaml:1]');
  });
  it('semantic rules: weights, hosts, subsets, gateway servers', () => {
    expect(validateSemantics('VirtualService', 'r', 'd', { hosts: ['a'], http: [{ route: [{ destination: { host: 'a' } }, { destination: { host: 'b' } }] }] }).errors.map((e) => e.message)).toEqual(['total destination weight = 0']);
    expect(validateSemantics('DestinationRule', 'r', 'd', { host: 'a', subsets: [{ name: 'v1' }, { name: 'v1' }] }).errors.map((e) => e.message)).toEqual(['duplicate subset names: v1']);
    expect(validateSemantics('Gateway', 'g', 'd', { servers: [] }).errors.map((e) => e.message)).toEqual(['gateway must have at least one server']);
    expect(validateWildcardDomain('*.example.com')).toBeUndefined();
    expect(validateWildcardDomain('bad_host')).toMatch(/invalid/);
  });
  it('Service port naming and Deployment labels', async () => {
    const svc = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  ports:\n  - name: web\n    port: 80\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  template:\n    metadata:\n      labels:\n        app: d\n';
    const out = await validateText('s.yaml', svc, 'default', 'istio-system');
    expect(out.errors[0]).toContain('port "web" does not follow the Istio naming convention');
    expect(out.notes[0]).toContain('deployment "d/default:" may not provide Istio metrics and telemetry labels');
  });
  it('malformed YAML names file:line', async () => {
    const out = await validateText('b.yaml', 'apiVersion: v1\nkind: [x\n', 'default', 'istio-system');
    expect(out.errors[0]).toMatch(/^failed to decode file b\.yaml: .*\[b\.yaml:\d+\]$/);
  });
});
