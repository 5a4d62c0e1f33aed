import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/analyze/resource.js';
import { validateSemantics } from '../../src/validate/semantic.js';

const base: JsonObject = { hosts: ['api.example.com'], ports: [{ number: 443, name: 'https', protocol: 'HTTPS' }], resolution: 'DNS' };
const se = (spec: JsonObject, labels: Record<string, string> = {}) => validateSemantics('ServiceEntry', 'se', 'default', { ...base, ...spec }, labels);
const errors = (spec: JsonObject, labels?: Record<string, string>): string[] => se(spec, labels).errors.map((e) => e.message);
const warnings = (spec: JsonObject, labels?: Record<string, string>): string[] => se(spec, labels).warnings.map((e) => e.message);
const we = (kind: string, spec: JsonObject) => validateSemantics(kind, 'w', 'default', spec);

// [rule, invalid spec, exact errors, the same rule satisfied]
const seCases: Array<[string, JsonObject, string[], JsonObject]> = [
  ['hosts required', { hosts: [] }, ['service entry must have at least one host'], { hosts: ['a.example.com'] }],
  ['full wildcard host', { hosts: ['*'], resolution: 'NONE' }, ['invalid host *'], { hosts: ['*.example.com'], resolution: 'NONE' }],
  ['host syntax', { hosts: ['bad_host.com'], resolution: 'NONE' }, ['domain name "bad_host.com" invalid (label "bad_host" invalid)'], { hosts: ['good-host.com'], resolution: 'NONE' }],
  ['selector wildcard stops validation', { workloadSelector: { labels: { app: '*' } }, hosts: [] }, ['wildcard is not supported in selector: "app=*"'], { workloadSelector: { labels: { app: 'a' } }, resolution: 'STATIC' }],
  ['selector with endpoints', { resolution: 'STATIC', workloadSelector: { labels: { app: 'a' } }, endpoints: [{ address: '1.1.1.1' }] },
    ['only one of WorkloadSelector or Endpoints is allowed in Service Entry'], { resolution: 'STATIC', endpoints: [{ address: '1.1.1.1' }] }],
  ['addresses', { addresses: ['10.0.0.300'], resolution: 'STATIC' }, ['10.0.0.300 is not a valid IP'], { addresses: ['10.0.0.3'], resolution: 'STATIC' }],
  ['CIDR needs NONE/STATIC', { addresses: ['10.0.0.0/8'] }, ['CIDR addresses are allowed only for NONE/STATIC resolution types'], { addresses: ['10.0.0.0/8'], resolution: 'NONE' }],
  ['duplicate ports', { ports: [{ number: 80, name: 'http', protocol: 'HTTP' }, { number: 80, name: 'http', protocol: 'HTTP' }] },
    ['service entry port name "http" already defined', 'service entry port 80 already defined'], { ports: [{ number: 80, name: 'http', protocol: 'HTTP' }, { number: 81, name: 'http2', protocol: 'HTTP' }] }],
  ['port name, protocol, number and target port', { ports: [{ number: 0, name: 'Bad_Name', protocol: 'FTP', targetPort: 70000 }] },
    ['port number 70000 must be in the range 1..65535', 'invalid port name: Bad_Name', 'unsupported protocol: FTP', 'port number 0 must be in the range 1..65535'],
    { ports: [{ number: 21, name: 'ftp', protocol: 'TCP', targetPort: 2121 }] }],
  ['NONE with endpoints', { resolution: 'NONE', endpoints: [{ address: '1.1.1.1' }] }, ['no endpoints should be provided for resolution type none'], { resolution: 'NONE' }],
  ['STATIC endpoints are IPs with declared ports', { resolution: 'STATIC', endpoints: [{ address: 'host.example.com', ports: { grpc: 9000 } }] },
    ['endpoint address "host.example.com" is not a valid IP address', 'endpoint port 9000 is not defined by the service entry'],
    { resolution: 'STATIC', endpoints: [{ address: '2001:db8::1', ports: { https: 9443 } }] }],
  ['STATIC unix endpoint', { resolution: 'STATIC', ports: [{ number: 1, name: 'a', protocol: 'HTTP' }, { number: 2, name: 'b', protocol: 'HTTP' }], endpoints: [{ address: 'unix://rel/sock', ports: { a: 1 } }] },
    ['rel/sock is not an absolute path to a file', 'unix endpoint unix://rel/sock must not include ports', 'exactly 1 service port required for unix endpoints'],
    { resolution: 'STATIC', endpoints: [{ address: 'unix:///var/run/app.sock' }] }],
  ['STATIC nil endpoint', { resolution: 'STATIC', endpoints: [null] }, ['endpoint cannot be nil'], { resolution: 'STATIC', endpoints: [] }],
  ['DNS without endpoints needs FQDN hosts', { hosts: ['*.example.com'] },
    ['hosts must be FQDN or contain only prefix wildcards if no endpoints are provided for resolution mode DNS, domain name "*.example.com" invalid (label "*" invalid)'],
    { hosts: ['*.example.com'], endpoints: [{ address: 'lb.example.com' }] }],
  ['DNS endpoint address and labels', { endpoints: [{ address: 'bad_addr', labels: { 'a/b/c': 'x' } }] },
    ['endpoint address "bad_addr" is not a valid FQDN or an IP address', 'invalid tag key: "a/b/c"'], { endpoints: [{ address: 'lb.example.com', labels: { app: 'x' } }] }],
  ['DNS_ROUND_ROBIN endpoints', { resolution: 'DNS_ROUND_ROBIN', endpoints: [{ address: 'a.com' }, { address: 'b.com' }] },
    ['there must only be 0 or 1 endpoint for resolution mode DNS_ROUND_ROBIN'], { resolution: 'DNS_ROUND_ROBIN', endpoints: [{ address: 'a.com' }] }],
  ['DYNAMIC_DNS', { resolution: 'DYNAMIC_DNS', hosts: ['a.example.com'], addresses: ['1.2.3.4'], endpoints: [{ address: '1.1.1.1' }], ports: [{ number: 3306, name: 'db', protocol: 'MYSQL' }] },
    ['host must be wildcarded for resolution mode DYNAMIC_DNS',
      'addresses cannot be set for resolution type DYNAMIC_DNS. HTTP route domains will only be generatedfrom the hosts field values',
      'endpoints cannot be set for resolution type DYNAMIC_DNS. Destination IP address determined from hostsfield values',
      'only HTTP, TLS, GRPC, and HTTP2 protocols are supported for resolution type DYNAMIC_DNS'],
    { resolution: 'DYNAMIC_DNS', hosts: ['*.example.com'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] }],
  ['DYNAMIC_DNS internal with waypoint', { resolution: 'DYNAMIC_DNS', hosts: ['*.example.com'], location: 'MESH_INTERNAL', ports: [{ number: 80, name: 'http', protocol: 'HTTP' }] },
    ['location MESH_INTERNAL with resolution type DYNAMIC_DNS is not supported when using waypoints'],
    { resolution: 'DYNAMIC_DNS', hosts: ['*.example.com'], location: 'MESH_EXTERNAL', ports: [{ number: 80, name: 'http', protocol: 'HTTP' }] }],
  ['multiple hosts with TCP', { hosts: ['a.com', 'b.com'], ports: [{ number: 5432, name: 'pg', protocol: 'TCP' }] },
    ['multiple hosts provided with non-HTTP, non-TLS ports'], { hosts: ['a.com', 'b.com'], ports: [{ number: 5432, name: 'pg', protocol: 'TCP' }], resolution: 'NONE' }],
  ['exportTo ~ only alone', { exportTo: ['~', 'other'] }, ['cannot export service entry to no one (~) and someone'], { exportTo: ['~'] }],
];

