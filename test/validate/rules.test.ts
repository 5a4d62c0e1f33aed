import { describe, expect, it } from 'vitest';
import { validateSemantics } from '../../src/validate/semantic.js';
import { durationNanos, hostsMatch, q, regexpError, validateIPSubnet, validateLabels, validateNamespaceSlashHost, validateWildcardDomain } from '../../src/validate/rules.js';
import type { JsonObject } from '../../src/analyze/resource.js';

const errors = (kind: string, spec: JsonObject, name = 'n', ns = 'default'): string[] => validateSemantics(kind, name, ns, spec).errors.map((e) => e.message);
const warnings = (kind: string, spec: JsonObject): string[] => validateSemantics(kind, 'n', 'default', spec).warnings.map((e) => e.message);
const dest = (host = 'a.default.svc.cluster.local'): JsonObject => ({ destination: { host } });
/** A VirtualService with one HTTP rule made of `rule` plus a route. */
const vsHttp = (rule: JsonObject): JsonObject => ({ hosts: ['a'], http: [{ route: [dest()], ...rule }] });

describe('host, port, label and duration building blocks', () => {
  it('wildcard domains: first label may be a wildcard, TLD not numeric', () => {
    expect(validateWildcardDomain('*.example.com')).toBeUndefined();
    expect(validateWildcardDomain('*-svc.example.com')).toBeUndefined();
    // Istio checks the labels after the first on their own, so the message names only that part.
    expect(validateWildcardDomain('a.b.*')).toBe('domain name "b.*" invalid (label "*" invalid)');
    expect(validateWildcardDomain('foo.123')).toBe('domain name "123" invalid (top level domain "123" cannot be all-numeric)');
    expect(validateWildcardDomain('')).toBe('empty domain name not allowed');
  });
  it('host matching as host.Name.Matches', () => {
    expect(hostsMatch('*.foo.com', 'bar.foo.com')).toBe(true);
    expect(hostsMatch('*', 'x')).toBe(true);
    expect(hostsMatch('a.com', 'b.com')).toBe(false);
  });
  it('label selectors use Kubernetes label syntax', () => {
    expect(validateLabels({ app: 'reviews', 'example.com/tier': 'v1' })).toEqual([]);
    expect(validateLabels({ 'bad key!': 'x' })).toEqual(['invalid tag key: "bad key!"']);
    expect(validateLabels({ app: 'v*' })).toEqual(['invalid tag value: "v*"']);
  });
  it('subnets and durations', () => {
    expect(validateIPSubnet('10.0.0.0/8')).toBeUndefined();
    expect(validateIPSubnet('10.0.0.0/33')).toBe('10.0.0.0/33 is not a valid CIDR block');
    expect(validateIPSubnet('nope')).toBe('nope is not a valid IP');
    expect(durationNanos('1.5s')).toBe(1.5e9);
    expect(durationNanos('100ms')).toBe(1e8);
  });
  it('namespace/host for sidecars and gateways', () => {
    expect(validateNamespaceSlashHost('./foo.com', false)).toEqual([]);
    expect(validateNamespaceSlashHost('foo.com', false)).toEqual(['host must be of form namespace/dnsName']);
    expect(validateNamespaceSlashHost('Bad_NS/foo.com', true)).toEqual(['invalid namespace value "Bad_NS" in gateway']);
    expect(validateNamespaceSlashHost('ns/foo', false)).toEqual(['short names (non FQDN) are not allowed']);
    // Sidecars report the domain error twice, as Istio's validateSidecarOrGatewayHostnamePart does.
    expect(validateNamespaceSlashHost('ns/foo*.com', false)).toEqual(['domain name "foo*.com" invalid (label "foo*" invalid)', 'domain name "foo*.com" invalid (label "foo*" invalid)', 'partial wildcard "foo*.com" not allowed']);
  });
});

