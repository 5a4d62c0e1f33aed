import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { obj, strMap, type Resource } from '../resource.js';
import { indexByLabels } from './label-index.js';
import { namespaceInAmbientMode, podInAmbientMode, sortedNames } from './label-selector.js';
import { selectorString } from './util.js';

export const sidecarSelectorAnalyzer: Analyzer = {
  name: 'sidecar.SelectorAnalyzer',
  description: 'Reports Sidecars that select no pod, pods or namespaces claimed by several Sidecars, and Sidecars in ambient namespaces',
  inputs: [K.Sidecar, K.Pod, K.Namespace],
  analyze(ctx) {
    const pods = indexByLabels(ctx.snapshot.list(K.Pod));
    const podToSidecars = new Map<Resource, Resource[]>();
    const namespaceScoped = new Map<string, Resource[]>();
    for (const sc of ctx.snapshot.list(K.Sidecar)) {
      const labels = strMap(obj(sc.spec['workloadSelector'])['labels']);
      const keys = Object.keys(labels);
      if (keys.length === 0) {
        const l = namespaceScoped.get(sc.namespace);
        if (l) l.push(sc);
        else namespaceScoped.set(sc.namespace, [sc]);
        continue;
      }
      const selected = pods.all(sc.namespace, labels);
      if (selected.length === 0) {
        const sel = selectorString(labels);
        const first = sel.slice(0, sel.indexOf('='));
        ctx.report(newMessage('ReferencedResourceNotFound', sc, ['selector', sel], `{.spec.workloadSelector.labels.${first}}`));
        continue;
      }
      for (const p of selected) {
        const l = podToSidecars.get(p);
        if (l) l.push(sc);
        else podToSidecars.set(p, [sc]);
      }
    }
    const reported = new Set<Resource>();
    for (const [pod, sidecars] of podToSidecars) {
      const ambient = podInAmbientMode(pod);
      if (sidecars.length === 1 && !ambient) continue;
      const names = sortedNames(sidecars);
      for (const sc of sidecars) {
        // Ambient pods have no sidecar: the Sidecar resource is merely ineffective there.
        if (ambient) {
          if (!reported.has(sc)) ctx.report(newMessage('IneffectivePolicy', sc, ['selected workload is in ambient mode, the policy has no impact']));
          reported.add(sc);
          continue;
        }
        ctx.report(newMessage('ConflictingSidecarWorkloadSelectors', sc, [names, pod.namespace, pod.name], '{.metadata.name}'));
      }
    }
    for (const [ns, sidecars] of namespaceScoped) {
      if (namespaceInAmbientMode(ctx.snapshot.get(K.Namespace, '', ns))) {
        for (const sc of sidecars) {
          if (!reported.has(sc)) ctx.report(newMessage('IneffectivePolicy', sc, ['namespace is in ambient mode, the policy has no impact']));
          reported.add(sc);
        }
        continue;
      }
      if (sidecars.length > 1) {
        const names = sortedNames(sidecars);
        for (const sc of sidecars) ctx.report(newMessage('MultipleSidecarsWithoutWorkloadSelectors', sc, [names, ns]));
      }
    }
  },
};
