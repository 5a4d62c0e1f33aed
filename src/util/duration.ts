/** Go time.ParseDuration, for flags such as --kubeclient-timeout 15s and --readiness-timeout 5m. */
import { SailError } from '../errors.js';

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  'µs': 1e-3,
  'μs': 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

/** Parses a Go duration ("300ms", "1.5h", "2h45m", "0") into milliseconds. */
export function parseDuration(text: string, flag?: string): number {
  const s = text.trim();
  const fail = (): never => {
    throw new SailError('USAGE', `invalid duration "${text}"${flag ? ` for ${flag}` : ''}`, {
      hint: 'use a Go duration such as 30s, 5m or 1h30m',
    });
  };
  if (s === '0') return 0;
  let rest = s;
  let sign = 1;
  if (rest.startsWith('-') || rest.startsWith('+')) {
    if (rest[0] === '-') sign = -1;
    rest = rest.slice(1);
  }
  if (rest === '') fail();
  let total = 0;
  const re = /^(\d+(?:\.\d*)?|\.\d+)(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/;
  while (rest.length > 0) {
    const m = re.exec(rest);
    if (!m) return fail();
    total += Number(m[1]) * (UNIT_MS[m[2] as string] as number);
    rest = rest.slice(m[0].length);
  }
  return sign * total;
}

/** Formats milliseconds the way Go's Duration.String does (e.g. 5m0s, 1.5s, 300ms). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const neg = ms < 0;
  let rest = Math.abs(ms);
  let out = '';
  if (rest < 1000) {
    out = rest >= 1 ? `${trimFloat(rest)}ms` : rest >= 1e-3 ? `${trimFloat(rest * 1e3)}µs` : `${trimFloat(rest * 1e6)}ns`;
  } else {
    const h = Math.floor(rest / 3_600_000);
    rest -= h * 3_600_000;
    const m = Math.floor(rest / 60_000);
    rest -= m * 60_000;
    const sec = rest / 1000;
    if (h > 0) out += `${h}h`;
    if (h > 0 || m > 0) out += `${m}m`;
    out += `${trimFloat(sec)}s`;
  }
  return (neg ? '-' : '') + out;
}

function trimFloat(n: number): string {
  return String(Number(n.toFixed(9)));
}