describe('VirtualService rules', () => {
  it('a well-formed VirtualService has no findings', () => {
    const r = validateSemantics('VirtualService', 'n', 'default', vsHttp({ match: [{ uri: { prefix: '/api' }, headers: { 'x-user': { exact: 'a' } } }], timeout: '5s', retries: { attempts: 3, perTryTimeout: '2s', retryOn: '5xx,503' } }));
    expect(r).toEqual({ errors: [], warnings: [] });
  });
  it('duplicate hosts', () => {
    expect(errors('VirtualService', { hosts: ['*.foo.com', 'bar.foo.com'], http: [{ route: [dest()] }] })).toEqual(['duplicate hosts in virtual service: *.foo.com & bar.foo.com']);
  });
  it('wildcard * host bound to the mesh', () => {
    expect(errors('VirtualService', { hosts: ['*'], http: [{ route: [dest()] }] })).toEqual(['wildcard host * is not allowed for virtual services bound to the mesh gateway']);
    expect(errors('VirtualService', { hosts: ['*'], gateways: ['istio-system/gw'], http: [{ route: [dest()] }] })).toEqual([]);
  });
  it('delegate VirtualService constraints', () => {
    expect(errors('VirtualService', { gateways: ['gw'], http: [{ route: [dest()] }] })).toEqual(['delegate virtual service must have no gateways specified']);
  });
  it('gateway names', () => {
    expect(errors('VirtualService', { hosts: ['a'], gateways: ['Bad_NS/gw'], http: [{ route: [dest()] }] })).toEqual(['invalid value for namespace: "Bad_NS"']);
    expect(warnings('VirtualService', { hosts: ['a'], gateways: ['gw.istio-system'], http: [{ route: [dest()] }] })).toEqual(['using legacy gatewayName format "gw.istio-system"; prefer the <namespace>/<name> format: "istio-system/gw"']);
  });
  it('route, redirect and direct response conflicts', () => {
    expect(errors('VirtualService', vsHttp({ redirect: { uri: '/x' } }))).toEqual(['HTTP route cannot contain both route and redirect']);
    expect(errors('VirtualService', { hosts: ['a'], http: [{}] })).toEqual(['HTTP route, redirect or direct_response is required']);
    expect(errors('VirtualService', vsHttp({ mirror: { host: 'm' }, mirrors: [{ destination: { host: 'm' } }] }))).toEqual(['HTTP route cannot contain both mirror and mirrors']);
  });
  it('weights', () => {
    expect(errors('VirtualService', { hosts: ['a'], http: [{ route: [dest(), dest('b')] }] })).toEqual(['total destination weight = 0']);
    expect(errors('VirtualService', { hosts: ['a'], http: [{ route: [{ ...dest(), weight: -1 }] }] })).toEqual(['weight -1 < 0']);
    expect(errors('VirtualService', { hosts: ['a'], http: [{ route: [{ ...dest(), weight: 30 }, { ...dest('b'), weight: 70 }] }] })).toEqual([]);
  });
  it('destinations: host *, subset name, port', () => {
    expect(errors('VirtualService', { hosts: ['a'], http: [{ route: [dest('*')] }] })).toEqual(['invalid destination host *']);
    expect(errors('VirtualService', { hosts: ['a'], http: [{ route: [{ destination: { host: 'a', subset: 'v_1' } }] }] })).toEqual(['subset name is invalid: v_1']);
    expect(errors('VirtualService', { hosts: ['a'], tcp: [{ route: [{ destination: { host: 'a', port: { number: 70000 } } }] }] })).toEqual(['port number 70000 must be in the range 1..65535']);
  });
  it('match rules: empty prefix, bad regex, header names', () => {
    expect(errors('VirtualService', vsHttp({ match: [{ uri: { prefix: '' } }] }))).toEqual([]);
    expect(errors('VirtualService', vsHttp({ match: [{ method: { prefix: '' } }] }))).toEqual(['"method": prefix string match should not be empty']);
    expect(errors('VirtualService', vsHttp({ match: [{ uri: { regex: '(?=x)' } }] }))).toEqual(['"uri": error parsing regexp: invalid or unsupported Perl syntax: `(?=`; Istio uses RE2 style regex-based match (https://github.com/google/re2/wiki/Syntax)']);
    expect(errors('VirtualService', vsHttp({ match: [{ headers: { 'bad header': { exact: 'x' } } }] }))).toEqual(['header name bad header is not a valid header name']);
    expect(errors('VirtualService', vsHttp({ match: [{ sourceNamespace: 'Bad_NS' }] }))).toEqual(['sourceNamespace match Bad_NS is invalid']);
  });
  it('JWT claim routing needs a gateway', () => {
    expect(errors('VirtualService', vsHttp({ match: [{ headers: { '@request.auth.claims.group': { exact: 'a' } } }] }))).toEqual(['JWT claim based routing (key: @request.auth.claims.group) is only supported for gateway, found no gateways: []']);
  });
  it('header operations', () => {
    expect(errors('VirtualService', vsHttp({ headers: { response: { set: { host: 'x' } } } }))).toEqual(['invalid header "host": cannot set Host header']);
    expect(errors('VirtualService', vsHttp({ headers: { request: { add: { ':path': 'x' } } } }))).toEqual(['invalid header ":path": header cannot have ":" prefix']);
    expect(errors('VirtualService', vsHttp({ rewrite: { authority: 'a' }, headers: { request: { set: { host: 'b' } } } }))).toEqual(['authority header cannot be set multiple times: have "a", attempting to set "b"']);
  });
  it('CORS', () => {
    expect(errors('VirtualService', vsHttp({ corsPolicy: { allowOrigins: [{ exact: 'https://a.com' }], allowMethods: ['GET'], maxAge: '24h' } }))).toEqual([]);
    expect(errors('VirtualService', vsHttp({ corsPolicy: { allowMethods: ['FETCH'] } }))).toEqual(['"FETCH" is not a supported HTTP method']);
    expect(errors('VirtualService', vsHttp({ corsPolicy: { allowOrigins: [{ exact: '' }] } }))).toEqual(["'' is not a valid match type for CORS allow origins"]);
    expect(errors('VirtualService', vsHttp({ corsPolicy: { maxAge: '1.5s' } }))).toEqual(['max_age duration is accurate only to seconds precision']);
  });
  it('fault injection', () => {
    expect(errors('VirtualService', vsHttp({ fault: { delay: { percentage: { value: 50 }, fixedDelay: '5s' } } }))).toEqual([]);
    expect(errors('VirtualService', vsHttp({ fault: {} }))).toEqual(['HTTP fault injection must have an abort and/or a delay']);
    expect(errors('VirtualService', vsHttp({ fault: { abort: { percentage: { value: 101 }, httpStatus: 503 } } }))).toEqual(['percentage 101 is neither 0.0, nor in range [0.0001, 100.0]']);
    expect(errors('VirtualService', vsHttp({ fault: { abort: { httpStatus: 700 } } }))).toEqual(['HTTP status 700 is not in range 200-599']);
    expect(errors('VirtualService', vsHttp({ fault: { abort: { grpcStatus: 'NOPE' } } }))[0]).toMatch(/^gRPC status "NOPE" is not supported/);
    expect(warnings('VirtualService', vsHttp({ fault: { abort: { percentage: { value: 1 } } } }))).toEqual(['abort configured, but error type not set']);
  });
  it('timeouts and retries', () => {
    expect(errors('VirtualService', vsHttp({ timeout: '0.5ms' }))).toEqual(['duration must be greater than 1ms']);
    expect(errors('VirtualService', vsHttp({ timeout: '1.0005s' }))).toEqual(['only durations to ms precision are supported']);
    expect(errors('VirtualService', vsHttp({ retries: { attempts: -1 } }))).toEqual(['attempts cannot be negative']);
    expect(errors('VirtualService', vsHttp({ retries: { attempts: 0, retryOn: '5xx' } }))).toEqual(['http retry policy configured when attempts are set to 0 (disabled)']);
    expect(errors('VirtualService', vsHttp({ retries: { attempts: 2, retryOn: '5xx,bogus' } }))).toEqual(['"bogus" is not a valid retryOn policy']);
  });
  it('redirects, rewrites, direct responses and mirrors', () => {
    expect(errors('VirtualService', { hosts: ['a'], http: [{ redirect: { uri: '/x', redirectCode: 200 } }] })).toEqual(['200 is not a valid redirect code, must be 3xx']);
    expect(errors('VirtualService', { hosts: ['a'], http: [{ redirect: {} }] })).toEqual(['redirect must specify URI, authority, scheme, or port']);
    expect(errors('VirtualService', { hosts: ['a'], http: [{ redirect: { scheme: 'ftp' } }] })).toEqual(['invalid redirect scheme, must be "http" or "https"']);
    expect(errors('VirtualService', vsHttp({ rewrite: { uri: '/a', uriRegexRewrite: { match: 'x', rewrite: 'y' } } }))).toEqual(['rewrite may only contain one of URI or UriRegexRewrite']);
    expect(errors('VirtualService', { hosts: ['a'], http: [{ directResponse: { status: 100 } }] })).toEqual(['HTTP status 100 is not in range 200-599']);
    expect(errors('VirtualService', vsHttp({ mirrorPercentage: { value: 120 } }))).toEqual(['mirror_percentage must have a max value of 100 (it has 120.000000)']);
    expect(warnings('VirtualService', vsHttp({ mirrorPercent: 10 }))).toEqual(['using deprecated setting "mirrorPercent", use "mirrorPercentage" instead']);
  });
  it('TLS routes: SNI hosts must be within the VirtualService hosts', () => {
    const tls = (sni: string): JsonObject => ({ hosts: ['*.example.com'], gateways: ['ns/gw'], tls: [{ match: [{ sniHosts: [sni] }], route: [dest()] }] });
    expect(errors('VirtualService', tls('a.example.com'))).toEqual([]);
    expect(errors('VirtualService', tls('a.other.com'))).toEqual(['SNI host "a.other.com" is not a compatible subset of any of the virtual service hosts: [*.example.com]']);
    expect(errors('VirtualService', { hosts: ['a.com'], tls: [{ route: [dest()] }] })).toEqual(['TLS route must have at least one match condition']);
  });
  it('TCP matches: subnets and ports', () => {
    expect(errors('VirtualService', { hosts: ['a'], tcp: [{ match: [{ destinationSubnets: ['10.0.0.0/40'], port: 0 }], route: [dest()] }] })).toEqual(['10.0.0.0/40 is not a valid CIDR block']);
  });
  it('exportTo', () => {
    expect(errors('VirtualService', { hosts: ['a'], exportTo: ['default', '.'], http: [{ route: [dest()] }] })).toEqual(['duplicate entries in exportTo: . and current namespace default']);
    expect(errors('VirtualService', { hosts: ['a'], exportTo: ['*', 'foo'], http: [{ route: [dest()] }] })).toEqual(['cannot have both public (*) and non-public exportTo values for a resource']);
    expect(errors('VirtualService', { hosts: ['a'], exportTo: ['~'], http: [{ route: [dest()] }] })).toEqual(['exportTo ~ (none) is not allowed for Istio configuration objects']);
  });
});

