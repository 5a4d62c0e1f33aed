import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, fullName, num, obj, str, strMap, strs, type Resource } from '../resource.js';
import { selectorMatches, selectorString } from './util.js';

interface ServerEntry {
  gateway: string;
  hosts: string[];
  bind: string;
}

/** Two servers conflict when they share an exact host with the same bind (model.CheckDuplicates). */
function conflicts(hosts: readonly string[], bind: string, other: ServerEntry): boolean {
  return bind === other.bind && hosts.some((h) => other.hosts.includes(h));
}

export const conflictingGatewayAnalyzer: Analyzer = {
  name: 'gateway.ConflictingGatewayAnalyzer',
  description: "Checks a gateway's selector, port number and hosts",
  inputs: [K.Gateway, K.Pod],
  analyze(ctx) {
    // selector string -> port -> servers
    const bySelector = new Map<string, Map<string, ServerEntry[]>>();
    for (const gw of ctx.snapshot.list(K.Gateway)) {
      const sel = selectorString(strMap(gw.spec['selector']));
      let ports = bySelector.get(sel);
      if (!ports) bySelector.set(sel, (ports = new Map()));
      for (const s of arr(gw.spec['servers'])) {
        const port = String(num(obj(obj(s)['port'])['number']) ?? 0);
        let l = ports.get(port);
        if (!l) ports.set(port, (l = []));
        l.push({ gateway: fullName(gw), hosts: strs(obj(s)['hosts']), bind: str(obj(s)['bind']) });
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
      const hits: Array<Map<string, ServerEntry[]>> = [];
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
        const names: string[] = [];
        for (const ports of hits) for (const e of ports.get(port) ?? []) if (e.gateway !== me && conflicts(hosts, bind, e)) names.push(e.gateway);
        if (names.length > 0) {
          ctx.report(newMessage('ConflictingGateways', gw, [names.sort().join(','), sel, port, hosts.join(',')]));
        }
      }
    }
  },
};
