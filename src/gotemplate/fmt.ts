/**
 * Go's fmt printing (Sprint, Sprintln, Sprintf) and strconv float formatting over the engine's
 * value model. Floats are formatted from exact decimal expansions (BigInt) so rounding matches
 * Go's round-half-even on exact ties; shortest forms come from the JS shortest round-trip digits,
 * which are the same digits Go's shortest formatting picks.
 */
import { goQuote, isGoPrint, quoteRune } from './lexer.js';
import {
  GoComplex,
  GoFloat32,
  GoInt,
  GoStruct,
  type GoValue,
  goTypeName,
  intValue,
  mapElemType,
  sliceType,
} from './value.js';

// ---------------------------------------------------------------------------------------------
// strconv.FormatFloat

interface Digits {
  /** significant decimal digits without leading/trailing zeros ('' for zero) */
  d: string;
  /** decimal point position: value = 0.d × 10^dp */
  dp: number;
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/** Exact decimal expansion of a finite, non-negative double. */
function exactDigits(v: number): Digits {
  if (v === 0) return { d: '', dp: 0 };
  f64[0] = v;
  const bits = u64[0]!;
  const expBits = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (expBits === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = expBits - 1075;
  }
  let s: string;
  let dp: number;
  if (exp >= 0) {
    s = (mant << BigInt(exp)).toString();
    dp = s.length;
  } else {
    s = (mant * 5n ** BigInt(-exp)).toString();
    dp = s.length + exp;
  }
  return trimDigits(s, dp);
}

function trimDigits(s: string, dp: number): Digits {
  let start = 0;
  while (start < s.length && s[start] === '0') start++;
  let end = s.length;
  while (end > start && s[end - 1] === '0') end--;
  return { d: s.slice(start, end), dp: dp - start };
}

/** Rounds to nd significant digits, half to even (the expansion is exact, so ties are real). */
function roundDigits(x: Digits, nd: number): Digits {
  if (nd < 0) return { d: '', dp: x.dp };
  if (x.d.length <= nd) return x;
  const rest = x.d.slice(nd);
  let up: boolean;
  if (rest[0]! > '5') up = true;
  else if (rest[0]! < '5') up = false;
  else if (rest.length > 1) up = true;
  else up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  let d = x.d.slice(0, nd);
  let dp = x.dp;
  if (up) {
    let i = nd - 1;
    while (i >= 0 && d[i] === '9') i--;
    if (i < 0) {
      d = '1';
      dp++;
    } else d = d.slice(0, i) + String.fromCharCode(d.charCodeAt(i) + 1);
  }
  return trimDigits(d, dp);
}

/** Shortest digits that round-trip at the given bit size. */
function shortestDigits(v: number, bitSize: 32 | 64): Digits {
  if (v === 0) return { d: '', dp: 0 };
  if (bitSize === 32) {
    for (let p = 1; p <= 9; p++) {
      const s = v.toPrecision(p);
      if (Math.fround(Number(s)) === v) return parseExp(Number(s).toExponential());
    }
  }
  return parseExp(v.toExponential());
}

function parseExp(s: string): Digits {
  const e = s.indexOf('e');
  const mant = s.slice(0, e).replace('.', '');
  return trimDigits(mant, Number(s.slice(e + 1)) + 1);
}

function fmtE(neg: boolean, x: Digits, prec: number, ch: string): string {
  let s = neg ? '-' : '';
  s += x.d.length === 0 ? '0' : x.d[0];
  if (prec > 0) {
    s += '.';
    const tail = x.d.slice(1, 1 + prec);
    s += tail + '0'.repeat(prec - tail.length);
  }
  const exp = x.d.length === 0 ? 0 : x.dp - 1;
  const ae = Math.abs(exp);
  return s + ch + (exp < 0 ? '-' : '+') + (ae < 10 ? '0' + ae : String(ae));
}

function fmtF(neg: boolean, x: Digits, prec: number): string {
  let s = neg ? '-' : '';
  if (x.dp > 0) s += x.d.slice(0, x.dp) + '0'.repeat(Math.max(0, x.dp - x.d.length));
  else s += '0';
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) {
      const j = x.dp + i - 1;
      s += j >= 0 && j < x.d.length ? x.d[j] : '0';
    }
  }
  return s;
}

