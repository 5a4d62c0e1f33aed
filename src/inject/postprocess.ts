/**
 * What istiod does to a pod after merging the rendered template: application probes rewritten to
 * the agent's status port (with the originals in ISTIO_KUBE_APP_PROBERS), prometheus scrape
 * annotations redirected to the agent (the app's in ISTIO_PROMETHEUS_ANNOTATIONS), cluster/network
 * env overrides, the sidecar.istio.io/status annotation, and container ordering.
 * Pods here are Go-encoded JSON (see k8s/codec.ts) and are modified in place.
 */
import type { Json, JsonObject } from './k8s/codec.js';
import { goJson, goJsonString } from './template-funcs.js';

export const PROXY_CONTAINER = 'istio-proxy';
export const VALIDATION_CONTAINER = 'istio-validation';
export const INIT_CONTAINER = 'istio-init';
export const CORE_DUMP_CONTAINER = 'enable-core-dump';
export const STATUS_ANNOTATION = 'sidecar.istio.io/status';
export const KUBE_APP_PROBERS_ENV = 'ISTIO_KUBE_APP_PROBERS';
export const PROMETHEUS_ANNOTATIONS_ENV = 'ISTIO_PROMETHEUS_ANNOTATIONS';

export type Container = JsonObject;

export function containers(pod: JsonObject, field: 'containers' | 'initContainers'): Container[] {
  const spec = pod['spec'] as JsonObject | undefined;
  const list = spec?.[field];
  return Array.isArray(list) ? (list as Container[]) : [];
}

export function setContainers(pod: JsonObject, field: 'containers' | 'initContainers', list: Container[]): void {
  const spec = ((pod['spec'] as JsonObject | undefined) ?? (pod['spec'] = {})) as JsonObject;
  if (list.length === 0 && field === 'initContainers') delete spec[field];
  else spec[field] = list;
}

export function findContainer(name: string, list: Container[]): Container | undefined {
  return list.find((c) => c['name'] === name);
}

export function findContainerInPod(name: string, pod: JsonObject): Container | undefined {
  return findContainer(name, containers(pod, 'containers')) ?? findContainer(name, containers(pod, 'initContainers'));
}

export function annotations(pod: JsonObject): Record<string, string> {
  const meta = ((pod['metadata'] as JsonObject | undefined) ?? (pod['metadata'] = {})) as JsonObject;
  return ((meta['annotations'] as Record<string, string> | undefined) ?? (meta['annotations'] = {})) as Record<string, string>;
}

export function labels(pod: JsonObject): Record<string, string> {
  const meta = ((pod['metadata'] as JsonObject | undefined) ?? (pod['metadata'] = {})) as JsonObject;
  return ((meta['labels'] as Record<string, string> | undefined) ?? (meta['labels'] = {})) as Record<string, string>;
}

/** Go's strconv.ParseBool. */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Probes

function proberUrls(name: string): { readyz: string; livez: string; startupz: string; prestopz: string; poststartz: string } {
  return {
    readyz: `/app-health/${name}/readyz`,
    livez: `/app-health/${name}/livez`,
    startupz: `/app-health/${name}/startupz`,
    prestopz: `/app-lifecycle/${name}/prestopz`,
    poststartz: `/app-lifecycle/${name}/poststartz`,
  };
}

/** A probe as the agent receives it: the action and the timeout, named ports resolved. */
function toProber(probe: Json | undefined, withTimeout: boolean): JsonObject | undefined {
  if (!probe || typeof probe !== 'object' || Array.isArray(probe)) return undefined;
  const out: JsonObject = {};
  // shallow copies: only the action's port is ever rewritten here
  if (probe['httpGet']) out['httpGet'] = { ...(probe['httpGet'] as JsonObject) };
  else if (probe['tcpSocket']) out['tcpSocket'] = { ...(probe['tcpSocket'] as JsonObject) };
  else if (probe['grpc']) out['grpc'] = { ...(probe['grpc'] as JsonObject) };
  else return undefined;
  const timeout = withTimeout ? probe['timeoutSeconds'] : undefined;
  if (typeof timeout === 'number' && timeout !== 0) out['timeoutSeconds'] = timeout;
  return out;
}

