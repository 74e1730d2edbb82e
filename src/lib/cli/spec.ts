/**
 * The shape of a command declaration: its options and what it runs. Types only, shared by
 * `command.ts` (defineCommand) and `args.ts` (help text and parsing).
 */
import type { Io } from './io.ts';

/** One option of a command. The option's name is its key in `CommandSpec.options`. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  /** A one-letter alias (`-k`). */
  readonly short?: string;
  /** The option may be given several times, or followed by several values (`--notes a b`). */
  readonly multiple?: boolean;
  /** The value's placeholder in the help, e.g. `<dir>` (string options only). */
  readonly value?: string;
  /** What the option does; each `\n` starts an indented continuation line in the help. */
  readonly help: string;
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S['type'] extends 'boolean'
  ? boolean | undefined
  : S extends { readonly multiple: true }
    ? string[] | undefined
    : string | undefined;

/** The parsed values of a command's options, typed from its declaration. */
type OptionValues<O extends OptionSpecs> = { -readonly [K in keyof O]: ValueOf<O[K]> };

export interface ParsedArgs<O extends OptionSpecs> {
  values: OptionValues<O>;
  positionals: string[];
}

/** What a command module declares. */
export interface CommandSpec<O extends OptionSpecs> {
  name: string;
  /** One line for `casebook --help`. */
  summary: string;
  /** What follows `casebook <name>` in the usage line, e.g. `<notes-file | ->`. */
  usage?: string;
  /** Paragraphs between the usage line and the options. */
  description: string;
  options: O;
  /** Text after the options (environment variables, limits). */
  notes?: string;
  /** The exit codes this command uses, e.g. `0 clean, 1 problems found, 2 usage error`. */
  exitCodes: string;
  /** Runs the command; resolves to the exit code. Throws CasebookError on bad input. */
  run(args: ParsedArgs<O>, io: Io): Promise<number>;
}

/** A ready command, as the registry and `runCli` see it. */
export interface Command {
  name: string;
  summary: string;
  /** Full `--help` text, generated from the declaration. */
  help: string;
  options: OptionSpecs;
  /** Parses `args` against the declaration, then runs; resolves to the process exit code. */
  run(args: string[], io: Io): Promise<number>;
}
