/**
 * The default revision tag, as istioctl's installer deploys it after the components: when this is
 * a default (revision-less) install or the cluster has no default tag yet, and the operator does
 * not manage webhooks, a MutatingWebhookConfiguration `istio-revision-tag-default` points
 * `istio-injection=enabled` / `istio.io/rev=default` at this revision's injector, and the default
 * revision's own injector webhooks are made never-matching (so exactly one webhook injects).
 * With it come, as `istioctl tag set default` generates them, the ValidatingWebhookConfiguration
 * `istiod-default-validator` (validation for objects without istio.io/rev goes to this revision)
 * and the Service `istiod-revision-tag-default` selecting the revision's istiod. All three are
 * labelled not-pruned, so a later install of another revision keeps them.
 */
import type { KubeClient } from '../kube/index.js';
import type { KubeObject } from '../kube/types.js';
import { NOT_PRUNED_LABEL } from './plan.js';
import type { InstallRender } from './render.js';
import { ISTIO_VERSION } from '../version.js';
import { labelSelectorMatches } from '../util/label-selector.js';

const MWC = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'MutatingWebhookConfiguration' } as const;
const VWC = { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration' } as const;
/** The one name istioctl gives the default tag's validator, whatever the namespace. */
export const DEFAULT_VALIDATOR_NAME = 'istiod-default-validator';
const TAG = 'default';
const INJECTOR_SUFFIX = 'sidecar-injector.istio.io';
export const NEVER_MATCH = { matchLabels: { 'istio.io/deactivated': 'never-match' } };

type Webhook = Record<string, unknown> & { name?: string };
interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
}

/** The default tag's injector (`app=sidecar-injector,istio.io/tag=default`). */
const TAG_WEBHOOK_SELECTOR: LabelSelector = { matchLabels: { app: 'sidecar-injector', 'istio.io/tag': TAG } };
const TAG_WEBHOOK_SELECTOR_STRING = `app=sidecar-injector,istio.io/tag=${TAG}`;
/** A revision's own injector, not a tag pointing at it (`istio.io/rev=REV,!istio.io/tag`). */
const revisionInjectorSelector = (rev: string): LabelSelector => ({ matchLabels: { 'istio.io/rev': rev }, matchExpressions: [{ key: 'istio.io/tag', operator: 'DoesNotExist' }] });

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
 *
 * `verify` asks what an install of this render has left in the cluster instead (nothing is
 * changed): a live tag pointing at this very revision does not count as "a default tag exists"
 * there, since that tag is this install's own (or one an install would keep).
 */
export async function defaultTagWebhook(client: KubeClient, render: InstallRender, opts: { dryRun: boolean; verify?: boolean }): Promise<KubeObject[]> {
  const rev = render.revision || 'default';
  // One list of every MutatingWebhookConfiguration (a cluster has a handful), told apart here with
  // the selectors istioctl sends to the server; it goes out beside the validator's GET.
  const [webhookConfigs, liveValidator] = await Promise.all([client.list(MWC), client.get(VWC, DEFAULT_VALIDATOR_NAME)]);
  const selecting = (selector: LabelSelector): KubeObject[] => webhookConfigs.filter((o) => labelSelectorMatches(selector, o.metadata.labels ?? {}));
  const existing = selecting(TAG_WEBHOOK_SELECTOR);
  const canonicals = selecting(revisionInjectorSelector(rev));
  const defaults = opts.dryRun || opts.verify ? [] : selecting(revisionInjectorSelector('default'));
  const otherTags = opts.verify ? existing.filter((t) => (t.metadata.labels?.['istio.io/rev'] ?? 'default') !== rev) : existing;
  if (!tagWebhookNeeded(render, otherTags.length > 0)) return [];
  const rendered = (render.components.get('Pilot') ?? []).filter((o) => o.kind === MWC.kind && (o.metadata.labels?.['istio.io/rev'] ?? '') === rev);
  const canonical = canonicals.length === 1 ? canonicals[0] : rendered.length === 1 ? rendered[0] : undefined;
  if (!canonical) return [];
  const autoInject = (render.iop['spec'] as { values?: { sidecarInjectorWebhook?: { enableNamespacesByDefault?: unknown } } } | undefined)?.values?.sidecarInjectorWebhook?.enableNamespacesByDefault === true;
  const ownerLabels = render.labelsFor();
  const tag = buildTagWebhook(canonical, { revision: render.revision, istioNamespace: render.namespace, ownerLabels, autoInject });
  if (!tag) return [];
  if (!opts.dryRun && !opts.verify) {
    if (defaults.length === 1) {
      const d = defaults[0]!;
      const hooks = ((d['webhooks'] ?? []) as Webhook[]).map((w) => ({ ...w, namespaceSelector: NEVER_MATCH, objectSelector: NEVER_MATCH }));
      await client.patch(MWC, d.metadata.name, undefined, { webhooks: hooks }, 'merge', { fieldManager: 'istioctl' });
    }
  }
  const tagOpts = { revision: render.revision, istioNamespace: render.namespace, ownerLabels };
  return [tag, buildTagValidator(canonical, { ...tagOpts, liveValidator }), buildTagService(tagOpts)];
}

