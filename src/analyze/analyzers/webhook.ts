import { newMessage, type Analyzer } from '../analyzer.js';
import { K } from '../kinds.js';
import { arr, obj, str, strMap, strs, type JsonObject, type Resource } from '../resource.js';
import { labelSelectorMatches } from './label-selector.js';

const REV_LABEL = 'istio.io/rev';

/** Revisions a webhook configuration serves: its label and istio.io/rev in any selector. */
function revisionsOf(cfg: Resource, webhooks: readonly JsonObject[]): string[] {
  const revs = new Set<string>();
  if (cfg.labels[REV_LABEL] !== undefined) revs.add(cfg.labels[REV_LABEL]);
  for (const wh of webhooks) {
    for (const which of ['namespaceSelector', 'objectSelector']) {
      const sel = wh[which];
      if (sel === undefined || sel === null) continue;
      const ml = strMap(obj(sel)['matchLabels']);
      if (ml[REV_LABEL] !== undefined) revs.add(ml[REV_LABEL]);
      for (const e of arr(obj(sel)['matchExpressions'])) if (str(obj(e)['key']) === REV_LABEL) for (const v of strs(obj(e)['values'])) revs.add(v);
    }
  }
  return [...revs];
}

function sortedStrings(xs: Iterable<string>): string[] {
  return [...xs].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export const webhookAnalyzer: Analyzer = {
  name: 'webhook.Analyzer',
  description: 'Reports Istio sidecar-injection webhooks that overlap one another or point at a missing Service',
  inputs: [K.MutatingWebhookConfiguration, K.Service],
  analyze(ctx) {
    const webhooks = new Map<string, JsonObject[]>();
    const owner = new Map<string, Resource>();
    const revisions = new Set<string>();
    for (const cfg of ctx.snapshot.list(K.MutatingWebhookConfiguration)) {
      const whs = arr(cfg.object['webhooks']).map(obj);
      const revs = revisionsOf(cfg, whs);
      if (revs.length === 0 && !whs.some((w) => str(w['name']).endsWith('istio.io'))) continue;
      webhooks.set(cfg.name, whs);
      for (const w of whs) owner.set(`${cfg.name}/${str(w['name'])}`, cfg);
      for (const r of revs) revisions.add(r);
    }

    // Every namespace/object label combination a workload can have must reach at most one webhook.
    const base = (key: string, on: string, off: string): Array<Record<string, string>> => [{}, { [key]: on }, { [key]: off }];
    const nsLabelSets = base('istio-injection', 'enabled', 'disabled');
    const objLabelSets = base('sidecar.istio.io/inject', 'true', 'false');
    for (const rev of revisions) {
      for (const b of base('istio-injection', 'enabled', 'disabled')) nsLabelSets.push({ ...b, [REV_LABEL]: rev });
      for (const b of base('sidecar.istio.io/inject', 'true', 'false')) objLabelSets.push({ ...b, [REV_LABEL]: rev });
    }
    for (const nl of nsLabelSets) {
      for (const ol of objLabelSets) {
        const matches = new Set<string>();
        for (const [name, whs] of webhooks) {
          for (const w of whs) if (labelSelectorMatches(w['namespaceSelector'], nl) && labelSelectorMatches(w['objectSelector'], ol)) matches.add(`${name}/${str(w['name'])}`);
        }
        if (matches.size < 2) continue;
        for (const m of matches) {
          const others = sortedStrings([...matches].filter((x) => x !== m));
          ctx.report(newMessage('InvalidWebhook', owner.get(m), [`Webhook overlaps with others: [${others.join(' ')}]. This may cause injection to occur twice.`]));
        }
      }
    }

    for (const [name, whs] of webhooks) {
      for (const w of whs) {
        const svc = obj(w['clientConfig'])['service'];
        if (svc === undefined || svc === null) continue;
        const ns = str(obj(svc)['namespace']);
        const svcName = str(obj(svc)['name']);
        if (ctx.snapshot.get(K.Service, ns, svcName)) continue;
        const full = ns ? `${ns}/${svcName}` : svcName;
        ctx.report(newMessage('InvalidWebhook', owner.get(`${name}/${str(w['name'])}`), [`Injector refers to a control plane service that does not exist: ${full}.`]));
      }
    }
  },
};