function resolvePort(p: JsonObject, portMap: Map<string, number>, target: number): JsonObject | undefined {
  if (p['grpc']) return p;
  const action = (p['httpGet'] ?? p['tcpSocket']) as JsonObject | undefined;
  if (!action) return undefined;
  const port = action['port'];
  if (typeof port === 'string') {
    const n = portMap.get(port);
    if (n === undefined) return undefined;
    action['port'] = n;
  } else if (port === target) {
    return undefined; // already rewritten
  }
  return p;
}

/** ISTIO_KUBE_APP_PROBERS: the app probes keyed by the agent URL that now serves them. */
export function dumpAppProbers(pod: JsonObject, targetPort: number): string {
  const out: Record<string, JsonObject> = {};
  for (const c of [...containers(pod, 'initContainers'), ...containers(pod, 'containers')]) {
    if (c['name'] === PROXY_CONTAINER) continue;
    const urls = proberUrls(String(c['name'] ?? ''));
    const portMap = new Map<string, number>();
    for (const p of (Array.isArray(c['ports']) ? c['ports'] : []) as JsonObject[]) {
      if (p['name']) portMap.set(String(p['name']), Number(p['containerPort'] ?? 0));
    }
    const add = (url: string, probe: JsonObject | undefined): void => {
      const r = probe && resolvePort(probe, portMap, targetPort);
      if (r) out[url] = r;
    };
    add(urls.readyz, toProber(c['readinessProbe'], true));
    add(urls.livez, toProber(c['livenessProbe'], true));
    add(urls.startupz, toProber(c['startupProbe'], true));
    const lc = c['lifecycle'] as JsonObject | undefined;
    if (lc) {
      add(urls.prestopz, toLifecycleProber(lc['preStop']));
      add(urls.poststartz, toLifecycleProber(lc['postStart']));
    }
  }
  if (Object.keys(out).length === 0) return '';
  return goJsonProbers(out);
}

function toLifecycleProber(h: Json | undefined): JsonObject | undefined {
  if (!h || typeof h !== 'object' || Array.isArray(h)) return undefined;
  if (h['httpGet']) return { httpGet: { ...(h['httpGet'] as JsonObject) } };
  if (h['tcpSocket']) return { tcpSocket: { ...(h['tcpSocket'] as JsonObject) } };
  return undefined;
}

/** Prober JSON: map keys sorted, struct fields in Go order (httpGet, tcpSocket, grpc, timeoutSeconds). */
function goJsonProbers(m: Record<string, JsonObject>): string {
  const keys = Object.keys(m).sort();
  return `{${keys.map((k) => `${goJsonString(k)}:${proberJson(m[k] as JsonObject)}`).join(',')}}`;
}

function proberJson(p: JsonObject): string {
  const parts: string[] = [];
  for (const k of ['httpGet', 'tcpSocket', 'grpc', 'timeoutSeconds']) {
    if (p[k] !== undefined) parts.push(`${goJsonString(k)}:${goJson(p[k], false)}`);
  }
  return `{${parts.join(',')}}`;
}

function rewriteHttpGet(action: JsonObject, url: string, port: number): JsonObject {
  const out: JsonObject = {};
  // Go field order of HTTPGetAction: path, port, host, scheme, httpHeaders
  out['path'] = url;
  out['port'] = port;
  if (action['host']) out['host'] = action['host'];
  const scheme = action['scheme'];
  if (scheme) out['scheme'] = scheme === 'HTTPS' ? 'HTTP' : scheme;
  if (action['httpHeaders']) out['httpHeaders'] = action['httpHeaders'];
  return out;
}

function convertHandler(h: JsonObject, url: string, port: number, allowGrpc: boolean): JsonObject | undefined {
  const rebuild = (httpGet: JsonObject, drop: string): JsonObject => {
    const out: JsonObject = {};
    for (const [k, v] of Object.entries(h)) {
      if (k === drop) continue;
      out[k] = k === 'httpGet' ? httpGet : v;
    }
    if (!('httpGet' in out)) return { httpGet, ...out };
    return out;
  };
  if (h['httpGet']) return rebuild(rewriteHttpGet(h['httpGet'] as JsonObject, url, port), '');
  if (h['tcpSocket']) return rebuild(rewriteHttpGet({}, url, port), 'tcpSocket');
  if (allowGrpc && h['grpc']) return rebuild(rewriteHttpGet({}, url, port), 'grpc');
  return undefined;
}

