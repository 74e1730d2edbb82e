/**
 * Issue 13's failed entries, one table row each, run through `runCli` as a user would: real temp
 * folders and the local fake Messages API. Every row checks the exit code, a one-line message
 * that names the problem, no stack trace, and that nothing secret or half-written is left behind.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cp, mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/lib/cli/main.ts';
import { captureIo, type CapturedIo } from '../../helpers/io.ts';
import { makeContent, reviewMarkdown, SAMPLE_CONTENT } from '../../helpers/content.ts';
import { startFakeApi, type FakeApi, type Scenario } from '../draft/fake-messages-api.ts';
import { SECRETS } from '../../fixtures/redact/corpus.ts';

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const temp = (prefix: string) => mkdtemp(join(tmpdir(), `casebook-hardening-${prefix}-`));

async function sampleContent(): Promise<string> {
  const content = join(await temp('content'), 'content');
  await cp(SAMPLE_CONTENT, content, { recursive: true });
  return content;
}

/** Notes made only of planted secrets, one per line (the "only those lines as notes"). */
const secretNotes = () => SECRETS.map((c) => c.text).join('\n\n');

async function run(argv: string[], io: CapturedIo): Promise<number> {
  return runCli(argv, io);
}

function expectNoStack(io: CapturedIo): void {
  expect(io.err()).not.toMatch(/\n\s+at .+:\d+:\d+/);
  expect(io.err()).not.toContain('internal error');
}

const leaked = (text: string) => SECRETS.filter((c) => text.includes(c.secret)).map((c) => c.kind);

describe('secrets never leave the machine', () => {
  it('redacts every planted secret from the request, --prompt-out and verify output, and prints the true count', async () => {
    const content = await sampleContent();
    const dir = await temp('secrets');
    const notes = join(dir, 'notes.md');
    await writeFile(notes, secretNotes());
    api = await startFakeApi('success', reviewMarkdown({ frontMatter: { date: '2026-04-09' } }));
    const io = captureIo({
      cwd: dir,
      env: { ANTHROPIC_API_KEY: 'sk-test-key', ANTHROPIC_BASE_URL: api.baseURL },
    });
    const code = await run(
      ['draft', notes, '--content', content, '--no-match', '--out', join(dir, 'draft.md')],
      io,
    );
    expect([0, 1, 9]).toContain(code);
    expect(io.err()).toContain(`Redacted ${SECRETS.length} items:`);
    expect(leaked(JSON.stringify(api.requests[0]?.body))).toEqual([]);
    expect(leaked(io.out() + io.err())).toEqual([]);

    const promptIo = captureIo({ cwd: dir });
    await run(
      [
        'draft',
        notes,
        '--content',
        content,
        '--no-match',
        '--offline',
        '--prompt-out',
        join(dir, 'prompt.txt'),
        '--out',
        join(dir, 'skeleton.md'),
      ],
      promptIo,
    );
    expect(leaked(await readFile(join(dir, 'prompt.txt'), 'utf8'))).toEqual([]);
    expect(leaked(await readFile(join(dir, 'skeleton.md'), 'utf8'))).toEqual([]);
    expect(leaked(promptIo.out() + promptIo.err())).toEqual([]);
  });

  it('keeps secrets in the draft under review out of verify output', async () => {
    const dir = await temp('verify');
    await writeFile(join(dir, 'notes.md'), 'pool exhausted at 14:02 UTC\n');
    await writeFile(join(dir, 'draft.md'), `${reviewMarkdown()}\n${secretNotes()}\n`);
    const io = captureIo({ cwd: dir });
    await run(['verify', 'draft.md', '--notes', 'notes.md'], io);
    expect(io.out()).toContain('invented');
    expect(leaked(io.out() + io.err())).toEqual([]);
    expectNoStack(io);
  });
});

interface StreamFault {
  scenario: Scenario;
  code: number;
  message: RegExp;
}

