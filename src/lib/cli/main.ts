/** `casebook` entry: dispatches to a sub-command and maps errors to messages and exit codes. */
import { COMMANDS } from './commands.ts';
import { isCasebookError } from '../errors.ts';
import type { Io } from './io.ts';

export function mainHelp(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  return [
    'casebook: a searchable knowledge base of incident reviews',
    '',
    'Usage: casebook <command> [options]   (casebook <command> --help for details)',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    '',
    'Environment: CASEBOOK_CONTENT (content folder), CASEBOOK_DB (LanceDB URI), CASEBOOK_MODEL_DIR,',
    'ANTHROPIC_API_KEY, CASEBOOK_MODEL_DRAFT. Exit codes: 0 ok, 1 bad input or findings, 2 usage, 3+ environment.',
  ].join('\n');
}

export async function runCli(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(mainHelp() + '\n');
    return name ? 0 : 2;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr.write(
      `casebook: unknown command "${name}". Commands: ${Object.keys(COMMANDS).join(', ')}.\n`,
    );
    return 2;
  }
  try {
    const { command } = await entry.load();
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(command.help.trimEnd() + '\n');
      return 0;
    }
    return await command.run(rest, io);
  } catch (error) {
    if (isCasebookError(error)) {
      io.stderr.write(`casebook ${name}: error [${error.code}]: ${error.message}\n`);
      return error.exitCode;
    }
    io.stderr.write(
      `casebook ${name}: unexpected error: ${(error as Error).stack ?? String(error)}\n`,
    );
    return 70;
  }
}