describe('ServiceEntry semantic rules (Istio ValidateServiceEntry)', () => {
  for (const [rule, bad, expected, good] of seCases) {
    const labels = rule.includes('waypoint') ? { 'istio.io/use-waypoint': 'wp' } : {};
    it(`${rule}: rejected with Istio's message`, () => expect(errors(bad, labels)).toEqual(expected));
    it(`${rule}: accepted when satisfied`, () => expect(errors(good, labels)).toEqual([]));
  }
  it('warnings: empty selector, partial wildcard, NONE with selector, TCP without addresses, multi-host TCP with addresses', () => {
    expect(warnings({ workloadSelector: {}, resolution: 'STATIC' })).toEqual(['service entry: workload selector specified without labels, will be applied to all services in namespace']);
    expect(warnings({ hosts: ['a*.example.com'], resolution: 'NONE', ports: [] })).toEqual(['partial wildcard "a*.example.com" not allowed']);
    expect(warnings({ resolution: 'NONE', workloadSelector: { labels: { app: 'a' } }, ports: [{ number: 80, name: 'h', protocol: 'HTTP' }] })).toEqual(['workloadSelector should not be set when resolution mode is NONE']);
    expect(warnings({ resolution: 'NONE', ports: [{ number: 5432, name: 'pg' }] })).toEqual(['addresses are required for ports serving TCP (or unset) protocol when IP Autoallocation is not enabled']);
    expect(warnings({ ports: [{ number: 5432, name: 'pg' }] }, { 'networking.istio.io/enable-autoallocate-ip': 'false' })).toEqual(['addresses are required for ports serving TCP (or unset) protocol when IP Autoallocation is not enabled']);
    expect(warnings({ ports: [{ number: 5432, name: 'pg' }] })).toEqual([]);
    expect(warnings({ hosts: ['a.com', 'b.com'], addresses: ['1.1.1.1'], ports: [{ number: 443, name: 'tls', protocol: 'TLS' }] })).toEqual(['service entry can not have more than one host specified simultaneously with address and tcp port']);
    expect(warnings({ hosts: ['a.com', 'b.com'], addresses: ['1.1.1.1'], ports: [{ number: 80, name: 'http', protocol: 'HTTP' }] })).toEqual([]);
  });
});

