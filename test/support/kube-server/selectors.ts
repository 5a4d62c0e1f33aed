/** Label and field selectors as the apiserver parses them (=, ==, !=, in, notin, exists, !key). */

export type LabelRequirement =
  | { op: 'eq' | 'neq'; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: string[] }
  | { op: 'exists' | 'notexists'; key: string };

export class SelectorError extends Error {}

/** Splits on commas that are not inside parentheses. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

const KEY = /^[A-Za-z0-9]([-A-Za-z0-9_./]*[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function checkKey(k: string): string {
  if (!KEY.test(k)) throw new SelectorError(`invalid label key "${k}"`);
  return k;
}
function checkValue(v: string): string {
  if (!VALUE.test(v)) throw new SelectorError(`invalid label value: "${v}"`);
  return v;
}

export function parseLabelSelector(text: string): LabelRequirement[] {
  const reqs: LabelRequirement[] = [];
  for (const part of splitTopLevel(text)) {
    let m: RegExpExecArray | null;
    if ((m = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part))) {
      const values = (m[3] as string).split(',').map((v) => checkValue(v.trim()));
      reqs.push({ op: m[2] === 'in' ? 'in' : 'notin', key: checkKey(m[1] as string), values });
    } else if ((m = /^([^!=\s]+)\s*!=\s*(\S*)$/.exec(part))) {
      reqs.push({ op: 'neq', key: checkKey(m[1] as string), value: checkValue(m[2] as string) });
    } else if ((m = /^([^!=\s]+)\s*==?\s*(\S*)$/.exec(part))) {
      reqs.push({ op: 'eq', key: checkKey(m[1] as string), value: checkValue(m[2] as string) });
    } else if ((m = /^!\s*(\S+)$/.exec(part))) {
      reqs.push({ op: 'notexists', key: checkKey(m[1] as string) });
    } else if (KEY.test(part)) {
      reqs.push({ op: 'exists', key: part });
    } else {
      throw new SelectorError(`unable to parse requirement: ${part}`);
    }
  }
  return reqs;
}

export function matchesLabels(reqs: LabelRequirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'eq':
        return has && v === r.value;
      case 'neq':
        return !has || v !== r.value;
      case 'in':
        return has && r.values.includes(v as string);
      case 'notin':
        return !has || !r.values.includes(v as string);
      case 'exists':
        return has;
      case 'notexists':
        return !has;
    }
  });
}

export interface FieldRequirement {
  path: string;
  value: string;
  negate: boolean;
}

const FIELD_PATHS = new Set(['metadata.name', 'metadata.namespace', 'status.phase', 'spec.nodeName']);

export function parseFieldSelector(text: string): FieldRequirement[] {
  return splitTopLevel(text).map((part) => {
    const m = /^([A-Za-z.]+)\s*(!=|==|=)\s*(.*)$/.exec(part);
    if (!m) throw new SelectorError(`invalid selector: '${part}'; can't understand '${part}'`);
    if (!FIELD_PATHS.has(m[1] as string)) throw new SelectorError(`field label not supported: ${m[1]}`);
    return { path: m[1] as string, value: m[3] as string, negate: m[2] === '!=' };
  });
}

export function matchesFields(reqs: FieldRequirement[], obj: Record<string, unknown>): boolean {
  return reqs.every((r) => {
    let cur: unknown = obj;
    for (const seg of r.path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[seg] : undefined;
    const v = cur === undefined ? '' : String(cur);
    return r.negate ? v !== r.value : v === r.value;
  });
}