function convertProbes(c: Container, statusPort: number): void {
  const urls = proberUrls(String(c['name'] ?? ''));
  for (const [field, url] of [
    ['readinessProbe', urls.readyz],
    ['livenessProbe', urls.livez],
    ['startupProbe', urls.startupz],
  ] as const) {
    const p = c[field];
    if (p && typeof p === 'object' && !Array.isArray(p)) {
      const r = convertHandler(p, url, statusPort, true);
      if (r) c[field] = r;
    }
  }
  const lc = c['lifecycle'];
  if (lc && typeof lc === 'object' && !Array.isArray(lc)) {
    for (const [field, url] of [
      ['preStop', urls.prestopz],
      ['postStart', urls.poststartz],
    ] as const) {
      const h = lc[field];
      if (h && typeof h === 'object' && !Array.isArray(h)) {
        const r = convertHandler(h, url, statusPort, false);
        if (r) lc[field] = r;
      }
    }
  }
}

export function patchRewriteProbes(pod: JsonObject, defaultStatusPort: number): void {
  let statusPort = defaultStatusPort;
  const annotated = annotations(pod)['status.sidecar.istio.io/port'];
  if (annotated !== undefined) statusPort = /^[+-]?\d+$/.test(annotated) ? Number(annotated) : 0;
  for (const c of [...containers(pod, 'containers'), ...containers(pod, 'initContainers')]) {
    if (c['name'] === PROXY_CONTAINER) continue;
    convertProbes(c, statusPort);
  }
}

function pushEnv(c: Container, name: string, value: string): void {
  const env = (Array.isArray(c['env']) ? c['env'] : (c['env'] = [])) as JsonObject[];
  env.push({ name, value });
}

export function applyRewrite(pod: JsonObject, rewriteDefault: boolean, statusPort: number): void {
  const sidecar = findContainerInPod(PROXY_CONTAINER, pod);
  if (!sidecar) return;
  const annos = annotations(pod);
  let rewrite = rewriteDefault;
  const a = annos['sidecar.istio.io/rewriteAppHTTPProbers'];
  if (a !== undefined && parseGoBool(a) !== undefined) rewrite = parseGoBool(a) as boolean;
  if (!rewrite) return;
  const prober = dumpAppProbers(pod, statusPort);
  if (prober !== '') {
    const previouslyInjected = annos[STATUS_ANNOTATION] !== undefined;
    mergeOrAppendProbers(sidecar, previouslyInjected, prober);
  }
  patchRewriteProbes(pod, statusPort);
}

function mergeOrAppendProbers(sidecar: Container, previouslyInjected: boolean, probers: string): void {
  const env = (Array.isArray(sidecar['env']) ? sidecar['env'] : []) as JsonObject[];
  const existing = previouslyInjected ? env.findIndex((e) => e['name'] === KUBE_APP_PROBERS_ENV) : -1;
  if (existing < 0) {
    pushEnv(sidecar, KUBE_APP_PROBERS_ENV, probers);
    return;
  }
  try {
    const old = JSON.parse(String(env[existing]?.['value'] ?? '')) as Record<string, JsonObject>;
    const merged = JSON.parse(probers) as Record<string, JsonObject>;
    for (const [k, v] of Object.entries(old)) merged[k] = v;
    env[existing] = { name: KUBE_APP_PROBERS_ENV, value: goJsonProbers(merged) };
  } catch {
    // an unreadable previous value is left alone, as istiod does
  }
}

// ---------------------------------------------------------------------------------------------
// Prometheus merge

/** Prometheus's label-name sanitising: anything outside [a-zA-Z0-9_] becomes '_'. */
function sanitize(k: string): string {
  return k.replace(/[^a-zA-Z0-9_]/g, '_');
}

const PROM_SCRAPE = 'prometheus_io_scrape';
const PROM_PORT = 'prometheus_io_port';
const PROM_PATH = 'prometheus_io_path';

export function prometheusPort(annos: Record<string, string>): string | undefined {
  for (const [k, v] of Object.entries(annos)) if (sanitize(k) === PROM_PORT) return v;
  return undefined;
}

export function clearPrometheusAnnotations(annos: Record<string, string>): void {
  for (const k of Object.keys(annos)) {
    const s = sanitize(k);
    if (s === PROM_SCRAPE || s === PROM_PORT || s === PROM_PATH) delete annos[k];
  }
}

