/**
 * kube-inject as a library: configuration in, a YAML stream in, the injected stream out.
 * Documents are read, injected and encoded one at a time; the caller decides where output goes
 * (the CLI collects it so that nothing is written when a later document fails).
 */
import { SailError, type ErrorCode } from '../errors.js';
import { parseYamlDocuments } from '../util/yaml.js';
import { marshalPlainYaml, parseGoYaml, parseGoYamlPlain, GoYamlError } from '../gotemplate/goyaml.js';
import { isMap, toJS, type GoMap } from '../gotemplate/value.js';
import { compileTemplates, TemplateParseError } from './templates.js';
import { ConfigError, loadInjectionConfig, type InjectConfigSources, type LoadedConfig } from './config.js';
import type { Proto } from './mesh.js';
import { InjectError, type InjectionSettings } from './inject.js';
import { DecodeError } from './k8s/codec.js';
import { injectWorkload, workloadType, WorkloadError } from './workloads.js';
import { splitDocuments, StreamSyntaxError, type RawDocument } from './stream.js';
import { isOpenShift, platformOf, type NamespaceAnnotations } from './openshift.js';

export { isOpenShift, namespaceIdAnnotations, platformOf, proxyIds, type NamespaceAnnotations } from './openshift.js';
export { loadInjectionConfig, type InjectConfigSources, type ConfigMapReader, type OfflineConfig, type LoadedConfig } from './config.js';

export type NativeSidecarMode = 'enabled' | 'disabled' | 'auto';

/** istiod's ENABLE_NATIVE_SIDECARS: true, false or auto (the default); anything else is false. */
export function nativeSidecarMode(env: Readonly<Record<string, string | undefined>>): NativeSidecarMode {
  const v = env['ENABLE_NATIVE_SIDECARS'];
  if (v === undefined || v === 'auto') return 'auto';
  if (v === 'true') return 'enabled';
  return 'disabled';
}

/** Native sidecars are supported from Kubernetes 1.33 on every node (istiod's auto mode). */
export function nodesSupportNativeSidecars(kubeletVersions: readonly string[]): boolean {
  return kubeletVersions.every((v) => {
    const m = /^v?(\d+)\.(\d+)/.exec(v);
    return m !== null && (Number(m[1]) > 1 || Number(m[2]) >= 33);
  });
}

export interface PreparedInjector {
  settings: InjectionSettings;
  config: LoadedConfig;
}

export interface PrepareOptions {
  sources: InjectConfigSources;
  env: Readonly<Record<string, string | undefined>>;
  revision: string;
  /** Whether native sidecars are used (resolved from the mode and, in auto mode, the cluster). */
  nativeSidecars: boolean;
  /**
   * The cluster's namespaces with their annotations, read only when injection stands in for
   * istiod's webhook (the templates come from the cluster) and the platform is OpenShift.
   * Undefined for istioctl's local injection (files, offline), which never reads namespaces.
   */
  clusterNamespaces?: (() => Promise<NamespaceAnnotations>) | undefined;
}

function configError(e: unknown): never {
  if (e instanceof ConfigError) throw new SailError('INVALID', e.message, { file: e.source, line: e.line });
  throw e;
}

export async function prepareInjector(opts: PrepareOptions): Promise<PreparedInjector> {
  const config = await loadInjectionConfig(opts.sources).catch(configError);
  const settings = await settingsFromConfig(config, { env: opts.env, revision: opts.revision, nativeSidecars: opts.nativeSidecars, valuesSource: opts.sources.valuesFile });
  if (opts.clusterNamespaces && isOpenShift(platformOf(opts.env, settings.values.plain))) {
    settings.openShift = { namespaces: await opts.clusterNamespaces() };
  }
  return { settings, config };
}

