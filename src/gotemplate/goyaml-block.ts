/**
 * A reader for the block-style YAML that Kubernetes manifests and rendered templates are almost
 * always written in: block mappings and sequences, plain and one-line quoted scalars, literal
 * block scalars, empty flow collections, comments. It reads such text several times faster than
 * a general YAML parser and gives exactly what parseGoYamlPlain gives; on anything outside this
 * subset (flow collections, anchors, tags, multi-line plain or quoted scalars, odd keys, tabs,
 * repeated keys, ...) it answers UNSUPPORTED and the caller uses the general reader, which also
 * owns every error message.
 */

export const UNSUPPORTED: unique symbol = Symbol('unsupported');

/** How go-yaml v2 resolves a plain scalar, as parseGoYamlPlain's reader applies it. */
export type PlainScalarResolver = (text: string) => unknown | typeof UNSUPPORTED;

class Unsupported extends Error {}
const BAIL = new Unsupported();

interface Line {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset of the line's "\n" (or the text's end). */
  end: number;
  /** Columns of leading spaces. */
  indent: number;
  /** Whether the line has nothing but spaces, or a comment after them. */
  blank: boolean;
}

/** Characters a general parser rejects or treats specially in ways this reader does not follow. */
// eslint-disable-next-line no-control-regex
const UNSUPPORTED_CHARACTERS = /[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]/;

function hasUnsupportedCharacters(text: string): boolean {
  return UNSUPPORTED_CHARACTERS.test(text);
}

class BlockReader {
  private readonly lines: Line[] = [];
  private pos = 0;

  constructor(
    private readonly text: string,
    private readonly resolve: PlainScalarResolver,
  ) {
    let start = 0;
    while (start < text.length) {
      let end = text.indexOf('\n', start);
      if (end < 0) end = text.length;
      let i = start;
      while (i < end && text.charCodeAt(i) === 0x20) i++;
      this.lines.push({ start, end, indent: i - start, blank: i === end || text.charCodeAt(i) === 0x23 });
      start = end + 1;
    }
  }

  document(): unknown {
    this.skipBlank();
    if (this.pos >= this.lines.length) return null;
    const first = this.lines[this.pos]!;
    const c = this.text.charCodeAt(first.start + first.indent);
    // directives, document markers and a top-level scalar are the general reader's
    if (c === 0x25 || this.text.startsWith('---', first.start) || this.text.startsWith('...', first.start)) throw BAIL;
    const v = this.node(first.indent);
    this.skipBlank();
    if (this.pos < this.lines.length) throw BAIL;
    return v;
  }

  private skipBlank(): void {
    while (this.pos < this.lines.length && this.lines[this.pos]!.blank) this.pos++;
  }

  /** The block collection starting at the current (non-blank) line, whose indentation is `indent`. */
  private node(indent: number): unknown {
    const line = this.lines[this.pos]!;
    if (this.isDashLine(line)) return this.sequence(indent);
    return this.mapping(indent);
  }

  private isDashLine(line: Line): boolean {
    const at = line.start + line.indent;
    if (this.text.charCodeAt(at) !== 0x2d) return false;
    const next = at + 1;
    return next === line.end || this.text.charCodeAt(next) === 0x20;
  }

  private sequence(indent: number): unknown[] {
    const out: unknown[] = [];
    for (;;) {
      this.skipBlank();
      if (this.pos >= this.lines.length) return out;
      const line = this.lines[this.pos]!;
      if (line.indent < indent) return out;
      if (line.indent > indent) throw BAIL;
      if (!this.isDashLine(line)) return out; // the parent mapping's next key (checked there)
      let at = line.start + line.indent + 1;
      while (at < line.end && this.text.charCodeAt(at) === 0x20) at++;
      if (at >= line.end || this.text.charCodeAt(at) === 0x23) {
        if (at < line.end && this.text.charCodeAt(at - 1) !== 0x20) throw BAIL;
        this.pos++;
        out.push(this.nestedOrNull(indent, false));
        continue;
      }
      const column = at - line.start;
      if (this.mappingKeyEnd(at, line.end) >= 0) {
        // "- key: value": a mapping whose keys sit at the column after the dash
        out.push(this.mapping(column, at));
        continue;
      }
      const c = this.text.charCodeAt(at);
      if (c === 0x2d && (at + 1 === line.end || this.text.charCodeAt(at + 1) === 0x20)) throw BAIL; // "- - x"
      out.push(this.inlineValue(at, line.end, column - 1));
    }
  }

