/**
 * Rendering for install, upgrade and verify-install: the manifest module's output with istioctl's
 * install-time owner labels on every object (with -d charts, `manifest generate` leaves them off,
 * as istioctl does; install always sets them), grouped per component in install order.
 */
import { generateManifest, ownerLabels, OWNER_LABELS, type GenerateOptions } from '../manifest/index.js';
import { getPath, type ComponentName } from '../operator/translate.js';
import type { JsonObject } from '../operator/types.js';
import type { KubeObject } from '../kube/types.js';
import { ALL_COMPONENTS, withLabels } from './plan.js';

export interface InstallRender {
  iop: JsonObject;
  profile: string;
  /** '' for the default revision (as istioctl reads spec.values.revision) */
  revision: string;
  namespace: string;
  components: Map<ComponentName, KubeObject[]>;
  warnings: string[];
  /** owner labels of one component; without a component, the labels every object of this installation has */
  labelsFor(component?: ComponentName): Record<string, string>;
}

export async function renderInstall(opts: GenerateOptions): Promise<InstallRender> {
  const generated = await generateManifest(opts);
  const iop = generated.iop;
  // Asked per object and per prune candidate: each answer reads the IstioOperator, so once per component.
  const labelsByComponent = new Map<ComponentName | undefined, Record<string, string>>();
  const labelsFor = (c?: ComponentName): Record<string, string> => {
    let labels = labelsByComponent.get(c);
    if (!labels) {
      labels = ownerLabels(iop, c ?? 'Base');
      if (!c) delete labels[OWNER_LABELS.component];
      labelsByComponent.set(c, labels);
    }
    return { ...labels };
  };
  const components = new Map<ComponentName, KubeObject[]>();
  // Components keep the render's global order, so objects of a component apply in rendered order.
  const order = new Map(generated.objects.map((o, i) => [o, i]));
  for (const c of ALL_COMPONENTS) {
    const objs = generated.components
      .filter((rc) => rc.component === c)
      .flatMap((rc) => rc.objects)
      .sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0))
      .map((o) => withLabels(o as unknown as KubeObject, labelsFor(c)));
    if (objs.length > 0) components.set(c, objs);
  }
  const profile = getPath(iop, 'spec.profile');
  const revision = getPath(iop, 'spec.values.revision');
  const namespace = getPath(iop, 'metadata.namespace');
  return {
    iop,
    profile: typeof profile === 'string' && profile !== '' ? profile : 'default',
    revision: typeof revision === 'string' ? revision : '',
    namespace: typeof namespace === 'string' && namespace !== '' ? namespace : 'istio-system',
    components,
    warnings: generated.warnings,
    labelsFor,
  };
}