/** What a worker needs to rebuild the injector: the loaded configuration, as plain data. */
export interface InjectorSpec {
  templates: Array<[string, string]>;
  values: string;
  meshConfig: Proto;
  env: Record<string, string | undefined>;
  revision: string;
  nativeSidecars: boolean;
  /** The namespaces of istiod's OpenShift rules, when they apply. */
  openShiftNamespaces?: Array<[string, Record<string, string>]> | undefined;
}

export function injectorSpec(injector: PreparedInjector, env: Readonly<Record<string, string | undefined>>): InjectorSpec {
  const s = injector.settings;
  const openShiftNamespaces = s.openShift ? [...s.openShift.namespaces].map(([name, annos]): [string, Record<string, string>] => [name, { ...annos }]) : undefined;
  return { templates: [...injector.config.injection.templates], values: injector.config.values, meshConfig: s.meshConfig, env: { ...env }, revision: s.revision, nativeSidecars: s.nativeSidecars, openShiftNamespaces };
}

export async function injectorFromSpec(spec: InjectorSpec): Promise<PreparedInjector> {
  const config: LoadedConfig = {
    injection: { templates: new Map(spec.templates), defaultTemplates: ['sidecar'], aliases: {}, injectedAnnotations: {}, policy: 'enabled', neverInjectSelector: [], alwaysInjectSelector: [] },
    values: spec.values,
    meshConfig: spec.meshConfig,
    provenance: [],
  };
  const settings = await settingsFromConfig(config, { env: spec.env, revision: spec.revision, nativeSidecars: spec.nativeSidecars, valuesSource: undefined });
  if (spec.openShiftNamespaces) settings.openShift = { namespaces: new Map(spec.openShiftNamespaces) };
  return { config, settings };
}

async function settingsFromConfig(
  config: LoadedConfig,
  opts: { env: Readonly<Record<string, string | undefined>>; revision: string; nativeSidecars: boolean; valuesSource: string | undefined },
): Promise<InjectionSettings> {
  let templates;
  try {
    templates = await compileTemplates(config.injection.templates, opts.env);
  } catch (e) {
    if (e instanceof TemplateParseError) throw new SailError('TEMPLATE', `injection template ${JSON.stringify(e.templateName)}: ${e.message}`);
    throw e;
  }
  let valuesMap: GoMap = new Map();
  if (config.values.trim() !== '') {
    try {
      const parsed = parseGoYaml(config.values);
      if (isMap(parsed)) valuesMap = parsed;
    } catch (e) {
      throw new SailError('INVALID', `could not parse configuration values: ${(e as Error).message}`, { file: opts.valuesSource ?? 'values' });
    }
  }
  return {
    templates,
    // kube-inject always renders the default "sidecar" template and ignores aliases, as istioctl does
    defaultTemplates: ['sidecar'],
    aliases: {},
    injectedAnnotations: {},
    policy: 'enabled',
    neverInjectSelector: [],
    alwaysInjectSelector: [],
    meshConfig: config.meshConfig,
    values: { map: valuesMap, plain: (toJS(valuesMap) ?? {}) as Record<string, unknown> },
    revision: opts.revision,
    nativeSidecars: opts.nativeSidecars,
    compliancePolicy: opts.env['COMPLIANCE_POLICY'] ?? '',
    proxyEnvs: {},
  };
}

/** One document's result: its output text and report lines (workload: whether it was one). */
export interface DocumentResult {
  output: string;
  report: string[];
  workload: boolean;
}

/** Injects one document; throws a SailError naming file:line. */
export function injectDocument(doc: RawDocument, settings: InjectionSettings, file: string): DocumentResult {
  const data = readDocument(doc, file);
  const type = workloadType(data);
  if (!type) return { output: `${doc.raw}---\n`, report: [], workload: false };
  try {
    const outcome = injectWorkload(type, data, settings);
    return { output: `${marshalPlainYaml(outcome.object)}---\n`, report: outcome.report, workload: true };
  } catch (e) {
    if (e instanceof DecodeError || e instanceof WorkloadError) throw located(file, doc, e.message, doc.line - 1 + lineOf(doc, e.path));
    if (e instanceof InjectError) throw located(file, doc, e.message);
    throw e;
  }
}

