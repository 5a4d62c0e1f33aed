/** `x precheck`: can Istio be installed or upgraded in this cluster (istioctl x precheck). */
import type { CommandSpec } from '../spec.js';
import { SailError } from '../../errors.js';

interface PrecheckOptions {
  revision: string | undefined;
  output: 'log' | 'json' | 'yaml';
  outputThreshold: 'Info' | 'Warning' | 'Error';
  skipControlplane: boolean;
}

const RANK = { Error: 0, Warning: 1, Info: 2 } as const;

export const precheckCommand: CommandSpec = {
  name: 'precheck',
  summary: 'Check whether Istio can safely be installed or upgraded',
  description: 'precheck inspects a Kubernetes cluster for Istio install and upgrade requirements.',
  options: [
    { flags: '-r, --revision <rev>', description: 'Control plane revision to check for an existing installation', kind: 'string' },
    { flags: '-o, --output <format>', description: 'Output format: one of log, json, yaml', kind: 'string', choices: ['log', 'json', 'yaml'], default: 'log' },
    {
      flags: '--output-threshold <level>',
      description: 'The severity level of precheck at which to display messages. Valid values: Info, Warning, Error',
      kind: 'string',
      choices: ['Info', 'Warning', 'Error'],
      default: 'Warning',
    },
    { flags: '--skip-controlplane', description: 'skip checking the control plane', kind: 'boolean', default: false },
  ],
  examples: ['sailctl x precheck', 'sailctl x precheck -r canary -o json'],
  async action(ctx, _args, opts: PrecheckOptions) {
    if (opts.revision !== undefined) {
      const { checkRevision } = await import('../../namespace/status.js');
      checkRevision(opts.revision);
    }
    const kube = await import('../../kube/index.js');
    const { io } = ctx;
    if (opts.skipControlplane) {
      io.stderr.write('✔ No issues found when checking the cluster. Istio is safe to install or upgrade!\n  To get started, check out https://istio.io/latest/docs/setup/getting-started/.\n');
      return 0;
    }
    const client = kube.clientFromFlags(ctx.globals, io.env);
    let result;
    try {
      result = await kube.runPrecheck(client, ctx.globals.istioNamespace);
    } finally {
      client.close();
    }
    // The installation found is context for the reader, not a finding: stderr, like progress.
    const planes = result.controlPlanes;
    if (planes.length > 0) {
      const list = planes.map((p) => `${p.revision} (${p.version}, ${p.namespace})`).join(', ');
      io.stderr.write(`Istio is already installed: revision${planes.length > 1 ? 's' : ''} ${list}\n`);
      if (opts.revision !== undefined) {
        const same = planes.find((p) => p.revision === opts.revision);
        io.stderr.write(
          same
            ? `Revision "${opts.revision}" exists (${same.version}); installing it again upgrades it in place.\n`
            : `Revision "${opts.revision}" is not installed; it can be installed beside the existing revision${planes.length > 1 ? 's' : ''} (canary upgrade).\n`,
        );
      }
    }
    const shown = result.messages.filter((m) => RANK[m.level] <= RANK[opts.outputThreshold]);
    if (shown.length === 0) {
      io.stderr.write('✔ No issues found when checking the cluster. Istio is safe to install or upgrade!\n  To get started, check out https://istio.io/latest/docs/setup/getting-started/.\n');
    } else if (opts.output === 'json') {
      io.stdout.write(kube.formatPrecheckJson(shown) + '\n');
    } else if (opts.output === 'yaml') {
      const { stringifyYaml } = await import('../../util/yaml.js');
      io.stdout.write(stringifyYaml(kube.precheckRecords(shown), { lineWidth: 0 }));
    } else {
      io.stdout.write(kube.formatPrecheckLog(shown, io.color) + '\n');
    }
    if (result.messages.some((m) => m.level !== 'Info')) {
      throw new SailError('KUBE', 'Issues found when checking the cluster. Istio may not be safe to install or upgrade.', {
        hint: 'See https://istio.io/v1.30/docs/reference/config/analysis for more information about causes and resolutions.',
      });
    }
    return 0;
  },
};
