/**
 * `install` (alias apply) and, through `installAction`, `upgrade`: flags, prompt and progress
 * printing only; rendering, applying, waiting and pruning live in src/install (imported when the
 * command runs, so `sailctl version` stays fast).
 */
import type { CommandContext } from '../context.js';
import type { CommandSpec, OptionSpec } from '../spec.js';
import { SailError } from '../../errors.js';
import type { ComponentName } from '../../operator/translate.js';
import type { ControlPlane } from '../../kube/index.js';
import type { EarlyReads } from '../../install/installer.js';

export interface InstallFlags {
  filename: string[];
  set: string[];
  manifests?: string | undefined;
  charts?: string | undefined;
  revision?: string | undefined;
  skipConfirmation: boolean;
  dryRun: boolean;
  readinessTimeout: number;
  force: boolean;
}

export const INSTALL_OPTIONS: readonly OptionSpec[] = [
  { flags: '-f, --filename <file>', description: 'Path to file containing IstioOperator custom resource (repeatable; later files override earlier ones; - for stdin)', kind: 'strings', default: [], completeWith: 'files' },
  { flags: '-s, --set <path=value>', description: 'Override an IstioOperator value, e.g. to choose a profile (--set profile=demo)', kind: 'strings', default: [] },
  { flags: '-d, --manifests <dir>', description: 'Specify a path to a directory of charts and profiles (e.g. ~/Downloads/istio-1.30.3/manifests)', kind: 'string', completeWith: 'dirs' },
  { flags: '--charts <dir>', description: 'Deprecated, use --manifests instead', kind: 'string', hidden: true, completeWith: 'dirs' },
  { flags: '-r, --revision <rev>', description: 'Target control plane revision for the command', kind: 'string' },
  { flags: '-y, --skip-confirmation', description: 'The skipConfirmation determines whether the user is prompted for confirmation', kind: 'boolean', default: false },
  { flags: '--dry-run', description: 'Console/log output only, make no changes (prints the plan: create / update / unchanged / prune per object)', kind: 'boolean', default: false },
  { flags: '--readiness-timeout <duration>', description: 'Maximum time to wait for Istio resources in each component to be ready', kind: 'duration', default: '5m' },
  { flags: '--force', description: 'Proceed even with validation errors', kind: 'boolean', default: false },
];

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

export function checkRevisionFlag(revision: string | undefined): void {
  if (revision !== undefined && (revision.length > 63 || !DNS1123_LABEL.test(revision))) {
    throw new SailError('USAGE', `invalid revision specified: ${revision}`, { file: '--revision', hint: 'a revision is a DNS-1123 label: lower-case letters, digits and -' });
  }
}

const ICON = { ok: '✔', fail: '✘' } as const;

/**
 * Whether stderr can show a spinner: a terminal that reports its width. A pseudo-terminal of no
 * size (`script` without a controlling terminal, some CI runners) says 0 columns, and ora, which
 * counts the lines to clear by dividing by the width, then clears lines forever.
 */
export function spinnerUsable(io: Pick<CommandContext['io'], 'stderr' | 'stderrIsTTY'>): boolean {
  if (!io.stderrIsTTY) return false;
  const columns = (io.stderr as { columns?: unknown }).columns;
  return typeof columns === 'number' && columns > 0;
}

/** Progress as istioctl shows it: a spinner on a terminal, one line per change otherwise. */
async function progressPrinter(ctx: CommandContext) {
  const { COMPONENT_DISPLAY_NAMES, COMPONENT_ICONS } = await import('../../install/plan.js');
  const err = ctx.io.stderr;
  const active = new Set<ComponentName>();
  const waiting = new Map<ComponentName, readonly string[]>();
  let lastStatus = '';
  const status = (): string => {
    const names = [...active].map((c) => COMPONENT_DISPLAY_NAMES[c]).sort();
    const wait = [...waiting.entries()].filter(([c]) => active.has(c)).flatMap(([, ids]) => ids).sort();
    return `Processing resources for ${names.join(', ')}.${wait.length > 0 ? ` Waiting for ${wait.join(', ')}` : ''}`;
  };
  let spinner: { text: string; start(): unknown; stop(): unknown; stopAndPersist(o: { symbol: string; text: string }): unknown } | undefined;
  if (spinnerUsable(ctx.io)) {
    const { importPackage } = await import('../../util/import-package.js');
    const { default: ora } = await importPackage<typeof import('ora')>('ora');
    // On a TTY ctx.io.stderr is the terminal stream, which has the cursor methods ora needs.
    spinner = ora({ stream: ctx.io.stderr as unknown as NodeJS.WriteStream, isEnabled: true, color: 'yellow' });
  }
  const refresh = (): void => {
    if (active.size === 0) {
      spinner?.stop();
      return;
    }
    const s = status();
    if (spinner) {
      spinner.text = s;
      spinner.start();
    } else if (s !== lastStatus) {
      err.write(`- ${s}\n`);
    }
    lastStatus = s;
  };
  const persist = (symbol: string, text: string): void => {
    if (spinner) spinner.stopAndPersist({ symbol, text });
    else err.write(`${symbol} ${text}\n`);
  };
  return {
    events: {
      componentStarted(c: ComponentName) {
        active.add(c);
        refresh();
      },
      componentWaiting(c: ComponentName, notReady: readonly { id: string }[]) {
        waiting.set(c, notReady.map((n) => n.id));
        refresh();
      },
      componentFinished(c: ComponentName) {
        active.delete(c);
        persist(ICON.ok, `${COMPONENT_DISPLAY_NAMES[c]} installed ${COMPONENT_ICONS[c]}`);
        refresh();
      },
      componentFailed(c: ComponentName, message: string) {
        active.delete(c);
        persist(ICON.fail, `${COMPONENT_DISPLAY_NAMES[c]} encountered an error: ${message}`);
        refresh();
      },
      pruning() {
        if (spinner) {
          spinner.text = 'Pruning removed resources';
          spinner.start();
        } else err.write('- Pruning removed resources\n');
      },
      log(line: string) {
        spinner?.stop();
        ctx.io.stdout.write(`${line}\n`);
      },
      warn(line: string) {
        spinner?.stop();
        err.write(`${line}\n`);
      },
    },
    complete() {
      persist(ICON.ok, 'Installation complete');
    },
    stop() {
      spinner?.stop();
    },
  };
}

