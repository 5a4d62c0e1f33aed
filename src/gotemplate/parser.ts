/**
 * Parser for Go text/template: builds trees for the main template and every {{define}} /
 * {{block}} in the text, with Go's error messages (`template: NAME:LINE: ...`).
 * Functions are checked at parse time, like Go, through `hasFunction`.
 */
import type {
  ArgNode,
  CommandNode,
  ControlNode,
  ListNode,
  Node,
  NumberNode,
  PipeNode,
  Source,
  TemplateNode,
  Tree,
  VariableNode,
} from './ast.js';
import { nodeString } from './ast.js';
import { TemplateError } from './errors.js';
import { T, goQuote as quoteGo, lex, type Token } from './lexer.js';

export interface ParseOptions {
  leftDelim?: string;
  rightDelim?: string;
  hasFunction(name: string): boolean;
}

class ParseError extends Error {}

const MAX_PARSE_DEPTH = 10000;

/** Go's item.String() for tokens in "unexpected X" messages. */
function tokenString(t: Token): string {
  if (t.type === T.EOF) return 'EOF';
  if (t.type === T.Error) return t.val;
  if (t.type > T.Keyword) return `<${t.val}>`;
  if ([...t.val].length > 10) return goQuoteTrunc(t.val, 10) + '...';
  return goQuoteStr(t.val);
}

function goQuoteStr(s: string): string {
  return goQuoteTrunc(s, Infinity);
}

function goQuoteTrunc(s: string, runes: number): string {
  // Go's %.10q truncates the string to 10 runes before quoting
  const chars = [...s];
  return quoteGo(chars.slice(0, runes === Infinity ? chars.length : runes).join(''));
}


interface NodeEndElse {
  type: 'end' | 'else';
  pos: number;
  line: number;
}

export function parseText(name: string, text: string, opts: ParseOptions): Map<string, Tree> {
  const p = new Parser(name, text, opts);
  return p.parseAll();
}

class Parser {
  private readonly tokens: Token[];
  private idx = 0;
  private readonly source: Source;
  private vars: string[] = ['$'];
  private rangeDepth = 0;
  private depth = 0;
  private actionLine = 0;
  private readonly treeSet = new Map<string, Tree>();
  private treeName: string;
  /**
   * Index of the furthest token read so far. Go reports parse errors at the line of the newest
   * token taken from its lexer (token[0]), even after backing up to earlier ones.
   */
  private furthest = 0;

  private get lastLine(): number {
    return this.tokens[this.furthest]!.line;
  }

  constructor(
    private readonly name: string,
    text: string,
    private readonly opts: ParseOptions,
  ) {
    this.source = { parseName: name, text };
    this.treeName = name;
    this.tokens = lex(text, {
      leftDelim: opts.leftDelim || '{{',
      rightDelim: opts.rightDelim || '}}',
      breakOK: !opts.hasFunction('break'),
      continueOK: !opts.hasFunction('continue'),
    });
  }

  parseAll(): Map<string, Tree> {
    try {
      const root = this.parseMain();
      this.add(this.name, root);
      return this.treeSet;
    } catch (e) {
      if (e instanceof ParseError) throw new TemplateError(e.message);
      // Nesting deeper than the JS stack allows: report it like Go's depth limit
      if (e instanceof RangeError && e.message.includes('call stack')) {
        throw new TemplateError(`template: ${this.name}:${this.lastLine}: max expression depth exceeded`);
      }
      throw e;
    }
  }

  private errorf(msg: string): never {
    throw new ParseError(`template: ${this.name}:${this.lastLine}: ${msg}`);
  }

  private next(): Token {
    const i = Math.min(this.idx, this.tokens.length - 1);
    if (i > this.furthest) this.furthest = i;
    // past the final EOF/error token, keep returning it
    this.idx = i < this.tokens.length - 1 ? i + 1 : this.tokens.length;
    return this.tokens[i]!;
  }
  private peek(): Token {
    const i = Math.min(this.idx, this.tokens.length - 1);
    if (i > this.furthest) this.furthest = i;
    return this.tokens[i]!;
  }
  private nextNonSpace(): Token {
    let t: Token;
    do t = this.next();
    while (t.type === T.Space);
    return t;
  }
  private peekNonSpace(): Token {
    const t = this.nextNonSpace();
    this.backupToken(t);
    return t;
  }
  /** Steps back so that `t` is read again; tokens are in an array so this is exact. */
  private backupToken(t: Token): void {
    let i = Math.min(this.idx, this.tokens.length) - 1;
    while (i >= 0 && this.tokens[i] !== t) i--;
    this.idx = i < 0 ? 0 : i;
  }

