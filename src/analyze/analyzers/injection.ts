import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, fullName, obj, str } from '../resource.js';

function enableNamespacesByDefault(values: string): boolean {
  try {
    return obj(obj(JSON.parse(values))['sidecarInjectorWebhook'])['enableNamespacesByDefault'] === true;
  } catch {
    return false;
  }
}

export const injectionAnalyzer: Analyzer = {
  name: 'injection.Analyzer',
  description: 'Reports namespaces and pods where sidecar injection is off, ambiguous or did not take place',
  inputs: [K.Namespace, K.Pod, K.ConfigMap],
  analyze(ctx) {
    const injected = new Set<string>();
    const configMaps = new Map<string, string>();
    for (const cm of ctx.snapshot.list(K.ConfigMap)) if (!configMaps.has(cm.name)) configMaps.set(cm.name, str(obj(cm.object['data'])['values']));
    for (const r of ctx.snapshot.list(K.Namespace)) {
      if (r.name === 'istio-system') continue;
      const inj = r.labels['istio-injection'];
      const rev = r.labels['istio.io/rev'];
      const labels: string[] = [];
      if (inj !== undefined) labels.push(`istio-injection=${inj}`);
      for (const l of ['istio.io/rev', 'istio.io/dataplane-mode']) {
        if (r.labels[l] !== undefined && (inj === undefined || inj === 'enabled')) labels.push(`${l}=${r.labels[l]}`);
      }
      if (labels.length > 1) ctx.report(newMessage('NamespaceMultipleInjectionLabels', r, [labels]));
      if (r.labels['istio.io/dataplane-mode'] === 'ambient') continue;
      const cmName = !rev || rev === 'default' ? 'istio-sidecar-injector' : `istio-sidecar-injector-${rev}`;
      const byDefault = configMaps.has(cmName) && enableNamespacesByDefault(configMaps.get(cmName) as string);
      if (!inj && rev === undefined) {
        if (byDefault) ctx.report(newMessage('NamespaceInjectionEnabledByDefault', r, []));
        else ctx.report(newMessage('NamespaceNotInjected', r, [r.name, r.name], '{.metadata.name}'));
        continue;
      }
      if (inj === 'enabled') injected.add(r.name);
    }
    for (const p of ctx.snapshot.list(K.Pod)) {
      if (!injected.has(p.namespace)) continue;
      const want = p.labels['sidecar.istio.io/inject'] ?? p.annotations['sidecar.istio.io/inject'] ?? '';
      if (want.toLowerCase() === 'false') continue;
      if (p.spec['hostNetwork'] === true) continue;
      const containers = [...arr(p.spec['containers']), ...arr(p.spec['initContainers'])];
      const proxy = containers.find((c) => str(obj(c)['name']) === 'istio-proxy');
      if (!proxy || !str(obj(proxy)['image'])) ctx.report(newMessage('PodMissingProxy', p, [fullName(p)]));
    }
  },
};
