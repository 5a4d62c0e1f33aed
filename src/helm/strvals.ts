/**
 * Helm's --set grammar (pkg/strvals): `a.b=c,d=e`, lists `a={x,y}`, indexes `a[0]=x`,
 * `a[1].b=y`, backslash escapes for `,` `.` `=` `[` and `{`, and Helm's type inference for
 * --set: true/false/null (any case), 0, and decimal integers without a leading zero become
 * bool/nil/int64; everything else stays a string (--set-string keeps every value a string).
 */
import { SailError } from '../errors.js';
import { GoInt, type GoMap, type GoValue } from '../gotemplate/value.js';

const MAX_INDEX = 65536;

function typedVal(v: string, asString: boolean): GoValue {
  if (asString) return v;
  const lower = v.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (v === '0') return new GoInt('int64', 0n);
  if (v.length > 0 && v[0] !== '0' && /^[+-]?\d+$/.test(v)) {
    const n = BigInt(v);
    if (n >= -(1n << 63n) && n < 1n << 63n) return new GoInt('int64', n);
  }
  return v;
}

class StrvalsError extends Error {}

class Parser {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly asString: boolean,
  ) {}

  private done(): boolean {
    return this.i >= this.s.length;
  }

  /** Reads runes until one of `stops` (unescaped); returns [text, stop rune or '' at end]. */
  private runesUntil(stops: string): [string, string] {
    let out = '';
    while (this.i < this.s.length) {
      const c = this.s[this.i++]!;
      if (c === '\\') {
        if (this.i < this.s.length) out += this.s[this.i++];
        continue;
      }
      if (stops.includes(c)) return [out, c];
      out += c;
    }
    return [out, ''];
  }

  parse(data: GoMap): void {
    while (!this.done()) this.key(data);
  }

  private key(data: GoMap): void {
    for (;;) {
      const [k, last] = this.runesUntil('=[,.');
      switch (last) {
        case '':
          if (k === '') return;
          throw new StrvalsError(`key "${k}" has no value`);
        case ',':
          if (k === '') throw new StrvalsError(`key "${k}" has no value (cannot end with ,)`);
          throw new StrvalsError(`key "${k}" has no value (cannot end with ,)`);
        case '[': {
          const existing = data.get(k);
          const list = Array.isArray(existing) ? existing : [];
          const nl = this.listItem(list);
          data.set(k, nl);
          return;
        }
        case '=': {
          if (this.s[this.i] === '{') {
            this.i++;
            data.set(k, this.valuesList());
            const [rest, stop] = this.runesUntil(',');
            if (rest !== '') throw new StrvalsError(`unexpected data at end of array: "${rest}"`);
            void stop;
            return;
          }
          const [v] = this.runesUntil(',');
          data.set(k, typedVal(v, this.asString));
          return;
        }
        case '.': {
          if (k === '') throw new StrvalsError('key map with no name');
          let inner = data.get(k);
          if (!(inner instanceof Map)) {
            inner = new Map();
            data.set(k, inner);
          }
          data = inner;
          continue;
        }
      }
    }
  }

  private index(): number {
    const [v, stop] = this.runesUntil(']');
    if (stop !== ']') throw new StrvalsError(`missing ] in index: "${v}"`);
    if (!/^-?\d+$/.test(v)) throw new StrvalsError(`failed to parse index: strconv.Atoi: parsing "${v}": invalid syntax`);
    const n = Number(v);
    if (n > MAX_INDEX) throw new StrvalsError(`index of ${n} is greater than maximum supported index ${MAX_INDEX}`);
    if (n < 0) throw new StrvalsError(`negative ${n} index not allowed`);
    return n;
  }

  private listItem(list: GoValue[]): GoValue[] {
    const i = this.index();
    const out = [...list];
    while (out.length <= i) out.push(null);
    const c = this.s[this.i++];
    switch (c) {
      case undefined:
        throw new StrvalsError(`unexpected end after index ${i}`);
      case '=': {
        if (this.s[this.i] === '{') {
          this.i++;
          out[i] = this.valuesList();
          this.runesUntil(',');
          return out;
        }
        const [v] = this.runesUntil(',');
        out[i] = typedVal(v, this.asString);
        return out;
      }
      case '[': {
        const cur = out[i];
        out[i] = this.listItem(Array.isArray(cur) ? cur : []);
        return out;
      }
      case '.': {
        const cur = out[i];
        const m: GoMap = cur instanceof Map ? cur : new Map();
        out[i] = m;
        this.key(m);
        return out;
      }
      default:
        throw new StrvalsError(`parse error: unexpected token ${c}`);
    }
  }

  private valuesList(): GoValue[] {
    const out: GoValue[] = [];
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      const [v, stop] = this.runesUntil(',}');
      out.push(typedVal(v, this.asString));
      if (stop === '}') return out;
      if (stop === '') throw new StrvalsError('list must terminate with \'}\'');
    }
  }
}

/** strvals.ParseInto: applies one --set expression to `into` (modified in place). */
export function parseSetInto(expr: string, into: GoMap, opts: { asString?: boolean; flag?: string } = {}): void {
  try {
    new Parser(expr, opts.asString ?? false).parse(into);
  } catch (e) {
    if (e instanceof StrvalsError) {
      throw new SailError('SET_PATH', `failed parsing ${opts.flag ?? '--set'} data: ${e.message}`, {
        hint: `in ${opts.flag ?? '--set'} ${JSON.stringify(expr)}; use a.b=value, a[0]=value or a={x,y}, and escape , . = with a backslash`,
      });
    }
    throw e;
  }
}
