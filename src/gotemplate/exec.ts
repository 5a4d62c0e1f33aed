/**
 * Executor for parsed Go templates, reproducing text/template's evaluation rules and error
 * texts. Statement nesting (lists, if/with/range bodies, template calls) runs on an explicit
 * frame stack rather than JS recursion, so a template may recurse to Go's depth limit
 * (100000) without exhausting the JS stack; expressions recurse only as deep as the text nests.
 */
import type { ArgNode, ChainNode, CommandNode, ControlNode, FieldNode, IdentifierNode, Node, NumberNode, PipeNode, TemplateNode, Tree, VariableNode } from './ast.js';
import { nodeString } from './ast.js';
import { TemplateError } from './errors.js';
import { printValueForTemplate, sprint, compareStrings } from './fmt.js';
import { goQuote } from './lexer.js';
import {
  type CallContext,
  FailError,
  FuncError,
  GoComplex,
  GoInt,
  GoStruct,
  type GoFunc,
  type GoFuncSignature,
  type GoValue,
  funcSignature,
  goTypeName,
  isTrue,
  mapElemType,
  mapOf,
  methodsOf,
  sliceOf,
  sliceType,
} from './value.js';

export type MissingKey = 'default' | 'invalid' | 'zero' | 'error';

export interface ExecEnv {
  lookupTree(name: string): Tree | undefined;
  lookupFunc(name: string): GoFunc | undefined;
  isBuiltin(name: string, fn: GoFunc): boolean;
  readonly missingKey: MissingKey;
  readonly maxExecDepth: number;
  readonly maxOutputBytes: number;
  readonly rootName: string;
  /** Helm's tpl: parse text as a template in a copy of this set and execute it. */
  executeText(text: string, data: GoValue): string;
}

/** Thrown when output exceeds its bound; never wrapped as a function error. */
export class OutputLimitError extends TemplateError {}

/** An execution error; `cause` holds a function's own error (e.g. fail/required) if any. */
export class ExecError extends TemplateError {
  constructor(
    message: string,
    readonly templateName: string,
    readonly funcError?: FuncError,
  ) {
    super(message);
  }
}

const MISSING: unique symbol = Symbol('missingVal');
type Final = GoValue | typeof MISSING;

/** A value plus whether its static Go type is interface{} (as map/slice elements are). */
interface Val {
  v: GoValue;
  iface: boolean;
}

interface Variable {
  name: string;
  value: GoValue;
  iface: boolean;
}

const DEFAULT_SIGNATURE: GoFuncSignature = { params: [], variadic: 'interface {}' };

type Frame =
  | { k: 'list'; nodes: Node[]; i: number; dot: Val }
  | { k: 'pop'; mark: number }
  | {
      k: 'range';
      node: ControlNode;
      dot: Val;
      keys: GoValue[];
      elems: Val[];
      i: number;
      rangeMark: number;
      iterMark: number;
    }
  | { k: 'return'; tree: Tree; name: string; vars: Variable[]; depth: number };


/** Executions in progress on the JS stack (functions such as include nest them). */
let nesting = 0;

/** A JS stack overflow (V8 may also report one from inside the regexp engine); no regexp here, as it could overflow again. */
function isStackOverflow(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  const m = e.message;
  return (e instanceof RangeError && m.includes('call stack')) || m.includes('Stack overflow');
}

class Call implements CallContext {
  constructor(
    private readonly env: ExecEnv,
    readonly name: string,
    readonly argIsInterface: readonly boolean[],
  ) {}

  /**
   * Go's ExecuteTemplate. The body lives here (not in a helper) because include-style
   * functions nest executions through it, and every frame per nesting level counts.
   */
  executeTemplate(name: string, data: GoValue): string {
    const st = State.start(this.env, name, data);
    nesting++;
    try {
      st.run(st.rootNodes(), st.topDotValue());
    } catch (e) {
      // Only the outermost execution reports a JS stack overflow, as one clear error rather
      // than a chain of "error calling include" wrappers.
      if (nesting === 1 && isStackOverflow(e)) throw overflowError(name);
      throw e;
    } finally {
      nesting--;
    }
    return st.output();
  }

