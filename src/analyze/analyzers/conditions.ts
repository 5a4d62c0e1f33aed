/**
 * conditions.ConditionAnalyzer: status conditions that Istio or the Gateway API controller set to a
 * negative status (IST0171), read from each object's status.
 */
import { newMessage, type Analyzer } from '../analyzer.js';
import { K, kindKey, type KindKey } from '../kinds.js';
import { arr, obj, str, type JsonObject, type Resource } from '../resource.js';

const GRPC_ROUTE = kindKey('gateway.networking.k8s.io', 'GRPCRoute');

const WAYPOINT_BOUND = { 'istio.io/WaypointBound': 'False' };
const GATEWAY_API = { Accepted: 'False', Programmed: 'False', ResolvedRefs: 'False' };

/** Per kind: condition type -> the status that is worth reporting. */
const NEGATIVE: ReadonlyArray<readonly [KindKey, Readonly<Record<string, string>>]> = [
  [K.Service, WAYPOINT_BOUND],
  [K.ServiceEntry, WAYPOINT_BOUND],
  [K.WorkloadEntry, WAYPOINT_BOUND],
  [K.AuthorizationPolicy, { ZtunnelAccepted: 'False', WaypointAccepted: 'False' }],
  [K.KubernetesGateway, GATEWAY_API],
  [K.HTTPRoute, GATEWAY_API],
  [GRPC_ROUTE, GATEWAY_API],
];

/** Routes keep their conditions per parent; every other kind has status.conditions. */
function conditionsOf(key: KindKey, r: Resource): JsonObject[] {
  const status = obj(r.object['status']);
  if (key === K.HTTPRoute || key === GRPC_ROUTE) return arr(status['parents']).flatMap((p) => arr(obj(p)['conditions']).map(obj));
  return arr(status['conditions']).map(obj);
}

export const conditionAnalyzer: Analyzer = {
  name: 'conditions.ConditionAnalyzer',
  description: 'Reports resources whose status carries a condition with a failing status',
  inputs: [K.Service, K.ServiceEntry, K.WorkloadEntry, K.AuthorizationPolicy, K.KubernetesGateway, K.HTTPRoute, GRPC_ROUTE],
  analyze(ctx) {
    for (const [key, negative] of NEGATIVE) {
      for (const r of ctx.snapshot.list(key)) {
        for (const c of conditionsOf(key, r)) {
          const type = str(c['type']);
          const reason = str(c['reason']);
          const args = [type, reason, str(c['message'])];
          // As istioctl's map lookup: an unlisted type with no status compares equal ("" == "").
          const wanted = Object.hasOwn(negative, type) ? negative[type] : '';
          if (wanted === str(c['status'])) ctx.report(newMessage('NegativeConditionStatus', r, args));
          // A partially applied waypoint policy is reported whatever its status says.
          if (key === K.AuthorizationPolicy && type === 'WaypointAccepted' && reason === 'PartiallyInvalid') ctx.report(newMessage('NegativeConditionStatus', r, args));
        }
      }
    }
  },
};
