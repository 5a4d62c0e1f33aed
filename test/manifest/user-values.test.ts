/**
 * The user's values layer: resolveIstioOperator returns spec.values from -f files and --set only
 * (never the profile's), sharing the maps the profile lacks with the merged tree as istioctl's
 * in-place MergeFrom does, and translation lays them over the derived values last. Where the
 * profile had no map (the default profile has no values.pilot), istioctl's translation rewrites
 * the user's own map first, so the derived value stays; elsewhere the user's value wins.
 */
import { describe, expect, it } from 'vitest';
import { resolveIstioOperator } from '../../src/operator/resolve.js';
import { translateIstioOperator } from '../../src/operator/translate.js';
import { mergeInPlace } from '../../src/operator/translate-merge.js';
import { generateManifest } from '../../src/manifest/generate.js';
import { isJsonObject, type JsonObject } from '../../src/operator/types.js';

const HEAD = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\n';
const valuesOf = (iop: JsonObject): JsonObject => (iop.spec as JsonObject).values as JsonObject;

describe('mergeInPlace (values.Map.MergeFrom)', () => {
  it('merges maps key by key into the base and takes over maps the base lacks', () => {
    const shared = { x: 1 };
    const base: JsonObject = { a: { keep: true, over: 1 }, list: [1, 2] };
    const out = mergeInPlace(base, { a: { over: 2 }, b: shared, list: [3] });
    expect(out).toBe(base);
    expect(base).toEqual({ a: { keep: true, over: 2 }, b: { x: 1 }, list: [3] });
    expect(base.b).toBe(shared);
  });

  it('keeps a __proto__ key as data', () => {
    const base: JsonObject = {};
    mergeInPlace(base, JSON.parse('{"__proto__": {"polluted": true}}') as JsonObject);
    expect(Object.getPrototypeOf(base)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(base)).toEqual(['__proto__']);
  });
});

describe('resolveIstioOperator userValues', () => {
  it('holds the files then --set, without the profile values', async () => {
    const r = await resolveIstioOperator({
      files: [{ name: 'a.yaml', text: `${HEAD}spec:\n  values:\n    global:\n      logging:\n        level: debug\n` }],
      sets: ['values.pilot.traceSampling=2', 'profile=demo'],
    });
    expect(r.userValues).toEqual({ global: { logging: { level: 'debug' } }, pilot: { traceSampling: 2 } });
    // The profile's values are in the merged tree, not in the user's layer.
    expect(valuesOf(r.iop as JsonObject).defaultRevision).toBe('');
    expect(r.userValues).not.toHaveProperty('defaultRevision');
  });

  it('is undefined without user values', async () => {
    expect((await resolveIstioOperator({ sets: ['hub=example.com'] })).userValues).toBeUndefined();
  });

  it('shares the maps the profile lacks with the merged tree, and only those', async () => {
    const r = await resolveIstioOperator({ sets: ['values.pilot.cni.enabled=true', 'values.global.hub=user'] });
    const merged = valuesOf(r.iop as JsonObject);
    expect(merged.pilot).toBe(r.userValues!.pilot);
    // The default profile has values.global: the user's global map is merged into it, not taken.
    expect(merged.global).not.toBe(r.userValues!.global);
    expect(merged.global).toMatchObject({ hub: 'user', istioNamespace: 'istio-system' });
  });
});

describe('translation with the user values layer', () => {
  it('keeps the derived value where the user map is shared (istioctl rewrites it in place)', () => {
    const pilot: JsonObject = { enabled: false, cni: { enabled: true } };
    const merged: JsonObject = { spec: { components: { pilot: { enabled: true } }, values: { global: {}, pilot } } };
    const out = translateIstioOperator(merged, { pilot });
    expect(valuesOf(out).pilot).toEqual({ enabled: true, cni: { enabled: false } });
  });

  it('lets the user value win where the user map is not shared', () => {
    const merged: JsonObject = { spec: { hub: 'spec-hub', values: { global: { hub: 'user-hub' } } } };
    const out = translateIstioOperator(merged, { global: { hub: 'user-hub' } });
    expect(valuesOf(out).global).toEqual({ hub: 'user-hub' });
  });

  it('reaches a shared values.meshConfig with spec.meshConfig, as istioctl', () => {
    const meshConfig: JsonObject = { accessLogFile: '/user' };
    const merged: JsonObject = { spec: { meshConfig: { accessLogFile: '/spec', enableTracing: true }, values: { meshConfig } } };
    expect(valuesOf(translateIstioOperator(merged, { meshConfig })).meshConfig).toEqual({ accessLogFile: '/spec', enableTracing: true });
    // Not shared: the user's values.meshConfig is laid over spec.meshConfig.
    expect(valuesOf(translateIstioOperator(merged, { meshConfig: { accessLogFile: '/user' } })).meshConfig)
      .toEqual({ accessLogFile: '/user', enableTracing: true });
  });

  it('changes neither input, shared maps included', () => {
    const pilot: JsonObject = { enabled: false };
    const merged: JsonObject = { spec: { hub: 'h', meshConfig: { a: 1 }, values: { pilot } } };
    const before = structuredClone({ merged, pilot });
    translateIstioOperator(merged, { pilot });
    expect({ merged, pilot }).toEqual(before);
    expect((merged.spec as JsonObject).values).toEqual({ pilot: { enabled: false } });
  });
});

describe('manifest generate and the user values layer', () => {
  const injectorValues = async (sets: string[]): Promise<JsonObject> => {
    const r = await generateManifest({ sets, components: ['pilot'] });
    const cm = r.objects.find((o) => o.kind === 'ConfigMap' && isJsonObject(o.metadata) && o.metadata.name === 'istio-sidecar-injector')!;
    return JSON.parse((cm.data as JsonObject).values as string) as JsonObject;
  };

  it('values.pilot.cni.enabled follows components.cni.enabled (the default profile has no values.pilot)', async () => {
    expect(((await injectorValues(['values.pilot.cni.enabled=true'])).pilot as JsonObject).cni).toMatchObject({ enabled: false });
    expect(((await injectorValues(['values.pilot.cni.enabled=true', 'components.cni.enabled=true'])).pilot as JsonObject).cni)
      .toMatchObject({ enabled: true });
  }, 60_000);

  it("the user's values.global.hub wins over spec.hub", async () => {
    const v = await injectorValues(['hub=spec.example.com', 'values.global.hub=values.example.com']);
    expect((v.global as JsonObject).hub).toBe('values.example.com');
  }, 60_000);
});
