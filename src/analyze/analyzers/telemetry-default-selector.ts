import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import type { Resource } from '../resource.js';
import { sortedNames } from './label-selector.js';

export const telemetryDefaultSelectorAnalyzer: Analyzer = {
  name: 'telemetry.DefaultSelectorAnalyzer',
  description: 'Reports namespaces holding more than one Telemetry without a workload selector',
  inputs: [K.Telemetry],
  analyze(ctx) {
    const byNamespace = new Map<string, Resource[]>();
    for (const t of ctx.snapshot.list(K.Telemetry)) {
      // Only an absent selector counts; `selector: {}` is a (match-all) selector for Istio.
      const sel = t.spec['selector'];
      if (sel !== undefined && sel !== null) continue;
      const l = byNamespace.get(t.namespace);
      if (l) l.push(t);
      else byNamespace.set(t.namespace, [t]);
    }
    for (const [ns, list] of byNamespace) {
      if (list.length < 2) continue;
      const names = sortedNames(list);
      for (const t of list) ctx.report(newMessage('MultipleTelemetriesWithoutWorkloadSelectors', t, [names, ns]));
    }
  },
};
