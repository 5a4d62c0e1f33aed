/**
 * `profile dump` and `profile diff` as pure functions over a resolved IstioOperator: the spec
 * (or a subtree of it) in yaml/json/flags, and istioctl 1.23's line diff of two profiles.
 */
import { SailError } from '../errors.js';
import { toGoJson, toGoYaml, toSetFlags } from './format.js';
import { splitSetPath } from './setflag.js';
import { IOP_API_VERSION, IOP_KIND, isJsonObject, type IstioOperator, type JsonValue } from './types.js';

export const DUMP_FORMATS = ['yaml', 'json', 'flags'] as const;
export type DumpFormat = (typeof DUMP_FORMATS)[number];

/** The node at a --config-path (dots, `\.` escapes, [N] and [key:value]) below spec. */
export function configSubtree(spec: JsonValue, configPath: string): JsonValue {
  const segs = splitSetPath(configPath.startsWith('spec.') ? configPath.slice(5) : configPath);
  let cur: JsonValue = spec;
  const seen: string[] = [];
  for (const seg of segs) {
    let next: JsonValue | undefined;
    const sel = /^\[(.*)\]$/.exec(seg);
    if (sel && Array.isArray(cur)) {
      const inner = sel[1] as string;
      const colon = inner.indexOf(':');
      if (colon >= 0) {
        const key = inner.slice(0, colon);
        const value = inner.slice(colon + 1);
        next = cur.find((i) => isJsonObject(i) && String(i[key]) === value);
      } else if (/^\d+$/.test(inner)) next = cur[Number(inner)];
    } else if (isJsonObject(cur)) {
      next = cur[seg];
    }
    if (next === undefined) {
      const at = seen.length ? ` (under ${seen.join('.')})` : '';
      throw new SailError('INVALID', `no "${seg}" in the configuration${at}`, {
        file: `--config-path ${configPath}`,
        hint: isJsonObject(cur) ? `keys here: ${Object.keys(cur).sort().join(', ') || '(none)'}` : undefined,
      });
    }
    seen.push(seg);
    cur = next;
  }
  return cur;
}

/** Renders `profile dump` output exactly as istioctl 1.23 prints it (including its trailing blank line). */
export function renderDump(iop: IstioOperator, format: DumpFormat, configPath?: string): string {
  const spec = (iop.spec ?? {}) as JsonValue;
  const tree: JsonValue = configPath ? configSubtree(spec, configPath) : { apiVersion: IOP_API_VERSION, kind: IOP_KIND, spec };
  switch (format) {
    case 'yaml':
      return `${toGoYaml(tree)}\n`;
    case 'json':
      return `${toGoJson(tree)}\n`;
    case 'flags': {
      // istioctl drops the apiVersion/kind wrapper and lists the spec's leaves.
      const leaves = configPath ? tree : spec;
      return `${toSetFlags(leaves).join('\n')}\n`;
    }
  }
}

/**
 * The whole resource as YAML, what `profile diff` compares: as istioctl 1.23 wrote its Go
 * IstioOperator struct, whose ObjectMeta always carries `creationTimestamp: null`.
 */
export function iopYaml(iop: IstioOperator): string {
  return toGoYaml({ ...iop, metadata: { creationTimestamp: null, ...(iop.metadata ?? {}) } });
}

/**
 * A line diff in the style of github.com/kylelemons/godebug/diff (what istioctl uses): every line
 * of both texts, prefixed "+" (only in b), "-" (only in a) or " " (both); within a changed run
 * the additions come before the deletions. Empty string when equal.
 */
export function lineDiff(a: string, b: string): string {
  if (a === b) return '';
  const A = a.split('\n');
  const B = b.split('\n');
  const n = A.length;
  const m = B.length;
  // LCS table from the end, so the walk below goes forwards.
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    const row = lcs[i] as Uint32Array;
    const below = lcs[i + 1] as Uint32Array;
    for (let j = m - 1; j >= 0; j--) {
      row[j] = A[i] === B[j] ? (below[j + 1] as number) + 1 : Math.max(below[j] as number, row[j + 1] as number);
    }
  }
  const out: string[] = [];
  let added: string[] = [];
  let deleted: string[] = [];
  const flush = (): void => {
    for (const l of added) out.push(`+${l}`);
    for (const l of deleted) out.push(`-${l}`);
    added = [];
    deleted = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && A[i] === B[j]) {
      flush();
      out.push(` ${A[i]}`);
      i++;
      j++;
    } else if (j < m && (i >= n || (lcs[i] as Uint32Array)[j + 1]! >= (lcs[i + 1] as Uint32Array)[j]!)) {
      added.push(B[j] as string);
      j++;
    } else {
      deleted.push(A[i] as string);
      i++;
    }
  }
  flush();
  return out.join('\n').replace(/\n+$/, '');
}