export function applyPrometheusMerge(pod: JsonObject, meshEnablesMerge: boolean | undefined, statusPort: number): void {
  const annos = annotations(pod);
  let scrape = true;
  for (const [k, v] of Object.entries(annos)) {
    if (sanitize(k) !== PROM_SCRAPE) continue;
    const b = parseGoBool(v);
    if (b !== undefined) {
      scrape = b;
      break;
    }
  }
  if (!scrape) return;
  let enabled = meshEnablesMerge ?? true;
  const flag = annos['prometheus.istio.io/merge-metrics'];
  if (flag !== undefined && parseGoBool(flag) !== undefined) enabled = parseGoBool(flag) as boolean;
  if (!enabled) return;
  const target = String(statusPort);
  if (prometheusPort(annos) === target) return;
  const cfg = { scrape: '', path: '', port: '' };
  for (const [k, v] of Object.entries(annos)) {
    const s = sanitize(k);
    if (s === PROM_PORT) cfg.port = v;
    else if (s === PROM_SCRAPE) cfg.scrape = v;
    else if (s === PROM_PATH) cfg.path = v;
  }
  const sidecar = findContainerInPod(PROXY_CONTAINER, pod);
  if (sidecar && (cfg.scrape || cfg.path || cfg.port)) {
    pushEnv(sidecar, PROMETHEUS_ANNOTATIONS_ENV, `{"scrape":${goJsonString(cfg.scrape)},"path":${goJsonString(cfg.path)},"port":${goJsonString(cfg.port)}}`);
  }
  clearPrometheusAnnotations(annos);
  annos['prometheus.io/port'] = target;
  annos['prometheus.io/path'] = '/stats/prometheus';
  annos['prometheus.io/scrape'] = 'true';
}

// ---------------------------------------------------------------------------------------------
// Cluster info, status, ordering

export function updateClusterEnvs(pod: JsonObject, proxyEnvs: Record<string, string>): void {
  const sidecar = findContainerInPod(PROXY_CONTAINER, pod);
  if (!sidecar || Object.keys(proxyEnvs).length === 0) return;
  const env = ((Array.isArray(sidecar['env']) ? sidecar['env'] : []) as JsonObject[]).filter((e) => !(String(e['name']) in proxyEnvs));
  for (const k of Object.keys(proxyEnvs).sort()) env.push({ name: k, value: proxyEnvs[k] as string });
  sidecar['env'] = env;
}

/** The sidecar.istio.io/status annotation value: what the template added, and the revision. */
export function injectionStatus(templatePod: JsonObject, revision: string): string {
  const spec = (templatePod['spec'] as JsonObject | undefined) ?? {};
  const names = (field: string): string => {
    const list = spec[field];
    return Array.isArray(list) && list.length > 0 ? `[${list.map((c) => goJsonString(String((c as JsonObject)['name'] ?? ''))).join(',')}]` : 'null';
  };
  return `{"initContainers":${names('initContainers')},"containers":${names('containers')},"volumes":${names('volumes')},"imagePullSecrets":${names('imagePullSecrets')},"revision":${goJsonString(revision || 'default')}}`;
}

type Reorder = 'first' | 'last' | 'remove';

export function modifyContainers(list: Container[], name: string, how: Reorder): Container[] {
  const rest = list.filter((c) => c['name'] !== name);
  const match = list.filter((c) => c['name'] === name).pop();
  if (!match) return rest;
  if (how === 'first') return [match, ...rest];
  if (how === 'last') return [...rest, match];
  return rest;
}

export function reorderPod(pod: JsonObject, holdApplication: boolean): void {
  setContainers(pod, 'containers', modifyContainers(containers(pod, 'containers'), PROXY_CONTAINER, holdApplication ? 'first' : 'last'));
  let init = containers(pod, 'initContainers');
  if (init.length === 0) return;
  if (findContainer(PROXY_CONTAINER, init)) {
    init = modifyContainers(init, CORE_DUMP_CONTAINER, 'first');
    init = modifyContainers(init, PROXY_CONTAINER, 'first');
    init = modifyContainers(init, VALIDATION_CONTAINER, 'first');
    init = modifyContainers(init, INIT_CONTAINER, 'first');
  } else {
    init = modifyContainers(init, VALIDATION_CONTAINER, 'first');
    init = modifyContainers(init, INIT_CONTAINER, 'last');
    init = modifyContainers(init, CORE_DUMP_CONTAINER, 'last');
  }
  setContainers(pod, 'initContainers', init);
}
