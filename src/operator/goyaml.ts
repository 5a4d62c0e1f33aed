/**
 * A YAML writer for JSON data that produces what Go's sigs.k8s.io/yaml (go-yaml v2) produces,
 * because istioctl's outputs are compared byte for byte: go-yaml's map key order (non-letters
 * before letters, digit runs compared as numbers), its choice between plain, single-quoted,
 * double-quoted and literal scalars (strings that YAML 1.1 would read as another type are
 * double-quoted), lists written at their key's indentation, and long scalars folded at 80 columns.
 * Written from go-yaml's documented behaviour and checked against it (test/operator/dump-oracle).
 */
import { goFloat } from './gofmt.js';
import { isJsonObject, type JsonValue } from './types.js';

const BEST_WIDTH = 80;
const INDENT = 2;

// ---- key order (go-yaml's keyList.Less) ----

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
const isLetter = (c: string): boolean => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c > '\x7f' && LETTER.test(c));
const isDigit = (c: string): boolean => (c >= '0' && c <= '9') || (c > '\x7f' && DIGIT.test(c));

export function goYamlKeyLess(a: string, b: string): boolean {
  const ar = [...a];
  const br = [...b];
  for (let i = 0; i < ar.length && i < br.length; i++) {
    const ac = ar[i] as string;
    const bc = br[i] as string;
    if (ac === bc) continue;
    const al = isLetter(ac);
    const bl = isLetter(bc);
    if (al && bl) return (ac.codePointAt(0) as number) < (bc.codePointAt(0) as number);
    if (al || bl) return bl;
    let an = 0n;
    let bn = 0n;
    if (ac === '0' || bc === '0') {
      for (let j = i - 1; j >= 0 && isDigit(ar[j] as string); j--) {
        if (ar[j] !== '0') {
          an = 1n;
          bn = 1n;
          break;
        }
      }
    }
    let ai = i;
    for (; ai < ar.length && isDigit(ar[ai] as string); ai++) an = an * 10n + BigInt((ar[ai] as string).charCodeAt(0) - 48);
    let bi = i;
    for (; bi < br.length && isDigit(br[bi] as string); bi++) bn = bn * 10n + BigInt((br[bi] as string).charCodeAt(0) - 48);
    if (an !== bn) return an < bn;
    if (ai !== bi) return ai < bi;
    return (ac.codePointAt(0) as number) < (bc.codePointAt(0) as number);
  }
  return ar.length < br.length;
}

function sortedKeys(o: Record<string, unknown>): string[] {
  return Object.keys(o).sort((x, y) => (goYamlKeyLess(x, y) ? -1 : goYamlKeyLess(y, x) ? 1 : 0));
}

// ---- does a plain scalar read back as something other than a string? (go-yaml's resolve) ----

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF',
  'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);
const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Go's strconv.ParseInt/ParseUint with base 0 (prefixes 0x, 0o, 0b, leading 0 = octal). */
function goParsesAsInt(s: string): boolean {
  const m = /^[+-]?(.*)$/.exec(s) as RegExpExecArray;
  const body = m[1] as string;
  let digits: string;
  let re: RegExp;
  if (/^0[xX]/.test(body)) [digits, re] = [body.slice(2), /^[0-9a-fA-F]+$/];
  else if (/^0[oO]/.test(body)) [digits, re] = [body.slice(2), /^[0-7]+$/];
  else if (/^0[bB]/.test(body)) [digits, re] = [body.slice(2), /^[01]+$/];
  else if (body.startsWith('0') && body.length > 1) [digits, re] = [body.slice(1), /^[0-7]+$/];
  else [digits, re] = [body, /^[0-9]+$/];
  if (!re.test(digits)) return false;
  const base = /^0[xX]/.test(body) ? 16n : /^0[oO]/.test(body) || (body.startsWith('0') && body.length > 1) ? 8n : /^0[bB]/.test(body) ? 2n : 10n;
  let v = 0n;
  for (const c of digits) v = v * base + BigInt(parseInt(c, 16));
  const neg = s.startsWith('-');
  return neg ? v <= 2n ** 63n : v < 2n ** 64n;
}

