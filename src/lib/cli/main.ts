/** `casebook` entry: dispatches to a sub-command and maps errors to messages and exit codes. */
import { readFile } from 'node:fs/promises';
import { COMMANDS, type Registry } from './commands.ts';
import { EXIT_CODE_SUMMARY, fromSystemError, isCasebookError } from '../errors.ts';
import type { Io } from './io.ts';

/** The exit code of a failure that is a bug in Casebook, not bad input (EX_SOFTWARE). */
const INTERNAL_ERROR_EXIT = 70;

/** The top-level help: every command's summary, taken from the command's own declaration. */
async function mainHelp(registry: Registry = COMMANDS): Promise<string> {
  const commands = await Promise.all(
    Object.values(registry).map(async (entry) => (await entry.load()).command),
  );
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'casebook: a searchable knowledge base of incident reviews',
    '',
    'Usage: casebook <command> [options]   (casebook <command> --help for details)',
    '       casebook --version',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Environment: CASEBOOK_CONTENT (content folder), CASEBOOK_DB (LanceDB URI), CASEBOOK_MODEL_DIR,',
    'ANTHROPIC_API_KEY, CASEBOOK_MODEL_DRAFT.',
    `Exit codes: ${EXIT_CODE_SUMMARY}.`,
  ].join('\n');
}

/** The version in package.json. */
async function version(): Promise<string> {
  const pkg = JSON.parse(
    await readFile(new URL('../../../package.json', import.meta.url), 'utf8'),
  ) as { version: string };
  return pkg.version;
}

/** Runs one `casebook` invocation; resolves to the process exit code. */
export async function runCli(
  argv: string[],
  io: Io,
  registry: Registry = COMMANDS,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V') {
    io.stdout.write(`casebook ${await version()}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || (name === 'help' && !rest.length)) {
    (name ? io.stdout : io.stderr).write((await mainHelp(registry)) + '\n');
    return name ? 0 : 2;
  }
  const topic = name === 'help' ? rest[0] : undefined;
  const commandName = topic ?? name;
  const entry = Object.hasOwn(registry, commandName) ? registry[commandName] : undefined;
  if (!entry) {
    io.stderr.write(
      `casebook: unknown command "${commandName}". Commands: ${Object.keys(registry).join(', ')}. Run \`casebook --help\`.\n`,
    );
    return 2;
  }
  try {
    const { command } = await entry.load();
    if (topic || rest.includes('--help') || rest.includes('-h')) {
      io.stdout.write(command.help.trimEnd() + '\n');
      return 0;
    }
    return await command.run(rest, io);
  } catch (caught) {
    // A read-only or full disk is the environment's fault: one line, not a stack trace.
    const error = fromSystemError(caught) ?? caught;
    if (isCasebookError(error)) {
      const hint =
        error.code === 'USAGE' && !error.message.includes('--help')
          ? ` Run \`casebook ${commandName} --help\`.`
          : '';
      io.stderr.write(`casebook ${commandName}: error [${error.code}]: ${error.message}${hint}\n`);
      return error.exitCode;
    }
    io.stderr.write(
      `casebook ${commandName}: unexpected error (a bug in Casebook; please report it with the command you ran): ${(error as Error).stack ?? String(error)}\n`,
    );
    return INTERNAL_ERROR_EXIT;
  }
}
