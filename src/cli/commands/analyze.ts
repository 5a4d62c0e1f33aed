/** `sailctl analyze`: flags and printing only; the work is in src/analyze. */
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SailError } from '../../errors.js';
import type { CommandSpec } from '../spec.js';
import type { CommandContext } from '../context.js';
import type { ResourceSource } from '../../analyze/snapshot.js';

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
  remoteContexts: string[];
  meshConfigFile?: string;
  timeout: number;
  ignoreUnknown: boolean;
  color?: boolean;
  verbose: boolean;
  recursive: boolean;
  includeRuntimeKinds: boolean;
}

/**
 * Whether anything points at a cluster: --kubeconfig, an existing KUBECONFIG file, ~/.kube/config,
 * or the in-cluster service account environment (kubectl's sources, in its order).
 */
function clusterConfigured(ctx: CommandContext): boolean {
  if (ctx.globals.kubeconfig) return true;
  const env = ctx.io.env;
  if (env['KUBECONFIG']) return env['KUBECONFIG'].split(delimiter).some((p) => p !== '' && existsSync(p));
  // node:os is fetched only here so that loading the command table does not load it.
  const home = env['HOME'] ?? process.getBuiltinModule('node:os').homedir();
  if (existsSync(join(home, '.kube', 'config'))) return true;
  return Boolean(env['KUBERNETES_SERVICE_HOST'] && env['KUBERNETES_SERVICE_PORT']);
}

interface ClusterInput {
  /** Lowest precedence first: remote clusters (the first named wins among them), then the primary. */
  sources: ResourceSource[];
  /** How many clusters were read (the primary plus --remote-contexts). */
  clusterCount: number;
  selectedNamespace: string;
  meshConfig: Record<string, unknown> | undefined;
  meshNetworks: Record<string, unknown> | undefined;
  /** "cluster <context>" for -v */
  description: string;
  /** -v lines: kinds listed, kinds not served, the ConfigMap read */
  details: string[];
}

/** Runs `work` with the --timeout deadline; on expiry the client is closed so no request lingers. */
async function withDeadline<T>(work: Promise<T>, ms: number, what: string, onExpiry: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onExpiry();
      reject(new SailError('KUBE', `timed out after ${formatMs(ms)} ${what}`, { hint: 'raise --timeout, or narrow the analysis with -n NAMESPACE or --analyzer' }));
    }, ms);
  });
  try {
    return await Promise.race([work, expiry]);
  } finally {
    clearTimeout(timer);
  }
}

