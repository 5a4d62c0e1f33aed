import { describe, expect, it } from 'vitest';
import { strategicMergePatch } from '../../src/util/strategic-merge.js';
import type { JsonObject } from '../../src/operator/types.js';

const deployment = (): JsonObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'istiod' },
  spec: {
    replicas: 1,
    strategy: { rollingUpdate: { maxSurge: '100%', maxUnavailable: '25%' } },
    template: {
      spec: {
        containers: [
          { name: 'discovery', image: 'pilot', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }], ports: [{ containerPort: 8080 }] },
          { name: 'other', image: 'x' },
        ],
        tolerations: [{ key: 't1', operator: 'Exists' }],
        volumes: [{ name: 'v1', emptyDir: {} }],
      },
    },
  },
});

const containers = (o: JsonObject) => ((o.spec as JsonObject).template as JsonObject).spec as JsonObject;

describe('strategicMergePatch', () => {
  it('merges containers by name and env by name, appending new entries', () => {
    const out = strategicMergePatch('Deployment', deployment(), {
      spec: { template: { spec: { containers: [{ name: 'discovery', env: [{ name: 'B', value: 'two' }, { name: 'C', value: '3' }] }] } } },
    });
    const spec = containers(out);
    const c = (spec.containers as JsonObject[])[0]!;
    expect(c.image).toBe('pilot');
    expect(c.env).toEqual([{ name: 'A', value: '1' }, { name: 'B', value: 'two' }, { name: 'C', value: '3' }]);
    expect((spec.containers as JsonObject[])[1]).toEqual({ name: 'other', image: 'x' });
  });

  it("orders merged lists as Kubernetes does: patch order, interleaved by the original's positions", () => {
    const base: JsonObject = { spec: { template: { spec: { containers: [{ name: 'c', env: ['R', 'P', 'N', 'NS', 'SA'].map((name) => ({ name })) }] } } } };
    const out = strategicMergePatch('Deployment', base, {
      spec: { template: { spec: { containers: [{ name: 'c', env: [{ name: 'N', value: 'x' }, { name: 'NEW1' }, { name: 'NEW2' }] }] } } },
    });
    expect(((containers(out).containers as JsonObject[])[0]!.env as JsonObject[]).map((e) => e.name)).toEqual(['R', 'P', 'N', 'NEW1', 'NEW2', 'NS', 'SA']);
    // Without an anchor in the original, new items come first.
    const first = strategicMergePatch('Deployment', base, { spec: { template: { spec: { containers: [{ name: 'c', env: [{ name: 'NEW' }] }] } } } });
    expect(((containers(first).containers as JsonObject[])[0]!.env as JsonObject[]).map((e) => e.name)).toEqual(['NEW', 'R', 'P', 'N', 'NS', 'SA']);
  });

  it('replaces lists without a merge key (tolerations) and deletes keys set to null', () => {
    const out = strategicMergePatch('Deployment', deployment(), {
      spec: { replicas: null, template: { spec: { tolerations: [{ key: 't2', operator: 'Exists' }] } } },
    });
    expect((out.spec as JsonObject).replicas).toBeUndefined();
    expect(containers(out).tolerations).toEqual([{ key: 't2', operator: 'Exists' }]);
  });

  it('merges the strategy map (retainKeys only drops keys when the patch says $retainKeys)', () => {
    const merged = strategicMergePatch('Deployment', deployment(), { spec: { strategy: { rollingUpdate: { maxSurge: 1 } } } });
    expect((merged.spec as JsonObject).strategy).toEqual({ rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } });
    const retained = strategicMergePatch('Deployment', deployment(), { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
    expect((retained.spec as JsonObject).strategy).toEqual({ type: 'Recreate' });
  });

  it('honours $patch: replace and $patch: delete', () => {
    const replaced = strategicMergePatch('Deployment', deployment(), { spec: { strategy: { $patch: 'replace', type: 'Recreate' } } });
    expect((replaced.spec as JsonObject).strategy).toEqual({ type: 'Recreate' });
    const deleted = strategicMergePatch('Deployment', deployment(), {
      spec: { template: { spec: { containers: [{ name: 'other', $patch: 'delete' }] } } },
    });
    expect((containers(deleted).containers as JsonObject[]).map((c) => c.name)).toEqual(['discovery']);
  });

  it('merges Service ports by port', () => {
    const svc: JsonObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https' }] } };
    const out = strategicMergePatch('Service', svc, { spec: { type: 'NodePort', ports: [{ port: 443, nodePort: 30443 }] } });
    expect(out.spec).toEqual({ type: 'NodePort', ports: [{ port: 80, name: 'http' }, { port: 443, name: 'https', nodePort: 30443 }] });
  });

  it('never mutates its inputs', () => {
    const base = deployment();
    const copy = structuredClone(base);
    const patch: JsonObject = { spec: { template: { spec: { containers: [{ name: 'discovery', image: 'new' }] } } } };
    strategicMergePatch('Deployment', base, patch);
    expect(base).toEqual(copy);
  });

  it('keeps what Kubernetes keeps: nulls inside new list items, a PodDisruptionBudget selector replaced whole', () => {
    const out = strategicMergePatch('Deployment', deployment(), { spec: { template: { spec: { containers: [{ name: 'discovery', env: [{ name: 'N', value: null }] }] } } } });
    expect((containers(out).containers as JsonObject[])[0]!.env).toEqual([{ name: 'N', value: null }, { name: 'A', value: '1' }, { name: 'B', value: '2' }]);
    const pdb: JsonObject = { kind: 'PodDisruptionBudget', metadata: { name: 'istiod' }, spec: { minAvailable: 1, selector: { matchLabels: { app: 'istiod', istio: 'pilot' } } } };
    expect(strategicMergePatch('PodDisruptionBudget', pdb, { spec: { selector: { matchLabels: { app: 'x' } } } }).spec).toEqual({ minAvailable: 1, selector: { matchLabels: { app: 'x' } } });
  });

  it('an item without its merge key fails as istioctl fails ("patch: ...")', () => {
    expect(() => strategicMergePatch('Deployment', deployment(), { spec: { template: { spec: { containers: [{ image: 'x' }] } } } })).toThrow(
      /^patch: map: \{"image":"x"\} does not contain declared merge key: name$/,
    );
  });

  it('rejects kinds it has no patch metadata for', () => {
    expect(() => strategicMergePatch('ConfigMap', {}, {})).toThrow(/no strategic merge metadata for kind ConfigMap/);
  });
});
