import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/analyze/resource.js';
import { validateSemantics } from '../../src/validate/semantic.js';

const run = (spec: JsonObject, ns = 'default') => validateSemantics('DestinationRule', 'dr', ns, { host: 'reviews.default.svc.cluster.local', ...spec });
const errors = (spec: JsonObject, ns?: string): string[] => run(spec, ns).errors.map((e) => e.message);
const warnings = (spec: JsonObject): string[] => run(spec).warnings.map((e) => e.message);
const tp = (trafficPolicy: JsonObject): JsonObject => ({ trafficPolicy });

// [rule, invalid spec, exact errors, the same rule satisfied]
const cases: Array<[string, JsonObject, string[], JsonObject]> = [
  ['host', { host: '' }, ['empty domain name not allowed'], { host: '*.example.com' }],
  ['empty traffic policy', tp({}), ['traffic policy must have at least one field'], tp({ tls: { mode: 'ISTIO_MUTUAL' } })],
  ['tunnel with proxy protocol', tp({ tunnel: { targetHost: 'a.b', targetPort: 8080 }, proxyProtocol: { version: 'V1' } }), ['tunnel and proxyProtocol must not be set together'], tp({ tunnel: { targetHost: 'a.b', targetPort: 8080 } })],
  ['tunnel protocol, host and port', tp({ tunnel: { protocol: 'GET', targetHost: 'bad_host', targetPort: 0 } }),
    ['tunnel protocol must be "CONNECT" or "POST"', 'tunnel target host must be valid FQDN or IP address: domain name "bad_host" invalid (label "bad_host" invalid); bad_host is not a valid IP', 'tunnel target port is invalid: port number 0 must be in the range 1..65535'],
    tp({ tunnel: { protocol: 'POST', targetHost: '10.0.0.1', targetPort: 443 } })],
  ['outlier durations and percents', tp({ outlierDetection: { baseEjectionTime: '500us', interval: '1.0005s', maxEjectionPercent: 101, minHealthPercent: -1 } }),
    ['duration must be greater than 1ms', 'only durations to ms precision are supported', 'percentage 101 is not in range 0..100', 'percentage -1 is not in range 0..100'],
    tp({ outlierDetection: { baseEjectionTime: '30s', interval: '10s', maxEjectionPercent: 100, minHealthPercent: 0 } })],
  ['local origin failures need split', tp({ outlierDetection: { consecutiveLocalOriginFailures: 5 } }),
    ['outlier detection consecutive local origin failures is specified, but split external local origin errors is set to false'],
    tp({ outlierDetection: { consecutiveLocalOriginFailures: 5, splitExternalLocalOriginErrors: true } })],
  ['empty connection pool', tp({ connectionPool: {} }), ['connection pool must have at least one field'], tp({ connectionPool: { tcp: { maxConnections: 10 } } })],
  ['negative http pool settings', tp({ connectionPool: { http: { http1MaxPendingRequests: -1, http2MaxRequests: -1, maxRequestsPerConnection: -1, maxRetries: -1, maxConcurrentStreams: -1, idleTimeout: '0s' } } }),
    ['http1 max pending requests must be non-negative', 'http2 max requests must be non-negative', 'max requests per connection must be non-negative', 'max retries must be non-negative', 'duration must be greater than 1ms', 'max concurrent streams must be non-negative'],
    tp({ connectionPool: { http: { http1MaxPendingRequests: 1, http2MaxRequests: 1, maxRequestsPerConnection: 1, maxRetries: 0, idleTimeout: '1s' } } })],
  ['h2 upgrade with client protocol', tp({ connectionPool: { http: { h2UpgradePolicy: 'UPGRADE', useClientProtocol: true } } }),
    ['use client protocol must not be true when H2UpgradePolicy is UPGRADE'], tp({ connectionPool: { http: { h2UpgradePolicy: 'UPGRADE' } } })],
  ['tcp pool', tp({ connectionPool: { tcp: { maxConnections: -1, connectTimeout: '0.5ms', idleTimeout: '1.5ms', tcpKeepalive: { time: '0s' } } } }),
    ['max connections must be non-negative', 'duration must be greater than 1ms', 'only durations to ms precision are supported', 'duration must be greater than 1ms'],
    tp({ connectionPool: { tcp: { maxConnections: 1, connectTimeout: '1s', idleTimeout: '0s', tcpKeepalive: { time: '7200s', interval: '75s' } } } })],
  ['http cookie', tp({ loadBalancer: { consistentHash: { httpCookie: { ttl: '0s', attributes: [{ name: 'a' }, { name: 'a' }, { name: '' }] } } } }),
    ['name required for HttpCookie', 'duplicate cookie attribute name: a', 'cookie attribute name cannot be empty'],
    tp({ loadBalancer: { consistentHash: { httpCookie: { name: 'user', ttl: '0s', attributes: [{ name: 'SameSite', value: 'Strict' }] } } } })],
  ['ring size with maglev', tp({ loadBalancer: { consistentHash: { httpHeaderName: 'x', minimumRingSize: 1024, maglev: { tableSize: 65537 } } } }),
    ['only one of MinimumRingSize or Maglev/Ringhash can be specified'], tp({ loadBalancer: { consistentHash: { httpHeaderName: 'x', maglev: { tableSize: 65537 } } } })],
  ['maglev table size', tp({ loadBalancer: { consistentHash: { useSourceIp: true, maglev: { tableSize: 5000012 } } } }),
    ['tableSize must be less than 5000011 for maglev', 'tableSize must be a prime number for maglev'], tp({ loadBalancer: { consistentHash: { useSourceIp: true, maglev: { tableSize: 65537 } } } })],
  ['maglev table size unset', tp({ loadBalancer: { consistentHash: { useSourceIp: true, maglev: {} } } }),
    ['tableSize must be set for maglev', 'tableSize must be a prime number for maglev'], tp({ loadBalancer: { consistentHash: { useSourceIp: true, maglev: { tableSize: 3 } } } })],
  ['distribute and failover', tp({ outlierDetection: {}, loadBalancer: { localityLbSetting: { distribute: [{ from: 'a/*', to: { 'b/*': 100 } }], failover: [{ from: 'a', to: 'b' }] } } }),
    ["can not simultaneously specify 'distribute' and 'failover'"], tp({ loadBalancer: { localityLbSetting: { distribute: [{ from: 'a/*', to: { 'b/*': 100 } }] } } })],
  ['failover with topology priority', tp({ outlierDetection: {}, loadBalancer: { localityLbSetting: { failover: [{ from: 'a', to: 'b' }], failoverPriority: ['topology.kubernetes.io/zone'] } } }),
    ["can not simultaneously set 'failover' and topology label 'topology.kubernetes.io/zone' in 'failover_priority'"],
    tp({ outlierDetection: {}, loadBalancer: { localityLbSetting: { failover: [{ from: 'a', to: 'b' }], failoverPriority: ['my-label'] } } })],
  ['locality weights', tp({ loadBalancer: { localityLbSetting: { distribute: [{ from: 'a/*', to: { 'b/*': 60, 'c/*': 30 } }] } } }),
    ['total locality weight 90 != 100'], tp({ loadBalancer: { localityLbSetting: { distribute: [{ from: 'a/*', to: { 'b/*': 70, 'c/*': 30 } }] } } })],
  ['locality weight range', tp({ loadBalancer: { localityLbSetting: { distribute: [{ from: 'a/*', to: { 'b/*': 0, 'c/*': 100 } }] } } }),
    ['locality weight must be in range [1, 100]'], tp({ loadBalancer: { localityLbSetting: { distribute: [{ from: 'a/*', to: { 'c/*': 100 } }] } } })],
  ['locality wildcard and overlap', tp({ loadBalancer: { localityLbSetting: { distribute: [{ from: 'a/*/c', to: { 'b/*': 100 } }, { from: 'x', to: { 'b/z': 100 } }] } } }),
    ["locality a/*/c wildcard '*' number can not exceed 1 and must be in the end"], tp({ loadBalancer: { localityLbSetting: { distribute: [{ from: 'a/b/*', to: { 'b/*': 100 } }] } } })],
  ['locality overlap', tp({ loadBalancer: { localityLbSetting: { distribute: [{ from: 'a', to: { 'b': 100 } }, { from: 'a/z', to: { 'b': 100 } }] } } }),
    ['locality a/z overlap with previous specified ones'], tp({ loadBalancer: { localityLbSetting: { distribute: [{ from: 'a/y', to: { 'b': 100 } }, { from: 'a/z', to: { 'b': 100 } }] } } })],
  ['locality empty part', tp({ loadBalancer: { localityLbSetting: { distribute: [{ from: 'a//c', to: { 'b': 100 } }] } } }),
    ['locality a//c must not contain empty region/zone/subzone info'], tp({ loadBalancer: { localityLbSetting: { distribute: [{ from: 'a/b/c', to: { 'b': 100 } }] } } })],
  ['failover regions', tp({ outlierDetection: {}, loadBalancer: { localityLbSetting: { failover: [{ from: 'a', to: 'a' }, { from: 'a/z', to: 'b*' }] } } }),
    ['locality lb failover settings must specify different regions', 'locality lb failover only specify region', "locality lb failover region should not contain '*' wildcard"],
    tp({ outlierDetection: {}, loadBalancer: { localityLbSetting: { failover: [{ from: 'a', to: 'b' }] } } })],
  ['warmup', tp({ loadBalancer: { simple: 'ROUND_ROBIN', warmup: { minimumPercent: 101, aggression: 0.5 } } }),
    ['duration is required', 'minimumPercent value should be less than or equal to 100', 'aggression should be greater than or equal to 1'],
    tp({ loadBalancer: { simple: 'ROUND_ROBIN', warmup: { duration: '60s', minimumPercent: 10, aggression: 2 } } })],
  ['mutual tls certificates', tp({ tls: { mode: 'MUTUAL' } }), ['client certificate required for mutual tls', 'private key required for mutual tls'],
    tp({ tls: { mode: 'MUTUAL', clientCertificate: '/c.pem', privateKey: '/k.pem' } })],
  ['credentialName excludes files', tp({ tls: { mode: 'SIMPLE', credentialName: 'cred', caCertificates: '/ca.pem' } }),
    ['cannot specify client certificates or CA certificate or CA CRL If credentialName is set'], tp({ tls: { mode: 'SIMPLE', credentialName: 'cred' } })],
  ['insecureSkipVerify simple', tp({ tls: { mode: 'SIMPLE', insecureSkipVerify: true, subjectAltNames: ['a'] } }),
    ['cannot specify CaCertificates or CredentialName or SubjectAltNames when InsecureSkipVerify is set true'], tp({ tls: { mode: 'SIMPLE', insecureSkipVerify: true } })],
  ['insecureSkipVerify mutual', tp({ tls: { mode: 'MUTUAL', insecureSkipVerify: true, credentialName: 'c', caCertificates: '/ca' } }),
    ['cannot specify CaCertificates or SubjectAltNames when InsecureSkipVerify is set true', 'cannot specify client certificates or CA certificate or CA CRL If credentialName is set'],
    tp({ tls: { mode: 'MUTUAL', insecureSkipVerify: true, credentialName: 'c' } })],
  ['configmap credentialName namespace', tp({ tls: { mode: 'SIMPLE', credentialName: 'configmap://other/ca' } }),
    ['invalid configmap:// credentialName: namespace must match the configuration namespace "default"'], tp({ tls: { mode: 'SIMPLE', credentialName: 'configmap://default/ca' } })],
  ['configmap credentialName form', tp({ tls: { mode: 'SIMPLE', credentialName: 'configmap://ca' } }),
    ['invalid configmap:// credentialName: invalid resource name "configmap://ca". Expected namespace and name'], tp({ tls: { mode: 'SIMPLE', credentialName: 'kubernetes://ca' } })],
  ['port level settings', tp({ portLevelSettings: [{ port: { number: 80 } }, { tls: { mode: 'SIMPLE' } }] }),
    ['port traffic policy must have at least one field', 'portTrafficPolicy must have valid port'], tp({ portLevelSettings: [{ port: { number: 80 }, tls: { mode: 'SIMPLE' } }] })],
  ['port level nested rules', tp({ portLevelSettings: [{ port: { number: 80 }, connectionPool: { tcp: { maxConnections: -2 } } }] }),
    ['max connections must be non-negative'], tp({ portLevelSettings: [{ port: { number: 80 }, connectionPool: { tcp: { maxConnections: 2 } } }] })],
  ['subsets', { subsets: [{ name: 'v1', labels: { 'bad key!': 'x' } }, { name: 'V_2' }, { name: 'v1' }] },
    ['invalid tag key: "bad key!"', 'subset name is invalid: V_2', 'duplicate subset names: v1'], { subsets: [{ name: 'v1', labels: { version: 'v1' } }, { name: 'v2' }] }],
  ['subset traffic policy', { subsets: [{ name: 'v1', trafficPolicy: {} }, null] }, ['traffic policy must have at least one field', 'subset may not be null'],
    { subsets: [{ name: 'v1', trafficPolicy: { tls: { mode: 'DISABLE' } } }] }],
  ['exportTo', { exportTo: ['default', '.', 'bad_ns'] }, ['duplicate entries in exportTo: . and current namespace default', 'only .,*, or a valid DNS 1123 label is allowed as exportTo entry'], { exportTo: ['.', 'other'] }],
  ['workload selector with exportTo', { workloadSelector: { matchLabels: { app: 'a' } }, exportTo: ['other'] },
    ['destination rule with workload selector cannot have exportTo beyond current namespace'], { workloadSelector: { matchLabels: { app: 'a' } }, exportTo: ['.'] }],
  ['workload selector labels', { workloadSelector: { matchLabels: { app: 'a*' } } }, ['wildcard is not supported in selector: "app=a*"'], { workloadSelector: { matchLabels: { app: 'a' } } }],
];

