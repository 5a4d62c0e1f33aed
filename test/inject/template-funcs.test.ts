/**
 * Istio's injection template functions, executed through the template engine with sprig
 * underneath, where their semantics differ from sprig's or need Go's encoding.
 */
import { describe, expect, it } from 'vitest';
import { renderTemplate, fromJS, type GoValue } from '../../src/gotemplate/index.js';
import { sprigFuncs } from '../../src/gotemplate/sprig.js';
import { injectionFuncs } from '../../src/inject/template-funcs.js';
import { k8sView } from '../../src/inject/k8s/view.js';
import { normalize, type JsonObject } from '../../src/inject/k8s/codec.js';
import { meshConfigView, proxyConfigView } from '../../src/inject/template-data.js';
import { defaultMeshConfig } from '../../src/inject/mesh.js';
import { GoStruct } from '../../src/gotemplate/value.js';

const funcs = { ...Object.fromEntries(sprigFuncs()), ...injectionFuncs({ FROM_ENV: 'set' }) };
const render = (text: string, data: GoValue = null): string => renderTemplate(text, data, { funcs });

const pod = normalize('core.Pod', {
  metadata: { name: 'p', annotations: { 'a/b': 'x', 'multus': 'net1' }, labels: { app: 'web', 'app.kubernetes.io/version': '' } },
  spec: {
    containers: [
      { name: 'web', image: 'reg/web:1.2@sha256:abc', ports: [{ name: 'http', containerPort: 8080 }, { containerPort: 53, protocol: 'UDP' }, { containerPort: 9000, protocol: 'SCTP' }] },
      { name: 'istio-proxy', image: 'p', ports: [{ containerPort: 15090, protocol: 'TCP' }] },
    ],
  },
}) as JsonObject;
const data = new GoStruct(
  'data',
  new Map<string, GoValue>([
    ['ObjectMeta', k8sView('meta.ObjectMeta', pod['metadata'] as JsonObject)],
    ['Spec', k8sView('core.PodSpec', pod['spec'] as JsonObject)],
    ['ProxyConfig', proxyConfigView({ ...(defaultMeshConfig()['defaultConfig'] as Record<string, unknown>), drainDuration: '90.5s', proxyMetadata: { B: '2', A: '1' } })],
    ['MeshConfig', meshConfigView({ ...defaultMeshConfig(), extensionProviders: [{ name: 'otel', opentelemetry: { serviceAttributeEnrichment: 'OTEL_SEMANTIC_CONVENTIONS' } }] })],
    ['Nil', null],
    ['M', fromJS({ a: 1, n: null, nested: { x: null, y: [null, 2] } })],
    // a nil only two levels down, with no key dropped one level down (the proxy's resources with cpu: null)
    ['R', fromJS({ limits: { cpu: null, memory: '500Mi' }, requests: { cpu: null, memory: '150Mi' }, keep: { a: [1, { b: null }] }, gone: { c: null } })],
  ]),
);

