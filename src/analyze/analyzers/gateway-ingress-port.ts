import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, num, obj, str, strMap, type Resource } from '../resource.js';
import { selectorMatches, selectorString } from './util.js';

export const ingressGatewayPortAnalyzer: Analyzer = {
  name: 'gateway.IngressGatewayPortAnalyzer',
  description: 'Reports Gateway server ports that the Services of the selected gateway workload do not expose',
  inputs: [K.Gateway, K.Pod, K.Service],
  analyze(ctx) {
    const servicesByNs = new Map<string, Resource[]>();
    for (const s of ctx.snapshot.list(K.Service)) {
      let l = servicesByNs.get(s.namespace);
      if (!l) servicesByNs.set(s.namespace, (l = []));
      l.push(s);
    }
    // Gateways with the same selector see the same pods and ports: compute once per selector.
    const cache = new Map<string, { matches: number; ports: Set<number>; mapped: Set<number> }>();
    const portsFor = (sel: Record<string, string>): { matches: number; ports: Set<number>; mapped: Set<number> } => {
      const k = selectorString(sel);
      const hit = cache.get(k);
      if (hit) return hit;
      const res = { matches: 0, ports: new Set<number>(), mapped: new Set<number>() };
      for (const pod of ctx.snapshot.list(K.Pod)) {
        if (!selectorMatches(sel, pod.labels)) continue;
        res.matches++;
        for (const svc of servicesByNs.get(pod.namespace) ?? []) {
          const ssel = strMap(svc.spec['selector']);
          if (!selectorMatches(ssel, pod.labels)) continue;
          for (const p of arr(svc.spec['ports'])) {
            const port = obj(p);
            if ((str(port['protocol']) || 'TCP') !== 'TCP') continue;
            const tp = num(port['targetPort']) ?? 0;
            if (tp !== 0) {
              res.ports.add(tp);
              res.mapped.add(num(port['port']) ?? 0);
            } else res.ports.add(num(port['port']) ?? 0);
          }
        }
      }
      cache.set(k, res);
      return res;
    };
    for (const gw of ctx.snapshot.list(K.Gateway)) {
      const sel = strMap(gw.spec['selector']);
      const selStr = selectorString(sel);
      const firstLabel = selStr.includes('=') ? selStr.slice(0, selStr.indexOf('=')) : '';
      const path = `{.spec.selector.${firstLabel}}`;
      const info = portsFor(sel);
      if (info.matches === 0) {
        ctx.report(newMessage('ReferencedResourceNotFound', gw, ['selector', selStr], path));
        continue;
      }
      for (const s of arr(gw.spec['servers'])) {
        const port = obj(obj(s)['port']);
        if (obj(s)['port'] === undefined) continue;
        const n = num(port['number']) ?? 0;
        if (!info.ports.has(n) && !info.mapped.has(n)) ctx.report(newMessage('GatewayPortNotDefinedOnService', gw, [n, selStr], path));
      }
    }
  },
};
