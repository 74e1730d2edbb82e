import { describe, it, expect } from 'vitest';
import {
  choiceOption,
  COMMON_OPTIONS,
  helpText,
  intOption,
  parseArgsOptions,
  parseCommandArgs,
} from '../../../src/lib/cli/args.ts';
import { isCasebookError } from '../../../src/lib/errors.ts';

const OPTIONS = {
  k: { type: 'string', value: '<n>', help: 'how many (default 5)' },
  notes: { type: 'string', multiple: true, value: '<files>', help: 'notes files' },
  force: { type: 'boolean', short: 'f', help: 'overwrite\nan existing file' },
  json: COMMON_OPTIONS.json,
} as const;

/** Runs `fn` and returns the CasebookError it throws (fails the test when it does not throw one). */
function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    if (isCasebookError(error)) return error;
    throw error;
  }
  throw new Error('expected a CasebookError');
}

describe('parseCommandArgs', () => {
  it('returns the declared options as typed values and the rest as positionals', () => {
    const parsed = parseCommandArgs(OPTIONS, [
      'a.md',
      '--k',
      '3',
      '--notes',
      'n1.md',
      '--notes',
      'n2.md',
      '-f',
      'b.md',
    ]);
    expect(parsed).toEqual({
      values: { k: '3', notes: ['n1.md', 'n2.md'], force: true },
      positionals: ['a.md', 'b.md'],
    });
  });

  it('leaves the help flag out of the values', () => {
    expect(parseCommandArgs(OPTIONS, ['--help', '--json']).values).toEqual({ json: true });
  });

  it('rejects an unknown option as a usage error without a command prefix', () => {
    const error = thrown(() => parseCommandArgs(OPTIONS, ['--frobnicate']));
    expect(error.code).toBe('USAGE');
    expect(error.exitCode).toBe(2);
    expect(error.message).toMatch(/^Unknown option '--frobnicate'/);
  });

  it('rejects a string option given without its value', () => {
    const error = thrown(() => parseCommandArgs(OPTIONS, ['--k']));
    expect(error.code).toBe('USAGE');
    expect(error.message).toMatch(/--k <value>' argument missing/);
  });
});

describe('parseArgsOptions', () => {
  it('builds the node:util parseArgs configuration from the declarations, with --help', () => {
    expect(parseArgsOptions(OPTIONS)).toEqual({
      k: { type: 'string' },
      notes: { type: 'string', multiple: true },
      force: { type: 'boolean', short: 'f' },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    });
  });
});

describe('helpText', () => {
  it('lays out usage, description, aligned options, notes and exit codes', () => {
    const help = helpText({
      name: 'demo',
      summary: 'A demo command.',
      usage: '<file>',
      description: 'Does the demo thing.\n',
      options: OPTIONS,
      notes: 'JSON: {"ok"}',
      exitCodes: '0 ok, 2 usage.',
    });
    expect(help).toBe(
      [
        'Usage: casebook demo <file> [options]',
        '',
        'Does the demo thing.',
        '',
        'Options:',
        '  --k <n>             how many (default 5)',
        '  --notes <files>...  notes files',
        '  -f, --force         overwrite',
        '                      an existing file',
        '  --json              print the result as JSON (fields below)',
        '  -h, --help          show this help',
        '',
        'JSON: {"ok"}',
        'Exit codes: 0 ok, 2 usage.',
      ].join('\n'),
    );
  });
});

describe('intOption', () => {
  it('returns the fallback when the option is absent and the number when it is valid', () => {
    expect(intOption('k', undefined, 5)).toBe(5);
    expect(intOption('k', '12', 5)).toBe(12);
  });

  it('rejects zero, fractions and words, naming the flag', () => {
    for (const bad of ['0', '1.5', 'ten']) {
      const error = thrown(() => intOption('k', bad, 5));
      expect(error.code).toBe('USAGE');
      expect(error.message).toBe(`--k must be a positive whole number, got "${bad}".`);
    }
  });
});

describe('choiceOption', () => {
  it('returns an allowed value, the fallback when absent, and rejects others listing the choices', () => {
    const formats = ['auto', 'markdown', 'jsonl'] as const;
    expect(choiceOption('format', undefined, formats, 'auto')).toBe('auto');
    expect(choiceOption('format', 'jsonl', formats, 'auto')).toBe('jsonl');
    const error = thrown(() => choiceOption('format', 'yaml', formats, 'auto'));
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe('--format must be one of auto, markdown, jsonl, got "yaml".');
  });
});
