import { describe, expect, it } from 'vitest';
import { loadChart, renderChart, renderTemplates, formatHelmTemplate, readUserValues, splitManifests, sortTemplatePaths } from '../../src/helm/index.js';
import { SailError } from '../../src/errors.js';
import { writeChart } from './fixtures.js';

async function render(files: Record<string, string>, opts: Parameters<typeof renderChart>[1] = {}) {
  const chart = await loadChart(writeChart(files));
  return renderChart(chart, opts);
}

async function renderError(files: Record<string, string>, opts: Parameters<typeof renderChart>[1] = {}): Promise<SailError> {
  try {
    await render(files, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(SailError);
    return e as SailError;
  }
  throw new Error('expected a SailError');
}

describe('template order and shared .Values', () => {
  it('orders templates deepest first, then reverse alphabetical (Helm sortTemplates)', () => {
    expect(sortTemplatePaths(['c/templates/a.yaml', 'c/templates/b.yaml', 'c/charts/s/templates/z.yaml', 'c/templates/x/y.yaml'])).toEqual([
      'c/charts/s/templates/z.yaml',
      'c/templates/x/y.yaml',
      'c/templates/b.yaml',
      'c/templates/a.yaml',
    ]);
  });

  it('lets zzz_profile.yaml rewrite .Values for the templates rendered after it', async () => {
    const r = await render({
      'values.yaml': 'profile: demo\nreplicas: 1\n',
      'templates/zzz_profile.yaml': '{{- if eq .Values.profile "demo" }}{{- $_ := set .Values "replicas" 3 }}{{- end }}',
      'templates/deployment.yaml': 'kind: Deployment\nreplicas: {{ .Values.replicas }}\n',
      'templates/aaa.yaml': 'kind: ConfigMap\nreplicas: {{ .Values.replicas }}\n',
    });
    expect(r.files.get('demo/templates/deployment.yaml')).toBe('kind: Deployment\nreplicas: 3\n');
    expect(r.files.get('demo/templates/aaa.yaml')).toBe('kind: ConfigMap\nreplicas: 3\n');
    expect(r.files.get('demo/templates/zzz_profile.yaml')).toBe('');
  });

  it('uses the define parsed last (top-level files win over deeper ones, "a" over "b")', async () => {
    const r = await render({
      'templates/_b.tpl': '{{ define "name" }}from-b{{ end }}',
      'templates/_a.tpl': '{{ define "name" }}from-a{{ end }}',
      'templates/cm.yaml': 'kind: ConfigMap\nname: {{ include "name" . }}\n',
    });
    expect(r.files.get('demo/templates/cm.yaml')).toBe('kind: ConfigMap\nname: from-a\n');
    expect([...r.files.keys()]).not.toContain('demo/templates/_a.tpl');
  });

  it('removes <no value>, keeps NOTES.txt apart, and exposes .Template, .Chart, .Release, .Capabilities', async () => {
    const r = await render(
      {
        'templates/cm.yaml':
          'kind: ConfigMap\nmissing: "{{ .Values.nope }}{{ index .Values "x" }}"\nt: {{ .Template.Name }} {{ .Template.BasePath }}\nchart: {{ .Chart.Name }}-{{ .Chart.Version }}-{{ .Chart.AppVersion }} {{ .Chart.IsRoot }}\nrel: {{ .Release.Name }} {{ .Release.Namespace }} {{ .Release.Service }} {{ .Release.IsInstall }} {{ .Release.Revision }}\nkube: {{ .Capabilities.KubeVersion.Version }} {{ .Capabilities.KubeVersion.GitVersion }} {{ .Capabilities.KubeVersion.Major }}.{{ .Capabilities.KubeVersion.Minor }} {{ .Capabilities.APIVersions.Has "apps/v1" }} {{ .Capabilities.APIVersions.Has "x/v9" }}\n',
        'templates/NOTES.txt': 'Thanks for installing {{ .Chart.Name }}',
      },
      { release: { name: 'rel', namespace: 'ns' }, kubeVersion: '1.30' },
    );
    expect(r.files.get('demo/templates/cm.yaml')).toBe(
      'kind: ConfigMap\nmissing: ""\nt: demo/templates/cm.yaml demo/templates\nchart: demo-0.1.0-1.2.3 true\nrel: rel ns Helm true 1\nkube: v1.30.0 v1.30.0 1.30 true false\n',
    );
    expect(r.notes).toBe('Thanks for installing demo');
    expect(formatHelmTemplate(r)).not.toContain('Thanks');
  });

  it('serves .Files: Get, Lines, Glob, AsConfig, AsSecrets', async () => {
    const r = await render({
      'files/a.conf': 'x=1\ny=2\n',
      'files/b.conf': 'z: "3"\n',
      'other.txt': 'other',
      'templates/cm.yaml':
        'kind: ConfigMap\nget: {{ .Files.Get "other.txt" }}\nmissing: "{{ .Files.Get "nope" }}"\nlines: "{{ range .Files.Lines "files/a.conf" }}[{{ . }}]{{ end }}"\ndata:\n{{ (.Files.Glob "files/*.conf").AsConfig | indent 2 }}\nsecret:\n{{ (.Files.Glob "files/a.*").AsSecrets | indent 2 }}\n',
    });
    expect(r.files.get('demo/templates/cm.yaml')).toBe(
      'kind: ConfigMap\nget: other\nmissing: ""\nlines: "[x=1][y=2]"\ndata:\n  a.conf: |\n    x=1\n    y=2\n  b.conf: |\n    z: "3"\nsecret:\n  a.conf: eD0xCnk9Mgo=\n',
    );
  });
});

describe('values', () => {
  it('coalesces user values over values.yaml: nested maps merge, null deletes, lists replace', async () => {
    const values = await readUserValues({ set: ['a.b=2', 'a.gone=null', 'list={x,y}', 'n=007', 'i=42', 't=TRUE'] });
    const r = await render(
      {
        'values.yaml': 'a:\n  b: 1\n  c: keep\n  gone: here\nlist: [1, 2, 3]\n',
        'templates/cm.yaml': 'kind: ConfigMap\ndata: {{ toJson .Values }}\ntypes: {{ typeOf .Values.i }} {{ typeOf .Values.a.c }} {{ typeOf .Values.t }}\n',
      },
      { values },
    );
    expect(r.files.get('demo/templates/cm.yaml')).toBe(
      'kind: ConfigMap\ndata: {"a":{"b":2,"c":"keep"},"i":42,"list":["x","y"],"n":"007","t":true}\ntypes: int64 string bool\n',
    );
  });

  it('scopes subchart values under the subchart name and propagates global', async () => {
    const r = await render({
      'values.yaml': 'global:\n  hub: docker.io\nsub:\n  replicas: 5\n',
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n',
      'charts/sub/values.yaml': 'replicas: 1\nport: 80\nglobal:\n  hub: quay.io\n  tag: latest\n',
      'charts/sub/templates/svc.yaml': 'kind: Service\nport: {{ .Values.port }}\nreplicas: {{ .Values.replicas }}\nhub: {{ .Values.global.hub }}:{{ .Values.global.tag }}\nchart: {{ .Chart.Name }} {{ .Chart.IsRoot }} {{ .Template.Name }}\n',
      'templates/cm.yaml': 'kind: ConfigMap\nsub: {{ .Values.sub.port }}\n',
    });
    expect(r.files.get('demo/charts/sub/templates/svc.yaml')).toBe('kind: Service\nport: 80\nreplicas: 5\nhub: docker.io:latest\nchart: sub false demo/charts/sub/templates/svc.yaml\n');
    expect(r.files.get('demo/templates/cm.yaml')).toBe('kind: ConfigMap\nsub: 80\n');
  });

  it('drops a dependency whose condition is false', async () => {
    const r = await render({
      'Chart.yaml': 'apiVersion: v2\nname: demo\nversion: 0.1.0\ndependencies:\n- name: sub\n  condition: sub.enabled\n',
      'values.yaml': 'sub:\n  enabled: false\n',
      'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 1.0.0\n',
      'charts/sub/templates/svc.yaml': 'kind: Service\n',
    });
    expect([...r.files.keys()]).toEqual([]);
  });

  it('checks values.schema.json', async () => {
    const e = await renderError({
      'values.schema.json': JSON.stringify({ type: 'object', properties: { replicas: { type: 'integer' } } }),
      'values.yaml': 'replicas: many\n',
      'templates/cm.yaml': 'kind: ConfigMap\n',
    });
    expect(e.code).toBe('SCHEMA');
    expect(e.message).toContain("at '/replicas'");
  });
});

describe('documents as helm template prints them', () => {
  it('splits on ---, drops blank documents, sorts by install order with unknown kinds last, hooks after', async () => {
    const r = await render({
      'templates/a.yaml': '---\n# only a comment\n---\n\n---\nkind: Zeta\nmetadata:\n  name: z\n---\nkind: Deployment\nmetadata:\n  name: d\n',
      'templates/b.yaml': 'kind: Job\nmetadata:\n  name: hook\n  annotations:\n    helm.sh/hook: pre-install\n---\nkind: Alpha\nmetadata:\n  name: a\n---\nkind: Namespace\nmetadata:\n  name: ns\n',
      'templates/c.yaml': '   \n\n',
    });
    expect(formatHelmTemplate(r)).toBe(
      [
        '---\n# Source: demo/templates/b.yaml\nkind: Namespace\nmetadata:\n  name: ns\n',
        '---\n# Source: demo/templates/a.yaml\nkind: Deployment\nmetadata:\n  name: d\n',
        '---\n# Source: demo/templates/a.yaml\n# only a comment\n',
        '---\n# Source: demo/templates/b.yaml\nkind: Alpha\nmetadata:\n  name: a\n',
        '---\n# Source: demo/templates/a.yaml\nkind: Zeta\nmetadata:\n  name: z\n',
        '---\n# Source: demo/templates/b.yaml\nkind: Job\nmetadata:\n  name: hook\n  annotations:\n    helm.sh/hook: pre-install\n',
      ].join(''),
    );
    expect(r.hooks.map((h) => h.hook)).toEqual(['pre-install']);
  });

  it('splits like releaseutil.SplitManifests', () => {
    expect(splitManifests('---\na: 1\n---   \n\nb: 2\n  ---\nstill b\n---x: 3\n')).toEqual(['a: 1', 'b: 2\n  ---\nstill b', 'x: 3']);
  });
});

describe('errors', () => {
  it('reports a missing chart directory', async () => {
    await expect(loadChart('/definitely/not/here')).rejects.toThrow(/chart directory not found/);
  });

  it('names values.yaml and the line of a YAML error', async () => {
    const dir = writeChart({ 'values.yaml': 'a: 1\nb: [\n' });
    const e = await loadChart(dir).catch((x: unknown) => x as SailError);
    expect(e).toBeInstanceOf(SailError);
    expect((e as SailError).file).toMatch(/values\.yaml$/);
    expect((e as SailError).line).toBeGreaterThan(1);
  });

  it('requires Chart.yaml fields', async () => {
    const dir = writeChart({ 'Chart.yaml': 'apiVersion: v2\nname: demo\n' });
    await expect(loadChart(dir)).rejects.toThrow('validation: chart.metadata.version is required');
  });

  it('gives Helm\'s parse error shape', async () => {
    const e = await renderError({ 'templates/cm.yaml': 'kind: ConfigMap\n{{ if }}\n' });
    expect(e.message).toMatch(/^parse error at \(demo\/templates\/cm\.yaml:2\): /);
  });

  it('gives Helm\'s execution error for required and fail', async () => {
    const e = await renderError({ 'templates/cm.yaml': 'kind: ConfigMap\nx: {{ required "x is required" .Values.x }}\n' });
    expect(e.message).toBe('execution error at (demo/templates/cm.yaml:2:6): x is required');
    const f = await renderError({ 'templates/cm.yaml': '{{ fail "stop here" }}' });
    expect(f.message).toBe('execution error at (demo/templates/cm.yaml:1:3): stop here');
  });

  it('keeps Go\'s message for other execution errors', async () => {
    const e = await renderError({ 'templates/cm.yaml': '{{ .Values.a.b.c }}' , 'values.yaml': 'a: 1\n' });
    expect(e.message).toMatch(/^template: demo\/templates\/cm\.yaml:1:\d+: executing "demo\/templates\/cm\.yaml" at <\.Values\.a\.b\.c>: /);
  });

  it('reports rendered text that is not YAML with the template name', async () => {
    const e = await renderError({ 'templates/cm.yaml': 'kind: ConfigMap\n  bad: [\n' });
    expect(e.message).toMatch(/^YAML parse error on demo\/templates\/cm\.yaml: /);
  });
});

describe('renderTemplates (engine.Render: text only)', () => {
  it('returns each rendered file without reading it as YAML, partials and NOTES apart', async () => {
    const chart = await loadChart(writeChart({
      'templates/cm.yaml': 'kind: ConfigMap\n  bad: [\n',
      'templates/ok.yaml': 'kind: {{ .Values.kind }}\n',
      'templates/_helpers.tpl': '{{ define "x" }}y{{ end }}',
      'templates/NOTES.txt': 'note {{ .Release.Name }}',
      'values.yaml': 'kind: Secret\n',
    }));
    const r = renderTemplates(chart, { release: { name: 'rel' } });
    expect([...r.files.keys()].sort()).toEqual(['demo/templates/cm.yaml', 'demo/templates/ok.yaml']);
    expect(r.files.get('demo/templates/ok.yaml')).toBe('kind: Secret\n');
    expect(r.notes).toBe('note rel');
    // The same chart through renderChart reads the documents and rejects the bad one.
    expect(() => renderChart(chart)).toThrow(/^YAML parse error on demo\/templates\/cm\.yaml: /);
  });
});
