/**
 * The seam to the Helm chart renderer (src/helm), used as istioctl uses Helm: render the chart as
 * release `istio` in the component's namespace, take every rendered template file in path order
 * (NOTES excluded), split it into documents and keep those that are Kubernetes objects (empty
 * and comment-only documents are dropped, as istioctl's manifest.Parse does). Charts are cached
 * per directory: `install` and the benchmark render several components from one process.
 */
import { SailError } from '../errors.js';
import { loadChart, renderTemplates, type Chart } from '../helm/index.js';
import type { GoMap } from '../gotemplate/value.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../operator/types.js';
import { GoYamlError, parseGoYamlAll, parseGoYamlPlain } from '../gotemplate/goyaml.js';
import { readGoYaml } from '../gotemplate/block-values.js';
import { canonicalText, isK8sObject, type K8sObject } from './objects.js';
import { goToJson, jsonToGo } from './govalues.js';

export interface RenderRequest {
  values: JsonObject;
  namespace: string;
  kubeVersion: string;
  /** Templates (chart-relative paths) known to render Go-canonical YAML; see objects.canonicalText. */
  canonicalTemplates?: readonly string[];
  /**
   * A chart file (chart-relative path) holding JSON that maps object names to the objects the
   * canonical templates render, labels aside (the built-in CRDs): those documents are read from
   * it instead of being parsed as YAML.
   */
  prebuiltObjects?: string;
}

/**
 * The prebuilt objects, parsed afresh for each render: every caller gets objects it may change,
 * and one JSON.parse costs less than a cached copy plus a deep clone per object.
 */
function prebuilt(chart: Chart, file: string): Record<string, JsonObject> {
  const f = chart.files.get(file);
  if (!f) throw new SailError('INVALID', `chart ${chart.metadata.name} has no ${file}`, { file: chart.dir });
  return JSON.parse(f.text) as Record<string, JsonObject>;
}

/** The object of a canonical document, from the prebuilt JSON plus the document's own labels. */
function fromPrebuilt(text: string, objects: Record<string, JsonObject>): K8sObject | undefined {
  const name = /^  name: (.+)$/m.exec(text)?.[1];
  const obj = name === undefined || !Object.hasOwn(objects, name) ? undefined : objects[name];
  if (!obj || !isK8sObject(obj) || !isJsonObject(obj.metadata)) return undefined;
  const labelsAt = text.indexOf('\n  labels:\n');
  const metaAt = text.indexOf('\nmetadata:\n');
  const specAt = text.indexOf('\nspec:\n');
  if (metaAt < 0 || (labelsAt >= 0 && specAt >= 0 && labelsAt > specAt)) return undefined;
  const metadata = obj.metadata;
  delete metadata.labels;
  if (labelsAt >= 0) {
    const lines: string[] = [];
    for (let at = labelsAt + '\n  labels:\n'.length; text.startsWith('    ', at);) {
      const end = text.indexOf('\n', at);
      lines.push(text.slice(at + 4, end < 0 ? text.length : end));
      if (end < 0) break;
      at = end + 1;
    }
    const labels = goToJson(readGoYaml(lines.join('\n')));
    if (!isJsonObject(labels)) return undefined;
    metadata.labels = labels;
  }
  // Each object is handed out once: a second document of the same name gets the YAML path.
  delete objects[name!];
  return obj;
}

const chartCache = new Map<string, Promise<Chart>>();

const DOCUMENT_END = /^\.\.\.(?:[ \t]|$)/m;

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
  const result = renderTemplates(await chart, {
    values: jsonToGo(req.values) as GoMap,
    release: { name: 'istio', namespace: req.namespace },
    kubeVersion: req.kubeVersion,
  });
  let prebuiltObjects: Record<string, JsonObject> | undefined;
  const out: K8sObject[] = [];
  for (const source of [...result.files.keys()].sort()) {
    const canonical = req.canonicalTemplates?.some((t) => source.endsWith(`/${t}`)) ?? false;
    for (const text of splitDocuments(result.files.get(source)!)) {
      if (canonical && req.prebuiltObjects) {
        prebuiltObjects ??= prebuilt(await chart, req.prebuiltObjects);
        const obj = fromPrebuilt(text, prebuiltObjects);
        if (obj) {
          canonicalText.set(obj, `${text.replace(/^\n+/, '').trimEnd()}\n`);
          out.push(obj);
          continue;
        }
      }
      // Read like istioctl reads it (sigs.k8s.io/yaml): YAML 1.1 scalars, Go number types. A
      // piece holds one document unless a `...` end marker starts another: then read them all.
      let docs: JsonValue[];
      try {
        docs = DOCUMENT_END.test(text) ? parseGoYamlAll(text).map(goToJson) : [parseGoYamlPlain(text) as JsonValue];
      } catch (err) {
        if (err instanceof GoYamlError) throw new SailError('TEMPLATE', `helm render: ${source} produced invalid YAML: ${err.message}`);
        throw err;
      }
      for (const data of docs) {
        if (!isK8sObject(data)) continue;
        if (canonical && docs.length === 1) canonicalText.set(data, `${text.replace(/^\n+/, '').trimEnd()}\n`);
        out.push(data);
      }
    }
  }
  return out;
}
