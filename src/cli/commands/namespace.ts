/** `namespace enable|disable|status` (ext): sidecar injection labels per namespace. */
import type { CommandContext } from '../context.js';
import type { CommandSpec } from '../spec.js';
import { SailError } from '../../errors.js';
import type { MutatingWebhookConfiguration, PodInfo } from '../../namespace/index.js';

const FIELD_MANAGER = 'sailctl';

interface EnableOptions {
  revision: string | undefined;
}
interface StatusOptions {
  output: 'table' | 'json';
}

async function connect(ctx: CommandContext) {
  const kube = await import('../../kube/index.js');
  return { kube, client: kube.clientFromFlags(ctx.globals, ctx.io.env) };
}

type Client = Awaited<ReturnType<typeof connect>>['client'];
type NamespaceObject = { metadata: { name: string; labels?: Record<string, string> } };

const NS_REF = { apiVersion: 'v1', kind: 'Namespace' } as const;
const MWC_REF = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration' } as const;

/** Every named namespace, or one clear error naming the first that does not exist (nothing is changed then). */
async function getNamespaces(client: Client, names: readonly string[]): Promise<NamespaceObject[]> {
  const found = await Promise.all(names.map((n) => client.get(NS_REF, n)));
  const missing = names.filter((_, i) => found[i] === undefined);
  if (missing.length > 0) {
    throw new SailError('KUBE', `namespace${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} not found`, {
      hint: `create it first: kubectl create namespace ${missing[0]}`,
    });
  }
  return found as NamespaceObject[];
}

function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

const enableCommand: CommandSpec = {
  name: 'enable',
  summary: 'Label namespaces for sidecar injection (istio-injection=enabled, or istio.io/rev=REV with -r)',
  arguments: [{ name: 'namespace', description: 'namespaces to enable', required: true, variadic: true }],
  options: [{ flags: '-r, --revision <rev>', description: 'Inject with this control plane revision (sets istio.io/rev and removes istio-injection)', kind: 'string' }],
  examples: ['sailctl namespace enable default', 'sailctl namespace enable prod staging -r canary'],
  async action(ctx, args, opts: EnableOptions) {
    const ns = await import('../../namespace/index.js');
    const names = unique(args).map((n) => ns.checkNamespaceName(n));
    const revision = opts.revision === undefined ? undefined : ns.checkRevision(opts.revision);
    const { client } = await connect(ctx);
    try {
      await getNamespaces(client, names);
      const patch = ns.enablePatch(revision);
      const webhooks = (await client.list(MWC_REF)) as unknown as MutatingWebhookConfiguration[];
      for (const name of names) {
        const updated = (await client.patch(NS_REF, name, undefined, { metadata: { labels: patch } }, 'merge', { fieldManager: FIELD_MANAGER })) as NamespaceObject;
        ctx.io.stdout.write(`namespace/${name} labeled: ${ns.injectionLabel(updated.metadata.labels)}\n`);
        const revs = ns.injectingRevisions(webhooks, {}, updated.metadata.labels ?? {});
        if (revs.length === 0) {
          ctx.io.stderr.write(
            `Warning: no Istio injection webhook matches namespace "${name}"${revision ? ` (is revision "${revision}" installed?)` : ' (is Istio installed?)'}; pods will not be injected yet\n`,
          );
        } else if (revs.length > 1) {
          ctx.io.stderr.write(`Warning: several injection webhooks match namespace "${name}" (revisions ${revs.join(', ')}), which can lead to errors\n`);
        }
      }
      ctx.io.stderr.write(`Restart the workloads in ${names.join(', ')} to inject the sidecar, e.g. kubectl rollout restart deployment -n ${names[0]}\n`);
      return 0;
    } finally {
      client.close();
    }
  },
};

const disableCommand: CommandSpec = {
  name: 'disable',
  summary: 'Remove the injection labels (istio-injection, istio.io/rev) from namespaces',
  arguments: [{ name: 'namespace', description: 'namespaces to disable', required: true, variadic: true }],
  examples: ['sailctl namespace disable default'],
  async action(ctx, args) {
    const ns = await import('../../namespace/index.js');
    const names = unique(args).map((n) => ns.checkNamespaceName(n));
    const { client } = await connect(ctx);
    try {
      const current = await getNamespaces(client, names);
      for (const [i, name] of names.entries()) {
        const before = ns.injectionLabel(current[i]?.metadata.labels);
        if (before === '') {
          ctx.io.stdout.write(`namespace/${name}: injection was not enabled\n`);
          continue;
        }
        await client.patch(NS_REF, name, undefined, { metadata: { labels: ns.disablePatch() } }, 'merge', { fieldManager: FIELD_MANAGER });
        ctx.io.stdout.write(`namespace/${name}: injection disabled (removed ${before})\n`);
      }
      return 0;
    } finally {
      client.close();
    }
  },
};

const statusCommand: CommandSpec = {
  name: 'status',
  summary: 'Show each namespace injection label, the revision that will inject, and pods that need a restart',
  arguments: [{ name: 'namespace', description: 'namespaces to show (all when none, or the -n namespace)', variadic: true }],
  options: [{ flags: '-o, --output <format>', description: 'Output format: table or json', kind: 'string', choices: ['table', 'json'], default: 'table' }],
  examples: ['sailctl namespace status', 'sailctl namespace status default prod -o json'],
  async action(ctx, args, opts: StatusOptions) {
    const ns = await import('../../namespace/index.js');
    // With no names, -n/--namespace narrows the report to that namespace.
    const requested = args.length > 0 ? args : ctx.globals.namespace ? [ctx.globals.namespace] : [];
    const names = unique(requested).map((n) => ns.checkNamespaceName(n));
    const { client } = await connect(ctx);
    try {
      const namespaces = names.length > 0 ? await getNamespaces(client, names) : ((await client.list(NS_REF)) as unknown as NamespaceObject[]);
      const [webhooks, pods] = await Promise.all([
        client.list(MWC_REF) as unknown as Promise<MutatingWebhookConfiguration[]>,
        names.length === 1 ? client.list({ apiVersion: 'v1', kind: 'Pod' }, { namespace: names[0] }) : client.list({ apiVersion: 'v1', kind: 'Pod' }),
      ]);
      const podsByNs = new Map<string, PodInfo[]>();
      for (const p of pods) {
        const key = p.metadata.namespace ?? '';
        podsByNs.set(key, [...(podsByNs.get(key) ?? []), p as unknown as PodInfo]);
      }
      const rows = namespaces
        .map((n) => ns.namespaceStatus(n, podsByNs.get(n.metadata.name) ?? [], webhooks))
        .sort((a, b) => (names.length > 0 ? 0 : a.namespace.localeCompare(b.namespace)));
      if (opts.output === 'json') ctx.io.stdout.write(JSON.stringify(rows, null, 2) + '\n');
      else ctx.io.stdout.write(ns.formatStatusTable(rows));
      if (!webhooks.some((w) => ns.isIstioWebhook(w))) ctx.io.stderr.write('Warning: no Istio injection webhooks found in the cluster\n');
      return 0;
    } finally {
      client.close();
    }
  },
};

export const namespaceCommand: CommandSpec = {
  name: 'namespace',
  aliases: ['ns'],
  summary: 'Enable, disable and inspect sidecar injection for namespaces',
  extension: true,
  subcommands: [enableCommand, disableCommand, statusCommand],
};