describe('stream faults end with exit 7, one line, and nothing written', () => {
  const faults: StreamFault[] = [
    { scenario: 'stall-after-headers', code: 7, message: /timed out: the stream was silent/ },
    { scenario: 'cut-stream', code: 7, message: /Anthropic API/ },
    { scenario: 'malformed-sse', code: 7, message: /malformed event stream/ },
    { scenario: 'html-200', code: 7, message: /Anthropic API/ },
  ];
  for (const f of faults) {
    it(`draft with a ${f.scenario} response`, async () => {
      const content = await sampleContent();
      const dir = await temp('stream');
      await writeFile(join(dir, 'notes.md'), 'pgbouncer pool exhausted at 14:02 UTC\n');
      api = await startFakeApi(f.scenario, '');
      const io = captureIo({
        cwd: dir,
        env: {
          ANTHROPIC_API_KEY: 'sk-test-key',
          ANTHROPIC_BASE_URL: api.baseURL,
          CASEBOOK_API_IDLE_TIMEOUT_MS: '1000',
        },
      });
      const before = await readdir(join(content, 'reviews'));
      const code = await run(['draft', 'notes.md', '--content', content, '--no-match'], io);
      expect(code).toBe(f.code);
      const errorLine = io
        .err()
        .split('\n')
        .find((l) => l.includes('error ['));
      expect(errorLine).toMatch(f.message);
      expect(await readdir(join(content, 'reviews'))).toEqual(before);
      expectNoStack(io);
    });
  }
});

