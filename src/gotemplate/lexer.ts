/**
 * Lexer for Go text/template, written to reproduce Go's token boundaries, trim markers and
 * error texts. It scans the whole input eagerly into an array; scanning stops at the first
 * error, which becomes the last token (Go's parser sees the same sequence lazily).
 */

export const enum T {
  Error,
  Bool,
  Char,
  CharConstant,
  Comment,
  Complex,
  Assign,
  Declare,
  EOF,
  Field,
  Identifier,
  LeftDelim,
  LeftParen,
  Number,
  Pipe,
  RawString,
  RightDelim,
  RightParen,
  Space,
  String,
  Text,
  Variable,
  // Keywords (Go orders them after itemKeyword; String() shows them as <name>).
  Keyword,
  Block,
  Break,
  Continue,
  Dot,
  Define,
  Else,
  End,
  If,
  Nil,
  Range,
  Template,
  With,
}

export interface Token {
  type: T;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: ReadonlyMap<string, T> = new Map([
  ['.', T.Dot],
  ['block', T.Block],
  ['break', T.Break],
  ['continue', T.Continue],
  ['define', T.Define],
  ['else', T.Else],
  ['end', T.End],
  ['if', T.If],
  ['range', T.Range],
  ['nil', T.Nil],
  ['template', T.Template],
  ['with', T.With],
]);

export interface LexOptions {
  leftDelim: string;
  rightDelim: string;
  breakOK: boolean;
  continueOK: boolean;
}

function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;

/** Go's isAlphaNumeric: '_', unicode.IsLetter, unicode.IsDigit. ASCII fast path first. */
function isAlphaNumericAt(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  if (c < 128) return c === 95 || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  if (Number.isNaN(c)) return false;
  const ch = String.fromCodePoint(s.codePointAt(i)!);
  return LETTER.test(ch) || DIGIT.test(ch);
}

function charLen(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

/** Go's %#U: U+0041 'A' */
export function formatRuneU(cp: number): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  const printable = cp >= 0x20 && cp !== 0x7f && !(cp >= 0x80 && cp < 0xa0) && !(cp >= 0xd800 && cp < 0xe000);
  return printable ? `U+${hex} '${String.fromCodePoint(cp)}'` : `U+${hex}`;
}

export function lex(input: string, opts: LexOptions): Token[] {
  const { leftDelim, rightDelim } = opts;
  const tokens: Token[] = [];
  let pos = 0;
  let start = 0;
  // line tracking: newlines counted incrementally up to `lineScan`
  let lineScan = 0;
  let lineAtScan = 1;
  const lineOf = (p: number): number => {
    while (lineScan < p) {
      if (input.charCodeAt(lineScan) === 10) lineAtScan++;
      lineScan++;
    }
    return lineAtScan;
  };
  const emit = (type: T): void => {
    tokens.push({ type, pos: start, val: input.slice(start, pos), line: lineOf(start) });
    start = pos;
  };
  const emitError = (msg: string): void => {
    tokens.push({ type: T.Error, pos: start, val: msg, line: lineOf(start) });
  };
  const hasLeftTrim = (p: number): boolean => input.charCodeAt(p) === 45 && isSpaceCode(input.charCodeAt(p + 1));
  const hasRightTrim = (p: number): boolean => isSpaceCode(input.charCodeAt(p)) && input.charCodeAt(p + 1) === 45;
  const atRightDelim = (): { delim: boolean; trim: boolean } => {
    if (hasRightTrim(pos) && input.startsWith(rightDelim, pos + 2)) return { delim: true, trim: true };
    if (input.startsWith(rightDelim, pos)) return { delim: true, trim: false };
    return { delim: false, trim: false };
  };
  const skipLeftSpace = (): void => {
    while (pos < input.length && isSpaceCode(input.charCodeAt(pos))) pos++;
  };
  const atTerminator = (): boolean => {
    if (pos >= input.length) return true;
    const c = input.charCodeAt(pos);
    if (isSpaceCode(c)) return true;
    if (c === 46 || c === 44 || c === 124 || c === 58 || c === 41 || c === 40) return true;
    return input.startsWith(rightDelim, pos);
  };
  /** Scans a "string" or 'c' body after its opening quote; false when unterminated (EOF or newline). */
  const scanQuoted = (quote: number): boolean => {
    while (pos < input.length) {
      const q = input.charCodeAt(pos++);
      if (q === 92) {
        if (pos >= input.length || input.charCodeAt(pos) === 10) return false;
        pos += charLen(input, pos);
        continue;
      }
      if (q === 10) return false;
      if (q === quote) return true;
    }
    return false;
  };
  const badChar = (p: number): string =>
    p >= input.length ? 'bad character U+FFFFFFFF' : `bad character ${formatRuneU(input.codePointAt(p)!)}`;

  // Each state function returns false when scanning ends (EOF or error).
  for (;;) {
    // lexText
    const x = input.indexOf(leftDelim, pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) emit(T.Text);
      tokens.push({ type: T.EOF, pos, val: '', line: lineOf(pos) });
      return tokens;
    }
    pos = x;
    const trimLeft = hasLeftTrim(x + leftDelim.length);
    let textEnd = x;
    if (trimLeft) {
      while (textEnd > start && isSpaceCode(input.charCodeAt(textEnd - 1))) textEnd--;
    }
    if (textEnd > start) {
      tokens.push({ type: T.Text, pos: start, val: input.slice(start, textEnd), line: lineOf(start) });
    }
    start = x;
    // lexLeftDelim
    pos = x + leftDelim.length;
    const afterMarker = trimLeft ? 2 : 0;
    if (input.startsWith('/*', pos + afterMarker)) {
      pos += afterMarker;
      start = pos;
      // lexComment
      pos += 2;
      const end = input.indexOf('*/', pos);
      if (end < 0) {
        emitError('unclosed comment');
        return tokens;
      }
      pos = end + 2;
      const rd = atRightDelim();
      if (!rd.delim) {
        emitError('comment ends before closing delimiter');
        return tokens;
      }
      if (rd.trim) pos += 2;
      pos += rightDelim.length;
      if (rd.trim) skipLeftSpace();
      start = pos;
      continue;
    }
    emit(T.LeftDelim);
    pos += afterMarker;
    start = pos;
    let parenDepth = 0;
    // lexInsideAction
    for (;;) {
      const rd = atRightDelim();
      if (rd.delim) {
        if (parenDepth !== 0) {
          emitError('unclosed left paren');
          return tokens;
        }
        // lexRightDelim
        if (rd.trim) {
          pos += 2;
          start = pos;
        }
        pos += rightDelim.length;
        emit(T.RightDelim);
        if (rd.trim) {
          skipLeftSpace();
          start = pos;
        }
        break;
      }
      if (pos >= input.length) {
        emitError('unclosed action');
        return tokens;
      }
      const c = input.charCodeAt(pos);
      if (isSpaceCode(c)) {
        // lexSpace: a run of spaces, minding a trim-marked right delimiter after it
        let numSpaces = 0;
        while (pos < input.length && isSpaceCode(input.charCodeAt(pos))) {
          pos++;
          numSpaces++;
        }
        if (hasRightTrim(pos - 1) && input.startsWith(rightDelim, pos + 1)) {
          pos--;
          if (numSpaces === 1) continue;
        }
        emit(T.Space);
        continue;
      }
      pos++;
      switch (c) {
        case 61: // =
          emit(T.Assign);
          continue;
        case 58: // :
          if (input.charCodeAt(pos) !== 61) {
            if (pos < input.length) pos += charLen(input, pos);
            emitError('expected :=');
            return tokens;
          }
          pos++;
          emit(T.Declare);
          continue;
        case 124:
          emit(T.Pipe);
          continue;
        case 34: {
          // "quoted"
          if (!scanQuoted(34)) {
            emitError('unterminated quoted string');
            return tokens;
          }
          emit(T.String);
          continue;
        }
        case 96: {
          const end = input.indexOf('`', pos);
          if (end < 0) {
            pos = input.length;
            emitError('unterminated raw quoted string');
            return tokens;
          }
          pos = end + 1;
          emit(T.RawString);
          continue;
        }
        case 36: // $
          if (atTerminator()) {
            emit(T.Variable);
            continue;
          }
          if (!lexFieldOrVariable(T.Variable)) return tokens;
          continue;
        case 39: {
          // 'c'
          if (!scanQuoted(39)) {
            emitError('unterminated character constant');
            return tokens;
          }
          emit(T.CharConstant);
          continue;
        }
        case 46: {
          // .field, or a number like .5
          // as in Go, a '.' at the very end of the input is scanned as a (bad) number
          const n = input.charCodeAt(pos);
          if (pos < input.length && (n < 48 || n > 57)) {
            if (!lexFieldOrVariable(T.Field)) return tokens;
            continue;
          }
          pos--;
          if (!lexNumber()) return tokens;
          continue;
        }
        case 40:
          emit(T.LeftParen);
          parenDepth++;
          continue;
        case 41:
          emit(T.RightParen);
          parenDepth--;
          if (parenDepth < 0) {
            emitError(`unexpected right paren ${formatRuneU(41)}`);
            return tokens;
          }
          continue;
      }
      if (c === 43 || c === 45 || (c >= 48 && c <= 57)) {
        pos--;
        if (!lexNumber()) return tokens;
        continue;
      }
      if (isAlphaNumericAt(input, pos - 1)) {
        pos = pos - 1 + charLen(input, pos - 1);
        while (pos < input.length && isAlphaNumericAt(input, pos)) pos += charLen(input, pos);
        const word = input.slice(start, pos);
        if (!atTerminator()) {
          const bad = pos;
          pos += pos < input.length ? charLen(input, pos) : 0;
          emitError(badChar(bad));
          return tokens;
        }
        const kw = KEYWORDS.get(word);
        if (kw !== undefined && kw !== T.Dot) {
          if ((kw === T.Break && !opts.breakOK) || (kw === T.Continue && !opts.continueOK)) emit(T.Identifier);
          else emit(kw);
        } else if (word === 'true' || word === 'false') emit(T.Bool);
        else emit(T.Identifier);
        continue;
      }
      if (c < 128 && c >= 32 && c !== 127) {
        emit(T.Char);
        continue;
      }
      pos = pos - 1 + charLen(input, pos - 1);
      emitError(`unrecognized character in action: ${formatRuneU(input.codePointAt(start)!)}`);
      return tokens;
    }
    start = pos;
  }