  /**
   * The offset of the ":" that ends a plain key starting at `from`, or -1 when the text there
   * is not a simple key (quoted or flow keys, "?" keys, anchors and tags are not supported).
   */
  private mappingKeyEnd(from: number, end: number): number {
    const t = this.text;
    const c = t.charCodeAt(from);
    if (c === 0x22 || c === 0x27 || c === 0x5b || c === 0x7b || c === 0x3f || c === 0x26 || c === 0x2a || c === 0x21 || c === 0x7c || c === 0x3e || c === 0x25 || c === 0x40 || c === 0x60 || c === 0x23 || c === 0x2c || c === 0x5d || c === 0x7d) return -1;
    for (let i = from; i < end; i++) {
      const ch = t.charCodeAt(i);
      if (ch === 0x3a && (i + 1 === end || t.charCodeAt(i + 1) === 0x20)) return i;
      if (ch === 0x23 && i > from && t.charCodeAt(i - 1) === 0x20) return -1;
    }
    return -1;
  }

  /** A block mapping whose keys are at `indent`; `firstAt` is where its first key starts when it follows a dash. */
  private mapping(indent: number, firstAt?: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    let keyAt = firstAt;
    for (;;) {
      let line: Line;
      if (keyAt === undefined) {
        this.skipBlank();
        if (this.pos >= this.lines.length) return out;
        line = this.lines[this.pos]!;
        if (line.indent < indent) return out;
        if (line.indent > indent) throw BAIL;
        if (this.isDashLine(line)) return out; // a sequence item of an enclosing sequence (checked there)
        keyAt = line.start + line.indent;
      } else line = this.lines[this.pos]!;
      const colon = this.mappingKeyEnd(keyAt, line.end);
      if (colon < 0 || colon === keyAt) throw BAIL;
      const key = this.text.slice(keyAt, colon);
      if (key.charCodeAt(key.length - 1) === 0x20) throw BAIL;
      this.checkKey(key);
      if (Object.hasOwn(out, key)) throw BAIL; // repeated keys: the general reader decides
      keyAt = undefined;
      let at = colon + 1;
      while (at < line.end && this.text.charCodeAt(at) === 0x20) at++;
      if (at >= line.end || this.text.charCodeAt(at) === 0x23) {
        this.pos++;
        out[key] = this.nestedOrNull(indent, true);
      } else {
        out[key] = this.inlineValue(at, line.end, indent);
      }
    }
  }

  private checkKey(key: string): void {
    const c = key.charCodeAt(0);
    // keys that are not strings in YAML, or that need sigs.k8s.io/yaml's conversion, go the long way
    if (c === 0x2d || c === 0x2b || c === 0x2e || (c >= 0x30 && c <= 0x39) || key === 'undefined' || key === '__proto__' || key === '<<') throw BAIL;
    if (this.resolve(key) !== key) throw BAIL;
  }

  /**
   * The value of an entry whose line ended after "key:" or "-": a deeper block collection,
   * a sequence at the key's own indentation (mappings only), or null.
   */
  private nestedOrNull(indent: number, inMapping: boolean): unknown {
    this.skipBlank();
    if (this.pos >= this.lines.length) return null;
    const line = this.lines[this.pos]!;
    if (line.indent > indent) return this.node(line.indent);
    if (inMapping && line.indent === indent && this.isDashLine(line)) return this.sequence(indent);
    return null;
  }