  private unexpected(t: Token, context: string): never {
    if (t.type === T.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== t.line) {
        extra = ` in action started at ${this.name}:${this.actionLine}`;
        if (t.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${t.val}${extra}`);
    }
    this.errorf(`unexpected ${tokenString(t)} in ${context}`);
  }
  private expect(type: T, context: string): Token {
    const t = this.nextNonSpace();
    if (t.type !== type) this.unexpected(t, context);
    return t;
  }

  private add(name: string, root: ListNode): void {
    const existing = this.treeSet.get(name);
    if (!existing || isEmptyTree(existing.root)) {
      this.treeSet.set(name, { name, source: this.source, root });
      return;
    }
    if (!isEmptyTree(root)) this.errorf(`template: multiple definition of template ${goQuoteStr(name)}`);
  }

  private parseMain(): ListNode {
    const root: ListNode = { type: 'list', pos: this.peek().pos, nodes: [] };
    while (this.peek().type !== T.EOF) {
      if (this.peek().type === T.LeftDelim) {
        const delimIdx = this.idx;
        this.next();
        if (this.nextNonSpace().type === T.Define) {
          this.parseDefinition();
          continue;
        }
        this.idx = delimIdx;
      }
      const n = this.textOrAction();
      if (isEndElse(n)) this.errorf(`unexpected ${endElseString(n)}`);
      root.nodes.push(n);
    }
    return root;
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const t = this.nextNonSpace();
    if (t.type !== T.String && t.type !== T.RawString) this.unexpected(t, context);
    const name = this.unquote(t.val);
    this.expect(T.RightDelim, context);
    const saveVars = this.vars;
    this.vars = ['$'];
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${endElseString(end)} in ${context}`);
    this.add(name, list);
    this.vars = saveVars;
  }

  private itemList(): [ListNode, NodeEndElse] {
    const list: ListNode = { type: 'list', pos: this.peekNonSpace().pos, nodes: [] };
    while (this.peekNonSpace().type !== T.EOF) {
      const n = this.textOrAction();
      if (isEndElse(n)) return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node | NodeEndElse {
    const t = this.nextNonSpace();
    switch (t.type) {
      case T.Text:
        return { type: 'text', pos: t.pos, text: t.val };
      case T.LeftDelim: {
        this.actionLine = t.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      }
      case T.Comment:
        return { type: 'comment', pos: t.pos, text: t.val };
      default:
        this.unexpected(t, 'input');
    }
  }

  private action(): Node | NodeEndElse {
    const t = this.nextNonSpace();
    switch (t.type) {
      case T.Block:
        return this.blockControl();
      case T.Break:
      case T.Continue: {
        const word = t.type === T.Break ? 'break' : 'continue';
        const n = this.nextNonSpace();
        if (n.type !== T.RightDelim) this.unexpected(n, `{{${word}}}`);
        if (this.rangeDepth === 0) this.errorf(`{{${word}}} outside {{range}}`);
        return { type: word, pos: t.pos, line: t.line };
      }
      case T.Else:
        return this.elseControl();
      case T.End: {
        const e = this.expect(T.RightDelim, 'end');
        return { type: 'end', pos: e.pos, line: e.line };
      }
      case T.If:
        return this.control('if', true);
      case T.Range:
        return this.control('range', false);
      case T.Template:
        return this.templateControl();
      case T.With:
        return this.control('with', true);
    }
    this.backupToken(t);
    const tok = this.peek();
    const pipe = this.pipeline('command', T.RightDelim);
    return { type: 'action', pos: tok.pos, line: tok.line, pipe };
  }

  private elseControl(): NodeEndElse {
    const peek = this.peekNonSpace();
    if (peek.type === T.If || peek.type === T.With) return { type: 'else', pos: peek.pos, line: peek.line };
    const t = this.expect(T.RightDelim, 'else');
    return { type: 'else', pos: t.pos, line: t.line };
  }

  private control(kind: 'if' | 'range' | 'with', allowElseChain: boolean): ControlNode {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(kind, T.RightDelim);
      if (kind === 'range') this.rangeDepth++;
      let list: ListNode;
      let next: NodeEndElse;
      try {
        [list, next] = this.itemList();
      } finally {
        if (kind === 'range') this.rangeDepth--;
      }
      let elseList: ListNode | null = null;
      if (next.type === 'else') {
        const chainWord = kind === 'if' ? T.If : T.With;
        if (allowElseChain && this.peekNonSpace().type === chainWord) {
          this.nextNonSpace();
          elseList = { type: 'list', pos: next.pos, nodes: [this.control(kind, true)] };
        } else {
          let end: NodeEndElse;
          [elseList, end] = this.itemList();
          if (end.type !== 'end') this.errorf(`expected end; found ${endElseString(end)}`);
        }
      }
      return { type: kind, pos: pipe.pos, line: pipe.line, pipe, list, elseList };
    } finally {
      this.vars.length = mark;
    }
  }

  private blockControl(): TemplateNode {
    const context = 'block clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    const pipe = this.pipeline(context, T.RightDelim);
    // the block body is a new tree: no variables and no enclosing range (Go's New(name))
    const saveVars = this.vars;
    const saveRangeDepth = this.rangeDepth;
    this.vars = ['$'];
    this.rangeDepth = 0;
    const [list, end] = this.itemList();
    if (end.type !== 'end') this.errorf(`unexpected ${endElseString(end)} in ${context}`);
    this.add(name, list);
    this.vars = saveVars;
    this.rangeDepth = saveRangeDepth;
    return { type: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  private templateControl(): TemplateNode {
    const context = 'template clause';
    const t = this.nextNonSpace();
    const name = this.templateName(t, context);
    let pipe: PipeNode | null = null;
    const n = this.nextNonSpace();
    if (n.type !== T.RightDelim) {
      this.backupToken(n);
      pipe = this.pipeline(context, T.RightDelim);
    }
    return { type: 'template', pos: t.pos, line: t.line, name, pipe };
  }

  private templateName(t: Token, context: string): string {
    if (t.type === T.String || t.type === T.RawString) return this.unquote(t.val);
    this.unexpected(t, context);
  }

  private pipeline(context: string, end: T): PipeNode {
    // Go (1.20+) bounds nesting of pipelines at 10000
    if (++this.depth > MAX_PARSE_DEPTH) this.errorf('max expression depth exceeded');
    try {
      return this.pipelineBody(context, end);
    } finally {
      this.depth--;
    }
  }

  private pipelineBody(context: string, end: T): PipeNode {
    const first = this.peekNonSpace();
    const pipe: PipeNode = { type: 'pipe', pos: first.pos, line: first.line, isAssign: false, decl: [], cmds: [] };
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.type !== T.Variable) break;
      this.nextNonSpace();
      const afterVar = this.peek();
      const next = this.peekNonSpace();
      if (next.type === T.Assign || next.type === T.Declare) {
        pipe.isAssign = next.type === T.Assign;
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
      } else if (next.type === T.Char && next.val === ',') {
        this.nextNonSpace();
        pipe.decl.push({ type: 'variable', pos: v.pos, ident: [v.val] });
        this.vars.push(v.val);
        if (context === 'range' && pipe.decl.length < 2) {
          const p = this.peekNonSpace().type;
          if (p === T.Variable || p === T.RightDelim || p === T.RightParen) continue decls;
          this.errorf('range can only initialize variables');
        }
        this.errorf(`too many declarations in ${context}`);
      } else if (afterVar.type === T.Space) {
        this.backupToken(v);
      } else {
        this.backupToken(v);
      }
      break;
    }
    for (;;) {
      const t = this.nextNonSpace();
      if (t.type === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      switch (t.type) {
        case T.Bool:
        case T.CharConstant:
        case T.Complex:
        case T.Dot:
        case T.Field:
        case T.Identifier:
        case T.Number:
        case T.Nil:
        case T.RawString:
        case T.String:
        case T.Variable:
        case T.LeftParen:
          this.backupToken(t);
          pipe.cmds.push(this.command());
          break;
        default:
          this.unexpected(t, context);
      }
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const a = pipe.cmds[i]!.args[0]!;
      if (a.type === 'bool' || a.type === 'dot' || a.type === 'nil' || a.type === 'number' || a.type === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  private command(): CommandNode {
    const cmd: CommandNode = { type: 'command', pos: this.peekNonSpace().pos, args: [] };
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const t = this.next();
      if (t.type === T.Space) continue;
      if (t.type === T.RightDelim || t.type === T.RightParen) this.backupToken(t);
      else if (t.type !== T.Pipe) this.unexpected(t, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): ArgNode | null {
    let node = this.term();
    if (!node) return null;
    if (this.peek().type === T.Field) {
      const pos = this.peek().pos;
      const fields: string[] = [];
      while (this.peek().type === T.Field) fields.push(this.next().val.slice(1));
      switch (node.type) {
        case 'field':
          node = { type: 'field', pos, ident: [...node.ident, ...fields] };
          break;
        case 'variable':
          node = { type: 'variable', pos, ident: [...node.ident, ...fields] };
          break;
        case 'bool':
        case 'string':
        case 'number':
        case 'nil':
        case 'dot':
          this.errorf(`unexpected . after term ${goQuoteStr(nodeString(node))}`);
        default:
          node = { type: 'chain', pos, node, field: fields };
      }
    }
    return node;
  }

  private term(): ArgNode | null {
    const t = this.nextNonSpace();
    switch (t.type) {
      case T.Identifier:
        if (!this.opts.hasFunction(t.val)) this.errorf(`function ${goQuoteStr(t.val)} not defined`);
        return { type: 'identifier', pos: t.pos, ident: t.val };
      case T.Dot:
        return { type: 'dot', pos: t.pos };
      case T.Nil:
        return { type: 'nil', pos: t.pos };
      case T.Variable:
        return this.useVar(t);
      case T.Field:
        return { type: 'field', pos: t.pos, ident: [t.val.slice(1)] };
      case T.Bool:
        return { type: 'bool', pos: t.pos, value: t.val === 'true' };
      case T.CharConstant:
      case T.Complex:
      case T.Number:
        return this.number(t);
      case T.LeftParen:
        return this.pipeline('parenthesized pipeline', T.RightParen);
      case T.String:
      case T.RawString:
        return { type: 'string', pos: t.pos, quoted: t.val, text: this.unquote(t.val) };
    }
    this.backupToken(t);
    return null;
  }

  private useVar(t: Token): VariableNode {
    const ident = t.val.split('.');
    if (!this.vars.includes(ident[0]!)) this.errorf(`undefined variable ${goQuoteStr(ident[0]!)}`);
    return { type: 'variable', pos: t.pos, ident };
  }

  private unquote(q: string): string {
    const r = unquoteGo(q);
    if (r === null) this.errorf('invalid syntax');
    return r;
  }

  private number(t: Token): NumberNode {
    const r = parseNumber(t);
    if (typeof r === 'string') this.errorf(r);
    return r;
  }
}

function isEndElse(n: Node | NodeEndElse): n is NodeEndElse {
  return n.type === 'end' || n.type === 'else';
}
function endElseString(n: NodeEndElse | Node): string {
  if (n.type === 'end') return '{{end}}';
  if (n.type === 'else') return '{{else}}';
  return nodeString(n as Node);
}

/** Go's parse.IsEmptyTree. */
export function isEmptyTree(n: Node): boolean {
  switch (n.type) {
    case 'comment':
      return true;
    case 'list':
      return n.nodes.every(isEmptyTree);
    case 'text':
      return GO_SPACE_ONLY.test(n.text);
    default:
      return false;
  }
}

/** unicode.IsSpace's set, which bytes.TrimSpace trims. */
const GO_SPACE_ONLY = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/;

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

/** Reads one (possibly escaped) char at i; returns [codepoint, next index] or null. */
function unquoteChar(s: string, i: number, quote: string): [number, number, boolean] | null {
  const c = s[i]!;
  if (c === quote && (quote === "'" || quote === '"')) return null;
  if (c !== '\\') {
    const cp = s.codePointAt(i)!;
    return [cp, i + (cp > 0xffff ? 2 : 1), false];
  }
  const e = s[i + 1];
  if (e === undefined) return null;
  if (e in ESCAPES) return [ESCAPES[e]!, i + 2, false];
  if (e === quote) return [e.charCodeAt(0), i + 2, false];
  let n = 0;
  let base = 16;
  switch (e) {
    case 'x':
      n = 2;
      break;
    case 'u':
      n = 4;
      break;
    case 'U':
      n = 8;
      break;
    case '0':
    case '1':
    case '2':
    case '3':
    case '4':
    case '5':
    case '6':
    case '7': {
      const oct = s.slice(i + 1, i + 4);
      if (!/^[0-7]{3}$/.test(oct)) return null;
      const v = parseInt(oct, 8);
      if (v > 255) return null;
      return [v, i + 4, true];
    }
    default:
      return null;
  }
  const hex = s.slice(i + 2, i + 2 + n);
  if (hex.length !== n || !/^[0-9a-fA-F]+$/.test(hex)) return null;
  const v = parseInt(hex, base);
  if (e === 'x') return [v, i + 2 + n, true];
  if (v > 0x10ffff || (v >= 0xd800 && v < 0xe000)) return null;
  return [v, i + 2 + n, false];
}

/**
 * Go's strconv.Unquote for "..." and `...` literals; null on invalid syntax.
 * \x and octal escapes produce raw bytes in Go; such bytes are decoded as UTF-8 afterwards
 * (invalid sequences become U+FFFD, which is how they would print).
 */
export function unquoteGo(q: string): string | null {
  if (q.length < 2) return null;
  const quote = q[0]!;
  if (q[q.length - 1] !== quote) return null;
  const body = q.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) return null;
    return body.includes('\r') ? body.replaceAll('\r', '') : body;
  }
  if (quote !== '"' && quote !== "'") return null;
  if (!body.includes('\\') && !body.includes(quote)) {
    if (quote === '"' && !body.includes('\n')) return body;
  }
  const bytes: number[] = [];
  let out = '';
  const flush = (): void => {
    if (bytes.length) {
      out += Buffer.from(bytes).toString('utf8');
      bytes.length = 0;
    }
  };
  let i = 0;
  while (i < body.length) {
    if (quote === '"' && body[i] === '\n') return null;
    const r = unquoteChar(body, i, quote);
    if (!r) return null;
    if (r[2]) bytes.push(r[0]);
    else {
      flush();
      out += String.fromCodePoint(r[0]);
    }
    i = r[1];
  }
  flush();
  return out;
}

const INT64_MIN = -(1n << 63n);
const INT64_MAX = (1n << 63n) - 1n;
const UINT64_MAX = (1n << 64n) - 1n;

/** Go's strconv.ParseInt/ParseUint(text, 0, 64) syntax: prefixes, underscores only with a prefix-aware rule. */
function parseGoInteger(text: string): bigint | null {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '') return null;
  let base = 10;
  let digits = s;
  let prefixed = false;
  if (s[0] === '0' && s.length > 1) {
    const p = s[1]!.toLowerCase();
    if (p === 'x') base = 16;
    else if (p === 'o') base = 8;
    else if (p === 'b') base = 2;
    else base = 8;
    if (p === 'x' || p === 'o' || p === 'b') {
      digits = s.slice(2);
      prefixed = true;
    } else digits = s.slice(1);
  }
  if (s.includes('_') && !underscoreOK(s)) return null;
  digits = digits.replaceAll('_', '');
  if (digits === '') return prefixed ? null : base === 8 ? 0n : null;
  const valid = base === 16 ? /^[0-9a-fA-F]+$/ : base === 8 ? /^[0-7]+$/ : base === 2 ? /^[01]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return null;
  let v = 0n;
  const b = BigInt(base);
  for (const d of digits) v = v * b + BigInt(parseInt(d, base));
  return neg ? -v : v;
}

/** Go's underscoreOK: underscores only between digits or after a base prefix. */
function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1]!)) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i]!;
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** Go's strconv.ParseFloat(text, 64) for the forms the lexer accepts; null on syntax error. */
function parseGoFloat(text: string): number | null {
  let s = text;
  if (s.includes('_')) {
    if (!underscoreOK(s)) return null;
    s = s.replaceAll('_', '');
  }
  const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(s);
  if (m) {
    const intPart = m[2] ?? '';
    const frac = m[3] ?? '';
    if (intPart === '' && frac === '') return null;
    const mant = BigInt('0x' + (intPart + frac || '0'));
    const exp = parseInt(m[4]!, 10) - 4 * frac.length;
    const v = Number(mant) * 2 ** exp;
    return m[1] === '-' ? -v : v;
  }
  if (!/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s)) {
    if (/^[+-]?(inf|infinity|nan)$/i.test(s)) return null;
    return null;
  }
  const v = Number(s);
  if (!Number.isFinite(v)) return null; // Go: value out of range
  return v;
}

