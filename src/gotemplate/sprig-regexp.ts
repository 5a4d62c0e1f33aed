/**
 * Go regexp (RE2 syntax) on top of JavaScript's engine: the pattern is translated (inline flags,
 * (?P<name>), \A \z, \Q..\E, POSIX classes) and the match iteration follows Go's rules for empty
 * matches, so FindAll/ReplaceAll/Split give Go's results. Byte offsets are UTF-16 here, which
 * only matters for Split/Find counts of non-BMP text.
 */
import { FuncError } from './value.js';

const POSIX: Record<string, string> = {
  alnum: '0-9A-Za-z', alpha: 'A-Za-z', ascii: '\\x00-\\x7F', blank: '\\t ', cntrl: '\\x00-\\x1F\\x7F', digit: '0-9',
  graph: '!-~', lower: 'a-z', print: ' -~', punct: '!-\\/:-@\\[-`{-~', space: '\\t\\n\\v\\f\\r ', upper: 'A-Z', word: '0-9A-Za-z_', xdigit: '0-9A-Fa-f',
};

const cache = new Map<string, RegExp>();

/** The error kinds of Go's regexp/syntax that templates commonly hit, with Go's wording. */
function goSyntaxError(pattern: string): string | undefined {
  const chars = Array.from(pattern);
  const open: number[] = [];
  // whether the previous item can take a repetition operator, and whether it already is one
  let repeatable = false;
  let repeated = false;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i]!;
    if (c === '\\') {
      if (i + 1 >= chars.length) return 'trailing backslash at end of expression: ``';
      const n = chars[i + 1]!;
      if (n === 'Q') {
        const rest = chars.slice(i + 2).join('');
        const end = rest.indexOf('\\E');
        if (end < 0) break;
        i += 2 + Array.from(rest.slice(0, end)).length + 1;
      } else if (/[0-9]/.test(n) && n !== '0') return `invalid escape sequence: \`\\${n}\``;
      else if (/[a-zA-Z]/.test(n) && !'AbBdDfnprsStvwWzxPQEaU'.includes(n)) return `invalid escape sequence: \`\\${n}\``;
      else i++;
      repeatable = true;
      repeated = false;
      continue;
    }
    if (c === '[') {
      let j = i + 1;
      if (chars[j] === '^') j++;
      if (chars[j] === ']') j++;
      for (; j < chars.length && chars[j] !== ']'; j++) {
        if (chars[j] === '[' && chars[j + 1] === ':') {
          const close = chars.slice(j).join('').indexOf(':]');
          if (close > 0) j += Array.from(chars.slice(j).join('').slice(0, close + 1)).length;
        } else if (chars[j] === '\\') j++;
      }
      if (j >= chars.length) return `missing closing ]: \`${chars.slice(i).join('')}\``;
      i = j;
      repeatable = true;
      repeated = false;
      continue;
    }
    if (c === '(') {
      open.push(i);
      if (chars[i + 1] === '?') {
        const rest = chars.slice(i).join('');
        const flagGroup = /^\(\?([imsU-]*)(:|\))/.exec(rest);
        const named = /^\(\?P?<[A-Za-z0-9_]+>/.exec(rest);
        if (flagGroup) {
          if (flagGroup[2] === ')') {
            open.pop();
            i += flagGroup[0].length - 1;
            repeatable = false;
            continue;
          }
          i += flagGroup[0].length - 1;
        } else if (named) i += Array.from(named[0]).length - 1;
        else return `invalid or unsupported Perl syntax: \`${chars.slice(i, i + 3).join('')}\``;
      }
      repeatable = false;
      repeated = false;
      continue;
    }
    if (c === ')') {
      if (open.length === 0) return `unexpected ): \`${pattern}\``;
      open.pop();
      repeatable = true;
      repeated = false;
      continue;
    }
    if (c === '|') {
      repeatable = false;
      repeated = false;
      continue;
    }
    const brace = c === '{' ? /^\{(\d+)(,(\d*))?\}/.exec(chars.slice(i).join('')) : null;
    if (c === '*' || c === '+' || c === '?' || brace) {
      let op = brace ? brace[0] : c;
      if (chars[i + Array.from(op).length] === '?') op += '?';
      if (brace && (Number(brace[1]) > 1000 || (brace[3] !== undefined && brace[3] !== '' && (Number(brace[3]) > 1000 || Number(brace[3]) < Number(brace[1]))))) {
        return `invalid repeat count: \`${brace[0]}\``;
      }
      if (!repeatable) return `missing argument to repetition operator: \`${op}\``;
      if (repeated) return `invalid nested repetition operator: \`${chars.slice(repeated === true ? i - 1 : i, i + Array.from(op).length).join('')}\``;
      repeated = true;
      i += Array.from(op).length - 1;
      continue;
    }
    repeatable = true;
    repeated = false;
  }
  if (open.length > 0) return `missing closing ): \`${pattern}\``;
  return undefined;
}

