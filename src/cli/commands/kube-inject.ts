/**
 * `kube-inject`: flags, configuration sources and printing; the injection is src/inject
 * (imported when the command runs). Output is collected and written only when every document
 * succeeded, so a failure never leaves half a stream on stdout or in -o FILE.
 */
import type { CommandSpec } from '../spec.js';
import type { CommandContext } from '../context.js';
import type { InjectConfigSources } from '../../inject/config.js';

/** The flags: where the injection configuration comes from (as the config loader takes it), and the rest. */
interface KubeInjectOpts extends Pick<InjectConfigSources, 'injectConfigFile' | 'meshConfigFile' | 'valuesFile' | 'operatorFileName' | 'meshConfigMapName' | 'injectConfigMapName'> {
  filename?: string | undefined;
  output?: string | undefined;
  webhookConfig: string;
  revision?: string | undefined;
  set: string[];
  manifests?: string | undefined;
  profile?: string | undefined;
}

export const kubeInjectCommand: CommandSpec = {
  name: 'kube-inject',
  summary: 'Inject Istio sidecar into Kubernetes pod resources',
  description:
    'kube-inject manually injects the Istio sidecar into Kubernetes workloads. Unsupported resources are left ' +
    'unmodified, so it is safe to run it over a file holding Services, ConfigMaps and Deployments together. ' +
    'The injection configuration comes from the given files, else from the cluster\'s ConfigMaps, else (sailctl) ' +
    'from the built-in charts and profile, so it also works with no cluster at all.',
  options: [
    { flags: '-f, --filename <file>', description: 'Input Kubernetes resource filename (- for stdin)', kind: 'string', completeWith: 'files' },
    { flags: '-o, --output <file>', description: 'Modified output Kubernetes resource filename (written atomically)', kind: 'string', completeWith: 'files' },
    { flags: '--injectConfigFile <file>', description: 'Injection configuration filename. Cannot be used with --injectConfigMapName', kind: 'string', completeWith: 'files' },
    { flags: '--meshConfigFile <file>', description: 'Mesh configuration filename. Takes precedence over --meshConfigMapName if set', kind: 'string', completeWith: 'files' },
    { flags: '--valuesFile <file>', description: 'Injection values configuration filename.', kind: 'string', completeWith: 'files' },
    {
      flags: '--operatorFileName <file>',
      description: 'Path to file containing IstioOperator custom resources. If configs from files like meshConfigFile, valuesFile are provided, they will be overridden by iop config values.',
      kind: 'string',
      completeWith: 'files',
    },
    { flags: '--meshConfigMapName <name>', description: 'ConfigMap name for Istio mesh configuration, key should be "mesh"', kind: 'string', default: 'istio' },
    { flags: '--injectConfigMapName <name>', description: 'ConfigMap name for Istio sidecar injection, key should be "config".', kind: 'string', default: 'istio-sidecar-injector', hidden: true },
    { flags: '--webhookConfig <name>', description: 'MutatingWebhookConfiguration name for Istio', kind: 'string', default: 'istio-sidecar-injector' },
    { flags: '-r, --revision <rev>', description: 'Control plane revision', kind: 'string' },
    { flags: '--set <path=value>', description: '(ext) Offline configuration: override an IstioOperator value of the built-in install', kind: 'strings', default: [] },
    { flags: '-d, --manifests <dir>', description: '(ext) Offline configuration: render the charts and profiles of this manifests directory', kind: 'string', completeWith: 'dirs' },
    { flags: '--profile <name>', description: '(ext) Offline configuration: the installation profile', kind: 'string', completeWith: 'profiles' },
  ],
  examples: [
    'sailctl kube-inject -f deployment.yaml | kubectl apply -f -',
    'sailctl kube-inject -f deployment.yaml -o deployment-injected.yaml',
    'kubectl get deployment -o yaml | sailctl kube-inject -f - | kubectl apply -f -',
    'sailctl kube-inject -f app.yaml --injectConfigFile inject-config.yaml --meshConfigFile mesh.yaml --valuesFile values.json',
    'sailctl kube-inject -f app.yaml --set profile=demo -r canary',
  ],
  action: runKubeInject,
};

