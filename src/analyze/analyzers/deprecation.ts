/** deprecation.DeprecationAnalyzer: deprecated or ignored fields and removed Istio CRD types (IST0002). */
import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj, str } from '../resource.js';

/** The rbac.istio.io kinds Istio removed; a CRD still defining them is reported. */
const REMOVED_RBAC_KINDS = new Set(['ClusterRbacConfig', 'RbacConfig', 'ServiceRole', 'ServiceRoleBinding']);

export const deprecationAnalyzer: Analyzer = {
  name: 'deprecation.DeprecationAnalyzer',
  description: 'Reports Istio configuration that still uses deprecated fields, values or API versions',
  inputs: [K.VirtualService, K.Sidecar, K.CustomResourceDefinition],
  analyze(ctx) {
    for (const vs of ctx.snapshot.list(K.VirtualService)) {
      for (const route of arr(vs.spec['http']).map(obj)) {
        const percent = obj(obj(route['fault'])['delay'])['percent'];
        if (typeof percent === 'number' && percent > 0) {
          ctx.report(newMessage('Deprecated', vs, ['HTTPRoute.fault.delay.percent is deprecated; use HTTPRoute.fault.delay.percentage']));
        }
      }
    }
    for (const sc of ctx.snapshot.list(K.Sidecar)) {
      const egressProxy = obj(sc.spec['outboundTrafficPolicy'])['egressProxy'];
      if (egressProxy !== undefined && egressProxy !== null) ctx.report(newMessage('Deprecated', sc, ['OutboundTrafficPolicy.EgressProxy ignored']));
    }
    for (const crd of ctx.snapshot.list(K.CustomResourceDefinition)) {
      const group = str(crd.spec['group']);
      const kind = str(obj(crd.spec['names'])['kind']);
      if (group === 'rbac.istio.io' && REMOVED_RBAC_KINDS.has(kind)) ctx.report(newMessage('Deprecated', crd, [`Custom resource type ${group} ${kind} is removed`]));
    }
  },
};