/** Labels the Istio charts put on every object (their `istio.labels` helper), for a chart. */
function chartLabels(chart: string): Record<string, string> {
  return {
    'app.kubernetes.io/managed-by': 'Helm',
    'app.kubernetes.io/instance': 'istio',
    'app.kubernetes.io/part-of': 'istio',
    'app.kubernetes.io/version': ISTIO_VERSION,
    'helm.sh/chart': `${chart}-${ISTIO_VERSION}`,
  };
}

type FailurePolicy = string | undefined;

/**
 * The default tag's validator: validation of objects without istio.io/rev goes to the tagged
 * revision's istiod (its service, or its injection URL with the path /validate). Labels: the
 * chart's, then the canonical injector's (without `app`), then the owner labels; a validator
 * already in the cluster keeps its failure policies (Fail is left to the server's default), as
 * istiod flips them to Fail once it serves validation.
 */
export function buildTagValidator(
  canonical: KubeObject,
  opts: { revision: string; istioNamespace: string; ownerLabels: Record<string, string>; liveValidator?: KubeObject | undefined },
): KubeObject {
  const injector = ((canonical['webhooks'] ?? []) as Webhook[]).find((w) => String(w.name ?? '').endsWith(INJECTOR_SUFFIX));
  const cc = (injector?.['clientConfig'] ?? {}) as { url?: string; caBundle?: string };
  let clientConfig: Record<string, unknown>;
  if (cc.url) {
    let url = cc.url;
    try {
      const u = new URL(cc.url);
      u.pathname = '/validate';
      url = u.toString();
    } catch {
      // istioctl keeps an unparsable URL as it is.
    }
    clientConfig = { url };
  } else {
    clientConfig = { service: { name: opts.revision ? `istiod-${opts.revision}` : 'istiod', namespace: opts.istioNamespace, path: '/validate' } };
  }
  if (cc.caBundle) clientConfig['caBundle'] = cc.caBundle;
  const name = 'validation.istio.io';
  let failurePolicy: FailurePolicy = 'Ignore';
  const liveHooks = ((opts.liveValidator?.['webhooks'] ?? []) as Webhook[]).filter((w) => w.name === name);
  if (liveHooks.length > 0) {
    const p = liveHooks[0]!['failurePolicy'];
    failurePolicy = typeof p === 'string' && p !== 'Fail' ? p : undefined;
  }
  const inherited = Object.fromEntries(Object.entries(canonical.metadata.labels ?? {}).filter(([k]) => k !== 'app'));
  const webhook: Record<string, unknown> = {
    name,
    clientConfig,
    rules: [
      {
        operations: ['CREATE', 'UPDATE'],
        apiGroups: ['security.istio.io', 'networking.istio.io', 'telemetry.istio.io', 'extensions.istio.io'],
        apiVersions: ['*'],
        resources: ['*'],
      },
    ],
    ...(failurePolicy ? { failurePolicy } : {}),
    sideEffects: 'None',
    admissionReviewVersions: ['v1'],
    objectSelector: { matchExpressions: [req('istio.io/rev', 'DoesNotExist')] },
  };
  return {
    apiVersion: VWC.apiVersion,
    kind: VWC.kind,
    metadata: {
      name: DEFAULT_VALIDATOR_NAME,
      labels: {
        app: 'istiod',
        istio: 'istiod',
        'istio.io/rev': opts.revision || 'default',
        'istio.io/tag': TAG,
        'operator.istio.io/component': 'Pilot',
        'app.kubernetes.io/name': 'istiod',
        ...chartLabels('istio-default'),
        ...inherited,
        ...opts.ownerLabels,
        [NOT_PRUNED_LABEL]: 'true',
      },
      ...(canonical.metadata.annotations ? { annotations: canonical.metadata.annotations } : {}),
    },
    webhooks: [webhook],
  };
}

/** `istiod-revision-tag-default`: istiod's ports under the tag's name, selecting the tagged revision's istiod. */
export function buildTagService(opts: { revision: string; istioNamespace: string; ownerLabels: Record<string, string> }): KubeObject {
  const port = (name: string, p: number, targetPort?: number) => ({ name, port: p, protocol: 'TCP', ...(targetPort ? { targetPort } : {}) });
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: `istiod-revision-tag-${TAG}`,
      namespace: opts.istioNamespace,
      labels: {
        'istio.io/rev': opts.revision || 'default',
        'istio.io/tag': TAG,
        'install.operator.istio.io/owning-resource': 'unknown',
        'operator.istio.io/component': 'Pilot',
        app: 'istiod',
        istio: 'pilot',
        release: 'istio',
        'app.kubernetes.io/name': 'istiod',
        ...chartLabels('istiod'),
        ...opts.ownerLabels,
        [NOT_PRUNED_LABEL]: 'true',
      },
    },
    spec: {
      ports: [port('grpc-xds', 15010), port('https-dns', 15012), port('https-webhook', 443, 15017), port('http-monitoring', 15014)],
      // The default revision's pods are told apart by `istio: pilot`, so a canary never serves the default.
      selector: opts.revision ? { app: 'istiod', 'istio.io/rev': opts.revision } : { app: 'istiod', istio: 'pilot' },
    },
  };
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
  return (await client.list(MWC, { labelSelector: TAG_WEBHOOK_SELECTOR_STRING })).length > 0;
}