const weCases: Array<[string, JsonObject, string[], JsonObject]> = [
  ['address required', {}, ['address is required'], { address: '10.0.0.1' }],
  ['address syntax', { address: 'bad_addr' }, ['endpoint address "bad_addr" is not a valid FQDN or an IP address'], { address: 'vm.example.com' }],
  ['unix address', { address: 'unix://' }, ['unix address must not be empty'], { address: 'unix://@abstract' }],
  ['ports', { address: '10.0.0.1', ports: { 'http_x': 0 } }, ['invalid port name: http_x', 'port number 0 must be in the range 1..65535'], { address: '10.0.0.1', ports: { http: 8080 } }],
  ['labels', { address: '10.0.0.1', labels: { app: 'bad value' } }, ['invalid tag value: "bad value"'], { address: '10.0.0.1', labels: { app: 'good' } }],
];
const wgCases: Array<[string, JsonObject, string[], JsonObject]> = [
  ['template required', {}, ['template is required'], { template: {} }],
  ['metadata labels', { template: {}, metadata: { labels: { 'bad key': 'x' } } }, ['invalid labels: 1 error occurred:\n\t* invalid tag key: "bad key"\n\n'], { template: {}, metadata: { labels: { app: 'x' } } }],
  ['probe numbers', { template: {}, probe: { periodSeconds: -1, initialDelaySeconds: -1, timeoutSeconds: -1, successThreshold: -1, failureThreshold: -1, tcpSocket: { port: 80 } } },
    ['periodSeconds must be non-negative', 'initialDelaySeconds must be non-negative', 'timeoutSeconds must be non-negative', 'successThreshold must be non-negative', 'failureThreshold must be non-negative'],
    { template: {}, probe: { periodSeconds: 5, tcpSocket: { port: 80 } } }],
  ['httpGet probe', { template: {}, probe: { httpGet: { port: 0, scheme: 'FTP', httpHeaders: [{ name: 'x_y' }, null] } } },
    ['port number 0 must be in the range 1..65535', 'httpGet.scheme must be one of "HTTPS", "HTTP"', 'header name x_y is not a valid header name', 'invalid nil header'],
    { template: {}, probe: { httpGet: { port: 8080, scheme: 'HTTPS', httpHeaders: [{ name: 'x-y', value: 'z' }] } } }],
  ['tcpSocket probe', { template: {}, probe: { tcpSocket: { port: 65536 } } }, ['port number 65536 must be in the range 1..65535'], { template: {}, probe: { tcpSocket: { port: 3306 } } }],
  ['exec probe', { template: {}, probe: { exec: { command: [] } } }, ['exec.command is required'], { template: {}, probe: { exec: { command: ['true'] } } }],
  ['probe method', { template: {}, probe: { periodSeconds: 3 } }, ['unknown health check method <nil>'], { template: {} }],
];

describe('WorkloadEntry and WorkloadGroup semantic rules', () => {
  for (const [kind, cases] of [['WorkloadEntry', weCases], ['WorkloadGroup', wgCases]] as const) {
    for (const [rule, bad, expected, good] of cases) {
      it(`${kind} ${rule}: rejected with Istio's message`, () => expect(we(kind, bad).errors.map((e) => e.message)).toEqual(expected));
      it(`${kind} ${rule}: accepted when satisfied`, () => expect(we(kind, good).errors.map((e) => e.message)).toEqual([]));
    }
  }
  it('WorkloadEntry without address but with a network only warns', () => {
    const r = we('WorkloadEntry', { network: 'net1' });
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.message)).toEqual(['address is unset with network "net1"']);
  });
});
