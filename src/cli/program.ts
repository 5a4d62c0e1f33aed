/**
 * Builds the commander program from the command specs and runs it against an injected CliIO.
 * Returns the exit code; never exits the process itself.
 */
import { Command, CommanderError, Option } from 'commander';
import { isSailError, SailError } from '../errors.js';
import { parseDuration } from '../util/duration.js';
import type { CliIO, CommandContext, GlobalOptions } from './context.js';
import { attributeName, longName, shortName, type CommandEntry, type CommandSpec, type LazyCommand, type OptionSpec } from './spec.js';
import { formatError } from './report.js';

export const GLOBAL_OPTIONS: readonly OptionSpec[] = [
  { flags: '-c, --kubeconfig <path>', description: 'Kubernetes configuration file', kind: 'string', completeWith: 'files' },
  { flags: '--context <name>', description: 'Kubernetes configuration context', kind: 'string' },
  { flags: '-n, --namespace <ns>', description: 'Kubernetes namespace', kind: 'string' },
  {
    flags: '-i, --istioNamespace <ns>',
    description: 'Istio system namespace',
    kind: 'string',
    default: 'istio-system',
  },
  {
    flags: '--kubeclient-timeout <duration>',
    description: 'Kubernetes client timeout as a time.Duration string, e.g. 15s',
    kind: 'duration',
    default: '15s',
  },
  { flags: '--vklog <level>', description: 'number for the log level verbosity (accepted, ignored)', kind: 'int', hidden: true },
];

function parseBool(flag: string) {
  return (value: string | boolean | undefined): boolean => {
    if (typeof value === 'boolean') return value;
    if (value === undefined || value === 'true' || value === '1' || value === 't' || value === 'T' || value === 'TRUE' || value === 'True') return true;
    if (value === 'false' || value === '0' || value === 'f' || value === 'F' || value === 'FALSE' || value === 'False') return false;
    throw new SailError('USAGE', `invalid argument "${value}" for "${flag}" flag: strconv.ParseBool: parsing "${value}": invalid syntax`);
  };
}

function makeOption(spec: OptionSpec): Option {
  const name = `--${spec.flags.match(/--([A-Za-z0-9-]+)/)?.[1]}`;
  const opt = new Option(spec.flags, spec.description);
  if (spec.hidden) opt.hideHelp();
  const checkChoice = (v: string): string => {
    if (spec.choices && !spec.choices.includes(v)) {
      throw new SailError('USAGE', `invalid argument "${v}" for "${name}" flag: must be one of ${spec.choices.join(', ')}`);
    }
    return v;
  };
  switch (spec.kind) {
    case 'string':
      opt.argParser((v: string) => checkChoice(v));
      if (spec.default !== undefined) opt.default(spec.default);
      break;
    case 'strings':
      opt.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), checkChoice(v)]);
      opt.default(spec.default ?? []);
      break;
    case 'boolean':
      // pflag semantics: a bare flag is true and never consumes the next argument;
      // `--flag=false` is rewritten to the hidden negation by normalizeBooleanArgs.
      opt.default(spec.default ?? false);
      break;
    case 'duration':
      opt.argParser((v: string) => parseDuration(v, name));
      if (spec.default !== undefined) opt.default(parseDuration(String(spec.default), name), String(spec.default));
      break;
    case 'int':
      opt.argParser((v: string) => {
        if (!/^-?\d+$/.test(v)) throw new SailError('USAGE', `invalid argument "${v}" for "${name}" flag: not an integer`);
        return Number(v);
      });
      if (spec.default !== undefined) opt.default(spec.default);
      break;
  }
  return opt;
}

export interface RunResult {
  exitCode: number;
}

function globalsFrom(opts: Record<string, unknown>): GlobalOptions {
  return {
    kubeconfig: opts['kubeconfig'] as string | undefined,
    context: opts['context'] as string | undefined,
    namespace: opts['namespace'] as string | undefined,
    istioNamespace: (opts['istioNamespace'] as string | undefined) ?? 'istio-system',
    kubeclientTimeoutMs: (opts['kubeclientTimeout'] as number | undefined) ?? 15_000,
  };
}

