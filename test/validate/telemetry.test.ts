import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/analyze/resource.js';
import { validateSemantics } from '../../src/validate/semantic.js';
import { celSyntaxError } from '../../src/validate/cel.js';

const run = (spec: JsonObject) => validateSemantics('Telemetry', 't', 'ns', spec);
const errors = (spec: JsonObject): string[] => run(spec).errors.map((e) => e.message);
const warnings = (spec: JsonObject): string[] => run(spec).warnings.map((e) => e.message);
const GW = { group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' };

// [rule, invalid spec, exact errors, the same rule satisfied]
const cases: Array<[string, JsonObject, string[], JsonObject]> = [
  ['selector and targetRef', { selector: { matchLabels: { app: 'a' } }, targetRef: GW }, ['only one of targetRefs or workloadSelector can be set'], { targetRef: GW }],
  ['selector and targetRefs', { selector: { matchLabels: { app: 'a' } }, targetRefs: [GW] }, ['only one of targetRefs or workloadSelector can be set'], { targetRefs: [GW] }],
  ['selector wildcard', { selector: { matchLabels: { app: 'a*' } } }, ['wildcard is not supported in selector: "app=a*"'], { selector: { matchLabels: { app: 'a' } } }],
  ['targetRef name and namespace', { targetRef: { group: GW.group, kind: 'Gateway', namespace: 'other' } },
    ['targetRef name must be set', 'targetRef namespace must not be set; cross namespace referencing is not supported'], { targetRef: GW }],
  ['targetRef kind', { targetRefs: [{ group: 'wrong-group', kind: 'Gateway', name: 'gw' }] },
    ['targetRef must be to one of [core/v1/Service networking.istio.io/v1/ServiceEntry gateway.networking.k8s.io/v1/Gateway gateway.networking.k8s.io/v1/GatewayClass] but was wrong-group/Gateway'],
    { targetRefs: [{ kind: 'Service', name: 'svc' }] }],
  ['metrics providers', { metrics: [{ providers: [{ name: 'prometheus' }, {}] }] }, ['providers.name may not be empty'], { metrics: [{ providers: [{ name: 'prometheus' }] }] }],
  ['null override', { metrics: [{ overrides: [null] }] }, ['tagOverrides may not be null'], { metrics: [{ overrides: [{}] }] }],
  ['null tag override', { metrics: [{ overrides: [{ tagOverrides: { a: null } }] }] }, ['tagOverrides may not be null'], { metrics: [{ overrides: [{ tagOverrides: { a: { value: 'x' } } }] }] }],
  ['UPSERT needs a value (UPSERT is the default)', { metrics: [{ overrides: [{ tagOverrides: { 'my-tag': { operation: 'UPSERT' }, other: {} } }] }] },
    ['tagOverrides.value must be set when operation is UPSERT', 'tagOverrides.value must be set when operation is UPSERT'],
    { metrics: [{ overrides: [{ tagOverrides: { 'my-tag': { operation: 'UPSERT', value: 'request.host' } } }] }] }],
  ['REMOVE takes no value', { metrics: [{ overrides: [{ tagOverrides: { t: { operation: 'REMOVE', value: 'x' } } }] }] }, ['tagOverrides.value may only be set when operation is UPSERT'],
    { metrics: [{ overrides: [{ tagOverrides: { t: { operation: 'REMOVE' } } }] }] }],
  ['custom metric name', { metrics: [{ overrides: [{ match: { customMetric: '' } }] }] }, ['customMetric may not be empty'], { metrics: [{ overrides: [{ match: { customMetric: 'my_metric' } }] }] }],
  ['sampling percentage', { tracing: [{ randomSamplingPercentage: 101 }] }, ['randomSamplingPercentage must be in range [0.0, 100.0]'], { tracing: [{ randomSamplingPercentage: 100 }] }],
  ['negative sampling percentage', { tracing: [{ randomSamplingPercentage: -0.5 }] }, ['randomSamplingPercentage must be in range [0.0, 100.0]'], { tracing: [{ randomSamplingPercentage: 0 }] }],
  ['tracing providers', { tracing: [{ providers: [null] }] }, ['providers.name may not be empty'], { tracing: [{ providers: [{ name: 'zipkin' }] }] }],
  ['custom tags', { tracing: [{ customTags: { '': { literal: { value: 'x' } }, nil: null, lit: { literal: {} }, hdr: { header: { name: '' } }, env: { environment: {} } } }] },
    ['tag name may not be empty', "tag 'nil' may not have a nil value", 'literal tag value may not be empty', 'header tag name may not be empty', 'environment tag name may not be empty'],
    { tracing: [{ customTags: { clusterID: { environment: { name: 'FOO' } }, lit: { literal: { value: 'v' } }, hdr: { header: { name: 'x-id', defaultValue: 'd' } } } }] }],
  ['access log providers', { accessLogging: [{ providers: [{ name: '' }] }] }, ['providers.name may not be empty'], { accessLogging: [{ providers: [{ name: 'envoy' }, { name: 'otel' }] }, { providers: [{ name: 'otel' }] }] }],
  ['access log filter', { accessLogging: [{ filter: { expression: ')++++' } }] },
    [`must be a valid CEL expression, ERROR: <input>:1:1: Syntax error: mismatched input ')' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}\n | )++++\n | ^`],
    { accessLogging: [{ filter: { expression: 'response.code >= 400' } }] }],
];

describe('Telemetry semantic validation (Istio ValidateTelemetry)', () => {
  it('an empty Telemetry is valid', () => {
    expect(run({})).toEqual({ errors: [], warnings: [] });
  });
  for (const [name, bad, expected, good] of cases) {
    it(`${name}: rejected`, () => expect(errors(bad)).toEqual(expected));
    it(`${name}: accepted when satisfied`, () => expect(errors(good)).toEqual([]));
  }
  it('several tracing entries, several providers and an empty tag name are warnings', () => {
    expect(warnings({ tracing: [{}, {}] })).toEqual(['multiple tracing is not currently supported']);
    expect(warnings({ tracing: [{ providers: [{ name: 'a' }, { name: 'b' }] }] })).toEqual(['multiple providers is not currently supported']);
    expect(warnings({ metrics: [{ overrides: [{ tagOverrides: { '': { value: 'x' } } }] }] })).toEqual(['tagOverrides.name may not be empty']);
    expect(errors({ tracing: [{}, {}] })).toEqual([]);
    expect(warnings({ tracing: [{ providers: [{ name: 'a' }] }] })).toEqual([]);
  });
  it('an empty selector only warns', () => {
    expect(run({ selector: {} })).toEqual({ errors: [], warnings: [{ message: 'workload selector specified without labels', path: '{.spec.selector.matchLabels}' }] });
  });
});

describe('CEL syntax check (access-log filters)', () => {
  const valid = [
    'response.code >= 400',
    "connection.mtls && request.url_path.contains('v1beta3')",
    'response.code',
    'request.headers["x-user"] == "a" || response.code in [500, 503]',
    '!has(request.headers.foo) ? 1 : 2.5e3',
    'xds.cluster_name.startsWith("outbound") && -1 < 0x1F && 3u > 2u',
    'r"raw\\d" + b\'bytes\' + """triple\nline"""',
    '[1, 2, 3].all(x, x > 0) && {"a": 1}.exists(k, k == "a") && [1].map(x, x, x * 2).size() == 1',
    'google.protobuf.Duration{seconds: 1} != null // a comment',
  ];
  for (const e of valid) it(`accepts ${JSON.stringify(e)}`, () => expect(celSyntaxError(e)).toBeUndefined());
  const invalid: Array<[string, string]> = [
    ['a b', "ERROR: <input>:1:3: Syntax error: mismatched input 'b' expecting <EOF>\n | a b\n | ..^"],
    ['', "ERROR: <input>:1:1: Syntax error: mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}\n | \n | ^"],
    ['has(a)', 'ERROR: <input>:1:1: invalid argument to has() macro\n | has(a)\n | ^'],
    ['x.all(1, true)', 'ERROR: <input>:1:3: argument must be a simple name\n | x.all(1, true)\n | ..^'],
    ['if', 'ERROR: <input>:1:1: reserved identifier: if\n | if\n | ^'],
    ['a.?b', "ERROR: <input>:1:3: unsupported syntax '.?'\n | a.?b\n | ..^"],
    ['"\\q"', `ERROR: <input>:1:1: Syntax error: token recognition error at: '"\\q'\n | "\\q"\n | ^`],
    ["a ==\n'open", "ERROR: <input>:2:1: Syntax error: token recognition error at: ''open'\n | 'open\n | ^"],
    ['f(a,', "ERROR: <input>:1:5: Syntax error: mismatched input '<EOF>' expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}\n | f(a,\n | ....^"],
    ['a # b', "ERROR: <input>:1:3: Syntax error: token recognition error at: '#'\n | a # b\n | ..^"],
  ];
  for (const [e, msg] of invalid) it(`rejects ${JSON.stringify(e)}`, () => expect(celSyntaxError(e)).toBe(msg));
  it('deep nesting hits the recursion limit instead of the stack', () => {
    expect(celSyntaxError('('.repeat(300) + '1' + ')'.repeat(300))).toMatch(/expression recursion limit exceeded: 250/);
  });
});
