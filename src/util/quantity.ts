/**
 * Kubernetes resource.Quantity: parsing and the canonical string form the API server (and any Go
 * client that re-encodes an object) prints: "2000m" -> "2", "0.5" -> "500m", "1024Mi" -> "1Gi",
 * "1.5Gi" -> "1536Mi", "100e3" -> "100e3". Values are exact (bigint mantissa and a decimal
 * exponent), rounded up to the nano scale the way Kubernetes rounds them.
 */

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** value = mantissa * 10^scale */
  readonly mantissa: bigint;
  readonly scale: number;
  readonly format: QuantityFormat;
}

export class QuantityError extends Error {
  readonly input: string;
  constructor(input: string) {
    super(`quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'`);
    this.name = 'QuantityError';
    this.input = input;
  }
}

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIX).map(([k, v]) => [v, k]));
const BINARY_BY_EXPONENT = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

const QUANTITY_RE = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(.*)$/;
const NANO = -9;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

export function parseQuantity(input: string): Quantity {
  const m = QUANTITY_RE.exec(input);
  if (!m || input.length === 0) throw new QuantityError(input);
  const [, sign, whole = '', frac = '', suffix = ''] = m;
  if (whole.length === 0 && frac.length === 0) throw new QuantityError(input);
  let format: QuantityFormat;
  let mantissa = BigInt((whole || '0') + frac);
  let scale = -frac.length;
  if (suffix in DECIMAL_SUFFIX) {
    format = 'DecimalSI';
    scale += DECIMAL_SUFFIX[suffix] as number;
  } else if (suffix in BINARY_SUFFIX) {
    format = 'BinarySI';
    mantissa *= 1n << BigInt(BINARY_SUFFIX[suffix] as number);
  } else if (/^[eE][-+]?[0-9]+$/.test(suffix)) {
    format = 'DecimalExponent';
    scale += Number(suffix.slice(1));
  } else {
    throw new QuantityError(input);
  }
  // Kubernetes rounds anything finer than a nano-unit up, so a tiny request never becomes zero.
  if (scale < NANO && mantissa !== 0n) {
    const div = pow10(NANO - scale);
    mantissa = (mantissa + div - 1n) / div;
    scale = NANO;
  }
  if (format === 'BinarySI' && isBelowOne(mantissa, scale)) format = 'DecimalSI';
  return { mantissa: sign === '-' ? -mantissa : mantissa, scale, format };
}

function isBelowOne(mantissa: bigint, scale: number): boolean {
  const abs = mantissa < 0n ? -mantissa : mantissa;
  if (abs === 0n) return false;
  return scale < 0 ? abs < pow10(-scale) : false;
}

function isIntegral(mantissa: bigint, scale: number): boolean {
  return scale >= 0 || mantissa % pow10(-scale) === 0n;
}

/** |value| < 1024 */
function belowKibi(mantissa: bigint, scale: number): boolean {
  const abs = mantissa < 0n ? -mantissa : mantissa;
  return scale >= 0 ? abs * pow10(scale) < 1024n : abs < 1024n * pow10(-scale);
}

/** The canonical string, as Quantity.String() prints it. */
export function formatQuantity(q: Quantity): string {
  if (q.mantissa === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI' && (belowKibi(q.mantissa, q.scale) || !isIntegral(q.mantissa, q.scale))) format = 'DecimalSI';
  const negative = q.mantissa < 0n;
  let m = negative ? -q.mantissa : q.mantissa;
  let s = q.scale;
  let out: string;
  if (format === 'BinarySI') {
    if (s > 0) m *= pow10(s);
    else if (s < 0) m /= pow10(-s);
    let e = 0;
    while (m % 1024n === 0n && e < 6) {
      m /= 1024n;
      e++;
    }
    out = `${m}${BINARY_BY_EXPONENT[e]}`;
  } else {
    while (m % 10n === 0n) {
      m /= 10n;
      s++;
    }
    const r = ((s % 3) + 3) % 3;
    m *= pow10(r);
    s -= r;
    if (format === 'DecimalExponent') out = s === 0 ? `${m}` : `${m}e${s}`;
    else out = `${m}${DECIMAL_BY_EXPONENT.get(s) ?? `e${s}`}`;
  }
  return negative ? `-${out}` : out;
}

/** Canonicalises a quantity given as YAML/JSON would carry it (string or number). */
export function canonicalQuantity(value: string | number): string {
  return formatQuantity(parseQuantity(typeof value === 'number' ? numberText(value) : value));
}

/** A JSON number's text as Go's encoder writes it (no exponent for ordinary magnitudes). */
function numberText(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  return String(n).replace('e+', 'e');
}
