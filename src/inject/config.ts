/**
 * Where kube-inject's configuration comes from, in istioctl's order: --operatorFileName (its
 * values and meshConfig), --meshConfigFile, --injectConfigFile, --valuesFile; then the cluster's
 * ConfigMaps (istio-sidecar-injector[-REV]: config, values; istio[-REV]: mesh) in the Istio
 * namespace; and — sailctl's extension — when neither files nor a reachable cluster provide a
 * piece, the ConfigMaps rendered offline from the built-in charts and profile.
 */
import { parseYamlDocuments } from '../util/yaml.js';
import { applyMeshConfig, defaultMeshConfig, MeshConfigError, type Proto } from './mesh.js';
import type { LabelSelector } from './inject.js';

/** The one cluster call the injector needs; the kube client satisfies it. */
export interface ConfigMapReader {
  getConfigMap(namespace: string, name: string): Promise<{ data?: Record<string, string> | undefined } | undefined>;
}

/** The built-in configuration (injector ConfigMap keys config/values, mesh ConfigMap key mesh). */
export interface OfflineConfig {
  config: string;
  values: string;
  mesh: string;
  /** Where it came from, for messages ("built-in charts, profile default"). */
  source: string;
}

export interface InjectConfigSources {
  injectConfigFile?: string | undefined;
  meshConfigFile?: string | undefined;
  valuesFile?: string | undefined;
  operatorFileName?: string | undefined;
  meshConfigMapName: string;
  injectConfigMapName: string;
  revision: string;
  istioNamespace: string;
  readFile(path: string): Promise<string>;
  /** Undefined when no cluster is reachable. */
  cluster?: ConfigMapReader | undefined;
  /** Renders the offline configuration; called only if needed. */
  offline?: (() => Promise<OfflineConfig>) | undefined;
}

export interface InjectionConfig {
  templates: Map<string, string>;
  defaultTemplates: string[];
  aliases: Record<string, string[]>;
  injectedAnnotations: Record<string, string>;
  policy: 'enabled' | 'disabled';
  neverInjectSelector: LabelSelector[];
  alwaysInjectSelector: LabelSelector[];
}

export interface LoadedConfig {
  injection: InjectionConfig;
  /** values YAML/JSON text */
  values: string;
  meshConfig: Proto;
  /** One line per piece: where it came from. */
  provenance: string[];
}

/** A configuration problem, naming the file, ConfigMap or flag it came from. */
export class ConfigError extends Error {
  readonly source: string;
  readonly line: number | undefined;
  constructor(source: string, message: string, line?: number) {
    super(message);
    this.name = 'ConfigError';
    this.source = source;
    this.line = line;
  }
}

export const DEFAULT_MESH_CONFIGMAP = 'istio';
export const DEFAULT_INJECT_CONFIGMAP = 'istio-sidecar-injector';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function parseMap(text: string, source: string): Record<string, unknown> | undefined {
  let docs;
  try {
    docs = parseYamlDocuments(text, { file: source });
  } catch (e) {
    const err = e as Error & { line?: number };
    throw new ConfigError(source, err.message.replace(/^.*?: /, ''), err.line);
  }
  const data = docs[0]?.data;
  return isObject(data) ? data : undefined;
}

/** istio's UnmarshalConfig: an injection config with templates; defaults filled in. */
export function parseInjectionConfig(text: string, source: string): InjectionConfig {
  const data = parseMap(text, source) ?? {};
  const templates = new Map<string, string>();
  const raw = data['templates'];
  if (isObject(raw)) for (const [k, v] of Object.entries(raw)) templates.set(k, typeof v === 'string' ? v : String(v ?? ''));
  const defaults = Array.isArray(data['defaultTemplates']) ? data['defaultTemplates'].map(String) : [];
  const aliases: Record<string, string[]> = {};
  if (isObject(data['aliases'])) for (const [k, v] of Object.entries(data['aliases'])) aliases[k] = Array.isArray(v) ? v.map(String) : [];
  const injected: Record<string, string> = {};
  if (isObject(data['injectedAnnotations'])) for (const [k, v] of Object.entries(data['injectedAnnotations'])) injected[k] = String(v);
  const policy = data['policy'] === 'disabled' ? 'disabled' : 'enabled';
  const selectors = (v: unknown): LabelSelector[] => (Array.isArray(v) ? (v.filter(isObject) as LabelSelector[]) : []);
  return {
    templates,
    defaultTemplates: defaults.length ? defaults : ['sidecar'],
    aliases,
    injectedAnnotations: injected,
    policy,
    neverInjectSelector: selectors(data['neverInjectSelector']),
    alwaysInjectSelector: selectors(data['alwaysInjectSelector']),
  };
}

/** --injectConfigFile: an injection config with templates, or a bare template that becomes "sidecar". */
export function readInjectConfigFile(text: string, source: string): InjectionConfig {
  let data: Record<string, unknown> | undefined;
  try {
    data = parseMap(text, source);
  } catch {
    data = undefined;
  }
  const templates = data?.['templates'];
  if (!isObject(templates) || Object.keys(templates).length === 0) {
    return { ...parseInjectionConfig('{}', source), templates: new Map([['sidecar', text]]) };
  }
  return parseInjectionConfig(text, source);
}

