/**
 * The manifest module: IstioOperator -> charts -> ordered, post-processed Kubernetes objects.
 *
 *   const { objects } = await generateManifest({ files, sets, manifestsDir, revision, force });
 *   const text = await formatManifest(objects);          // istioctl's byte-stable YAML stream
 *
 * For kube-inject's offline default:
 *
 *   const { config, values, mesh } = await renderInjectionConfig({ profile: 'demo', sets: [] });
 *
 * Pure: no printing, no cluster. User errors are SailErrors.
 */
import { SailError } from '../errors.js';
import { isJsonObject } from '../operator/types.js';
import { generateManifest, type GenerateOptions } from './generate.js';
import { nameOf } from './objects.js';

export { generateManifest, formatManifest, ownerLabels, builtinProfileValues, OWNER_LABELS } from './generate.js';
export type { GenerateOptions, GeneratedManifest, RenderedComponent } from './generate.js';
export { sortObjects, kindRank } from './order.js';
export { strategicMergePatch } from '../util/strategic-merge.js';
export { applyOverlayPatches, parseOverlayPath } from './overlay.js';
export { postProcess } from './postprocess.js';
export type { K8sObject } from './objects.js';

export interface InjectionConfigOptions {
  profile?: string | undefined;
  sets?: readonly string[] | undefined;
  manifestsDir?: string | undefined;
  revision?: string | undefined;
  files?: GenerateOptions['files'];
}

export interface InjectionConfig {
  /** `config` of the istio-sidecar-injector ConfigMap (policy, templates, ...). */
  config: string;
  /** `values` of the istio-sidecar-injector ConfigMap (JSON). */
  values: string;
  /** `mesh` of the istio ConfigMap. */
  mesh: string;
}

/** Renders istiod's chart only and returns what istiod would read from its two ConfigMaps. */
export async function renderInjectionConfig(opts: InjectionConfigOptions): Promise<InjectionConfig> {
  const sets = [...(opts.sets ?? [])];
  // istiod's chart must render even when the profile disables pilot (e.g. `empty`).
  sets.push('components.pilot.enabled=true');
  const result = await generateManifest({
    files: opts.files,
    sets,
    manifestsDir: opts.manifestsDir,
    revision: opts.revision,
    profile: opts.profile,
    components: ['pilot'],
  });
  const suffix = opts.revision && opts.revision !== 'default' ? `-${opts.revision}` : '';
  const configMap = (name: string): Record<string, unknown> | undefined => {
    const obj = result.objects.find((o) => o.kind === 'ConfigMap' && nameOf(o) === name);
    return obj && isJsonObject(obj.data) ? obj.data : undefined;
  };
  const injector = configMap(`istio-sidecar-injector${suffix}`);
  const mesh = configMap(`istio${suffix}`);
  if (!injector || typeof injector.config !== 'string' || typeof injector.values !== 'string') {
    throw new SailError('INVALID', `the rendered charts have no istio-sidecar-injector${suffix} ConfigMap (values.global.omitSidecarInjectorConfigMap?)`);
  }
  if (!mesh || typeof mesh.mesh !== 'string') {
    throw new SailError('INVALID', `the rendered charts have no istio${suffix} ConfigMap with a mesh config (values.pilot.configMap=false?)`);
  }
  return { config: injector.config, values: injector.values, mesh: mesh.mesh };
}