  executeText(text: string, data: GoValue): string {
    return this.env.executeText(text, data);
  }
}

function overflowError(name: string): TemplateError {
  return new TemplateError(`template: ${name}: exceeded maximum template depth (nesting of template function calls such as include is too deep)`);
}

export function executeTemplate(env: ExecEnv, name: string, data: GoValue): string {
  return new Call(env, '', []).executeTemplate(name, data);
}

class State {
  vars: Variable[] = [];
  private depth = 0;
  private node: Node | ArgNode | CommandNode | null = null;
  private chunks: string[] = [];
  private outLen = 0;
  private stack: Frame[] = [];

  constructor(
    private readonly env: ExecEnv,
    private tree: Tree,
    private name: string,
  ) {}

  /** A state ready to execute template `name` with data, or Go's error for an unknown name. */
  static start(env: ExecEnv, name: string, data: GoValue): State {
    const tree = env.lookupTree(name);
    if (!tree) throw new TemplateError(`template: no template ${goQuote(name)} associated with template ${goQuote(env.rootName)}`);
    const st = new State(env, tree, name);
    st.topDot = { v: data === null ? undefined : data, iface: false };
    st.vars.push({ name: '$', value: st.topDot.v, iface: false });
    return st;
  }

  private topDot: Val = { v: undefined, iface: false };
  rootNodes(): Node[] {
    return this.tree.root.nodes;
  }
  topDotValue(): Val {
    return this.topDot;
  }

  output(): string {
    return this.chunks.join('');
  }

  private write(s: string): void {
    this.outLen += s.length;
    if (this.outLen > this.env.maxOutputBytes) {
      throw new OutputLimitError(`template: ${this.name}: output exceeds the limit of ${this.env.maxOutputBytes} bytes`);
    }
    this.chunks.push(s);
  }

  private at(n: Node | ArgNode | CommandNode): void {
    this.node = n;
  }

  errorf(msg: string, funcError?: FuncError): never {
    if (this.node === null) throw new ExecError(`template: ${this.name}: ${msg}`, this.name, funcError);
    const src = this.tree.source;
    const pos = this.node.pos;
    const before = src.text.slice(0, pos);
    const nl = before.lastIndexOf('\n');
    const col = Buffer.byteLength(nl < 0 ? before : before.slice(nl + 1), 'utf8');
    let line = 1;
    for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
    throw new ExecError(
      `template: ${src.parseName}:${line}:${col}: executing ${goQuote(this.name)} at <${nodeString(this.node)}>: ${msg}`,
      this.name,
      funcError,
    );
  }

  // ------------------------------------------------------------------ statements

  /** Runs statements on the frame stack until the list given (and all it pushes) is done. */
  run(nodes: Node[], dot: Val): void {
    const stack = this.stack;
    const base = stack.length;
    stack.push({ k: 'list', nodes, i: 0, dot });
    while (stack.length > base) {
      const f = stack[stack.length - 1]!;
      if (f.k === 'list') {
        if (f.i >= f.nodes.length) stack.pop();
        else this.step(f.nodes[f.i++]!, f.dot);
      } else this.stepOther(f);
    }
  }

  /** One statement; text and actions directly (they are most of a template). */
  private step(node: Node, dot: Val): void {
    if (node.type === 'text') this.write(node.text);
    else if (node.type === 'action') {
      const val = this.evalPipeline(dot, node.pipe);
      if (node.pipe.decl.length === 0) this.printValue(node, val);
    } else this.walkNode(node, dot);
  }

  private stepOther(f: Frame): void {
    switch (f.k) {
      case 'pop':
        this.vars.length = f.mark;
        this.stack.pop();
        break;
      case 'range':
        this.stepRange(f);
        break;
      case 'return':
        this.tree = f.tree;
        this.name = f.name;
        this.vars = f.vars;
        this.depth = f.depth;
        this.stack.pop();
        break;
    }
  }