function isTimestamp(s: string): boolean {
  if (!/^\d{4}-/.test(s)) return false;
  return (
    /^\d{4}-\d{1,2}-\d{1,2}$/.test(s) ||
    /^\d{4}-\d{1,2}-\d{1,2}[Tt ]\d{1,2}:\d{1,2}:\d{1,2}(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/.test(s)
  );
}

function resolvesToNonString(s: string): boolean {
  if (s === '') return true;
  const c = s[0] as string;
  if (RESOLVE_MAP.has(s)) return true;
  if (c === '.') return YAML_STYLE_FLOAT.test(s) || /^\.(inf|nan)$/i.test(s);
  if (/[-+0-9]/.test(c)) {
    if (/[0-9]/.test(c) && isTimestamp(s)) return true;
    const plain = s.replaceAll('_', '');
    if (goParsesAsInt(plain)) return true;
    if (YAML_STYLE_FLOAT.test(plain)) return true;
    if (/^-?0b[01]+$/.test(plain)) return true;
  }
  return false;
}

// ---- scalar analysis (libyaml's yaml_emitter_analyze_scalar) ----

const isBreak = (c: string): boolean => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';

function isPrintable(c: string): boolean {
  const cp = c.codePointAt(0) as number;
  return (
    cp === 0x0a ||
    (cp >= 0x20 && cp <= 0x7e) ||
    cp === 0x85 ||
    (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

function analyze(value: string): ScalarAnalysis {
  const chars = [...value];
  if (chars.length === 0) return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = value.startsWith('---') || value.startsWith('...');
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let previousSpace = false;
  let previousBreak = false;
  let precededByWhitespace = true;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || isBreak(next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(c)) blockIndicators = true;
      if ((c === '?' || c === ':') && followedByWhitespace) blockIndicators = true;
      if (c === '-' && followedByWhitespace) blockIndicators = true;
    } else {
      if (c === ':' && followedByWhitespace) blockIndicators = true;
      if (c === '#' && precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (isBreak(c)) lineBreaks = true;
    if (c === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousBreak = true;
      previousSpace = false;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = c === ' ' || c === '\t' || isBreak(c);
  }
  let blockPlainAllowed = true;
  let singleQuotedAllowed = true;
  let blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) blockPlainAllowed = singleQuotedAllowed = false;
  if (spaceBreak || special) blockPlainAllowed = singleQuotedAllowed = blockAllowed = false;
  if (lineBreaks) blockPlainAllowed = false;
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

type Style = 'plain' | 'single' | 'double' | 'literal';

function chooseStyle(s: string, simpleKey: boolean): Style {
  const requested: Style = s.includes('\n') ? 'literal' : resolvesToNonString(s) || BASE60_FLOAT.test(s) ? 'double' : 'plain';
  const a = analyze(s);
  let style: Style = requested;
  if (style === 'plain') {
    if ((simpleKey && a.multiline) || !a.blockPlainAllowed || (s === '' && simpleKey)) style = 'single';
  }
  if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
  if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
  return style;
}

// ---- scalar writers; `column` is where the scalar starts, `indent` the continuation indent ----

function writePlain(s: string, column: number, indent: number, allowBreaks: boolean): string {
  let out = '';
  let col = column;
  const chars = [...s];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === ' ') {
      if (allowBreaks && !spaces && col > BEST_WIDTH && chars[i + 1] !== ' ') {
        out += '\n' + ' '.repeat(indent);
        col = indent;
      } else {
        out += c;
        col++;
      }
      spaces = true;
    } else {
      out += c;
      col++;
      spaces = false;
    }
  }
  return out;
}

function writeSingle(s: string, column: number, indent: number, allowBreaks: boolean): string {
  let out = "'";
  let col = column + 1;
  const chars = [...s];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c === ' ') {
      if (allowBreaks && !spaces && col > BEST_WIDTH && i !== 0 && i !== chars.length - 1 && chars[i + 1] !== ' ') {
        out += '\n' + ' '.repeat(indent);
        col = indent;
      } else {
        out += c;
        col++;
      }
      spaces = true;
    } else {
      if (c === "'") {
        out += "'";
        col++;
      }
      out += c;
      col++;
      spaces = false;
    }
  }
  return out + "'";
}

function escapeDouble(c: string): string {
  const cp = c.codePointAt(0) as number;
  switch (c) {
    case '\0':
      return '\\0';
    case '\u0007':
      return '\\a';
    case '\b':
      return '\\b';
    case '\t':
      return '\\t';
    case '\n':
      return '\\n';
    case '\v':
      return '\\v';
    case '\f':
      return '\\f';
    case '\r':
      return '\\r';
    case '\u001b':
      return '\\e';
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\u0085':
      return '\\N';
    case '\u2028':
      return '\\L';
    case '\u2029':
      return '\\P';
  }
  if (!isPrintable(c) || cp === 0xfeff) {
    if (cp <= 0xff) return '\\x' + cp.toString(16).toUpperCase().padStart(2, '0');
    if (cp <= 0xffff) return '\\u' + cp.toString(16).toUpperCase().padStart(4, '0');
    return '\\U' + cp.toString(16).toUpperCase().padStart(8, '0');
  }
  return c;
}

function writeDouble(s: string, column: number, indent: number, allowBreaks: boolean): string {
  let out = '"';
  let col = column + 1;
  const chars = [...s];
  let spaces = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i] as string;
    if (c !== ' ') {
      const e = escapeDouble(c);
      out += e;
      col += [...e].length;
      spaces = false;
      continue;
    }
    if (allowBreaks && !spaces && col > BEST_WIDTH && i !== 0 && i !== chars.length - 1) {
      out += '\n' + ' '.repeat(indent);
      col = indent;
      if (chars[i + 1] === ' ') {
        out += '\\';
        col++;
      }
    } else {
      out += c;
      col++;
    }
    spaces = true;
  }
  return out + '"';
}

