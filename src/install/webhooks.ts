/**
 * The default revision tag, as istioctl's installer deploys it after the components: when this is
 * a default (revision-less) install or the cluster has no default tag yet, and the operator does
 * not manage webhooks, a MutatingWebhookConfiguration `istio-revision-tag-default` points
 * `istio-injection=enabled` / `istio.io/rev=default` at this revision's injector, and the default
 * revision's own injector webhooks are made never-matching (so exactly one webhook injects).
 * The tag webhook is labelled not-pruned, so a later install of another revision keeps it.
 *
 * Not done (yet): the tag's ValidatingWebhookConfiguration and `istiod-revision-tag-default`
 * Service istioctl also generates.
 */
import type { KubeClient } from '../kube/index.js';
import type { KubeObject } from '../kube/types.js';
import { NOT_PRUNED_LABEL } from './plan.js';
import type { InstallRender } from './render.js';

const MWC = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration' } as const;
const INJECTOR_SUFFIX = 'sidecar-injector.istio.io';
export const NEVER_MATCH = { matchLabels: { 'istio.io/deactivated': 'never-match' } };

type Webhook = Record<string, unknown> & { name?: string };

/** Whether istioctl would deploy the default tag (detectIfTagWebhookIsNeeded). */
export function tagWebhookNeeded(render: Pick<InstallRender, 'iop' | 'revision'>, defaultTagExists: boolean): boolean {
  const manage = (render.iop['spec'] as { values?: { global?: { operatorManageWebhooks?: unknown } } } | undefined)?.values?.global?.operatorManageWebhooks;
  return manage !== true && (!defaultTagExists || render.revision === '');
}

const req = (key: string, operator: string, values?: string[]) => (values ? { key, operator, values } : { key, operator });

/** The tag webhook built from the revision's injector (its clientConfig, policies and non-app labels). */
export function buildTagWebhook(canonical: KubeObject, opts: { revision: string; istioNamespace: string; ownerLabels: Record<string, string>; autoInject: boolean }): KubeObject | undefined {
  const webhooks = (canonical['webhooks'] ?? []) as Webhook[];
  const base = webhooks.find((w) => String(w.name ?? '').endsWith(INJECTOR_SUFFIX));
  if (!base) return undefined;
  const tag = 'default';
  const notOff = req('sidecar.istio.io/inject', 'NotIn', ['false']);
  const make = (prefix: string, ns: unknown, obj: unknown): Webhook => ({ ...base, name: `${prefix}${INJECTOR_SUFFIX}`, namespaceSelector: ns, objectSelector: obj });
  const hooks = [
    make('rev.namespace.', { matchExpressions: [req('istio.io/rev', 'In', [tag]), req('istio-injection', 'DoesNotExist')] }, { matchExpressions: [notOff] }),
    make('rev.object.', { matchExpressions: [req('istio.io/rev', 'DoesNotExist'), req('istio-injection', 'DoesNotExist')] }, { matchExpressions: [notOff, req('istio.io/rev', 'In', [tag])] }),
    make('namespace.', { matchExpressions: [req('istio-injection', 'In', ['enabled'])] }, { matchExpressions: [notOff] }),
    opts.autoInject
      ? make('object.', { matchExpressions: [req('istio-injection', 'DoesNotExist'), req('istio.io/rev', 'DoesNotExist')] }, { matchExpressions: [notOff, req('istio.io/rev', 'DoesNotExist')] })
      : make('object.', { matchExpressions: [req('istio-injection', 'DoesNotExist'), req('istio.io/rev', 'DoesNotExist')] }, { matchExpressions: [req('sidecar.istio.io/inject', 'In', ['true']), req('istio.io/rev', 'DoesNotExist')] }),
  ];
  const inherited = Object.fromEntries(Object.entries(canonical.metadata.labels ?? {}).filter(([k]) => k !== 'app'));
  return {
    apiVersion: MWC.apiVersion,
    kind: MWC.kind,
    metadata: {
      name: opts.istioNamespace === 'istio-system' ? `istio-revision-tag-${tag}` : `istio-revision-tag-${tag}-${opts.istioNamespace}`,
      labels: {
        ...inherited,
        ...opts.ownerLabels,
        app: 'sidecar-injector',
        'istio.io/tag': tag,
        'istio.io/rev': opts.revision || 'default',
        [NOT_PRUNED_LABEL]: 'true',
      },
      ...(canonical.metadata.annotations ? { annotations: canonical.metadata.annotations } : {}),
    },
    webhooks: hooks,
  };
}

/**
 * The objects to apply for the default tag (none when not needed or when the revision has no
 * injector, e.g. a remote install). Outside dry-run it also deactivates the default revision's
 * own injector, as istioctl does before pointing the tag elsewhere.
 */
export async function defaultTagWebhook(client: KubeClient, render: InstallRender, opts: { dryRun: boolean }): Promise<KubeObject[]> {
  const existing = await client.list(MWC, { labelSelector: 'app=sidecar-injector,istio.io/tag=default' });
  if (!tagWebhookNeeded(render, existing.length > 0)) return [];
  const rev = render.revision || 'default';
  const canonicals = await client.list(MWC, { labelSelector: `istio.io/rev=${rev},!istio.io/tag` });
  const rendered = (render.components.get('Pilot') ?? []).filter((o) => o.kind === MWC.kind && (o.metadata.labels?.['istio.io/rev'] ?? '') === rev);
  const canonical = canonicals.length === 1 ? canonicals[0] : rendered.length === 1 ? rendered[0] : undefined;
  if (!canonical) return [];
  const autoInject = (render.iop['spec'] as { values?: { sidecarInjectorWebhook?: { enableNamespacesByDefault?: unknown } } } | undefined)?.values?.sidecarInjectorWebhook?.enableNamespacesByDefault === true;
  const tag = buildTagWebhook(canonical, { revision: render.revision, istioNamespace: render.namespace, ownerLabels: render.labelsFor(), autoInject });
  if (!tag) return [];
  if (!opts.dryRun) {
    const defaults = await client.list(MWC, { labelSelector: 'istio.io/rev=default,!istio.io/tag' });
    if (defaults.length === 1) {
      const d = defaults[0]!;
      const hooks = ((d['webhooks'] ?? []) as Webhook[]).map((w) => ({ ...w, namespaceSelector: NEVER_MATCH, objectSelector: NEVER_MATCH }));
      await client.patch(MWC, d.metadata.name, undefined, { webhooks: hooks }, 'merge', { fieldManager: 'istioctl' });
    }
  }
  return [tag];
}

/**
 * What the default revision's injector looks like once a default tag has deactivated it: comparing
 * the render with the cluster (dry-run plan, verify-install) must expect that, or every re-run
 * would report the deactivation as a change.
 */
export function asDeactivated(o: KubeObject): KubeObject {
  const labels = o.metadata.labels ?? {};
  if (o.kind !== MWC.kind || labels['istio.io/tag'] !== undefined || (labels['istio.io/rev'] ?? 'default') !== 'default') return o;
  const hooks = ((o['webhooks'] ?? []) as Webhook[]).map((w) => ({ ...w, namespaceSelector: NEVER_MATCH, objectSelector: NEVER_MATCH }));
  return { ...o, webhooks: hooks };
}

/** Whether a default tag webhook is live (then the default revision's injector is expected deactivated). */
export async function defaultTagLive(client: KubeClient): Promise<boolean> {
  return (await client.list(MWC, { labelSelector: 'app=sidecar-injector,istio.io/tag=default' })).length > 0;
}
