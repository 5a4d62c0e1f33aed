/**
 * The completion model: what each shell script needs to know, derived from the command specs
 * (the same specs that drive parsing and help), so completion never disagrees with the parser.
 */
import type { ArgumentSpec, CommandSpec, OptionSpec } from '../spec.js';
import { longName, shortName } from '../spec.js';

/** How a value is completed: a fixed list, file names, directory names, or profile names. */
export type ValueCompletion = { kind: 'words'; words: string[] } | { kind: 'files' } | { kind: 'dirs' } | { kind: 'profiles' } | { kind: 'none' };

export interface CompletionFlag {
  long: string;
  short: string | undefined;
  description: string;
  takesValue: boolean;
  values: ValueCompletion;
}

export interface CompletionCommand {
  /** Space-separated path from the root, e.g. "sailctl profile dump". */
  path: string;
  name: string;
  aliases: string[];
  description: string;
  subcommands: CompletionCommand[];
  /** Flags of this command only (global flags are in the model's root). */
  flags: CompletionFlag[];
  /** How positional arguments complete. */
  args: ValueCompletion;
}

export interface CompletionModel {
  program: string;
  root: CompletionCommand;
  globalFlags: CompletionFlag[];
  /** Built-in profile names, for `completeWith: 'profiles'` without -d. */
  profiles: string[];
}

function valueCompletion(spec: { choices?: readonly string[]; completeWith?: OptionSpec['completeWith'] }): ValueCompletion {
  const c = spec.completeWith;
  if (c === 'files') return { kind: 'files' };
  if (c === 'dirs') return { kind: 'dirs' };
  if (c === 'profiles') return { kind: 'profiles' };
  const words = [...(spec.choices ?? []), ...(Array.isArray(c) ? c : [])];
  return words.length ? { kind: 'words', words: [...new Set(words)] } : { kind: 'none' };
}

function flagOf(o: OptionSpec): CompletionFlag {
  return {
    long: longName(o.flags),
    short: shortName(o.flags),
    description: o.description.split('\n')[0] as string,
    takesValue: o.kind !== 'boolean',
    values: o.kind === 'boolean' ? { kind: 'words', words: ['true', 'false'] } : valueCompletion(o),
  };
}

function argsOf(args: readonly ArgumentSpec[] | undefined): ValueCompletion {
  const first = args?.find((a) => a.completeWith !== undefined);
  return first ? valueCompletion(first) : { kind: 'none' };
}

function commandOf(spec: CommandSpec, parentPath: string): CompletionCommand {
  const path = `${parentPath} ${spec.name}`;
  return {
    path,
    name: spec.name,
    aliases: [...(spec.aliases ?? [])],
    description: spec.summary,
    subcommands: (spec.subcommands ?? []).filter((s) => !s.hidden).map((s) => commandOf(s, path)),
    flags: (spec.options ?? []).filter((o) => !o.hidden).map(flagOf),
    args: argsOf(spec.arguments),
  };
}

export function buildCompletionModel(
  program: string,
  commands: readonly CommandSpec[],
  globalOptions: readonly OptionSpec[],
  profiles: readonly string[],
): CompletionModel {
  const visible = commands.filter((c) => !c.hidden);
  const root: CompletionCommand = {
    path: program,
    name: program,
    aliases: [],
    description: '',
    subcommands: [
      ...visible.map((c) => commandOf(c, program)),
      {
        path: `${program} help`,
        name: 'help',
        aliases: [],
        description: 'Help about any command',
        subcommands: [],
        flags: [],
        args: { kind: 'words', words: visible.map((c) => c.name) },
      },
    ],
    flags: [],
    args: { kind: 'none' },
  };
  return {
    program,
    root,
    globalFlags: [...globalOptions.filter((o) => !o.hidden).map(flagOf), { long: 'help', short: 'h', description: 'help for sailctl', takesValue: false, values: { kind: 'none' } }],
    profiles: [...profiles],
  };
}

/** Every command in the tree, depth first (root included). */
export function allCommands(root: CompletionCommand): CompletionCommand[] {
  return [root, ...root.subcommands.flatMap(allCommands)];
}

/** A flag's value completion as the generated scripts encode it: words, or @files/@dirs/@profiles/@none. */
export function valueSpec(v: ValueCompletion): string {
  switch (v.kind) {
    case 'words':
      return v.words.join(' ');
    case 'files':
      return '@files';
    case 'dirs':
      return '@dirs';
    case 'profiles':
      return '@profiles';
    case 'none':
      return '@none';
  }
}