/** istioctl's up/downgrade warning against the revision's running istiod. */
export function versionChangeWarning(running: readonly { revision: string; version: string }[], revision: string, target: string): string | undefined {
  const rev = revision || 'default';
  const versions = running.filter((p) => p.revision === rev && /^\d+\.\d+/.test(p.version)).map((p) => p.version);
  if (versions.length === 0) return undefined;
  const current = versions.sort(compareVersions).at(-1)!;
  const cmp = compareVersions(current, target);
  if (cmp === 0) return undefined;
  const overwrite = rev === 'default' ? '         Running this command will overwrite it; use revisions to upgrade alongside the existing version.\n' : '';
  const verb = cmp < 0 ? 'upgraded' : 'downgraded';
  return `WARNING: Istio is being ${verb} from ${current} to ${target}.\n${overwrite}         Before upgrading, you may wish to use 'sailctl x precheck' to check for upgrade warnings.\n`;
}

function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  const pb = b.split(/[.-]/).map((x) => Number.parseInt(x, 10));
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] || 0) - (pb[i] || 0);
    if (d !== 0) return d;
  }
  return 0;
}

export async function installAction(ctx: CommandContext, opts: InstallFlags): Promise<number> {
  checkRevisionFlag(opts.revision);
  // The reads that do not depend on the render (server version, discovery of the kinds every
  // install reads, the running control planes, the webhook precheck's list, the system namespace)
  // go out while the manifest renders; nothing is written before it has succeeded. Their errors,
  // and a bad kubeconfig's, wait until then, so a mistake in the user's files is still reported first.
  const kube = await import('../../kube/index.js');
  let early:
    | {
        client: ReturnType<typeof kube.clientFromFlags>;
        version: Promise<{ gitVersion: string }>;
        controlPlanes: Promise<ControlPlane[]>;
        reads: EarlyReads;
      }
    | undefined;
  try {
    const c = kube.clientFromFlags(ctx.globals, ctx.io.env);
    const version = c.serverVersion();
    version.catch(() => undefined);
    // The install's namespace is known only after the render: every namespace's, filtered below.
    const controlPlanes = kube.findControlPlanes(c, undefined);
    controlPlanes.catch(() => undefined);
    const installer = await import('../../install/installer.js');
    installer.warmDiscovery(c);
    early = { client: c, version, controlPlanes, reads: installer.startEarlyReads(c) };
  } catch {
    // Thrown again below, after the render.
  }
  // Needed right after the render: loaded before it, so that no module load waits on the disk then.
  const prechecks = import('../../install/prechecks.js');
  prechecks.catch(() => undefined);
  let render: Awaited<ReturnType<typeof import('../../install/render.js').renderInstall>>;
  let ISTIO_VERSION: string;
  try {
    // Loaded once the requests are on their way: where these modules are not in memory yet (the
    // unbundled build: about 40 ms of loading), discovery answers meanwhile and the reads that wait
    // for it go out before the render instead of after it.
    const [{ readUserFile }, { renderInstall }, version] = await Promise.all([import('../../util/files.js'), import('../../install/render.js'), import('../../version.js')]);
    ISTIO_VERSION = version.ISTIO_VERSION;
    const files = [];
    for (const name of opts.filename ?? []) files.push({ name, text: await readUserFile(name.trim(), () => ctx.io.readStdin()) });
    // The render hardly yields: let the requests reach the socket before it starts.
    await new Promise((resolve) => setImmediate(resolve));
    render = await renderInstall({ files, sets: opts.set ?? [], manifestsDir: opts.manifests ?? opts.charts, revision: opts.revision, force: opts.force });
  } catch (e) {
    early?.client.close();
    throw e;
  }
  for (const w of render.warnings) ctx.io.stderr.write(`Warning: ${w}\n`);

  const client = early?.client ?? kube.clientFromFlags(ctx.globals, ctx.io.env);
  try {
    // A cluster-wide list the user may not make (RBAC) is asked again for the one namespace.
    const inNamespace = (): Promise<ControlPlane[]> => kube.findControlPlanes(client, render.namespace);
    const running = (
      early
        ? early.controlPlanes.then(
            (all) => all.filter((p) => p.namespace === render.namespace),
            (e: unknown) => (e instanceof kube.KubeApiError && e.status === 403 ? inNamespace() : Promise.reject(e)),
          )
        : inNamespace()
    ).catch((): ControlPlane[] => []);
    const { kubernetesVersionNotice } = await prechecks;
    let gitVersion: string;
    try {
      gitVersion = (await (early?.version ?? client.serverVersion())).gitVersion;
    } catch (e) {
      // The client's own errors (unreachable, forbidden, timeout) already say what went wrong.
      if (e instanceof SailError) throw e;
      throw new SailError('KUBE', `check minimum supported Kubernetes version: error getting Kubernetes version: ${e instanceof Error ? e.message : String(e)}`);
    }
    // istioctl only notes an unsupported version and proceeds.
    const notice = kubernetesVersionNotice(gitVersion, ISTIO_VERSION);
    if (notice) ctx.io.stdout.write(notice);
    const warning = versionChangeWarning(await running, render.revision, ISTIO_VERSION);
    if (warning) ctx.io.stderr.write(warning);

    const installer = await import('../../install/installer.js');
    if (opts.dryRun) {
      const { formatPlan } = await import('../../install/plan.js');
      const { defaultTagWebhook } = await import('../../install/webhooks.js');
      await installer.checkWebhooksBeforeInstall(client, render, {
        early: early?.reads,
        force: opts.force,
        events: { warn: (l) => ctx.io.stderr.write(`${l}\n`), log: (l) => ctx.io.stderr.write(`${l}\n`) },
      });
      const plan = await installer.planAgainstCluster(client, render);
      const { planInstall } = await import('../../install/plan.js');
      const tag = render.components.has('Pilot') ? await defaultTagWebhook(client, render, { dryRun: true }) : [];
      const tagLive = await Promise.all(tag.map((o) => installer.liveObject(client, o)));
      const tagPlan = planInstall(new Map([['Pilot', tag]]), (o) => tagLive[tag.indexOf(o)], []);
      ctx.io.stdout.write(formatPlan([...plan.filter((e) => e.action !== 'prune'), ...tagPlan, ...plan.filter((e) => e.action === 'prune')]));
      ctx.io.stderr.write('Dry run: nothing was changed in the cluster.\n');
      return 0;
    }

    // Answers read before a prompt may be stale once the user has answered it: read again then.
    const earlyReads = opts.skipConfirmation ? early?.reads : undefined;
    if (!opts.skipConfirmation) {
      const question = `This will install the Istio ${ISTIO_VERSION} profile "${render.profile}" into the cluster. Proceed? (y/N)`;
      if (!ctx.io.stdinIsTTY) {
        throw new SailError('CANCELLED', 'refusing to install without confirmation: standard input is not a terminal', { file: '--skip-confirmation', hint: 'pass -y (--skip-confirmation) to install non-interactively' });
      }
      if (!(await ctx.io.confirm(question))) {
        ctx.io.stderr.write('Cancelled.\n');
        return 1;
      }
    }

    const progress = await progressPrinter(ctx);
    try {
      await installer.installManifests(client, render, { readinessTimeoutMs: opts.readinessTimeout, force: opts.force, events: progress.events, early: earlyReads });
    } finally {
      progress.stop();
    }
    progress.complete();
    if (render.profile === 'ambient') ctx.io.stderr.write('The ambient profile has been installed successfully, enjoy Istio without sidecars!\n');
    return 0;
  } finally {
    client.close();
  }
}

export const installCommand: CommandSpec = {
  name: 'install',
  summary: 'Applies an Istio manifest, installing or reconfiguring Istio on a cluster',
  description: 'The install command generates an Istio install manifest and applies it to a cluster.',
  aliases: ['apply'],
  options: INSTALL_OPTIONS,
  examples: [
    'sailctl install',
    'sailctl install --set meshConfig.enableTracing=true',
    'sailctl install --set profile=demo --skip-confirmation',
    'sailctl install -f my-iop.yaml -r canary -y',
    'sailctl install --dry-run',
  ],
  action: (ctx, _args, opts: InstallFlags) => installAction(ctx, opts),
};
