import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { renderInjectionConfig } from '../../src/manifest/index.js';

describe('renderInjectionConfig (kube-inject offline default)', () => {
  it('returns the injector config with its templates, its values and the mesh config', async () => {
    const r = await renderInjectionConfig({});
    const config = parse(r.config) as { policy: string; defaultTemplates: string[]; templates: Record<string, string> };
    expect(config.policy).toBe('enabled');
    expect(config.defaultTemplates).toEqual(['sidecar']);
    expect(Object.keys(config.templates).sort()).toEqual(['gateway', 'grpc-agent', 'grpc-simple', 'kube-gateway', 'sidecar', 'waypoint']);
    expect(config.templates.sidecar).toContain('istio-iptables');
    const values = JSON.parse(r.values) as { global: { hub: string; tag: string; proxy: { image: string } } };
    expect(values.global).toMatchObject({ hub: 'docker.io/istio', tag: '1.30.3', proxy: { image: 'proxyv2' } });
    expect(parse(r.mesh)).toMatchObject({ defaultConfig: { discoveryAddress: 'istiod.istio-system.svc:15012' }, rootNamespace: 'istio-system' });
  }, 60_000);

  it('follows the revision and the profile', async () => {
    const r = await renderInjectionConfig({ revision: 'canary', profile: 'ambient' });
    expect(parse(r.mesh)).toMatchObject({ defaultConfig: { discoveryAddress: 'istiod-canary.istio-system.svc:15012', proxyMetadata: { ISTIO_META_ENABLE_HBONE: 'true' } } });
    expect(JSON.parse(r.values)).toMatchObject({ revision: 'canary', global: { variant: 'distroless' } });
  }, 60_000);

  it('applies --set values', async () => {
    const r = await renderInjectionConfig({ sets: ['values.global.proxy.logLevel=debug', 'meshConfig.accessLogFile=/dev/stdout'] });
    expect(JSON.parse(r.values)).toMatchObject({ global: { proxy: { logLevel: 'debug' } } });
    expect(parse(r.mesh)).toMatchObject({ accessLogFile: '/dev/stdout' });
  }, 60_000);

  it('renders istiod even for a profile that disables it', async () => {
    const r = await renderInjectionConfig({ profile: 'empty' });
    expect(parse(r.config)).toHaveProperty('templates.sidecar');
  }, 60_000);
});