describe('VirtualService unreachable rules (IST0130) and ineffective matches (IST0131)', () => {
  const analysis = (spec: JsonObject): Array<[string, string[]]> =>
    validateSemantics('VirtualService', 'n', 'default', spec).warnings.map((w) => [w.analysis?.type ?? 'none', w.analysis?.params ?? []]);
  it('rules after a catch-all are unreachable', () => {
    expect(analysis({ hosts: ['a'], http: [{ route: [dest()] }, { match: [{ uri: { exact: '/x' } }], route: [dest()] }] })).toEqual([['VirtualServiceUnreachableRule', ['#1', 'route without matches defined before']]]);
    expect(analysis({ hosts: ['a'], tcp: [{ route: [dest()] }, { route: [dest()] }] })).toEqual([['VirtualServiceUnreachableRule', ['#1', 'only the last rule can have no matches']]]);
  });
  it('duplicate matches (the match name does not count) make a rule unreachable', () => {
    const spec = { hosts: ['a'], http: [{ name: 'first', match: [{ name: 'm', uri: { prefix: '/p' } }], route: [dest()] }, { match: [{ uri: { prefix: '/p' } }], route: [dest()] }] };
    expect(analysis(spec)).toEqual([
      ['VirtualServiceIneffectiveMatch', ['#1', '#0', '"first"']],
      ['VirtualServiceUnreachableRule', ['#1', 'all matches used by prior rules']],
    ]);
    expect(validateSemantics('VirtualService', 'n', 'default', spec).warnings[1]?.message).toBe('virtualService rule #1 not used (all matches used by prior rules)');
  });
  it('a longer prefix after a shorter one is covered', () => {
    expect(analysis({ hosts: ['a'], http: [{ match: [{ uri: { prefix: '/debug' } }], route: [dest()] }, { match: [{ uri: { prefix: '/debugs' } }], route: [dest()] }] })).toEqual([
      ['VirtualServiceIneffectiveMatch', ['#1', '#0 of prefix /debugs', '#0 of prefix /debug on #0']],
    ]);
  });
  it('distinct matches, or a prefix with an extra header, are fine', () => {
    expect(analysis({ hosts: ['a'], http: [{ match: [{ uri: { prefix: '/a' } }], route: [dest()] }, { match: [{ uri: { prefix: '/b' } }], route: [dest()] }, { route: [dest()] }] })).toEqual([]);
    expect(analysis({ hosts: ['a'], http: [{ match: [{ uri: { prefix: '/a' } }], route: [dest()] }, { match: [{ uri: { prefix: '/ab' }, headers: { x: { exact: '1' } } }], route: [dest()] }] })).toEqual([]);
  });
});

