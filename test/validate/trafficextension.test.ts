/**
 * TrafficExtension (extensions.istio.io/v1alpha1): Istio's ValidateTrafficExtension rules through
 * validateSemantics, sailctl's structural schema for its open CRD, and both through validateText
 * with file:line.
 */
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/analyze/resource.js';
import { lookupKind } from '../../src/analyze/kinds.js';
import { validateSemantics } from '../../src/validate/semantic.js';
import { TRAFFIC_EXTENSION_SPEC_SCHEMA, trafficExtensionStructuralErrors } from '../../src/validate/trafficextension-schema.js';
import { structuralErrors } from '../../src/validate/structural.js';
import { validateText } from '../../src/validate/validate.js';

const LUA = { lua: { inlineCode: 'function envoy_on_request(h) end' } };
const WASM = (w: JsonObject): JsonObject => ({ wasm: { url: 'oci://ghcr.io/example/plugin:1.0', ...w } });
const errors = (spec: JsonObject): string[] => validateSemantics('TrafficExtension', 'te', 'apps', spec).errors.map((e) => e.message);
const SHA = '01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b';
const GW = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' };
const ALLOWED = '[core/v1/Service networking.istio.io/v1/ServiceEntry gateway.networking.k8s.io/v1/Gateway gateway.networking.k8s.io/v1/GatewayClass]';

// [rule, invalid spec, exact errors, the same rule satisfied]
const cases: Array<[string, JsonObject, string[], JsonObject]> = [
  ['neither filter', {}, ['exactly one of wasm or lua must be set'], LUA],
  ['both filters', { ...LUA, ...WASM({}) }, ['exactly one of wasm or lua must be set'], WASM({})],
  // A null filter is an unset one (proto JSON), so this is "neither" again.
  ['null filter', { lua: null }, ['exactly one of wasm or lua must be set'], { lua: { inlineCode: 'x' }, wasm: null }],
  ['lua code empty', { lua: { inlineCode: '' } }, ['lua.inlineCode cannot be empty'], LUA],
  ['lua code missing', { lua: {} }, ['lua.inlineCode cannot be empty'], LUA],
  ['lua code too large', { lua: { inlineCode: 'x'.repeat(65537) } }, ['lua.inlineCode exceeds maximum size of 64KB'], { lua: { inlineCode: 'x'.repeat(65536) } }],
  // Go counts bytes: 21,846 three-byte characters are 65,538 bytes.
  ['lua size in UTF-8 bytes', { lua: { inlineCode: '€'.repeat(21846) } }, ['lua.inlineCode exceeds maximum size of 64KB'], { lua: { inlineCode: '€'.repeat(21845) } }],
  ['wasm url required', WASM({ url: '' }), ['url field needs to be set'], WASM({ url: 'http://test.com/test' })],
  ['wasm url scheme', WASM({ url: 'ftp://test.com/test' }), ['url contains unsupported scheme: ftp'], WASM({ url: 'test.com/test' })],
  ['wasm sha256 length', WASM({ sha256: '01ba47' }), ['sha256 field must be 64 characters long'], WASM({ sha256: SHA })],
  ['wasm sha256 characters', WASM({ sha256: SHA.replace('b', 'B') }), ['sha256 field must match [a-f0-9]{64} pattern'], WASM({ sha256: SHA })],
  ['wasm imagePullSecret length', WASM({ imagePullSecret: 's'.repeat(254) }), ['imagePullSecret field must be less than 253 characters long'], WASM({ imagePullSecret: 's'.repeat(253) })],
  // TrafficExtension's text says 256 (WasmPlugin's says 255 for the same limit).
  ['wasm pluginName length', WASM({ pluginName: 'p'.repeat(257) }), ['pluginName field must be less than 256 characters long'], WASM({ pluginName: 'p'.repeat(256) })],
  ['wasm env name', WASM({ vmConfig: { env: [{ name: '', valueFrom: 'HOST' }] } }), ['spec.vmConfig.env invalid'], WASM({ vmConfig: { env: [{ name: 'POD_NAME', valueFrom: 'HOST' }] } })],
  ['wasm duplicate env', WASM({ vmConfig: { env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }] } }), ['duplicate env'], WASM({ vmConfig: { env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] } })],
  ['wasm env value only INLINE', WASM({ vmConfig: { env: [{ name: 'A', valueFrom: 'HOST', value: 'x' }] } }), ['value may only be set when valueFrom is INLINE'], WASM({ vmConfig: { env: [{ name: 'A', valueFrom: 'INLINE', value: 'x' }] } })],
  ['selector and targetRefs', { ...LUA, selector: { matchLabels: { app: 'a' } }, targetRefs: [GW] }, ['only one of targetRefs or workloadSelector can be set'], { ...LUA, targetRefs: [GW] }],
  ['selector labels', { ...LUA, selector: { matchLabels: { app: 'web*' } } }, ['wildcard is not supported in selector: "app=web*"'], { ...LUA, selector: { matchLabels: { app: 'web' } } }],
  ['targetRefs', { ...LUA, targetRefs: [{ group: GW.group, kind: 'HTTPRoute', name: '', namespace: 'other' }] },
    ['targetRef name must be set', 'targetRef namespace must not be set; cross namespace referencing is not supported', `targetRef must be to one of ${ALLOWED} but was gateway.networking.k8s.io/HTTPRoute`],
    { ...LUA, targetRefs: [{ kind: 'Service', name: 'reviews' }, { group: 'networking.istio.io', kind: 'ServiceEntry', name: 'ext' }] }],
  ['match selector nil', { ...LUA, match: [{ mode: 'CLIENT' }, null] }, ['spec.Match[1] is nil'], { ...LUA, match: [{ mode: 'CLIENT' }, { mode: 'SERVER' }] }],
  ['match port nil', { ...LUA, match: [{ ports: [null] }] }, ['spec.Match[0].Ports[0] is nil'], { ...LUA, match: [{ ports: [{ number: 8080 }] }] }],
  ['match port too low', { ...LUA, match: [{ ports: [{ number: 0 }] }] }, ['spec.Match[0].Ports[0] is out of range: 0'], { ...LUA, match: [{ ports: [{ number: 1 }] }] }],
  ['match port too high', { ...LUA, match: [{ ports: [{ number: 65536 }] }] }, ['spec.Match[0].Ports[0] is out of range: 65536'], { ...LUA, match: [{ ports: [{ number: 65535 }] }] }],
];