/** Builds the commander tree. `onAction` receives the leaf command's result. */
export function buildProgram(
  /** Full specs for the commands argv names; the others may be bare entries. */
  specs: readonly (CommandSpec | CommandEntry)[],
  io: CliIO,
  setExit: (code: number) => void,
  /**
   * When given, only the commands named somewhere in argv get their options and subcommands;
   * the rest are bare entries (name and summary, enough for dispatch and the root help). Building
   * every option of every command costs more start-up time than `sailctl version` itself.
   */
  argv?: readonly string[],
): Command {
  const program = new Command('sailctl');
  program
    .description('Istio configuration command line utility (an istioctl equivalent)')
    .exitOverride()
    .showSuggestionAfterError(true)
    .allowExcessArguments(false)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  for (const g of GLOBAL_OPTIONS) program.addOption(makeOption(g));

  const addCommand = (parent: Command, spec: CommandSpec): void => {
    const cmd = new Command(spec.name);
    cmd.description(spec.summary + (spec.extension ? ' (ext)' : ''));
    cmd.exitOverride();
    cmd.allowExcessArguments(false);
    cmd.configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
    for (const a of spec.aliases ?? []) cmd.alias(a);
    for (const arg of spec.arguments ?? []) {
      const text = `${arg.required ? '<' : '['}${arg.name}${arg.variadic ? '...' : ''}${arg.required ? '>' : ']'}`;
      cmd.argument(text, arg.description);
    }
    for (const o of spec.options ?? []) {
      cmd.addOption(makeOption(o));
      if (o.kind === 'boolean') cmd.addOption(new Option(`--no-${longName(o.flags)}`).hideHelp());
    }
    if (spec.examples?.length) {
      cmd.addHelpText('after', `\nExamples:\n${spec.examples.map((e) => `  ${e}`).join('\n')}\n`);
    }
    for (const sub of spec.subcommands ?? []) addCommand(cmd, sub);
    if (spec.action) {
      const action = spec.action;
      cmd.action(async (...params: unknown[]) => {
        const self = params[params.length - 1] as Command;
        const opts = self.opts();
        const args = (self.processedArgs as unknown[]).flatMap((a) =>
          a === undefined ? [] : Array.isArray(a) ? (a as string[]) : [a as string],
        );
        const ctx: CommandContext = { io, globals: globalsFrom(self.optsWithGlobals()) };
        setExit(await action(ctx, args, opts));
      });
    } else {
      cmd.action(() => {
        cmd.outputHelp();
        setExit(0);
      });
    }
    if (spec.hidden) parent.addCommand(cmd, { hidden: true });
    else parent.addCommand(cmd);
  };
  const named = argv ? new Set(argv) : undefined;
  // When argv names a command, the others are left out altogether: only the root help and the
  // "did you mean" of an unknown command need them, and then no command is named.
  const word = argv ? commandWord(argv) : undefined;
  const chosen = word === undefined ? undefined : specs.find((s) => s.name === word || (s.aliases ?? []).includes(word));
  for (const spec of specs) {
    if (chosen && spec !== chosen) continue;
    if (!named || isNamed(spec, named)) {
      addCommand(program, spec as CommandSpec);
    } else {
      const bare = new Command(spec.name).description(spec.summary + (spec.extension ? ' (ext)' : ''));
      for (const a of spec.aliases ?? []) bare.alias(a);
      program.addCommand(bare, spec.hidden ? { hidden: true } : undefined);
    }
  }
  return program;
}

function isNamed(entry: CommandEntry, named: ReadonlySet<string>): boolean {
  return named.has(entry.name) || (entry.aliases ?? []).some((a) => named.has(a));
}

