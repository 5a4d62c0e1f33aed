/**
 * text/template's predefined functions (and, or, not, len, index, slice, eq, ne, lt, le, gt,
 * ge, print, printf, println, html, js, urlquery, call) with Go's semantics and error texts.
 * Arguments declared 'reflect.Value' arrive as Go's builtins see them: undefined for an
 * invalid (missing) value, null for a nil interface.
 */
import { compareStrings, sprint, sprintf, sprintln } from './fmt.js';
import { isGoPrint } from './lexer.js';
import {
  FuncError,
  GoComplex,
  GoFloat32,
  GoInt,
  GoStruct,
  type CallContext,
  type GoFunc,
  type GoValue,
  funcSignature,
  goTypeName,
  isTrue,
  sliceOf,
  sliceType,
  withSignature,
} from './value.js';

type Kind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'complex' | 'string';

function isZero(v: GoValue): v is null | undefined {
  return v === null || v === undefined;
}

function basicKind(v: GoValue): Kind {
  if (isZero(v)) return 'invalid';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) return v.kind.startsWith('u') ? 'uint' : 'int';
  if (v instanceof GoFloat32) return 'float';
  if (v instanceof GoComplex) return 'complex';
  return 'invalid';
}

function num(v: GoValue): bigint {
  return typeof v === 'bigint' ? v : (v as GoInt).value;
}
function flt(v: GoValue): number {
  return typeof v === 'number' ? v : (v as GoFloat32).value;
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';

function isNonComparable(v: GoValue): boolean {
  return v instanceof Map || Array.isArray(v) || typeof v === 'function';
}

function eq(args: GoValue[]): GoValue {
  const arg1 = args[0];
  if (args.length < 2) throw new FuncError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of args.slice(1)) {
    const k2 = basicKind(arg);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') truth = num(arg1) >= 0n && num(arg1) === num(arg);
      else if (k1 === 'uint' && k2 === 'int') truth = num(arg) >= 0n && num(arg1) === num(arg);
      else if (!isZero(arg1) && !isZero(arg)) throw new FuncError(errBadComparison);
    } else {
      switch (k1) {
        case 'bool':
        case 'string':
          truth = arg1 === arg;
          break;
        case 'float':
          truth = flt(arg1) === flt(arg);
          break;
        case 'complex':
          truth = (arg1 as GoComplex).re === (arg as GoComplex).re && (arg1 as GoComplex).im === (arg as GoComplex).im;
          break;
        case 'int':
        case 'uint':
          truth = num(arg1) === num(arg);
          break;
        default: {
          const z1 = isZero(arg1);
          const z2 = isZero(arg);
          if (!z1 && !z2 && kindName(arg1) !== kindName(arg)) {
            throw new FuncError(`non-comparable types ${sprintf('%s', arg1)}: ${goTypeName(arg1)}, ${goTypeName(arg)}: ${sprint(arg)}`);
          }
          if (z1 || z2) truth = z1 === z2;
          else {
            if (isNonComparable(arg)) throw new FuncError(`non-comparable type ${sprintf('%s', arg)}: ${goTypeName(arg)}`);
            truth = arg1 === arg;
          }
        }
      }
    }
    if (truth) return true;
  }
  return false;
}

function kindName(v: GoValue): string {
  if (v instanceof Map) return 'map';
  if (Array.isArray(v)) return 'slice';
  if (typeof v === 'function') return 'func';
  if (v instanceof GoStruct) return 'struct';
  return typeof v;
}

function lt(arg1: GoValue, arg2: GoValue): boolean {
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') throw new FuncError(errBadComparisonType);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') throw new FuncError(errBadComparisonType);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return num(arg1) < 0n || num(arg1) < num(arg2);
    if (k1 === 'uint' && k2 === 'int') return num(arg2) >= 0n && num(arg1) < num(arg2);
    throw new FuncError(errBadComparison);
  }
  switch (k1) {
    case 'bool':
    case 'complex':
      throw new FuncError(errBadComparisonType);
    case 'float':
      return flt(arg1) < flt(arg2);
    case 'int':
    case 'uint':
      return num(arg1) < num(arg2);
    default:
      return compareStrings(arg1 as string, arg2 as string) < 0;
  }
}

function le(a: GoValue, b: GoValue): boolean {
  return lt(a, b) || (eq([a, b]) as boolean);
}

