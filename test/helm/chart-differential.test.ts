/**
 * Chart rendering compared with Go: the same templates, values and objects executed by Go's
 * text/template + sprig + sigs.k8s.io/yaml (test/helm/oracle/chartoracle.go) must give the same
 * text for every rendered file. Runs on fixture charts always (when Go is available) and on every
 * chart of an Istio source tree when ISTIO_SRC is set.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { loadChart, renderChart, sortTemplatePaths, coalesceChartValues, type Chart } from '../../src/helm/index.js';
import { DEFAULT_API_VERSIONS, parseKubeVersion } from '../../src/helm/objects.js';
import { toJS } from '../../src/gotemplate/value.js';
import { oracleUnavailable, runOracle } from './go-oracle.js';
import { writeChart } from './fixtures.js';

interface FlatChart {
  name: string;
  fullPath: string;
  parent: number;
  metadata: unknown;
  files: Record<string, string>;
  templates: Record<string, string>;
}

function flatten(chart: Chart, parent: number, parentPath: string | undefined, out: FlatChart[]): void {
  const fullPath = parentPath === undefined ? chart.metadata.name : `${parentPath}/charts/${chart.metadata.name}`;
  const files: Record<string, string> = {};
  for (const [k, f] of chart.files) files[k] = f.text;
  const templates: Record<string, string> = {};
  for (const t of chart.templates) templates[t.name] = t.text;
  const index = out.length;
  out.push({ name: chart.metadata.name, fullPath, parent, metadata: toJS(chart.metadata.raw), files, templates });
  for (const d of chart.dependencies) flatten(d, index, fullPath, out);
}

async function compare(dir: string): Promise<void> {
  const chart = await loadChart(dir);
  const release = { name: 'rel', namespace: 'istio-system' };
  const ours = renderChart(chart, { release });
  const charts: FlatChart[] = [];
  flatten(chart, -1, undefined, charts);
  const order = sortTemplatePaths(charts.flatMap((c) => Object.keys(c.templates).map((t) => `${c.fullPath}/${t}`)));
  const kv = parseKubeVersion('v1.32.0');
  const [go] = runOracle<{ files?: Record<string, string>; err?: string }>('chartoracle', [
    {
      charts,
      values: toJS(coalesceChartValues(chart, new Map())),
      order,
      release: { Name: release.name, Namespace: release.namespace, IsUpgrade: false, IsInstall: true, Revision: 1, Service: 'Helm' },
      kubeVersion: kv.version,
      major: kv.major,
      minor: kv.minor,
      apiVersions: DEFAULT_API_VERSIONS,
    },
  ]);
  expect(go!.err).toBeUndefined();
  const goFiles = go!.files!;
  for (const [name, text] of ours.files) expect(text, name).toBe(goFiles[name]);
  for (const name of Object.keys(goFiles)) if (!name.endsWith('NOTES.txt')) expect(ours.files.has(name), name).toBe(true);
}

const FIXTURE = {
  'values.yaml': [
    'global:',
    '  hub: docker.io/istio',
    '  tag: 1.30.3',
    '  proxy: {resources: {requests: {cpu: 100m, memory: 128Mi}}, logLevel: warning}',
    'replicas: 2',
    'ratio: 0.25',
    'big: 1000000',
    'labels: {tier: demo, "version": "v1", on: yes}',
    'ports: [{name: http, port: 80}, {name: grpc, port: 9090, targetPort: 9091}]',
    'meshConfig: {accessLogFile: /dev/stdout, defaultConfig: {discoveryAddress: "istiod:15012", proxyMetadata: {}}}',
    'extra: "multi\\nline\\ntext"',
    'profile: demo',
    'sub: {port: 8080}',
  ].join('\n') + '\n',
  'files/profile-demo.yaml': 'replicas: 5\nglobal:\n  logAsJson: true\n',
  'files/script.sh': '#!/bin/sh\necho "hello"\n',
  'templates/_helpers.tpl': '{{- define "demo.labels" -}}\napp: {{ .Chart.Name }}\nchart: {{ .Chart.Name }}-{{ .Chart.Version | replace "+" "_" }}\nrelease: {{ .Release.Name }}\n{{- end }}\n',
  'templates/zzz_profile.yaml':
    '{{- $p := .Files.Get (printf "files/profile-%s.yaml" .Values.profile) | fromYaml }}\n{{- $_ := mustMergeOverwrite .Values $p }}\n',
  'templates/deployment.yaml': [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: {{ .Release.Name }}-demo',
    '  labels:',
    '    {{- include "demo.labels" . | nindent 4 }}',
    '    {{- toYaml .Values.labels | nindent 4 }}',
    'spec:',
    '  replicas: {{ .Values.replicas }}',
    '  template:',
    '    metadata:',
    '      annotations:',
    '        checksum: {{ toJson .Values | sha256sum }}',
    '        ratio: {{ .Values.ratio | quote }}',
    '        big: {{ .Values.big }}',
    '    spec:',
    '      containers:',
    '      - name: main',
    '        image: "{{ .Values.global.hub }}/proxyv2:{{ .Values.global.tag }}"',
    '        args: [{{ range $i, $p := .Values.ports }}{{ if $i }}, {{ end }}"--port={{ $p.port }}"{{ end }}]',
    '        resources:',
    '          {{- toYaml .Values.global.proxy.resources | nindent 10 }}',
    '        {{- if semverCompare ">=1.28-0" .Capabilities.KubeVersion.GitVersion }}',
    '        securityContext: {runAsNonRoot: true}',
    '        {{- end }}',
    '        env:',
    '        - name: LOG_AS_JSON',
    '          value: {{ .Values.global.logAsJson | default false | quote }}',
    '        - name: MESH',
    '          value: {{ toJson .Values.meshConfig | quote }}',
    '',
  ].join('\n'),
  'templates/configmap.yaml': [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata:',
    '  name: {{ .Release.Name }}-cm',
    'data:',
    '  mesh: |-',
    '    {{- toYaml .Values.meshConfig | nindent 4 }}',
    '  extra: {{ .Values.extra | quote }}',
    '  tpl: {{ tpl "{{ .Release.Namespace }}/{{ .Values.replicas }}" . }}',
    '{{ (.Files.Glob "files/*.sh").AsConfig | indent 2 }}',
    '  kinds: {{ .Capabilities.APIVersions.Has "policy/v1" }} {{ .Template.Name }} {{ .Template.BasePath }}',
    '',
  ].join('\n'),
  'templates/NOTES.txt': 'installed {{ .Chart.Name }}',
  'charts/sub/Chart.yaml': 'apiVersion: v2\nname: sub\nversion: 0.2.0\n',
  'charts/sub/values.yaml': 'port: 80\nglobal:\n  hub: quay.io\n',
  'charts/sub/templates/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Chart.Name }}\nspec:\n  ports:\n  - port: {{ .Values.port }}\n  hub: {{ .Values.global.hub }}\n  root: {{ .Chart.IsRoot }}\n',
};

const skip = oracleUnavailable();
const istioCharts = (() => {
  const src = process.env.ISTIO_SRC;
  if (!src || !existsSync(join(src, 'manifests', 'charts'))) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    if (existsSync(join(d, 'Chart.yaml'))) return void out.push(d);
    for (const e of readdirSync(d)) if (statSync(join(d, e)).isDirectory()) walk(join(d, e));
  };
  walk(join(src, 'manifests', 'charts'));
  return out.sort().map((d) => [relative(join(src, 'manifests', 'charts'), d), d] as const);
})();

describe.skipIf(skip !== undefined)(`chart rendering against Go${skip ? ` (skipped: ${skip})` : ''}`, () => {
  it('renders the fixture chart (helpers, profiles merged into .Values, Files, tpl, subchart) like Go', async () => {
    await compare(writeChart(FIXTURE));
  });

  it.skipIf(istioCharts.length === 0).each(istioCharts)('renders Istio chart %s like Go (ISTIO_SRC)', async (_n, dir) => {
    await compare(dir);
  });
});