  /** A value on the rest of a line (from `at`); `parentIndent` bounds block scalars and continuations. */
  private inlineValue(at: number, end: number, parentIndent: number): unknown {
    const t = this.text;
    const c = t.charCodeAt(at);
    this.pos++;
    if (c === 0x22) return this.afterScalar(this.doubleQuoted(at, end), parentIndent);
    if (c === 0x27) return this.afterScalar(this.singleQuoted(at, end), parentIndent);
    if (c === 0x7c) return this.literal(at, end, parentIndent);
    if (c === 0x5b) return this.afterScalar(this.flowSequence(at, end), parentIndent);
    if (c === 0x7b) {
      if (this.stripComment(at, end) === '{}') return this.afterScalar({}, parentIndent);
      throw BAIL;
    }
    // other indicators (anchors, aliases, tags, folded scalars, reserved characters, "? " and ": ")
    if (c === 0x26 || c === 0x2a || c === 0x21 || c === 0x3e || c === 0x25 || c === 0x40 || c === 0x60 || c === 0x23 || c === 0x2c || c === 0x5d || c === 0x7d) throw BAIL;
    if ((c === 0x3f || c === 0x3a || c === 0x2d) && (at + 1 === end || t.charCodeAt(at + 1) === 0x20)) throw BAIL;
    const text = this.stripComment(at, end);
    if (text.includes(': ') || text.charCodeAt(text.length - 1) === 0x3a || text === '<<') throw BAIL;
    const v = this.resolve(text);
    if (v === UNSUPPORTED) throw BAIL;
    return this.afterScalar(v, parentIndent);
  }

  /** A one-line flow sequence of scalars: [a, "b", 'c']. */
  private flowSequence(at: number, end: number): unknown[] {
    const t = this.text;
    const out: unknown[] = [];
    let i = at + 1;
    const skipSpaces = (): void => {
      while (i < end && t.charCodeAt(i) === 0x20) i++;
    };
    skipSpaces();
    if (t.charCodeAt(i) === 0x5d) {
      this.checkLineRest(i + 1, end);
      return out;
    }
    for (;;) {
      skipSpaces();
      if (i >= end) throw BAIL;
      const c = t.charCodeAt(i);
      if (c === 0x22 || c === 0x27) {
        const close = c === 0x22 ? this.doubleQuotedEnd(i, end) : this.singleQuotedEnd(i, end);
        out.push(close.value);
        i = close.next;
      } else {
        let j = i;
        for (; j < end; j++) {
          const d = t.charCodeAt(j);
          if (d === 0x2c || d === 0x5d) break;
          // nested collections, flow mappings, comments and indicators are the general reader's
          if (d === 0x5b || d === 0x7b || d === 0x7d || d === 0x3a || d === 0x23) throw BAIL;
        }
        let stop = j;
        while (stop > i && t.charCodeAt(stop - 1) === 0x20) stop--;
        if (stop === i) throw BAIL; // empty entry
        if (c === 0x26 || c === 0x2a || c === 0x21 || c === 0x7c || c === 0x3e || c === 0x25 || c === 0x40 || c === 0x60 || c === 0x3f || c === 0x2d) {
          if (c !== 0x2d || stop === i + 1 || t.charCodeAt(i + 1) === 0x20) throw BAIL;
        }
        const v = this.resolve(t.slice(i, stop));
        if (v === UNSUPPORTED) throw BAIL;
        out.push(v);
        i = j;
      }
      skipSpaces();
      const d = t.charCodeAt(i);
      if (d === 0x5d) {
        this.checkLineRest(i + 1, end);
        return out;
      }
      if (d !== 0x2c) throw BAIL;
      i++;
    }
  }

  /** A scalar ends its entry only if no deeper line follows (that would continue it). */
  private afterScalar<T>(v: T, parentIndent: number): T {
    this.skipBlank();
    if (this.pos < this.lines.length && this.lines[this.pos]!.indent > parentIndent) throw BAIL;
    return v;
  }

  /** The plain text from `at` to the end of the line or a comment, trailing spaces removed. */
  private stripComment(at: number, end: number): string {
    const t = this.text;
    let stop = end;
    for (let i = at + 1; i < end; i++) {
      if (t.charCodeAt(i) === 0x23 && t.charCodeAt(i - 1) === 0x20) {
        stop = i;
        break;
      }
    }
    while (stop > at && t.charCodeAt(stop - 1) === 0x20) stop--;
    return t.slice(at, stop);
  }