/** The first argument that is not a global flag or its value: the command to run, if any. */
function commandWord(argv: readonly string[]): string | undefined {
  const takesValue = new Set<string>();
  for (const g of GLOBAL_OPTIONS) {
    takesValue.add(`--${longName(g.flags)}`);
    const s = shortName(g.flags);
    if (s) takesValue.add(`-${s}`);
  }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--') return undefined;
    if (!a.startsWith('-') || a === '-') return a;
    if (takesValue.has(a)) i++;
  }
  return undefined;
}

/** Every boolean flag's long and short names, across all commands. */
function booleanFlags(specs: readonly (CommandSpec | CommandEntry)[]): { long: Set<string>; short: Map<string, string> } {
  const long = new Set<string>();
  const short = new Map<string, string>();
  const visit = (list: readonly (CommandSpec | CommandEntry)[]): void => {
    for (const spec of list as readonly CommandSpec[]) {
      for (const o of spec.options ?? []) {
        if (o.kind !== 'boolean') continue;
        const name = longName(o.flags);
        long.add(name);
        const s = shortName(o.flags);
        if (s) short.set(s, name);
      }
      visit(spec.subcommands ?? []);
    }
  };
  visit(specs);
  return { long, short };
}

/**
 * pflag accepts `--flag=true|false` (and `-k=false`) for booleans; commander does not. Rewrites
 * those forms to `--flag` / `--no-flag`, and rejects values that are not booleans the way pflag
 * does. Everything after `--` is left alone.
 */
export function normalizeBooleanArgs(specs: readonly (CommandSpec | CommandEntry)[], argv: readonly string[]): string[] {
  const { long, short } = booleanFlags(specs);
  const out: string[] = [];
  let rest = false;
  for (const arg of argv) {
    if (rest || arg === '--') {
      rest = true;
      out.push(arg);
      continue;
    }
    const m = /^(?:--([A-Za-z0-9][A-Za-z0-9-]*)|-([A-Za-z]))=(.*)$/s.exec(arg);
    const name = m ? (m[1] !== undefined ? (long.has(m[1]) ? m[1] : undefined) : short.get(m[2] as string)) : undefined;
    if (!m || name === undefined) {
      out.push(arg);
      continue;
    }
    const flag = m[1] !== undefined ? `--${m[1]}` : `-${m[2]}`;
    out.push(parseBool(flag)(m[3]) ? `--${name}` : `--no-${name}`);
  }
  return out;
}

/** Runs argv (without node and script) and returns the exit code. */
export async function runCli(specs: readonly (CommandSpec | CommandEntry)[], argv: readonly string[], io: CliIO): Promise<number> {
  let exitCode = 0;
  const program = buildProgram(
    specs,
    io,
    (c) => {
      exitCode = c;
    },
    argv,
  );
  if (argv.length === 0) {
    program.outputHelp();
    return 0;
  }
  try {
    await program.parseAsync(normalizeBooleanArgs(specs, argv), { from: 'user' });
    return exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.help' || e.code === 'commander.version') return 0;
      if (e.code === 'commander.executeSubCommandAsync') return e.exitCode;
      // commander already printed its message; add the hint istioctl users know.
      io.stderr.write("Run 'sailctl --help' for usage.\n");
      return 64;
    }
    const cause = (e as { cause?: unknown }).cause;
    const err = isSailError(e) ? e : isSailError(cause) ? cause : e;
    io.stderr.write(formatError(err, io));
    return isSailError(err) ? err.exitCode : 1;
  }
}

export { attributeName };

/**
 * runCli over the command catalog: loads the full spec of each command argv names (usually one)
 * and gives the root only the names and summaries of the rest.
 */
export async function runLazyCli(catalog: readonly LazyCommand[], argv: readonly string[], io: CliIO): Promise<number> {
  const named = new Set(argv);
  const specs = await Promise.all(
    catalog.map((c): Promise<CommandSpec | CommandEntry> | CommandEntry => (isNamed(c, named) ? c.load() : c)),
  );
  return runCli(specs, argv, io);
}
