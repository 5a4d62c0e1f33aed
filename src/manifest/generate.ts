/**
 * `manifest generate` as a library: IstioOperator inputs -> per-component Helm values -> charts
 * -> post-processed, labelled, ordered objects -> byte-stable YAML.
 *
 * Built-in charts (manifests/charts) get their profile value sets merged here, before Helm
 * coalesces the chart defaults under them; charts from `-d DIR` (an Istio release) carry their own
 * zzz_profile template and get exactly the values istioctl gives them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SailError } from '../errors.js';
import { DEFAULT_KUBE_VERSION, ISTIO_VERSION } from '../version.js';
import { resolveIstioOperator, type InputFile } from '../operator/resolve.js';
import { mergeOverlay } from '../operator/merge.js';
import {
  applyUnvalidatedValues, COMPONENTS, componentInstances, componentValues, getPath, mainResourceName,
  translateIstioOperator, type ComponentInstance, type ComponentName,
} from '../operator/translate.js';
import { isJsonObject, type JsonObject, type JsonValue } from '../operator/types.js';
import { parseYamlDocuments } from '../util/yaml.js';
import { parseGoYamlPlain } from '../gotemplate/goyaml.js';
import { builtinChartsDir } from '../util/paths.js';
import { canonicalText, isK8sObject, type K8sObject } from './objects.js';
import { sortObjects } from './order.js';
import { postProcess } from './postprocess.js';
import { renderChartObjects } from './helm-bridge.js';

export interface GenerateOptions {
  files?: readonly InputFile[];
  sets?: readonly string[];
  manifestsDir?: string | undefined;
  revision?: string | undefined;
  force?: boolean | undefined;
  /** Restrict to these components (user-facing names or spec names, case-insensitive). */
  components?: readonly string[] | undefined;
  /** A profile chosen outside the inputs (kube-inject's --profile). */
  profile?: string | undefined;
}

export interface RenderedComponent {
  component: ComponentName;
  namespace: string;
  objects: K8sObject[];
  values: JsonObject;
}

export interface GeneratedManifest {
  /** The translated IstioOperator (values as the charts saw them). */
  iop: JsonObject;
  components: RenderedComponent[];
  /** All objects in install order. */
  objects: K8sObject[];
  warnings: string[];
  /** Whether the built-in charts were used (false with -d). */
  builtin: boolean;
}

export const OWNER_LABELS = {
  managed: 'operator.istio.io/managed',
  version: 'operator.istio.io/version',
  owningResource: 'install.operator.istio.io/owning-resource',
  owningResourceNamespace: 'install.operator.istio.io/owning-resource-namespace',
  component: 'operator.istio.io/component',
  revision: 'istio.io/rev',
} as const;

/** istioctl's install-time owner labels (getOwnerLabels). */
export function ownerLabels(iop: JsonObject, component: ComponentName): Record<string, string> {
  const labels: Record<string, string> = {
    [OWNER_LABELS.managed]: 'Reconcile',
    [OWNER_LABELS.version]: ISTIO_VERSION,
  };
  const name = getPath(iop, 'metadata.name');
  if (typeof name === 'string' && name !== '') labels[OWNER_LABELS.owningResource] = name;
  const ns = getPath(iop, 'metadata.namespace');
  if (typeof ns === 'string' && ns !== '') labels[OWNER_LABELS.owningResourceNamespace] = ns;
  const rev = getPath(iop, 'spec.values.revision');
  labels[OWNER_LABELS.revision] = typeof rev === 'string' && rev !== '' ? rev : 'default';
  labels[OWNER_LABELS.component] = component;
  return labels;
}

function withLabels(obj: K8sObject, labels: Record<string, string>): K8sObject {
  const metadata = isJsonObject(obj.metadata) ? { ...obj.metadata } : {};
  metadata.labels = { ...(isJsonObject(metadata.labels) ? metadata.labels : {}), ...labels };
  const out = { ...obj, metadata };
  // Only the labels changed: canonical text stays valid (formatManifest re-writes the labels).
  const text = canonicalText.get(obj);
  if (text !== undefined) canonicalText.set(out, text);
  return out;
}

/**
 * A built-in chart value set, read as Helm reads values (go-yaml v2, the template engine's fast
 * reader), once per process: every component renders with the same profile. Callers get the
 * cached map and must not change it (mergeOverlay copies).
 */
const valueSets = new Map<string, JsonObject>();
export function readValueSet(file: string): JsonObject {
  let m = valueSets.get(file);
  if (!m) {
    const text = readFileSync(file, 'utf8');
    let data: unknown;
    try {
      data = parseGoYamlPlain(text);
    } catch {
      // The positional reader names the line.
      data = parseYamlDocuments(text, { file })[0]?.data;
    }
    m = isJsonObject(data) ? data : {};
    valueSets.set(file, m);
  }
  return m;
}

/**
 * Built-in charts keep value sets per profile, platform and compatibility version in
 * manifests/charts/profiles (one copy shared by every chart); they sit between the chart's
 * defaults and the user's values, as Istio's zzz_profile template arranges it.
 */
