/**
 * A `casebook` sub-command, declared once as data. `defineCommand` turns the declaration into the
 * `--help` text, the `node:util` parseArgs configuration and the one-line summary, so the three
 * can never disagree.
 */
import { helpText, parseCommandArgs } from './args.ts';
import type { Command, CommandSpec, OptionSpecs } from './spec.ts';

export type { Command, CommandSpec, OptionSpecs } from './spec.ts';

export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    help: helpText(spec),
    options: spec.options,
    run: (args, io) => spec.run(parseCommandArgs(spec.options, args), io),
  };
}
