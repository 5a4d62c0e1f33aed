import { describe, expect, it } from 'vitest';
import { canonicalQuantity, parseQuantity, QuantityError } from '../../src/util/quantity.js';
import { strategicMerge, patchMetaForType, MergeError, type JsonValue, type PatchMeta } from '../../src/util/strategic-merge.js';
import { normalize, DecodeError, structInfo, elementType } from '../../src/inject/k8s/codec.js';
import { splitDocuments, linesOf, StreamSyntaxError } from '../../src/inject/stream.js';
import { applyMeshConfig, defaultMeshConfig, formatGoDuration, mergeProxyConfig, proxyConfigToJSON, MeshConfigError } from '../../src/inject/mesh.js';
import { injectRequired, validateAnnotations, InjectError, proxyImage } from '../../src/inject/inject.js';
import { nodesSupportNativeSidecars, nativeSidecarMode } from '../../src/inject/index.js';

describe('resource.Quantity canonical form', () => {
  const cases: Array<[string | number, string]> = [
    ['2000m', '2'], ['0.5', '500m'], ['1024Mi', '1Gi'], ['1.5Gi', '1536Mi'], ['100m', '100m'], ['128Mi', '128Mi'],
    ['1000', '1k'], ['1500', '1500'], ['1025', '1025'], ['100e3', '100e3'], ['12e2', '1200'], ['0', '0'],
    ['0.1m', '100u'], ['0.0000000001', '1n'], ['-1.5', '-1500m'], ['0.5Gi', '512Mi'], ['512Ki', '512Ki'], [2, '2'], [0.25, '250m'],
  ];
  it.each(cases)('%s -> %s', (input, want) => expect(canonicalQuantity(input)).toBe(want));
  it('rejects what Kubernetes rejects', () => {
    for (const bad of ['', 'abc', '1Gb', '1.2.3', 'm']) expect(() => parseQuantity(bad), bad).toThrow(QuantityError);
  });
});

describe('strategic merge over PodSpec lists', () => {
  const meta = patchMetaForType('core.Pod');
  const merge = (o: JsonValue, p: JsonValue): JsonValue => strategicMerge(o, p, meta);
  it('merges containers by name, env by name, volumeMounts by mountPath; replaces args', () => {
    const out = merge(
      { spec: { containers: [{ name: 'app', image: 'a', args: ['x'], env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] }] } },
      { spec: { containers: [{ name: 'app', args: ['y'], env: [{ name: 'B', value: '3' }, { name: 'C', value: '4' }] }, { name: 'proxy', image: 'p' }] } },
    ) as { spec: { containers: Array<Record<string, unknown>> } };
    expect(out.spec.containers.map((c) => c['name'])).toEqual(['app', 'proxy']);
    expect(out.spec.containers[0]).toEqual({ name: 'app', image: 'a', args: ['y'], env: [{ name: 'A', value: '1' }, { name: 'B', value: '3' }, { name: 'C', value: '4' }] });
  });
  it('puts new patch elements before original-only ones, as strategicpatch orders them', () => {
    const out = merge({ spec: { volumes: [{ name: 'data' }] } }, { spec: { volumes: [{ name: 'a' }, { name: 'b' }] } }) as { spec: { volumes: Array<{ name: string }> } };
    expect(out.spec.volumes.map((v) => v.name)).toEqual(['a', 'b', 'data']);
    const kept = merge({ spec: { containers: [{ name: 'app' }, { name: 'istio-proxy' }] } }, { spec: { containers: [{ name: 'istio-proxy', image: 'x' }] } }) as { spec: { containers: Array<{ name: string }> } };
    expect(kept.spec.containers.map((c) => c.name)).toEqual(['app', 'istio-proxy']);
  });
  it('null deletes, maps merge, $patch delete removes an element', () => {
    expect(merge({ metadata: { labels: { a: '1', b: '2' } } }, { metadata: { labels: { a: null, c: '3' } } })).toEqual({ metadata: { labels: { b: '2', c: '3' } } });
    expect(merge({ spec: { containers: [{ name: 'a' }, { name: 'b' }] } }, { spec: { containers: [{ name: 'a', $patch: 'delete' }] } })).toEqual({ spec: { containers: [{ name: 'b' }] } });
  });
  it('an element without its merge key is an error', () => {
    expect(() => merge({ spec: { containers: [{ name: 'a' }] } }, { spec: { containers: [{ image: 'x' }] } })).toThrow(MergeError);
  });

  // The merge's one metadata table (src/util) is written down; the codec's schema is generated
  // from the Go types. Every patch strategy the schema has on a path the merge can reach (through
  // structs and merged lists; replaced lists are never looked into) must be in the table.
  it('the patch metadata table agrees with the generated Kubernetes schema for every workload kind', () => {
    const roots = ['core.Pod', 'core.ReplicationController', 'apps.Deployment', 'apps.StatefulSet', 'apps.DaemonSet', 'apps.ReplicaSet', 'batch.Job', 'batch.CronJob', 'openshift.DeploymentConfig'];
    const checked: string[] = [];
    const walk = (type: string, meta: PatchMeta, path: string, seen: Set<string>): void => {
      const info = structInfo(type);
      if (!info || seen.has(type)) return;
      for (const [json, f] of info.byJson) {
        const got = meta.field(json);
        const where = `${path}.${json}`;
        expect(got?.strategy ?? '', where).toBe(f.patchStrategy);
        expect(got?.mergeKey ?? '', where).toBe(f.mergeKey);
        if (f.patchStrategy) checked.push(where);
        const isList = f.rt.startsWith('[]') || (f.rt.startsWith('*') && f.rt.slice(1).startsWith('[]'));
        if (isList && !f.patchStrategy.split(',').includes('merge')) continue;
        walk(elementType(f.type), got?.meta ?? { field: () => undefined }, where, new Set([...seen, type]));
      }
    };
    for (const root of roots) walk(root, patchMetaForType(root), root, new Set());
    expect(checked).toContain('core.Pod.spec.containers.env');
    expect(checked).toContain('apps.Deployment.spec.template.spec.volumes');
  });
});

