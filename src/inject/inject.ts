/**
 * Sidecar injection of one pod, as istiod's webhook does it (and istioctl kube-inject through the
 * same code): policy, stripping a previous injection, rendering the selected templates with the
 * pod, ProxyConfig, MeshConfig and values, the strategic merge of each rendered template over the
 * pod, user overrides of injected containers re-applied, then the post-processing steps.
 * Pods are Go-encoded JSON (k8s/codec.ts).
 */
import type { GoMap } from '../gotemplate/value.js';
import { parseGoYamlPlain, GoYamlError } from '../gotemplate/goyaml.js';
import { TemplateError } from '../gotemplate/errors.js';
import { strategicMerge, patchMetaForType, MergeError, type JsonValue } from '../util/strategic-merge.js';
import { parseQuantity } from '../util/quantity.js';
import { DecodeError, normalize, type JsonObject } from './k8s/codec.js';
import { mergeProxyConfig, validateProxyConfig, MeshConfigError, type Proto } from './mesh.js';
import type { InjectTemplates } from './templates.js';
import { sidecarTemplateData } from './template-data.js';
import {
  INIT_CONTAINER,
  PROXY_CONTAINER,
  STATUS_ANNOTATION,
  VALIDATION_CONTAINER,
  annotations,
  applyPrometheusMerge,
  applyRewrite,
  clearPrometheusAnnotations,
  containers,
  findContainer,
  findContainerInPod,
  injectionStatus,
  labels,
  modifyContainers,
  prometheusPort,
  reorderPod,
  setContainers,
  updateClusterEnvs,
} from './postprocess.js';
import { labelSelectorEmpty, labelSelectorMatches } from '../util/label-selector.js';
import { DEFAULT_PROXY_ID, dropSidecarUserMatchingApp, proxyIds, type NamespaceAnnotations } from './openshift.js';

/** An injection failure the user can fix (bad annotation, unknown template, bad template output). */
export class InjectError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InjectError';
  }
}

