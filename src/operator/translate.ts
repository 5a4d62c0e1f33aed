/**
 * IstioOperator -> per-component Helm values, as istioctl 1.30 does it (operator/pkg/render and
 * operator/pkg/component). Input: the merged IstioOperator (profile <- files <- --set) as plain
 * JSON. Output: which components render, in which namespace, with which chart values.
 */
import { SailError } from '../errors.js';
import { deepClone, mergeOverlay } from './merge.js';
import { mergeInPlace } from './translate-merge.js';
import { isJsonObject, type JsonObject, type JsonValue } from './types.js';

export type ComponentName = 'Base' | 'Pilot' | 'IngressGateways' | 'EgressGateways' | 'Cni' | 'Ztunnel';

export interface ComponentDefinition {
  /** istioctl's user-facing name, also the `operator.istio.io/component` label value. */
  name: ComponentName;
  /** Key under spec.components. */
  specName: string;
  enabledByDefault: boolean;
  /** ingressGateways / egressGateways are lists of components. */
  multi: boolean;
  /** Kind and name of the object k8s settings patch; container patched by env/resources/... */
  resourceType?: string;
  resourceName?: string;
  containerName?: string;
  /** Chart directory under charts/. */
  chartDir: string;
  /** Where this component's settings sit in the values tree (pilot, gateways.istio-ingressgateway). */
  valuesRoot: string;
  /** The chart reads its settings at the top level (ztunnel: `resources`, not `ztunnel.resources`). */
  flattenValues: boolean;
  /** A values path that enables the component even if the IstioOperator does not. */
  altEnablementPath?: string;
}

/** In istioctl's render order. */
export const COMPONENTS: readonly ComponentDefinition[] = [
  { name: 'Base', specName: 'base', enabledByDefault: true, multi: false, chartDir: 'base', valuesRoot: 'global', flattenValues: false },
  {
    name: 'Pilot', specName: 'pilot', enabledByDefault: true, multi: false, resourceType: 'Deployment', resourceName: 'istiod',
    containerName: 'discovery', chartDir: 'istio-control/istio-discovery', valuesRoot: 'pilot', flattenValues: false,
  },
  {
    name: 'IngressGateways', specName: 'ingressGateways', enabledByDefault: true, multi: true, resourceType: 'Deployment',
    resourceName: 'istio-ingressgateway', containerName: 'istio-proxy', chartDir: 'gateways/istio-ingress',
    valuesRoot: 'gateways.istio-ingressgateway', flattenValues: false, altEnablementPath: 'spec.values.gateways.istio-ingressgateway.enabled',
  },
  {
    name: 'EgressGateways', specName: 'egressGateways', enabledByDefault: false, multi: true, resourceType: 'Deployment',
    resourceName: 'istio-egressgateway', containerName: 'istio-proxy', chartDir: 'gateways/istio-egress',
    valuesRoot: 'gateways.istio-egressgateway', flattenValues: false, altEnablementPath: 'spec.values.gateways.istio-egressgateway.enabled',
  },
  {
    name: 'Cni', specName: 'cni', enabledByDefault: false, multi: false, resourceType: 'DaemonSet', resourceName: 'istio-cni-node',
    containerName: 'install-cni', chartDir: 'istio-cni', valuesRoot: 'cni', flattenValues: false,
  },
  {
    name: 'Ztunnel', specName: 'ztunnel', enabledByDefault: false, multi: false, resourceType: 'DaemonSet', resourceName: 'ztunnel',
    containerName: 'istio-proxy', chartDir: 'ztunnel', valuesRoot: 'ztunnel', flattenValues: true,
  },
];

/** One rendered instance of a component (a gateway list yields several). */
export interface ComponentInstance {
  component: ComponentDefinition;
  namespace: string;
  /** Gateway name override (spec.components.ingressGateways[].name). */
  name?: string;
  label: Record<string, string>;
  hub?: string;
  tag?: string | number;
  /** The user's component spec as written (k8s settings, overlays). */
  raw: JsonObject;
}

// ---- values.Map-like helpers over plain JSON --------------------------------------------------