describe('Gateway rules', () => {
  const server = (extra: JsonObject): JsonObject => ({ servers: [{ hosts: ['*.example.com'], port: { number: 443, name: 'https', protocol: 'HTTPS' }, ...extra }] });
  it('a SIMPLE server with a credential is valid', () => {
    expect(errors('Gateway', server({ tls: { mode: 'SIMPLE', credentialName: 'cert' } }))).toEqual([]);
  });
  it('TLS settings required / not allowed', () => {
    expect(errors('Gateway', server({}))).toEqual(['server must have TLS settings for HTTPS/TLS protocols']);
    expect(errors('Gateway', { servers: [{ hosts: ['a.com'], port: { number: 80, name: 'tcp', protocol: 'TCP' }, tls: { mode: 'SIMPLE', credentialName: 'c' } }] })).toEqual(['server cannot have TLS settings for non HTTPS/TLS ports']);
    expect(errors('Gateway', { servers: [{ hosts: ['a.com'], port: { number: 80, name: 'http', protocol: 'HTTP' }, tls: { httpsRedirect: true } }] })).toEqual([]);
  });
  it('TLS credentials per mode', () => {
    expect(errors('Gateway', server({ tls: { mode: 'SIMPLE' } }))).toEqual(['SIMPLE TLS requires a server certificate', 'SIMPLE TLS requires a private key']);
    expect(errors('Gateway', server({ tls: { mode: 'MUTUAL', serverCertificate: 'c', privateKey: 'k' } }))).toEqual(['MUTUAL TLS requires a client CA bundle']);
    expect(errors('Gateway', server({ tls: { mode: 'ISTIO_MUTUAL', credentialName: 'c' } }))).toEqual(['ISTIO_MUTUAL TLS cannot have associated credentialName']);
    expect(errors('Gateway', server({ tls: { mode: 'SIMPLE', credentialName: 'c', serverCertificate: 'a', privateKey: 'b' } }))).toEqual(['only one of credential_name, credential_names, server_certificate/private_key, tls_certificates should be specified']);
    expect(warnings('Gateway', { servers: [{ hosts: ['a.com'], port: { number: 443, name: 'tls', protocol: 'TLS' }, tls: { mode: 'PASSTHROUGH', credentialName: 'c' } }] })).toEqual(['PASSTHROUGH mode does not use certificates, they will be ignored']);
  });
  it('ports: names, uniqueness, targetPort, protocol', () => {
    expect(errors('Gateway', { servers: [{ hosts: ['a.com'], port: { number: 80, protocol: 'HTTP' } }] })).toEqual(['port name must be set: {number:80 protocol:"HTTP"}']);
    expect(errors('Gateway', { servers: [1, 2].map(() => ({ hosts: ['a.com'], port: { number: 80, name: 'http', protocol: 'HTTP' } })) })).toEqual(['port names in servers must be unique: duplicate name http']);
    expect(errors('Gateway', { servers: [{ hosts: ['a.com'], port: { number: 80, name: 'h', protocol: 'HTTP', targetPort: 8080 } }] })).toEqual(['targetPort has no impact on Gateways']);
    expect(errors('Gateway', { servers: [{ hosts: ['a.com'], port: { number: 80, name: 'h', protocol: 'FOO' } }] })).toEqual(['invalid protocol "FOO", supported protocols are HTTP, HTTP2, GRPC, GRPC-WEB, MONGO, REDIS, MYSQL, TCP']);
  });
  it('gateway name and server hosts', () => {
    expect(errors('Gateway', { servers: [{ hosts: ['a.com'], port: { number: 80, name: 'h', protocol: 'HTTP' } }] }, 'Bad_Name')).toEqual(['invalid gateway name: "Bad_Name"']);
    expect(errors('Gateway', { servers: [{ hosts: ['short'], port: { number: 80, name: 'h', protocol: 'HTTP' } }] })).toEqual(['short names (non FQDN) are not allowed']);
    expect(errors('Gateway', { servers: [{ hosts: ['10.0.0.1'], port: { number: 80, name: 'h', protocol: 'HTTP' } }] })).toEqual([]);
  });
});

