/**
 * The seam to the Helm chart renderer (src/helm), used as istioctl uses Helm: render the chart as
 * release `istio` in the component's namespace, take every rendered template file in path order
 * (NOTES excluded), split it into documents and keep those that are Kubernetes objects (empty
 * and comment-only documents are dropped, as istioctl's manifest.Parse does). Charts are cached
 * per directory: `install` and the benchmark render several components from one process.
 */
import { SailError } from '../errors.js';
import { loadChart, renderChart, type Chart } from '../helm/index.js';
import type { GoMap } from '../gotemplate/value.js';
import type { JsonObject } from '../operator/types.js';
import { GoYamlError, parseGoYamlAll } from '../gotemplate/goyaml.js';
import { isK8sObject, type K8sObject } from './objects.js';
import { goToJson, jsonToGo } from './govalues.js';

export interface RenderRequest {
  values: JsonObject;
  namespace: string;
  kubeVersion: string;
}

const chartCache = new Map<string, Promise<Chart>>();

/** istioctl's yml.SplitString: documents are separated by lines starting with `---`. */
function splitDocuments(text: string): string[] {
  return text.split(/^---.*$/m).filter((d) => d.trim() !== '');
}

export async function renderChartObjects(chartDir: string, req: RenderRequest): Promise<K8sObject[]> {
  let chart = chartCache.get(chartDir);
  if (!chart) {
    chart = loadChart(chartDir);
    chartCache.set(chartDir, chart);
  }
  const result = renderChart(await chart, {
    values: jsonToGo(req.values) as GoMap,
    release: { name: 'istio', namespace: req.namespace },
    kubeVersion: req.kubeVersion,
  });
  const out: K8sObject[] = [];
  for (const source of [...result.files.keys()].sort()) {
    for (const text of splitDocuments(result.files.get(source)!)) {
      // Read like istioctl reads it (sigs.k8s.io/yaml): YAML 1.1 scalars, Go number types.
      let docs;
      try {
        docs = parseGoYamlAll(text);
      } catch (err) {
        if (err instanceof GoYamlError) throw new SailError('TEMPLATE', `helm render: ${source} produced invalid YAML: ${err.message}`);
        throw err;
      }
      for (const d of docs) {
        const data = goToJson(d);
        if (isK8sObject(data)) out.push(data);
      }
    }
  }
  return out;
}
