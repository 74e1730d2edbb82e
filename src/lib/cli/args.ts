/** Argument parsing shared by every command (node:util parseArgs with Casebook's error class). */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CasebookError } from '../errors.ts';

export type Options = NonNullable<ParseArgsConfig['options']>;

export function parseCommandArgs<T extends Options>(command: string, args: string[], options: T) {
  try {
    return parseArgs({
      args,
      options: { help: { type: 'boolean', short: 'h' }, ...options },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw new CasebookError(
      'USAGE',
      `casebook ${command}: ${(error as Error).message}. Run \`casebook ${command} --help\`.`,
    );
  }
}

/** Parses a positive integer option, or throws USAGE naming the flag. */
export function intOption(
  command: string,
  flag: string,
  value: string | undefined,
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1)
    throw new CasebookError(
      'USAGE',
      `casebook ${command}: --${flag} must be a positive whole number, got "${value}".`,
    );
  return n;
}
