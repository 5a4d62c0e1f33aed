/**
 * A syntax check for CEL (Common Expression Language) expressions, as Istio's Telemetry validation
 * runs cel-go's parser (not the type checker) on access-log filter expressions. It accepts what the
 * CEL grammar accepts with the standard macros and rejects what cel-go's default parser rejects
 * (reserved words, optional syntax, malformed macro calls). The report follows cel-go's layout
 * (`ERROR: <input>:line:col: message`, the line and a caret); the message wording after
 * `Syntax error:` is this parser's own description of the first problem, not ANTLR's.
 */

type TokenKind = 'ident' | 'int' | 'uint' | 'float' | 'string' | 'bytes' | 'op' | 'eof';

interface Token {
  kind: TokenKind;
  text: string;
  offset: number;
}

class CelSyntaxError extends Error {
  readonly offset: number;
  constructor(message: string, offset: number) {
    super(message);
    this.offset = offset;
  }
}

const RESERVED = new Set(['as', 'break', 'const', 'continue', 'else', 'for', 'function', 'if', 'import', 'let', 'loop', 'package', 'namespace', 'return', 'var', 'void', 'while']);
// Longest first so `<=` wins over `<`.
const OPERATORS = ['||', '&&', '==', '!=', '<=', '>=', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':', '.', ',', '(', ')', '[', ']', '{', '}'];
const RELATIONS = new Set(['<', '<=', '>', '>=', '==', '!=', 'in']);
const MAX_RECURSION = 250;
// cel-go's macros with a bound variable as their first argument, and the argument counts they take.
const BINDING_MACROS: Record<string, number[]> = { all: [2], exists: [2], exists_one: [2], map: [2, 3], filter: [2] };
const EXPECTING_EXPR = "{'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}";

function scanString(src: string, start: number): number {
  let i = start;
  let raw = false;
  while (i < src.length && /[rRbB]/.test(src[i] as string) && i - start < 2) {
    if (/[rR]/.test(src[i] as string)) raw = true;
    i++;
  }
  const quote = src[i] as string;
  const triple = src.startsWith(quote.repeat(3), i);
  const close = triple ? quote.repeat(3) : quote;
  i += close.length;
  while (i < src.length) {
    if (src.startsWith(close, i)) return i + close.length;
    const c = src[i] as string;
    if (!triple && (c === '\n' || c === '\r')) break;
    if (c === '\\' && !raw) {
      const e = src[i + 1] ?? '';
      if ('\\\'"`?abfnrtv'.includes(e) && e !== '') i += 2;
      else if (e === 'x' && /^[0-9a-fA-F]{2}$/.test(src.slice(i + 2, i + 4))) i += 4;
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) i += 6;
      else if (e === 'U' && /^[0-9a-fA-F]{8}$/.test(src.slice(i + 2, i + 10))) i += 10;
      else if (/^[0-3][0-7]{2}$/.test(src.slice(i + 1, i + 4))) i += 4;
      else throw new CelSyntaxError(`token recognition error at: '${src.slice(start, i + 2)}'`, start);
      continue;
    }
    i++;
  }
  throw new CelSyntaxError(`token recognition error at: '${src.slice(start, i)}'`, start);
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i] as string;
    if (/[ \t\n\r\f]/.test(c)) {
      i++;
      continue;
    }
    if (src.startsWith('//', i)) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    const rest = src.slice(i);
    const str = /^(?:[rR][bB]?|[bB][rR]?)?['"]/.exec(rest);
    if (str) {
      const end = scanString(src, i);
      out.push({ kind: /^[rR]?[bB]|^[bB]/.test(rest) ? 'bytes' : 'string', text: src.slice(i, end), offset: i });
      i = end;
      continue;
    }
    const ident = /^[_a-zA-Z][_a-zA-Z0-9]*/.exec(rest);
    if (ident) {
      out.push({ kind: ident[0] === 'in' ? 'op' : 'ident', text: ident[0], offset: i });
      i += ident[0].length;
      continue;
    }
    const number = /^(?:\d*\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+)|^(0[xX][0-9a-fA-F]+|\d+)([uU])?/.exec(rest);
    if (number) {
      out.push({ kind: number[1] === undefined ? 'float' : number[2] ? 'uint' : 'int', text: number[0], offset: i });
      i += number[0].length;
      continue;
    }
    const op = OPERATORS.find((o) => src.startsWith(o, i));
    if (!op) throw new CelSyntaxError(`token recognition error at: '${c}'`, i);
    out.push({ kind: 'op', text: op, offset: i });
    i += op.length;
  }
  out.push({ kind: 'eof', text: '<EOF>', offset: src.length });
  return out;
}