  private walkNode(node: Node, dot: Val): void {
    switch (node.type) {
      case 'text':
        this.write(node.text);
        return;
      case 'comment':
        return;
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'if':
      case 'with': {
        const mark = this.vars.length;
        const val = this.evalPipeline(dot, node.pipe);
        this.stack.push({ k: 'pop', mark });
        if (isTrue(val)) this.stack.push({ k: 'list', nodes: node.list.nodes, i: 0, dot: node.type === 'with' ? { v: val, iface: false } : dot });
        else if (node.elseList) this.stack.push({ k: 'list', nodes: node.elseList.nodes, i: 0, dot });
        return;
      }
      case 'range':
        this.startRange(node, dot);
        return;
      case 'template':
        this.walkTemplate(node, dot);
        return;
      case 'break':
      case 'continue':
        this.unwindTo(node.type === 'break');
        return;
      case 'list':
        this.stack.push({ k: 'list', nodes: node.nodes, i: 0, dot });
        return;
    }
  }

  private unwindTo(isBreak: boolean): void {
    while (this.stack.length > 0) {
      const f = this.stack[this.stack.length - 1]!;
      if (f.k === 'range') {
        if (isBreak) f.i = f.elems.length + 1; // done, and no else branch
        return;
      }
      if (f.k === 'return') break;
      this.stack.pop();
    }
    // the parser only accepts break/continue inside a range of the same template
    this.errorf(`internal error: {{${isBreak ? 'break' : 'continue'}}} outside {{range}}`);
  }

  private startRange(node: ControlNode, dot: Val): void {
    this.at(node);
    const rangeMark = this.vars.length;
    const val = this.evalPipeline(dot, node.pipe);
    const iterMark = this.vars.length;
    const keys: GoValue[] = [];
    const elems: Val[] = [];
    if (Array.isArray(val)) {
      const iface = sliceType(val) === 'interface {}';
      for (let i = 0; i < val.length; i++) {
        keys.push(BigInt(i));
        elems.push({ v: val[i] ?? null, iface });
      }
    } else if (val instanceof Map) {
      const iface = mapElemType(val) === 'interface {}';
      for (const k of [...val.keys()].sort(compareStrings)) {
        keys.push(k);
        elems.push({ v: val.get(k) ?? null, iface });
      }
    } else if (typeof val === 'bigint' || val instanceof GoInt) {
      if (node.pipe.decl.length > 1) this.errorf(`can't use ${sprint(val)} to iterate over more than one variable`);
      const n = typeof val === 'bigint' ? val : val.value;
      if (n > 100_000_000n) this.errorf(`range over ${n} exceeds this engine's iteration limit`);
      for (let i = 0n; i < n; i++) {
        const iv = typeof val === 'bigint' ? i : new GoInt(val.kind, i);
        keys.push(iv);
        elems.push({ v: iv, iface: false });
      }
    } else if (val !== undefined && val !== null) {
      this.errorf(`range can't iterate over ${sprint(val)}`);
    }
    const f: Frame = { k: 'range', node, dot, keys, elems, i: 0, rangeMark, iterMark };
    this.stack.push(f);
  }

  private stepRange(f: Extract<Frame, { k: 'range' }>): void {
    this.vars.length = f.iterMark;
    if (f.i >= f.elems.length) {
      this.stack.pop();
      const ranAny = f.elems.length > 0;
      this.vars.length = f.rangeMark;
      if (!ranAny && f.i === 0 && f.node.elseList) {
        this.stack.push({ k: 'pop', mark: f.rangeMark });
        this.stack.push({ k: 'list', nodes: f.node.elseList.nodes, i: 0, dot: f.dot });
      }
      return;
    }
    const idx = f.i++;
    const elem = f.elems[idx]!;
    const decl = f.node.pipe.decl;
    if (decl.length > 0) {
      if (f.node.pipe.isAssign) {
        if (decl.length > 1) {
          this.setVar(decl[0]!.ident[0]!, { v: f.keys[idx]!, iface: false });
          this.setVar(decl[1]!.ident[0]!, elem);
        } else this.setVar(decl[0]!.ident[0]!, elem);
      } else {
        this.setTopVar(1, elem);
        if (decl.length > 1) this.setTopVar(2, { v: f.keys[idx]!, iface: false });
      }
    }
    this.stack.push({ k: 'list', nodes: f.node.list.nodes, i: 0, dot: elem });
  }