function readMesh(text: string, source: string): Proto {
  try {
    return applyMeshConfig(text, defaultMeshConfig());
  } catch (e) {
    if (e instanceof MeshConfigError) throw new ConfigError(source, e.message);
    throw e;
  }
}

/** The IstioOperator file's spec.values (as JSON text) and spec.meshConfig. */
function readOperatorFile(text: string, source: string): { values: string; mesh: Proto | undefined } {
  let docs;
  try {
    docs = parseYamlDocuments(text, { file: source });
  } catch (e) {
    const err = e as Error & { line?: number };
    throw new ConfigError(source, err.message, err.line);
  }
  const iop = docs.find((d) => isObject(d.data) && (d.data as Record<string, unknown>)['kind'] === 'IstioOperator') ?? docs[0];
  const spec = isObject(iop?.data) ? (iop.data as Record<string, unknown>)['spec'] : undefined;
  if (!isObject(spec)) throw new ConfigError(source, 'no IstioOperator spec found', iop?.line);
  const values = isObject(spec['values']) ? JSON.stringify(spec['values']) : '';
  const mesh = isObject(spec['meshConfig']) ? readMesh(JSON.stringify(spec['meshConfig']), `${source}: spec.meshConfig`) : undefined;
  return { values, mesh };
}

export async function loadInjectionConfig(s: InjectConfigSources): Promise<LoadedConfig> {
  const provenance: string[] = [];
  let offline: OfflineConfig | undefined;
  const getOffline = async (): Promise<OfflineConfig> => {
    if (!s.offline) throw new ConfigError('kube-inject', 'no cluster is reachable and no built-in configuration is available yet');
    offline ??= await s.offline();
    return offline;
  };

  let values = '';
  let meshConfig: Proto | undefined;
  if (s.operatorFileName) {
    const iop = readOperatorFile(await s.readFile(s.operatorFileName), s.operatorFileName);
    values = iop.values;
    meshConfig = iop.mesh;
    provenance.push(`values${meshConfig ? ' and mesh config' : ''}: ${s.operatorFileName}`);
  }

  const injectName = s.injectConfigMapName === DEFAULT_INJECT_CONFIGMAP && s.revision ? `${DEFAULT_INJECT_CONFIGMAP}-${s.revision}` : s.injectConfigMapName;
  const valuesName = s.revision ? `${DEFAULT_INJECT_CONFIGMAP}-${s.revision}` : s.injectConfigMapName;
  const meshName = s.meshConfigMapName === DEFAULT_MESH_CONFIGMAP && s.revision ? `${DEFAULT_MESH_CONFIGMAP}-${s.revision}` : s.meshConfigMapName;

  const fromCluster = async (name: string, key: string, hint: string): Promise<string> => {
    const cm = await (s.cluster as ConfigMapReader).getConfigMap(s.istioNamespace, name);
    const where = `configmap ${JSON.stringify(name)} in namespace ${JSON.stringify(s.istioNamespace)}`;
    if (!cm) throw new ConfigError(where, `could not find ${where}`, undefined);
    const v = cm.data?.[key];
    if (v === undefined) throw new ConfigError(where, `missing configuration map key ${JSON.stringify(key)} in ${JSON.stringify(name)} (${hint})`);
    provenance.push(`${key}: ${where}`);
    return v;
  };

  if (!meshConfig) {
    if (s.meshConfigFile) {
      meshConfig = readMesh(await s.readFile(s.meshConfigFile), s.meshConfigFile);
      provenance.push(`mesh config: ${s.meshConfigFile}`);
    } else if (s.cluster) {
      meshConfig = readMesh(await fromCluster(meshName, 'mesh', 'use --meshConfigFile'), `configmap ${meshName}`);
    } else {
      const o = await getOffline();
      meshConfig = readMesh(o.mesh, `${o.source}: configmap ${meshName}`);
      provenance.push(`mesh config: ${o.source}`);
    }
  }

  let injection: InjectionConfig;
  if (s.injectConfigFile) {
    injection = readInjectConfigFile(await s.readFile(s.injectConfigFile), s.injectConfigFile);
    provenance.push(`templates: ${s.injectConfigFile}`);
  } else if (s.cluster) {
    injection = parseInjectionConfig(await fromCluster(injectName, 'config', 'use --injectConfigFile'), `configmap ${injectName}`);
  } else {
    const o = await getOffline();
    injection = parseInjectionConfig(o.config, `${o.source}: configmap ${injectName}`);
    provenance.push(`templates: ${o.source}`);
  }

  if (values === '') {
    if (s.valuesFile) {
      values = await s.readFile(s.valuesFile);
      provenance.push(`values: ${s.valuesFile}`);
    } else if (s.cluster) {
      values = await fromCluster(valuesName, 'values', 'use --valuesFile');
    } else {
      const o = await getOffline();
      values = o.values;
      provenance.push(`values: ${o.source}`);
    }
  }
  return { injection, values, meshConfig, provenance };
}
