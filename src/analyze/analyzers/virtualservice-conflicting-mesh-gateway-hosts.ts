import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { fullName, strs, type Resource } from '../resource.js';
import { EXPORT_ALL, EXPORT_LOCAL, hostMatches, hostToFqdn, MESH_GATEWAY } from './util.js';

export const conflictingMeshGatewayHostsAnalyzer: Analyzer = {
  name: 'virtualservice.ConflictingMeshGatewayHostsAnalyzer',
  description: 'Reports hosts that more than one mesh-bound VirtualService claims',
  inputs: [K.VirtualService],
  analyze(ctx) {
    // scope/fqdn -> VirtualServices bound to the mesh gateway that declare it
    const byScopedHost = new Map<string, Resource[]>();
    // exported-to-all hosts, for the non-"*" scopes to also match against
    const exportedAll: Array<{ host: string; list: Resource[] }> = [];
    const exportedAllExact = new Map<string, Resource[]>();
    for (const r of ctx.snapshot.list(K.VirtualService)) {
      const gws = strs(r.spec['gateways']);
      if (gws.length > 0 && !gws.includes(MESH_GATEWAY)) continue;
      const exportTo = strs(r.spec['exportTo']);
      const scopes = exportTo.length === 0 || exportTo.includes(EXPORT_ALL) ? [EXPORT_ALL] : [...new Set(exportTo.map((e) => (e === EXPORT_LOCAL ? r.namespace : e)))];
      for (const scope of scopes) {
        for (const h of strs(r.spec['hosts'])) {
          const fqdn = hostToFqdn(r.namespace, h);
          const key = `${scope}/${fqdn}`;
          let l = byScopedHost.get(key);
          if (!l) {
            byScopedHost.set(key, (l = []));
            if (scope === EXPORT_ALL) {
              exportedAll.push({ host: fqdn, list: l });
              exportedAllExact.set(fqdn, l);
            }
          }
          l.push(r);
        }
      }
    }
    const reported = new Set<Resource>();
    for (const [key, own] of byScopedHost) {
      const slash = key.indexOf('/');
      const scope = key.slice(0, slash);
      const fqdn = key.slice(slash + 1);
      let list = own;
      if (scope !== EXPORT_ALL) {
        // Exact hosts are the common case: look them up; only wildcard entries need matching.
        const extra: Resource[] = [];
        for (const e of exportedAll) if (e.host.startsWith('*') || fqdn.startsWith('*') ? hostMatches(fqdn, e.host) : e.host === fqdn) extra.push(...e.list);
        list = [...own, ...extra];
      }
      if (list.length <= 1) continue;
      const names = list.map(fullName).sort().join(',');
      for (const r of list) {
        if (reported.has(r)) continue;
        reported.add(r);
        ctx.report(newMessage('ConflictingMeshGatewayVirtualServiceHosts', r, [names, key], '{.metadata.name}'));
      }
    }
  },
};