  /** Only a comment or nothing may follow a quoted scalar on its line. */
  private checkLineRest(from: number, end: number): void {
    let i = from;
    while (i < end && this.text.charCodeAt(i) === 0x20) i++;
    if (i < end && (this.text.charCodeAt(i) !== 0x23 || i === from)) throw BAIL;
  }

  private singleQuoted(at: number, end: number): string {
    const r = this.singleQuotedEnd(at, end);
    this.checkLineRest(r.next, end);
    return r.value;
  }

  private doubleQuoted(at: number, end: number): string {
    const r = this.doubleQuotedEnd(at, end);
    this.checkLineRest(r.next, end);
    return r.value;
  }

  /** A single-quoted scalar closed on its line; `next` is the offset after the closing quote. */
  private singleQuotedEnd(at: number, end: number): { value: string; next: number } {
    const t = this.text;
    let out = '';
    let from = at + 1;
    for (let i = at + 1; i < end; i++) {
      if (t.charCodeAt(i) !== 0x27) continue;
      if (t.charCodeAt(i + 1) === 0x27 && i + 1 < end) {
        out += t.slice(from, i + 1);
        i++;
        from = i + 1;
        continue;
      }
      return { value: out + t.slice(from, i), next: i + 1 };
    }
    throw BAIL; // continues on the next line
  }

  private doubleQuotedEnd(at: number, end: number): { value: string; next: number } {
    const t = this.text;
    let out = '';
    let from = at + 1;
    for (let i = at + 1; i < end; i++) {
      const c = t.charCodeAt(i);
      if (c === 0x22) return { value: out + t.slice(from, i), next: i + 1 };
      if (c !== 0x5c) continue;
      out += t.slice(from, i);
      const e = t.charCodeAt(i + 1);
      switch (e) {
        case 0x22: out += '"'; break;
        case 0x5c: out += '\\'; break;
        case 0x2f: out += '/'; break;
        case 0x6e: out += '\n'; break;
        case 0x74: out += '\t'; break;
        case 0x72: out += '\r'; break;
        case 0x30: out += '\0'; break;
        default:
          throw BAIL; // other escapes (and a line-ending backslash) are the general reader's
      }
      i++;
      from = i + 1;
    }
    throw BAIL;
  }

  /** "|" or "|-" with the indentation taken from the first line. */
  private literal(at: number, end: number, parentIndent: number): string {
    const header = this.stripComment(at, end);
    if (header !== '|' && header !== '|-') throw BAIL;
    const strip = header === '|-';
    const lines = this.lines;
    let i = this.pos;
    // the first content line sets the indentation; leading empty lines are the general reader's
    if (i >= lines.length) throw BAIL;
    const first = lines[i]!;
    if (first.indent === first.end - first.start || first.indent <= parentIndent) throw BAIL;
    const m = first.indent;
    const parts: string[] = [];
    let lastContent = -1;
    for (; i < lines.length; i++) {
      const l = lines[i]!;
      const width = l.end - l.start;
      if (l.indent === width) {
        // a spaces-only line is an empty line; past the indentation it is content (not followed here)
        if (l.indent > m) throw BAIL;
        parts.push('');
      } else if (l.indent >= m) {
        parts.push(this.text.slice(l.start + m, l.end));
        lastContent = parts.length;
      } else break;
    }
    // the last content line must end with a newline for the clipped form to keep one
    const lastLine = lines[this.pos + lastContent - 1]!;
    if (lastLine.end >= this.text.length) throw BAIL;
    this.pos = this.pos + lastContent;
    const body = parts.slice(0, lastContent).join('\n');
    return strip ? body : body + '\n';
  }
}

/** The document's data, or UNSUPPORTED when the text is outside the subset this reader knows. */
export function readBlockYaml(text: string, resolve: PlainScalarResolver): unknown {
  if (hasUnsupportedCharacters(text)) return UNSUPPORTED;
  try {
    return new BlockReader(text, resolve).document();
  } catch (e) {
    if (e instanceof Unsupported) return UNSUPPORTED;
    throw e;
  }
}
