import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj, str } from '../resource.js';
import { mirrorDestinations, resourceNameFromHost, routeDestinations } from './util.js';

export const virtualServiceDestinationRuleAnalyzer: Analyzer = {
  name: 'virtualservice.DestinationRuleAnalyzer',
  description: 'Checks that every subset a route names is defined by a DestinationRule for its host',
  inputs: [K.VirtualService, K.DestinationRule],
  analyze(ctx) {
    const subsets = new Set<string>();
    const key = (ns: string, host: string, subset: string): string => {
      const n = resourceNameFromHost(ns, host);
      return `${n.namespace}/${n.name}+${subset}`;
    };
    for (const dr of ctx.snapshot.list(K.DestinationRule)) {
      for (const ss of arr(dr.spec['subsets'])) subsets.add(key(dr.namespace, str(dr.spec['host']), str(obj(ss)['name'])));
    }
    for (const r of ctx.snapshot.list(K.VirtualService)) {
      for (const [dests, what] of [
        [routeDestinations(r), 'host+subset in destinationrule'],
        [mirrorDestinations(r), 'mirror+subset in destinationrule'],
      ] as const) {
        for (const d of dests) {
          const subset = str(d.destination['subset']);
          if (subset === '') continue;
          const host = str(d.destination['host']);
          if (!subsets.has(key(r.namespace, host, subset))) {
            ctx.report(newMessage('ReferencedResourceNotFound', r, [what, `${host}+${subset}`], d.path));
          }
        }
      }
    }
  },
};
