/**
 * Argument parsing and help text, both generated from a command's option declarations
 * (node:util parseArgs underneath, Casebook's error class on top).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CasebookError } from '../errors.ts';
import type { CommandSpec, OptionSpec, OptionSpecs, ParsedArgs } from './spec.ts';

/** `-h, --help`: every command has it; `runCli` answers it before the command runs. */
const HELP_OPTION = { type: 'boolean', short: 'h', help: 'show this help' } as const;

/** The options several commands share, declared once. */
export const COMMON_OPTIONS = {
  content: {
    type: 'string',
    value: '<dir>',
    help: 'content folder holding reviews/ and failure-modes.yaml\n(default ./content, or CASEBOOK_CONTENT)',
  },
  db: {
    type: 'string',
    value: '<uri>',
    help: 'LanceDB URI: a local folder, s3://, gs:// or db://\n(default .casebook/lancedb, or CASEBOOK_DB)',
  },
  'db-option': {
    type: 'string',
    multiple: true,
    value: '<key=value>',
    help: 'a LanceDB storage option for an object-store --db, e.g. aws_region=eu-west-1\n(repeatable; AWS_*, GOOGLE_*, AZURE_* environment variables are passed too)',
  },
  json: { type: 'boolean', help: 'print the result as JSON (fields below)' },
  embedder: {
    type: 'string',
    value: '<kind>',
    help: 'auto (default: the embedder the index was built with), lexical or transformers',
  },
  model: {
    type: 'string',
    value: '<id>',
    help: 'Claude model (default CASEBOOK_MODEL_DRAFT, else claude-sonnet-5-5)',
  },
} as const satisfies OptionSpecs;

/** The parseArgs configuration generated from the declarations. */
export function parseArgsOptions(options: OptionSpecs): NonNullable<ParseArgsConfig['options']> {
  const config: NonNullable<ParseArgsConfig['options']> = {};
  const all: OptionSpecs = { ...options, help: HELP_OPTION };
  for (const [name, spec] of Object.entries(all)) {
    config[name] = {
      type: spec.type,
      ...(spec.short ? { short: spec.short } : {}),
      ...(spec.multiple ? { multiple: true } : {}),
    };
  }
  return config;
}

/** Parses `args` against the declarations; a bad option is a USAGE error naming it. */
export function parseCommandArgs<O extends OptionSpecs>(options: O, args: string[]): ParsedArgs<O> {
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({
      args,
      options: parseArgsOptions(options),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CasebookError('USAGE', `${(error as Error).message}.`);
  }
  const values = { ...parsed.values };
  delete values.help;
  return { values: values as ParsedArgs<O>['values'], positionals: parsed.positionals };
}

/** Parses a positive integer option, or throws USAGE naming the flag. */
export function intOption(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CasebookError('USAGE', `--${flag} must be a positive whole number, got "${value}".`);
  return n;
}

/** Checks a string option against its allowed values, or throws USAGE listing them. */
export function choiceOption<const C extends string>(
  flag: string,
  value: string | undefined,
  choices: readonly C[],
  fallback: C,
): C {
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value))
    throw new CasebookError(
      'USAGE',
      `--${flag} must be one of ${choices.join(', ')}, got "${value}".`,
    );
  return value as C;
}

const optionLabel = (name: string, spec: OptionSpec): string =>
  [
    spec.short ? `-${spec.short}, ` : '',
    `--${name}`,
    spec.type === 'string' ? ` ${spec.value ?? '<value>'}` : '',
    spec.multiple && spec.type === 'string' ? '...' : '',
  ].join('');

/** The `--help` text of a command, generated from its declaration. */
export function helpText(spec: Omit<CommandSpec<OptionSpecs>, 'run'>): string {
  const all: OptionSpecs = { ...spec.options, help: HELP_OPTION };
  const entries = Object.entries(all).map(
    ([name, option]) => [optionLabel(name, option), option.help] as const,
  );
  const width = Math.max(...entries.map(([label]) => label.length)) + 2;
  const options = entries.flatMap(([label, help]) =>
    help.split('\n').map((line, i) => `  ${(i === 0 ? label : '').padEnd(width)}${line}`.trimEnd()),
  );
  return [
    `Usage: casebook ${spec.name}${spec.usage ? ` ${spec.usage}` : ''} [options]`,
    '',
    spec.description.trim(),
    '',
    'Options:',
    ...options,
    '',
    ...(spec.notes ? [spec.notes.trim()] : []),
    `Exit codes: ${spec.exitCodes}`,
  ].join('\n');
}
