import { describe, expect, it } from 'vitest';
import { applyOverlayPatches, parseOverlayPath } from '../../src/manifest/overlay.js';
import type { JsonObject } from '../../src/operator/types.js';
import { SailError } from '../../src/errors.js';

const deployment = (): JsonObject => ({
  kind: 'Deployment',
  metadata: { name: 'istiod', labels: { app: 'istiod' } },
  spec: {
    template: {
      spec: {
        containers: [{ name: 'discovery', args: ['discovery', '--monitoringAddr=:15014'], ports: [{ containerPort: 8080 }] }],
      },
    },
  },
});

describe('parseOverlayPath', () => {
  it('splits keys, selectors and escaped dots', () => {
    expect(parseOverlayPath('spec.template.spec.containers.[name:discovery].args.[1]')).toEqual(
      ['spec', 'template', 'spec', 'containers', '[name:discovery]', 'args', '[1]']);
    expect(parseOverlayPath('spec.containers[name:a.b].x')).toEqual(['spec', 'containers', '[name:a.b]', 'x']);
    expect(parseOverlayPath('metadata.annotations.a\\.b/c')).toEqual(['metadata', 'annotations', 'a.b/c']);
  });
});

describe('applyOverlayPatches', () => {
  it('sets values through key:value selectors and indexes, creating missing map keys', () => {
    const out = applyOverlayPatches(deployment(), [
      { path: 'spec.template.spec.containers.[name:discovery].args.[1]', value: '--monitoringAddr=:9999' },
      { path: 'metadata.annotations.owner', value: 'me' },
      { path: 'spec.template.spec.containers.[name:discovery].ports.[containerPort:8080].name', value: 'http-debug' },
    ], 'test');
    const c = ((((out.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[])[0]!;
    expect(c.args).toEqual(['discovery', '--monitoringAddr=:9999']);
    expect(c.ports).toEqual([{ containerPort: 8080, name: 'http-debug' }]);
    expect((out.metadata as JsonObject).annotations).toEqual({ owner: 'me' });
  });

  it('appends when the index is past the end, or when writing a scalar onto a list', () => {
    const out = applyOverlayPatches(deployment(), [
      { path: 'spec.template.spec.containers.[name:discovery].args.[5]', value: '--x' },
      { path: 'spec.template.spec.containers.[name:discovery].args', value: '--y' },
    ], 'test');
    const c = ((((out.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[])[0]!;
    expect(c.args).toEqual(['discovery', '--monitoringAddr=:15014', '--x', '--y']);
  });

  it('deletes with a null value, including list items matched by value', () => {
    const out = applyOverlayPatches(deployment(), [
      { path: 'metadata.labels.app', value: null },
      { path: 'spec.template.spec.containers.[name:discovery].args.[--monitoring.*]', value: null },
    ], 'test');
    expect((out.metadata as JsonObject).labels).toEqual({});
    const c = ((((out.spec as JsonObject).template as JsonObject).spec as JsonObject).containers as JsonObject[])[0]!;
    expect(c.args).toEqual(['discovery']);
  });

  it('reads a string that holds a YAML map as that map, as istioctl does (JSON text stays a string)', () => {
    const out = applyOverlayPatches(deployment(), [
      { path: 'metadata.annotations', value: 'a: "1"\nb: two\n' },
      { path: 'metadata.labels.json', value: '{"k": "v"}' },
      { path: 'metadata.labels.plain', value: 'no map here' },
    ], 'test');
    expect((out.metadata as JsonObject).annotations).toEqual({ a: '1', b: 'two' });
    expect((out.metadata as JsonObject).labels).toEqual({ app: 'istiod', json: '{"k": "v"}', plain: 'no map here' });
  });

  it('fails, naming the overlay and path, when a list selector matches nothing', () => {
    let err: unknown;
    try {
      applyOverlayPatches(deployment(), [{ path: 'spec.template.spec.containers.[name:nope].image', value: 'x' }], 'components.pilot.k8s.overlays[0] (Deployment istiod)');
    } catch (e) { err = e; }
    expect(err).toBeInstanceOf(SailError);
    expect((err as Error).message).toBe('components.pilot.k8s.overlays[0] (Deployment istiod): path spec.template.spec.containers.[name:nope].image: element [name:nope] not found');
  });
});