describe('Kubernetes re-encoding (typed decode + encode)', () => {
  it('drops unknown fields and empty values, keeps non-omitempty structs, canonicalises quantities', () => {
    const out = normalize('apps.Deployment', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', creationTimestamp: null, bogus: 1 },
      spec: { template: { spec: { hostNetwork: false, containers: [{ name: 'c', resources: { limits: { cpu: '2000m', memory: '1024Mi' } }, env: [{ name: 'E', valueFrom: { resourceFieldRef: { resource: 'limits.cpu' } } }] }] } } },
    });
    expect(out).toEqual({
      kind: 'Deployment', apiVersion: 'apps/v1', metadata: { name: 'x' },
      spec: { selector: null, template: { metadata: {}, spec: { containers: [{ name: 'c', env: [{ name: 'E', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '0' } } }], resources: { limits: { cpu: '2', memory: '1Gi' } } }] } }, strategy: {} },
      status: {},
    });
  });
  it('turns scalars given to string fields into strings, as sigs.k8s.io/yaml does', () => {
    const out = normalize('core.Pod', { metadata: { annotations: { port: 8080, on: true } } }) as { metadata: { annotations: Record<string, string> } };
    expect(out.metadata.annotations).toEqual({ on: 'true', port: '8080' });
  });
  it('reports type mismatches with the field path', () => {
    try {
      normalize('core.Pod', { spec: { containers: [{ name: 'c', ports: [{ containerPort: 'eighty' }] }] } });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DecodeError);
      expect((e as DecodeError).path).toEqual(['spec', 'containers', 0, 'ports', 0, 'containerPort']);
      expect((e as Error).message).toContain('cannot unmarshal string into Go struct field Pod.spec.containers.ports.containerPort of type int32');
    }
  });
  it('keeps replica counts that encoding/json would emit (ReplicaSet status.replicas)', () => {
    expect(normalize('apps.ReplicaSet', { kind: 'ReplicaSet' })).toMatchObject({ status: { replicas: 0 } });
  });
});

describe('YAML stream splitting (YAMLReader)', () => {
  const split = async (text: string) => {
    const out = [];
    for await (const d of splitDocuments(linesOf(text))) out.push(d);
    return out;
  };
  it('splits on --- lines, skips empty documents, keeps raw bytes and lines', async () => {
    const docs = await split('---\na: 1\n--- # c\n---\nb: 2\nc: 3');
    expect(docs.map((d) => d.raw)).toEqual(['a: 1\n', 'b: 2\nc: 3']);
    expect(docs.map((d) => d.line)).toEqual([2, 5]);
  });
  it('rejects text after a separator', async () => {
    await expect(split('a: 1\n--- b: 2\n')).rejects.toBeInstanceOf(StreamSyntaxError);
  });
});

