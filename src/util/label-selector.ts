/**
 * Kubernetes LabelSelector semantics (matchLabels + matchExpressions), as
 * metav1.LabelSelectorAsSelector(...).Matches(labels): an absent selector matches everything;
 * a selector Kubernetes would reject (unknown operator, In/NotIn without values, Exists with
 * values) matches nothing, as the Go helpers return false on the conversion error. Shared by
 * analyze, install, kube-inject and namespace status.
 */

type Labels = Readonly<Record<string, string>>;

function asObject(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function labelSelectorMatches(selector: unknown, labels: Labels): boolean {
  if (selector === undefined || selector === null) return true;
  const sel = asObject(selector);
  const matchLabels = asObject(sel['matchLabels']);
  for (const k of Object.keys(matchLabels)) if (labels[k] !== matchLabels[k]) return false;
  const exprs = Array.isArray(sel['matchExpressions']) ? (sel['matchExpressions'] as unknown[]) : [];
  for (const e of exprs) {
    const expr = asObject(e);
    const key = typeof expr['key'] === 'string' ? expr['key'] : '';
    const values = asStrings(expr['values']);
    const has = Object.prototype.hasOwnProperty.call(labels, key);
    switch (expr['operator']) {
      case 'In':
        if (values.length === 0 || !has || !values.includes(labels[key] as string)) return false;
        break;
      case 'NotIn':
        if (values.length === 0) return false;
        if (has && values.includes(labels[key] as string)) return false;
        break;
      case 'Exists':
        if (values.length > 0 || !has) return false;
        break;
      case 'DoesNotExist':
        if (values.length > 0 || has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** labels.Selector.Empty(): a selector with neither matchLabels nor matchExpressions. */
export function labelSelectorEmpty(selector: unknown): boolean {
  const sel = asObject(selector);
  return Object.keys(asObject(sel['matchLabels'])).length === 0 && !(Array.isArray(sel['matchExpressions']) && sel['matchExpressions'].length > 0);
}
