/**
 * sprig v3 numeric, conversion, defaults, JSON, encoding, hashing, path, reflection and
 * regular-expression functions.
 */
import { posix } from 'node:path';
import { marshalGoJson, parseGoJson } from './gojson.js';
import { FailError, FuncError, GoInt, goTypeName, sliceOf, type GoValue } from './value.js';
import { def, deepEqual, int64, isEmpty, kindOf, strval, toFloat64, toInt64, type FuncTable } from './sprig-util.js';
import { compileGoRegexp, goRegexpExpand, goRegexpFindAll, goRegexpReplaceAll, goRegexpSplit, mustCompileGoRegexp, quoteMeta } from './sprig-regexp.js';

/** node:crypto, loaded on first use: most renders never hash or draw random numbers. */
const crypto = (): typeof import('node:crypto') => process.getBuiltinModule('node:crypto');

const ANY = 'interface {}';
const S = 'string';
const I = 'int';

/** Exact decimal arithmetic for addf/subf/mulf/divf (sprig uses shopspring/decimal). */
function toDecimal(v: GoValue): { n: bigint; scale: number } {
  const f = toFloat64(v);
  if (!Number.isFinite(f)) return { n: 0n, scale: 0 };
  // decimal.NewFromFloat uses the shortest representation that round-trips.
  const s = String(f).includes('e') ? f.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : String(f);
  const [int, frac = ''] = s.replace('-', '').split('.');
  const n = BigInt(int! + frac) * (f < 0 ? -1n : 1n);
  return { n, scale: frac.length };
}
function decimalToFloat(n: bigint, scale: number): number {
  return Number(`${n < 0n ? '-' : ''}${(n < 0n ? -n : n).toString().padStart(scale + 1, '0').replace(new RegExp(`(\\d{${scale}})$`), '.$1')}`);
}
function align(a: { n: bigint; scale: number }, b: { n: bigint; scale: number }): [bigint, bigint, number] {
  const s = Math.max(a.scale, b.scale);
  return [a.n * 10n ** BigInt(s - a.scale), b.n * 10n ** BigInt(s - b.scale), s];
}
function decimalOp(first: GoValue, rest: GoValue[], op: 'add' | 'sub' | 'mul' | 'div'): number {
  let acc = toDecimal(first);
  for (const r of rest) {
    const b = toDecimal(r);
    if (op === 'mul') acc = { n: acc.n * b.n, scale: acc.scale + b.scale };
    else if (op === 'div') {
      if (b.n === 0n) throw new FuncError('decimal division by 0');
      // DivisionPrecision = 16 fractional digits, rounded half away from zero.
      const [x, y] = align(acc, b);
      const scaled = x * 10n ** 17n;
      let q = scaled / y;
      const neg = q < 0n;
      if (neg) q = -q;
      q = (q + 5n) / 10n;
      acc = { n: neg ? -q : q, scale: 16 };
    } else {
      const [x, y, s] = align(acc, b);
      acc = { n: op === 'add' ? x + y : x - y, scale: s };
    }
  }
  return decimalToFloat(acc.n, acc.scale);
}