async function runKubeInject(ctx: CommandContext, _args: string[], opts: KubeInjectOpts): Promise<number> {
  const { SailError } = await import('../../errors.js');
  if (!opts.filename) throw new SailError('USAGE', 'filename not specified (see --filename or -f)', { file: '--filename' });
  const { readUserFile, writeFileAtomic } = await import('../../util/files.js');
  const { prepareInjector, injectStream, injectorSpec, nativeSidecarMode, nodesSupportNativeSidecars, namespaceIdAnnotations } = await import('../../inject/index.js');
  const { injectStreamParallel, defaultWorkerCount, workersAvailable } = await import('../../inject/parallel.js');
  const { fileChunks } = await import('../../inject/stream.js');
  const { stat } = await import('node:fs/promises');
  const { isAbsolute, resolve } = await import('node:path');

  const revision = opts.revision === 'default' ? '' : (opts.revision ?? '');
  const env = ctx.io.env;
  const path = (p: string): string => (isAbsolute(p) ? p : resolve(ctx.io.cwd, p));
  const readFile = (p: string): Promise<string> => readUserFile(path(p), () => ctx.io.readStdin());

  const filesCoverAll = Boolean(opts.injectConfigFile && (opts.meshConfigFile || opts.operatorFileName) && (opts.valuesFile || opts.operatorFileName));
  const cluster = filesCoverAll ? undefined : await connectCluster(ctx);
  const mode = nativeSidecarMode(env);
  let nativeSidecars = mode === 'enabled';
  if (mode === 'auto' && cluster) nativeSidecars = nodesSupportNativeSidecars(await cluster.kubeletVersions());

  // With the cluster's templates sailctl stands in for istiod's webhook, which on OpenShift takes
  // the proxy's UID/GID from the namespace; istioctl's local injection (files) never reads namespaces.
  const clusterNamespaces =
    cluster && !opts.injectConfigFile
      ? async () => {
          try {
            return namespaceIdAnnotations(await cluster.namespaces());
          } catch (e) {
            ctx.io.stderr.write(`warning: could not list namespaces for their OpenShift UID ranges (${(e as Error).message}); the proxy runs as 1337\n`);
            return new Map();
          }
        }
      : undefined;

  const injector = await prepareInjector({
    env,
    revision,
    nativeSidecars,
    clusterNamespaces,
    sources: {
      injectConfigFile: opts.injectConfigFile,
      meshConfigFile: opts.meshConfigFile,
      valuesFile: opts.valuesFile,
      operatorFileName: opts.operatorFileName,
      meshConfigMapName: opts.meshConfigMapName ?? 'istio',
      injectConfigMapName: opts.injectConfigMapName ?? 'istio-sidecar-injector',
      revision,
      istioNamespace: ctx.globals.istioNamespace,
      readFile,
      cluster,
      offline: () => renderOffline(opts, revision),
    },
  });

  const outputs: string[] = [];
  const report: string[] = [];
  try {
    // the stream is cut into documents from chunks of any size: stdin is one chunk
    let input: Iterable<string> | AsyncIterable<string>;
    let size: number;
    if (opts.filename === '-') {
      const text = await ctx.io.readStdin();
      input = [text];
      size = text.length;
    } else {
      size = (await stat(path(opts.filename))).size;
      input = fileChunks(path(opts.filename));
    }
    const streamOpts = { file: opts.filename, write: (c: string) => outputs.push(c), report: (l: string) => report.push(l) };
    const workers = workersAvailable() ? defaultWorkerCount(env) : 0;
    if (workers > 0) await injectStreamParallel(input, injector, injectorSpec(injector, env), streamOpts, workers, size);
    else await injectStream(input, injector, streamOpts);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SailError('FILE_NOT_FOUND', 'no such file or directory', { file: opts.filename });
    if (code === 'EISDIR') throw new SailError('FILE_READ', 'is a directory, expected a file', { file: opts.filename });
    throw e;
  }
  const text = outputs.join('');
  if (opts.output) await writeFileAtomic(path(opts.output), text);
  else ctx.io.stdout.write(text);
  if (report.length > 0) ctx.io.stderr.write(`${report.join('\n')}\n`);
  return 0;
}