/** strconv.FormatFloat(v, fmt, prec, bitSize) for fmt in e E f g G. */
export function formatFloat(v: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number, bitSize: 32 | 64 = 64): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  const a = Math.abs(v);
  const shortest = prec < 0;
  let x: Digits;
  if (shortest) {
    x = shortestDigits(a, bitSize);
    switch (fmt) {
      case 'e':
      case 'E':
        prec = Math.max(x.d.length - 1, 0);
        break;
      case 'f':
        prec = Math.max(x.d.length - x.dp, 0);
        break;
      default:
        prec = x.d.length;
    }
  } else {
    const exact = exactDigits(a);
    switch (fmt) {
      case 'e':
      case 'E':
        x = roundDigits(exact, prec + 1);
        break;
      case 'f':
        x = roundDigits(exact, exact.dp + prec);
        break;
      default:
        if (prec === 0) prec = 1;
        x = roundDigits(exact, prec);
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, x, prec, fmt);
    case 'f':
      return fmtF(neg, x, prec);
  }
  let eprec = prec;
  if (eprec > x.d.length && x.d.length >= x.dp) eprec = x.d.length;
  if (shortest) eprec = 6;
  const exp = x.dp - 1;
  if (x.d.length !== 0 && (exp < -4 || exp >= eprec)) {
    if (prec > x.d.length) prec = x.d.length;
    return fmtE(neg, x, prec - 1, fmt === 'g' ? 'e' : 'E');
  }
  if (x.d.length === 0) return fmtF(neg, x, 0);
  if (prec > x.dp) prec = x.d.length;
  return fmtF(neg, x, Math.max(prec - x.dp, 0));
}

/** strconv 'b' format: decimal mantissa, 'p', binary exponent. */
function formatFloatBinary(v: number, size: 32 | 64): string {
  if (!Number.isFinite(v)) return formatFloat(v, 'g', -1);
  const neg = v < 0 || Object.is(v, -0);
  let mant: bigint;
  let exp: number;
  if (size === 32) {
    const b = new DataView(new ArrayBuffer(4));
    b.setFloat32(0, v);
    const bits = b.getUint32(0);
    const e = (bits >>> 23) & 0xff;
    mant = BigInt(bits & 0x7fffff);
    if (e === 0) exp = -149;
    else {
      mant |= 1n << 23n;
      exp = e - 150;
    }
  } else {
    f64[0] = v;
    const bits = u64[0]!;
    const e = Number((bits >> 52n) & 0x7ffn);
    mant = bits & ((1n << 52n) - 1n);
    if (e === 0) exp = -1074;
    else {
      mant |= 1n << 52n;
      exp = e - 1075;
    }
  }
  return (neg ? '-' : '') + mant.toString() + 'p' + (exp >= 0 ? '+' : '-') + Math.abs(exp);
}

/**
 * strconv 'x' format: -0x1.hhhhp±dd, shortest when prec < 0, else rounded half-even to prec hex
 * digits. A float32 is exact as a double and its low mantissa bits are zero, so trimming
 * trailing zeros gives the same digits as formatting it at 32 bits.
 */
