/**
 * kube-inject as a library: configuration in, a YAML stream in, the injected stream out.
 * Documents are read, injected and encoded one at a time; the caller decides where output goes
 * (the CLI collects it so that nothing is written when a later document fails).
 */
import { SailError } from '../errors.js';
import { parseYamlDocuments } from '../util/yaml.js';
import { marshalGoYaml, parseGoYaml } from '../gotemplate/goyaml.js';
import { fromJS, isMap, toJS, type GoMap } from '../gotemplate/value.js';
import { compileTemplates, TemplateParseError } from './templates.js';
import { ConfigError, loadInjectionConfig, type InjectConfigSources, type LoadedConfig } from './config.js';
import { InjectError, type InjectionSettings } from './inject.js';
import { DecodeError } from './k8s/codec.js';
import { injectWorkload, workloadType, WorkloadError } from './workloads.js';
import { splitDocuments, StreamSyntaxError, type RawDocument } from './stream.js';
import { TemplateError } from '../gotemplate/index.js';

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
}

function configError(e: unknown): never {
  if (e instanceof ConfigError) throw new SailError('INVALID', e.message, { file: e.source, line: e.line });
  throw e;
}

export async function prepareInjector(opts: PrepareOptions): Promise<PreparedInjector> {
  const config = await loadInjectionConfig(opts.sources).catch(configError);
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
      throw new SailError('INVALID', `could not parse configuration values: ${(e as Error).message}`, { file: opts.sources.valuesFile ?? 'values' });
    }
  }
  const settings: InjectionSettings = {
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
  return { settings, config };
}

export interface InjectStreamOptions {
  /** The input's name for messages ('-' for stdin). */
  file: string;
  write(chunk: string): void;
  report(line: string): void;
}

function located(file: string, doc: RawDocument, message: string, line?: number): SailError {
  return new SailError('INVALID', `document ${doc.index + 1}: ${message}`, { file, line: line ?? doc.line });
}

/** Injects every document of `lines`; throws a SailError naming file:line on the first failure. */
export async function injectStream(lines: AsyncIterable<string> | Iterable<string>, injector: PreparedInjector, opts: InjectStreamOptions): Promise<{ workloads: number }> {
  let workloads = 0;
  try {
    for await (const doc of splitDocuments(lines)) {
      let parsed;
      try {
        parsed = parseYamlDocuments(doc.raw, { file: opts.file })[0];
      } catch (e) {
        const err = e as SailError;
        throw new SailError('YAML', `document ${doc.index + 1}: ${err.message}`, { file: opts.file, line: doc.line - 1 + (err.line ?? 1) });
      }
      const type = parsed ? workloadType(parsed.data) : undefined;
      if (!parsed || !type) {
        opts.write(doc.raw);
        opts.write('---\n');
        continue;
      }
      try {
        const outcome = injectWorkload(type, parsed.data, injector.settings);
        opts.write(marshalGoYaml(fromJS(outcome.object)));
        opts.write('---\n');
        for (const r of outcome.report) opts.report(r);
        workloads++;
      } catch (e) {
        if (e instanceof DecodeError || e instanceof WorkloadError) throw located(opts.file, doc, e.message, doc.line - 1 + parsed.lineOf(e.path));
        if (e instanceof InjectError) throw located(opts.file, doc, e.message);
        if (e instanceof TemplateError) throw located(opts.file, doc, `failed to run injection template: ${e.message}`);
        throw e;
      }
    }
  } catch (e) {
    if (e instanceof StreamSyntaxError) throw new SailError('YAML', e.message, { file: opts.file, line: e.line });
    throw e;
  }
  return { workloads };
}
