import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/analyze/resource.js';
import { validateSemantics } from '../../src/validate/semantic.js';

const run = (kind: string, spec: JsonObject) => validateSemantics(kind, 'p', 'ns', spec);
const errors = (kind: string, spec: JsonObject): string[] => run(kind, spec).errors.map((e) => e.message);
const warnings = (kind: string, spec: JsonObject): string[] => run(kind, spec).warnings.map((e) => e.message);
const P = 'invalid policy p.ns: ';
const rule = (r: JsonObject): JsonObject => ({ rules: [r] });

// [rule, invalid spec, exact errors, the same rule satisfied]
const authz: Array<[string, JsonObject, string[], JsonObject]> = [
  ['selector and targetRef', { selector: { matchLabels: { app: 'a' } }, targetRef: { kind: 'Service', name: 's' } }, [`${P}only one of targetRefs or workloadSelector can be set`], { targetRef: { kind: 'Service', name: 's' } }],
  ['targetRef contents', { targetRefs: [{ group: 'apps', kind: 'Deployment', namespace: 'x' }] },
    [`${P}targetRef name must be set`, `${P}targetRef namespace must not be set; cross namespace referencing is not supported`,
      `${P}targetRef must be to one of [core/v1/Service networking.istio.io/v1/ServiceEntry gateway.networking.k8s.io/v1/Gateway gateway.networking.k8s.io/v1/GatewayClass] but was apps/Deployment`],
    { targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'gw' }] }],
  ['selector wildcard', { selector: { matchLabels: { app: 'a*' } } }, [`${P}wildcard is not supported in selector: "app=a*"`], { selector: { matchLabels: { app: 'a' } } }],
  ['CUSTOM without rules', { action: 'CUSTOM', provider: { name: 'ext' } }, [`${P}CUSTOM action without \`rules\` is meaningless as it will never be triggered, add an empty rule \`{}\` if you want it be triggered for every request`],
    { action: 'CUSTOM', provider: { name: 'ext' }, rules: [{}] }],
  ['CUSTOM provider name', { action: 'CUSTOM', rules: [{}] }, [`${P}\`provider.name\` must not be empty`], { action: 'CUSTOM', provider: { name: 'ext' }, rules: [{}] }],
  ['CUSTOM unsupported sources and keys', { action: 'CUSTOM', provider: { name: 'ext' }, rules: [{ from: [{ source: { namespaces: ['a'], principals: ['p'] } }], when: [{ key: 'request.auth.claims[iss]', values: ['x'] }] }] },
    [`${P}From.Namespaces is currently not supported with CUSTOM action`, `${P}From.Principals is currently not supported with CUSTOM action`, `${P}request.auth.claims[iss] is currently not supported with CUSTOM action`],
    { action: 'CUSTOM', provider: { name: 'ext' }, rules: [{ from: [{ source: { ipBlocks: ['1.2.3.4'] } }], when: [{ key: 'request.headers[x-a]', values: ['x'] }] }] }],
  ['provider only with CUSTOM', { action: 'DENY', provider: { name: 'ext' }, rules: [{ to: [{ operation: { ports: ['80'] } }] }] }, [`${P}\`provider\` must not be with non CUSTOM action, found DENY`],
    { action: 'DENY', rules: [{ to: [{ operation: { ports: ['80'] } }] }] }],
  ['DENY without rules', { action: 'DENY' }, [`${P}DENY action without \`rules\` is meaningless as it will never be triggered, add an empty rule \`{}\` if you want it be triggered for every request`], { action: 'ALLOW' }],
  ['nil rule and empty from/to', { rules: [null, { from: [], to: [] }] }, [`${P}\`rule\` must not be nil, found at rule 0`, `${P}\`from\` must not be empty, found at rule 1`, `${P}\`to\` must not be empty, found at rule 1`], rule({ from: [{ source: { namespaces: ['a'] } }] })],
  ['from source nil and empty', rule({ from: [null, {}, { source: {} }] }), [`${P}\`from\` must not be nil, found at rule 0`, `${P}\`from.source\` must not be nil, found at rule 0`, `${P}\`from.source\` must not be empty, found at rule 0`],
    rule({ from: [{ source: { requestPrincipals: ['*'] } }] })],
  ['serviceAccounts with namespaces', rule({ from: [{ source: { namespaces: ['a'], serviceAccounts: ['a/b'] } }] }), [`${P}cannot set serviceAccounts with namespaces or principals, found at rule 0`], rule({ from: [{ source: { serviceAccounts: ['a/b'] } }] })],
  ['ip blocks', rule({ from: [{ source: { ipBlocks: ['10.0.0.0/33', '1.2.3.300'], remoteIpBlocks: ['x/8'] } }] }),
    [`${P}bad CIDR range (10.0.0.0/33): netip.ParsePrefix("10.0.0.0/33"): prefix length out of range`, `${P}bad IP address (1.2.3.300)`, `${P}bad CIDR range (x/8): netip.ParsePrefix("x/8"): ParseAddr("x"): unable to parse IP`],
    rule({ from: [{ source: { ipBlocks: ['10.0.0.0/8', '::1'], remoteIpBlocks: ['2001:db8::/32'] } }] })],
  ['empty values', rule({ from: [{ source: { principals: [''] } }] }), [`${P}empty value not allowed, found in Principals`], rule({ from: [{ source: { principals: ['cluster.local/ns/a/sa/b'] } }] })],
  ['service account format', rule({ from: [{ source: { serviceAccounts: ['a/b/c'], notServiceAccounts: ['x*'] } }] }),
    [`${P}expected format 'serviceAccount' or 'namespace/serviceAccount', found "a/b/c" in ServiceAccounts`, `${P}wildcard not allowed, found in NotServiceAccounts`],
    rule({ from: [{ source: { serviceAccounts: ['sa'], notServiceAccounts: ['ns/sa'] } }] })],
  ['trust domains', rule({ from: [{ source: { trustDomains: ['a*b'], notTrustDomains: ['td/x'] } }] }),
    [`${P}wildcard is only allowed at the start or end, found in TrustDomains: "a*b"`, `${P}trust domain must not contain '/', found in NotTrustDomains: "td/x"`],
    rule({ from: [{ source: { trustDomains: ['*.local'], notTrustDomains: ['td'] } }] })],
  ['operation nil and empty', rule({ to: [null, {}, { operation: {} }] }), [`${P}\`to\` must not be nil, found at rule 0`, `${P}\`to.operation\` must not be nil, found at rule 0`, `${P}\`to.operation\` must not be empty, found at rule 0`],
    rule({ to: [{ operation: { methods: ['GET'] } }] })],
  ['operation ports and empty values', rule({ to: [{ operation: { ports: ['http', '70000'], methods: [''] } }] }),
    [`${P}bad port (http): strconv.ParseUint: parsing "http": invalid syntax`, `${P}bad port (70000): <nil>`, `${P}empty value not allowed, found in Methods`],
    rule({ to: [{ operation: { ports: ['8080'], methods: ['GET'] } }] })],
  ['path templates', rule({ to: [{ operation: { paths: ['/a/{**}/b/{*}'], notPaths: ['/x/{id}'] } }] }),
    [`${P}invalid or unsupported path a/{**}/b/{*}, found in Paths. {**} is not the last operator`, `${P}invalid or unsupported path x/{id}, found in NotPaths. Contains '{' or '}' beyond a supported path template`],
    rule({ to: [{ operation: { paths: ['/a/{*}/b/{**}'], notPaths: ['/x/*'] } }] })],
  ['when conditions', rule({ when: [{ key: '' }, { key: 'source.ip' }, { key: 'request.headers', values: ['a'] }, { key: 'destination.port', notValues: ['x'] }] }),
    [`${P}\`key\` must not be empty`, `${P}at least one of \`values\` or \`notValues\` must be set for key source.ip`, `${P}invalid \`value\` for \`key\` request.headers: bad key (request.headers): should have format a[b]`,
      // Istio checks notValues too, even when only values are given.
      `${P}invalid \`notValue\` for \`key\` request.headers: bad key (request.headers): should have format a[b]`,
      `${P}invalid \`notValue\` for \`key\` destination.port: bad port (x): strconv.ParseUint: parsing "x": invalid syntax`],
    rule({ when: [{ key: 'source.ip', values: ['10.0.0.0/8'] }, { key: 'request.headers[x-user]', values: ['a'] }, { key: 'destination.port', notValues: ['80'] }] })],
  ['when keys', rule({ when: [{ key: 'destination.namespace', values: ['a'] }, { key: 'destination.labels[app]', values: ['a'] }, { key: 'destination.user', values: ['a'] }, { key: 'foo.bar', values: ['a'] }] }),
    [`${P}invalid \`value\` for \`key\` destination.namespace: attribute destination.namespace is replaced by the metadata.namespace`,
      `${P}invalid \`notValue\` for \`key\` destination.namespace: attribute destination.namespace is replaced by the metadata.namespace`,
      `${P}invalid \`value\` for \`key\` destination.labels[app]: attribute destination.labels[app] is replaced by the workload selector`,
      `${P}invalid \`notValue\` for \`key\` destination.labels[app]: attribute destination.labels[app] is replaced by the workload selector`,
      `${P}invalid \`value\` for \`key\` destination.user: deprecated attribute destination.user: only supported in v1alpha1`,
      `${P}invalid \`notValue\` for \`key\` destination.user: deprecated attribute destination.user: only supported in v1alpha1`,
      `${P}invalid \`value\` for \`key\` foo.bar: unknown attribute: foo.bar`,
      `${P}invalid \`notValue\` for \`key\` foo.bar: unknown attribute: foo.bar`],
    rule({ when: [{ key: 'source.namespace', values: ['a'] }, { key: 'request.auth.claims[groups]', values: ['a'] }, { key: 'connection.sni', values: ['a'] }, { key: 'experimental.envoy.filters.a[b]', values: ['a'] }] })],
];