/** Go's simplifyComplex: a complex constant with zero imaginary part is also a float (and maybe an int). */
function simplifyComplex(base: { type: 'number'; pos: number; text: string }, re: number, im: number): NumberNode {
  const n = { ...base, isInt: false, isUint: false, isFloat: false, int: 0n, uint: 0n, float: 0, complex: [re, im] as const };
  if (im === 0) {
    n.isFloat = true;
    n.float = re;
    if (Number.isInteger(re) && re >= -(2 ** 63) && re < 2 ** 63) {
      n.isInt = true;
      n.int = BigInt(re);
    }
    if (Number.isInteger(re) && re >= 0 && re < 2 ** 64) {
      n.isUint = true;
      n.uint = BigInt(re);
    }
  }
  return n;
}

export function parseNumber(t: Token): NumberNode | string {
  const text = t.val;
  const base = { type: 'number' as const, pos: t.pos, text };
  if (t.type === T.CharConstant) {
    const r = unquoteChar(text, 1, "'");
    if (!r) return 'invalid syntax';
    if (text.slice(r[1]) !== "'") return `malformed character constant: ${text}`;
    const v = BigInt(r[0]);
    return { ...base, isInt: true, isUint: true, isFloat: true, int: v, uint: v, float: r[0] };
  }
  if (t.type === T.Complex) {
    // "re+imi": split at the sign that is not the leading one nor an exponent's
    let split = -1;
    for (let i = 1; i < text.length; i++) {
      const c = text[i];
      if ((c === '+' || c === '-') && !'eEpP'.includes(text[i - 1]!)) split = i;
    }
    const re = split > 0 ? parseGoFloat(text.slice(0, split)) : null;
    const im = split > 0 ? parseGoFloat(text.slice(split, -1)) : null;
    if (re === null || im === null) return 'expected integer';
    return simplifyComplex(base, re, im);
  }
  if (text.endsWith('i')) {
    const im = parseGoFloat(text.slice(0, -1));
    if (im !== null) return simplifyComplex(base, 0, im);
  }
  let isInt = false;
  let isUint = false;
  let isFloat = false;
  let int = 0n;
  let uint = 0n;
  let float = 0;
  const iv = parseGoInteger(text);
  if (iv !== null) {
    if (iv >= 0n && iv <= UINT64_MAX && !/^[+-]/.test(text)) {
      isUint = true;
      uint = iv;
    }
    if (iv >= INT64_MIN && iv <= INT64_MAX) {
      isInt = true;
      int = iv;
      if (iv === 0n) {
        isUint = true;
        uint = 0n;
      }
    }
  }
  if (isInt) {
    isFloat = true;
    float = Number(int);
  } else if (isUint) {
    isFloat = true;
    float = Number(uint);
  } else {
    const f = parseGoFloat(text);
    if (f !== null) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${quoteGo(text)}`;
      isFloat = true;
      float = f;
      if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
        isInt = true;
        int = BigInt(f);
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        isUint = true;
        uint = BigInt(f);
      }
    } else if (iv !== null && !/[.eEpP]/.test(text)) {
      return `integer overflow: ${quoteGo(text)}`;
    }
  }
  if (!isInt && !isUint && !isFloat) return `illegal number syntax: ${quoteGo(text)}`;
  return { ...base, isInt, isUint, isFloat, int, uint, float };
}