/** strconv.Quote, or a raw string when Go's strconv.CanBackquote allows it (regexp.MustCompile's panic text). */
function goQuoteRegexp(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[^`\x00-\x08\x0a-\x1f\x7f\ufeff]*$/.test(s) ? `\`${s}\`` : JSON.stringify(s);
}

/** regexp.MustCompile: the same compilation, failing with the panic text Go's executor reports. */
export function mustCompileGoRegexp(pattern: string): RegExp {
  try {
    return compileGoRegexp(pattern);
  } catch (e) {
    if (e instanceof FuncError) throw new FuncError(`regexp: Compile(${goQuoteRegexp(pattern)}): ${e.message}`);
    throw e;
  }
}

export function compileGoRegexp(pattern: string): RegExp {
  const hit = cache.get(pattern);
  if (hit) return hit;
  const syntax = goSyntaxError(pattern);
  if (syntax !== undefined) throw new FuncError(`error parsing regexp: ${syntax}`);
  let src = pattern;
  let flags = 'g';
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    src = src.slice(lead[0].length);
    for (const f of lead[1]!) if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i]!;
    if (c === '\\') {
      const n = src[i + 1];
      if (n === 'Q') {
        const end = src.indexOf('\\E', i + 2);
        const lit = end < 0 ? src.slice(i + 2) : src.slice(i + 2, end);
        out += lit.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
        i = end < 0 ? src.length : end + 1;
        continue;
      }
      if (!inClass && n === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && n === 'z') out += '(?![\\s\\S])';
      else if (n === 'p' || n === 'P') {
        flags += flags.includes('u') ? '' : 'u';
        out += c + n;
      } else out += c + (n ?? '');
      i++;
      continue;
    }
    if (inClass) {
      const px = /^\[:(\^?)([a-z]+):\]/.exec(src.slice(i));
      if (px && POSIX[px[2]!]) {
        if (px[1]) throw new FuncError(`error parsing regexp: negated POSIX class not supported: \`${px[0]}\``);
        out += POSIX[px[2]!];
        i += px[0].length - 1;
        continue;
      }
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (src[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (src[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (c === '(' && src.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    out += c;
  }
  let re: RegExp;
  try {
    re = new RegExp(out, flags);
  } catch (e) {
    throw new FuncError(`error parsing regexp: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
  if (cache.size > 500) cache.clear();
  cache.set(pattern, re);
  return re;
}

/** FindAllStringSubmatch(s, n): Go skips an empty match right after the previous match. */
export function goRegexpFindAll(re: RegExp, s: string, n: number): RegExpExecArray[] {
  const out: RegExpExecArray[] = [];
  if (n === 0) return out;
  let pos = 0;
  let prevEnd = -1;
  while ((n < 0 || out.length < n) && pos <= s.length) {
    re.lastIndex = pos;
    const m = re.exec(s);
    if (!m) break;
    const start = m.index;
    const end = start + m[0].length;
    let accept = true;
    if (end === start) {
      if (start === prevEnd) accept = false;
      pos = end + runeWidth(s, end);
    } else pos = end;
    prevEnd = end;
    if (accept) out.push(m);
  }
  return out;
}

function runeWidth(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
}

export function goRegexpReplaceAll(re: RegExp, s: string, repl: (m: RegExpExecArray) => string): string {
  let out = '';
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= s.length) {
    re.lastIndex = searchPos;
    const m = re.exec(s);
    if (!m) break;
    const a0 = m.index;
    const a1 = a0 + m[0].length;
    out += s.slice(lastMatchEnd, a0);
    if (a1 > lastMatchEnd || a0 === 0) out += repl(m);
    lastMatchEnd = a1;
    const width = searchPos < s.length ? runeWidth(s, searchPos) : 1;
    if (searchPos + width > a1) searchPos += width;
    else if (searchPos + 1 > a1) searchPos++;
    else searchPos = a1;
  }
  return out + s.slice(lastMatchEnd);
}

/** Regexp.Expand: $1, ${1}, $name, ${name}, $$; a malformed $ is literal. */
export function goRegexpExpand(template: string, m: RegExpExecArray): string {
  let out = '';
  let rest = template;
  for (;;) {
    const i = rest.indexOf('$');
    if (i < 0) break;
    out += rest.slice(0, i);
    rest = rest.slice(i + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const ext = /^(?:\{([\p{L}\p{Nd}_]+)\}|([\p{L}\p{Nd}_]+))/u.exec(rest);
    if (!ext) {
      out += '$';
      continue;
    }
    const name = ext[1] ?? ext[2]!;
    rest = rest.slice(ext[0].length);
    if (/^\d+$/.test(name)) {
      const num = Number(name);
      if (num < m.length && m[num] !== undefined) out += m[num];
    } else {
      const g = m.groups?.[name];
      if (g !== undefined) out += g;
    }
  }
  return out + rest;
}

export function goRegexpSplit(re: RegExp, s: string, n: number): string[] {
  if (n === 0) return [];
  if (re.source !== '(?:)' && s === '') return [''];
  const matches = goRegexpFindAll(re, s, n);
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  for (const m of matches) {
    if (n > 0 && out.length === n - 1) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

export function quoteMeta(s: string): string {
  return s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&');
}