  private walkTemplate(node: TemplateNode, dot: Val): void {
    this.at(node);
    const tree = this.env.lookupTree(node.name);
    if (!tree) this.errorf(`template ${goQuote(node.name)} not defined`);
    if (this.depth >= this.env.maxExecDepth) this.errorf(`exceeded maximum template depth (${this.env.maxExecDepth})`);
    const v = this.evalPipeline(dot, node.pipe);
    this.stack.push({ k: 'return', tree: this.tree, name: this.name, vars: this.vars, depth: this.depth });
    this.depth++;
    this.tree = tree;
    this.name = node.name;
    this.vars = [{ name: '$', value: v, iface: false }];
    this.stack.push({ k: 'list', nodes: tree.root.nodes, i: 0, dot: { v, iface: false } });
  }

  private printValue(node: Node, v: GoValue): void {
    this.at(node);
    if (typeof v === 'function') this.errorf(`can't print ${nodeString(node)} of type ${goTypeName(v)}`);
    this.write(printValueForTemplate(v));
  }

  // ------------------------------------------------------------------ variables

  private setVar(name: string, val: Val): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i]!.name === name) {
        this.vars[i] = { name, value: val.v, iface: val.iface };
        return;
      }
    }
    this.errorf(`undefined variable: ${name}`);
  }

  private setTopVar(n: number, val: Val): void {
    const v = this.vars[this.vars.length - n]!;
    this.vars[this.vars.length - n] = { name: v.name, value: val.v, iface: val.iface };
  }

  private varValue(name: string): Val {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      const v = this.vars[i]!;
      if (v.name === name) return { v: v.value, iface: v.iface };
    }
    this.errorf(`undefined variable: ${name}`);
  }

  // ------------------------------------------------------------------ expressions

  evalPipeline(dot: Val, pipe: PipeNode | null): GoValue {
    if (!pipe) return undefined;
    this.at(pipe);
    let value: Final = MISSING;
    const cmds = pipe.cmds;
    for (let i = 0; i < cmds.length; i++) {
      // Go unwraps interface values between commands: a nil interface becomes invalid
      value = this.evalCommand(dot, cmds[i]!, value) ?? undefined;
    }
    if (value === MISSING) value = undefined;
    if (pipe.decl.length > 0) this.declare(pipe, value);
    return value;
  }

  private declare(pipe: PipeNode, result: GoValue): void {
    for (const variable of pipe.decl) {
      if (pipe.isAssign) this.setVar(variable.ident[0]!, { v: result, iface: false });
      else this.vars.push({ name: variable.ident[0]!, value: result, iface: false });
    }
  }

  private notAFunction(args: ArgNode[] | null, final: Final): void {
    if ((args && args.length > 1) || final !== MISSING) this.errorf(`can't give argument to non-function ${nodeString(args![0]!)}`);
  }

  private evalCommand(dot: Val, cmd: CommandNode, final: Final): GoValue {
    const first = cmd.args[0]!;
    switch (first.type) {
      case 'field':
        return this.evalFieldNode(dot, first, cmd.args, final).v;
      case 'chain':
        return this.evalChainNode(dot, first, cmd.args, final).v;
      case 'identifier': {
        // evalFunction, inlined (see run)
        this.at(first);
        const fn = this.env.lookupFunc(first.ident);
        if (!fn) this.errorf(`${goQuote(first.ident)} is not a defined function`);
        return this.evalCall(dot, fn, this.env.isBuiltin(first.ident, fn), cmd, first.ident, cmd.args, final);
      }
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable':
        return this.evalVariableNode(dot, first, cmd.args, final).v;
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool':
        return first.value;
      case 'dot':
        return dot.v;
      case 'nil':
        this.errorf('nil is not a command');
      case 'number':
        return this.idealConstant(first);
      case 'string':
        return first.text;
    }
  }

  private idealConstant(n: NumberNode): GoValue {
    this.at(n);
    const t = n.text;
    const isHexInt = t.length > 2 && t[0] === '0' && (t[1] === 'x' || t[1] === 'X') && !/[pP]/.test(t);
    const isRuneInt = t[0] === "'";
    if (n.complex) return new GoComplex(n.complex[0], n.complex[1]);
    if (n.isFloat && !isHexInt && !isRuneInt && /[.eEpP]/.test(t)) return n.float;
    if (n.isInt) return n.int;
    if (n.isUint) this.errorf(`${t} overflows int`);
    return undefined;
  }

  private evalFieldNode(dot: Val, field: FieldNode, args: ArgNode[] | null, final: Final): Val {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  private evalChainNode(dot: Val, chain: ChainNode, args: ArgNode[] | null, final: Final): Val {
    this.at(chain);
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${nodeString(chain)}`);
    const v = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, { v, iface: chain.node.type === 'identifier' && v === null }, chain, chain.field, args, final);
  }

  private evalVariableNode(dot: Val, variable: VariableNode, args: ArgNode[] | null, final: Final): Val {
    this.at(variable);
    const value = this.varValue(variable.ident[0]!);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  private evalFieldChain(dot: Val, receiver: Val, node: ArgNode, ident: string[], args: ArgNode[] | null, final: Final): Val {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, ident[i]!, node, null, MISSING, receiver);
    return this.evalField(dot, ident[n - 1]!, node, args, final, receiver);
  }

  private evalField(dot: Val, fieldName: string, node: ArgNode, args: ArgNode[] | null, final: Final, receiver: Val): Val {
    const v = receiver.v;
    if (v === undefined) {
      if (this.env.missingKey === 'error') this.errorf(`nil data; no entry for key ${goQuote(fieldName)}`);
      return { v: undefined, iface: false };
    }
    // the type name is only for error messages (building it for every field access costs)
    const typ = (): string => (receiver.iface ? 'interface {}' : goTypeName(v));
    if (v === null) this.errorf(`nil pointer evaluating ${typ()}.${fieldName}`);
    const method = v instanceof GoStruct ? v.methods.get(fieldName) : v instanceof Map || Array.isArray(v) ? methodsOf(v)?.get(fieldName) : undefined;
    if (method) {
      const r = this.evalCall(dot, method, false, node, fieldName, args, final);
      return { v: r, iface: r === null };
    }
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (v instanceof GoStruct) {
      if (v.fields.has(fieldName)) {
        if (hasArgs) this.errorf(`${fieldName} has arguments but cannot be invoked as function`);
        const fv = v.fields.get(fieldName);
        return { v: fv === undefined ? null : fv, iface: fv === null || fv === undefined };
      }
    } else if (v instanceof Map) {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const elemType = mapElemType(v);
      const iface = elemType === 'interface {}';
      if (v.has(fieldName)) {
        const r = v.get(fieldName);
        return { v: r === undefined ? null : r, iface };
      }
      switch (this.env.missingKey) {
        case 'zero':
          return { v: zeroValue(elemType), iface };
        case 'error':
          this.errorf(`map has no entry for key ${goQuote(fieldName)}`);
        default:
          return { v: undefined, iface: false };
      }
    }
    this.errorf(`can't evaluate field ${fieldName} in type ${typ()}`);
  }

  private evalFunction(dot: Val, node: IdentifierNode, cmd: CommandNode | IdentifierNode, args: ArgNode[] | null, final: Final): GoValue {
    this.at(node);
    const name = node.ident;
    const fn = this.env.lookupFunc(name);
    if (!fn) this.errorf(`${goQuote(name)} is not a defined function`);
    return this.evalCall(dot, fn, this.env.isBuiltin(name, fn), cmd, name, args, final);
  }

  /**
   * Calls a function. Kept small on purpose: this frame stays on the JS stack while the
   * function runs (and include-style functions nest executions), so argument evaluation and
   * error reporting live in helpers that have returned by then.
   */
  private evalCall(
    dot: Val,
    fn: GoFunc,
    isBuiltin: boolean,
    node: ArgNode | CommandNode,
    name: string,
    args: ArgNode[] | null,
    final: Final,
  ): GoValue {
    const argv = this.buildArgs(dot, fn, isBuiltin, name, args, final);
    if (argv === null) return this.shortCircuit;
    try {
      return fn(argv, new Call(this.env, name, this.argIface));
    } catch (e) {
      return this.callFailed(e, node, name);
    }
  }

  /** The deciding operand of and/or when buildArgs evaluated them itself. */
  private shortCircuit: GoValue = undefined;
  /** Per-argument interface flags of the last buildArgs. */
  private argIface: boolean[] = [];

  /** Go's argument count check and conversions; null when and/or already produced the result. */
  private buildArgs(dot: Val, fn: GoFunc, isBuiltin: boolean, name: string, args: ArgNode[] | null, final: Final): GoValue[] | null {
    const nArgs = args ? args.length - 1 : 0;
    const sig = funcSignature(fn) ?? DEFAULT_SIGNATURE;
    const numIn = nArgs + (final !== MISSING ? 1 : 0);
    let numFixed = nArgs;
    if (sig.variadic !== undefined) {
      numFixed = sig.params.length;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${sig.params.length} got ${nArgs}`);
    } else if (numIn !== sig.params.length) {
      this.errorf(`wrong number of args for ${name}: want ${sig.params.length} got ${numIn}`);
    }
    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: GoValue = undefined;
      for (let i = 1; i <= nArgs; i++) {
        v = this.evalArg(dot, 'reflect.Value', args![i]!);
        if (isTrue(v) === (name === 'or')) {
          this.shortCircuit = v;
          return null;
        }
      }
      if (final !== MISSING) v = this.validateType(final, 'reflect.Value');
      this.shortCircuit = v;
      return null;
    }
    const argv: GoValue[] = [];
    const argIface: boolean[] = [];
    let i = 0;
    for (; i < nArgs; i++) {
      const t = i < numFixed ? sig.params[i]! : sig.variadic;
      if (t === undefined) break;
      this.lastArgIface = false;
      argv.push(this.evalArg(dot, t, args![i + 1]!));
      argIface.push(this.lastArgIface);
    }
    if (final !== MISSING) {
      let t = sig.params[sig.params.length - 1] ?? 'interface {}';
      if (sig.variadic !== undefined) t = numIn - 1 < numFixed ? sig.params[numIn - 1]! : sig.variadic;
      argv.push(this.validateType(final, t));
      argIface.push(false);
    }
    this.argIface = argIface;
    return argv;
  }

  private callFailed(e: unknown, node: ArgNode | CommandNode, name: string): never {
    if (e instanceof OutputLimitError) throw e;
    if (isStackOverflow(e)) throw e;
    this.at(node);
    if (e instanceof FuncError) this.errorf(`error calling ${name}: ${e.message}`, e);
    if (e instanceof Error) this.errorf(`error calling ${name}: ${e.message}`);
    this.errorf(`error calling ${name}: ${String(e)}`);
  }



  /** Whether the last evalArg produced an interface-typed value (see CallContext.argIsInterface). */
  private lastArgIface = false;

  private evalArg(dot: Val, typ: string | null, n: ArgNode): GoValue {
    this.at(n);
    let val: Val;
    switch (n.type) {
      case 'dot':
        this.lastArgIface = dot.iface;
        return this.validateType(dot.v, typ);
      case 'nil':
        this.lastArgIface = false;
        if (typ === 'reflect.Value') return undefined;
        if (typ === null || canBeNil(typ)) return null;
        this.errorf(`cannot assign nil to ${typ}`);
      case 'field':
        val = this.evalFieldNode(dot, n, [n], MISSING);
        this.lastArgIface = val.iface;
        return this.validateType(val.v, typ);
      case 'variable':
        val = this.evalVariableNode(dot, n, null, MISSING);
        this.lastArgIface = val.iface;
        return this.validateType(val.v, typ);
      case 'pipe': {
        const v = this.evalPipeline(dot, n);
        this.lastArgIface = false;
        return this.validateType(v, typ);
      }
      case 'identifier': {
        const v = this.evalFunction(dot, n, n, null, MISSING);
        this.lastArgIface = false;
        return this.validateType(v, typ);
      }
      case 'chain':
        val = this.evalChainNode(dot, n, null, MISSING);
        this.lastArgIface = val.iface;
        return this.validateType(val.v, typ);
    }
    this.lastArgIface = false;
    switch (typ) {
      case 'bool':
        if (n.type === 'bool') return n.value;
        this.errorf(`expected bool; found ${nodeString(n)}`);
      case 'float64':
      case 'float32':
        if (n.type === 'number' && n.isFloat) return n.float;
        this.errorf(`expected float; found ${nodeString(n)}`);
      case 'int':
      case 'int8':
      case 'int16':
      case 'int32':
      case 'int64':
        if (n.type === 'number' && n.isInt) return typ === 'int' ? n.int : new GoInt(typ, n.int);
        this.errorf(`expected integer; found ${nodeString(n)}`);
      case 'uint':
      case 'uint8':
      case 'uint16':
      case 'uint32':
      case 'uint64':
        if (n.type === 'number' && n.isUint) return new GoInt(typ, n.uint);
        this.errorf(`expected unsigned integer; found ${nodeString(n)}`);
      case 'string':
        if (n.type === 'string') return n.text;
        this.errorf(`expected string; found ${nodeString(n)}`);
      case null:
      case 'interface {}':
      case 'reflect.Value':
        return this.evalEmptyInterface(n);
    }
    this.errorf(`can't handle ${nodeString(n)} for arg of type ${typ}`);
  }

  private evalEmptyInterface(n: ArgNode): GoValue {
    this.at(n);
    switch (n.type) {
      case 'bool':
        return n.value;
      case 'number':
        return this.idealConstant(n);
      case 'string':
        return n.text;
    }
    this.errorf(`can't handle assignment of ${nodeString(n)} to empty interface argument`);
  }

  private validateType(value: GoValue, typ: string | null): GoValue {
    if (value === undefined) {
      if (typ === null || typ === 'reflect.Value') return undefined;
      if (canBeNil(typ)) return null;
      this.errorf(`invalid value; expected ${typ}`);
    }
    if (typ === null || typ === 'reflect.Value' || typ === 'interface {}') return value;
    if (value === null) this.errorf(`wrong type for value; expected ${typ}; got interface {}`);
    const actual = goTypeName(value);
    if (actual === typ) return value;
    this.errorf(`wrong type for value; expected ${typ}; got ${actual}`);
  }
}

function canBeNil(typ: string): boolean {
  return typ === 'interface {}' || typ.startsWith('map[') || typ.startsWith('[]') || typ.startsWith('func') || typ.startsWith('*');
}

function zeroValue(elemType: string): GoValue {
  switch (elemType) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int':
      return 0n;
    case 'float64':
      return 0;
    case 'int8':
    case 'int16':
    case 'int32':
    case 'int64':
    case 'uint':
    case 'uint8':
    case 'uint16':
    case 'uint32':
    case 'uint64':
    case 'uintptr':
      return new GoInt(elemType, 0n);
  }
  // a typed nil slice or map prints as [] / map[] (an empty one is the closest model value)
  if (elemType.startsWith('[]')) return sliceOf([], elemType.slice(2));
  if (elemType.startsWith('map[string]')) return mapOf(new Map(), elemType.slice('map[string]'.length));
  return null;
}
