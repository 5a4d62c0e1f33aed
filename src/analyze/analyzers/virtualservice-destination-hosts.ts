import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { fullName, num, obj, str, strs, arr } from '../resource.js';
import { mirrorDestinations, routeDestinations, ServiceHostIndex, type RouteDestination, type HostTarget } from './util.js';
import type { AnalysisContext } from '../analyzer.js';
import type { Resource } from '../resource.js';

function checkPorts(ctx: AnalysisContext, r: Resource, d: RouteDestination, target: HostTarget): void {
  const host = str(d.destination['host']);
  const port = obj(d.destination['port']);
  if (d.destination['port'] === undefined) {
    if (target.ports.length > 1) {
      ctx.report(newMessage('VirtualServiceDestinationPortSelectorRequired', r, [host, target.ports.map((p) => p.number)], d.path));
    }
    return;
  }
  const n = num(port['number']) ?? 0;
  if (!target.ports.some((p) => p.number === n)) {
    ctx.report(newMessage('ReferencedResourceNotFound', r, ['host:port', `${host}:${n}`], d.path));
  }
}

export const destinationHostAnalyzer: Analyzer = {
  name: 'virtualservice.DestinationHostAnalyzer',
  description: 'Checks that every route and mirror destination names a known host, with a port when the host has several',
  inputs: [K.ServiceEntry, K.VirtualService, K.Service],
  analyze(ctx) {
    const hosts = ServiceHostIndex.build(ctx);
    const vss = ctx.snapshot.list(K.VirtualService);
    // Hosts that some VirtualService routes to with a subset, for IST0140 (an index, not a scan per route).
    const subsetRoutedBy = new Map<string, string[]>();
    for (const r of vss) {
      const vsHosts = new Set(strs(r.spec['hosts']));
      for (const rule of arr(r.spec['http'])) {
        for (const rd of arr(obj(rule)['route'])) {
          const dest = obj(obj(rd)['destination']);
          const h = str(dest['host']);
          if (str(dest['subset']) !== '' && vsHosts.has(h)) {
            let l = subsetRoutedBy.get(h);
            if (!l) subsetRoutedBy.set(h, (l = []));
            l.push(fullName(r));
          }
        }
      }
    }
    for (const r of vss) {
      const exportTo = strs(r.spec['exportTo']);
      for (const d of routeDestinations(r)) {
        const t = hosts.lookup(r.namespace, exportTo, str(d.destination['host']));
        if (!t) ctx.report(newMessage('ReferencedResourceNotFound', r, ['host', str(d.destination['host'])], d.path));
        else checkPorts(ctx, r, d, t);
      }
      for (const d of mirrorDestinations(r)) {
        const t = hosts.lookup(r.namespace, exportTo, str(d.destination['host']));
        if (!t) ctx.report(newMessage('ReferencedResourceNotFound', r, ['mirror host', str(d.destination['host'])], d.path));
        else checkPorts(ctx, r, d, t);
      }
      if (strs(r.spec['gateways']).length === 0) continue;
      arr(r.spec['http']).forEach((rule, i) => {
        const ruleName = str(obj(rule)['name']);
        arr(obj(rule)['route']).forEach((rd, j) => {
          const dest = obj(obj(rd)['destination']);
          if (str(dest['subset']) !== '') return;
          for (const other of subsetRoutedBy.get(str(dest['host'])) ?? []) {
            ctx.report(newMessage('IngressRouteRulesNotAffected', r, [other, fullName(r)], `{.spec.${ruleName}[${i}].route[${j}].destination.host}`));
          }
        });
      });
    }
  },
};
