import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj, str, strMap, type JsonObject } from '../resource.js';
import { labelSelectorMatches } from './label-selector.js';

function hasAutoImage(podSpec: JsonObject): boolean {
  return arr(podSpec['containers']).some((c) => str(obj(c)['name']) === 'istio-proxy' && str(obj(c)['image']) === 'auto');
}

export const injectionImageAutoAnalyzer: Analyzer = {
  name: 'injection.ImageAutoAnalyzer',
  description: 'Reports Pods and Deployments using image: auto that no injection webhook will rewrite',
  inputs: [K.Namespace, K.Pod, K.Deployment, K.MutatingWebhookConfiguration],
  analyze(ctx) {
    const istioWebhooks: JsonObject[] = [];
    for (const cfg of ctx.snapshot.list(K.MutatingWebhookConfiguration)) {
      for (const wh of arr(cfg.object['webhooks'])) if (str(obj(wh)['name']).endsWith('istio.io')) istioWebhooks.push(obj(wh));
    }
    // A pod with `image: auto` was not injected, whatever the webhooks select.
    for (const pod of ctx.snapshot.list(K.Pod)) {
      if (hasAutoImage(pod.spec)) ctx.report(newMessage('ImageAutoWithoutInjectionError', pod, ['Pod', pod.name]));
    }
    for (const d of ctx.snapshot.list(K.Deployment)) {
      const template = obj(d.spec['template']);
      if (!hasAutoImage(obj(template['spec']))) continue;
      const ns = ctx.snapshot.get(K.Namespace, '', d.namespace || 'default');
      const nsLabels = ns?.labels ?? {};
      const podLabels = strMap(obj(template['metadata'])['labels']);
      const matched = istioWebhooks.some((w) => labelSelectorMatches(w['namespaceSelector'], nsLabels) && labelSelectorMatches(w['objectSelector'], podLabels));
      if (!matched) ctx.report(newMessage('ImageAutoWithoutInjectionWarning', d, ['Deployment', d.name]));
    }
  },
};
