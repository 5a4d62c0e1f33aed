/**
 * `profile list|dump|diff` (removed from istioctl in 1.24; sailctl keeps the 1.23 behaviour).
 * Flag parsing and printing only: the work is in src/operator, imported when a command runs.
 */
import type { CommandSpec, OptionSpec } from '../spec.js';
import { SailError, usageError } from '../../errors.js';
import type { CommandContext } from '../context.js';
// Light (fs and path only), and this module is itself loaded only for `profile`.
import { listProfiles } from '../../operator/profiles.js';

const MANIFESTS_OPTION: OptionSpec = {
  flags: '-d, --manifests <dir>',
  description: "Specify a path to a directory of charts and profiles (e.g. ~/Downloads/istio-1.30.3/manifests)",
  kind: 'string',
  completeWith: 'dirs',
};

const CHARTS_OPTION: OptionSpec = {
  flags: '--charts <dir>',
  description: 'Deprecated, use --manifests instead',
  kind: 'string',
  hidden: true,
  completeWith: 'dirs',
};

interface ManifestsOpts {
  manifests?: string | undefined;
  charts?: string | undefined;
}

function manifestsDir(opts: ManifestsOpts): string | undefined {
  return opts.manifests ?? opts.charts;
}

function printWarnings(ctx: CommandContext, warnings: readonly string[]): void {
  for (const w of warnings) ctx.io.stderr.write(`Warning: ${w}\n`);
}

const listCommand: CommandSpec = {
  name: 'list',
  summary: 'Lists available Istio configuration profiles',
  options: [MANIFESTS_OPTION, CHARTS_OPTION],
  examples: ['sailctl profile list', 'sailctl profile list -d ~/istio-1.30.3/manifests'],
  async action(ctx, _args, opts: ManifestsOpts) {
    const profiles = listProfiles(manifestsDir(opts));
    if (profiles.length === 0) {
      ctx.io.stdout.write('No profiles available.\n');
      return 0;
    }
    ctx.io.stdout.write('Istio configuration profiles:\n' + profiles.map((p) => `    ${p}\n`).join(''));
    return 0;
  },
};

interface DumpOpts extends ManifestsOpts {
  filename: string[];
  set: string[];
  force: boolean;
  configPath?: string | undefined;
  output: string;
}

const dumpCommand: CommandSpec = {
  name: 'dump',
  summary: 'Dumps an Istio configuration profile',
  description: 'The dump subcommand dumps the values in an Istio configuration profile.',
  arguments: [{ name: 'profile', description: 'profile name (default: default)', completeWith: 'profiles' }],
  options: [
    {
      flags: '-f, --filename <file>',
      description: 'Path to file containing IstioOperator custom resource; repeat to overlay files left to right ("-" = stdin)',
      kind: 'strings',
      completeWith: 'files',
    },
    {
      flags: '-s, --set <path=value>',
      description: 'Override an IstioOperator value, e.g. to choose a profile (--set profile=demo); repeatable (ext)',
      kind: 'strings',
    },
    {
      flags: '-p, --config-path <path>',
      description: 'The path the root of the configuration subtree to dump e.g. components.pilot. By default, dump whole tree',
      kind: 'string',
    },
    {
      flags: '-o, --output <format>',
      description: 'Output format: one of json|yaml|flags',
      kind: 'string',
      default: 'yaml',
      choices: ['json', 'yaml', 'flags'],
    },
    MANIFESTS_OPTION,
    CHARTS_OPTION,
    {
      flags: '--force',
      description: 'Proceed even with validation errors; they are printed as warnings on stderr (ext)',
      kind: 'boolean',
    },
  ],
  examples: [
    'sailctl profile dump demo',
    'sailctl profile dump -f my-iop.yaml --set values.global.logging.level=debug',
    'sailctl profile dump demo --config-path components.ingressGateways -o flags',
  ],
  async action(ctx, args, opts: DumpOpts) {
    if (args.length > 0 && opts.filename.length > 0) {
      throw usageError('cannot specify both profile name and filename flag');
    }
    const [{ resolveIstioOperator }, { renderDump }, { readUserFile }] = await Promise.all([
      import('../../operator/resolve.js'),
      import('../../operator/dump.js'),
      import('../../util/files.js'),
    ]);
    const files = [];
    for (const name of opts.filename) files.push({ name, text: await readUserFile(name, ctx.io.readStdin) });
    const resolved = await resolveIstioOperator({
      files,
      sets: opts.set,
      profile: args[0],
      manifestsDir: manifestsDir(opts),
      force: opts.force,
    });
    printWarnings(ctx, resolved.warnings);
    ctx.io.stdout.write(renderDump(resolved.iop, opts.output as 'yaml' | 'json' | 'flags', opts.configPath));
    return 0;
  },
};

const diffCommand: CommandSpec = {
  name: 'diff',
  summary: 'Diffs two Istio configuration profiles',
  description: 'The diff subcommand displays the differences between two Istio configuration profiles.',
  arguments: [
    { name: 'profile-a', description: 'profile name or file', required: true, completeWith: 'profiles' },
    { name: 'profile-b', description: 'profile name or file', required: true, completeWith: 'profiles' },
  ],
  options: [MANIFESTS_OPTION, CHARTS_OPTION],
  examples: ['sailctl profile diff default demo', 'sailctl profile diff profiles/default.yaml my-profile.yaml'],
  async action(ctx, args, opts: ManifestsOpts) {
    const [a, b] = args as [string, string];
    const [{ resolveIstioOperator }, { iopYaml, lineDiff }] = await Promise.all([
      import('../../operator/resolve.js'),
      import('../../operator/dump.js'),
    ]);
    const render = async (profile: string): Promise<string> => {
      try {
        const r = await resolveIstioOperator({ profile, recordProfile: false, manifestsDir: manifestsDir(opts) });
        printWarnings(ctx, r.warnings);
        return iopYaml(r.iop);
      } catch (e) {
        if (e instanceof SailError) {
          throw new SailError(e.code, `could not read "${profile}": ${e.message}`, {
            file: e.file,
            line: e.line,
            hint: e.hint,
            exitCode: e.exitCode,
          });
        }
        throw e;
      }
    };
    const diff = lineDiff(await render(a), await render(b));
    if (diff === '') {
      ctx.io.stdout.write('Profiles are identical\n');
      return 0;
    }
    ctx.io.stdout.write(`The difference between profiles:\n${diff}\n`);
    return 1;
  },
};

export const profileCommand: CommandSpec = {
  name: 'profile',
  summary: 'Commands related to Istio configuration profiles',
  description: 'The profile command lists, dumps or diffs Istio configuration profiles.',
  examples: ['sailctl profile list', 'sailctl install --set profile=demo  # Use a profile from the list'],
  subcommands: [listCommand, dumpCommand, diffCommand],
};