export interface ValuesConfig {
  /** The values as the template sees them (.Values). */
  readonly map: GoMap;
  /** The same values as plain data, for the typed lookups istiod does on them. */
  readonly plain: Record<string, unknown>;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

export interface InjectionSettings {
  templates: InjectTemplates;
  defaultTemplates: readonly string[];
  aliases: Readonly<Record<string, readonly string[]>>;
  injectedAnnotations: Readonly<Record<string, string>>;
  policy: 'enabled' | 'disabled';
  neverInjectSelector: readonly LabelSelector[];
  alwaysInjectSelector: readonly LabelSelector[];
  meshConfig: Proto;
  values: ValuesConfig;
  revision: string;
  nativeSidecars: boolean;
  compliancePolicy: string;
  proxyEnvs: Readonly<Record<string, string>>;
  /**
   * Set when injection follows istiod's webhook on OpenShift: the proxy's UID/GID come from the
   * pod's namespace (openshift.ts). Unset, as in istioctl's local injection, they are 1337.
   */
  openShift?: { namespaces: NamespaceAnnotations } | undefined;
}

export interface PodInjectionRequest {
  pod: JsonObject;
  deployMeta: { name: string; namespace: string };
  typeMeta: { kind: string; apiVersion: string };
  meshConfig: Proto;
}

export const IGNORED_NAMESPACES = new Set(['kube-system', 'kube-public', 'kube-node-lease', 'local-path-storage']);

const POD = 'core.Pod';
const POD_PATCH_META = patchMetaForType(POD);

function get(o: unknown, ...path: string[]): unknown {
  let cur = o;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** istiod's never/alwaysInjectSelector test: an empty selector matches nothing here. */
function selectorMatches(sel: LabelSelector, podLabels: Record<string, string>): boolean {
  return !labelSelectorEmpty(sel) && labelSelectorMatches(sel, podLabels);
}

/** istiod's injectRequired: host networking, ignored namespaces, the inject label/annotation, selectors, policy. */
export function injectRequired(settings: Pick<InjectionSettings, 'policy' | 'neverInjectSelector' | 'alwaysInjectSelector'>, pod: JsonObject): boolean {
  if (get(pod, 'spec', 'hostNetwork') === true) return false;
  const ns = (get(pod, 'metadata', 'namespace') as string | undefined) ?? '';
  if (IGNORED_NAMESPACES.has(ns)) return false;
  const annos = (get(pod, 'metadata', 'annotations') as Record<string, string> | undefined) ?? {};
  const podLabels = (get(pod, 'metadata', 'labels') as Record<string, string> | undefined) ?? {};
  let selector = annos['sidecar.istio.io/inject'] ?? '';
  if (Object.hasOwn(podLabels, 'sidecar.istio.io/inject')) selector = podLabels['sidecar.istio.io/inject'] as string;
  let useDefault = false;
  let inject = false;
  if (selector === 'true') inject = true;
  else if (selector !== 'false') useDefault = true;
  if (useDefault) {
    for (const s of settings.neverInjectSelector) {
      if (selectorMatches(s, podLabels)) {
        inject = false;
        useDefault = false;
        break;
      }
    }
  }
  if (useDefault) {
    for (const s of settings.alwaysInjectSelector) {
      if (selectorMatches(s, podLabels)) {
        inject = true;
        useDefault = false;
        break;
      }
    }
  }
  if (settings.policy === 'enabled') return useDefault ? true : inject;
  return useDefault ? false : inject;
}

// ---------------------------------------------------------------------------------------------
// Annotation validation (istiod refuses to inject a pod with a malformed annotation)

function parsePortList(s: string): boolean {
  const t = s.trim();
  if (t === '') return true;
  return t.split(',').every((p) => /^\d+$/.test(p.trim()) && Number(p.trim()) <= 65535);
}

function validCidrList(s: string): boolean {
  if (s === '') return true;
  return s.split(',').every((c) => {
    const m = /^([^/]+)\/(\d+)$/.exec(c);
    if (!m) return false;
    const [, ip = '', bits = ''] = m;
    if (/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return ip.split('.').every((o) => Number(o) <= 255 && !/^0\d/.test(o)) && Number(bits) <= 32;
    return ip.includes(':') && /^[0-9a-fA-F:.]+$/.test(ip) && Number(bits) <= 128;
  });
}

const INTERFACE_NAME = /^[^\s/]{1,15}$/;

type AnnotationCheck = (v: string) => string | undefined;

const ANNOTATION_CHECKS: Record<string, AnnotationCheck> = {
  'sidecar.istio.io/interceptionMode': (v) => (['REDIRECT', 'TPROXY', 'NONE'].includes(v) ? undefined : `interceptionMode invalid, use REDIRECT,TPROXY,NONE: ${v}`),
  'status.sidecar.istio.io/port': (v) => (/^\s*\d+\s*$/.test(v) && Number(v) <= 65535 ? undefined : `excludeInboundPorts invalid: failed parsing port '${v}'`),
  'readiness.status.sidecar.istio.io/initialDelaySeconds': uint32,
  'readiness.status.sidecar.istio.io/periodSeconds': uint32,
  'readiness.status.sidecar.istio.io/failureThreshold': uint32,
  'traffic.sidecar.istio.io/includeOutboundIPRanges': (v) => (v === '*' || validCidrList(v) ? undefined : `includeIPRanges invalid: failed parsing cidr list '${v}'`),
  'traffic.sidecar.istio.io/excludeOutboundIPRanges': (v) => (validCidrList(v) ? undefined : `excludeIPRanges invalid: failed parsing cidr list '${v}'`),
  'traffic.sidecar.istio.io/includeInboundPorts': (v) => (v === '*' || parsePortList(v) ? undefined : `includeInboundPorts invalid: failed parsing ports '${v}'`),
  'traffic.sidecar.istio.io/excludeInboundPorts': (v) => (parsePortList(v) ? undefined : `excludeInboundPorts invalid: failed parsing ports '${v}'`),
  'traffic.sidecar.istio.io/excludeOutboundPorts': (v) => (parsePortList(v) ? undefined : `excludeOutboundPorts invalid: failed parsing ports '${v}'`),
  'traffic.sidecar.istio.io/excludeInterfaces': interfaces,
  'traffic.sidecar.istio.io/kubevirtInterfaces': interfaces,
  'istio.io/reroute-virtual-interfaces': interfaces,
  'prometheus.istio.io/merge-metrics': (v) => (['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v) ? undefined : `strconv.ParseBool: parsing "${v}": invalid syntax`),
  'proxy.istio.io/config': (v) => {
    try {
      const pc = mergeProxyConfig(v, {
        configPath: './etc/istio/proxy',
        binaryPath: '/usr/local/bin/envoy',
        serviceCluster: 'istio-proxy',
        drainDuration: '45s',
        discoveryAddress: 'istiod.istio-system.svc:15012',
      });
      const errs = validateProxyConfig(pc);
      return errs.length ? errs.join('; ') : undefined;
    } catch (e) {
      return `failed to convert to apply proxy config: ${(e as Error).message}`;
    }
  },
  'sidecar.istio.io/proxyCPU': quantity,
  'sidecar.istio.io/proxyMemory': quantity,
  'sidecar.istio.io/proxyCPULimit': quantity,
  'sidecar.istio.io/proxyMemoryLimit': quantity,
};

function uint32(v: string): string | undefined {
  return /^\d+$/.test(v) && Number(v) <= 0xffffffff ? undefined : `strconv.ParseUint: parsing "${v}": invalid syntax`;
}

function interfaces(v: string): string | undefined {
  if (v === '') return undefined;
  for (const name of v.split(',')) if (!INTERFACE_NAME.test(name.trim())) return `interface name ${JSON.stringify(name)} is invalid`;
  return undefined;
}

function quantity(v: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(v)) return 'value contains control characters';
  try {
    parseQuantity(v);
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

export function validateAnnotations(annos: Record<string, string>): void {
  const errs: string[] = [];
  for (const name of Object.keys(annos).sort()) {
    const check = ANNOTATION_CHECKS[name];
    const problem = check?.(annos[name] as string);
    if (problem) errs.push(`invalid value '${annos[name]}' for annotation '${name}': ${problem}`);
  }
  if (errs.length) throw new InjectError(errs.join('; '));
}

// ---------------------------------------------------------------------------------------------
// Pod rendering and merging

function dropEmptyMetadataMaps(pod: JsonObject): void {
  const meta = pod['metadata'] as JsonObject | undefined;
  if (!meta) return;
  for (const k of ['annotations', 'labels']) {
    const m = meta[k];
    if (m && typeof m === 'object' && Object.keys(m).length === 0) delete meta[k];
  }
}

/** A pod's annotations without creating the map (for reads). */
function readAnnotations(pod: JsonObject): Record<string, string> {
  return (get(pod, 'metadata', 'annotations') as Record<string, string> | undefined) ?? {};
}

function normalizePod(data: unknown): JsonObject {
  return normalize(POD, data) as JsonObject;
}

function parseStatus(pod: JsonObject): { containers: string[]; initContainers: string[] } | undefined {
  const s = readAnnotations(pod)[STATUS_ANNOTATION];
  if (s === undefined) return undefined;
  try {
    const parsed = JSON.parse(s) as Record<string, unknown>;
    const names = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
    return { containers: names(parsed['containers']), initContainers: names(parsed['initContainers']) };
  } catch {
    return undefined;
  }
}

/** Removes a previous injection so re-injecting converges (istiod's stripPod). */
function stripPod(pod: JsonObject, statusPort: number): JsonObject {
  const meta = (pod['metadata'] as JsonObject | undefined) ?? {};
  const annos = { ...readAnnotations(pod) };
  const copy: JsonObject = { ...pod, metadata: { ...meta, annotations: annos }, spec: { ...((pod['spec'] as JsonObject | undefined) ?? {}) } };
  const prev = parseStatus(pod);
  if (prev) {
    let cs = containers(copy, 'containers');
    for (const n of prev.containers) cs = modifyContainers(cs, n, 'remove');
    setContainers(copy, 'containers', cs);
    let ics = containers(copy, 'initContainers');
    for (const n of prev.initContainers) ics = modifyContainers(ics, n, 'remove');
    setContainers(copy, 'initContainers', ics);
    if (prometheusPort(annos) === String(statusPort)) clearPrometheusAnnotations(annos);
  }
  delete annos[STATUS_ANNOTATION];
  return copy;
}

function parseOverrides(pod: JsonObject): { containers: JsonObject[]; initContainers: JsonObject[] } {
  const raw = readAnnotations(pod)['proxy.istio.io/overrides'];
  if (raw === undefined) return { containers: [], initContainers: [] };
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(raw) as Record<string, unknown>;
  } catch (e) {
    throw new InjectError(`invalid proxy.istio.io/overrides annotation: ${(e as Error).message}`);
  }
  const list = (v: unknown): JsonObject[] => (Array.isArray(v) ? (v as JsonObject[]) : []);
  return { containers: list(parsed['containers']), initContainers: list(parsed['initContainers']) };
}

function reinsertOverrides(pod: JsonObject): JsonObject {
  const o = parseOverrides(pod);
  if (o.containers.length === 0 && o.initContainers.length === 0) return pod;
  const copy = structuredClone(pod);
  const cs = containers(copy, 'containers');
  for (const c of o.containers) if (!findContainer(String(c['name']), cs)) cs.push(c);
  setContainers(copy, 'containers', cs);
  const ics = containers(copy, 'initContainers');
  for (const c of o.initContainers) if (!findContainer(String(c['name']), ics)) ics.push(c);
  setContainers(copy, 'initContainers', ics);
  return normalizePod(copy);
}

function applyOverlay(target: JsonObject, patch: JsonValue, what: string, decode = true): JsonObject {
  try {
    const merged = strategicMerge(target as JsonValue, patch, POD_PATCH_META);
    return decode ? normalizePod(merged) : (merged as JsonObject);
  } catch (e) {
    if (e instanceof MergeError || e instanceof DecodeError) throw new InjectError(`${what}: ${e.message}`);
    throw e;
  }
}

/** hub/image:tag with the image type (distroless, debug) as istiod composes ProxyImage. */
export function proxyImage(values: Record<string, unknown>, proxyConfig: Proto, annos: Record<string, string>): string {
  const global = (values['global'] as Record<string, unknown> | undefined) ?? {};
  const tagValue = global['tag'];
  const tag = tagValue === undefined || tagValue === null ? '' : String(tagValue);
  let imageType = typeof global['variant'] === 'string' ? (global['variant'] as string) : '';
  const image = proxyConfig['image'] as Record<string, unknown> | undefined;
  if (image) imageType = typeof image['imageType'] === 'string' ? (image['imageType'] as string) : '';
  const proxy = (global['proxy'] as Record<string, unknown> | undefined) ?? {};
  const imageName = typeof proxy['image'] === 'string' && proxy['image'] !== '' ? (proxy['image'] as string) : 'proxyv2';
  if (Object.hasOwn(annos, 'sidecar.istio.io/proxyImageType')) imageType = annos['sidecar.istio.io/proxyImageType'] as string;
  const hub = typeof global['hub'] === 'string' ? (global['hub'] as string) : '';
  return `${hub}/${imageName}:${imageTag(tag, imageType)}`;
}

function imageTag(tag: string, imageType: string): string {
  if (imageType === '') return tag;
  let t = tag;
  for (const known of ['distroless', 'debug']) {
    if (t.endsWith('-' + known)) {
      t = t.slice(0, -(known.length + 1));
      break;
    }
  }
  return imageType === 'default' ? t : `${t}-${imageType}`;
}

function selectTemplates(pod: JsonObject, settings: InjectionSettings): string[] {
  const a = readAnnotations(pod)['inject.istio.io/templates'];
  const names = a !== undefined ? a.split(',').map((s) => s.trim()) : [...settings.defaultTemplates];
  return names.flatMap((n) => (settings.aliases[n] ? [...(settings.aliases[n] as readonly string[])] : [n]));
}

function renderedPatch(text: string, templateName: string): JsonValue {
  let parsed: unknown;
  try {
    parsed = parseGoYamlPlain(text);
  } catch (e) {
    const line = e instanceof GoYamlError ? ` (line ${(e as GoYamlError & { line?: number }).line ?? '?'})` : '';
    throw new InjectError(`failed applying injection overlay: template ${JSON.stringify(templateName)} rendered invalid YAML${line}: ${(e as Error).message}`);
  }
  if (parsed === null) return {};
  if (typeof parsed !== 'object' || Array.isArray(parsed)) throw new InjectError(`failed applying injection overlay: template ${JSON.stringify(templateName)} did not render a YAML map`);
  return parsed as JsonValue;
}

function getBoolPath(o: Record<string, unknown>, ...path: string[]): boolean {
  return get(o, ...path) === true;
}

/** Injects the pod; returns the injected pod (Go-encoded JSON). */
export function injectPod(req: PodInjectionRequest, settings: InjectionSettings): JsonObject {
  let ids = { uid: DEFAULT_PROXY_ID, gid: DEFAULT_PROXY_ID };
  if (settings.openShift) {
    // the webhook's pod namespace: the pod's own, else the request's (the workload's)
    const namespace = (get(req.pod, 'metadata', 'namespace') as string | undefined) || req.deployMeta.namespace;
    ids = proxyIds(settings.openShift.namespaces.get(namespace));
    req = { ...req, pod: dropSidecarUserMatchingApp(req.pod) };
  }
  let rendered: RenderedPod;
  try {
    rendered = runTemplates(req, settings, ids);
  } catch (e) {
    // istiod reports everything that goes wrong while rendering under this prefix
    if (e instanceof InjectError || e instanceof TemplateError) throw new InjectError(`failed to run injection template: ${e.message}`);
    throw e;
  }
  return postProcess(req, settings, rendered);
}

interface RenderedPod {
  merged: JsonObject;
  templatePod: JsonObject;
  proxyEnvs: Record<string, string>;
}

function runTemplates(req: PodInjectionRequest, settings: InjectionSettings, ids: { uid: bigint; gid: bigint }): RenderedPod {
  const original = req.pod;
  const meshConfig = req.meshConfig;
  const proxyConfig = (meshConfig['defaultConfig'] as Proto | undefined) ?? {};
  const statusPort = typeof proxyConfig['statusPort'] === 'number' ? proxyConfig['statusPort'] : 0;
  const values = settings.values.plain;

  validateAnnotations(readAnnotations(original));

  // cluster and network: values, then the webhook URL's envs, then the pod's network label
  const proxyEnvs: Record<string, string> = { ...settings.proxyEnvs };
  let cluster = String(get(values, 'global', 'multiCluster', 'clusterName') ?? '');
  let network = String(get(values, 'global', 'network') ?? '');
  if (proxyEnvs['ISTIO_META_CLUSTER_ID']) cluster = proxyEnvs['ISTIO_META_CLUSTER_ID'];
  if (proxyEnvs['ISTIO_META_NETWORK']) network = proxyEnvs['ISTIO_META_NETWORK'];
  const podLabels = (get(original, 'metadata', 'labels') as Record<string, string> | undefined) ?? {};
  if (Object.hasOwn(podLabels, 'topology.istio.io/network')) network = podLabels['topology.istio.io/network'] as string;
  if (cluster) proxyEnvs['ISTIO_META_CLUSTER_ID'] = cluster;
  if (network) proxyEnvs['ISTIO_META_NETWORK'] = network;

  const stripped = reinsertOverrides(stripPod(original, statusPort));
  const strippedAnnos = (get(stripped, 'metadata', 'annotations') as Record<string, string> | undefined) ?? {};
  const mode = get(meshConfig, 'inboundTrafficPolicy', 'mode');
  const data = sidecarTemplateData({
    typeMeta: req.typeMeta,
    deployMeta: req.deployMeta,
    objectMeta: (stripped['metadata'] as JsonObject | undefined) ?? {},
    spec: (stripped['spec'] as JsonObject | undefined) ?? {},
    proxyConfig,
    meshConfig,
    values: settings.values.map,
    revision: settings.revision,
    nativeSidecars: settings.nativeSidecars,
    proxyImage: proxyImage(values, proxyConfig, strippedAnnos),
    proxyUID: ids.uid,
    proxyGID: ids.gid,
    inboundTrafficPolicyMode: mode === 'LOCALHOST' ? 'localhost' : 'passthrough',
    compliancePolicy: settings.compliancePolicy,
  });

  let merged = original;
  let templatePod: JsonObject = {};
  for (const name of selectTemplates(original, settings)) {
    if (!settings.templates.has(name)) {
      throw new InjectError(`requested template ${JSON.stringify(name)} not found; have ${settings.templates.names().join(', ')}`);
    }
    const patch = renderedPatch(settings.templates.render(name, data), name);
    // istiod decodes the template pod too; its container and volume names are all that is read from it
    templatePod = applyOverlay(templatePod, patch, 'failed applying injection overlay', false);
    let native = settings.nativeSidecars;
    const nativeAnno = readAnnotations(merged)['sidecar.istio.io/nativeSidecar'];
    if (nativeAnno === 'true') native = true;
    else if (nativeAnno === 'false') native = false;
    if (native && findContainer(PROXY_CONTAINER, containers(templatePod, 'initContainers')) && findContainer(PROXY_CONTAINER, containers(merged, 'containers'))) {
      merged = structuredClone(merged);
      const cs = containers(merged, 'containers');
      const i = cs.findIndex((c) => c['name'] === PROXY_CONTAINER);
      const [moved] = cs.splice(i, 1);
      setContainers(merged, 'containers', cs);
      setContainers(merged, 'initContainers', [...containers(merged, 'initContainers'), moved as JsonObject]);
    }
    merged = applyOverlay(merged, patch, 'failed parsing generated injected YAML (check Istio sidecar injector configuration)');
  }
  return { merged, templatePod, proxyEnvs };
}

function postProcess(req: PodInjectionRequest, settings: InjectionSettings, rendered: RenderedPod): JsonObject {
  const original = req.pod;
  const meshConfig = req.meshConfig;
  const proxyConfig = (meshConfig['defaultConfig'] as Proto | undefined) ?? {};
  const statusPort = typeof proxyConfig['statusPort'] === 'number' ? proxyConfig['statusPort'] : 0;
  const values = settings.values.plain;
  const { templatePod, proxyEnvs } = rendered;
  let merged = rendered.merged;
  merged = reapplyOverwrittenContainers(merged, original, templatePod, proxyConfig);

  // post-processing (istiod's postProcessPod)
  // merged is a fresh decode (applyOverlay normalises), so post-processing may change it in place
  const pod = merged === original ? structuredClone(merged) : merged;
  annotations(pod);
  labels(pod);
  // RunTemplate records the cluster and network in the same env map istiod then applies here
  updateClusterEnvs(pod, proxyEnvs);
  applyPrometheusMerge(pod, typeof meshConfig['enablePrometheusMerge'] === 'boolean' ? meshConfig['enablePrometheusMerge'] : undefined, statusPort);
  const rewriteDefault = getBoolPath(values, 'sidecarInjectorWebhook', 'rewriteAppHTTPProbe');
  applyRewrite(pod, rewriteDefault, statusPort);
  if (proxyEnvs['ISTIO_META_NETWORK'] !== undefined) labels(pod)['topology.istio.io/network'] = proxyEnvs['ISTIO_META_NETWORK'];
  annotations(pod)[STATUS_ANNOTATION] = injectionStatus(templatePod, settings.revision);
  for (const [k, v] of Object.entries(settings.injectedAnnotations)) annotations(pod)[k] = v;
  let hold = proxyConfig['holdApplicationUntilProxyStarts'] === true;
  const pca = (get(original, 'metadata', 'annotations') as Record<string, string> | undefined)?.['proxy.istio.io/config'];
  if (pca !== undefined) {
    try {
      hold = mergeProxyConfig(pca, proxyConfig)['holdApplicationUntilProxyStarts'] === true;
    } catch (e) {
      if (e instanceof MeshConfigError) throw new InjectError(e.message);
      throw e;
    }
  }
  hold = hold || getBoolPath(values, 'global', 'proxy', 'holdApplicationUntilProxyStarts');
  reorderPod(pod, hold);
  // The pod was decoded after the last merge and post-processing writes Go-typed values, so only
  // the maps it created for istiod's nil checks need dropping (omitempty drops them in Go).
  dropEmptyMetadataMaps(pod);
  return pod;
}

function reapplyOverwrittenContainers(finalPod: JsonObject, originalPod: JsonObject, templatePod: JsonObject, proxyConfig: Proto): JsonObject {
  const existing = parseOverrides(originalPod);
  const status = parseStatus(originalPod);
  const alreadyInjected = readAnnotations(originalPod)[STATUS_ANNOTATION] !== undefined;
  const overrides: { containers: JsonObject[]; initContainers: JsonObject[] } = { containers: [], initContainers: [] };
  let result = finalPod;
  for (const c of containers(templatePod, 'containers')) {
    const name = String(c['name']);
    if (status?.containers.includes(name)) continue;
    const match = findContainer(name, existing.containers) ?? findContainer(name, containers(originalPod, 'containers'));
    if (!match) continue;
    const overlay = normalize('core.Container', match) as JsonObject;
    if (overlay['image'] === 'auto') delete overlay['image'];
    overrides.containers.push(overlay);
    result = applyOverlay(result, { spec: { containers: [overlay] } }, 'failed to apply sidecar container');
  }
  for (const c of containers(templatePod, 'initContainers')) {
    const name = String(c['name']);
    if (status?.initContainers.includes(name)) continue;
    const match = findContainer(name, existing.initContainers) ?? findContainerInPod(name, originalPod);
    if (!match) continue;
    const overlay = normalize('core.Container', match) as JsonObject;
    if (overlay['image'] === 'auto') delete overlay['image'];
    overrides.initContainers.push(overlay);
    result = applyOverlay(result, { spec: { containers: [], initContainers: [overlay] } }, 'failed to apply sidecar init container');
  }
  if (!alreadyInjected && (overrides.containers.length > 0 || overrides.initContainers.length > 0)) {
    result = structuredClone(result);
    const parts: string[] = [];
    if (overrides.containers.length) parts.push(`"containers":[${overrides.containers.map((c) => JSON.stringify(c)).join(',')}]`);
    if (overrides.initContainers.length) parts.push(`"initContainers":[${overrides.initContainers.map((c) => JSON.stringify(c)).join(',')}]`);
    annotations(result)['proxy.istio.io/overrides'] = `{${parts.join(',')}}`;
  }
  return adjustInitContainerUser(result, originalPod, proxyConfig);
}

/** The validation/init container runs as the user's istio-proxy uid when the user overrides it. */
function adjustInitContainerUser(finalPod: JsonObject, originalPod: JsonObject, proxyConfig: Proto): JsonObject {
  const user = findContainerInPod(PROXY_CONTAINER, originalPod);
  const sc = user?.['securityContext'] as JsonObject | undefined;
  if (!sc || (sc['runAsUser'] === undefined && sc['runAsGroup'] === undefined)) return finalPod;
  const pod = structuredClone(finalPod);
  const inits = containers(pod, 'initContainers');
  const init = findContainer(INIT_CONTAINER, inits) ?? findContainer(VALIDATION_CONTAINER, inits);
  if (!init) return finalPod;
  const tproxy = proxyConfig['interceptionMode'] === 'TPROXY' || annotations(pod)['sidecar.istio.io/interceptionMode'] === 'TPROXY';
  if (tproxy && sc['runAsUser'] !== undefined) {
    const sidecar = findContainerInPod(PROXY_CONTAINER, pod);
    const ssc = sidecar?.['securityContext'] as JsonObject | undefined;
    if (ssc) ssc['runAsUser'] = 0;
  }
  if (!tproxy && init['name'] === VALIDATION_CONTAINER) {
    const isc = ((init['securityContext'] as JsonObject | undefined) ?? (init['securityContext'] = {})) as JsonObject;
    if (sc['runAsUser'] !== undefined) isc['runAsUser'] = sc['runAsUser'];
    if (sc['runAsGroup'] !== undefined) isc['runAsGroup'] = sc['runAsGroup'];
  }
  const uid = sc['runAsUser'];
  if (uid === undefined || uid === 0) return normalizePod(pod);
  const args = Array.isArray(init['args']) ? (init['args'] as string[]) : [];
  const i = args.indexOf('-u');
  if (i >= 0 && i + 1 < args.length) args[i + 1] = String(uid);
  return normalizePod(pod);
}