describe('TrafficExtension semantic validation (Istio ValidateTrafficExtension)', () => {
  for (const [name, bad, expected, good] of cases) {
    it(`${name}: rejected`, () => expect(errors(bad)).toEqual(expected));
    it(`${name}: accepted when satisfied`, () => expect(errors(good)).toEqual([]));
  }

  it('every rule reports: a spec breaking several gets one error per rule, in Istio order', () => {
    const spec: JsonObject = {
      selector: { matchLabels: { app: 'a' } },
      targetRefs: [GW],
      ...WASM({ url: 'ftp://x/y', sha256: 'abc' }),
      match: [{ ports: [{ number: 0 }] }],
    };
    expect(errors(spec)).toEqual([
      'only one of targetRefs or workloadSelector can be set',
      'url contains unsupported scheme: ftp',
      'sha256 field must be 64 characters long',
      'spec.Match[0].Ports[0] is out of range: 0',
    ]);
  });

  it('the Wasm rules do not run for a Lua filter, nor the Lua rules for a Wasm filter', () => {
    expect(errors({ lua: { inlineCode: 'x' }, url: 'ftp://not-read' })).toEqual([]);
    expect(errors(WASM({ inlineCode: '' }))).toEqual([]);
  });

  it('findings carry the field path of the value they are about', () => {
    const r = validateSemantics('TrafficExtension', 'te', 'apps', WASM({ url: 'ftp://x', vmConfig: { env: [{ name: 'A' }, { name: 'A' }] } }));
    expect(r.errors.map((e) => e.path)).toEqual(['{.spec.wasm.url}', '{.spec.wasm.vmConfig.env[1].name}']);
    const lua = validateSemantics('TrafficExtension', 'te', 'apps', { lua: { inlineCode: '' }, match: [{ ports: [{ number: 99999 }] }] });
    expect(lua.errors.map((e) => e.path)).toEqual(['{.spec.lua.inlineCode}', '{.spec.match[0].ports[0].number}']);
  });

  it('the metadata checks Istio wraps around every registered kind apply', () => {
    const r = validateSemantics('TrafficExtension', 'te', 'apps', LUA, {}, { 'istio.io/dry-run': 'true' });
    expect(r.errors.map((e) => e.message).join('\n')).toMatch(/dry-run/);
  });

  it('the kind is known to the snapshot as a namespaced Istio kind', () => {
    expect(lookupKind('extensions.istio.io', 'TrafficExtension')).toMatchObject({ versions: ['v1alpha1'], clusterScoped: false, istio: true, runtime: false });
  });
});

