/**
 * The seam to the Helm renderer: every rendered document read once, as istioctl reads it
 * (documents split on `---` lines, a `...` end marker inside a piece starting another document,
 * empty and comment-only documents and non-objects dropped), and invalid YAML named by template.
 */
import { describe, expect, it } from 'vitest';
import { SailError } from '../../src/errors.js';
import { renderChartObjects } from '../../src/manifest/helm-bridge.js';
import { writeChart } from '../helm/fixtures.js';

const req = { values: {}, namespace: 'ns', kubeVersion: 'v1.32.0' };

describe('renderChartObjects', () => {
  it('reads every document of every template in path order, with go-yaml scalars', async () => {
    const dir = writeChart({
      'templates/b.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n  namespace: {{ .Release.Namespace }}\ndata:\n  on: yes\n  n: 1\n  num: "1"\n---\n# only a comment\n---\n',
      'templates/a.yaml': 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: a\n...\napiVersion: v1\nkind: Service\nmetadata:\n  name: a2\nspec:\n  ports:\n  - port: 0x10\n---\njust a string\n',
    });
    const objects = await renderChartObjects(dir, req);
    expect(objects.map((o) => `${o.kind}/${String((o.metadata as { name: string }).name)}`)).toEqual(['Secret/a', 'Service/a2', 'ConfigMap/b']);
    expect(objects[1]!.spec).toEqual({ ports: [{ port: 16 }] });
    // go-yaml v2 reads `on`, `yes` and `n` as booleans; sigs.k8s.io/yaml makes keys strings.
    expect(objects[2]!.data).toEqual({ true: true, false: 1, num: '1' });
    expect((objects[2]!.metadata as { namespace: string }).namespace).toBe('ns');
  });

  it('names the template that rendered invalid YAML', async () => {
    const dir = writeChart({ 'templates/bad.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata: [\n' });
    const err = await renderChartObjects(dir, req).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(SailError);
    expect((err as SailError).message).toMatch(/^helm render: demo\/templates\/bad\.yaml produced invalid YAML: /);
  });

  it('rejects what sigs.k8s.io/yaml cannot turn into JSON (an infinite float)', async () => {
    const dir = writeChart({ 'templates/inf.yaml': 'apiVersion: v1\nkind: ConfigMap\ndata:\n  x: .inf\n' });
    await expect(renderChartObjects(dir, req)).rejects.toThrow(/^helm render: demo\/templates\/inf\.yaml produced invalid YAML: .*unsupported value: \+Inf/);
  });
});
