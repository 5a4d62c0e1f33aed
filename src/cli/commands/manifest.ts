/**
 * `manifest generate`: flags and printing only; the work is in src/manifest (imported when the
 * command runs, so `sailctl version` stays fast).
 */
import type { CommandSpec } from '../spec.js';

interface GenerateOpts {
  filename: string[];
  set: string[];
  manifests?: string | undefined;
  charts?: string | undefined;
  revision?: string | undefined;
  output?: string | undefined;
  component: string[];
  force: boolean;
}

const generateCommand: CommandSpec = {
  name: 'generate',
  summary: 'Generates an Istio install manifest',
  description: 'The generate subcommand generates an Istio install manifest and outputs to the console by default.',
  options: [
    { flags: '-f, --filename <file>', description: 'Path to file containing IstioOperator custom resource (repeatable; later files override earlier ones; - for stdin)', kind: 'strings', default: [], completeWith: 'files' },
    { flags: '-s, --set <path=value>', description: 'Override an IstioOperator value, e.g. to choose a profile (--set profile=demo), enable or disable components (--set components.cni.enabled=true), or override Istio settings (--set meshConfig.enableTracing=true)', kind: 'strings', default: [] },
    { flags: '-d, --manifests <dir>', description: "Specify a path to a directory of charts and profiles (e.g. ~/Downloads/istio-1.30.3/manifests)", kind: 'string', completeWith: 'dirs' },
    { flags: '--charts <dir>', description: 'Deprecated, use --manifests instead', kind: 'string', hidden: true, completeWith: 'dirs' },
    { flags: '-r, --revision <rev>', description: 'Target control plane revision for the command', kind: 'string' },
    { flags: '-o, --output <file>', description: 'Write the manifest to this file (atomically) instead of stdout', kind: 'string', completeWith: 'files' },
    { flags: '--component <name>', description: '(ext) Render only this component (base, pilot, ingressGateways, egressGateways, cni, ztunnel); repeatable', kind: 'strings', default: [] },
    { flags: '--force', description: 'Proceed even with validation errors', kind: 'boolean', default: false },
  ],
  examples: [
    'sailctl manifest generate',
    'sailctl manifest generate --set profile=demo',
    'sailctl manifest generate --set meshConfig.enableTracing=true',
    'sailctl manifest generate -f my-iop.yaml -r canary -o istio.yaml',
    'sailctl manifest generate -d ~/istio-1.30.3/manifests --set profile=ambient',
    'sailctl manifest generate --set "values.sidecarInjectorWebhook.injectedAnnotations.container\\.apparmor\\.security\\.beta\\.kubernetes\\.io/istio-proxy=runtime/default"',
  ],
  async action(ctx, _args, opts: GenerateOpts) {
    const { readUserFile, writeFileAtomic } = await import('../../util/files.js');
    const { generateManifest, formatManifest } = await import('../../manifest/generate.js');
    const files = [];
    for (const name of opts.filename ?? []) {
      files.push({ name, text: await readUserFile(name.trim(), () => ctx.io.readStdin()) });
    }
    const result = await generateManifest({
      files,
      sets: opts.set ?? [],
      manifestsDir: opts.manifests ?? opts.charts,
      revision: opts.revision,
      force: opts.force,
      components: opts.component,
    });
    for (const w of result.warnings) ctx.io.stderr.write(`Warning: ${w}\n`);
    const text = await formatManifest(result.objects);
    if (opts.output) await writeFileAtomic(opts.output, text);
    else ctx.io.stdout.write(text);
    return 0;
  },
};

export const manifestCommand: CommandSpec = {
  name: 'manifest',
  summary: 'Commands related to Istio manifests',
  subcommands: [generateCommand],
};