interface ClusterSource {
  getConfigMap(namespace: string, name: string): Promise<{ data?: Record<string, string> } | undefined>;
  kubeletVersions(): Promise<string[]>;
  namespaces(): Promise<Array<{ name: string; annotations?: Record<string, string> }>>;
}

/** The cluster, if a kubeconfig names one that answers; undefined means work offline. */
async function connectCluster(ctx: CommandContext): Promise<ClusterSource | undefined> {
  const env = ctx.io.env;
  if (!ctx.globals.kubeconfig && !env['KUBECONFIG'] && !env['HOME']) return undefined;
  const { clientFromFlags, KubeApiError } = await import('../../kube/index.js');
  let client;
  try {
    client = clientFromFlags(ctx.globals, env);
  } catch {
    return undefined; // no usable kubeconfig: offline
  }
  try {
    await client.get({ apiVersion: 'v1', kind: 'Namespace' }, ctx.globals.istioNamespace);
  } catch (e) {
    if (!(e instanceof KubeApiError)) {
      client.close();
      return undefined; // unreachable: offline
    }
  }
  return {
    async getConfigMap(namespace, name) {
      const cm = await client.get({ apiVersion: 'v1', kind: 'ConfigMap' }, name, namespace);
      return cm ? { data: (cm as unknown as { data?: Record<string, string> }).data ?? {} } : undefined;
    },
    async kubeletVersions() {
      const nodes = await client.list({ apiVersion: 'v1', kind: 'Node' });
      return nodes.map((n) => String((n as unknown as { status?: { nodeInfo?: { kubeletVersion?: string } } }).status?.nodeInfo?.kubeletVersion ?? ''));
    },
    async namespaces() {
      const list = await client.list({ apiVersion: 'v1', kind: 'Namespace' });
      return list.map((n) => {
        const meta = (n as unknown as { metadata?: { name?: string; annotations?: Record<string, string> } }).metadata;
        return { name: meta?.name ?? '', annotations: meta?.annotations };
      });
    },
  };
}

/** sailctl's offline configuration: the injector and mesh ConfigMaps of the rendered install. */
async function renderOffline(opts: KubeInjectOpts, revision: string): Promise<{ config: string; values: string; mesh: string; source: string }> {
  const { SailError } = await import('../../errors.js');
  const { generateManifest } = await import('../../manifest/generate.js');
  const result = await generateManifest({ sets: opts.set ?? [], manifestsDir: opts.manifests, revision: revision || undefined, profile: opts.profile, components: ['pilot'] });
  const suffix = revision ? `-${revision}` : '';
  const find = (name: string): Record<string, string> | undefined => {
    const o = result.objects.find((x) => x['kind'] === 'ConfigMap' && (x['metadata'] as { name?: string } | undefined)?.name === name);
    return o ? ((o['data'] as Record<string, string> | undefined) ?? {}) : undefined;
  };
  const injector = find(`istio-sidecar-injector${suffix}`);
  const mesh = find(`istio${suffix}`);
  const source = `${opts.manifests ? opts.manifests : 'built-in charts'}${opts.profile ? `, profile ${opts.profile}` : ''}`;
  if (!injector || injector['config'] === undefined) throw new SailError('INVALID', `the rendered install has no istio-sidecar-injector${suffix} ConfigMap with key "config"`, { file: source });
  if (!mesh || mesh['mesh'] === undefined) throw new SailError('INVALID', `the rendered install has no istio${suffix} ConfigMap with key "mesh"`, { file: source });
  return { config: injector['config'] as string, values: injector['values'] ?? '', mesh: mesh['mesh'] as string, source };
}
