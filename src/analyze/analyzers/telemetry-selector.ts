import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { obj, strMap, type Resource } from '../resource.js';
import { indexByLabels } from './label-index.js';
import { sortedNames } from './label-selector.js';
import { selectorString } from './util.js';

export const telemetrySelectorAnalyzer: Analyzer = {
  name: 'telemetry.SelectorAnalyzer',
  description: 'Reports Telemetries whose selector matches no pod, and pods that several Telemetries select',
  inputs: [K.Telemetry, K.Pod],
  analyze(ctx) {
    const pods = indexByLabels(ctx.snapshot.list(K.Pod));
    const podToTelemetries = new Map<Resource, Resource[]>();
    for (const t of ctx.snapshot.list(K.Telemetry)) {
      const labels = strMap(obj(t.spec['selector'])['matchLabels']);
      const keys = Object.keys(labels);
      // Telemetries without selector labels apply namespace-wide; the default selector analyzer covers them.
      if (keys.length === 0) continue;
      const selected = pods.all(t.namespace, labels);
      if (selected.length === 0) {
        const sel = selectorString(labels);
        ctx.report(newMessage('ReferencedResourceNotFound', t, ['selector', sel], `{.spec.selector.matchLabels.${sel.slice(0, sel.indexOf('='))}}`));
        continue;
      }
      for (const p of selected) {
        const l = podToTelemetries.get(p);
        if (l) l.push(t);
        else podToTelemetries.set(p, [t]);
      }
    }
    for (const [pod, telemetries] of podToTelemetries) {
      if (telemetries.length === 1) continue;
      const names = sortedNames(telemetries);
      for (const t of telemetries) ctx.report(newMessage('ConflictingTelemetryWorkloadSelectors', t, [names, pod.namespace, pod.name], '{.metadata.name}'));
    }
  },
};