describe('DestinationRule semantic rules (Istio ValidateDestinationRule)', () => {
  for (const [rule, bad, expected, good] of cases) {
    it(`${rule}: rejected with Istio's message`, () => {
      expect(errors(bad)).toEqual(expected);
    });
    it(`${rule}: accepted when satisfied`, () => {
      expect(errors(good)).toEqual([]);
    });
  }

  it('warns on deprecated fields and failover without outlier detection', () => {
    expect(warnings(tp({ outlierDetection: { consecutiveErrors: 5 } }))).toEqual(['outlier detection consecutive errors is deprecated, use consecutiveGatewayErrors or consecutive5xxErrors instead']);
    expect(warnings(tp({ loadBalancer: { consistentHash: { useSourceIp: true, minimumRingSize: 1024 } } }))).toEqual(["consistent hash MinimumRingSize is deprecated, use ConsistentHashLB's RingHash configuration instead"]);
    expect(warnings(tp({ loadBalancer: { localityLbSetting: { failover: [{ from: 'a', to: 'b' }] } } }))).toEqual(['outlier detection policy must be provided for failover']);
    expect(warnings({ workloadSelector: {} })).toEqual(['workload selector specified without labels']);
    expect(warnings(tp({ outlierDetection: { consecutive5xxErrors: 5 }, loadBalancer: { localityLbSetting: { failover: [{ from: 'a', to: 'b' }] } } }))).toEqual([]);
  });
});
