/** applicationUID.Analyzer: workloads that run as UID 1337, which is reserved for the proxy (IST0144). */
import { newMessage, type Analyzer, type AnalysisContext } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj, str, type JsonObject, type Resource } from '../resource.js';
import { isIstioControlPlane } from './util.js';

const PROXY_UID = 1337;
/** Containers allowed to run as the proxy's UID. */
const EXEMPT_CONTAINERS = new Set(['istio-proxy', 'istio-operator']);

function runsAsProxy(securityContext: unknown): boolean {
  // runAsUser is an int64: a quoted "1337" does not decode, so only a YAML number counts.
  return obj(securityContext)['runAsUser'] === PROXY_UID;
}

function check(ctx: AnalysisContext, r: Resource, podSpec: JsonObject): void {
  if (isIstioControlPlane(r)) return;
  // istioctl reports once per offending spot; identical messages collapse when printed.
  if (runsAsProxy(podSpec['securityContext'])) ctx.report(newMessage('InvalidApplicationUID', r, []));
  for (const c of arr(podSpec['containers']).map(obj)) {
    if (!EXEMPT_CONTAINERS.has(str(c['name'])) && runsAsProxy(c['securityContext'])) ctx.report(newMessage('InvalidApplicationUID', r, []));
  }
}

export const applicationUIDAnalyzer: Analyzer = {
  name: 'applicationUID.Analyzer',
  description: 'Reports pods and workloads that run as UID 1337, the user id Istio reserves for its sidecar proxy',
  inputs: [K.Pod, K.Deployment],
  analyze(ctx) {
    for (const p of ctx.snapshot.list(K.Pod)) check(ctx, p, p.spec);
    for (const d of ctx.snapshot.list(K.Deployment)) check(ctx, d, obj(obj(d.spec['template'])['spec']));
  },
};
