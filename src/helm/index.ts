/**
 * sailctl's Helm layer: load a chart directory, merge user values, render like `helm template`.
 *
 *   const chart = await loadChart(dir);                       // Chart.yaml, values, templates, subcharts
 *   const values = await readUserValues({ valueFiles, set });  // -f files in order, then --set
 *   const result = renderChart(chart, { values, release: { name, namespace }, kubeVersion });
 *   result.documents / result.hooks                            // RenderedDocument[] in install order
 *   formatHelmTemplate(result)                                 // exactly what `helm template` prints
 *   renderTemplates(chart, opts).files                        // rendered text per template (engine.Render)
 *
 * Everything throws SailError with Helm's message (and file:line where a file is at fault).
 */
import { readUserFile, type StdinReader } from '../util/files.js';
import type { GoMap } from '../gotemplate/value.js';
import { parseValuesText } from './chart.js';
import { mergeMaps } from './values.js';
import { parseSetInto } from './strvals.js';

export { loadChart, parseValuesText, type Chart, type ChartFile, type ChartMetadata } from './chart.js';
export { renderChart, renderTemplates, formatHelmTemplate, splitManifests, sortTemplatePaths, INSTALL_ORDER, type RenderOptions, type RenderResult, type RenderedDocument, type RenderedTemplates } from './render.js';
export { coalesceChartValues, mergeMaps } from './values.js';
export { parseSetInto } from './strvals.js';
export { DEFAULT_KUBE_VERSION } from './objects.js';

export interface UserValueSources {
  /** -f/--values files, in order ('-' is stdin). */
  valueFiles?: readonly string[];
  /** --set expressions, in order. */
  set?: readonly string[];
  /** --set-string expressions, in order (applied after --set, values kept as strings). */
  setString?: readonly string[];
  readStdin?: StdinReader;
}

/** Helm's values.Options.MergeValues: files merged in order, then --set, then --set-string. */
export async function readUserValues(src: UserValueSources): Promise<GoMap> {
  let base: GoMap = new Map();
  for (const file of src.valueFiles ?? []) {
    const text = await readUserFile(file, src.readStdin);
    base = mergeMaps(base, parseValuesText(text, file));
  }
  for (const expr of src.set ?? []) parseSetInto(expr, base, { flag: '--set' });
  for (const expr of src.setString ?? []) parseSetInto(expr, base, { asString: true, flag: '--set-string' });
  return base;
}
