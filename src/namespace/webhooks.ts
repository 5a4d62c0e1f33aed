/**
 * Which Istio injection webhook would inject a pod, evaluated from the live
 * MutatingWebhookConfigurations' namespaceSelector/objectSelector with the same rules and reason
 * texts as `istioctl x check-inject` (istioctl/pkg/checkinject). Pure.
 */
import { labelSelectorMatches } from '../util/label-selector.js';

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | string;
  values?: string[];
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface MutatingWebhook {
  name: string;
  namespaceSelector?: LabelSelector | null;
  objectSelector?: LabelSelector | null;
}

export interface MutatingWebhookConfiguration {
  metadata: { name: string; labels?: Record<string, string> };
  webhooks?: MutatingWebhook[];
}

export interface WebhookAnalysis {
  /** the MutatingWebhookConfiguration's name */
  name: string;
  /** its istio.io/rev label ("" when unlabelled) */
  revision: string;
  injected: boolean;
  reason: string;
}

export const INJECTION_LABEL = 'istio-injection';
export const REVISION_LABEL = 'istio.io/rev';

type Labels = Readonly<Record<string, string>>;

/** A nil selector matches everything, as in Kubernetes. */
export function selectorMatches(sel: LabelSelector | null | undefined, labels: Labels): boolean {
  return labelSelectorMatches(sel, labels);
}

/** Whether the selector matched, and the In/NotIn label it matched on (check-inject's reason text). */
function matchedSelectorInfo(sel: LabelSelector | null | undefined, labels: Labels): { matched: boolean; label: string } {
  if (!sel) return { matched: true, label: '' };
  if (!selectorMatches(sel, labels)) return { matched: false, label: '' };
  for (const e of sel.matchExpressions ?? []) {
    if ((e.operator === 'In' || e.operator === 'NotIn') && Object.prototype.hasOwnProperty.call(labels, e.key)) {
      return { matched: true, label: `${e.key}=${labels[e.key]}` };
    }
  }
  return { matched: true, label: '' };
}

/** istioctl's "never match" selector that deactivates a webhook. */
function isNeverMatch(sel: LabelSelector | null | undefined): boolean {
  const m = sel?.matchLabels;
  return !!m && Object.keys(m).length === 1 && m['istio.io/deactivated'] === 'never-match' && !(sel?.matchExpressions?.length);
}

function analyzeWebhooks(whs: readonly MutatingWebhook[], podLabels: Labels, nsLabels: Labels): { reason: string; injected: boolean } {
  for (const wh of whs) {
    const ns = matchedSelectorInfo(wh.namespaceSelector, nsLabels);
    const pod = matchedSelectorInfo(wh.objectSelector, podLabels);
    if (ns.matched && pod.matched) {
      if (ns.label && pod.label) return { reason: `Namespace label ${ns.label} matches, and pod label ${pod.label} matches`, injected: true };
      if (ns.label) {
        let msg = `Namespace label ${ns.label} matches`;
        if (ns.label.includes('kubernetes.io/metadata.name')) msg += ' (Automatic injection is enabled in all namespaces).';
        return { reason: msg, injected: true };
      }
      if (pod.label) return { reason: `Pod label ${pod.label} matches`, injected: true };
    } else if (ns.matched) {
      for (const me of wh.objectSelector?.matchExpressions ?? []) {
        const has = Object.prototype.hasOwnProperty.call(podLabels, me.key);
        const v = podLabels[me.key];
        if (me.operator === 'DoesNotExist' && has) return { reason: `Pod has ${me.key}=${v} label, preventing injection`, injected: false };
        if (me.operator === 'NotIn' && has && (me.values ?? []).includes(v as string)) {
          return { reason: `Pod has ${me.key}=${v} label, preventing injection`, injected: false };
        }
      }
    } else if (pod.matched) {
      const v = nsLabels[INJECTION_LABEL];
      if (v !== undefined && v !== 'enabled') return { reason: `Namespace has ${INJECTION_LABEL}=${v} label, preventing injection`, injected: false };
    }
  }
  const inLabels = (sel: LabelSelector | null | undefined): string[] =>
    (sel?.matchExpressions ?? []).filter((e) => e.operator === 'In').flatMap((e) => (e.values ?? []).map((v) => `${e.key}=${v}`));
  if (whs.some((wh) => isNeverMatch(wh.namespaceSelector) && isNeverMatch(wh.objectSelector))) {
    return { reason: 'The injection webhook is deactivated, and will never match labels.', injected: false };
  }
  return {
    reason: `No matching namespace labels (${whs.flatMap((w) => inLabels(w.namespaceSelector)).join(', ')}) or pod labels (${whs.flatMap((w) => inLabels(w.objectSelector)).join(', ')})`,
    injected: false,
  };
}

export function isIstioWebhook(mwc: MutatingWebhookConfiguration): boolean {
  return (mwc.webhooks ?? []).some((w) => w.name.endsWith('istio.io'));
}

/** One row per Istio injection webhook configuration, sorted by name (check-inject's table). */
export function analyzeRunningWebhooks(mwcs: readonly MutatingWebhookConfiguration[], podLabels: Labels, nsLabels: Labels): WebhookAnalysis[] {
  return mwcs
    .filter(isIstioWebhook)
    .map((mwc) => ({ name: mwc.metadata.name, revision: mwc.metadata.labels?.[REVISION_LABEL] ?? '', ...analyzeWebhooks(mwc.webhooks ?? [], podLabels, nsLabels) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * The revisions that would inject a pod with these labels in a namespace with these labels.
 * A webhook configuration without an istio.io/rev label is the "default" revision; revision tag
 * webhooks (istio.io/tag) inject with the revision they point at.
 */
export function injectingRevisions(mwcs: readonly MutatingWebhookConfiguration[], podLabels: Labels, nsLabels: Labels): string[] {
  const revs = analyzeRunningWebhooks(mwcs, podLabels, nsLabels)
    .filter((a) => a.injected)
    .map((a) => a.revision || 'default');
  return [...new Set(revs)].sort();
}