function formatFloatHex(v: number, prec: number, upper: boolean): string {
  if (!Number.isFinite(v)) return formatFloat(v, 'g', -1);
  const neg = v < 0 || Object.is(v, -0);
  let mant = 0n;
  let exp = 0;
  const a = Math.abs(v);
  if (a !== 0) {
    f64[0] = a;
    const bits = u64[0]!;
    const e = Number((bits >> 52n) & 0x7ffn);
    mant = bits & ((1n << 52n) - 1n);
    if (e === 0) exp = -1074;
    else {
      mant |= 1n << 52n;
      exp = e - 1075;
    }
    // normalise so the leading 1 is bit 60 (mantissa 1.xxx with 60 fraction bits)
    while (mant < 1n << 60n) {
      mant <<= 1n;
      exp--;
    }
    exp += 60;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(60 - prec * 4);
    const extra = mant & ((1n << shift) - 1n);
    mant >>= shift;
    const half = 1n << (shift - 1n);
    if (extra > half || (extra === half && (mant & 1n) === 1n)) mant++;
    mant <<= shift;
    if (mant >= 1n << 61n) {
      mant >>= 1n;
      exp++;
    }
  }
  let frac = (mant & ((1n << 60n) - 1n)).toString(16).padStart(15, '0');
  if (prec < 0) frac = frac.replace(/0+$/, '');
  else frac = frac.slice(0, prec).padEnd(prec, '0');
  const lead = a === 0 ? '0' : '1';
  let s = (neg ? '-' : '') + '0x' + lead + (frac ? '.' + frac : '') + 'p' + (exp >= 0 ? '+' : '-') + String(Math.abs(exp)).padStart(2, '0');
  if (upper) s = s.toUpperCase();
  return s;
}

// ---------------------------------------------------------------------------------------------
// fmt

interface Flags {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  plusV: boolean;
  sharpV: boolean;
  wid: number;
  widPresent: boolean;
  prec: number;
  precPresent: boolean;
}

function clearFlags(): Flags {
  return {
    plus: false,
    minus: false,
    sharp: false,
    space: false,
    zero: false,
    plusV: false,
    sharpV: false,
    wid: 0,
    widPresent: false,
    prec: 0,
    precPresent: false,
  };
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xdc00 || c > 0xdfff) n++;
  }
  return n;
}

class Printer {
  buf = '';
  f: Flags = clearFlags();

