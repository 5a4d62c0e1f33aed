/**
 * The metadata checks Istio's validation runs before every kind's own rules (istio.io/dry-run,
 * the always-reject test annotation, the internal parent annotations) and the Gateway API
 * semantics annotations that relax Gateway and VirtualService rules.
 */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/analyze/resource.js';
import { validateSemantics } from '../../src/validate/semantic.js';
import { metadataAnnotations } from '../../src/validate/metadata.js';
import { validateText } from '../../src/validate/validate.js';

const VS: JsonObject = { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'reviews' } }] }] };
const run = (kind: string, spec: JsonObject, annotations: Record<string, string>) => validateSemantics(kind, 'p', 'ns', spec, {}, annotations);
const errors = (kind: string, spec: JsonObject, annotations: Record<string, string>) => run(kind, spec, annotations).errors.map((e) => e.message);

describe('istio.io/dry-run', () => {
  it('is accepted on an AuthorizationPolicy whose action is ALLOW (also by default) or DENY, with any Go bool', () => {
    for (const v of ['true', 'false', '1', '0', 't', 'F', 'TRUE', 'False']) expect(errors('AuthorizationPolicy', {}, { 'istio.io/dry-run': v })).toEqual([]);
    expect(errors('AuthorizationPolicy', { action: 'ALLOW' }, { 'istio.io/dry-run': 'true' })).toEqual([]);
    expect(errors('AuthorizationPolicy', { action: 'DENY', rules: [{}] }, { 'istio.io/dry-run': 'true' })).toEqual([]);
  });

  it('rejects a value Go cannot parse as a bool, quoting it as strconv does', () => {
    expect(errors('AuthorizationPolicy', {}, { 'istio.io/dry-run': 'yes' })).toEqual([
      'ns/p has annotation istio.io/dry-run with invalid value (yes): strconv.ParseBool: parsing "yes": invalid syntax',
    ]);
    expect(errors('AuthorizationPolicy', {}, { 'istio.io/dry-run': '' })).toEqual([
      'ns/p has annotation istio.io/dry-run with invalid value (): strconv.ParseBool: parsing "": invalid syntax',
    ]);
    expect(errors('AuthorizationPolicy', {}, { 'istio.io/dry-run': 'a"b\tc' })[0]).toContain('parsing "a\\"b\\tc": invalid syntax');
  });

  it('rejects AUDIT and CUSTOM actions (named or as enum numbers)', () => {
    expect(errors('AuthorizationPolicy', { action: 'AUDIT' }, { 'istio.io/dry-run': 'true' })).toEqual([
      'the annotation istio.io/dry-run currently only supports action ALLOW/DENY, found action AUDIT in ns/p',
    ]);
    expect(errors('AuthorizationPolicy', { action: 'CUSTOM', provider: { name: 'ext' }, rules: [{}] }, { 'istio.io/dry-run': 'true' })).toEqual([
      'the annotation istio.io/dry-run currently only supports action ALLOW/DENY, found action CUSTOM in ns/p',
    ]);
    expect(errors('AuthorizationPolicy', { action: 3 }, { 'istio.io/dry-run': 'true' })[0]).toContain('found action CUSTOM in ns/p');
  });

  it('rejects it on every other validated kind', () => {
    for (const kind of ['VirtualService', 'RequestAuthentication', 'Sidecar', 'Telemetry', 'PeerAuthentication']) {
      expect(errors(kind, kind === 'VirtualService' ? VS : {}, { 'istio.io/dry-run': 'true' })).toEqual([
        'ns/p has unsupported annotation istio.io/dry-run, please remove the annotation',
      ]);
    }
  });

  it('the rejection replaces the kind rules: one error, no warnings, located at the annotation', () => {
    const bad: JsonObject = { hosts: ['reviews'], http: [{ route: [{ destination: { host: 'a' } }, { destination: { host: 'b' } }] }], gateways: ['legacy.gw'] };
    expect(run('VirtualService', bad, {}).errors.length).toBeGreaterThan(0);
    const r = run('VirtualService', bad, { 'istio.io/dry-run': 'true' });
    expect(r.errors).toEqual([{ message: 'ns/p has unsupported annotation istio.io/dry-run, please remove the annotation', path: '{.metadata.annotations.istio.io/dry-run}' }]);
    expect(r.warnings).toEqual([]);
  });

  it('kinds Istio does not validate (not in its pilot schemas) are left alone', () => {
    expect(errors('Service', {}, { 'istio.io/dry-run': 'true', 'internal.istio.io/parents': 'x' })).toEqual([]);
  });
});

describe('internal.istio.io annotations', () => {
  it('the always-reject test annotation rejects any kind, whatever its value', () => {
    expect(errors('DestinationRule', { host: 'reviews' }, { 'internal.istio.io/webhook-always-reject': '' })).toEqual([
      '"internal.istio.io/webhook-always-reject" annotation found, rejecting',
    ]);
    expect(errors('AuthorizationPolicy', {}, { 'internal.istio.io/webhook-always-reject': 'false' })).toEqual([
      '"internal.istio.io/webhook-always-reject" annotation found, rejecting',
    ]);
  });

  it('the parent annotations are reserved for resources Istio generates', () => {
    expect(errors('VirtualService', VS, { 'internal.istio.io/parent-namespace': 'other' })).toEqual([
      '"internal.istio.io/parent-namespace" annotation found, this may not be set by users',
    ]);
    expect(errors('Gateway', {}, { 'internal.istio.io/parents': 'HTTPRoute/ns/r' })).toEqual(['"internal.istio.io/parents" annotation found, this may not be set by users']);
  });

  it("Istio's order: dry-run first, then always-reject, parent namespace, parents", () => {
    const all = { 'internal.istio.io/parents': 'x', 'internal.istio.io/parent-namespace': 'y', 'internal.istio.io/webhook-always-reject': 'z' };
    expect(errors('Sidecar', {}, { ...all, 'istio.io/dry-run': 'true' })[0]).toContain('unsupported annotation istio.io/dry-run');
    expect(errors('Sidecar', {}, all)).toEqual(['"internal.istio.io/webhook-always-reject" annotation found, rejecting']);
    expect(errors('Sidecar', {}, { 'internal.istio.io/parents': 'x', 'internal.istio.io/parent-namespace': 'y' })[0]).toContain('parent-namespace');
  });

  it('other annotations (known or not) change nothing', () => {
    expect(errors('VirtualService', VS, { 'sidecar.istio.io/inject': 'false', 'internal.istio.io/something': 'x', 'example.com/a': 'b' })).toEqual([]);
  });
});