// -------------------------------------------------------------------------- index / slice / len

function indexArg(index: GoValue, cap: number, isInterface = false): number {
  let x: bigint;
  // slice does not unwrap interfaces: an index read from a map/slice has type interface {}
  if (isInterface && index !== undefined) throw new FuncError('cannot index slice/array with type interface {}');
  if (typeof index === 'bigint' || index instanceof GoInt) x = num(index);
  else if (isZero(index)) throw new FuncError('cannot index slice/array with nil');
  else throw new FuncError(`cannot index slice/array with type ${goTypeName(index)}`);
  if (x < 0n || x > BigInt(cap)) throw new FuncError(`index out of range: ${x}`);
  return Number(x);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

function index(args: GoValue[]): GoValue {
  let item = args[0];
  if (isZero(item)) throw new FuncError('index of untyped nil');
  for (const idx of args.slice(1)) {
    if (item === null) throw new FuncError('index of nil pointer');
    if (Array.isArray(item) || typeof item === 'string') {
      const bytes: Buffer | null = typeof item === 'string' && !isAscii(item) ? Buffer.from(item, 'utf8') : null;
      const len: number = bytes ? bytes.length : item.length;
      const x = indexArg(idx, len);
      if (x === len) throw new FuncError(`reflect: ${typeof item === 'string' ? 'string' : 'slice'} index out of range`);
      if (typeof item === 'string') item = new GoInt('uint8', BigInt(bytes ? bytes[x]! : item.charCodeAt(x)));
      else item = item[x] ?? null;
    } else if (item instanceof Map) {
      if (isZero(idx)) throw new FuncError('value is nil; should be of type string');
      if (typeof idx !== 'string') throw new FuncError(`value has type ${goTypeName(idx)}; should be string`);
      item = item.has(idx) ? (item.get(idx) ?? null) : null;
    } else {
      throw new FuncError(`can't index item of type ${goTypeName(item!)}`);
    }
  }
  return item;
}

function slice(args: GoValue[], call: CallContext): GoValue {
  const item = args[0];
  const indexes = args.slice(1);
  if (isZero(item)) throw new FuncError('slice of untyped nil');
  if (indexes.length > 3) throw new FuncError(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let bytes: Buffer | null = null;
  if (typeof item === 'string') {
    if (indexes.length === 3) throw new FuncError('cannot 3-index slice a string');
    bytes = isAscii(item) ? null : Buffer.from(item, 'utf8');
    cap = bytes ? bytes.length : item.length;
  } else if (Array.isArray(item)) cap = item.length;
  else throw new FuncError(`can't slice item of type ${goTypeName(item)}`);
  const idx = [0, cap, cap];
  indexes.forEach((ix, i) => (idx[i] = indexArg(ix, cap, call.argIsInterface?.[i + 1] ?? false)));
  if (idx[0]! > idx[1]!) throw new FuncError(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1]! > idx[2]!) throw new FuncError(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof item === 'string') return bytes ? bytes.subarray(idx[0], idx[1]).toString('utf8') : item.slice(idx[0], idx[1]);
  const arr = item as GoValue[];
  return sliceOf(arr.slice(idx[0], idx[1]), sliceType(arr));
}

function length(args: GoValue[]): GoValue {
  const item = args[0];
  if (item === null) throw new FuncError('len of nil pointer');
  if (item === undefined) throw new FuncError('reflect: call of reflect.Value.Type on zero Value');
  if (typeof item === 'string') return BigInt(isAscii(item) ? item.length : Buffer.byteLength(item, 'utf8'));
  if (Array.isArray(item)) return BigInt(item.length);
  if (item instanceof Map) return BigInt(item.size);
  throw new FuncError(`len of type ${goTypeName(item)}`);
}

// -------------------------------------------------------------------------- call

function call(args: GoValue[], ctx: Parameters<GoFunc>[1]): GoValue {
  const fn = args[0];
  if (isZero(fn)) throw new FuncError('call of nil');
  if (typeof fn !== 'function') throw new FuncError(`non-function of type ${goTypeName(fn)}`);
  const callArgs = args.slice(1).map((a) => (a === undefined ? null : a));
  const sig = funcSignature(fn);
  if (sig) {
    const numIn = sig.params.length;
    if (sig.variadic !== undefined) {
      if (callArgs.length < numIn) throw new FuncError(`wrong number of args: got ${callArgs.length} want at least ${numIn}`);
    } else if (callArgs.length !== numIn) throw new FuncError(`wrong number of args: got ${callArgs.length} want ${numIn}`);
    callArgs.forEach((a, i) => {
      const t = i < numIn ? sig.params[i]! : sig.variadic!;
      if (t === 'interface {}' || t === 'reflect.Value') return;
      if (a === null) {
        if (!(t.startsWith('map[') || t.startsWith('[]') || t.startsWith('*') || t.startsWith('func'))) {
          throw new FuncError(`arg ${i}: value is nil; should be of type ${t}`);
        }
      } else if (goTypeName(a) !== t) throw new FuncError(`arg ${i}: value has type ${goTypeName(a)}; should be ${t}`);
    });
  }
  return fn(callArgs, ctx);
}

// -------------------------------------------------------------------------- escapers

function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  // Go passes each argument through printableValue: a nil interface prints as <no value>
  return sprint(...args.map((a) => (a === null || a === undefined ? '<no value>' : a)));
}

