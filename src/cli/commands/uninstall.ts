/** `uninstall`: flags, warnings, prompt and printing; the selection and deletion live in src/install/uninstall.ts. */
import type { CommandSpec } from '../spec.js';
import { SailError } from '../../errors.js';
import { checkRevisionFlag } from './install.js';

interface UninstallFlags {
  revision?: string | undefined;
  purge: boolean;
  filename?: string | undefined;
  set: string[];
  manifests?: string | undefined;
  skipConfirmation: boolean;
  dryRun: boolean;
  force: boolean;
  verbose: boolean;
}

/** How long uninstall waits for deleted objects to disappear (finalizers, foreground deletion). */
const GONE_TIMEOUT_MS = 2 * 60 * 1000;

function revisionFromSets(sets: readonly string[]): string | undefined {
  for (const s of [...sets].reverse()) {
    const m = /^\s*(?:spec\.values\.|values\.)?revision=(.*)$/.exec(s);
    if (m) return m[1]!.trim();
  }
  return undefined;
}

export const uninstallCommand: CommandSpec = {
  name: 'uninstall',
  summary: 'Uninstall Istio from a cluster',
  description: 'The uninstall command uninstalls Istio from a cluster',
  options: [
    { flags: '-r, --revision <rev>', description: 'Target control plane revision for the command', kind: 'string' },
    { flags: '--purge', description: 'Delete all Istio related sources for all versions (CRDs included: this deletes all Istio configuration)', kind: 'boolean', default: false },
    { flags: '-f, --filename <file>', description: 'The filename of the IstioOperator CR', kind: 'string', completeWith: 'files' },
    { flags: '-s, --set <path=value>', description: 'Override an IstioOperator value (e.g. --set revision=canary)', kind: 'strings', default: [] },
    { flags: '-d, --manifests <dir>', description: 'Specify a path to a directory of charts and profiles', kind: 'string', completeWith: 'dirs' },
    { flags: '-y, --skip-confirmation', description: 'The skipConfirmation determines whether the user is prompted for confirmation', kind: 'boolean', default: false },
    { flags: '--dry-run', description: 'Console/log output only, make no changes', kind: 'boolean', default: false },
    { flags: '--force', description: 'Proceed even with validation errors', kind: 'boolean', default: false },
    { flags: '-v, --verbose', description: 'Verbose output', kind: 'boolean', default: false },
  ],
  examples: ['sailctl uninstall --revision foo', 'sailctl uninstall -f iop.yaml', 'sailctl uninstall --purge'],
  async action(ctx, args, opts: UninstallFlags) {
    if (args.length > 0) throw new SailError('USAGE', 'sailctl uninstall does not take arguments');
    const revision = opts.revision ?? revisionFromSets(opts.set ?? []);
    if (!revision && !opts.filename && !opts.purge) {
      throw new SailError('USAGE', 'at least one of the --revision (or --set revision=<revision>), --filename or --purge flags must be set');
    }
    checkRevisionFlag(revision);
    const out = ctx.io.stdout;
    const err = ctx.io.stderr;
    let owningResource: string | undefined;
    let owningResourceNamespace: string | undefined;
    if (opts.filename) {
      const { readUserFile } = await import('../../util/files.js');
      const { parseYamlDocuments } = await import('../../util/yaml.js');
      const text = await readUserFile(opts.filename, () => ctx.io.readStdin());
      const doc = parseYamlDocuments(text, { file: opts.filename })[0];
      const md = (doc?.data as { metadata?: { name?: unknown; namespace?: unknown } } | undefined)?.metadata;
      if (!doc || (doc.data as { kind?: unknown } | null)?.kind !== 'IstioOperator') {
        throw new SailError('INVALID', 'not an IstioOperator resource', { file: opts.filename, line: doc?.line ?? 1 });
      }
      owningResource = typeof md?.name === 'string' && md.name !== '' ? md.name : undefined;
      owningResourceNamespace = typeof md?.namespace === 'string' && md.namespace !== '' ? md.namespace : undefined;
    }

    const kube = await import('../../kube/index.js');
    const un = await import('../../install/uninstall.js');
    const client = kube.clientFromFlags(ctx.globals, ctx.io.env);
    try {
      if (revision) {
        const planes = await kube.findControlPlanes(client, undefined);
        const owned = await client.listByLabel([{ apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration' }], `istio.io/rev=${revision}`);
        if (!planes.some((p) => p.revision === revision) && owned.length === 0) {
          throw new SailError('KUBE', `could not find target revision "${revision}"`, { file: '--revision', hint: 'list the installed revisions with: sailctl x precheck' });
        }
      }
      if (opts.purge && (revision || opts.filename)) err.write(`${un.PURGE_IGNORES_SELECTION_WARNING}\n`);
      const objects = await un.findUninstallObjects(client, { purge: opts.purge, revision, owningResource, owningResourceNamespace });

      let message = '';
      let needConfirmation = false;
      if (opts.purge) {
        needConfirmation = true;
        message += `${un.ALL_RESOURCES_REMOVED_WARNING}\n${un.PURGE_CONFIG_WARNING}\n`;
      } else {
        if (objects.length === 0) {
          err.write(`${un.NO_RESOURCES_WARNING}\n`);
          return 0;
        }
        if (opts.verbose) message += `The following resources will be pruned from the cluster: ${objects.map((o) => `${o.kind}/${o.metadata.name}`).join(', ')}\n`;
        if (revision) {
          // Proxies of the revision lose their control plane: istioctl lists them and asks.
          const proxies = await un.proxiesOfRevision(client, revision).then(
            (ids) => ({ ids, failed: false }),
            () => ({ ids: [] as string[], failed: true }),
          );
          if (proxies.ids.length > 0) {
            needConfirmation = true;
            message += un.proxiesWarning(proxies.ids, revision);
          } else if (proxies.failed) {
            needConfirmation = true;
            message += un.proxiesUnknownWarning(revision);
          }
        }
        const gateways = un.gatewaysIn(objects);
        if (gateways.length > 0) {
          needConfirmation = true;
          message += `You are about to remove the following gateways: ${gateways.join(', ')}. To avoid downtime, please quit this command and reinstall the gateway(s) with a revision that is not being removed from the cluster.\n`;
        }
      }
      if (opts.dryRun || opts.skipConfirmation || !needConfirmation) {
        if (message) err.write(message);
      } else {
        if (!ctx.io.stdinIsTTY) {
          err.write(message);
          throw new SailError('CANCELLED', 'refusing to uninstall without confirmation: standard input is not a terminal', { file: '--skip-confirmation', hint: 'pass -y (--skip-confirmation) to uninstall non-interactively' });
        }
        if (!(await ctx.io.confirm(`${message}Proceed? (y/N)`))) {
          err.write('Cancelled.\n');
          return 1;
        }
      }

      if (opts.dryRun) {
        for (const o of objects) out.write(`Not pruning object ${un.removedName(o)} because of dry run.\n`);
        err.write(`Dry run: ${objects.length} object(s) would be removed; nothing was changed.\n`);
        return 0;
      }
      await un.deleteObjects(client, objects, { waitTimeoutMs: GONE_TIMEOUT_MS, log: (line) => out.write(`${line}\n`) });
      err.write('✔ Uninstall complete\n');
      return 0;
    } finally {
      client.close();
    }
  },
};