  padding(n: number): string {
    if (n <= 0) return '';
    return (this.f.zero ? '0' : ' ').repeat(n);
  }
  pad(s: string): void {
    if (!this.f.widPresent || this.f.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.f.wid - runeCount(s);
    if (width <= 0) this.buf += s;
    else if (this.f.minus) this.buf += s + ' '.repeat(width);
    else this.buf += this.padding(width) + s;
  }
  private truncate(s: string): string {
    if (this.f.precPresent) {
      const chars = [...s];
      if (chars.length > this.f.prec) return chars.slice(0, this.f.prec).join('');
    }
    return s;
  }

  badVerb(verb: string, v: GoValue): void {
    this.buf += '%!' + verb + '(';
    if (v === null || v === undefined) this.buf += '<nil>';
    else {
      this.buf += goTypeName(v) + '=';
      this.printArg(v, 'v', 0);
    }
    this.buf += ')';
  }

  fmtBool(b: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.pad(b ? 'true' : 'false');
    else this.badVerb(verb, b);
  }

  fmtString(s: string, verb: string, orig: GoValue): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.fmtQ(s);
        else this.pad(this.truncate(s));
        return;
      case 's':
        this.pad(this.truncate(s));
        return;
      case 'x':
      case 'X':
        this.fmtSx(Buffer.from(this.truncate(s), 'utf8'), verb === 'x' ? '0123456789abcdef' : '0123456789ABCDEF', verb);
        return;
      case 'q':
        this.fmtQ(s);
        return;
      default:
        this.badVerb(verb, orig);
    }
  }

  private fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.f.sharp && !s.includes('`') && canBackquote(s)) {
      this.pad('`' + s + '`');
      return;
    }
    this.pad(goQuote(s, this.f.plus));
  }

  private fmtSx(bytes: Uint8Array, digits: string, verb: string): void {
    let length = bytes.length;
    if (this.f.precPresent && this.f.prec < length) length = this.f.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.f.space) {
        if (this.f.sharp) width *= 2;
        width += length - 1;
      } else if (this.f.sharp) width += 2;
    } else {
      if (this.f.widPresent) this.buf += this.padding(this.f.wid);
      return;
    }
    const prefix = verb === 'x' ? '0x' : '0X';
    let out = '';
    if (this.f.sharp && !this.f.space) out += prefix;
    for (let i = 0; i < length; i++) {
      if (this.f.space && i > 0) out += ' ';
      if (this.f.space && this.f.sharp) out += prefix;
      const b = bytes[i]!;
      out += digits[b >> 4]! + digits[b & 15]!;
    }
    if (this.f.widPresent && this.f.wid > width && !this.f.minus) this.buf += this.padding(this.f.wid - width) + out;
    else if (this.f.widPresent && this.f.wid > width) this.buf += out + this.padding(this.f.wid - width);
    else this.buf += out;
  }

  fmtInteger(v: bigint, unsigned: boolean, verb: string, orig: GoValue): void {
    switch (verb) {
      case 'v':
        if (this.f.sharpV && unsigned) {
          // Go prints unsigned integers in %#v as 0x hex
          const sharp = this.f.sharp;
          this.f.sharp = true;
          this.fmtInt(v, 16, 'x', '0123456789abcdefx');
          this.f.sharp = sharp;
          return;
        }
        return this.fmtInt(v, 10, verb, '0123456789abcdefx');
      case 'd':
        return this.fmtInt(v, 10, verb, '0123456789abcdefx');
      case 'b':
        return this.fmtInt(v, 2, verb, '0123456789abcdefx');
      case 'o':
      case 'O':
        return this.fmtInt(v, 8, verb, '0123456789abcdefx');
      case 'x':
        return this.fmtInt(v, 16, verb, '0123456789abcdefx');
      case 'X':
        return this.fmtInt(v, 16, verb, '0123456789ABCDEFX');
      case 'c':
        return this.pad(runeString(v));
      case 'q':
        return this.pad(quoteRuneLiteral(v, this.f.plus));
      case 'U':
        return this.fmtUnicode(v);
      default:
        this.badVerb(verb, orig);
    }
  }

  private fmtUnicode(v: bigint): void {
    let s = 'U+' + (v < 0n ? (v + (1n << 64n)) : v).toString(16).toUpperCase().padStart(this.f.precPresent && this.f.prec > 4 ? this.f.prec : 4, '0');
    if (this.f.sharp && v >= 0n && v <= 0x10ffffn && isGoPrint(Number(v))) s += " '" + String.fromCodePoint(Number(v)) + "'";
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = oldZero;
  }

  private fmtInt(v: bigint, base: number, verb: string, digits: string): void {
    const negative = v < 0n;
    let u = negative ? -v : v;
    let prec = 0;
    if (this.f.precPresent) {
      prec = this.f.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.f.zero;
        this.f.zero = false;
        this.buf += this.f.widPresent ? ' '.repeat(this.f.wid) : '';
        this.f.zero = oldZero;
        return;
      }
    } else if (this.f.zero && this.f.widPresent) {
      prec = this.f.wid;
      if (negative || this.f.plus || this.f.space) prec--;
    }
    let s = u.toString(base);
    if (digits[10] === 'A') s = s.toUpperCase();
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (this.f.sharp) {
      if (base === 2) s = '0b' + s;
      else if (base === 8) {
        if (s[0] !== '0') s = '0' + s;
      } else if (base === 16) s = '0' + digits[16] + s;
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (this.f.plus) s = '+' + s;
    else if (this.f.space) s = ' ' + s;
    u = 0n;
    const oldZero = this.f.zero;
    this.f.zero = false;
    this.pad(s);
    this.f.zero = oldZero;
  }

  fmtFloat(v: number, size: 32 | 64, verb: string, orig: GoValue): void {
    // strconv's format letter and default precision per verb, as fmt's pp.fmtFloat picks them
    let fmtc: string;
    let prec: number;
    switch (verb) {
      case 'v':
        fmtc = 'g';
        prec = -1;
        break;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        fmtc = verb;
        prec = -1;
        break;
      case 'f':
      case 'F':
        fmtc = 'f';
        prec = 6;
        break;
      case 'e':
      case 'E':
        fmtc = verb;
        prec = 6;
        break;
      default:
        this.badVerb(verb, orig);
        return;
    }
    if (this.f.precPresent) prec = this.f.prec;
    let num: string;
    if (fmtc === 'b') num = formatFloatBinary(v, size);
    else if (fmtc === 'x' || fmtc === 'X') num = formatFloatHex(v, prec, fmtc === 'X');
    else num = formatFloat(v, fmtc as 'e' | 'E' | 'f' | 'g' | 'G', prec, size);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (this.f.space && num[0] === '+' && !this.f.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = this.f.zero;
      this.f.zero = false;
      if (num[1] === 'N' && !this.f.space && !this.f.plus) num = num.slice(1);
      this.pad(num);
      this.f.zero = oldZero;
      return;
    }
    if (this.f.sharp && fmtc !== 'b') num = sharpFloat(num, fmtc, prec);
    if (this.f.plus || num[0] !== '+') {
      if (this.f.zero && this.f.widPresent && this.f.wid > num.length) {
        this.buf += num[0] + '0'.repeat(this.f.wid - num.length) + num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  private fmtComplex(v: GoComplex, verb: string): void {
    if (!'vbgGxXfFeE'.includes(verb)) {
      this.badVerb(verb, v);
      return;
    }
    const oldPlus = this.f.plus;
    this.buf += '(';
    this.fmtFloat(v.re, 64, verb, v);
    this.f.plus = true;
    this.fmtFloat(v.im, 64, verb, v);
    this.buf += 'i)';
    this.f.plus = oldPlus;
  }

  printArg(v: GoValue, verb: string, depth: number): void {
    if (v === null || v === undefined) {
      if (depth > 0) {
        if (this.f.sharpV) this.buf += 'interface {}(nil)';
        else this.buf += '<nil>';
        return;
      }
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, v);
      return;
    }
    if (verb === 'T') {
      this.fmtString(goTypeName(v), 's', v);
      return;
    }
    switch (typeof v) {
      case 'boolean':
        return this.fmtBool(v, verb);
      case 'string':
        return this.fmtString(v, verb, v);
      case 'number':
        return this.fmtFloat(v, 64, verb, v);
      case 'bigint':
        return this.fmtInteger(v, false, verb, v);
      case 'function':
        this.fmtPointer(v, verb);
        return;
    }
    // Go's handleMethods: %w is only for Errorf, so a non-basic operand is a bad verb as a whole
    if (verb === 'w' && !(v instanceof GoInt) && !(v instanceof GoFloat32)) {
      this.badVerb(verb, v);
      return;
    }
    if (verb === 'p' && (Array.isArray(v) || v instanceof Map || (v instanceof GoStruct && v.typeName.startsWith('*')))) {
      this.fmtPointer(v, verb);
      return;
    }
    if (v instanceof GoInt) return this.fmtInteger(v.value, v.kind.startsWith('u'), verb, v);
    if (v instanceof GoFloat32) return this.fmtFloat(v.value, 32, verb, v);
    if (v instanceof GoComplex) return this.fmtComplex(v, verb);
    if (Array.isArray(v)) {
      if (sliceType(v) === 'uint8' && (verb === 's' || verb === 'q' || verb === 'x' || verb === 'X')) {
        // Go's fmtBytes: a []byte prints as text (or its hex) for these verbs
        const bytes = Uint8Array.from(v, (b) => Number(b instanceof GoInt ? b.value & 255n : 0n));
        if (verb === 'x' || verb === 'X') this.fmtSx(bytes, verb === 'x' ? '0123456789abcdef' : '0123456789ABCDEF', verb);
        else this.fmtString(Buffer.from(bytes).toString('utf8'), verb, v);
        return;
      }
      if (this.f.sharpV && sliceType(v) === 'uint8') {
        this.buf += '[]byte{' + v.map((b) => '0x' + (b instanceof GoInt ? b.value : 0n).toString(16)).join(', ') + '}';
        return;
      }
      if (this.f.sharpV) {
        this.buf += goTypeName(v) + '{';
        v.forEach((e, i) => {
          if (i > 0) this.buf += ', ';
          this.printElem(e, verb, depth + 1, sliceType(v));
        });
        this.buf += '}';
        return;
      }
      this.buf += '[';
      v.forEach((e, i) => {
        if (i > 0) this.buf += ' ';
        this.printElem(e, verb, depth + 1, sliceType(v));
      });
      this.buf += ']';
      return;
    }
    if (v instanceof Map) {
      const keys = [...v.keys()].sort(compareStrings);
      if (this.f.sharpV) {
        this.buf += goTypeName(v) + '{';
        keys.forEach((k, i) => {
          if (i > 0) this.buf += ', ';
          this.printArg(k, verb, depth + 1);
          this.buf += ':';
          this.printElem(v.get(k), verb, depth + 1, mapElemType(v));
        });
        this.buf += '}';
        return;
      }
      this.buf += 'map[';
      keys.forEach((k, i) => {
        if (i > 0) this.buf += ' ';
        this.printArg(k, verb, depth + 1);
        this.buf += ':';
        this.printElem(v.get(k), verb, depth + 1, mapElemType(v));
      });
      this.buf += ']';
      return;
    }
    if (v instanceof GoStruct) {
      if (v.format && !this.f.sharpV) {
        this.fmtString(v.format(this.f.plusV), verb === 'v' ? 's' : verb, v);
        return;
      }
      if (this.f.sharpV) this.buf += v.typeName.replace(/^\*/, '&');
      else if (v.typeName.startsWith('*')) {
        // Go prints a pointer to a struct as &{...} at top level and as an address inside
        // containers; addresses are not reproducible, so a fixed stand-in is printed there
        if (depth > 0) {
          this.buf += '0xc000010000';
          return;
        }
        this.buf += '&';
      }
      this.buf += '{';
      let i = 0;
      for (const [name, fv] of v.fields) {
        if (i++ > 0) this.buf += this.f.sharpV ? ', ' : ' ';
        if (this.f.plusV || this.f.sharpV) this.buf += name + ':';
        this.printElem(fv, verb, depth + 1, 'interface {}');
      }
      this.buf += '}';
      return;
    }
    // A JS value outside the model (a function library bug): say so instead of recursing
    this.buf += `%!${verb}(invalid value of JS type ${typeof v})`;
  }

  /** Go's fmtPointer; addresses are not reproducible, so a stable stand-in per object is used. */
  private fmtPointer(v: object, verb: string): void {
    const addr = BigInt('0x' + functionAddress(v));
    const hex = (leading0x: boolean): void => {
      const sharp = this.f.sharp;
      this.f.sharp = leading0x;
      this.fmtInteger(addr, true, 'x', addr);
      this.f.sharp = sharp;
    };
    switch (verb) {
      case 'v':
        if (this.f.sharpV) this.buf += `(${goTypeName(v as GoValue)})(0x${addr.toString(16)})`;
        else hex(!this.f.sharp);
        return;
      case 'p':
        hex(!this.f.sharp);
        return;
      case 'b':
      case 'o':
      case 'd':
      case 'x':
      case 'X':
        this.fmtInteger(addr, true, verb, addr);
        return;
      default:
        this.badVerb(verb, v as GoValue);
    }
  }

  /** An element of a container: a nil interface prints <nil> whatever the verb. */
  private printElem(e: GoValue, verb: string, depth: number, elemType: string): void {
    if ((e === null || e === undefined) && elemType !== 'interface {}' && this.f.sharpV) {
      this.buf += 'nil';
      return;
    }
    this.printArg(e, verb, depth);
  }
}

/** fmt's '#' for floats: always a decimal point; %#g/%#v/%#x keep trailing zeros up to the precision. */
function sharpFloat(num: string, fmtc: string, prec: number): string {
  let digits = 0;
  if (fmtc === 'g' || fmtc === 'G' || fmtc === 'x') digits = prec === -1 ? 6 : prec;
  let tail = '';
  let hasDecimalPoint = false;
  let sawNonzeroDigit = false;
  for (let i = 1; i < num.length; i++) {
    const c = num[i]!;
    if (c === '.') {
      hasDecimalPoint = true;
      continue;
    }
    if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && fmtc !== 'x' && fmtc !== 'X')) {
      tail = num.slice(i);
      num = num.slice(0, i);
      break;
    }
    if (c !== '0') sawNonzeroDigit = true;
    if (sawNonzeroDigit) digits--;
  }
  if (!hasDecimalPoint) {
    if (num.length === 2 && num[1] === '0') digits--;
    num += '.';
  }
  if (digits > 0) num += '0'.repeat(digits);
  return num + tail;
}

