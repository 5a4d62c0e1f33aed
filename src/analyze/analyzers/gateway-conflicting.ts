import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, fullName, num, obj, str, strMap, strs, type Resource } from '../resource.js';
import { selectorMatches, selectorString } from './util.js';

/**
 * Per selector and port: `host\u0000bind` -> gateways serving it. Two servers conflict when they
 * share an exact host with the same bind (model.CheckDuplicates), so an exact-key index suffices.
 */
type HostIndex = Map<string, Set<string>>;

export const conflictingGatewayAnalyzer: Analyzer = {
  name: 'gateway.ConflictingGatewayAnalyzer',
  description: 'Reports Gateways that claim the same port and host on one workload, and Gateway selectors that match no pod',
  inputs: [K.Gateway, K.Pod],
  analyze(ctx) {
    // selector string -> port -> host index
    const bySelector = new Map<string, Map<string, HostIndex>>();
    for (const gw of ctx.snapshot.list(K.Gateway)) {
      const sel = selectorString(strMap(gw.spec['selector']));
      let ports = bySelector.get(sel);
      if (!ports) bySelector.set(sel, (ports = new Map()));
      for (const s of arr(gw.spec['servers'])) {
        const port = String(num(obj(obj(s)['port'])['number']) ?? 0);
        let idx = ports.get(port);
        if (!idx) ports.set(port, (idx = new Map()));
        const bind = str(obj(s)['bind']);
        for (const h of strs(obj(s)['hosts'])) {
          const k = `${h}\u0000${bind}`;
          let set = idx.get(k);
          if (!set) idx.set(k, (set = new Set()));
          set.add(fullName(gw));
        }
      }
    }
    const pods = ctx.snapshot.list(K.Pod);
    const parse = (s: string): Record<string, string> => {
      const out: Record<string, string> = {};
      for (const pair of s.split(',')) {
        const kv = pair.split('=');
        if (kv.length === 2) out[kv[0] as string] = kv[1] as string;
      }
      return out;
    };
    for (const gw of ctx.snapshot.list(K.Gateway) as Resource[]) {
      const selMap = strMap(gw.spec['selector']);
      const sel = selectorString(selMap);
      const hits: Array<Map<string, HostIndex>> = [];
      for (const [other, ports] of bySelector) {
        let matched = other === sel;
        if (!matched && (other.includes(sel) || sel.includes(other))) {
          const otherSel = parse(other);
          matched = pods.some((p) => selectorMatches(selMap, p.labels) && selectorMatches(otherSel, p.labels));
        }
        if (matched) hits.push(ports);
      }
      if (sel !== '' && hits.length === 0) {
        const label = sel.slice(0, sel.indexOf('='));
        ctx.report(newMessage('ReferencedResourceNotFound', gw, ['selector', sel], `{.spec.selector.${label}}`));
        continue;
      }
      const me = fullName(gw);
      for (const s of arr(gw.spec['servers'])) {
        const port = String(num(obj(obj(s)['port'])['number']) ?? 0);
        const hosts = strs(obj(s)['hosts']);
        const bind = str(obj(s)['bind']);
        const found = new Set<string>();
        for (const ports of hits) {
          const idx = ports.get(port);
          if (!idx) continue;
          for (const h of hosts) for (const g of idx.get(`${h}\u0000${bind}`) ?? []) if (g !== me) found.add(g);
        }
        const names = [...found];
        if (names.length > 0) {
          ctx.report(newMessage('ConflictingGateways', gw, [names.sort().join(','), sel, port, hosts.join(',')]));
        }
      }
    }
  },
};