function writeLiteral(s: string, indent: number): string {
  const chars = [...s];
  let hints = '';
  if (chars[0] === ' ' || isBreak(chars[0] as string)) hints += String(INDENT);
  const last = chars[chars.length - 1] as string;
  if (!isBreak(last)) hints += '-';
  else if (chars.length === 1 || isBreak(chars[chars.length - 2] as string)) hints += '+';
  const lines = s.split('\n');
  if (isBreak(last)) lines.pop();
  const pad = ' '.repeat(indent);
  return `|${hints}\n` + lines.map((l) => (l === '' ? '' : pad + l)).join('\n');
}

function scalarText(v: string | number | boolean | null, column: number, indent: number, simpleKey: boolean): string {
  if (v === null) return 'null';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') return goYamlNumber(v);
  switch (chooseStyle(v, simpleKey)) {
    case 'plain':
      return writePlain(v, column, indent, !simpleKey);
    case 'single':
      return writeSingle(v, column, indent, !simpleKey);
    case 'double':
      return writeDouble(v, column, indent, !simpleKey);
    case 'literal':
      return writeLiteral(v, indent);
  }
}

/** How a JSON number reads back in Go: an integer when JSON wrote digits, else a float64 ('g'). */
export function goYamlNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (n === Infinity) return '.inf';
  if (n === -Infinity) return '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) {
    // JSON writes the shortest digits, and Go reads those digits back as an integer.
    const digits = BigInt(String(n));
    if (digits >= -(2n ** 63n) && digits < 2n ** 64n) return String(n);
  }
  return goFloat(n);
}

// ---- block structure ----

function isEmptyCollection(v: JsonValue): boolean {
  return (Array.isArray(v) && v.length === 0) || (isJsonObject(v) && Object.keys(v).length === 0);
}

function emptyText(v: JsonValue): string {
  return Array.isArray(v) ? '[]' : '{}';
}

/** Lines for a map whose keys start at `indent`; the first line may follow a "- " prefix. */
function writeMap(o: Record<string, JsonValue>, indent: number, firstColumn: number): string {
  const keys = sortedKeys(o);
  let out = '';
  keys.forEach((k, n) => {
    const col = n === 0 ? firstColumn : indent;
    const prefix = n === 0 ? '' : ' '.repeat(indent);
    const keyText = scalarText(k, col, indent, true);
    const v = o[k] as JsonValue;
    out += prefix + keyText + ':';
    const afterKey = col + [...keyText].length + 1;
    if (isJsonObject(v) && !isEmptyCollection(v)) {
      out += '\n' + ' '.repeat(indent + INDENT) + writeMap(v, indent + INDENT, indent + INDENT);
    } else if (Array.isArray(v) && !isEmptyCollection(v)) {
      out += '\n' + writeSeq(v, indent);
    } else {
      out += ' ' + valueText(v, afterKey + 1, indent + INDENT);
    }
    out += '\n';
  });
  return out.replace(/\n$/, '');
}

/** Lines for a sequence whose dashes sit at `indent`. */
function writeSeq(list: JsonValue[], indent: number): string {
  const pad = ' '.repeat(indent);
  return list
    .map((item) => {
      const col = indent + 2;
      if (isJsonObject(item) && !isEmptyCollection(item)) return pad + '- ' + writeMap(item, indent + INDENT, col);
      if (Array.isArray(item) && !isEmptyCollection(item)) return pad + '- ' + writeSeq(item, indent + INDENT).slice(indent + INDENT);
      return pad + '- ' + valueText(item, col, indent + INDENT);
    })
    .join('\n');
}

function valueText(v: JsonValue, column: number, indent: number): string {
  if (isEmptyCollection(v)) return emptyText(v);
  return scalarText(v as string | number | boolean | null, column, indent, false);
}

/** The YAML sigs.k8s.io/yaml.Marshal writes for this JSON value (ends with a newline). */
export function toGoYaml(value: unknown): string {
  const v = value as JsonValue;
  if (isJsonObject(v) && !isEmptyCollection(v)) return writeMap(v, 0, 0) + '\n';
  if (Array.isArray(v) && !isEmptyCollection(v)) return writeSeq(v, 0) + '\n';
  return valueText(v ?? null, 0, INDENT) + '\n';
}
