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