/** Splits a dotted path; `\.` escapes a dot inside a key. */
export function splitPath(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    const c = path[i];
    if (c === '\\' && path[i + 1] === '.') { cur += '.'; i++; continue; }
    if (c === '.') { out.push(cur); cur = ''; continue; }
    cur += c;
  }
  out.push(cur);
  return out;
}

export function getPath(root: JsonValue | undefined, path: string | readonly string[]): JsonValue | undefined {
  let cur: JsonValue | undefined = root;
  for (const key of typeof path === 'string' ? splitPath(path) : path) {
    if (!isJsonObject(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

export function setPath(root: JsonObject, path: string | readonly string[], value: JsonValue): void {
  const keys = typeof path === 'string' ? splitPath(path) : path;
  let cur = root;
  for (const key of keys.slice(0, -1)) {
    const next = cur[key];
    if (!isJsonObject(next)) cur[key] = {};
    cur = cur[key] as JsonObject;
  }
  cur[keys[keys.length - 1]!] = value;
}

function pathString(root: JsonValue, path: string): string {
  const v = getPath(root, path);
  return v === undefined || v === null ? '' : typeof v === 'object' ? '' : String(v);
}

/** Go's strconv.ParseBool-ish reading that values.Map.GetPathBool does. */
function pathBool(root: JsonValue, path: string): boolean {
  const v = getPath(root, path);
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v === 'true' || v === 'True' || v === 'TRUE' || v === '1' || v === 't' || v === 'T';
  return false;
}

// ---- translation -----------------------------------------------------------------------------

const TOP_LEVEL_TO_VALUES: ReadonlyArray<[string, string]> = [
  ['hub', 'global.hub'],
  ['tag', 'global.tag'],
  ['revision', 'revision'],
  ['meshConfig', 'meshConfig'],
  ['compatibilityVersion', 'compatibilityVersion'],
];

/**
 * Canonicalises the merged IstioOperator for Helm, as istioctl's translateIstioOperatorToHelm and
 * the end of MergeInputs: top-level spec fields move into values, component enablement is
 * propagated for cross-chart dependencies, then the user's own values (`userValues`, from
 * resolveIstioOperator) are laid over the result. The rewrite happens in place on a copy of both
 * taken together, so maps `merged` shares with `userValues` stay shared and the rewrite reaches
 * the user's values there, exactly as in istioctl (see translate-merge.ts). unvalidatedValues are
 * merged afterwards (after validation, which the caller runs between `translateIstioOperator` and
 * `applyUnvalidatedValues`). The inputs are not changed.
 */
export function translateIstioOperator(merged: JsonObject, userValues?: JsonObject): JsonObject {
  const { iop, user } = structuredClone({ iop: merged, user: userValues });
  if (!isJsonObject(iop.spec)) iop.spec = {};
  const spec = iop.spec as JsonObject;
  for (const [from, to] of TOP_LEVEL_TO_VALUES) {
    const v = spec[from];
    if (v === undefined) continue;
    if (isJsonObject(v)) {
      // istioctl merges a copy (its MakeMap result is cloned by MergeFrom).
      mergeInPlace(spec, { values: { meshConfig: deepClone(v) } });
    } else if (v !== null) {
      // istioctl routes these through its --set parser as `values.x=%v`, so they become strings.
      setPath(spec, ['values', ...splitPath(to)], String(v));
    }
  }
  setPath(iop, 'spec.values.pilot.enabled', pathBool(iop, 'spec.components.pilot.enabled'));
  setPath(iop, 'spec.values.pilot.cni.enabled', pathBool(iop, 'spec.components.cni.enabled'));
  const istioNamespace = pathString(iop, 'spec.values.global.istioNamespace');
  if (istioNamespace !== '') setPath(iop, 'metadata.namespace', istioNamespace);
  // A copy again: istioctl wraps the user's values in a values.Map, which MergeFrom clones.
  if (user) mergeInPlace(iop, { spec: { values: deepClone(user) } });
  return iop;
}

export function applyUnvalidatedValues(iop: JsonObject): JsonObject {
  const unvalidated = getPath(iop, 'spec.unvalidatedValues');
  if (!isJsonObject(unvalidated)) return iop;
  return mergeOverlay(iop, { spec: { values: unvalidated } });
}

/** The component instances the IstioOperator enables, as istioctl's Component.Get. */
export function componentInstances(component: ComponentDefinition, iop: JsonObject): ComponentInstance[] {
  const defaultNamespace = pathString(iop, 'metadata.namespace');
  let enabledByDefault = component.enabledByDefault;
  let altEnabled = false;
  if (component.altEnablementPath && pathBool(iop, component.altEnablementPath)) {
    enabledByDefault = true;
    altEnabled = true;
  }
  const build = (raw: JsonObject, where: string): ComponentInstance => {
    const label = raw.label;
    if (label !== undefined && label !== null && !isJsonObject(label)) {
      throw new SailError('INVALID', `fail to convert ${component.specName}: ${where}.label must be a map of strings`);
    }
    const namespace = typeof raw.namespace === 'string' && raw.namespace !== '' ? raw.namespace : defaultNamespace || 'istio-system';
    const instance: ComponentInstance = {
      component,
      namespace,
      label: Object.fromEntries(Object.entries(label ?? {}).map(([k, v]) => [k, String(v)])),
      raw,
    };
    if (typeof raw.name === 'string' && raw.name !== '') instance.name = raw.name;
    if (typeof raw.hub === 'string' && raw.hub !== '') instance.hub = raw.hub;
    if (typeof raw.tag === 'string' || typeof raw.tag === 'number') instance.tag = raw.tag;
    return instance;
  };
  const enabled = (raw: JsonObject): boolean => (raw.enabled === undefined || raw.enabled === null ? true : raw.enabled === true) || altEnabled;
  const defaults = enabledByDefault ? [build({}, component.specName)] : [];
  const spec = getPath(iop, ['spec', 'components', component.specName]);
  if (component.multi) {
    if (spec === undefined) return defaults;
    if (!Array.isArray(spec)) {
      throw new SailError('INVALID', `get component ${component.name}: spec.components.${component.specName} must be a list`);
    }
    const out: ComponentInstance[] = [];
    spec.forEach((entry, i) => {
      const raw = isJsonObject(entry) ? entry : {};
      if (enabled(raw)) out.push(build(raw, `${component.specName}[${i}]`));
    });
    return out;
  }
  if (!isJsonObject(spec)) return defaults;
  return enabled(spec) ? [build(spec, component.specName)] : [];
}

/**
 * The Helm values one component instance renders with (istioctl's
 * applyComponentValuesToHelmValues): gateways get their name, labels and service ports; a
 * per-component hub/tag lands under the component's root; flattened charts get their root
 * lifted to the top level.
 */
export function componentValues(instance: ComponentInstance, iop: JsonObject): JsonObject {
  const { component } = instance;
  const root = splitPath(component.valuesRoot);
  const work = deepClone(iop);
  const values: JsonObject = isJsonObject(getPath(work, 'spec.values')) ? (getPath(work, 'spec.values') as JsonObject) : {};
  if (component.name === 'IngressGateways' || component.name === 'EgressGateways') {
    setPath(values, [...root, 'name'], instance.name ?? '');
    setPath(values, [...root, 'labels'], instance.label);
    const ports = getPath(instance.raw, 'k8s.service.ports');
    if (Array.isArray(ports) && ports.length > 0) setPath(values, [...root, 'ports'], deepClone(ports));
  }
  if (instance.hub !== undefined) setPath(values, [...root, 'hub'], instance.hub);
  if (instance.tag !== undefined) setPath(values, [...root, 'tag'], String(instance.tag));
  if (component.flattenValues) {
    const own = getPath(values, root);
    if (isJsonObject(own)) {
      const flat: JsonObject = { global: values.global ?? null };
      for (const [k, v] of Object.entries(values)) if (!isJsonObject(v)) flat[k] = v;
      for (const [k, v] of Object.entries(own)) flat[k] = v;
      return flat;
    }
  }
  return values;
}

/** Name of the object a component's k8s settings patch (gateway name, istiod-REV). */
export function mainResourceName(instance: ComponentInstance, values: JsonObject): string | undefined {
  let name = instance.name ?? instance.component.resourceName;
  if (name !== undefined && instance.component.name === 'Pilot') {
    const revision = pathString(values, 'revision') || 'default';
    if (revision !== 'default') name = `${name}-${revision}`;
  }
  return name;
}