const reqAuthn: Array<[string, JsonObject, string[], JsonObject]> = [
  ['issuer or jwksUri', { jwtRules: [{ audiences: [''] }] }, ['audience must be non-empty string', 'issuer or jwksUri must be non-empty string'], { jwtRules: [{ issuer: 'https://issuer', audiences: ['a'] }] }],
  ['jwksUri scheme', { jwtRules: [{ jwksUri: 'ftp://keys/jwks.json' }] }, ['URI scheme "ftp" is not supported'], { jwtRules: [{ jwksUri: 'https://keys.example.com/jwks.json' }] }],
  ['jwksUri parsed as Go url.Parse', { jwtRules: [{ issuer: 'i', jwksUri: 'https://keys.example.com:https/jwks.json' }] }, ['parse "https://keys.example.com:https/jwks.json": invalid port ":https" after host'], { jwtRules: [{ issuer: 'i', jwksUri: 'HTTPS://keys.example.com:8443/jwks.json' }] }],
  ['jwks syntax', { jwtRules: [{ issuer: 'i', jwks: '{not json' }] }, ['jwks parse error: failed to unmarshal JSON into key set'], { jwtRules: [{ issuer: 'i', jwks: '{"keys":[{"kty":"RSA","n":"x","e":"AQAB"}]}' }] }],
  ['locations', { jwtRules: [{ issuer: 'i', fromHeaders: [{ prefix: 'Bearer ' }, null], fromParams: [''], fromCookies: [''] }] },
    ['location header name must be non-empty string', 'location header name must be non-null', 'location query must be non-empty string', 'cookie name must be non-empty string'],
    { jwtRules: [{ issuer: 'i', fromHeaders: [{ name: 'x-jwt', prefix: 'Bearer ' }], fromParams: ['token'], fromCookies: ['session'] }] }],
  ['outputClaimToHeaders', { jwtRules: [{ issuer: 'i', outputClaimToHeaders: [{ claim: 'sub' }, { claim: 'sub', header: 'x user' }, null] }] },
    ['outputClaimToHeaders header and claim value must be non-empty string', 'header name x user is not a valid header name', 'outputClaimToHeaders must not be null'],
    { jwtRules: [{ issuer: 'i', outputClaimToHeaders: [{ claim: 'sub', header: 'x-user_id' }] }] }],
  ['timeout', { jwtRules: [{ issuer: 'i', timeout: '0.5ms' }] }, ['duration must be greater than 1ms'], { jwtRules: [{ issuer: 'i', timeout: '5s' }] }],
  ['targetRef', { targetRef: { kind: 'Pod', name: 'p' } }, ['targetRef must be to one of [core/v1/Service networking.istio.io/v1/ServiceEntry gateway.networking.k8s.io/v1/Gateway gateway.networking.k8s.io/v1/GatewayClass] but was /Pod'], { targetRef: { kind: 'Service', name: 'p' } }],
];

