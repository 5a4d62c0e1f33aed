/** `sailctl analyze`: flags and printing only; the work is in src/analyze. */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { SailError } from '../../errors.js';
import type { CommandSpec } from '../spec.js';
import type { CommandContext } from '../context.js';

interface AnalyzeOptions {
  listAnalyzers: boolean;
  useKube: boolean;
  allNamespaces: boolean;
  revision: string;
  output: string;
  failureThreshold: string;
  outputThreshold: string;
  suppress: string[];
  analyzer: string[];
  meshConfigFile?: string;
  timeout: number;
  ignoreUnknown: boolean;
  color?: boolean;
  verbose: boolean;
  recursive: boolean;
  includeRuntimeKinds: boolean;
}

/** Where a kubeconfig would come from, or undefined when none is configured. */
function kubeconfigPath(ctx: CommandContext): string | undefined {
  if (ctx.globals.kubeconfig) return ctx.globals.kubeconfig;
  const env = ctx.io.env['KUBECONFIG'];
  if (env) return env.split(':').find((p) => p && existsSync(p));
  const home = ctx.io.env['HOME'] ?? homedir();
  const p = join(home, '.kube', 'config');
  return existsSync(p) ? p : undefined;
}

async function analyze(ctx: CommandContext, args: string[], opts: AnalyzeOptions): Promise<number> {
  const { parseLevel, atLeast, allMessageTypes } = await import('../../analyze/catalog.js');
  const { allAnalyzers, analyzersAsString } = await import('../../analyze/analyzers/index.js');
  const format = opts.output.toLowerCase();
  if (!['log', 'json', 'yaml', 'sarif'].includes(format)) {
    throw new SailError('USAGE', `${opts.output} not a valid option for format. See sailctl analyze --help`);
  }
  const failure = parseLevel(opts.failureThreshold);
  if (!failure) throw new SailError('USAGE', `invalid argument "${opts.failureThreshold}" for "--failure-threshold" flag: invalid level option`);
  const outputLevel = parseLevel(opts.outputThreshold);
  if (!outputLevel) throw new SailError('USAGE', `invalid argument "${opts.outputThreshold}" for "--output-threshold" flag: invalid level option`);
  if (opts.listAnalyzers) {
    ctx.io.stdout.write(analyzersAsString(allAnalyzers()));
    return 0;
  }
  if (opts.recursive) {
    ctx.io.stdout.write('The recursive flag has been removed and is hardcoded to true without explicitly specifying it.\n');
    return 0;
  }
  const { parseSuppression } = await import('../../analyze/suppress.js');
  const codes = new Set(allMessageTypes().map((m) => m.code));
  const suppressions = opts.suppress.map((s) => {
    const sup = parseSuppression(s);
    if (!codes.has(sup.code)) ctx.io.stderr.write(`Warning: Supplied message code '${sup.code}' is an unknown message code and will not have any effect.\n`);
    return sup;
  });

  const { gatherFiles, FileSource } = await import('../../analyze/snapshot.js');
  const { readUserFile } = await import('../../util/files.js');
  const files = await gatherFiles(args, ctx.io.readStdin, (p) => readUserFile(p), (line) => ctx.io.stderr.write(line + '\n'));

  let useKube = opts.useKube;
  if (useKube) {
    // The cluster source plugs in here (a ResourceSource that provides runtime kinds). Until this
    // build has one, analyse files exactly as with --use-kube=false and say so.
    const kc = kubeconfigPath(ctx);
    const why = kc ? `the cluster client is not available in this build (kubeconfig ${kc})` : 'no kubeconfig found';
    if (files.length === 0) {
      throw new SailError('KUBE', `cannot analyze the live cluster: ${why}`, {
        hint: 'pass files or directories to analyze, e.g. sailctl analyze --use-kube=false my-config/',
      });
    }
    ctx.io.stderr.write(`Note: not using a live cluster (${why}); analyzing files only, as with --use-kube=false.\n`);
    useKube = false;
  }

  const selected = opts.allNamespaces ? '' : ctx.globals.namespace || 'default';
  let meshConfig: Record<string, unknown> | undefined;
  if (opts.meshConfigFile) {
    const { parseYamlDocument } = await import('../../util/yaml.js');
    const doc = parseYamlDocument(await readUserFile(opts.meshConfigFile), { file: opts.meshConfigFile });
    const data = doc?.data;
    if (data !== undefined && (typeof data !== 'object' || data === null || Array.isArray(data))) {
      throw new SailError('YAML', 'mesh config must be a YAML mapping', { file: opts.meshConfigFile, line: doc?.line });
    }
    meshConfig = (data ?? {}) as Record<string, unknown>;
  }

  const { runAnalysis } = await import('../../analyze/run.js');
  const result = await runAnalysis({
    sources: [new FileSource(files)],
    namespace: selected,
    istioNamespace: ctx.globals.istioNamespace,
    analyzerNames: opts.analyzer,
    suppressions,
    includeRuntimeKinds: opts.includeRuntimeKinds,
    meshConfig,
  });

  for (const p of result.problems) {
    ctx.io.stderr.write(`Error adding file ${p.line > 0 ? `${p.file}:${p.line}` : p.file}: ${p.message}\n`);
  }
  const target = opts.allNamespaces ? 'all namespaces' : `namespace: ${selected}`;
  if (opts.verbose) {
    ctx.io.stderr.write(`Analyzed ${result.resourceCount} resources in ${target}${useKube ? '' : ' (files only)'}\n`);
    for (const u of result.unknownKinds) ctx.io.stderr.write(`Skipped unknown kind ${u.apiVersion} ${u.kind} at ${u.file}:${u.line}\n`);
    if (result.skipped.length > 0) ctx.io.stderr.write('Skipped analyzers:\n' + result.skipped.map((s) => `\t ${s}\n`).join(''));
    if (result.executed.length > 0) ctx.io.stderr.write('Executed analyzers:\n' + result.executed.map((s) => `\t ${s}\n`).join(''));
    ctx.io.stderr.write('\n');
  }

  const shown = result.messages.filter((m) => atLeast(m.type.level, outputLevel));
  const { formatMessages } = await import('../../analyze/format.js');
  const { SAILCTL_VERSION } = await import('../../version.js');
  // The runner gives booleans a false default, so --color can force colour but only NO_COLOR/TERM=dumb disable it.
  const color = (opts.color === true || ctx.io.color) && ctx.io.env['TERM'] !== 'dumb';
  const text = formatMessages(shown, format as 'log', color && !ctx.io.env['NO_COLOR'], { name: 'sailctl', version: SAILCTL_VERSION });
  ctx.io.stdout.write(text.endsWith('\n') ? text : text + '\n');

  const parseErrors = result.problems.length;
  if (shown.length === 0) {
    if (parseErrors === 0) {
      const names = files.map((f) => f.name);
      if (names.length > 1) ctx.io.stderr.write(`\u2714 No validation issues found when analyzing:\n  - ${names.join('\n  - ')}\n`);
      else if (names.length === 1) ctx.io.stderr.write(`\u2714 No validation issues found when analyzing ${names[0]}.\n`);
      else ctx.io.stderr.write(`\u2714 No validation issues found when analyzing ${target}.\n`);
    } else {
      ctx.io.stderr.write(`No validation issues found when analyzing ${target} (but ${parseErrors} ${parseErrors === 1 ? 'file' : 'files'} could not be parsed).\n`);
    }
  }
  // sailctl's divergence: the failure threshold applies to every output format, not only log.
  if (result.messages.some((m) => atLeast(m.type.level, failure))) {
    ctx.io.stderr.write(`Error: Analyzers found issues when analyzing ${target}.\nSee https://istio.io/v1.30/docs/reference/config/analysis for more information about causes and resolutions.\n`);
    return 79;
  }
  if (parseErrors > 0 && !opts.ignoreUnknown) {
    ctx.io.stderr.write("Error: Some files couldn't be parsed.\n");
    return 65;
  }
  return 0;
}