describe('Istio template functions', () => {
  it('annotation, isset, valueOrDefault', () => {
    expect(render('{{ annotation .ObjectMeta "a/b" "d" }}|{{ annotation .ObjectMeta "none" 15020 }}', data)).toBe('x|15020');
    expect(render('{{ annotation .ObjectMeta "i" .ProxyConfig.InterceptionMode }}', data)).toBe('REDIRECT');
    expect(render('{{ isset .ObjectMeta.Annotations "a/b" }} {{ isset .ObjectMeta.Annotations "zz" }}', data)).toBe('true false');
    expect(render('{{ valueOrDefault "" "d" }} {{ valueOrDefault "v" "d" }} {{ valueOrDefault .Nil "d" }}', data)).toBe('d v d');
  });
  it('port helpers skip UDP/SCTP and the proxy', () => {
    expect(render('{{ includeInboundPorts .Spec.Containers }}', data)).toBe('8080,15090');
    expect(render('{{ applicationPorts .Spec.Containers }}', data)).toBe('8080');
    expect(render('{{ excludeInboundPort 15020 "" }}|{{ excludeInboundPort 15020 "1, 2" }}|{{ excludeInboundPort "15020" "15020" }}|{{ excludeInboundPort 0 "9" }}', data)).toBe('15020|1,2,15020|15020|9');
  });
  it('JSON functions print as Go does', () => {
    expect(render('{{ toJSON .ObjectMeta.Annotations }}|{{ toJSON .Nil }}', data)).toBe('{"a/b":"x","multus":"net1"}|{}');
    expect(render('{{ range .Spec.Containers }}{{ range .Ports }}{{ structToJSON . }};{{ end }}{{ end }}', data)).toBe('{"name":"http","containerPort":8080};{"containerPort":53,"protocol":"UDP"};{"containerPort":9000,"protocol":"SCTP"};{"containerPort":15090,"protocol":"TCP"};');
    expect(render('{{ structToJSON .Nil }}', data)).toBe('{}');
    expect(render('{{ protoToJSON .ProxyConfig }}', data)).toBe('{"drainDuration":"90.5s","proxyMetadata":{"A":"1","B":"2"}}');
    expect(render('{{ toJsonMap (strdict "b" "<2>" "a") (dict "c" "3") }}|{{ toJsonMap }}', data)).toBe('{"a":"","b":"\\u003c2\\u003e","c":"3"}|null');
    expect(render('{{ (fromJSON "{\\"k\\": [1, 2]}").k | len }}|{{ fromJSON "not json" }}', data)).toBe('2|{}');
  });
  it('maps: strdict, omit, mergeMaps, omitNil', () => {
    expect(render('{{ omit (strdict "a" "1" "b" "2" "c" "3") "b" "c" | toJSON }}', data)).toBe('{"a":"1"}');
    expect(render('{{ mergeMaps (strdict "a" "1") (strdict "a" "2" "b" "3") | toJSON }}', data)).toBe('{"a":"2","b":"3"}');
    expect(render('{{ omitNil .M | toJson }}', data)).toBe('{"a":1,"nested":{"y":[2]}}');
    expect(render('{{ omitNil .R | toJson }}', data)).toBe('{"keep":{"a":[1]},"limits":{"memory":"500Mi"},"requests":{"memory":"150Mi"}}');
  });
  it('toYaml keeps the trailing newline; indent leaves the first line', () => {
    expect(render('{{ toYaml (dict "b" 1 "a" (list "x")) }}', data)).toBe('a:\n- x\nb: 1\n');
    expect(render('[{{ indent 2 "a\\nb\\nc" }}]', data)).toBe('[a\n  b\n  c]');
  });
  it('strings: contains is flipped, toLower, directory, env, formatDuration', () => {
    expect(render('{{ contains "ell" "hello" }} {{ contains "hello" "ell" }}', data)).toBe('true false');
    expect(render('{{ toLower "ABC" }} {{ directory "/etc/certs/ca.pem" }} {{ directory "file" }}.', data)).toBe('abc /etc/certs/ .');
    expect(render('{{ env "FROM_ENV" "d" }} {{ env "UNSET" "d" }}', data)).toBe('set d');
    expect(render('{{ formatDuration .ProxyConfig.DrainDuration }} {{ formatDuration .ProxyConfig.TerminationDrainDuration }}', data)).toBe('1m30.5s 5s');
  });
  it('appendMultusNetwork on lists and JSON', () => {
    expect(render('{{ appendMultusNetwork "" "default/istio-cni" }}', data)).toBe('default/istio-cni');
    expect(render('{{ appendMultusNetwork "alt_cni" "default/istio-cni" }}', data)).toBe('alt_cni, default/istio-cni');
    expect(render('{{ appendMultusNetwork "a, default/istio-cni" "default/istio-cni" }}', data)).toBe('a, default/istio-cni');
    expect(render(`{{ appendMultusNetwork "[{\\"name\\": \\"a\\"}]" "default/istio-cni" }}`, data)).toBe('[{"name": "a"}, {"name": "istio-cni", "namespace": "default"}]');
    expect(render(`{{ appendMultusNetwork "[{\\"name\\": \\"istio-cni\\", \\"namespace\\": \\"default\\"}]" "default/istio-cni" }}`, data)).toBe('[{"name": "istio-cni", "namespace": "default"}]');
  });
  it('otelResourceAttributes with semantic conventions enabled', () => {
    expect(render('{{ otelResourceAttributes .MeshConfig .ObjectMeta.Annotations .ObjectMeta.Labels "shop" (slice .Spec.Containers 0 1) }}', data)).toBe(
      'service.namespace=shop,service.version=1.2@sha256:abc,service.instance.id=shop.$(POD_NAME).web',
    );
    const off = new GoStruct('d', new Map<string, GoValue>([['MeshConfig', meshConfigView(defaultMeshConfig())], ['Spec', k8sView('core.PodSpec', pod['spec'] as JsonObject)]]));
    expect(render('[{{ otelResourceAttributes .MeshConfig (dict) (dict) "shop" .Spec.Containers }}]', off)).toBe('[]');
  });
});
