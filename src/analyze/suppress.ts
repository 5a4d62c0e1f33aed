/** -S "CODE=Kind ns/name" suppressions and the galley.istio.io/analyze-suppress annotation. */
import { SailError } from '../errors.js';
import type { Message } from './analyzer.js';
import { friendlyName } from './resource.js';

export const SUPPRESS_ANNOTATION = 'galley.istio.io/analyze-suppress';

export interface Suppression {
  code: string;
  resourcePattern: string;
  matcher: RegExp;
}

/** `*` matches any run of characters (istioctl's glob); everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  const body = glob.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${body}$`, 's');
}

export function parseSuppression(s: string): Suppression {
  const parts = s.split('=');
  if (parts.length !== 2) {
    throw new SailError('USAGE', `${s} is not a valid suppression value. See sailctl analyze --help`, {
      hint: 'use -S "CODE=Kind namespace/name", e.g. -S "IST0102=Namespace *"',
    });
  }
  const [code, resourcePattern] = parts as [string, string];
  return { code, resourcePattern, matcher: globToRegExp(resourcePattern) };
}

export function isSuppressed(m: Message, suppressions: readonly Suppression[]): boolean {
  const r = m.resource;
  if (!r) return false;
  const ann = r.annotations[SUPPRESS_ANNOTATION];
  if (ann) {
    for (const code of ann.split(',')) if (code === '*' || code === m.type.code) return true;
  }
  if (suppressions.length === 0) return false;
  const name = friendlyName(r);
  return suppressions.some((s) => s.code === m.type.code && s.matcher.test(name));
}
