/** Sidecar rules of Istio's ValidateSidecar: selector, ingress, egress, outbound traffic policy. */
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/analyze/resource.js';
import { validateSemantics } from '../../src/validate/semantic.js';

const run = (spec: JsonObject) => validateSemantics('Sidecar', 'sc', 'apps', spec);
const errors = (spec: JsonObject) => run(spec).errors.map((e) => e.message);
const warnings = (spec: JsonObject) => run(spec).warnings.map((e) => e.message);
const EGRESS = { egress: [{ hosts: ['./*', 'istio-system/*'] }] };
const ingress = (l: JsonObject): JsonObject => ({ ingress: [{ port: { number: 9080, protocol: 'HTTP', name: 'http' }, ...l }] });

describe('Sidecar', () => {
  it('a typical Sidecar is valid', () => {
    expect(run({ workloadSelector: { labels: { app: 'reviews' } }, ...EGRESS, ...ingress({ defaultEndpoint: '127.0.0.1:8080' }), outboundTrafficPolicy: { mode: 'REGISTRY_ONLY' } })).toEqual({ errors: [], warnings: [] });
  });

  it('an empty Sidecar is refused; an outbound policy or inbound pool alone is enough', () => {
    expect(errors({})).toEqual(['sidecar: empty configuration provided']);
    expect(errors({ outboundTrafficPolicy: { mode: 'ALLOW_ANY' } })).toEqual([]);
    expect(errors({ inboundConnectionPool: { tcp: { maxConnections: 10 } } })).toEqual([]);
  });

  it('selector: wildcards and empty keys end validation; no labels warns', () => {
    expect(errors({ workloadSelector: { labels: { app: 'rev*' } }, egress: [{ hosts: [] }] })).toEqual(['wildcard is not supported in selector: "app=rev*"']);
    expect(warnings({ workloadSelector: {}, ...EGRESS })).toEqual(['sidecar: workload selector specified without labels, will be applied to all services in namespace']);
  });

  it('ingress: port required, unique, name/protocol/number/bind checked', () => {
    expect(errors({ ingress: [{ defaultEndpoint: '127.0.0.1:80' }] })).toEqual(['sidecar: port is required for ingress listeners']);
    expect(errors({ ingress: [{ port: { number: 80, protocol: 'HTTP', name: 'a' } }, { port: { number: 80, protocol: 'HTTP', name: 'b' } }] })).toEqual(['sidecar: ports on IP bound listeners must be unique']);
    expect(errors(ingress({ port: { number: 70000, protocol: 'FOO', name: 'Bad_Name' }, bind: 'nowhere' }))).toEqual([
      'invalid port name: Bad_Name',
      'unsupported protocol: FOO',
      'port number 70000 must be in the range 1..65535',
      'nowhere is not a valid IP',
    ]);
  });

  it('ingress defaultEndpoint: loopback/any host with a numeric port, or a unix socket', () => {
    for (const ok of ['127.0.0.1:8080', '0.0.0.0:8080', '[::1]:8080', '[::]:8080', ':8080', 'unix:///var/run/app.sock']) expect(errors(ingress({ defaultEndpoint: ok }))).toEqual([]);
    expect(errors(ingress({ defaultEndpoint: '1.1.1.1:90' }))).toEqual([
      'sidecar: defaultEndpoint must be of form 127.0.0.1:<port>,0.0.0.0:<port>,[::1]:port,[::]:port,unix://filepath or unset',
    ]);
    expect(errors(ingress({ defaultEndpoint: '127.0.0.1' }))).toEqual([
      'address 127.0.0.1: missing port in address',
      'sidecar: defaultEndpoint port () is not a number: strconv.Atoi: parsing "": invalid syntax',
    ]);
    expect(errors(ingress({ defaultEndpoint: '127.0.0.1:http' }))).toEqual(['sidecar: defaultEndpoint port (http) is not a number: strconv.Atoi: parsing "http": invalid syntax']);
    expect(errors(ingress({ defaultEndpoint: '127.0.0.1:0' }))).toEqual(['port number 0 must be in the range 1..65535']);
    expect(errors(ingress({ defaultEndpoint: 'unix://relative.sock' }))).toEqual(['relative.sock is not an absolute path to a file']);
  });

  it('ingress TLS: only SIMPLE/MUTUAL-style server settings on HTTPS/TLS ports', () => {
    const tls = (t: JsonObject, protocol = 'HTTPS') => errors({ ingress: [{ port: { number: 443, protocol, name: 'https' }, tls: { mode: 'SIMPLE', serverCertificate: '/c', privateKey: '/k', ...t } }] });
    expect(tls({})).toEqual([]);
    expect(tls({ mode: 'ISTIO_MUTUAL', serverCertificate: '', privateKey: '' })).toEqual(['configuration is invalid: cannot set mode to ISTIO_MUTUAL in sidecar ingress tls']);
    expect(tls({ subjectAltNames: ['a'] })).toEqual(['sidecar: subjectAltNames is not supported in ingress tls']);
    expect(tls({ httpsRedirect: true })).toEqual(['sidecar: httpsRedirect is not supported']);
    expect(tls({ credentialName: 'secret', serverCertificate: '', privateKey: '' })).toEqual(['sidecar: credentialName is not currently supported']);
    expect(tls({}, 'HTTP')).toEqual(['server cannot have TLS settings for non HTTPS/TLS ports']);
  });

  it('ingress connection pool: HTTP settings on a non-HTTP port warn', () => {
    const spec = { ingress: [{ port: { number: 3306, protocol: 'TCP', name: 'db' }, connectionPool: { http: { http1MaxPendingRequests: 10 } } }] };
    expect(run(spec).errors).toEqual([]);
    expect(warnings(spec)).toEqual(['sidecar: HTTP connection pool settings are configured for port 3306 ("db") but its protocol is not HTTP (TCP); only TCP settings will apply']);
    expect(errors({ inboundConnectionPool: {} })).toEqual(['connection pool must have at least one field']);
  });

  it('egress: one catch-all listener, last; unique ports and unix binds; capture mode for sockets', () => {
    expect(errors({ egress: [{ hosts: ['*/*'] }, { port: { number: 80, protocol: 'HTTP', name: 'h' }, hosts: ['ns/a.com'] }] })).toEqual([
      'sidecar: the egress listener with empty port should be the last listener in the list',
    ]);
    expect(errors({ egress: [{ hosts: ['*/*'] }, { hosts: ['*/*'] }] })).toEqual(['sidecar: the egress listener with empty port should be the last listener in the list']);
    expect(errors({ egress: [{ hosts: ['a/*'] }, { hosts: ['b/*'] }, { hosts: ['c/*'] }] })).toEqual([
      'sidecar: the egress listener with empty port should be the last listener in the list',
      'sidecar: the egress listener with empty port should be the last listener in the list',
    ]);
    const sock = (bind: string, captureMode?: string): JsonObject => ({ port: { number: 0, protocol: 'HTTP', name: 'uds' }, bind, ...(captureMode ? { captureMode } : {}), hosts: ['ns/a.com'] });
    expect(errors({ egress: [sock('unix:///a.sock'), sock('unix:///a.sock')] })).toEqual(['sidecar: unix domain socket values for listeners must be unique']);
    expect(errors({ egress: [sock('unix:///a.sock', 'IPTABLES')] })).toEqual(['sidecar: captureMode must be DEFAULT/NONE for unix domain socket listeners']);
    expect(errors({ egress: [sock('10.0.0.1')] })).toEqual(['sidecar: ports with 0 value must have a unix domain socket bind address']);
    const tcp = { port: { number: 3306, protocol: 'TCP', name: 'db' }, hosts: ['ns/db.com'] };
    expect(errors({ egress: [tcp, tcp] })).toEqual(['sidecar: ports on IP bound listeners must be unique']);
  });

  it('egress hosts: ns/host form, duplicates and */* with others warn', () => {
    expect(errors({ egress: [{ hosts: [] }] })).toEqual(['sidecar: egress listener must contain at least one host']);
    expect(errors({ egress: [{ hosts: ['bare.com'] }] })).toEqual(['host must be of form namespace/dnsName']);
    expect(warnings({ egress: [{ hosts: ['ns/a.com', 'ns/a.com'] }] })).toEqual(['duplicated egress host: ns/a.com']);
    expect(warnings({ egress: [{ hosts: ['ns/*', 'ns/a.com'] }] })).toEqual(['duplicated egress host: ns/a.com']);
    expect(warnings({ egress: [{ hosts: ['ns/a.com', 'ns/*'] }] })).toEqual(['duplicated egress host: ns/*']);
    // `.` is the Sidecar's own namespace.
    expect(warnings({ egress: [{ hosts: ['./*', 'apps/a.com'] }] })).toEqual(['duplicated egress host: apps/a.com']);
    expect(warnings({ egress: [{ hosts: ['*/*', 'ns/a.com'] }] })).toEqual(['`*/*` host select all resources, no other hosts can be added']);
  });

  it('outbound traffic policy: an egress proxy needs ALLOW_ANY, an FQDN host and a port', () => {
    const proxy = (p: JsonObject, mode = 'ALLOW_ANY') => errors({ outboundTrafficPolicy: { mode, egressProxy: p } });
    expect(proxy({ host: 'foo.bar', port: { number: 443 } })).toEqual([]);
    expect(proxy({ host: 'foo.bar', port: { number: 443 } }, 'REGISTRY_ONLY')).toEqual(['sidecar: egress_proxy must be set only with ALLOW_ANY outbound_traffic_policy mode']);
    expect(proxy({ host: 'foo.bar' })).toEqual(['sidecar: egress_proxy port must be non-nil']);
    expect(proxy({ host: 'foo.bar', port: { number: 0 } })).toEqual(['port number 0 must be in the range 1..65535']);
  });
});
