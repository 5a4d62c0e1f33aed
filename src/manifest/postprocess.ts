/**
 * istioctl's post-processing of a rendered component: components.*.k8s settings become strategic
 * merge patches on the component's main object (or its HPA, PDB, Service), then k8s.overlays
 * apply path patches to objects chosen by kind and name.
 */
import type { ComponentInstance } from '../operator/translate.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../operator/types.js';
import { nameOf, type K8sObject } from './objects.js';
import { applyOverlayPatches, type OverlayPatch } from './overlay.js';
import { strategicMergePatch } from '../util/strategic-merge.js';

type PatchTarget = 'main' | 'HorizontalPodAutoscaler' | 'PodDisruptionBudget' | 'Service';

interface SettingPatch {
  target: PatchTarget;
  build: (value: JsonValue, container: string) => JsonObject;
}

const podSpec = (spec: JsonObject): JsonObject => ({ spec: { template: { spec } } });
const containerField = (field: string) => (value: JsonValue, container: string): JsonObject =>
  podSpec({ containers: [{ name: container, [field]: value }] });

/** k8s field -> patch; the order is the order istioctl's results do not depend on. */
const SETTINGS: Record<string, SettingPatch> = {
  affinity: { target: 'main', build: (v) => podSpec({ affinity: v }) },
  env: { target: 'main', build: containerField('env') },
  hpaSpec: { target: 'HorizontalPodAutoscaler', build: (v) => ({ spec: v }) },
  imagePullPolicy: { target: 'main', build: containerField('imagePullPolicy') },
  nodeSelector: { target: 'main', build: (v) => podSpec({ nodeSelector: v }) },
  podDisruptionBudget: { target: 'PodDisruptionBudget', build: (v) => ({ spec: v }) },
  podAnnotations: { target: 'main', build: (v) => ({ spec: { template: { metadata: { annotations: v } } } }) },
  priorityClassName: { target: 'main', build: (v) => podSpec({ priorityClassName: v }) },
  readinessProbe: { target: 'main', build: containerField('readinessProbe') },
  replicaCount: { target: 'main', build: (v) => ({ spec: { replicas: v } }) },
  resources: { target: 'main', build: containerField('resources') },
  strategy: { target: 'main', build: (v) => ({ spec: { strategy: v } }) },
  tolerations: { target: 'main', build: (v) => podSpec({ tolerations: v }) },
  serviceAnnotations: { target: 'Service', build: (v) => ({ metadata: { annotations: v } }) },
  service: { target: 'Service', build: (v) => ({ spec: v }) },
  securityContext: { target: 'main', build: (v) => podSpec({ securityContext: v }) },
};

const isGateway = (i: ComponentInstance): boolean => i.component.name === 'IngressGateways' || i.component.name === 'EgressGateways';

/** PDBs cannot carry both; Istio defaults minAvailable, so a user's maxUnavailable wins. */
function fixPodDisruptionBudget(obj: JsonObject): JsonObject {
  const spec = obj.spec;
  if (isJsonObject(spec) && spec.maxUnavailable !== undefined && spec.minAvailable !== undefined) {
    delete spec.minAvailable;
  }
  return obj;
}

export function postProcess(instance: ComponentInstance, objects: K8sObject[], mainName: string | undefined): K8sObject[] {
  const k8s = instance.raw.k8s;
  if (!isJsonObject(k8s)) return objects;
  const { component } = instance;
  const out = [...objects];
  const where = `components.${component.specName}${instance.name ? `[${instance.name}]` : ''}.k8s`;
  for (const [field, setting] of Object.entries(SETTINGS)) {
    let value = k8s[field];
    if (value === undefined) continue;
    if (field === 'service' && isGateway(instance) && isJsonObject(value)) {
      // Service ports of gateways go through Helm values (strategic merge of Service ports is
      // broken upstream, kubernetes#103544), so the patch carries an empty list, as istioctl's.
      value = { ...value, ports: [] };
    }
    const kind = setting.target === 'main' ? component.resourceType : setting.target;
    if (!kind || !mainName) continue;
    const patch = setting.build(value, component.containerName ?? '');
    for (let i = 0; i < out.length; i++) {
      const obj = out[i]!;
      if (obj.kind !== kind || nameOf(obj) !== mainName) continue;
      let patched = strategicMergePatch(kind, obj, patch);
      if (field === 'podDisruptionBudget') patched = fixPodDisruptionBudget(patched);
      out[i] = patched as K8sObject;
    }
  }
  const overlays = k8s.overlays;
  if (Array.isArray(overlays)) {
    overlays.forEach((overlay, n) => {
      if (!isJsonObject(overlay)) return;
      const patches = Array.isArray(overlay.patches) ? overlay.patches.filter(isJsonObject) : [];
      const op: OverlayPatch[] = patches.map((p) => ({ path: typeof p.path === 'string' ? p.path : '', value: p.value }));
      for (let i = 0; i < out.length; i++) {
        const obj = out[i]!;
        // apiVersion is ignored, as istioctl does for compatibility.
        if (obj.kind !== overlay.kind || nameOf(obj) !== overlay.name) continue;
        out[i] = applyOverlayPatches(obj, op, `${where}.overlays[${n}] (${String(overlay.kind)} ${String(overlay.name)})`) as K8sObject;
      }
    });
  }
  return out;
}