describe('faults that used to lose work', () => {
  it('fails on an unwritable draft target before any model call', async () => {
    const content = await sampleContent();
    const dir = await temp('target');
    await writeFile(join(dir, 'notes.md'), 'pgbouncer pool exhausted at 14:02 UTC\n');
    await writeFile(join(dir, 'not-a-folder'), 'a file where a folder should be');
    api = await startFakeApi('success', reviewMarkdown());
    const io = captureIo({
      cwd: dir,
      env: { ANTHROPIC_API_KEY: 'sk-test-key', ANTHROPIC_BASE_URL: api.baseURL },
    });
    const code = await run(
      ['draft', 'notes.md', '--content', content, '--no-match', '--out', 'not-a-folder/d.md'],
      io,
    );
    expect(code).toBe(1);
    expect(io.err()).toContain('not-a-folder');
    expect(io.err()).toContain('cannot be written');
    expect(api.requests).toHaveLength(0);
    expectNoStack(io);
  });

  it('saves the paid model answer to a recovery file when writing the draft fails', async () => {
    const content = await sampleContent();
    const dir = await temp('recover');
    await writeFile(join(dir, 'notes.md'), 'pgbouncer pool exhausted at 14:02 UTC\n');
    await mkdir(join(dir, 'taken.md')); // a folder where the draft file should go
    const reply = reviewMarkdown({ frontMatter: { title: '"Recovered model answer"' } });
    api = await startFakeApi('success', reply);
    const io = captureIo({
      cwd: dir,
      env: { ANTHROPIC_API_KEY: 'sk-test-key', ANTHROPIC_BASE_URL: api.baseURL },
    });
    const code = await run(
      ['draft', 'notes.md', '--content', content, '--no-match', '--out', 'taken.md', '--force'],
      io,
    );
    expect(code).toBe(1);
    const saved = /The model output was saved to (\S+);/.exec(io.err())?.[1];
    expect(saved).toBeDefined();
    expect(await readFile(saved ?? '', 'utf8')).toContain('Recovered model answer');
    expectNoStack(io);
  });

  it('exec sends the review redacted and maps a stalled stream to exit 7 without writing', async () => {
    const secret = SECRETS.find((c) => c.kind === 'dsn-password');
    const review = reviewMarkdown().replace(
      '## Summary\n',
      `## Summary\nThe job connected with ${secret?.text}.\n`,
    );
    const content = await makeContent({ 'r.md': review });
    api = await startFakeApi('success', 'A summary.');
    const io = captureIo({
      cwd: content,
      env: { ANTHROPIC_API_KEY: 'sk-test-key', ANTHROPIC_BASE_URL: api.baseURL },
    });
    expect(await run(['exec', join(content, 'reviews', 'r.md'), '--content', content], io)).toBe(0);
    const body = JSON.stringify(api.requests[0]?.body);
    expect(body).toContain('[REDACTED:url-password]');
    expect(body).not.toContain(secret?.secret);
    await api.close();

    api = await startFakeApi('stall-after-headers', '');
    const stalled = captureIo({
      cwd: content,
      env: {
        ANTHROPIC_API_KEY: 'sk-test-key',
        ANTHROPIC_BASE_URL: api.baseURL,
        CASEBOOK_API_IDLE_TIMEOUT_MS: '500',
      },
    });
    const code = await run(
      ['exec', join(content, 'reviews', 'r.md'), '--content', content, '--write'],
      stalled,
    );
    expect(code).toBe(7);
    expect(await readFile(join(content, 'reviews', 'r.md'), 'utf8')).toBe(review);
    expectNoStack(stalled);
  });

  it('strips NUL and other control characters from imported JSON records', async () => {
    const content = await makeContent({});
    const dir = await temp('import');
    const record = {
      title: 'Queue consumer stalled\u0000 on a poison message',
      date: '2024-03-02',
      company: 'Acme',
      summary: 'A poison message\u0007 stalled the consumer for 40 minutes.\u001b[31m',
      url: 'https://example.com/postmortem/queue',
    };
    await writeFile(join(dir, 'records.jsonl'), `${JSON.stringify(record)}\n`);
    const io = captureIo({ cwd: dir });
    const code = await run(['import', 'records.jsonl', '--content', content], io);
    expectNoStack(io);
    expect(code).not.toBe(70);
    const files = await readdir(join(content, 'reviews'));
    expect(files).toHaveLength(1);
    const written = await readFile(join(content, 'reviews', files[0] ?? ''), 'utf8');
    expect(written).toContain('Queue consumer stalled on a poison message');
    // eslint-disable-next-line no-control-regex -- the test looks for control characters
    expect(written).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/);
    expect(written).not.toMatch(/\\u00[01]/);
  });

  it('redacts secrets from imported documents and fails clearly on an unwritable content folder', async () => {
    const content = await makeContent({});
    const dir = await temp('import-secret');
    const secret = SECRETS.find((c) => c.kind === 'env-password');
    const record = {
      title: 'Ledger database password rotated mid-deploy',
      date: '2024-03-02',
      company: 'Acme',
      summary: `Deploy read ${secret?.text} from the old env file.`,
    };
    await writeFile(join(dir, 'records.jsonl'), `${JSON.stringify(record)}\n`);
    const io = captureIo({ cwd: dir });
    await run(['import', 'records.jsonl', '--content', content], io);
    const files = await readdir(join(content, 'reviews'));
    const written = await readFile(join(content, 'reviews', files[0] ?? ''), 'utf8');
    expect(written).toContain('[REDACTED:password]');
    expect(written).not.toContain(secret?.secret);

    const blocked = await makeContent({});
    await writeFile(join(blocked, 'reviews', 'x'), '');
    const blockedIo = captureIo({ cwd: dir });
    const code = await run(
      ['import', 'records.jsonl', '--content', join(blocked, 'reviews', 'x')],
      blockedIo,
    );
    expect([1, 2]).toContain(code);
    expectNoStack(blockedIo);
  });

  it('check names the file of a YAML alias bomb and exits 1 without a stack trace', async () => {
    const bomb = [
      'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]',
      'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
      'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
      'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
    ].join('\n');
    const content = await makeContent({
      'bomb.md': reviewMarkdown().replace('---\n', `---\n${bomb}\n`),
    });
    const io = captureIo({ cwd: content });
    expect(await run(['check', '--content', content], io)).toBe(1);
    expect(io.out() + io.err()).toMatch(/reviews\/bomb\.md:3: .*the YAML uses too many aliases/);
    expectNoStack(io);
  });
});