describe('TrafficExtension structural schema (sailctl-written; the CRD leaves spec open)', () => {
  const found = (spec: unknown) => trafficExtensionStructuralErrors(spec).map((e) => `${e.where} ${e.message}`);

  it('a full valid spec passes: every field the proto has, enums by name and by number', () => {
    expect(found({
      selector: { matchLabels: { app: 'web' } },
      phase: 'AUTHN',
      priority: 10,
      match: [{ mode: 'CLIENT_AND_SERVER', ports: [{ number: 8080 }] }],
      wasm: {
        url: 'oci://x/y', sha256: SHA, imagePullPolicy: 'IfNotPresent', imagePullSecret: 's', verificationKey: 'k',
        pluginConfig: { nested: { any: [1, 'two'] } }, pluginName: 'p', failStrategy: 2, type: 'HTTP',
        vmConfig: { env: [{ name: 'A', value: 'b', valueFrom: 'INLINE' }] },
      },
    })).toEqual([]);
    expect(found({ targetRefs: [{ group: 'g', kind: 'k', name: 'n', namespace: 'ns' }], lua: { inlineCode: 'x' } })).toEqual([]);
  });

  it('unknown top-level and nested fields are rejected, each at its field path', () => {
    const errs = trafficExtensionStructuralErrors({ lua: { inlineCode: 'x', code: 'y' }, url: 'oci://x', targetRef: { name: 'a' } });
    expect(errs.map((e) => `${e.where} ${e.message} ${e.path}`)).toEqual([
      'spec.lua unknown field "code" {.spec.lua.code}',
      'spec unknown field "url" {.spec.url}',
      'spec unknown field "targetRef" {.spec.targetRef}',
    ]);
  });

  it('wrong types are rejected for the fields Istio reads', () => {
    expect(found({ lua: { inlineCode: 7 } })).toEqual(['spec.lua.inlineCode must be string']);
    expect(found({ wasm: { url: ['a'], pluginName: 3, sha256: true } })).toEqual(['spec.wasm.url must be string', 'spec.wasm.pluginName must be string', 'spec.wasm.sha256 must be string']);
    expect(found({ match: [{ ports: [{ number: '80' }] }] })).toEqual(['spec.match.0.ports.0.number must be integer']);
    expect(found({ match: { ports: [] } })).toEqual(['spec.match must be array']);
    expect(found({ priority: 1.5 })).toEqual(['spec.priority must be integer']);
    expect(found({ selector: { matchLabels: { app: 1 } } })).toEqual(['spec.selector.matchLabels.app must be string']);
    expect(found({ wasm: { vmConfig: { env: [{ name: 'A', valueFrom: 'ENV' }] } } })).toEqual([
      'spec.wasm.vmConfig.env.0.valueFrom must be equal to one of the allowed values: INLINE, HOST, 0, 1',
    ]);
    expect(found({ phase: 'LATE' })[0]).toMatch(/^spec.phase must be equal to one of the allowed values: UNSPECIFIED, AUTHN, AUTHZ, STATS/);
    expect(found('lua')).toEqual(['spec must be object']);
  });

  it('null is an unset field, never a type error', () => {
    expect(found({ lua: null, wasm: { url: null }, match: [null] })).toEqual([]);
  });

  it('agrees with ajv on the same JSON schema (null-free inputs)', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    const check = ajv.compile(TRAFFIC_EXTENSION_SPEC_SCHEMA);
    const inputs: unknown[] = [
      { lua: { inlineCode: 'x' } },
      { lua: { inlineCode: 1 } },
      { wasm: { url: 'u', failStrategy: 'FAIL_OPEN', type: 2, pluginConfig: { a: 1 } } },
      { wasm: { url: 'u', failStrategy: 'FAIL_LATER' } },
      { bogus: true },
      { match: [{ mode: 'SERVER', ports: [{ number: 1 }, { number: 'x' }] }] },
      { targetRefs: [{ kind: 'Service', name: 'a', extra: 1 }] },
      { selector: { matchLabels: { a: 'b' } }, priority: -3, phase: 3 },
      [],
    ];
    for (const input of inputs) {
      const ours = structuralErrors(input, TRAFFIC_EXTENSION_SPEC_SCHEMA, 'spec', '.spec').length === 0;
      expect(ours, JSON.stringify(input)).toBe(check(input));
    }
  });
});