export function builtinProfileValues(values: JsonObject, chartsDir: string, flattenRoot?: string): JsonObject {
  const dir = join(chartsDir, 'profiles');
  const global = isJsonObject(values.global) ? values.global : {};
  let layer: JsonObject = {};
  const pick = (kind: string, name: JsonValue | undefined): void => {
    if (typeof name !== 'string' || name === '') return;
    const file = join(dir, `profile-${kind}${name}.yaml`);
    if (!existsSync(file)) {
      throw new SailError('INVALID', `unknown ${kind === '' ? 'profile' : kind.replace(/-$/, '').replace(/-/g, ' ')} ${name}`, { file: 'values' });
    }
    layer = mergeOverlay(layer, readValueSet(file));
  };
  pick('', values.profile ?? global.profile);
  pick('compatibility-version-', values.compatibilityVersion);
  pick('platform-', values.platform ?? global.platform);
  if (flattenRoot) {
    // A flattened chart (ztunnel) reads its own subtree at the top level.
    const own = layer[flattenRoot];
    const rest = { ...layer };
    delete rest[flattenRoot];
    layer = isJsonObject(own) ? mergeOverlay(rest, own) : rest;
  }
  return mergeOverlay(layer, values);
}

function selected(filter: readonly string[] | undefined, name: ComponentName, specName: string): boolean {
  if (!filter || filter.length === 0) return true;
  return filter.some((f) => f.toLowerCase() === name.toLowerCase() || f.toLowerCase() === specName.toLowerCase());
}

export async function generateManifest(opts: GenerateOptions): Promise<GeneratedManifest> {
  const resolved = await resolveIstioOperator({
    files: opts.files,
    sets: opts.sets,
    manifestsDir: opts.manifestsDir,
    revision: opts.revision,
    force: opts.force,
    profile: opts.profile,
    // With an Istio release's manifests, its profiles decide hub/tag (istioctl built from source
    // imposes none either), so output matches istioctl's.
    overlayHubTag: !opts.manifestsDir,
  });
  const manifestsDir = resolved.manifestsDir;
  let iop = translateIstioOperator(resolved.iop as JsonObject, resolved.userValues);
  iop = applyUnvalidatedValues(iop);
  const builtin = manifestsDir === undefined;
  const chartsDir = builtin ? builtinChartsDir() : join(manifestsDir, 'charts');
  if (!existsSync(chartsDir)) {
    throw new SailError('INVALID', `charts directory ${chartsDir} does not exist`, { file: '--manifests' });
  }

  const known = COMPONENTS.flatMap((c) => [c.name.toLowerCase(), c.specName.toLowerCase()]);
  for (const f of opts.components ?? []) {
    if (!known.includes(f.toLowerCase())) {
      throw new SailError('USAGE', `unknown component ${JSON.stringify(f)}`, {
        file: '--component',
        hint: `components: ${COMPONENTS.map((c) => c.specName).join(', ')}`,
      });
    }
  }

  const components: RenderedComponent[] = [];
  for (const component of COMPONENTS) {
    if (!selected(opts.components, component.name, component.specName)) continue;
    let instances: ComponentInstance[];
    try {
      instances = componentInstances(component, iop);
    } catch (err) {
      if (err instanceof SailError) throw err;
      throw new SailError('INVALID', `get component ${component.name}: ${(err as Error).message}`);
    }
    for (const instance of instances) {
      // The render only awaits settled promises (it reads charts synchronously), so without one
      // turn of the event loop here, answers to requests a caller sent before it (install's early
      // reads) would sit unread until the end, and the requests that depend on them would go out
      // only then.
      if (components.length > 0) await new Promise((resolve) => setImmediate(resolve));
      let values = componentValues(instance, iop);
      if (builtin) values = builtinProfileValues(values, chartsDir, component.flattenValues ? component.valuesRoot : undefined);
      const rendered = await renderChartObjects(join(chartsDir, component.chartDir), {
        values,
        namespace: instance.namespace,
        kubeVersion: DEFAULT_KUBE_VERSION,
        // The built-in CRDs are written Go-canonical by scripts/gen-istio-crds.mjs.
        canonicalTemplates: builtin && component.name === 'Base' ? ['templates/crds.yaml'] : [],
        prebuiltObjects: builtin && component.name === 'Base' ? 'files/crd-all.gen.json' : undefined,
      });
      let objects = postProcess(instance, rendered, mainResourceName(instance, values));
      if (builtin) {
        const labels = ownerLabels(iop, component.name);
        objects = objects.map((o) => withLabels(o, labels));
      }
      components.push({ component: component.name, namespace: instance.namespace, objects, values });
    }
  }
  const objects = sortObjects(components.flatMap((c) => c.objects));
  return { iop, components, objects, warnings: resolved.warnings, builtin };
}

/** istioctl's output: each object marshalled like sigs.k8s.io/yaml, followed by `\n---\n`. */
export async function formatManifest(objects: readonly K8sObject[]): Promise<string> {
  const { toYamlDocument, withCanonicalLabels } = await import('./yaml-out.js');
  return objects.map((o) => {
    const text = canonicalText.get(o);
    const doc = text !== undefined ? withCanonicalLabels(text, o) : undefined;
    return `${doc ?? toYamlDocument(o)}\n---\n`;
  }).join('');
}

export { isK8sObject };