function formatMs(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/**
 * Reads everything analysis needs from the live cluster, as istioctl: the selected namespace must
 * exist (else a note and exit 0), the mesh config comes from the istio ConfigMap, and the objects
 * of every kind the selected analyzers read. An unreachable cluster is an error (istioctl fails
 * too); a kind the user may not list is a warning and analysis goes on without it.
 * Each --remote-contexts context is read too, as istioctl reads a remote cluster: its runtime
 * objects tagged with the context name as cluster id, its Istio config joining the primary's.
 * Without --remote-contexts the remote clusters come from the primary's remote secrets (Secrets
 * labelled istio/multiCluster=true in the Istio namespace, one kubeconfig per data value, cluster
 * id = the current context's cluster name), as istioctl finds them; unlike istioctl, anything
 * wrong on that path (the list forbidden, a malformed or refused kubeconfig, an unreachable
 * remote server) is a warning and the analysis goes on with the clusters that could be read.
 */
async function readCluster(ctx: CommandContext, opts: AnalyzeOptions): Promise<ClusterInput | 'namespace-not-found'> {
  const kube = await import('../../kube/index.js');
  const { ClusterSource, readClusterMeshSettings, listRemoteSecretValues, MULTI_CLUSTER_SECRET_LABEL } = await import('../../analyze/cluster-source.js');
  const { StaticSource } = await import('../../analyze/snapshot.js');
  const { DEFAULT_CLUSTER } = await import('../../analyze/resource.js');
  const { selectAnalyzers } = await import('../../analyze/run.js');
  const { parseYamlDocument } = await import('../../util/yaml.js');
  const started = Date.now();
  const remoteNames = [...new Set(opts.remoteContexts)];
  if (remoteNames.includes(DEFAULT_CLUSTER)) {
    throw new SailError('USAGE', `--remote-contexts: a context named "${DEFAULT_CLUSTER}" cannot be analysed as a remote cluster: "${DEFAULT_CLUSTER}" is the id of the primary cluster`, {
      hint: 'rename the context (kubectl config rename-context default NEW) or make it the primary with --context',
    });
  }
  type Client = InstanceType<typeof kube.KubeClient>;
  type Source = InstanceType<typeof ClusterSource>;
  /** A remote cluster; `secret` is set when it came from a remote secret (then its failures are warnings). */
  interface Remote {
    id: string;
    client: Client;
    secret?: string;
  }
  const client = kube.clientFromFlags(ctx.globals, ctx.io.env);
  const clients = [client];
  const describe = (c: Client, secret?: string) => `${c.config.contextName} (${c.config.server}${secret ? `, from ${secret}` : ''})`;
  try {
    // Every context is checked before any request, as istioctl fails fast on an unknown one.
    const named: Remote[] = remoteNames.map((name) => {
      const c = kube.clientFromFlags({ ...ctx.globals, context: name }, ctx.io.env);
      clients.push(c);
      return { id: name, client: c };
    });
    const what = named.length === 0 ? `cluster ${describe(client)}` : `clusters ${[client, ...named.map((r) => r.client)].map((c) => describe(c)).join(', ')}`;
    return await withDeadline(
      (async (): Promise<ClusterInput | 'namespace-not-found'> => {
        const selectedNamespace = opts.allNamespaces ? '' : ctx.globals.namespace || client.defaultNamespace;
        if (selectedNamespace) {
          try {
            const ns = await client.get({ apiVersion: 'v1', kind: 'Namespace' }, selectedNamespace);
            if (!ns) {
              ctx.io.stderr.write(`namespace "${selectedNamespace}" not found\n`);
              return 'namespace-not-found';
            }
          } catch (e) {
            // Without permission to read namespaces the check cannot be made; the analysis still can.
            if (!(e instanceof kube.KubeApiError && e.status === 403)) throw e;
          }
        }
        const istioNamespace = ctx.globals.istioNamespace;
        const kinds = new Set<string>();
        for (const a of selectAnalyzers(opts.analyzer)) for (const k of a.inputs) kinds.add(k);
        const primary = new ClusterSource({ client, kinds, istioNamespace, revision: opts.revision, selectedNamespace, contextName: client.config.contextName });
        // The primary is read while the remote secrets are looked up.
        const primaryWork = Promise.all([
          readClusterMeshSettings(client, istioNamespace, opts.revision, (text, name) => parseYamlDocument(text, { file: name })?.data),
          primary.load(),
        ]);
        primaryWork.catch(() => undefined);
        const warnings: string[] = [];
        const details: string[] = [];
        const remotes = named.length > 0 ? named : await remotesFromSecrets(istioNamespace, warnings, details);
        const remoteSources = remotes.map(
          (r) =>
            new ClusterSource({
              client: r.client,
              kinds,
              istioNamespace,
              revision: opts.revision,
              selectedNamespace,
              contextName: r.client.config.contextName,
              label: r.secret ? `cluster ${r.id} (${r.secret})` : `cluster ${r.id}`,
              remoteCluster: r.id,
            }),
        );
        // A remote cluster from a secret gets until 80% of --timeout: one that does not answer
        // (its address is often reachable only from inside the mesh's network) is dropped with a
        // warning before the whole read times out.
        const secretDeadline = Math.max(0, opts.timeout * 0.8 - (Date.now() - started));
        const [[mesh, primaryContents], ...remoteContents] = await Promise.all([
          primaryWork,
          ...remoteSources.map(async (src, i) => {
            const r = remotes[i] as Remote;
            if (!r.secret) return src.load();
            try {
              return await withDeadline(src.load(), secretDeadline, `reading remote cluster ${r.id}`, () => r.client.close());
            } catch (e) {
              if (!(e instanceof SailError)) throw e;
              warnings.push(`remote cluster ${r.id} (${r.secret}) skipped: ${e.message}`);
              return undefined;
            }
          }),
        ]);
        const read = remoteSources.flatMap((src, i) => {
          const contents = remoteContents[i];
          return contents ? [{ src, remote: remotes[i] as Remote, contents }] : [];
        });
        const multi = read.length > 0;
        const label = (src: Source, cluster: string) => (multi ? `[cluster-${cluster}] ` : '') + src.name + ': ';
        const all = [{ src: primary, cluster: DEFAULT_CLUSTER }, ...read.map(({ src, remote }) => ({ src, cluster: remote.id }))];
        for (const w of mesh.warnings) ctx.io.stderr.write(`Warning: ${w}\n`);
        for (const w of warnings) ctx.io.stderr.write(`Warning: ${w}\n`);
        for (const { src, cluster } of all) for (const w of src.warnings) ctx.io.stderr.write(`Warning: ${multi ? label(src, cluster) : ''}${w}\n`);
        details.unshift(`Mesh config: ${mesh.configMap ? `ConfigMap ${mesh.configMap}` : 'defaults (no istio ConfigMap found)'}`);
        for (const { src, cluster } of all) {
          const prefix = multi ? label(src, cluster) : '';
          details.push(...src.listed.map((l) => `${prefix}Listed ${l.count} ${l.kind} (${l.apiVersion}) in ${l.scope}`));
          if (src.unserved.length > 0) details.push(`${prefix}Not served by the cluster (skipped): ${src.unserved.join(', ')}`);
        }
        // Loaded here so --timeout covers it; the analysis gets the objects as they were read.
        const sources: ResourceSource[] = read.map(({ src, contents }) => new StaticSource(src.name, contents.resources, true)).reverse();
        sources.push(new StaticSource(primary.name, primaryContents.resources, true));
        const description = multi ? `clusters ${[describe(client), ...read.map(({ remote }) => describe(remote.client, remote.secret))].join(', ')}` : `cluster ${describe(client)}`;
        return { sources, clusterCount: 1 + read.length, selectedNamespace, meshConfig: mesh.meshConfig, meshNetworks: mesh.meshNetworks, description, details };
      })(),
      opts.timeout,
      `reading ${what}`,
      () => clients.forEach((c) => c.close()),
    );
  } finally {
    for (const c of clients) c.close();
  }

  /**
   * istioctl's remote-cluster discovery (getClients): each data value of each remote secret is a
   * kubeconfig; its current context's cluster name is the cluster id; a value without a current
   * context is skipped. Credentials in the secrets are never printed.
   */
  async function remotesFromSecrets(istioNamespace: string, warnings: string[], details: string[]): Promise<Remote[]> {
    const where = `Secrets labelled ${MULTI_CLUSTER_SECRET_LABEL}=true in namespace ${istioNamespace}`;
    let values: Awaited<ReturnType<typeof listRemoteSecretValues>>;
    try {
      values = await listRemoteSecretValues(client, istioNamespace);
    } catch (e) {
      // A real API server lists an absent namespace as empty; some servers answer 404.
      if (e instanceof kube.KubeApiError && e.status === 404) return [];
      // Reading secrets is a permission many users of analyze do not have: the primary alone is still worth analysing.
      if (!(e instanceof kube.KubeApiError && e.status === 403)) throw e;
      warnings.push(`remote clusters not analysed: cannot list the ${where} (name remote clusters with --remote-contexts): ${e.message}`);
      return [];
    }
    details.push(`Remote secrets: ${values.length} kubeconfig${values.length === 1 ? '' : 's'} in the ${where}`);
    const remotes: Remote[] = [];
    for (const v of values) {
      let found: ReturnType<typeof kube.clientFromKubeconfigText>;
      try {
        found = kube.clientFromKubeconfigText(v.text, v.origin, { timeoutMs: ctx.globals.kubeclientTimeoutMs, env: ctx.io.env });
      } catch (e) {
        if (!(e instanceof SailError)) throw e;
        // The message names the secret and key (config.ts), never the kubeconfig's values.
        warnings.push(`remote cluster skipped: ${e.message}`);
        continue;
      }
      if (!found) {
        details.push(`Skipped ${v.origin}: no current context`);
        continue;
      }
      clients.push(found.client);
      const id = found.clusterName;
      if (id === DEFAULT_CLUSTER) {
        warnings.push(`remote cluster skipped: ${v.origin} names its cluster "${DEFAULT_CLUSTER}", the id of the primary cluster`);
        continue;
      }
      const earlier = remotes.find((r) => r.id === id);
      if (earlier) {
        warnings.push(`remote cluster skipped: ${v.origin} names cluster "${id}", already read from ${earlier.secret}`);
        continue;
      }
      remotes.push({ id, client: found.client, secret: v.origin });
    }
    return remotes;
  }
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
  let selected = opts.allNamespaces ? '' : ctx.globals.namespace || 'default';
  let cluster: ClusterInput | undefined;
  if (useKube && !clusterConfigured(ctx)) {
    // Nothing points at a cluster: with files, analyse them (saying so); without, fail clearly.
    if (files.length === 0) {
      throw new SailError('KUBE', 'cannot analyze the live cluster: no kubeconfig found', {
        hint: 'pass --kubeconfig or set KUBECONFIG, or analyze files: sailctl analyze --use-kube=false my-config/',
      });
    }
    ctx.io.stderr.write('Note: not using a live cluster (no kubeconfig found); analyzing files only, as with --use-kube=false.\n');
    useKube = false;
  }
  if (useKube) {
    const read = await readCluster(ctx, opts);
    if (read === 'namespace-not-found') return 0;
    cluster = read;
    selected = read.selectedNamespace;
  }

  let meshConfig: Record<string, unknown> | undefined = cluster?.meshConfig;
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
    // Lowest precedence first: file objects overlay the cluster's.
    sources: cluster ? [...cluster.sources, new FileSource(files)] : [new FileSource(files)],
    namespace: selected,
    istioNamespace: ctx.globals.istioNamespace,
    analyzerNames: opts.analyzer,
    suppressions,
    includeRuntimeKinds: opts.includeRuntimeKinds,
    meshConfig,
    ...(cluster?.meshNetworks ? { meshNetworks: cluster.meshNetworks } : {}),
  });

  for (const p of result.problems) {
    ctx.io.stderr.write(`Error adding file ${p.line > 0 ? `${p.file}:${p.line}` : p.file}: ${p.message}\n`);
  }
  const target = opts.allNamespaces ? 'all namespaces' : `namespace: ${selected}`;
  if (opts.verbose) {
    const from = cluster ? ` (${cluster.description}${files.length > 0 ? ' and files' : ''})` : ' (files only)';
    ctx.io.stderr.write(`Analyzed ${result.resourceCount} resources in ${target}${from}\n`);
    for (const line of cluster?.details ?? []) ctx.io.stderr.write(line + '\n');
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
  // istioctl names each message's cluster whenever more than one cluster was read.
  const printCluster = (cluster?.clusterCount ?? 1) > 1;
  const text = formatMessages(shown, format as 'log', color && !ctx.io.env['NO_COLOR'], { name: 'sailctl', version: SAILCTL_VERSION }, { printCluster });
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
    { flags: '--remote-contexts <ctx>', description: 'Extra kubeconfig contexts, one per remote cluster, whose objects join the analysis (multi-cluster checks such as IST0170); unlike --context this adds clusters. Can be repeated. If unspecified, remote clusters are read from the remote secrets in the cluster (istio/multiCluster=true).', kind: 'strings' },
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