/** What the parser builds: only the shapes the macro checks need. */
type Node = { type: 'ident'; name: string } | { type: 'select' } | { type: 'other' };

class Parser {
  private pos = 0;
  private depth = 0;

  private readonly tokens: Token[];

  constructor(tokens: Token[]) {
    this.tokens = tokens;
  }

  private get tok(): Token {
    return this.tokens[this.pos] as Token;
  }

  private isOp(text: string): boolean {
    return this.tok.kind === 'op' && this.tok.text === text;
  }

  private fail(expecting: string): never {
    throw new CelSyntaxError(`mismatched input '${this.tok.text}' expecting ${expecting}`, this.tok.offset);
  }

  private expect(text: string): void {
    if (!this.isOp(text)) this.fail(`'${text}'`);
    this.pos++;
  }

  parse(): void {
    this.expr();
    if (this.tok.kind !== 'eof') this.fail('<EOF>');
  }

  private enter(): void {
    if (++this.depth > MAX_RECURSION) throw new CelSyntaxError(`expression recursion limit exceeded: ${MAX_RECURSION}`, this.tok.offset);
  }

  private expr(): Node {
    this.enter();
    let n = this.binary(0);
    if (this.isOp('?')) {
      this.pos++;
      this.binary(0);
      this.expect(':');
      this.expr();
      n = { type: 'other' };
    }
    this.depth--;
    return n;
  }

  // Precedence levels, loosest first: ||, &&, relations, + -, * / %.
  private binary(level: number): Node {
    if (level === 5) return this.unary();
    let left = this.binary(level + 1);
    const ops = [['||'], ['&&'], [...RELATIONS], ['+', '-'], ['*', '/', '%']][level] as string[];
    while (this.tok.kind === 'op' && ops.includes(this.tok.text)) {
      this.pos++;
      this.binary(level + 1);
      left = { type: 'other' };
    }
    return left;
  }

  private unary(): Node {
    if (this.isOp('!') || this.isOp('-')) {
      const op = this.tok.text;
      while (this.isOp(op)) this.pos++;
      this.member();
      return { type: 'other' };
    }
    return this.member();
  }

  private member(): Node {
    let n = this.primary();
    const qualified = this.qualifiedName;
    for (;;) {
      if (this.isOp('.')) {
        this.pos++;
        if (this.isOp('?')) throw new CelSyntaxError("unsupported syntax '.?'", this.tok.offset);
        if (this.tok.kind !== 'ident') this.fail('IDENTIFIER');
        const name = this.tok.text;
        const at = this.tok.offset;
        this.pos++;
        if (this.isOp('(')) {
          const args = this.args(')');
          const counts = BINDING_MACROS[name];
          if (counts?.includes(args.length) && args[0]?.type !== 'ident') throw new CelSyntaxError('argument must be a simple name', at);
          n = { type: 'other' };
        } else n = { type: 'select' };
      } else if (this.isOp('[')) {
        this.pos++;
        if (this.isOp('?')) throw new CelSyntaxError("unsupported syntax '[?'", this.tok.offset);
        this.expr();
        this.expect(']');
        n = { type: 'other' };
      } else if (this.isOp('{') && (n.type === 'ident' || n.type === 'select') && qualified) {
        this.fields();
        n = { type: 'other' };
      } else return n;
    }
  }

  /** Whether the member chain parsed so far is a plain (possibly dotted) name: `a.b.C{...}` builds a message. */
  private qualifiedName = false;

