import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { obj, strMap, type Resource } from '../resource.js';
import { containsAll } from './label-selector.js';

const GATEWAY_NAME_LABEL = 'gateway.networking.k8s.io/gateway-name';

export const k8sGatewaySelectorAnalyzer: Analyzer = {
  name: 'k8sgateway.SelectorAnalyzer',
  description: 'Reports policies that pick Gateway API gateway pods by workload selector, which only a targetRef affects',
  inputs: [K.AuthorizationPolicy, K.RequestAuthentication, K.Telemetry, K.WasmPlugin, K.Pod],
  analyze(ctx) {
    // Only pods deployed for a Kubernetes Gateway matter; index them by namespace.
    const gatewayPods = new Map<string, Resource[]>();
    for (const p of ctx.snapshot.list(K.Pod)) {
      if (!(GATEWAY_NAME_LABEL in p.labels)) continue;
      const list = gatewayPods.get(p.namespace);
      if (list) list.push(p);
      else gatewayPods.set(p.namespace, [p]);
    }
    if (gatewayPods.size === 0) return;
    for (const key of [K.AuthorizationPolicy, K.RequestAuthentication, K.Telemetry, K.WasmPlugin]) {
      for (const r of ctx.snapshot.list(key)) {
        const targetRef = r.spec['targetRef'];
        if (targetRef !== undefined && targetRef !== null) continue;
        const selector = r.spec['selector'];
        if (selector === undefined || selector === null) continue;
        const matchLabels = strMap(obj(selector)['matchLabels']);
        for (const pod of gatewayPods.get(r.namespace) ?? []) {
          if (containsAll(pod.labels, matchLabels)) ctx.report(newMessage('IneffectiveSelector', r, [pod.labels[GATEWAY_NAME_LABEL] ?? '']));
        }
      }
    }
  },
};
