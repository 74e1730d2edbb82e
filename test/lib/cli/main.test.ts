import { readFileSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import { defineCommand, type Command } from '../../../src/lib/cli/command.ts';
import { COMMANDS, type Registry } from '../../../src/lib/cli/commands.ts';
import { runCli } from '../../../src/lib/cli/main.ts';
import { CasebookError } from '../../../src/lib/errors.ts';
import { captureIo } from '../../helpers/io.ts';

const demo = defineCommand({
  name: 'demo',
  summary: 'Echo the arguments back.',
  usage: '<words...>',
  description: 'Prints its positionals; fails on request.',
  options: {
    fail: { type: 'string', value: '<how>', help: 'usage | index | bug' },
    shout: { type: 'boolean', help: 'upper-case the words' },
  },
  exitCodes: '0 ok, 2 usage, 3 index missing, 70 bug.',
  async run({ values, positionals }, io) {
    if (values.fail === 'usage') throw new CasebookError('USAGE', 'pass at least one word.');
    if (values.fail === 'index')
      throw new CasebookError('INDEX_MISSING', 'no index at /tmp/x. Run `casebook embed`.');
    if (values.fail === 'bug') throw new TypeError('boom');
    const text = positionals.join(' ');
    io.stdout.write((values.shout ? text.toUpperCase() : text) + '\n');
    return 0;
  },
});

const REGISTRY: Registry = { demo: { load: async () => ({ command: demo }) } };

async function run(argv: string[]) {
  const io = captureIo();
  const code = await runCli(argv, io, REGISTRY);
  return { code, out: io.out(), err: io.err() };
}

describe('runCli', () => {
  it('runs a command with its parsed options', async () => {
    expect(await run(['demo', 'pool', 'exhausted', '--shout'])).toEqual({
      code: 0,
      out: 'POOL EXHAUSTED\n',
      err: '',
    });
  });

  it('prints the version from package.json with --version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    expect(await run(['--version'])).toEqual({
      code: 0,
      out: `casebook ${pkg.version}\n`,
      err: '',
    });
  });

  it('lists every command with the summary its module declares', async () => {
    const { code, out } = await run(['--help']);
    expect(code).toBe(0);
    expect(out).toContain('  demo  Echo the arguments back.\n');
    expect(out).toContain('Exit codes: 0 ok, 1 bad input or findings, 2 usage error');
  });

  it('prints the overview on stderr and exits 2 when no command is given', async () => {
    const { code, out, err } = await run([]);
    expect(code).toBe(2);
    expect(out).toBe('');
    expect(err).toMatch(/^casebook: a searchable knowledge base/);
  });

  it('prints the generated command help for --help, -h and `help <command>`', async () => {
    const expected = [
      'Usage: casebook demo <words...> [options]',
      '',
      'Prints its positionals; fails on request.',
      '',
      'Options:',
      '  --fail <how>  usage | index | bug',
      '  --shout       upper-case the words',
      '  -h, --help    show this help',
      '',
      'Exit codes: 0 ok, 2 usage, 3 index missing, 70 bug.',
      '',
    ].join('\n');
    for (const argv of [
      ['demo', '--help'],
      ['demo', 'x', '-h'],
      ['help', 'demo'],
    ])
      expect(await run(argv)).toEqual({ code: 0, out: expected, err: '' });
  });

  it('names the command once in a usage error and points to its help', async () => {
    expect(await run(['demo', '--fail', 'usage'])).toEqual({
      code: 2,
      out: '',
      err: 'casebook demo: error [USAGE]: pass at least one word. Run `casebook demo --help`.\n',
    });
    const unknown = await run(['demo', '--frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^casebook demo: error \[USAGE\]: Unknown option '--frobnicate'/);
    expect(unknown.err.match(/casebook demo/g)).toHaveLength(2);
  });

  it('exits with the exit code of the error code', async () => {
    expect(await run(['demo', '--fail', 'index'])).toEqual({
      code: 3,
      out: '',
      err: 'casebook demo: error [INDEX_MISSING]: no index at /tmp/x. Run `casebook embed`.\n',
    });
  });

  it('reports an error that is not a CasebookError as a bug with exit 70', async () => {
    const { code, err } = await run(['demo', '--fail', 'bug']);
    expect(code).toBe(70);
    expect(err).toMatch(/^casebook demo: unexpected error \(a bug in Casebook.*TypeError: boom/s);
  });

  it('rejects an unknown command, including names inherited from Object', async () => {
    for (const name of ['frobnicate', 'toString']) {
      expect(await run([name])).toEqual({
        code: 2,
        out: '',
        err: `casebook: unknown command "${name}". Commands: demo. Run \`casebook --help\`.\n`,
      });
    }
  });
});

describe('the command registry', () => {
  it('registers the commands, each declaring its name, summary and generated help', async () => {
    expect(Object.keys(COMMANDS)).toEqual([
      'check',
      'embed',
      'match',
      'import',
      'draft',
      'verify',
      'exec',
      'mcp',
    ]);
    for (const [name, entry] of Object.entries(COMMANDS)) {
      const { command }: { command: Command } = await entry.load();
      expect(command.name).toBe(name);
      expect(command.summary.length).toBeGreaterThan(20);
      expect(command.help.startsWith(`Usage: casebook ${name} `)).toBe(true);
      for (const option of [...Object.keys(command.options), 'help'])
        expect(command.help).toContain(`--${option}`);
    }
  }, 240_000); // loads every command module: slow on a busy machine
});