  private args(close: string): Node[] {
    this.expect(close === ')' ? '(' : '[');
    const out: Node[] = [];
    if (this.isOp(close)) {
      this.pos++;
      return out;
    }
    out.push(this.expr());
    while (this.isOp(',')) {
      this.pos++;
      if (close === ']' && this.isOp(close)) break;
      out.push(this.expr());
    }
    this.expect(close);
    return out;
  }

  private fields(): void {
    this.expect('{');
    while (!this.isOp('}')) {
      if (this.isOp('?')) throw new CelSyntaxError("unsupported syntax '?'", this.tok.offset);
      if (this.tok.kind !== 'ident') this.fail("{'?', IDENTIFIER}");
      this.pos++;
      this.expect(':');
      this.expr();
      if (!this.isOp(',')) break;
      this.pos++;
    }
    this.expect('}');
  }

  private mapEntries(): void {
    this.expect('{');
    while (!this.isOp('}')) {
      if (this.isOp('?')) throw new CelSyntaxError("unsupported syntax '?'", this.tok.offset);
      this.expr();
      this.expect(':');
      this.expr();
      if (!this.isOp(',')) break;
      this.pos++;
    }
    this.expect('}');
  }

  private primary(): Node {
    const t = this.tok;
    this.qualifiedName = false;
    if (t.kind === 'int' || t.kind === 'uint' || t.kind === 'float' || t.kind === 'string' || t.kind === 'bytes') {
      this.pos++;
      return { type: 'other' };
    }
    if (this.isOp('(')) {
      this.pos++;
      this.expr();
      this.expect(')');
      return { type: 'other' };
    }
    if (this.isOp('[')) {
      this.args(']');
      return { type: 'other' };
    }
    if (this.isOp('{')) {
      this.mapEntries();
      return { type: 'other' };
    }
    const leadingDot = this.isOp('.');
    if (leadingDot) this.pos++;
    if (this.tok.kind !== 'ident') this.fail(EXPECTING_EXPR);
    const name = this.tok.text;
    if (RESERVED.has(name)) throw new CelSyntaxError(`reserved identifier: ${name}`, this.tok.offset);
    const at = this.tok.offset;
    this.pos++;
    if (!leadingDot && (name === 'true' || name === 'false' || name === 'null')) return { type: 'other' };
    if (this.isOp('(')) {
      const args = this.args(')');
      if (name === 'has' && args.length === 1 && args[0]?.type !== 'select') throw new CelSyntaxError('invalid argument to has() macro', at);
      return { type: 'other' };
    }
    // Dotted names stay "qualified" until something other than `.ident` follows; member() reads it.
    this.qualifiedName = this.qualifiedAhead();
    return { type: 'ident', name };
  }

  /** From just after an identifier: `(.ident)* {` means a message construction follows. */
  private qualifiedAhead(): boolean {
    let i = this.pos;
    for (;;) {
      const t = this.tokens[i] as Token;
      if (t.kind === 'op' && t.text === '{') return true;
      const next = this.tokens[i + 1];
      if (t.kind === 'op' && t.text === '.' && next?.kind === 'ident') i += 2;
      else return false;
    }
  }
}

/** undefined when the expression parses; otherwise cel-go's style of report for the first problem. */
export function celSyntaxError(expression: string): string | undefined {
  try {
    new Parser(tokenize(expression)).parse();
    return undefined;
  } catch (e) {
    if (!(e instanceof CelSyntaxError)) throw e;
    const before = expression.slice(0, e.offset);
    const line = before.split('\n').length;
    const lineStart = before.lastIndexOf('\n') + 1;
    const col = e.offset - lineStart;
    const text = expression.split('\n')[line - 1] ?? '';
    const kind = /^(reserved identifier|unsupported syntax|argument must|invalid argument|expression recursion)/.test(e.message) ? '' : 'Syntax error: ';
    return `ERROR: <input>:${line}:${col + 1}: ${kind}${e.message}\n | ${text}\n | ${'.'.repeat(col)}^`;
  }
}