describe('Gateway API semantics annotations', () => {
  const gw = (hosts: string[]): JsonObject => ({ servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts }] });
  it('a Gateway marked internal.istio.io/gateway-semantics=gateway may have a dotted name and ~/ hosts', () => {
    const name = 'gw-istio-autogenerated-k8s-gateway.default';
    expect(validateSemantics('Gateway', name, 'ns', gw(['~/example.com'])).errors.map((e) => e.message)).toEqual([
      `invalid gateway name: "${name}"`,
      'invalid namespace value "~" in gateway',
    ]);
    expect(validateSemantics('Gateway', name, 'ns', gw(['~/example.com']), {}, { 'internal.istio.io/gateway-semantics': 'gateway' }).errors).toEqual([]);
    // Only the value "gateway" switches it on.
    expect(validateSemantics('Gateway', name, 'ns', gw(['~/example.com']), {}, { 'internal.istio.io/gateway-semantics': 'ingress' }).errors).toHaveLength(2);
  });

  it('a VirtualService marked internal.istio.io/route-semantics=gateway skips gateway-name and destination checks', () => {
    const spec: JsonObject = { hosts: ['example.com'], gateways: ['ns/gw.autogen'], http: [{ route: [{ destination: { host: 'bad_host' } }] }], tcp: [{ route: [{ destination: { host: 'also_bad' } }] }] };
    expect(errors('VirtualService', spec, {})).toEqual(['invalid value for gateway name: "gw.autogen"', expect.stringContaining('bad_host'), expect.stringContaining('also_bad')]);
    expect(errors('VirtualService', spec, { 'internal.istio.io/route-semantics': 'gateway' })).toEqual([]);
  });

  it('route-semantics does not relax the gateways of a match (Istio passes false there)', () => {
    const spec: JsonObject = { hosts: ['example.com'], gateways: ['ns/gw'], http: [{ match: [{ gateways: ['ns/gw.x'] }], route: [{ destination: { host: 'example.com' } }] }] };
    expect(errors('VirtualService', spec, { 'internal.istio.io/route-semantics': 'gateway' })).toEqual(['invalid value for gateway name: "gw.x"']);
  });
});

describe('metadataAnnotations (what istioctl validate hands to the validators)', () => {
  it('string annotations pass through', () => {
    expect(metadataAnnotations({ metadata: { annotations: { a: 'b' } } })).toEqual({ a: 'b' });
    expect(metadataAnnotations({ metadata: {} })).toEqual({});
    expect(metadataAnnotations({})).toEqual({});
  });
  it('one non-string value hides them all (unstructured GetAnnotations returns nothing)', () => {
    expect(metadataAnnotations({ metadata: { annotations: { 'istio.io/dry-run': 'x', n: 5 } } })).toEqual({});
  });
});

describe('validateText passes annotations', () => {
  const doc = (kind: string, apiVersion: string, annotations: string, spec: string) =>
    `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: p\n  namespace: apps\n  annotations:\n${annotations}spec:\n${spec}`;

  it('an invalid dry-run value is reported at the annotation line, prefixed Kind/ns/name', async () => {
    const text = doc('AuthorizationPolicy', 'security.istio.io/v1', '    team: a\n    istio.io/dry-run: "maybe"\n', '  action: DENY\n  rules:\n  - {}\n');
    const out = await validateText('p.yaml', text, 'default', 'istio-system');
    expect(out.errors).toEqual([
      'AuthorizationPolicy/apps/p: apps/p has annotation istio.io/dry-run with invalid value (maybe): strconv.ParseBool: parsing "maybe": invalid syntax [p.yaml:8]',
    ]);
  });

  it('a valid dry-run AuthorizationPolicy passes', async () => {
    const text = doc('AuthorizationPolicy', 'security.istio.io/v1beta1', '    istio.io/dry-run: "true"\n', '  action: DENY\n  rules:\n  - {}\n');
    expect((await validateText('p.yaml', text, 'default', 'istio-system')).errors).toEqual([]);
  });

  it('a non-string annotation value is a schema error named by its key, and hides the annotations from the metadata checks', async () => {
    const text = doc('AuthorizationPolicy', 'security.istio.io/v1', '    istio.io/dry-run: true\n', '  action: AUDIT\n');
    const out = await validateText('p.yaml', text, 'default', 'istio-system');
    expect(out.errors).toEqual(['AuthorizationPolicy/apps/p: metadata.annotations.istio.io/dry-run must be string [p.yaml:1]']);
  });

  it('the namespace in the message is the default namespace when the resource has none', async () => {
    const text = 'apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n  name: s\n  annotations:\n    istio.io/dry-run: "true"\nspec: {}\n';
    const out = await validateText('s.yaml', text, 'team-a', 'istio-system');
    expect(out.errors).toEqual(['Sidecar/team-a/s: team-a/s has unsupported annotation istio.io/dry-run, please remove the annotation [s.yaml:6]']);
  });
});
