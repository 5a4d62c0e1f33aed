/**
 * One declarative spec per command. It drives parsing (commander), help, shell completion and
 * the docs check, so the four never disagree. Spec files stay light: heavy modules are imported
 * inside `action`, which keeps `sailctl version` fast.
 */
import type { Handler } from './context.js';

export type OptionKind =
  /** a single string value */
  | 'string'
  /** repeatable, collected in order (istioctl's StringArray / StringSlice) */
  | 'strings'
  /** a boolean that also accepts `--flag=true|false` (pflag semantics) */
  | 'boolean'
  /** a Go duration ("15s"), parsed to milliseconds */
  | 'duration'
  | 'int';

export interface OptionSpec {
  /** Commander flag syntax: '-f, --filename <file>' or '--dry-run'. */
  flags: string;
  description: string;
  kind: OptionKind;
  default?: string | boolean | number | string[];
  /** Accepted values (checked by the option parser, a usage error otherwise). */
  choices?: readonly string[];
  /** Values offered by shell completion (e.g. profile names), in addition to choices. */
  completeWith?: 'files' | 'dirs' | 'profiles' | readonly string[];
  hidden?: boolean;
}

export interface ArgumentSpec {
  name: string;
  description: string;
  required?: boolean;
  variadic?: boolean;
  completeWith?: 'files' | 'dirs' | 'profiles' | readonly string[];
}

/** What the root command needs of a command it does not run: its names and help line. */
export interface CommandEntry {
  name: string;
  aliases?: readonly string[];
  summary: string;
  hidden?: boolean;
  /** (ext) marks an extension beyond istioctl in help and docs. */
  extension?: boolean;
}

/** A catalog entry: the entry, and the full spec loaded on demand. */
export interface LazyCommand extends CommandEntry {
  load(): Promise<CommandSpec>;
}

export interface CommandSpec extends CommandEntry {
  description?: string;
  arguments?: readonly ArgumentSpec[];
  options?: readonly OptionSpec[];
  examples?: readonly string[];
  subcommands?: readonly CommandSpec[];
  /** Absent for a pure group command (prints help). */
  action?: Handler<any>;
}

/** The long name of an option, e.g. 'filename' for '-f, --filename <file>'. */
export function longName(flags: string): string {
  const m = /--([A-Za-z0-9][A-Za-z0-9-]*)/.exec(flags);
  if (!m) throw new Error(`option without a long name: ${flags}`);
  return m[1] as string;
}

/** The short name without the dash, if any. */
export function shortName(flags: string): string | undefined {
  const m = /(?:^|[ ,])-([A-Za-z])\b/.exec(flags);
  return m ? m[1] : undefined;
}

/** commander's camel-case attribute name for an option. */
export function attributeName(flags: string): string {
  return longName(flags).replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}
