import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj, strMap, strs, type Resource } from '../resource.js';
import { selectorMatches, MESH_GATEWAY } from './util.js';

const CLAIM_PREFIX = '@request.auth.claims';

/** Istio's jwt.ToRoutingClaim(...).Match: `@request.auth.claims.a.b` or `@request.auth.claims[a][b]`. */
export function isRoutingClaim(header: string): boolean {
  if (!header.toLowerCase().startsWith(CLAIM_PREFIX)) return false;
  const rest = header.slice(CLAIM_PREFIX.length);
  if (rest.startsWith('.') && rest.length > 1) return true;
  return rest.startsWith('[') && rest.endsWith(']') && rest.length > 2;
}

/** The first header (or withoutHeaders) key of the HTTP matches that routes on a JWT claim. */
function claimRouteKey(vs: Resource): string {
  for (const route of arr(vs.spec['http'])) {
    for (const m of arr(obj(route)['match'])) {
      for (const k of Object.keys(obj(obj(m)['headers']))) if (isRoutingClaim(k)) return k;
      for (const k of Object.keys(obj(obj(m)['withoutHeaders']))) if (isRoutingClaim(k)) return k;
    }
  }
  return '';
}

export const jwtClaimRouteAnalyzer: Analyzer = {
  name: 'virtualservice.JWTClaimRouteAnalyzer',
  description: 'Reports routes matching on JWT claims for gateway workloads that no RequestAuthentication covers',
  inputs: [K.VirtualService, K.RequestAuthentication, K.Gateway, K.Pod],
  analyze(ctx) {
    const raSelectors = new Map<string, Array<Record<string, string>>>();
    for (const ra of ctx.snapshot.list(K.RequestAuthentication)) {
      const l = raSelectors.get(ra.namespace);
      const sel = strMap(obj(ra.spec['selector'])['matchLabels']);
      if (l) l.push(sel);
      else raSelectors.set(ra.namespace, [sel]);
    }
    for (const vs of ctx.snapshot.list(K.VirtualService)) {
      const key = claimRouteKey(vs);
      if (!key) continue;
      for (const gwName of strs(vs.spec['gateways'])) {
        if (gwName === MESH_GATEWAY) continue;
        const slash = gwName.indexOf('/');
        const gwNs = slash >= 0 ? gwName.slice(0, slash) : vs.namespace;
        const gwLocal = slash >= 0 ? gwName.slice(slash + 1) : gwName;
        // A missing gateway is the gateway analyzer's finding.
        const gw = ctx.snapshot.get(K.Gateway, gwNs, gwLocal);
        if (!gw) continue;
        const gwSelector = strMap(gw.spec['selector']);
        for (const pod of ctx.snapshot.list(K.Pod)) {
          if (!selectorMatches(gwSelector, pod.labels)) continue;
          const candidates = [...(raSelectors.get('istio-system') ?? []), ...(raSelectors.get(pod.namespace) ?? [])];
          if (candidates.some((s) => selectorMatches(s, pod.labels))) continue;
          ctx.report(newMessage('JwtClaimBasedRoutingWithoutRequestAuthN', vs, [key, gwNs ? `${gwNs}/${gwLocal}` : gwLocal, pod.name]));
        }
      }
    }
  },
};
