import { describe, expect, it } from 'vitest';
import { semanticIssues } from '../../src/operator/semantic.js';
import { resolveIstioOperator } from '../../src/operator/resolve.js';
import { SailError } from '../../src/errors.js';

const spec = (s: Record<string, unknown>): unknown => ({ spec: s });
const messages = (s: Record<string, unknown>): string[] => semanticIssues(spec(s)).map((i) => `${i.pathText}: ${i.message}`);

describe("istioctl's semantic checks", () => {
  it('accepts good values', () => {
    expect(
      messages({
        hub: 'docker.io/istio',
        tag: '1.30.3-distroless',
        revision: 'canary-1',
        components: { ingressGateways: [{ name: 'istio-ingressgateway' }], egressGateways: [{ name: 'eg.1' }] },
        values: { global: { proxy: { includeIPRanges: '10.0.0.0/8,fd00::/8', excludeIPRanges: '*', includeInboundPorts: '80,8080', excludeInboundPorts: '' } } },
      }),
    ).toEqual([]);
    expect(messages({ hub: 'localhost:5000/istio' })).toEqual([]);
    expect(messages({ hub: 'gcr.io/istio-testing' })).toEqual([]);
    expect(messages({ tag: 1.3 })).toEqual([]);
  });
  it('rejects bad ones with istioctl wording', () => {
    expect(messages({ hub: 'Docker.io/Istio' })).toEqual(['spec.hub: bad hub: repository can only contain the characters `abcdefghijklmnopqrstuvwxyz0123456789_-./`: Istio/pilot']);
    expect(messages({ tag: 'v1:2' })[0]).toMatch(/^spec\.tag: bad tag: /);
    expect(messages({ revision: 'Canary_1' })).toEqual(['spec.revision: invalid revision specified: Canary_1']);
    expect(messages({ components: { egressGateways: [{ name: 'Egress GW' }] } })).toEqual(['spec.components.egressGateways[0].name: invalid value egressGateways.name: Egress GW']);
    expect(messages({ values: { global: { proxy: { includeIPRanges: '10.0.0.0/8,10.0.0.300/8' } } } })[0]).toMatch(/includeIPRanges netip\.ParsePrefix\("10\.0\.0\.300\/8"\)/);
    expect(messages({ values: { global: { proxy: { excludeInboundPorts: '80,70000' } } } })).toEqual([
      'spec.values.global.proxy.excludeInboundPorts: value global.proxy.excludeInboundPorts:70000 falls outside range [0, 65535]',
    ]);
  });
  it('reported at file:line, or against the --set, and downgraded by --force', async () => {
    const text = 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  revision: Bad_Rev\n';
    await expect(resolveIstioOperator({ files: [{ name: 'r.yaml', text }] })).rejects.toThrow(SailError);
    try {
      await resolveIstioOperator({ files: [{ name: 'r.yaml', text }] });
    } catch (e) {
      expect((e as SailError).located).toBe('r.yaml:4: invalid revision specified: Bad_Rev');
    }
    await expect(resolveIstioOperator({ sets: ['hub=UPPER/case'] })).rejects.toMatchObject({
      file: '--set hub=UPPER/case',
      message: expect.stringMatching(/^bad hub: /),
    });
    const r = await resolveIstioOperator({ revision: 'No_Good', force: true });
    expect(r.warnings).toEqual(['--set revision=No_Good: invalid revision specified: No_Good (continuing because of --force)']);
  });
});
