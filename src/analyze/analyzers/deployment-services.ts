/**
 * deployment.MultiServiceAnalyzer: a meshed Deployment selected by several Services that use one
 * port with different protocols (IST0116), or one targetPort behind different ports (IST0137).
 */
import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, fullName, num, obj, str, strMap, type Resource } from '../resource.js';
import { namespaceInjection } from './authz-policies.js';
import { SelectorIndex } from './label-index.js';

const MESH_CONTROLLER = 'istio.io-mesh-controller';

/** Istio's DeploymentInMesh: the pod template's proxy container, inject label/annotation, or namespace label. */
export function deploymentInMesh(d: Resource, injectedNamespaces: ReadonlyMap<string, boolean>): boolean {
  const template = obj(d.spec['template']);
  const meta = obj(template['metadata']);
  const proxy = arr(obj(template['spec'])['containers']).find((c) => str(obj(c)['name']) === 'istio-proxy');
  if (proxy && str(obj(proxy)['image']) !== '') return true;
  const labels = strMap(meta['labels']);
  const annotations = strMap(meta['annotations']);
  const inject = 'sidecar.istio.io/inject';
  if (inject in labels) return labels[inject] === 'true';
  if (inject in annotations) return annotations[inject] === 'true';
  return injectedNamespaces.get(d.namespace) ?? false;
}

function numericSort(a: number, b: number): number {
  return a - b;
}

function byteSort(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export const multiServiceAnalyzer: Analyzer = {
  name: 'deployment.MultiServiceAnalyzer',
  description: 'Reports Deployments whose pods several Services select with conflicting protocols or ports',
  inputs: [K.Service, K.Deployment, K.Namespace],
  analyze(ctx) {
    const injected = namespaceInjection(ctx.snapshot.list(K.Namespace));
    const services = new SelectorIndex<Resource>();
    for (const s of ctx.snapshot.list(K.Service)) services.add(s.namespace, strMap(s.spec['selector']), s);

    for (const d of ctx.snapshot.list(K.Deployment)) {
      if (d.labels['gateway.istio.io/managed'] === MESH_CONTROLLER || !deploymentInMesh(d, injected)) continue;
      const templateLabels = strMap(obj(obj(d.spec['template'])['metadata'])['labels']);
      const matching = services.matching(d.namespace, templateLabels);

      // port -> protocol -> service names; targetPort -> port -> service name (last one wins, as istioctl).
      const protocols = new Map<number, Map<string, string[]>>();
      const targets = new Map<string, Map<number, string>>();
      for (const s of matching) {
        const name = fullName(s);
        for (const p of arr(s.spec['ports']).map(obj)) {
          const port = num(p['port']) ?? 0;
          const protocol = str(p['protocol']) || 'TCP';
          let byProtocol = protocols.get(port);
          if (!byProtocol) protocols.set(port, (byProtocol = new Map()));
          const names = byProtocol.get(protocol);
          if (names) names.push(name);
          else byProtocol.set(protocol, [name]);

          let target = str(p['targetPort']);
          if (target === '0' || target === '') target = String(port);
          let byPort = targets.get(target);
          if (!byPort) targets.set(target, (byPort = new Map()));
          byPort.set(port, name);
        }
      }
      for (const [port, byProtocol] of protocols) {
        if (byProtocol.size < 2) continue;
        const names = [...byProtocol.values()].flat().sort(byteSort);
        ctx.report(newMessage('DeploymentAssociatedToMultipleServices', d, [d.name, port, names], '{.metadata.name}'));
      }
      for (const [target, byPort] of targets) {
        if (byPort.size < 2) continue;
        const names = [...byPort.values()].sort(byteSort);
        const ports = [...byPort.keys()].sort(numericSort);
        ctx.report(newMessage('DeploymentConflictingPorts', d, [d.name, names, target, ports], '{.metadata.name}'));
      }
    }
  },
};
