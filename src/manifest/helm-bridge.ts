/**
 * The seam to the Helm chart renderer (src/helm): load a chart directory, render it as release
 * `istio` in the component's namespace, and return the Kubernetes objects it produced (empty
 * documents and comment-only templates dropped, as istioctl's manifest.Parse does). Charts are
 * cached per directory: `install` and the benchmark render several components from one process.
 */
import { SailError } from '../errors.js';
import type { JsonObject } from '../operator/types.js';
import { isK8sObject, type K8sObject } from './objects.js';
import { goToJson, jsonToGo } from './govalues.js';

export interface RenderRequest {
  values: JsonObject;
  namespace: string;
  kubeVersion: string;
}

interface HelmDocument { template?: string; data?: unknown; text?: string }
interface HelmModule {
  loadChart(dir: string): Promise<unknown> | unknown;
  renderChart(chart: unknown, opts: {
    values: unknown;
    release: { name: string; namespace: string; service?: string; isInstall?: boolean };
    kubeVersion?: string;
  }): Promise<HelmDocument[]> | HelmDocument[];
}

const chartCache = new Map<string, unknown>();
let helmModule: HelmModule | undefined;

async function helm(): Promise<HelmModule> {
  if (!helmModule) {
    // A computed specifier keeps this module compiling while src/helm is written in parallel.
    const spec = '../helm/index.js';
    helmModule = (await import(spec)) as HelmModule;
  }
  return helmModule;
}

export async function renderChartObjects(chartDir: string, req: RenderRequest): Promise<K8sObject[]> {
  const h = await helm();
  let chart = chartCache.get(chartDir);
  if (!chart) {
    chart = await h.loadChart(chartDir);
    chartCache.set(chartDir, chart);
  }
  let docs: HelmDocument[];
  try {
    docs = await h.renderChart(chart, {
      values: jsonToGo(req.values),
      release: { name: 'istio', namespace: req.namespace, service: 'Helm', isInstall: true },
      kubeVersion: req.kubeVersion,
    });
  } catch (err) {
    if (err instanceof SailError) throw err;
    throw new SailError('TEMPLATE', `helm render: ${(err as Error).message}`, { file: chartDir });
  }
  const out: K8sObject[] = [];
  for (const d of docs) {
    const data = goToJson(d.data);
    if (isK8sObject(data)) out.push(data);
  }
  return out;
}
