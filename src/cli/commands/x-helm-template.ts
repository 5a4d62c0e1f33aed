import type { CommandSpec } from '../spec.js';
import { resolve } from 'node:path';

interface HelmTemplateOptions {
  values: string[];
  set: string[];
  setString: string[];
  nameTemplate: string | undefined;
  kubeVersion: string | undefined;
  apiVersions: string[];
  includeCrds: boolean;
  noHooks: boolean;
}

export const helmTemplateCommand: CommandSpec = {
  name: 'helm-template',
  summary: 'Render a Helm chart locally, as helm template does',
  description:
    'Renders every template of the chart in CHART_DIR (and its subcharts) with the chart values, ' +
    'the -f files and --set values, and prints the documents in Helm\'s install order, each ' +
    'preceded by "# Source: CHART/templates/FILE", hooks last, exactly as `helm template` prints them. ' +
    'No cluster is contacted: .Capabilities uses --kube-version (default v1.32.0) and lookup returns nothing.',
  extension: true,
  arguments: [{ name: 'CHART_DIR', description: 'chart directory (the one holding Chart.yaml)', required: true, completeWith: 'dirs' }],
  options: [
    { flags: '-f, --values <file>', description: 'values file (YAML; repeatable, later files win; - for stdin)', kind: 'strings', default: [], completeWith: 'files' },
    { flags: '--set <expr>', description: 'set values on the command line (a.b=c,list={x,y},a[0]=x; repeatable)', kind: 'strings', default: [] },
    { flags: '--set-string <expr>', description: 'like --set, but every value stays a string', kind: 'strings', default: [] },
    { flags: '--name-template <name>', description: 'release name (.Release.Name); default "release-name"', kind: 'string' },
    { flags: '--kube-version <version>', description: 'Kubernetes version for .Capabilities.KubeVersion', kind: 'string' },
    { flags: '-a, --api-versions <version>', description: 'extra API versions for .Capabilities.APIVersions (repeatable)', kind: 'strings', default: [] },
    { flags: '--include-crds', description: 'also print the files under the chart\'s crds/ directory, first', kind: 'boolean', default: false },
    { flags: '--no-hooks', description: 'do not print hook documents', kind: 'boolean', default: false },
  ],
  examples: [
    'sailctl x helm-template manifests/charts/base',
    'sailctl x helm-template ./istiod -n istio-system -f my-values.yaml --set global.hub=docker.io/istio',
    'sailctl x helm-template ./gateway --name-template ingress --kube-version v1.30.0',
  ],
  async action(ctx, args: string[], opts: HelmTemplateOptions) {
    const { loadChart, readUserValues, renderChart, formatHelmTemplate } = await import('../../helm/index.js');
    const chartDir = args[0]!;
    const chart = await loadChart(resolve(ctx.io.cwd, chartDir));
    const values = await readUserValues({
      valueFiles: opts.values.map((f) => (f === '-' ? f : resolve(ctx.io.cwd, f))),
      set: opts.set,
      setString: opts.setString,
      readStdin: () => ctx.io.readStdin(),
    });
    const result = renderChart(chart, {
      values,
      // -n/--namespace is sailctl's global flag, as in istioctl; Helm's default is "default".
      release: { name: opts.nameTemplate ?? 'release-name', namespace: ctx.globals.namespace || 'default' },
      kubeVersion: opts.kubeVersion,
      apiVersions: opts.apiVersions,
    });
    let out = '';
    if (opts.includeCrds) {
      for (const crd of chart.crds) out += `---\n# Source: ${crd.name}\n${crd.text}\n`;
    }
    out += formatHelmTemplate(result, { includeHooks: !opts.noHooks });
    ctx.io.stdout.write(out);
    return 0;
  },
};