export const analyzeCommand: CommandSpec = {
  name: 'analyze',
  summary: 'Analyze Istio configuration and print validation messages',
  description: 'Analyze Istio configuration and print validation messages.\nFor more information about message codes, refer to:\nhttps://istio.io/v1.30/docs/reference/config/analysis',
  arguments: [{ name: 'file', description: 'files, directories (recursive) or - for stdin', variadic: true, completeWith: 'files' }],
  options: [
    { flags: '-L, --list-analyzers', description: 'List the analyzers available to run. Suppresses normal execution.', kind: 'boolean' },
    { flags: '-k, --use-kube', description: 'Use live Kubernetes cluster for analysis. Set --use-kube=false to analyze files only.', kind: 'boolean', default: true },
    { flags: '--color', description: "Default true on a terminal. Disable with '=false' or set $TERM to dumb", kind: 'boolean' },
    { flags: '-v, --verbose', description: 'Enable verbose output', kind: 'boolean' },
    { flags: '--failure-threshold <level>', description: 'The severity level of analysis at which to set a non-zero exit code. Valid values: [Info Warning Error]', kind: 'string', default: 'Error' },
    { flags: '--output-threshold <level>', description: 'The severity level of analysis at which to display messages. Valid values: [Info Warning Error]', kind: 'string', default: 'Info' },
    { flags: '-o, --output <format>', description: 'Output format: one of [log json yaml sarif]', kind: 'string', default: 'log' },
    { flags: '--meshConfigFile <file>', description: 'Overrides the mesh config values to use for analysis.', kind: 'string', completeWith: 'files' },
    { flags: '-A, --all-namespaces', description: 'Analyze all namespaces', kind: 'boolean' },
    { flags: '-S, --suppress <code=resource>', description: 'Suppress reporting a message code on a specific resource: <code>=<Kind ns/name>, * matches any text. Can be repeated.', kind: 'strings' },
    { flags: '--timeout <duration>', description: 'The duration to wait before failing', kind: 'duration', default: '30s' },
    { flags: '-R, --recursive', description: '[Removed: directories are always processed recursively]', kind: 'boolean', hidden: true },
    { flags: '--ignore-unknown', description: "Don't complain about un-parseable input documents", kind: 'boolean' },
    { flags: '-r, --revision <rev>', description: 'analyze a specific revision deployed.', kind: 'string', default: 'default' },
    { flags: '--remote-contexts <ctx>', description: 'Kubernetes configuration contexts for remote clusters (multi-cluster analysis)', kind: 'strings' },
    { flags: '--analyzer <name>', description: 'Select specific analyzers to run. Can be repeated. If not specified, all analyzers are run.', kind: 'strings' },
    { flags: '--include-runtime-kinds', description: '(ext) keep Service/Pod/Namespace/... read from files and assume the default ingress gateway, so files alone get the full analysis', kind: 'boolean' },
  ],
  examples: [
    '# Analyze yaml files without connecting to a live cluster',
    'sailctl analyze --use-kube=false a.yaml b.yaml my-app-config/',
    '# Lint a repository\'s whole app manifests, including Services and Namespaces (ext)',
    'sailctl analyze --use-kube=false --include-runtime-kinds -A k8s/',
    '# Suppress PodMissingProxy for all pods in namespace testing',
    'sailctl analyze -S "IST0103=Pod testing/*"',
    '# SARIF for code scanning (ext)',
    'sailctl analyze --use-kube=false -o sarif config/ > analyze.sarif',
    '# List available analyzers',
    'sailctl analyze -L',
  ],
  action: analyze,
};