let nextFunctionId = 0xc000010000;
const functionIds = new WeakMap<object, number>();
function functionAddress(f: object): string {
  let id = functionIds.get(f);
  if (id === undefined) {
    id = nextFunctionId;
    nextFunctionId += 0x10;
    functionIds.set(f, id);
  }
  return id.toString(16);
}

/**
 * Go's string order (bytewise UTF-8). UTF-16 code-unit order agrees with it except where a
 * surrogate pair (U+10000 and up) meets a character in U+E000..U+FFFF, so only strings
 * containing surrogates take the slow byte comparison.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    if ((x >= 0xd800 && x < 0xe000) || (y >= 0xd800 && y < 0xe000)) {
      return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
    }
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

function canBackquote(s: string): boolean {
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0xfeff) return false;
    if (cp < 0x20 && cp !== 9) return false;
    if (cp === 0x7f || cp === 0x60) return false;
  }
  return true;
}

function runeString(v: bigint): string {
  if (v < 0n || v > 0x10ffffn || (v >= 0xd800n && v < 0xe000n)) return '\ufffd';
  return String.fromCodePoint(Number(v));
}

/** %q of an integer: a single-quoted rune literal (unlike strings, '#' does not backquote). */
function quoteRuneLiteral(v: bigint, asciiOnly: boolean): string {
  let cp = v < 0n || v > 0x10ffffn || (v >= 0xd800n && v < 0xe000n) ? 0xfffd : Number(v);
  if (cp === 34) return `'"'`;
  return "'" + quoteRune(cp, 39, asciiOnly) + "'";
}

