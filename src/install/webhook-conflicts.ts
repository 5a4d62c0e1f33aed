/**
 * The check istioctl's installer runs before applying anything (operator/pkg/webhook
 * CheckWebhooks): the injector webhooks this install brings, together with every injector
 * webhook in the cluster, must not overlap, i.e. no namespace/pod label combination may reach two
 * of them (a pod would be injected twice). Only findings about the rendered webhook configurations
 * count. When the install will create the default tag, the rendered webhooks are left out and the
 * default revision's own injector too (the tag deactivates it). istioctl fails the install on a
 * finding unless --force, and mentions when the default moves back to the default revision.
 */
import { labelSelectorMatches } from '../analyze/analyzers/label-selector.js';
import type { KubeObject } from '../kube/types.js';
import type { InstallRender } from './render.js';
import { tagWebhookNeeded } from './webhooks.js';

const REV_LABEL = 'istio.io/rev';
/** The analyzer code istioctl reports (InvalidWebhook). */
export const INVALID_WEBHOOK_CODE = 'IST0139';

type Selector = { matchLabels?: Record<string, string>; matchExpressions?: Array<{ key?: string; values?: string[] }> } | null | undefined;
type Webhook = { name?: string; namespaceSelector?: Selector; objectSelector?: Selector };

export interface WebhookCheck {
  /** istioctl's log-format lines (`Error [IST0139] (MutatingWebhookConfiguration x) ...`), sorted */
  conflicts: string[];
  /** the note istioctl prints when a default install takes the default back from a revision */
  notice?: string | undefined;
}

function webhooksOf(o: KubeObject): Webhook[] {
  return ((o['webhooks'] ?? []) as Webhook[]).filter((w) => typeof w === 'object' && w !== null);
}

function revisionsOf(o: KubeObject): string[] {
  const revs = new Set<string>();
  const own = o.metadata.labels?.[REV_LABEL];
  if (own !== undefined) revs.add(own);
  for (const w of webhooksOf(o)) {
    for (const sel of [w.namespaceSelector, w.objectSelector]) {
      if (!sel) continue;
      const ml = sel.matchLabels?.[REV_LABEL];
      if (ml !== undefined) revs.add(ml);
      for (const e of sel.matchExpressions ?? []) if (e.key === REV_LABEL) for (const v of e.values ?? []) revs.add(v);
    }
  }
  return [...revs];
}

const isDefaultRevisioned = (o: KubeObject): boolean => o.metadata.labels?.['istio.io/tag'] === undefined && o.metadata.labels?.[REV_LABEL] === 'default';

/** Go's `%v` of a sorted []string. */
const goList = (xs: readonly string[]): string => `[${xs.join(' ')}]`;

/**
 * Overlap findings among `configs` (later configs of the same name replace earlier ones, as the
 * rendered webhooks replace their live copies), reported only for configs named in `reportFor`.
 */
export function overlappingWebhooks(configs: readonly KubeObject[], reportFor: ReadonlySet<string>, skipDefaultRevisioned: boolean): string[] {
  const byName = new Map<string, KubeObject>();
  for (const c of configs) byName.set(c.metadata.name, c);
  const hooks = new Map<string, { config: string; webhook: Webhook }>();
  const revisions = new Set<string>();
  for (const [name, c] of byName) {
    if (skipDefaultRevisioned && isDefaultRevisioned(c)) continue;
    const revs = revisionsOf(c);
    const whs = webhooksOf(c);
    if (revs.length === 0 && !whs.some((w) => String(w.name ?? '').endsWith('istio.io'))) continue;
    for (const w of whs) hooks.set(`${name}/${w.name ?? ''}`, { config: name, webhook: w });
    for (const r of revs) revisions.add(r);
  }
  const labelSets = (key: string, on: string, off: string): Array<Record<string, string>> => {
    const base = [{}, { [key]: on }, { [key]: off }];
    return [...base, ...[...revisions].sort().flatMap((rev) => base.map((b) => ({ ...b, [REV_LABEL]: rev })))];
  };
  const nsSets = labelSets('istio-injection', 'enabled', 'disabled');
  const podSets = labelSets('sidecar.istio.io/inject', 'true', 'false');
  const lines = new Set<string>();
  for (const nl of nsSets) {
    for (const pl of podSets) {
      const matches = [...hooks].filter(([, h]) => labelSelectorMatches(h.webhook.namespaceSelector, nl) && labelSelectorMatches(h.webhook.objectSelector, pl)).map(([id]) => id);
      if (matches.length < 2) continue;
      for (const m of matches) {
        const config = hooks.get(m)!.config;
        if (!reportFor.has(config)) continue;
        const others = matches.filter((x) => x !== m).sort();
        lines.add(`Error [${INVALID_WEBHOOK_CODE}] (MutatingWebhookConfiguration ${config}) Webhook overlaps with others: ${goList(others)}. This may cause injection to occur twice.`);
      }
    }
  }
  return [...lines].sort();
}

/** The pre-install check against the live MutatingWebhookConfigurations. */
export function checkWebhooks(render: Pick<InstallRender, 'iop' | 'revision' | 'components'>, live: readonly KubeObject[]): WebhookCheck {
  const rendered = (render.components.get('Pilot') ?? []).filter((o) => o.kind === 'MutatingWebhookConfiguration');
  if (!render.components.has('Pilot')) return { conflicts: [] };
  const tagExists = live.some((o) => o.metadata.labels?.['app'] === 'sidecar-injector' && o.metadata.labels?.['istio.io/tag'] === 'default');
  const needed = tagWebhookNeeded(render, tagExists);
  const names = new Set(rendered.map((o) => o.metadata.name));
  const conflicts = overlappingWebhooks(needed ? live : [...live, ...rendered], names, needed);
  let notice: string | undefined;
  if (needed && tagExists && render.revision === '') {
    const defaultTagOnDefault = live.some((o) => {
      const l = o.metadata.labels ?? {};
      return l['app'] === 'sidecar-injector' && l[REV_LABEL] === 'default' && l['istio.io/tag'] === 'default';
    });
    if (!defaultTagOnDefault) {
      notice = 'This installation will make default injection and validation pointing to the default revision, and originally it was pointing to the revisioned one.';
    }
  }
  return { conflicts, notice };
}