export function htmlEscapeString(s: string): string {
  let out = '';
  for (const ch of s) {
    switch (ch) {
      case '\0':
        out += '\uFFFD';
        break;
      case '"':
        out += '&#34;';
        break;
      case "'":
        out += '&#39;';
        break;
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

export function jsEscapeString(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 128) {
      switch (ch) {
        case '\\':
          out += '\\\\';
          continue;
        case "'":
          out += "\\'";
          continue;
        case '"':
          out += '\\"';
          continue;
        case '<':
          out += '\\u003C';
          continue;
        case '>':
          out += '\\u003E';
          continue;
        case '&':
          out += '\\u0026';
          continue;
        case '=':
          out += '\\u003D';
          continue;
      }
      if (cp < 32) out += '\\u00' + cp.toString(16).toUpperCase().padStart(2, '0');
      else out += ch;
      continue;
    }
    if (isGoPrint(cp)) out += ch;
    else out += '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
  }
  return out;
}

export function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    if ((b >= 65 && b <= 90) || (b >= 97 && b <= 122) || (b >= 48 && b <= 57) || b === 45 || b === 95 || b === 46 || b === 126) {
      out += String.fromCharCode(b);
    } else if (b === 32) out += '+';
    else out += '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

// -------------------------------------------------------------------------- table

const RV = 'reflect.Value';

function sig<F extends GoFunc>(params: string[], variadic: string | undefined, fn: F): F {
  return withSignature(fn, variadic === undefined ? { params } : { params, variadic });
}

/** The builtins by name; the executor treats and/or specially only when these exact functions are called. */
export const BUILTINS: ReadonlyMap<string, GoFunc> = new Map<string, GoFunc>([
  ['and', sig([RV], RV, (a) => a[a.length - 1])],
  ['or', sig([RV], RV, (a) => a[a.length - 1])],
  ['not', sig([RV], undefined, (a) => !isTrue(a[0]))],
  ['call', sig([RV], RV, call)],
  ['html', sig([], 'interface {}', (a) => htmlEscapeString(evalArgs(a)))],
  ['js', sig([], 'interface {}', (a) => jsEscapeString(evalArgs(a)))],
  ['urlquery', sig([], 'interface {}', (a) => queryEscape(evalArgs(a)))],
  ['index', sig([RV], RV, index)],
  ['slice', sig([RV], RV, slice)],
  ['len', sig([RV], undefined, length)],
  ['print', sig([], 'interface {}', (a) => sprint(...a))],
  ['printf', sig(['string'], 'interface {}', (a) => sprintf(a[0] as string, ...a.slice(1)))],
  ['println', sig([], 'interface {}', (a) => sprintln(...a))],
  ['eq', sig([RV], RV, eq)],
  ['ne', sig([RV, RV], undefined, (a) => !eq(a))],
  ['lt', sig([RV, RV], undefined, (a) => lt(a[0], a[1]))],
  ['le', sig([RV, RV], undefined, (a) => le(a[0], a[1]))],
  ['gt', sig([RV, RV], undefined, (a) => !le(a[0], a[1]))],
  ['ge', sig([RV, RV], undefined, (a) => !lt(a[0], a[1]))],
]);
