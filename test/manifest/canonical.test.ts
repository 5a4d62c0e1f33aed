/**
 * The CRD pass-through: the built-in CRDs' text (labels rewritten) is byte-identical to
 * serialising the objects, for the default labels and for owner labels of a named, revisioned
 * IstioOperator; an object that post-processing changed is serialised again.
 */
import { describe, expect, it } from 'vitest';
import { formatManifest, generateManifest } from '../../src/manifest/generate.js';
import { canonicalText } from '../../src/manifest/objects.js';
import { toYamlDocument, withCanonicalLabels } from '../../src/manifest/yaml-out.js';
import { parseGoYamlAll } from '../../src/gotemplate/goyaml.js';
import { goToJson } from '../../src/manifest/govalues.js';

describe('canonical CRD text', () => {
  for (const sets of [[], ['revision=canary'], ['profile=minimal']]) {
    it(`equals serialising the objects (${sets.join(' ') || 'default'})`, async () => {
      const files = [{ name: 'iop.yaml', text: 'apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata:\n  name: a-very-long-owner-name-for-istio-operator-label-values-x\n  namespace: istio-system\n' }];
      const r = await generateManifest({ sets, files, components: ['base'] });
      const crds = r.objects.filter((o) => o.kind === 'CustomResourceDefinition');
      expect(crds).toHaveLength(15);
      for (const o of crds) {
        const text = canonicalText.get(o);
        expect(text, `${String((o.metadata as { name: string }).name)} has canonical text`).toBeDefined();
        expect(withCanonicalLabels(text!, o)).toBe(toYamlDocument(o));
      }
      // The objects read from the prebuilt JSON equal parsing the rendered YAML (labels aside:
      // owner labels were added since).
      const withoutLabels = (x: Record<string, unknown>) => {
        const { labels: _labels, ...metadata } = x.metadata as Record<string, unknown>;
        return { ...x, metadata };
      };
      for (const o of crds) {
        const parsed = goToJson(parseGoYamlAll(canonicalText.get(o)!)[0]) as Record<string, unknown>;
        expect(withoutLabels(o)).toEqual(withoutLabels(parsed));
      }
      const fast = await formatManifest(r.objects);
      const slow = r.objects.map((o) => `${toYamlDocument(o)}\n---\n`).join('');
      expect(fast).toBe(slow);
    }, 60_000);
  }

  it('an overlay on a CRD drops the pass-through and still serialises correctly', async () => {
    const files = [{ name: 'iop.yaml', text: `apiVersion: install.istio.io/v1alpha1
kind: IstioOperator
spec:
  components:
    base:
      k8s:
        overlays:
        - kind: CustomResourceDefinition
          name: sidecars.networking.istio.io
          patches:
          - path: metadata.annotations.note
            value: patched
` }];
    const r = await generateManifest({ files, components: ['base'] });
    const patched = r.objects.find((o) => (o.metadata as { name: string }).name === 'sidecars.networking.istio.io')!;
    expect(canonicalText.get(patched)).toBeUndefined();
    expect(await formatManifest([patched])).toContain('    note: patched\n');
  }, 60_000);

  it('hands out CRD objects a caller may change: a later render is not affected', async () => {
    const first = await generateManifest({ components: ['base'] });
    const crd = first.objects.find((o) => o.kind === 'CustomResourceDefinition')!;
    const name = (crd.metadata as { name: string }).name;
    (crd.spec as Record<string, unknown>).group = 'changed.example.com';
    const second = await generateManifest({ components: ['base'] });
    const again = second.objects.find((o) => (o.metadata as { name: string }).name === name)!;
    expect(again).not.toBe(crd);
    expect((again.spec as Record<string, unknown>).group).not.toBe('changed.example.com');
  }, 60_000);
});