/** Several consecutive documents injected together: one output string and one report block. */
export interface BatchOutcome {
  /** The outputs of the documents before the first failure, concatenated. */
  output: string;
  /** Report lines joined by newlines ('' for none). */
  report: string;
  workloads: number;
  error?: BatchError;
}

/** A failure in a form that crosses threads (a SailError's fields, or an internal error). */
export interface BatchError {
  code: string;
  message: string;
  file?: string | undefined;
  line?: number | undefined;
  hint?: string | undefined;
  internal?: boolean;
}

export function injectBatch(docs: readonly RawDocument[], settings: InjectionSettings, file: string): BatchOutcome {
  let output = '';
  let report = '';
  let workloads = 0;
  for (const doc of docs) {
    let r: DocumentResult;
    try {
      r = injectDocument(doc, settings, file);
    } catch (e) {
      const error: BatchError =
        e instanceof SailError
          ? { code: e.code, message: e.message, file: e.file, line: e.line, hint: e.hint }
          : { code: 'INVALID', message: e instanceof Error ? (e.stack ?? e.message) : String(e), internal: true };
      return { output, report, workloads, error };
    }
    output += r.output;
    for (const line of r.report) report = report === '' ? line : `${report}\n${line}`;
    if (r.workload) workloads++;
  }
  return { output, report, workloads };
}

/** The error a batch ended with, as the exception the CLI reports. */
export function batchErrorToException(e: BatchError): Error {
  if (e.internal) return new Error(e.message);
  return new SailError(e.code as ErrorCode, e.message, { file: e.file, line: e.line, hint: e.hint });
}

export interface InjectStreamOptions {
  /** The input's name for messages ('-' for stdin). */
  file: string;
  write(chunk: string): void;
  report(line: string): void;
}

/**
 * A document as sigs.k8s.io/yaml reads it (go-yaml v2, YAML 1.1, JSON types). The fast reader
 * keeps no positions; on an error the document is read again with positions for its line.
 */
function readDocument(doc: RawDocument, file: string): unknown {
  try {
    return parseGoYamlPlain(doc.raw);
  } catch (e) {
    try {
      parseYamlDocuments(doc.raw, { file });
    } catch (withLine) {
      const err = withLine as SailError;
      throw new SailError('YAML', `document ${doc.index + 1}: ${err.message}`, { file, line: doc.line - 1 + (err.line ?? 1) });
    }
    const line = e instanceof GoYamlError ? e.line : undefined;
    throw new SailError('YAML', `document ${doc.index + 1}: could not parse YAML: ${(e as Error).message}`, { file, line: doc.line - 1 + (line ?? 1) });
  }
}

function lineOf(doc: RawDocument, path: Array<string | number>): number {
  try {
    return parseYamlDocuments(doc.raw)[0]?.lineOf(path) ?? 1;
  } catch {
    return 1;
  }
}

function located(file: string, doc: RawDocument, message: string, line?: number): SailError {
  return new SailError('INVALID', `document ${doc.index + 1}: ${message}`, { file, line: line ?? doc.line });
}

/**
 * Injects every document of a stream given as chunks of text (lines or any split); throws a
 * SailError naming file:line on the first failure.
 */
export async function injectStream(chunks: AsyncIterable<string> | Iterable<string>, injector: PreparedInjector, opts: InjectStreamOptions): Promise<{ workloads: number }> {
  let workloads = 0;
  try {
    for await (const doc of splitDocuments(chunks)) {
      const r = injectDocument(doc, injector.settings, opts.file);
      opts.write(r.output);
      for (const line of r.report) opts.report(line);
      if (r.workload) workloads++;
    }
  } catch (e) {
    if (e instanceof StreamSyntaxError) throw new SailError('YAML', e.message, { file: opts.file, line: e.line });
    throw e;
  }
  return { workloads };
}
