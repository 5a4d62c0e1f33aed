import type { CommandSpec } from '../spec.js';
import { ISTIO_HUB, ISTIO_VERSION, SAILCTL_VERSION } from '../../version.js';
import { SailError } from '../../errors.js';

interface VersionOptions {
  remote: boolean;
  output: string | undefined;
}

export const versionCommand: CommandSpec = {
  name: 'version',
  summary: 'Prints out build version information',
  options: [
    { flags: '--remote', description: 'Use --remote=false to suppress control plane check', kind: 'boolean', default: true },
    { flags: '-o, --output <format>', description: 'One of yaml|json|short', kind: 'string', choices: ['yaml', 'json', 'short'] },
    { flags: '-s, --short', description: 'Use --short=false to generate full version information', kind: 'boolean', hidden: true },
  ],
  examples: ['sailctl version --remote=false', 'sailctl version -o json'],
  async action(ctx, _args, opts: VersionOptions) {
    const info = {
      clientVersion: {
        version: ISTIO_VERSION,
        revision: `sailctl-${SAILCTL_VERSION}`,
        status: 'Clean',
        tag: ISTIO_VERSION,
        hub: ISTIO_HUB,
        sailctlVersion: SAILCTL_VERSION,
      },
    };
    const { io } = ctx;
    switch (opts.output) {
      case 'short':
        io.stdout.write(`${ISTIO_VERSION}\n`);
        break;
      case 'json':
        io.stdout.write(JSON.stringify(info, null, 2) + '\n');
        break;
      case 'yaml': {
        const { stringifyYaml } = await import('../../util/yaml.js');
        io.stdout.write(stringifyYaml(info));
        break;
      }
      default:
        io.stdout.write(`client version: ${ISTIO_VERSION}\nsailctl version: ${SAILCTL_VERSION}\n`);
    }
    if (opts.remote) {
      const { controlPlaneVersions } = await import('../remote-version.js');
      try {
        const lines = await controlPlaneVersions(ctx);
        if (opts.output === undefined) for (const l of lines) io.stdout.write(l + '\n');
      } catch (e) {
        if (e instanceof SailError) io.stderr.write(`control plane version: unavailable: ${e.message}\n`);
        else throw e;
      }
    }
    return 0;
  },
};