describe('Sidecar egress hosts', () => {
  it('ns/host form', () => {
    expect(errors('Sidecar', { egress: [{ hosts: ['./*', 'istio-system/*'] }] })).toEqual([]);
    expect(errors('Sidecar', { egress: [{ hosts: ['foo.com'] }] })).toEqual(['host must be of form namespace/dnsName']);
    expect(errors('Sidecar', { egress: [{ hosts: ['Bad_NS/foo.com'] }] })).toEqual(['invalid namespace value "Bad_NS" in sidecar']);
  });
});

// Go's regexp.Compile results (Go 1.19) for the structural mistakes RE2 reports, and for Go-only
// syntax JavaScript would refuse.
const goRegexps: Array<[string, string | undefined]> = [
  ["a++", "error parsing regexp: invalid nested repetition operator: `++`"],
  ["a**", "error parsing regexp: invalid nested repetition operator: `**`"],
  ["*a", "error parsing regexp: missing argument to repetition operator: `*`"],
  ["a*?", undefined],
  ["a+*", "error parsing regexp: invalid nested repetition operator: `+*`"],
  ["(abc", "error parsing regexp: missing closing ): `(abc`"],
  ["abc)", "error parsing regexp: unexpected ): `abc)`"],
  ["[a", "error parsing regexp: missing closing ]: `[a`"],
  ["a\\", "error parsing regexp: trailing backslash at end of expression: ``"],
  ["a{2,1}", "error parsing regexp: invalid repeat count: `{2,1}`"],
  ["[z-a]", "error parsing regexp: invalid character class range: `z-a`"],
  ["a{1001}", "error parsing regexp: invalid repeat count: `{1001}`"],
  ["x(?P<n>y)", undefined],
  ["a|*", "error parsing regexp: missing argument to repetition operator: `*`"],
  ["(*)", "error parsing regexp: missing argument to repetition operator: `*`"],
  ["^*", undefined],
  ["a{1,2}{3}", "error parsing regexp: invalid nested repetition operator: `{1,2}{3}`"],
  ["a??", undefined],
  ["a???", "error parsing regexp: invalid nested repetition operator: `???`"],
  ["(?i)abc", undefined],
  ["(?i)*", "error parsing regexp: missing argument to repetition operator: `*`"],
  ["[]a]", undefined],
  ["[^]a]", undefined],
  ["[a-z]*+", "error parsing regexp: invalid nested repetition operator: `*+`"],
  ["\\d+\\.\\d+", undefined],
  ["[[:alpha:]]+", undefined],
  ["a{,3}", undefined],
  ["a{3,}", undefined],
  ["((a)", "error parsing regexp: missing closing ): `((a)`"],
  ["(a))", "error parsing regexp: unexpected ): `(a))`"],
  ["[\\]]", undefined],
  ["1\\.2.*", undefined],
  [".*-1\\.2\\..*", undefined],
  ["(?:a|b)+", undefined],
  ["a{2}{3}", "error parsing regexp: invalid nested repetition operator: `{2}{3}`"],
];

describe('regexpError follows Go regexp/syntax', () => {
  for (const [re, expected] of goRegexps) it(JSON.stringify(re), () => expect(regexpError(re)).toBe(expected));
});

describe('q quotes like Go %q', () => {
  it('escapes quotes, backslashes and control characters the way Go does', () => {
    expect(q('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(q('x\u0001\n\t\u007f')).toBe('"x\\x01\\n\\t\\x7f"');
    expect(q('héllo')).toBe('"héllo"');
  });
});
