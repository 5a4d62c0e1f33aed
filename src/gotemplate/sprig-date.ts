/**
 * sprig's date functions, as far as output can be deterministic: `now` is a time.Time value,
 * `date`/`dateInZone`/`htmlDate`/`unixEpoch` format times with Go's reference layout
 * ("2006-01-02 15:04:05"). Times are rendered in UTC (Helm uses the machine's local zone, which
 * a reproducible renderer cannot depend on); "UTC" and "Local" are the zones dateInZone accepts.
 */
import { FuncError, GoInt, GoStruct, withSignature, type GoFunc, type GoValue } from './value.js';
import { def, type FuncTable } from './sprig-util.js';

const TIME = new WeakMap<GoStruct, Date>();

export function timeValue(d: Date): GoStruct {
  const m = (f: (args: GoValue[]) => GoValue, params: string[] = []): GoFunc => withSignature((args) => f(args), { params });
  const s: GoStruct = new GoStruct(
    'time.Time',
    new Map(),
    new Map<string, GoFunc>([
      ['Unix', m(() => new GoInt('int64', BigInt(Math.floor(d.getTime() / 1000))))],
      ['UnixNano', m(() => new GoInt('int64', BigInt(d.getTime()) * 1_000_000n))],
      ['Year', m(() => BigInt(d.getUTCFullYear()))],
      ['YearDay', m(() => BigInt(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1))],
      ['Day', m(() => BigInt(d.getUTCDate()))],
      ['Hour', m(() => BigInt(d.getUTCHours()))],
      ['Minute', m(() => BigInt(d.getUTCMinutes()))],
      ['Second', m(() => BigInt(d.getUTCSeconds()))],
      ['UTC', m(() => s)],
      ['Format', m(([layout]) => formatGoTime(d, layout as string), ['string'])],
      ['String', m(() => formatGoTime(d, '2006-01-02 15:04:05.999999999 -0700 MST'))],
    ]),
    () => formatGoTime(d, '2006-01-02 15:04:05.999999999 -0700 MST'),
  );
  TIME.set(s, d);
  return s;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** time.Time.Format for the layout elements Go defines, in UTC. */
export function formatGoTime(d: Date, layout: string): string {
  const tokens: Array<[string, () => string]> = [
    ['January', () => MONTHS[d.getUTCMonth()]!],
    ['Monday', () => DAYS[d.getUTCDay()]!],
    ['2006', () => pad(d.getUTCFullYear(), 4)],
    ['Z07:00', () => 'Z'],
    ['-07:00', () => '+00:00'],
    ['Z0700', () => 'Z'],
    ['-0700', () => '+0000'],
    ['Jan', () => MONTHS[d.getUTCMonth()]!.slice(0, 3)],
    ['Mon', () => DAYS[d.getUTCDay()]!.slice(0, 3)],
    ['MST', () => 'UTC'],
    ['002', () => pad(Math.floor((d.getTime() - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3)],
    ['01', () => pad(d.getUTCMonth() + 1)],
    ['02', () => pad(d.getUTCDate())],
    ['_2', () => String(d.getUTCDate()).padStart(2, ' ')],
    ['06', () => pad(d.getUTCFullYear() % 100)],
    ['15', () => pad(d.getUTCHours())],
    ['03', () => pad(d.getUTCHours() % 12 || 12)],
    ['04', () => pad(d.getUTCMinutes())],
    ['05', () => pad(d.getUTCSeconds())],
    ['PM', () => (d.getUTCHours() >= 12 ? 'PM' : 'AM')],
    ['pm', () => (d.getUTCHours() >= 12 ? 'pm' : 'am')],
    ['-07', () => '+00'],
    ['Z07', () => 'Z'],
    ['1', () => String(d.getUTCMonth() + 1)],
    ['2', () => String(d.getUTCDate())],
    ['3', () => String(d.getUTCHours() % 12 || 12)],
    ['4', () => String(d.getUTCMinutes())],
    ['5', () => String(d.getUTCSeconds())],
  ];
  let out = '';
  let i = 0;
  outer: while (i < layout.length) {
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      const digits = (d.getTime() % 1000).toString().padStart(3, '0').padEnd(frac[1]!.length, '0').slice(0, frac[1]!.length);
      out += frac[1]![0] === '9' ? (/[1-9]/.test(digits) ? layout[i] + digits.replace(/0+$/, '') : '') : layout[i] + digits;
      i += frac[0].length;
      continue;
    }
    for (const [tok, f] of tokens) {
      if (layout.startsWith(tok, i)) {
        out += f();
        i += tok.length;
        continue outer;
      }
    }
    out += layout[i];
    i++;
  }
  return out;
}

/** Go's zero time.Time (January 1, year 1, UTC), what a failed parse returns. */
function zeroTime(): Date {
  const d = new Date(0);
  d.setUTCFullYear(1, 0, 1);
  d.setUTCHours(0, 0, 0, 0);
  return d;
}

/** Layout elements time.Parse understands, longest first where one is a prefix of another. */
const PARSE_TOKENS = ['January', 'Monday', '2006', 'Z07:00', '-07:00', 'Z0700', '-0700', 'Jan', 'Mon', 'MST', '01', '02', '_2', '06', '15', '03', '04', '05', 'PM', 'pm', '-07', 'Z07', '1', '2', '3', '4', '5'];

class ParseFailure extends Error {}

/**
 * time.ParseInLocation(layout, value, time.Local) with the local zone taken as UTC (see the
 * module comment): numeric elements, month and day names, AM/PM, fractional seconds and
 * numeric zone offsets. Failures use Go's `parsing time "V" as "L": cannot parse "R" as "E"`.
 */
export function parseGoTime(layout: string, value: string): Date {
  const fail = (rest: string, elem: string) => new ParseFailure(`parsing time ${JSON.stringify(value)} as ${JSON.stringify(layout)}: cannot parse ${JSON.stringify(rest)} as ${JSON.stringify(elem)}`);
  const range = (what: string) => new ParseFailure(`parsing time ${JSON.stringify(value)}: ${what} out of range`);
  let year = 1;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millis = 0;
  let pm: boolean | undefined;
  let offsetMinutes = 0;
  let v = value;
  let i = 0;
  const num = (elem: string, min: number, max: number, fixed: boolean): number => {
    const m = (fixed ? new RegExp(`^\\d{${max}}`) : new RegExp(`^\\d{${min},${max}}`)).exec(v);
    if (!m) throw fail(v, elem);
    v = v.slice(m[0].length);
    return Number(m[0]);
  };
  outer: while (i < layout.length) {
    for (const tok of PARSE_TOKENS) {
      if (!layout.startsWith(tok, i)) continue;
      switch (tok) {
        case '2006': year = num(tok, 4, 4, true); break;
        case '06': year = 1900 + num(tok, 2, 2, true); if (year < 1969) year += 100; break;
        case '01': month = num(tok, 2, 2, true); break;
        case '1': month = num(tok, 1, 2, false); break;
        case '02': day = num(tok, 2, 2, true); break;
        case '_2': if (v.startsWith(' ')) v = v.slice(1); day = num(tok, 1, 2, false); break;
        case '2': day = num(tok, 1, 2, false); break;
        case '15': hour = num(tok, 1, 2, false); break;
        case '03': hour = num(tok, 2, 2, true); break;
        case '3': hour = num(tok, 1, 2, false); break;
        case '04': minute = num(tok, 2, 2, true); break;
        case '4': minute = num(tok, 1, 2, false); break;
        case '05': second = num(tok, 2, 2, true); break;
        case '5': second = num(tok, 1, 2, false); break;
        case 'January':
        case 'Jan': {
          const idx = MONTHS.findIndex((name) => v.toLowerCase().startsWith((tok === 'Jan' ? name.slice(0, 3) : name).toLowerCase()));
          if (idx < 0) throw fail(v, tok);
          month = idx + 1;
          v = v.slice(tok === 'Jan' ? 3 : MONTHS[idx]!.length);
          break;
        }
        case 'Monday':
        case 'Mon': {
          const idx = DAYS.findIndex((name) => v.toLowerCase().startsWith((tok === 'Mon' ? name.slice(0, 3) : name).toLowerCase()));
          if (idx < 0) throw fail(v, tok);
          v = v.slice(tok === 'Mon' ? 3 : DAYS[idx]!.length);
          break;
        }
        case 'PM':
        case 'pm': {
          const ap = v.slice(0, 2).toUpperCase();
          if (ap !== 'AM' && ap !== 'PM') throw fail(v, tok);
          pm = ap === 'PM';
          v = v.slice(2);
          break;
        }
        case 'MST': {
          const m = /^[A-Z]{3,5}/.exec(v);
          if (!m) throw fail(v, tok);
          v = v.slice(m[0].length);
          break;
        }
        default: {
          // numeric zone offsets; the Z forms also accept a literal Z
          if (tok.startsWith('Z') && v.startsWith('Z')) {
            v = v.slice(1);
            break;
          }
          const shape = tok.replace(/^Z/, '-').replace(/\d/g, '\\d').replace('-', '[+-]');
          const m = new RegExp(`^${shape}`).exec(v);
          if (!m) throw fail(v, tok);
          const digits = m[0].replace(/[^0-9]/g, '');
          offsetMinutes = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0')) * (m[0][0] === '-' ? -1 : 1);
          v = v.slice(m[0].length);
        }
      }
      i += tok.length;
      // fractional seconds after a seconds element are accepted even if the layout has none
      if ((tok === '05' || tok === '5') && /^[.,]\d/.test(v) && !/^[.,][09]/.test(layout.slice(i))) {
        const m = /^[.,](\d+)/.exec(v)!;
        millis = Math.floor(Number('0.' + m[1]) * 1000);
        v = v.slice(m[0].length);
      }
      continue outer;
    }
    const frac = /^[.,](0+|9+)(?![0-9])/.exec(layout.slice(i));
    if (frac) {
      const m = /^[.,](\d+)/.exec(v);
      if (m) {
        millis = Math.floor(Number('0.' + m[1]) * 1000);
        v = v.slice(m[0].length);
      } else if (frac[1]![0] === '0') throw fail(v, frac[0]);
      i += frac[0].length;
      continue;
    }
    // a literal run up to the next element
    let j = i + 1;
    while (j < layout.length && !PARSE_TOKENS.some((tok) => layout.startsWith(tok, j)) && !/^[.,](0+|9+)(?![0-9])/.test(layout.slice(j))) j++;
    const lit = layout.slice(i, j);
    if (!v.startsWith(lit)) throw fail(v, lit);
    v = v.slice(lit.length);
    i = j;
  }
  if (v !== '') throw new ParseFailure(`parsing time ${JSON.stringify(value)}: extra text: ${JSON.stringify(v)}`);
  if (pm !== undefined) {
    if (hour > 12) throw range('hour');
    if (pm && hour < 12) hour += 12;
    if (!pm && hour === 12) hour = 0;
  }
  if (month < 1 || month > 12) throw range('month');
  if (day < 1 || day > new Date(Date.UTC(2000, month, 0)).getUTCDate() || (month === 2 && day === 29 && !((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0))) throw range('day');
  if (hour > 23) throw range('hour');
  if (minute > 59) throw range('minute');
  if (second > 59) throw range('second');
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, millis);
  return new Date(d.getTime() - offsetMinutes * 60_000);
}

function toDate(v: GoValue): Date {
  if (v instanceof GoStruct && TIME.has(v)) return TIME.get(v)!;
  if (typeof v === 'bigint') return new Date(Number(v) * 1000);
  if (v instanceof GoInt) return new Date(Number(v.value) * 1000);
  if (typeof v === 'number') return new Date(Math.trunc(v) * 1000);
  return new Date();
}

function zoneCheck(zone: string): void {
  if (zone !== 'UTC' && zone !== 'Local' && zone !== '') throw new FuncError(`unknown time zone ${zone}`);
}

export function addDateFuncs(t: FuncTable): void {
  def(t, 'toDate', ['string', 'string'], ([layout, value]) => {
    try {
      return timeValue(parseGoTime(layout as string, value as string));
    } catch (e) {
      if (e instanceof ParseFailure) return timeValue(zeroTime());
      throw e;
    }
  });
  def(t, 'mustToDate', ['string', 'string'], ([layout, value]) => {
    try {
      return timeValue(parseGoTime(layout as string, value as string));
    } catch (e) {
      if (e instanceof ParseFailure) throw new FuncError(e.message);
      throw e;
    }
  });
  def(t, 'now', [], () => timeValue(new Date()));
  def(t, 'date', ['string', 'interface {}'], ([fmt, v]) => formatGoTime(toDate(v!), fmt as string));
  def(t, ['dateInZone', 'date_in_zone'], ['string', 'interface {}', 'string'], ([fmt, v, z]) => {
    zoneCheck(z as string);
    return formatGoTime(toDate(v!), fmt as string);
  });
  def(t, 'htmlDate', ['interface {}'], ([v]) => formatGoTime(toDate(v!), '2006-01-02'));
  def(t, 'htmlDateInZone', ['interface {}', 'string'], ([v, z]) => {
    zoneCheck(z as string);
    return formatGoTime(toDate(v!), '2006-01-02');
  });
  def(t, 'unixEpoch', ['time.Time'], ([v]) => String(Math.floor(toDate(v!).getTime() / 1000)));
}
