/** `verify-install` (istioctl 1.23 behaviour, removed upstream in 1.24): checks the rendered installation against the cluster. */
import type { CommandSpec } from '../spec.js';
import { SailError } from '../../errors.js';
import { checkRevisionFlag } from './install.js';

interface VerifyFlags {
  filename: string[];
  set: string[];
  revision?: string | undefined;
  manifests?: string | undefined;
}

export const verifyInstallCommand: CommandSpec = {
  name: 'verify-install',
  summary: 'Verifies Istio Installation Status',
  description:
    'verify-install verifies Istio installation status against the installation file you specified when you installed Istio. ' +
    'It checks that every object exists and Deployments, DaemonSets and Jobs are healthy, and shows (ext) rendered fields whose live value drifted.',
  options: [
    { flags: '-f, --filename <file>', description: 'Istio YAML installation file (IstioOperator); repeatable', kind: 'strings', default: [], completeWith: 'files' },
    { flags: '-s, --set <path=value>', description: '(ext) Override an IstioOperator value, as given to install', kind: 'strings', default: [] },
    { flags: '-r, --revision <rev>', description: 'Control plane revision', kind: 'string' },
    { flags: '-d, --manifests <dir>', description: 'Specify a path to a directory of charts and profiles', kind: 'string', completeWith: 'dirs' },
  ],
  examples: ['sailctl verify-install', 'sailctl verify-install -f istio-demo-operator.yaml', 'sailctl verify-install -r canary'],
  async action(ctx, _args, opts: VerifyFlags) {
    checkRevisionFlag(opts.revision);
    const { readUserFile } = await import('../../util/files.js');
    const { renderInstall } = await import('../../install/render.js');
    const files = [];
    for (const name of opts.filename ?? []) files.push({ name, text: await readUserFile(name.trim(), () => ctx.io.readStdin()) });
    const render = await renderInstall({ files, sets: opts.set ?? [], manifestsDir: opts.manifests, revision: opts.revision });
    const source = files.length > 0 ? files.map((f) => f.name).join(',') : 'default';
    const kube = await import('../../kube/index.js');
    const { expectedObjects, verifyObjects, formatVerify } = await import('../../install/verify.js');
    const client = kube.clientFromFlags(ctx.globals, ctx.io.env);
    try {
      const summary = await verifyObjects(client, await expectedObjects(client, render));
      const { text, failed } = formatVerify(summary, { success: '✔', failure: '✘' });
      ctx.io.stdout.write(text);
      const foundDeployments = summary.results.filter((r) => r.object.kind === 'Deployment' && !(r.problem ?? '').includes('not found')).length;
      if (foundDeployments === 0) {
        ctx.io.stdout.write('! No Istio installation found\n');
        throw new SailError('KUBE', 'no Istio installation found', { hint: 'install it with: sailctl install' });
      }
      if (failed > 0) {
        throw new SailError('INVALID', `Istio installation failed, incomplete or does not match "${source}": ${failed} of ${summary.results.length} object(s) failed the check`);
      }
      ctx.io.stdout.write('✔ Istio is installed and verified successfully\n');
      return 0;
    } finally {
      client.close();
    }
  },
};