describe('mesh config and proxy config', () => {
  it('merges defaultConfig, extensionProviders by name, unions trustDomainAliases', () => {
    const mc = applyMeshConfig('defaultConfig:\n  concurrency: 2\n  proxyMetadata: {A: b}\nextensionProviders:\n- name: envoy\n  envoyFileAccessLog: {path: /tmp/x}\n- name: otel\n  opentelemetry: {service: o}\ntrustDomainAliases: [z, a]\n');
    const pc = mc['defaultConfig'] as Record<string, unknown>;
    expect(pc['concurrency']).toBe(2);
    expect(pc['discoveryAddress']).toBe('istiod.istio-system.svc:15012');
    expect((mc['extensionProviders'] as Array<{ name: string }>).map((p) => p.name)).toEqual(['prometheus', 'stackdriver', 'envoy', 'otel']);
    expect(mc['trustDomainAliases']).toEqual(['a', 'z']);
  });
  it('proxy.istio.io/config merges over the default, metadata merged', () => {
    const base = (defaultMeshConfig()['defaultConfig'] as Record<string, unknown>);
    const pc = mergeProxyConfig('{"holdApplicationUntilProxyStarts": true, "proxyMetadata": {"X": "1"}}', { ...base, proxyMetadata: { Y: '2' } });
    expect(pc['holdApplicationUntilProxyStarts']).toBe(true);
    expect(pc['proxyMetadata']).toEqual({ Y: '2', X: '1' });
    expect(() => mergeProxyConfig('concurrency: lots', base)).toThrow(MeshConfigError);
  });
  it('protoToJSON clears istio defaults and prints declaration order', () => {
    const base = defaultMeshConfig()['defaultConfig'] as Record<string, unknown>;
    expect(proxyConfigToJSON(base)).toBe('{}');
    expect(proxyConfigToJSON({ ...base, drainDuration: '23s', holdApplicationUntilProxyStarts: true, concurrency: 2 })).toBe('{"drainDuration":"23s","concurrency":2,"holdApplicationUntilProxyStarts":true}');
  });
  it('formats durations like Go', () => {
    expect(formatGoDuration('45s')).toBe('45s');
    expect(formatGoDuration('90s')).toBe('1m30s');
    expect(formatGoDuration('0.5s')).toBe('500ms');
    expect(formatGoDuration('3600s')).toBe('1h0m0s');
  });
});

describe('policy, annotations, images, feature switches', () => {
  const pod = (meta: Record<string, unknown>, spec: Record<string, unknown> = {}) => ({ metadata: meta, spec });
  const enabled = { policy: 'enabled' as const, neverInjectSelector: [], alwaysInjectSelector: [] };
  it('label beats annotation, host network and system namespaces skip, selectors apply', () => {
    expect(injectRequired(enabled, pod({}))).toBe(true);
    expect(injectRequired(enabled, pod({ annotations: { 'sidecar.istio.io/inject': 'false' } }))).toBe(false);
    expect(injectRequired(enabled, pod({ annotations: { 'sidecar.istio.io/inject': 'false' }, labels: { 'sidecar.istio.io/inject': 'true' } }))).toBe(true);
    expect(injectRequired(enabled, pod({}, { hostNetwork: true }))).toBe(false);
    expect(injectRequired(enabled, pod({ namespace: 'kube-system' }))).toBe(false);
    const never = { ...enabled, neverInjectSelector: [{ matchLabels: { app: 'db' } }] };
    expect(injectRequired(never, pod({ labels: { app: 'db' } }))).toBe(false);
    const always = { policy: 'disabled' as const, neverInjectSelector: [], alwaysInjectSelector: [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['web'] }] }] };
    expect(injectRequired(always, pod({ labels: { app: 'web' } }))).toBe(true);
    expect(injectRequired(always, pod({ labels: { app: 'api' } }))).toBe(false);
  });
  it('rejects malformed annotations with istiod\'s wording', () => {
    expect(() => validateAnnotations({ 'sidecar.istio.io/interceptionMode': 'MAGIC' })).toThrow(/invalid value 'MAGIC' for annotation 'sidecar.istio.io\/interceptionMode'/);
    expect(() => validateAnnotations({ 'traffic.sidecar.istio.io/excludeInboundPorts': '80,http' })).toThrow(InjectError);
    expect(() => validateAnnotations({ 'traffic.sidecar.istio.io/includeOutboundIPRanges': '10.0.0.0/33' })).toThrow(InjectError);
    expect(() => validateAnnotations({ 'sidecar.istio.io/proxyCPU': 'lots' })).toThrow(InjectError);
    expect(() => validateAnnotations({ 'traffic.sidecar.istio.io/excludeInboundPorts': '80, 81', 'sidecar.istio.io/proxyMemory': '1Gi' })).not.toThrow();
  });
  it('composes the proxy image with variant and image type', () => {
    const values = { global: { hub: 'h', tag: '1.30.3-distroless', variant: 'distroless' } };
    expect(proxyImage(values, {}, {})).toBe('h/proxyv2:1.30.3-distroless');
    expect(proxyImage(values, {}, { 'sidecar.istio.io/proxyImageType': 'debug' })).toBe('h/proxyv2:1.30.3-debug');
    expect(proxyImage({ global: { hub: 'h', tag: 'x', proxy: { image: 'p' } } }, { image: { imageType: 'default' } }, {})).toBe('h/p:x');
  });
  it('ENABLE_NATIVE_SIDECARS and the kubelet version rule', () => {
    expect(nativeSidecarMode({})).toBe('auto');
    expect(nativeSidecarMode({ ENABLE_NATIVE_SIDECARS: 'true' })).toBe('enabled');
    expect(nativeSidecarMode({ ENABLE_NATIVE_SIDECARS: 'yes' })).toBe('disabled');
    expect(nodesSupportNativeSidecars(['v1.33.0', 'v1.34.1'])).toBe(true);
    expect(nodesSupportNativeSidecars(['v1.33.0', 'v1.32.9'])).toBe(false);
  });
});