function goRound(a: GoValue, p: bigint, roundOn: number): number {
  const val = toFloat64(a);
  const pow = Math.pow(10, Number(p));
  const digit = pow * val;
  const div = digit - Math.trunc(digit);
  return (div >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

function untilStep(start: bigint, stop: bigint, step: bigint): GoValue[] {
  const v: GoValue[] = [];
  const limit = 10_000_000;
  if (stop < start) {
    if (step >= 0n) return sliceOf(v, 'int');
    for (let i = start; i > stop; i += step) {
      v.push(i);
      if (v.length > limit) throw new FuncError('untilStep: too many elements');
    }
    return sliceOf(v, 'int');
  }
  if (step <= 0n) return sliceOf(v, 'int');
  for (let i = start; i < stop; i += step) {
    v.push(i);
    if (v.length > limit) throw new FuncError('untilStep: too many elements');
  }
  return sliceOf(v, 'int');
}

function seq(params: bigint[]): string {
  let list: GoValue[];
  switch (params.length) {
    case 1: {
      const end = params[0]!;
      const inc = end < 1n ? -1n : 1n;
      list = untilStep(1n, end + inc, inc);
      break;
    }
    case 2: {
      const [start, end] = params as [bigint, bigint];
      const step = end < start ? -1n : 1n;
      list = untilStep(start, end + step, step);
      break;
    }
    case 3: {
      const [start, step, end] = params as [bigint, bigint, bigint];
      let inc = 1n;
      if (end < start) {
        inc = -1n;
        if (step > 0n) return '';
      }
      list = untilStep(start, end + inc, step);
      break;
    }
    default:
      return '';
  }
  return list.map(String).join(' ');
}

/** Go's base64 StdEncoding error: the offset of the first byte it cannot accept. */
function base64Decode(s: string): string {
  const clean = s.replace(/[\r\n]/g, '');
  const valid = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(clean);
  if (!valid) {
    let i = 0;
    while (i < clean.length && /[A-Za-z0-9+/]/.test(clean[i]!)) i++;
    const at = i < clean.length ? i : clean.length - (clean.length % 4 === 0 ? 0 : clean.length % 4);
    return `illegal base64 data at input byte ${Math.max(0, at)}`;
  }
  return Buffer.from(clean, 'base64').toString('utf8');
}

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
function base32Encode(s: string): string {
  const bytes = Buffer.from(s, 'utf8');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += B32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  while (out.length % 8 !== 0) out += '=';
  return out;
}
function base32Decode(s: string): string {
  const clean = s.replace(/=+$/, '');
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (let i = 0; i < clean.length; i++) {
    const idx = B32.indexOf(clean[i]!);
    if (idx < 0) return `illegal base32 data at input byte ${i}`;
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Buffer.from(out).toString('utf8');
}

function adler32(s: string): number {
  let a = 1;
  let b = 0;
  for (const byte of Buffer.from(s, 'utf8')) {
    a = (a + byte) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

function maxMin(args: GoValue[], pick: (a: bigint, b: bigint) => boolean): GoInt {
  let acc = toInt64(args[0]!);
  for (const x of args.slice(1)) {
    const v = toInt64(x);
    if (pick(v, acc)) acc = v;
  }
  return int64(acc);
}

export function addMiscFuncs(t: FuncTable): void {
  // defaults.go
  def(t, 'default', [ANY], ([d, ...given]) => (given.length === 0 || isEmpty(given[0]!) ? d ?? null : given[0]!), ANY);
  def(t, 'empty', [ANY], ([v]) => isEmpty(v!));
  def(t, 'coalesce', [], (vs) => vs.find((v) => !isEmpty(v)) ?? null, ANY);
  def(t, 'all', [], (vs) => vs.every((v) => !isEmpty(v)), ANY);
  def(t, 'any', [], (vs) => vs.some((v) => !isEmpty(v)), ANY);
  def(t, 'ternary', [ANY, ANY, 'bool'], ([a, b, c]) => (c ? a ?? null : b ?? null));
  def(t, 'fail', [S], ([msg]) => {
    throw new FailError(msg as string);
  });

  // JSON (sprig's own; Helm overrides toJson/fromJson with equivalent ones).
  const swallow = (f: () => string): string => {
    try {
      return f();
    } catch {
      return '';
    }
  };
  def(t, 'toJson', [ANY], ([v]) => swallow(() => marshalGoJson(v ?? null)));
  def(t, 'mustToJson', [ANY], ([v]) => marshalGoJson(v ?? null));
  def(t, 'toPrettyJson', [ANY], ([v]) => swallow(() => marshalGoJson(v ?? null, { indent: '  ' })));
  def(t, 'mustToPrettyJson', [ANY], ([v]) => marshalGoJson(v ?? null, { indent: '  ' }));
  // toRawJson panics on error in sprig; the executor reports a panic like an error.
  def(t, ['toRawJson', 'mustToRawJson'], [ANY], ([v]) => marshalGoJson(v ?? null, { escapeHtml: false }));
  def(t, 'fromJson', [S], ([s]) => {
    try {
      return parseGoJson(s as string);
    } catch {
      return null;
    }
  });
  def(t, 'mustFromJson', [S], ([s]) => parseGoJson(s as string));

  // numeric.go: integer arithmetic is int64, through cast.ToInt64.
  def(t, 'int64', [ANY], ([v]) => int64(toInt64(v!)));
  def(t, 'int', [ANY], ([v]) => toInt64(v!));
  def(t, 'float64', [ANY], ([v]) => toFloat64(v!));
  def(t, 'atoi', [S], ([s]) => (/^[+-]?\d+$/.test(s as string) ? BigInt.asIntN(64, BigInt(s as string)) : 0n));
  def(t, 'toDecimal', [ANY], ([v]) => {
    const s = strval(v!);
    return int64(/^[+-]?[0-7]+$/.test(s) ? BigInt.asIntN(64, BigInt((s.startsWith('-') ? '-' : '') + '0o' + s.replace(/^[+-]/, ''))) : 0n);
  });
  def(t, 'add1', [ANY], ([v]) => int64(toInt64(v!) + 1n));
  def(t, 'add', [], (vs) => int64(vs.reduce<bigint>((a, b) => BigInt.asIntN(64, a + toInt64(b)), 0n)), ANY);
  def(t, 'sub', [ANY, ANY], ([a, b]) => int64(toInt64(a!) - toInt64(b!)));
  def(t, 'mul', [ANY], ([a, ...vs]) => int64(vs.reduce<bigint>((x, y) => BigInt.asIntN(64, x * toInt64(y)), toInt64(a!))), ANY);
  def(t, 'div', [ANY, ANY], ([a, b]) => {
    const d = toInt64(b!);
    if (d === 0n) throw new FuncError('runtime error: integer divide by zero');
    return int64(toInt64(a!) / d);
  });
  def(t, 'mod', [ANY, ANY], ([a, b]) => {
    const d = toInt64(b!);
    if (d === 0n) throw new FuncError('runtime error: integer divide by zero');
    return int64(toInt64(a!) % d);
  });
  def(t, ['max', 'biggest'], [ANY], (vs) => maxMin(vs, (v, acc) => v > acc), ANY);
  def(t, 'min', [ANY], (vs) => maxMin(vs, (v, acc) => v < acc), ANY);
  def(t, 'maxf', [ANY], (vs) => vs.map(toFloat64).reduce((a, b) => Math.max(a, b)), ANY);
  def(t, 'minf', [ANY], (vs) => vs.map(toFloat64).reduce((a, b) => Math.min(a, b)), ANY);
  def(t, 'add1f', [ANY], ([v]) => decimalOp(v!, [1], 'add'));
  def(t, 'addf', [], (vs) => decimalOp(0, vs, 'add'), ANY);
  def(t, 'subf', [ANY], ([a, ...vs]) => decimalOp(a!, vs, 'sub'), ANY);
  def(t, 'mulf', [ANY], ([a, ...vs]) => decimalOp(a!, vs, 'mul'), ANY);
  def(t, 'divf', [ANY], ([a, ...vs]) => decimalOp(a!, vs, 'div'), ANY);
  def(t, 'ceil', [ANY], ([v]) => Math.ceil(toFloat64(v!)));
  def(t, 'floor', [ANY], ([v]) => Math.floor(toFloat64(v!)));
  def(t, 'round', [ANY, I], ([a, p, ...r]) => goRound(a!, p as bigint, r.length > 0 ? (r[0] as number) : 0.5), 'float64');
  def(t, 'until', [I], ([n]) => untilStep(0n, n as bigint, (n as bigint) < 0n ? -1n : 1n));
  def(t, 'untilStep', [I, I, I], ([a, b, c]) => untilStep(a as bigint, b as bigint, c as bigint));
  def(t, 'seq', [], (ps) => seq(ps as bigint[]), I);
  def(t, 'randInt', [I, I], ([lo, hi]) => {
    const span = (hi as bigint) - (lo as bigint);
    // rand.Intn panics on a non-positive bound
    if (span <= 0n) throw new FuncError('invalid argument to Intn');
    return (lo as bigint) + BigInt(crypto().randomInt(Number(span)));
  });

  // reflect.go
  def(t, 'typeOf', [ANY], ([v]) => goTypeName(v ?? null));
  def(t, 'typeIs', [S, ANY], ([n, v]) => n === goTypeName(v ?? null));
  def(t, 'typeIsLike', [S, ANY], ([n, v]) => {
    const tn = goTypeName(v ?? null);
    return n === tn || '*' + (n as string) === tn;
  });
  def(t, 'kindOf', [ANY], ([v]) => kindOf(v ?? null));
  def(t, 'kindIs', [S, ANY], ([n, v]) => n === kindOf(v ?? null));
  def(t, 'deepEqual', [ANY, ANY], ([a, b]) => deepEqual(a ?? null, b ?? null));

  // encoding, hashing, ids
  def(t, 'b64enc', [S], ([s]) => Buffer.from(s as string, 'utf8').toString('base64'));
  def(t, 'b64dec', [S], ([s]) => base64Decode(s as string));
  def(t, 'b32enc', [S], ([s]) => base32Encode(s as string));
  def(t, 'b32dec', [S], ([s]) => base32Decode(s as string));
  def(t, 'sha256sum', [S], ([s]) => crypto().createHash('sha256').update(s as string, 'utf8').digest('hex'));
  def(t, 'sha512sum', [S], ([s]) => crypto().createHash('sha512').update(s as string, 'utf8').digest('hex'));
  def(t, 'sha1sum', [S], ([s]) => crypto().createHash('sha1').update(s as string, 'utf8').digest('hex'));
  def(t, 'adler32sum', [S], ([s]) => String(adler32(s as string)));
  def(t, 'uuidv4', [], () => crypto().randomUUID());

  // paths (path.*; filepath.* is the same on the platforms Helm renders for)
  def(t, ['base', 'osBase'], [S], ([p]) => ((p as string) === '' ? '.' : posix.basename((p as string).replace(/\/+$/, '')) || '/'));
  def(t, ['dir', 'osDir'], [S], ([p]) => posix.dirname(posix.normalize((p as string) || '.').replace(/(.)\/$/, '$1')) || '.');
  def(t, ['clean', 'osClean'], [S], ([p]) => ((p as string) === '' ? '.' : posix.normalize(p as string).replace(/(.)\/$/, '$1')));
  def(t, ['ext', 'osExt'], [S], ([p]) => {
    const s = p as string;
    for (let i = s.length - 1; i >= 0 && s[i] !== '/'; i--) if (s[i] === '.') return s.slice(i);
    return '';
  });
  def(t, ['isAbs', 'osIsAbs'], [S], ([p]) => (p as string).startsWith('/'));

  // regex.go: RE2 syntax translated to JavaScript's engine.
  def(t, 'regexMatch', [S, S], ([re, s]) => {
    try {
      return compileGoRegexp(re as string).test(s as string);
    } catch {
      return false;
    }
  });
  def(t, 'mustRegexMatch', [S, S], ([re, s]) => compileGoRegexp(re as string).test(s as string));
  for (const must of [false, true]) {
    // sprig's plain variants compile with regexp.MustCompile (a bad pattern panics, which the
    // executor reports with the panic text); the must variants return Compile's error.
    const compile = must ? compileGoRegexp : mustCompileGoRegexp;
    const p = must ? 'mustR' : 'r';
    def(t, `${p}egexFindAll`, [S, S, I], ([re, s, n]) => sliceOf(goRegexpFindAll(compile(re as string), s as string, Number(n)).map((m) => m[0]!), 'string'));
    def(t, `${p}egexFind`, [S, S], ([re, s]) => goRegexpFindAll(compile(re as string), s as string, 1)[0]?.[0] ?? '');
    def(t, `${p}egexReplaceAll`, [S, S, S], ([re, s, repl]) => goRegexpReplaceAll(compile(re as string), s as string, (m) => goRegexpExpand(repl as string, m)));
    def(t, `${p}egexReplaceAllLiteral`, [S, S, S], ([re, s, repl]) => goRegexpReplaceAll(compile(re as string), s as string, () => repl as string));
    def(t, `${p}egexSplit`, [S, S, I], ([re, s, n]) => sliceOf(goRegexpSplit(compile(re as string), s as string, Number(n)), 'string'));
  }
  def(t, 'regexQuoteMeta', [S], ([s]) => quoteMeta(s as string));
}

