import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, num, obj, str, type Resource } from '../resource.js';
import type { AnalysisContext } from '../analyzer.js';

const ROUTE_TARGETS = new Set(['ROUTE_CONFIGURATION', 'HTTP_ROUTE']);
const REPLACEABLE = new Set(['NETWORK_FILTER', 'HTTP_FILTER', 'VIRTUAL_HOST']);

export const envoyPatchAnalyzer: Analyzer = {
  name: 'envoyfilter.EnvoyPatchAnalyzer',
  description: 'Reports EnvoyFilter patch operations that are ignored for their applyTo or rely on ordering without a priority',
  inputs: [K.EnvoyFilter],
  analyze(ctx) {
    // Names of patched filters whose match pins a proxyVersion, accumulated across EnvoyFilters in order.
    const versionPinned = new Set<string>();
    for (const r of ctx.snapshot.list(K.EnvoyFilter)) analyzeFilter(ctx, r, versionPinned);
  },
};

function analyzeFilter(ctx: AnalysisContext, r: Resource, versionPinned: Set<string>): void {
  const priority = num(r.spec['priority']) ?? 0;
  const patches = arr(r.spec['configPatches']);
  for (let i = 0; i < patches.length; i++) {
    const cp = obj(patches[i]);
    if (cp['patch'] === undefined || cp['patch'] === null) break;
    const patch = obj(cp['patch']);
    const value = obj(patch['value']);
    let instanceName = '';
    if (patch['value'] !== undefined) {
      if (value['name'] !== undefined) instanceName = goStructValueString(value['name']);
      else instanceName = str(obj(obj(obj(obj(cp['match'])['listener'])['filterChain'])['filter'])['name']);
    }
    const path = `{.spec.configPatches[${i}].patch.value}`;
    const op = str(patch['operation']);
    const applyTo = str(cp['applyTo']);
    const relative = (): void => {
      if (priority !== 0) return;
      const name = versionPinned.has(instanceName) ? 'EnvoyFilterUsesRelativeOperationWithProxyVersion' : 'EnvoyFilterUsesRelativeOperation';
      ctx.report(newMessage(name, r, [], path));
    };
    if (op === 'ADD') {
      if (ROUTE_TARGETS.has(applyTo)) ctx.report(newMessage('EnvoyFilterUsesAddOperationIncorrectly', r, [], path));
    } else if (op === 'REMOVE') {
      if (ROUTE_TARGETS.has(applyTo)) ctx.report(newMessage('EnvoyFilterUsesRemoveOperationIncorrectly', r, [], path));
      else relative();
    } else if (op === 'REPLACE') {
      if (!REPLACEABLE.has(applyTo)) ctx.report(newMessage('EnvoyFilterUsesReplaceOperationIncorrectly', r, [], path));
      else relative();
    } else if (op === 'INSERT_BEFORE' || op === 'INSERT_AFTER') relative();
    if (str(obj(obj(cp['match'])['proxy'])['proxyVersion']) !== '') versionPinned.add(instanceName);
  }
}

/** structpb.Value.String() of a string value, as Go prints it: `string_value:"x"`. */
function goStructValueString(v: unknown): string {
  if (typeof v === 'string') return `string_value:${JSON.stringify(v)}`;
  return String(v);
}