const DOC = (spec: string, name = 'te') => `apiVersion: extensions.istio.io/v1alpha1
kind: TrafficExtension
metadata:
  name: ${name}
  namespace: apps
spec:
${spec}`;

describe('validate (validateText) on TrafficExtension documents', () => {
  it('a valid Lua extension and a valid Wasm extension pass', async () => {
    const lua = DOC('  selector:\n    matchLabels: {app: web}\n  phase: AUTHN\n  lua:\n    inlineCode: |\n      function envoy_on_request(h) end\n');
    const wasm = DOC('  targetRefs:\n  - {kind: Gateway, group: gateway.networking.k8s.io, name: gw}\n  wasm:\n    url: oci://ghcr.io/x/y:1\n', 'w');
    const out = await validateText('te.yaml', `${lua}---\n${wasm}`, 'default', 'istio-system');
    expect(out.errors).toEqual([]);
    expect(out.warnings).toEqual([]);
  });

  it('semantic errors point at the offending field line', async () => {
    const text = DOC('  wasm:\n    url: ftp://example.com/a.wasm\n    sha256: abc\n  match:\n  - ports:\n    - number: 70000\n');
    const out = await validateText('te.yaml', text, 'default', 'istio-system');
    expect(out.errors).toEqual([
      'TrafficExtension/apps/te: url contains unsupported scheme: ftp [te.yaml:8]',
      'TrafficExtension/apps/te: sha256 field must be 64 characters long [te.yaml:9]',
      'TrafficExtension/apps/te: spec.Match[0].Ports[0] is out of range: 70000 [te.yaml:12]',
    ]);
  });

  it('structural errors name the field and its line; the semantic rules still run', async () => {
    const text = DOC('  lua:\n    inlineCode: ""\n  priorty: 3\n');
    const out = await validateText('te.yaml', text, 'default', 'istio-system');
    expect(out.errors).toEqual([
      'TrafficExtension/apps/te: spec unknown field "priorty" [te.yaml:9]',
      'TrafficExtension/apps/te: lua.inlineCode cannot be empty [te.yaml:8]',
    ]);
  });

  it('a missing spec is reported as the CRD requires it', async () => {
    const text = 'apiVersion: extensions.istio.io/v1alpha1\nkind: TrafficExtension\nmetadata:\n  name: te\n  namespace: apps\n';
    const out = await validateText('te.yaml', text, 'default', 'istio-system');
    expect(out.errors).toEqual([
      "TrafficExtension/apps/te: (root) must have required property 'spec' [te.yaml:1]",
      'TrafficExtension/apps/te: exactly one of wasm or lua must be set [te.yaml:1]',
    ]);
  });

  it('an unknown apiVersion group is not taken for the Istio kind', async () => {
    const text = 'apiVersion: example.com/v1\nkind: TrafficExtension\nmetadata:\n  name: te\nspec:\n  bogus: 1\n';
    expect((await validateText('te.yaml', text, 'default', 'istio-system')).errors).toEqual([]);
  });
});