  function lexFieldOrVariable(type: T): boolean {
    if (atTerminator()) {
      emit(type === T.Variable ? T.Variable : T.Dot);
      return true;
    }
    while (pos < input.length && isAlphaNumericAt(input, pos)) pos += charLen(input, pos);
    if (!atTerminator()) {
      const bad = pos;
      pos += charLen(input, pos);
      emitError(badChar(bad));
      return false;
    }
    emit(type);
    return true;
  }

  function accept(valid: string): boolean {
    if (pos < input.length && valid.includes(input[pos]!)) {
      pos++;
      return true;
    }
    return false;
  }
  function acceptRun(valid: string): void {
    while (pos < input.length && valid.includes(input[pos]!)) pos++;
  }
  function scanNumber(): boolean {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (pos < input.length && isAlphaNumericAt(input, pos)) {
      pos += charLen(input, pos);
      return false;
    }
    return true;
  }
  function lexNumber(): boolean {
    if (!scanNumber()) {
      emitError(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
      return false;
    }
    const sign = input.charCodeAt(pos);
    if (sign === 43 || sign === 45) {
      if (!scanNumber() || input[pos - 1] !== 'i') {
        emitError(`bad number syntax: ${goQuote(input.slice(start, pos))}`);
        return false;
      }
      emit(T.Complex);
    } else emit(T.Number);
    return true;
  }
}

/** Go's strconv.Quote (as %q prints a string): printable runes kept, others escaped. */
export function goQuote(s: string, asciiOnly = false): string {
  // printable ASCII other than " and \ is written as it is (most strings)
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c > 0x7e || c === 34 || c === 92) {
      plain = false;
      break;
    }
  }
  if (plain) return '"' + s + '"';
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += quoteRune(cp, 34, asciiOnly);
  }
  return out + '"';
}

export function quoteRune(cp: number, quote: number, asciiOnly: boolean): string {
  if (cp === quote || cp === 92) return '\\' + String.fromCodePoint(cp);
  if (asciiOnly ? cp < 128 && isGoPrint(cp) : isGoPrint(cp)) return String.fromCodePoint(cp);
  switch (cp) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (cp < 0x20 || cp === 0x7f) return '\\x' + cp.toString(16).padStart(2, '0');
  if (cp >= 0xd800 && cp < 0xe000) return '\\ufffd';
  if (cp < 0x10000) return '\\u' + cp.toString(16).padStart(4, '0');
  return '\\U' + cp.toString(16).padStart(8, '0');
}

const NON_PRINT = /[\p{C}\p{Z}]/u;
/** Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrint(cp: number): boolean {
  if (cp < 128) return cp >= 32 && cp < 127;
  if (cp >= 0xd800 && cp < 0xe000) return false;
  return !NON_PRINT.test(String.fromCodePoint(cp));
}
