import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/analyze/resource.js';
import { validateSemantics } from '../../src/validate/semantic.js';

const URL = 'oci://ghcr.io/example/plugin:1.0';
const run = (spec: JsonObject) => validateSemantics('WasmPlugin', 'w', 'ns', { url: URL, ...spec });
const errors = (spec: JsonObject): string[] => run(spec).errors.map((e) => e.message);
const SHA = '01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b';
const GW = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' };

// [rule, invalid spec, exact errors, the same rule satisfied]
const cases: Array<[string, JsonObject, string[], JsonObject]> = [
  ['url required', { url: '' }, ['url field needs to be set'], { url: 'http://test.com/test' }],
  ['url scheme', { url: 'ftp://test.com/test' }, ['url contains unsupported scheme: ftp'], { url: 'file:///opt/filters/a.wasm' }],
  ['sha256 length', { sha256: '01ba47' }, ['sha256 field must be 64 characters long'], { sha256: SHA }],
  ['sha256 characters', { sha256: SHA.replace('b', 'B') }, ['sha256 field must match [a-f0-9]{64} pattern'], { sha256: SHA }],
  ['imagePullSecret length', { imagePullSecret: 's'.repeat(254) }, ['imagePullSecret field must be less than 253 characters long'], { imagePullSecret: 's'.repeat(253) }],
  // Istio allows 256 characters and says 255.
  ['pluginName length', { pluginName: 'p'.repeat(257) }, ['pluginName field must be less than 255 characters long'], { pluginName: 'p'.repeat(256) }],
  ['env name', { vmConfig: { env: [{ name: '', valueFrom: 'HOST' }] } }, ['spec.vmConfig.env invalid'], { vmConfig: { env: [{ name: 'POD_NAME', valueFrom: 'HOST' }] } }],
  ['env name length', { vmConfig: { env: [{ name: 'E'.repeat(257) }] } }, ['env.name field must be less than 255 characters long'], { vmConfig: { env: [{ name: 'E'.repeat(256) }] } }],
  ['duplicate env', { vmConfig: { env: [{ name: 'ENV1', value: 'VAL1' }, { name: 'ENV1', value: 'VAL1' }] } }, ['duplicate env'],
    { vmConfig: { env: [{ name: 'ENV1', value: 'VAL1' }, { name: 'ENV2', value: 'VAL1' }] } }],
  ['value only INLINE', { vmConfig: { env: [{ name: 'A', valueFrom: 'HOST', value: 'x' }] } }, ['value may only be set when valueFrom is INLINE'],
    { vmConfig: { env: [{ name: 'A', valueFrom: 'INLINE', value: 'x' }, { name: 'B', valueFrom: 'HOST' }] } }],
  ['only the first env problem', { vmConfig: { env: [null, { name: '' }, { name: 'A', valueFrom: 'HOST', value: 'x' }] } }, ['spec.vmConfig.env invalid'], { vmConfig: { env: [null] } }],
  ['match selector nil', { match: [{ mode: 'CLIENT' }, null] }, ['spec.Match[1] is nil'], { match: [{ mode: 'CLIENT' }, { mode: 'SERVER' }] }],
  ['match port nil', { match: [{ ports: [{ number: 80 }, null] }] }, ['spec.Match[0].Ports[1] is nil'], { match: [{ ports: [{ number: 80 }, { number: 8080 }] }] }],
  ['match port range', { match: [{ ports: [{ number: 70000 }] }] }, ['spec.Match[0].Ports[0] is out of range: 70000'], { match: [{ ports: [{ number: 65535 }] }] }],
  ['match port zero', { match: [{ ports: [{}] }] }, ['spec.Match[0].Ports[0] is out of range: 0'], { match: [{ ports: [{ number: 1 }] }] }],
  ['selector and targetRef', { selector: { matchLabels: { app: 'a' } }, targetRef: GW }, ['only one of targetRefs or workloadSelector can be set'], { selector: { matchLabels: { app: 'a' } } }],
  ['targetRef', { targetRef: { group: GW.group, kind: 'wrong-kind', name: 'foo', namespace: 'bar' } },
    ['targetRef namespace must not be set; cross namespace referencing is not supported',
      'targetRef must be to one of [core/v1/Service networking.istio.io/v1/ServiceEntry gateway.networking.k8s.io/v1/Gateway gateway.networking.k8s.io/v1/GatewayClass] but was gateway.networking.k8s.io/wrong-kind'],
    { targetRefs: [{ kind: 'Service', name: 'foo' }] }],
];

describe('WasmPlugin semantic validation (Istio ValidateWasmPlugin)', () => {
  for (const [name, bad, expected, good] of cases) {
    it(`${name}: rejected`, () => expect(errors(bad)).toEqual(expected));
    it(`${name}: accepted when satisfied`, () => expect(errors(good)).toEqual([]));
  }
  it('an empty WasmPlugin needs a url', () => {
    expect(validateSemantics('WasmPlugin', 'w', 'ns', {}).errors.map((e) => e.message)).toEqual(['url field needs to be set']);
  });
  it('every problem is reported, one per helper', () => {
    expect(errors({ url: 'ftp://x/y', sha256: 'x', match: [null] })).toEqual(['url contains unsupported scheme: ftp', 'sha256 field must be 64 characters long', 'spec.Match[0] is nil']);
  });
});

// Expected results from Go's net/url through Istio's strictParseURL and scheme check (Go 1.19).
const urls: Array<[string, string | undefined]> = [
  ['ftp://test.com/test', 'url contains unsupported scheme: ftp'],
  ['test.com/test', undefined],
  ['oci://x/y:1', undefined],
  ['file:///opt/a.wasm', undefined],
  ['/opt/a.wasm', undefined],
  ['oci:foo', undefined],
  ['http://a b', undefined],
  ['http://x:abc/p', undefined],
  ['::', undefined],
  ['http://[::1/x', undefined],
  ['1abc://x', undefined],
  ['a%zz', 'failed to parse url: parse "a%zz": invalid URI for request'],
  ['http://x/%zz', 'failed to parse url: parse "http://x/%zz": invalid URL escape "%zz"'],
  ['HTTPS://X/y', undefined],
  ['http://x/y#%zz', 'failed to parse url: parse "http://x/y#%zz": invalid URL escape "%zz"'],
  ['test.com:8080/x', 'url contains unsupported scheme: test.com'],
  ['localhost:5000/x:tag', 'url contains unsupported scheme: localhost'],
  ['x y', 'failed to parse url: parse "x y": invalid URI for request'],
  ['ghcr.io/org/plugin:1.0', undefined],
  ['oci://ghcr.io/org/plugin@sha256:abc', undefined],
  [':x', 'failed to parse url: parse ":x": missing protocol scheme'],
  ['a\u0001b', 'failed to parse url: parse "a\\x01b": net/url: invalid control character in URL'],
  ['http://u ser@x/', undefined],
  ['http://x/a?b=%zz', undefined],
  ['http://x/#frag', undefined],
  ['x#%zz', 'failed to parse url: parse "x#%zz": invalid URI for request'],
  ['docker.io/a?x', undefined],
  ['*', undefined],
];

describe('WasmPlugin url parsing matches Go net/url', () => {
  for (const [url, expected] of urls) {
    it(JSON.stringify(url), () => expect(errors({ url })).toEqual(expected ? [expected] : []));
  }
});
