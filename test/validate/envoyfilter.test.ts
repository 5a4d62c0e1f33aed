import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../src/analyze/resource.js';
import { validateSemantics } from '../../src/validate/semantic.js';

const run = (spec: JsonObject) => validateSemantics('EnvoyFilter', 'ef', 'ns', spec);
const errors = (spec: JsonObject): string[] => run(spec).errors.map((e) => e.message);
const INTERNALS = 'EnvoyFilter exposes internal implementation details that may change at any time. Prefer other APIs if possible, and exercise extreme caution, especially around upgrades.';
/** Warnings other than the one every EnvoyFilter gets. */
const warnings = (spec: JsonObject): string[] => run(spec).warnings.map((w) => w.message).filter((w) => w !== INTERNALS);
const patch = (p: JsonObject): JsonObject => ({ configPatches: [p] });
const ROUTER = { name: 'envoy.filters.http.router', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router' } };
const HCM_MATCH = { listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager' } } } };
const LUA = { '@type': 'type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua', inlineCode: 'function envoy_on_request(h) end' };

// [rule, invalid spec, exact errors, the same rule satisfied]
const cases: Array<[string, JsonObject, string[], JsonObject]> = [
  ['selector wildcard', { workloadSelector: { labels: { app: '*' } } }, ['wildcard is not supported in selector: "app=*"'], { workloadSelector: { labels: { app: 'a' } } }],
  ['null patch', { configPatches: [null] }, ['Envoy filter: null config patch'], { configPatches: [] }],
  ['applyTo required', patch({ patch: { operation: 'MERGE', value: {} } }), ['Envoy filter: missing applyTo'], patch({ applyTo: 'CLUSTER', patch: { operation: 'MERGE', value: {} } })],
  ['INVALID applyTo', patch({ applyTo: 'INVALID', patch: { operation: 'MERGE', value: {} } }), ['Envoy filter: missing applyTo'], patch({ applyTo: 'LISTENER', patch: { operation: 'MERGE', value: {} } })],
  ['patch required', patch({ applyTo: 'CLUSTER' }), ['Envoy filter: missing patch'], patch({ applyTo: 'CLUSTER', patch: { operation: 'REMOVE' } })],
  ['operation required', patch({ applyTo: 'CLUSTER', patch: { value: {} } }), ['Envoy filter: missing patch operation'], patch({ applyTo: 'CLUSTER', patch: { operation: 'MERGE', value: {} } })],
  ['value required unless REMOVE', patch({ applyTo: 'HTTP_FILTER', patch: { operation: 'INSERT_BEFORE' } }), ['Envoy filter: missing patch value for non-remove operation'],
    patch({ applyTo: 'HTTP_FILTER', patch: { operation: 'REMOVE' } })],
  ['proxy version regex', patch({ applyTo: 'CLUSTER', match: { proxy: { proxyVersion: '1.2++' } }, patch: { operation: 'MERGE', value: {} } }),
    ['Envoy filter: invalid regex for proxy version, [error parsing regexp: invalid nested repetition operator: `++`]'],
    patch({ applyTo: 'CLUSTER', match: { proxy: { proxyVersion: '^1\\.2.*' } }, patch: { operation: 'MERGE', value: {} } })],
  ['listener class needs a listener match', patch({ applyTo: 'LISTENER', match: { cluster: { service: 'a' } }, patch: { operation: 'MERGE', value: {} } }),
    ['Envoy filter: applyTo for listener class objects cannot have non listener match'], patch({ applyTo: 'LISTENER', match: { listener: { portNumber: 80 } }, patch: { operation: 'MERGE', value: {} } })],
  ['filter match needs a name', patch({ applyTo: 'NETWORK_FILTER', match: { listener: { filterChain: { filter: { subFilter: { name: 'x' } } } } }, patch: { operation: 'REMOVE' } }),
    ['Envoy filter: filter match has no name to match on'], patch({ applyTo: 'NETWORK_FILTER', match: { listener: { filterChain: { filter: { name: 'envoy.filters.network.tcp_proxy' } } } }, patch: { operation: 'REMOVE' } })],
  ['subfilter only with HTTP_FILTER', patch({ applyTo: 'NETWORK_FILTER', match: { listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } } } } }, patch: { operation: 'REMOVE' } }),
    ['Envoy filter: subfilter match can be used with applyTo HTTP_FILTER only'],
    patch({ applyTo: 'HTTP_FILTER', match: { listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } } } } }, patch: { operation: 'REMOVE' } })],
  ['subfilter needs the HTTP connection manager', patch({ applyTo: 'HTTP_FILTER', match: { listener: { filterChain: { filter: { name: 'envoy.filters.network.tcp_proxy', subFilter: { name: 'envoy.filters.http.router' } } } } }, patch: { operation: 'REMOVE' } }),
    ['Envoy filter: subfilter match requires filter match with envoy.filters.network.http_connection_manager'],
    patch({ applyTo: 'HTTP_FILTER', match: { listener: { filterChain: { filter: { name: 'envoy.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } } } } }, patch: { operation: 'REMOVE' } })],
  ['subfilter needs a name', patch({ applyTo: 'HTTP_FILTER', match: { listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: {} } } } }, patch: { operation: 'REMOVE' } }),
    ['Envoy filter: subfilter match has no name to match on'],
    patch({ applyTo: 'HTTP_FILTER', match: { listener: { filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.cors' } } } } }, patch: { operation: 'REMOVE' } })],
  ['route class needs a route configuration match', patch({ applyTo: 'VIRTUAL_HOST', match: { listener: {} }, patch: { operation: 'MERGE', value: {} } }),
    ['Envoy filter: applyTo for http route class objects cannot have non route configuration match'],
    patch({ applyTo: 'HTTP_ROUTE', match: { routeConfiguration: { vhost: { name: 'a:80' } } }, patch: { operation: 'MERGE', value: {} } })],
  ['cluster class needs a cluster match', patch({ applyTo: 'CLUSTER', match: { routeConfiguration: {} }, patch: { operation: 'MERGE', value: {} } }),
    ['Envoy filter: applyTo for cluster class objects cannot have non cluster match'], patch({ applyTo: 'CLUSTER', match: { cluster: { service: 'a.ns.svc.cluster.local' } }, patch: { operation: 'MERGE', value: {} } })],
  ['value name is a string', patch({ applyTo: 'CLUSTER', match: { cluster: {} }, patch: { operation: 'ADD', value: { name: false } } }),
    ['Envoy filter: json: cannot unmarshal bool into Go value of type string'], patch({ applyTo: 'CLUSTER', match: { cluster: {} }, patch: { operation: 'ADD', value: { name: 'c' } } })],
  ['value name as a number', patch({ applyTo: 'LISTENER', patch: { operation: 'ADD', value: { name: 8080 } } }),
    ['Envoy filter: json: cannot unmarshal number into Go value of type string'], patch({ applyTo: 'BOOTSTRAP', patch: { operation: 'MERGE', value: { name: 8080 } } })],
  ['v2 types are gone', patch({ applyTo: 'NETWORK_FILTER', match: { listener: { filterChain: { name: 'envoy.tcp_proxy' } } }, patch: { operation: 'INSERT_FIRST', value: { typed_config: { '@type': 'type.googleapis.com/envoy.config.filter.network.ext_authz.v2.ExtAuthz' } } } }),
    ['referenced type unknown (hint: try using the v3 XDS API): Envoy filter: could not resolve Any message type: type.googleapis.com/envoy.config.filter.network.ext_authz.v2.ExtAuthz'],
    patch({ applyTo: 'NETWORK_FILTER', match: { listener: { filterChain: { name: 'envoy.tcp_proxy' } } }, patch: { operation: 'INSERT_FIRST', value: { name: 'envoy.filters.network.ext_authz', typed_config: { '@type': 'type.googleapis.com/envoy.extensions.filters.network.ext_authz.v3.ExtAuthz' } } } })],
  ['unversioned envoy types', patch({ applyTo: 'HTTP_ROUTE', patch: { operation: 'MERGE', value: { typed_per_filter_config: { a: { '@type': 'type.googleapis.com/envoy.type.matcher.StringMatcher' } } } } }),
    ['referenced type unknown: Envoy filter: could not resolve Any message type: type.googleapis.com/envoy.type.matcher.StringMatcher'],
    patch({ applyTo: 'HTTP_ROUTE', patch: { operation: 'MERGE', value: { typed_per_filter_config: { a: { '@type': 'type.googleapis.com/envoy.type.matcher.v3.StringMatcher' } } } } })],
];

describe('EnvoyFilter semantic validation (Istio ValidateEnvoyFilter)', () => {
  for (const [name, bad, expected, good] of cases) {
    it(`${name}: rejected`, () => expect(errors(bad)).toEqual(expected));
    it(`${name}: accepted when satisfied`, () => expect(errors(good)).toEqual([]));
  }
  it('every EnvoyFilter warns that it exposes internals, except one rejected for its selector', () => {
    expect(run({}).warnings.map((w) => w.message)).toEqual([INTERNALS]);
    expect(run({ workloadSelector: { labels: { '': 'x' } } })).toEqual({ errors: [{ message: 'empty key is not supported in selector: "=x"', path: '{.spec.workloadSelector.labels}' }], warnings: [] });
  });
  it('a selector without labels applies to the whole namespace (warning)', () => {
    expect(warnings({ workloadSelector: {} })).toEqual(['Envoy filter: workload selector specified without labels, will be applied to all services in namespace']);
    expect(warnings({ workloadSelector: { labels: { app: 'a' } } })).toEqual([]);
  });
  it('waypoint patches are not checked', () => {
    expect(errors(patch({ match: { context: 'WAYPOINT' } }))).toEqual([]);
  });
  it('only the first problem of a patch is reported, the other patches are still checked', () => {
    expect(errors({ configPatches: [{ applyTo: 'CLUSTER' }, { patch: {} }, { applyTo: 'LISTENER', patch: { operation: 'ADD' } }] })).toEqual([
      'Envoy filter: missing patch', 'Envoy filter: missing applyTo', 'Envoy filter: missing patch value for non-remove operation',
    ]);
  });
  it('a filter match with LISTENER or FILTER_CHAIN has no effect (warning)', () => {
    expect(warnings(patch({ applyTo: 'FILTER_CHAIN', match: HCM_MATCH, patch: { operation: 'REMOVE' } }))).toEqual(['Envoy filter: filter match has no effect when used with FILTER_CHAIN']);
    expect(warnings(patch({ applyTo: 'NETWORK_FILTER', match: HCM_MATCH, patch: { operation: 'REMOVE' } }))).toEqual([]);
  });
  it('deprecated filter names in matches warn with their replacement', () => {
    const m = { listener: { filterChain: { filter: { name: 'envoy.http_connection_manager', subFilter: { name: 'envoy.router' } } } } };
    expect(warnings(patch({ applyTo: 'HTTP_FILTER', match: m, patch: { operation: 'INSERT_BEFORE', value: { name: 'envoy.lua', typed_config: LUA } } }))).toEqual([
      'using deprecated filter name "envoy.http_connection_manager"; use "envoy.filters.network.http_connection_manager" instead',
      'using deprecated filter name "envoy.router"; use "envoy.filters.http.router" instead',
    ]);
    expect(warnings(patch({ applyTo: 'NETWORK_FILTER', match: { listener: { filterChain: { filter: { name: 'envoy.ext_authz' } } } }, patch: { operation: 'REMOVE' } }))).toEqual([
      'using deprecated filter name "envoy.ext_authz"; use "envoy.filters.network.ext_authz" instead',
    ]);
  });
  it('filters named without typed_config warn (config_discovery and camelCase typedConfig count)', () => {
    const http = (value: JsonObject) => warnings(patch({ applyTo: 'HTTP_FILTER', match: HCM_MATCH, patch: { operation: 'INSERT_BEFORE', value } }));
    expect(http({ name: 'envoy.filters.http.router' })).toEqual(['using deprecated types by name without typed_config; envoy.filters.http.router']);
    expect(http({})).toEqual(['using deprecated types by name without typed_config; ']);
    expect(http(ROUTER)).toEqual([]);
    expect(http({ name: 'lua', typedConfig: LUA })).toEqual([]);
    expect(http({ name: 'ecds', config_discovery: { config_source: { ads: {} }, type_urls: ['x'] } })).toEqual([]);
    const listener = { name: 'l', filter_chains: [{ filters: [{ name: 'a' }, { name: 'b', typed_config: LUA }], transport_socket: { name: 'tls' } }], listener_filters: [{ name: 'envoy.filters.listener.tls_inspector' }] };
    expect(warnings(patch({ applyTo: 'LISTENER', patch: { operation: 'ADD', value: listener } }))).toEqual(['using deprecated types by name without typed_config; a, tls, envoy.filters.listener.tls_inspector']);
    expect(warnings(patch({ applyTo: 'CLUSTER', patch: { operation: 'ADD', value: { name: 'c', transportSocket: { name: 'envoy.transport_sockets.tls' } } } }))).toEqual(['using deprecated types by name without typed_config; envoy.transport_sockets.tls']);
  });
  it('a complete, typical EnvoyFilter has only the standing warning', () => {
    const spec = {
      workloadSelector: { labels: { app: 'reviews' } },
      configPatches: [{ applyTo: 'HTTP_FILTER', match: { context: 'SIDECAR_INBOUND', listener: { portNumber: 8080, filterChain: { filter: { name: 'envoy.filters.network.http_connection_manager', subFilter: { name: 'envoy.filters.http.router' } } } } }, patch: { operation: 'INSERT_BEFORE', value: { name: 'envoy.lua', typed_config: LUA } } }],
      priority: -1,
    };
    expect(run(spec)).toEqual({ errors: [], warnings: [{ message: INTERNALS }] });
  });
});
