import type { Io } from './io.ts';

/** One `casebook` sub-command. */
export interface Command {
  name: string;
  /** One line for `casebook --help`. */
  summary: string;
  /** Full `--help` text. */
  help: string;
  /** Runs the command; resolves to the process exit code. Throws CasebookError on bad input. */
  run(args: string[], io: Io): Promise<number>;
}
