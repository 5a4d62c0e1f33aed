/**
 * Go text/template for sailctl: a TemplateSet is Go's *template.Template with its associated
 * templates (one namespace of defines), its functions and options.
 */
import type { Tree } from './ast.js';
import { BUILTINS } from './builtins.js';
import { TemplateError } from './errors.js';
import { type ExecEnv, type MissingKey, executeTemplate } from './exec.js';
import { isEmptyTree, parseText } from './parser.js';
import type { GoFunc, GoValue } from './value.js';

export type FuncMap = Record<string, GoFunc>;

export interface TemplateOptions {
  /** Go's Option("missingkey=..."): 'default'/'invalid' give <no value>, 'zero' the zero value, 'error' an error */
  missingKey?: MissingKey;
  /** added on top of the builtins (later wins), like Funcs() */
  funcs?: FuncMap | ReadonlyMap<string, GoFunc>;
  /** Go's maxExecDepth is 100000 on 64-bit; recursion of template calls errors cleanly */
  maxExecDepth?: number;
  /** bound runaway output with a clear TemplateError (default 256 MiB) */
  maxOutputBytes?: number;
  /** like Delims() */
  delims?: [string, string];
  /** Name of the root template, used in "no template associated with" errors and by tpl
   *  (Helm's root is "gotpl"); defaults to the first name parsed. */
  rootName?: string;
}

const DEFAULT_MAX_OUTPUT = 256 * 1024 * 1024;
const GO_MAX_EXEC_DEPTH = 100000;
const IDENT = /^[\p{L}_][\p{L}\p{Nd}_]*$/u;
// Every TemplateSet checks a few hundred function names; compiling the Unicode-property regex
// costs about 1 ms on first use, so ASCII names (all of sprig's and Helm's) skip it.
const ASCII_IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;
const isIdentifier = (name: string): boolean => ASCII_IDENT.test(name) || IDENT.test(name);

export class TemplateSet {
  private trees = new Map<string, Tree>();
  private readonly funcs = new Map<string, GoFunc>(BUILTINS);
  private readonly opts: TemplateOptions;
  private rootName: string | undefined;

  constructor(opts: TemplateOptions = {}) {
    this.opts = { ...opts };
    this.rootName = opts.rootName;
    if (opts.funcs) this.addFuncs(opts.funcs);
  }

  /** Parses text as template `name` (Go's t.New(name).Parse(text)); defines become associated templates. */
  parse(name: string, text: string): void {
    const [left, right] = this.opts.delims ?? ['{{', '}}'];
    const parsed = parseText(name, text, {
      leftDelim: left,
      rightDelim: right,
      hasFunction: (n) => this.funcs.has(n),
    });
    this.rootName ??= name;
    for (const [n, tree] of parsed) {
      const old = this.trees.get(n);
      // Go keeps an existing template rather than replacing it with an empty one
      if (old && isEmptyTree(tree.root)) continue;
      this.trees.set(n, tree);
    }
  }

  has(name: string): boolean {
    return this.trees.has(name);
  }

  names(): string[] {
    return [...this.trees.keys()];
  }

  /** Executes template `name` with data (Go's ExecuteTemplate). Throws TemplateError. */
  execute(name: string, data: GoValue): string {
    return executeTemplate(this.env(), name, data);
  }

  /** Adds/overrides functions (Funcs()); names must be Go identifiers, as Go panics otherwise. */
  addFuncs(funcs: FuncMap | ReadonlyMap<string, GoFunc>): void {
    const entries = funcs instanceof Map ? [...funcs.entries()] : Object.entries(funcs as FuncMap);
    for (const [name, fn] of entries) {
      if (!isIdentifier(name)) throw new TemplateError(`function name ${JSON.stringify(name)} is not a valid identifier`);
      if (typeof fn !== 'function') throw new TemplateError(`value for ${name} not a function`);
      this.funcs.set(name, fn);
    }
  }

  /** A copy sharing functions and options whose later parses do not affect this set (Go's Clone). */
  clone(): TemplateSet {
    const c = new TemplateSet({ ...this.opts, funcs: undefined, rootName: this.rootName });
    for (const [k, v] of this.funcs) c.funcs.set(k, v);
    c.trees = new Map(this.trees);
    return c;
  }

  private env(): ExecEnv {
    const set = this;
    return {
      lookupTree: (n) => set.trees.get(n),
      lookupFunc: (n) => set.funcs.get(n),
      isBuiltin: (n, fn) => BUILTINS.get(n) === fn,
      missingKey: this.opts.missingKey ?? 'default',
      maxExecDepth: this.opts.maxExecDepth ?? GO_MAX_EXEC_DEPTH,
      maxOutputBytes: this.opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT,
      rootName: this.rootName ?? '',
      executeText(text: string, data: GoValue): string {
        // Helm's tpl: clone the set, parse the text under the root name, execute it
        const c = set.clone();
        const name = set.rootName ?? 'tpl';
        c.parse(name, text);
        return c.execute(name, data);
      },
    };
  }
}

export { TemplateError } from './errors.js';
export { ExecError } from './exec.js';

/** Convenience: parse text as a template named `name` (default "tpl") and execute it. */
export function renderTemplate(text: string, data: GoValue, opts: TemplateOptions & { name?: string } = {}): string {
  const name = opts.name ?? 'tpl';
  const set = new TemplateSet(opts);
  set.parse(name, text);
  return set.execute(name, data);
}

export * from './value.js';
export { sprint, sprintf, sprintln, formatFloat } from './fmt.js';