const peerAuthn: Array<[string, JsonObject, string[], JsonObject]> = [
  ['port level mTLS needs a selector', { portLevelMtls: { '8080': { mode: 'DISABLE' } } }, ['mesh/namespace peer authentication cannot have port level mTLS'],
    { selector: { matchLabels: { app: 'a' } }, portLevelMtls: { '8080': { mode: 'DISABLE' } } }],
  ['port level mTLS not empty', { selector: { matchLabels: { app: 'a' } }, portLevelMtls: {} }, ['port level mTLS, if defined, must have at least one element'], { selector: { matchLabels: { app: 'a' } }, mtls: { mode: 'STRICT' } }],
  ['port range', { selector: { matchLabels: { app: 'a' } }, portLevelMtls: { '0': { mode: 'STRICT' } } }, ['port must be in range 1..65535'], { selector: { matchLabels: { app: 'a' } }, portLevelMtls: { '65535': { mode: 'STRICT' } } }],
  ['selector keys', { selector: { matchLabels: { '': 'a' } } }, ['empty key is not supported in selector: "=a"'], { selector: { matchLabels: { k: 'a' } } }],
];

describe('security policy semantic rules', () => {
  for (const [kind, cases] of [['AuthorizationPolicy', authz], ['RequestAuthentication', reqAuthn], ['PeerAuthentication', peerAuthn]] as const) {
    for (const [name, bad, expected, good] of cases) {
      it(`${kind} ${name}: rejected with Istio's message`, () => expect(errors(kind, bad)).toEqual(expected));
      it(`${kind} ${name}: accepted when satisfied`, () => expect(errors(kind, good)).toEqual([]));
    }
  }
  it('DENY rules with only HTTP attributes warn about TCP ports', () => {
    const msg = 'configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port';
    expect(warnings('AuthorizationPolicy', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['POST'] } }] }] })).toEqual([msg]);
    expect(warnings('AuthorizationPolicy', { action: 'DENY', rules: [{ from: [{ source: { requestPrincipals: ['*'] } }] }] })).toEqual([msg]);
    expect(warnings('AuthorizationPolicy', { action: 'DENY', rules: [{ to: [{ operation: { methods: ['POST'], ports: ['8080'] } }] }] })).toEqual([]);
    expect(warnings('AuthorizationPolicy', { action: 'ALLOW', rules: [{ to: [{ operation: { methods: ['POST'] } }] }] })).toEqual([]);
  });
  it('inline JWKS with private key material warns', () => {
    const jwks = JSON.stringify({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }, { kty: 'EC', crv: 'P-256', x: 'a', y: 'b', d: 'secret' }] });
    expect(warnings('RequestAuthentication', { jwtRules: [{ issuer: 'i', jwks }] })).toEqual(['jwks key at index 1 contains private key material; only public keys are used for verification']);
    expect(warnings('RequestAuthentication', { jwtRules: [{ issuer: 'i', jwks: JSON.stringify({ keys: [{ kty: 'RSA', n: 'x', e: 'AQAB' }] }) }] })).toEqual([]);
  });
  it('empty selectors only warn', () => {
    expect(warnings('PeerAuthentication', { selector: {} })).toEqual(['workload selector specified without labels']);
    expect(errors('PeerAuthentication', { selector: {} })).toEqual([]);
  });
});