function isStringValue(v: GoValue): boolean {
  return typeof v === 'string';
}

/** fmt.Sprint: spaces between operands when neither side is a string. */
export function sprint(...args: GoValue[]): string {
  const p = new Printer();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (i > 0 && !isStringValue(a) && !isStringValue(args[i - 1]!)) p.buf += ' ';
    p.f = clearFlags();
    p.printArg(a, 'v', 0);
  }
  return p.buf;
}

/** fmt.Sprintln: always spaces, then a newline. */
export function sprintln(...args: GoValue[]): string {
  const p = new Printer();
  for (let i = 0; i < args.length; i++) {
    if (i > 0) p.buf += ' ';
    p.f = clearFlags();
    p.printArg(args[i]!, 'v', 0);
  }
  return p.buf + '\n';
}

function parseNum(s: string, start: number): [number, boolean, number] {
  let num = 0;
  let isnum = false;
  let i = start;
  while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
    if (num > 1e6) return [0, false, s.length];
    num = num * 10 + (s.charCodeAt(i) - 48);
    isnum = true;
    i++;
  }
  return [num, isnum, i];
}

function intFromArg(a: GoValue[], argNum: number): [number, boolean, number] {
  let num = 0;
  let isInt = false;
  if (argNum < a.length) {
    const v = a[argNum]!;
    if (typeof v === 'bigint' || v instanceof GoInt) {
      const b = intValue(v);
      isInt = true;
      if (b > 1000000n || b < -1000000n) isInt = false;
      else num = Number(b);
    }
    argNum++;
  }
  return [num, isInt, argNum];
}

/** fmt.Sprintf with Go's verbs, flags, widths, precisions, [n] indexes and error forms. */
export function sprintf(format: string, ...a: GoValue[]): string {
  const p = new Printer();
  const end = format.length;
  let argNum = 0;
  let afterIndex = false;
  let reordered = false;
  let i = 0;
  const argNumber = (i: number): [number, number, boolean, boolean] => {
    // returns [argNum, i, found, ok]
    if (i >= end || format[i] !== '[') return [argNum, i, false, true];
    reordered = true;
    for (let j = i + 1; j < end; j++) {
      if (format[j] === ']') {
        const [w, ok, newi] = parseNum(format, i + 1);
        if (!ok || newi !== j) return [argNum, j + 1, false, false];
        if (w - 1 >= 0 && w - 1 < a.length) return [w - 1, j + 1, true, true];
        return [argNum, j + 1, false, false];
      }
    }
    return [argNum, i + 1, false, false];
  };
  formatLoop: while (i < end) {
    let goodArgNum = true;
    const lasti = i;
    while (i < end && format[i] !== '%') i++;
    if (i > lasti) p.buf += format.slice(lasti, i);
    if (i >= end) break;
    i++;
    p.f = clearFlags();
    simple: for (; i < end; i++) {
      const c = format[i]!;
      switch (c) {
        case '#':
          p.f.sharp = true;
          break;
        case '0':
          p.f.zero = !p.f.minus;
          break;
        case '+':
          p.f.plus = true;
          break;
        case '-':
          p.f.minus = true;
          p.f.zero = false;
          break;
        case ' ':
          p.f.space = true;
          break;
        default:
          if (c >= 'a' && c <= 'z' && argNum < a.length) {
            if (c === 'v') {
              p.f.sharpV = p.f.sharp;
              p.f.sharp = false;
              p.f.plusV = p.f.plus;
              p.f.plus = false;
            }
            p.printArg(a[argNum]!, c, 0);
            argNum++;
            i++;
            continue formatLoop;
          }
          break simple;
      }
    }
    let r = argNumber(i);
    argNum = r[0];
    i = r[1];
    afterIndex = r[2];
    if (!r[3]) goodArgNum = false;
    if (i < end && format[i] === '*') {
      i++;
      const [w, ok, an] = intFromArg(a, argNum);
      p.f.wid = w;
      p.f.widPresent = ok;
      argNum = an;
      if (!ok) p.buf += '%!(BADWIDTH)';
      if (p.f.wid < 0) {
        p.f.wid = -p.f.wid;
        p.f.minus = true;
        p.f.zero = false;
      }
      afterIndex = false;
    } else {
      const [w, ok, ni] = parseNum(format, i);
      p.f.wid = w;
      p.f.widPresent = ok;
      i = ni;
      if (afterIndex && ok) goodArgNum = false;
    }
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      r = argNumber(i);
      argNum = r[0];
      i = r[1];
      afterIndex = r[2];
      if (!r[3]) goodArgNum = false;
      if (i < end && format[i] === '*') {
        i++;
        const [pr, ok, an] = intFromArg(a, argNum);
        p.f.prec = pr;
        p.f.precPresent = ok;
        argNum = an;
        if (p.f.prec < 0) {
          p.f.prec = 0;
          p.f.precPresent = false;
        }
        if (!ok) p.buf += '%!(BADPREC)';
        afterIndex = false;
      } else {
        const [pr, ok, ni] = parseNum(format, i);
        p.f.prec = ok ? pr : 0;
        p.f.precPresent = true;
        i = ni;
      }
    }
    if (!afterIndex) {
      r = argNumber(i);
      argNum = r[0];
      i = r[1];
      afterIndex = r[2];
      if (!r[3]) goodArgNum = false;
    }
    if (i >= end) {
      p.buf += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      p.buf += '%';
    } else if (!goodArgNum) {
      p.buf += `%!${verb}(BADINDEX)`;
    } else if (argNum >= a.length) {
      p.buf += `%!${verb}(MISSING)`;
    } else {
      if (verb === 'v') {
        p.f.sharpV = p.f.sharp;
        p.f.sharp = false;
        p.f.plusV = p.f.plus;
        p.f.plus = false;
      }
      p.printArg(a[argNum]!, verb, 0);
      argNum++;
    }
  }
  if (!reordered && argNum < a.length) {
    p.f = clearFlags();
    p.buf += '%!(EXTRA ';
    a.slice(argNum).forEach((arg, k) => {
      if (k > 0) p.buf += ', ';
      if (arg === null || arg === undefined) p.buf += '<nil>';
      else {
        p.buf += goTypeName(arg) + '=';
        p.printArg(arg, 'v', 0);
      }
    });
    p.buf += ')';
  }
  return p.buf;
}

/** How {{.}} prints a value: fmt.Fprint of it, with <no value> for an invalid value. */
export function printValueForTemplate(v: GoValue): string {
  if (v === undefined) return '<no value>';
  if (typeof v === 'string') return v;
  return sprint(v);
}
