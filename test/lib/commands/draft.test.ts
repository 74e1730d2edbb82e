import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cp, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../src/lib/cli/main.ts';
import { COMMANDS } from '../../../src/lib/cli/commands.ts';
import { draftCommand } from '../../../src/lib/commands/draft.ts';
import { loadCorpus } from '../../../src/lib/review/load.ts';
import type { MatchHit } from '../../../src/lib/search/match.ts';
import { captureIo } from '../../helpers/io.ts';
import { reviewMarkdown, REPO_ROOT, SAMPLE_CONTENT } from '../../helpers/content.ts';
import {
  CHECKLIST_HEADING,
  RELATED_OPEN,
  RELATED_CLOSE,
  NOTES_OPEN,
} from '../../../src/lib/draft/prompt.ts';
import { startFakeApi, type FakeApi, type Scenario } from '../draft/fake-messages-api.ts';

const NOTES = resolve(REPO_ROOT, 'test/fixtures/notes/s3-slowdown-ledger-export.md');
/** Starts of the secrets planted in the notes fixture (see test/fixtures/notes/README.md). */
const SECRET_PREFIXES = [
  'AKIA0V2186',
  'Zgh5j/Ruq+',
  'eXcFjX40xY',
  'eyJhbGciOiJSUzI1NiIs',
  'ghp_KXhj5EwfCG',
];
/** A sample review that exists in content/reviews. */
let RELATED_ID = '';

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

let content: string;
let db: string;
beforeEach(async () => {
  // A fresh copy of the sample corpus for every test (tests write drafts into it), so the real
  // similarity engine has reviews to match against and no test sees another's files or index.
  content = join(await mkdtemp(join(tmpdir(), 'casebook-draft-content-')), 'content');
  await cp(SAMPLE_CONTENT, content, { recursive: true });
  RELATED_ID =
    (await readdir(join(content, 'reviews')))
      .find((f) => f.endsWith('.md'))
      ?.replace(/\.md$/, '') ?? '';
  db = join(await mkdtemp(join(tmpdir(), 'casebook-draft-db-')), 'lancedb');
});

const modelReply = () =>
  reviewMarkdown({
    frontMatter: {
      status: 'published',
      title: '"S3 SlowDown on one prefix after export.concurrency 64→512 dropped parts silently"',
      date: '2026-04-09',
      related: `[${RELATED_ID}, no-such-review]`,
    },
  });

/** An injected matcher: the first sample review, as the similarity engine would return it. */
async function fakeHits(): Promise<MatchHit[]> {
  const review = (await loadCorpus(content)).reviews.find((r) => r.id === RELATED_ID);
  if (!review) throw new Error('sample review missing');
  return [
    {
      id: review.id,
      title: review.data.title,
      score: 0.9,
      failureModes: review.data.failureModes,
      services: review.data.services,
      severity: review.data.severity,
      date: '2025-01-01',
      matchedSections: ['detailed mechanism'],
      snippets: ['…'],
      // Already past the relevance cutoff, as the similarity engine's hits are.
      strength: 'strong',
    },
  ];
}
/** The CLI registry with the draft command's matcher replaced (runCli maps errors to exit codes). */
const withFakeMatcher = {
  ...COMMANDS,
  draft: { load: async () => ({ command: draftCommand({ matcher: () => fakeHits }) }) },
};

async function runWithApi(scenario: Scenario, extra: string[] = []) {
  api = await startFakeApi(scenario, modelReply());
  const io = captureIo({
    cwd: REPO_ROOT,
    env: { ANTHROPIC_API_KEY: 'sk-test-key', ANTHROPIC_BASE_URL: api.baseURL },
  });
  const code = await runCli(
    ['draft', NOTES, '--content', content, '--db', db, ...extra],
    io,
    withFakeMatcher,
  );
  return { code, io };
}

const reviewFiles = async () =>
  (await readdir(join(content, 'reviews'))).filter((f) => !f.startsWith('.')).sort();

describe('casebook draft', () => {
  it('sends the checklist, the related incidents and placeholders (never the secrets), streams, and writes a draft', async () => {
    const before = await reviewFiles();
    const { code, io } = await runWithApi('success', [
      '--out',
      join(content, 'reviews', '2026-04-09-s3-slowdown.md'),
    ]);
    expect(io.err()).toContain(
      'Redacted 5 items: 1 aws-access-key, 1 bearer-token, 1 github-token, 1 jwt, 1 secret-key.',
    );
    // The canned reply is not a faithful draft of these notes: written, then verify fails (exit 9).
    expect(code).toBe(9);
    expect(io.err()).toContain('verify found problems');
    const body = JSON.stringify(api?.requests[0]?.body);
    expect(body).toContain(CHECKLIST_HEADING);
    expect(body).toContain('SlowDown: Please reduce your request rate.');
    expect(body).toContain('export.concurrency: 512');
    expect(body).toContain(RELATED_OPEN);
    expect(body).toContain(RELATED_CLOSE);
    expect(body).toContain(`<incident rank=\\"1\\" id=\\"${RELATED_ID}\\">`);
    expect(body).toContain('mechanism excerpt:');
    expect(io.err()).toContain(`Related incidents: ${RELATED_ID}`);
    expect(body).toContain(NOTES_OPEN);
    expect(body).toContain('[REDACTED:aws-access-key]');
    expect(body).toContain('[REDACTED:github-token]');
    for (const secret of SECRET_PREFIXES) expect(body).not.toContain(secret);
    const after = await reviewFiles();
    expect(after).toEqual([...before, '2026-04-09-s3-slowdown.md'].sort());
    const written = await readFile(join(content, 'reviews', '2026-04-09-s3-slowdown.md'), 'utf8');
    expect(written).toMatch(/^status: draft$/m);
    expect(written).not.toContain('no-such-review');
    expect(written).toContain(RELATED_ID);
    expect(io.out()).toContain('verify:');
  });

  it('retries a 429 and then writes the draft', async () => {
    const { code } = await runWithApi('rate-limit-then-success', [
      '--out',
      join(content, 'reviews', '2026-04-09-retried.md'),
    ]);
    expect(code).toBe(9);
    expect(api?.requests).toHaveLength(2);
    expect(await reviewFiles()).toContain('2026-04-09-retried.md');
  });

  it('writes nothing when the API fails with 500 every time', async () => {
    const before = await reviewFiles();
    const { code, io } = await runWithApi('server-error', ['--no-match']);
    expect(code).toBe(6);
    expect(io.err()).toContain('[API_SERVER]');
    expect(io.err()).toContain('Nothing was written');
    expect(await reviewFiles()).toEqual(before);
  });

  it('writes nothing and says to check the key on a 401', async () => {
    const before = await reviewFiles();
    const { code, io } = await runWithApi('unauthorized', ['--no-match']);
    expect(code).toBe(4);
    expect(io.err()).toMatch(/API_AUTH.*ANTHROPIC_API_KEY/);
    expect(await reviewFiles()).toEqual(before);
  });

  it('writes an offline skeleton without a key and needs --force to overwrite it', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'casebook-out-')), 'draft.md');
    const promptOut = join(tmpdir(), `casebook-prompt-${process.pid}.txt`);
    const io1 = captureIo({ cwd: REPO_ROOT });
    expect(
      await runCli(
        [
          'draft',
          NOTES,
          '--content',
          content,
          '--no-match',
          '--out',
          out,
          '--prompt-out',
          promptOut,
        ],
        io1,
      ),
    ).toBe(0);
    expect(io1.err()).toContain('ANTHROPIC_API_KEY is not set');
    const first = await readFile(out, 'utf8');
    expect(first).toContain('TODO:');
    const prompt = await readFile(promptOut, 'utf8');
    expect(prompt).toContain(CHECKLIST_HEADING);
    for (const secret of SECRET_PREFIXES) expect(prompt).not.toContain(secret);
    for (const secret of SECRET_PREFIXES) expect(first).not.toContain(secret);

    await writeFile(out, 'edited by a human\n');
    const io2 = captureIo({ cwd: REPO_ROOT });
    expect(
      await runCli(
        ['draft', NOTES, '--content', content, '--no-match', '--offline', '--out', out],
        io2,
      ),
    ).toBe(1);
    expect(io2.err()).toContain('--force');
    expect(await readFile(out, 'utf8')).toBe('edited by a human\n');

    const io3 = captureIo({ cwd: REPO_ROOT });
    expect(
      await runCli(
        ['draft', NOTES, '--content', content, '--no-match', '--offline', '--force', '--out', out],
        io3,
      ),
    ).toBe(0);
    expect(await readFile(out, 'utf8')).toBe(first);
  });

  it('names the file <date>-<slug>.md in the reviews folder, and the draft passes check', async () => {
    const io = captureIo({ cwd: REPO_ROOT });
    expect(
      await runCli(['draft', NOTES, '--content', content, '--no-match', '--offline', '--json'], io),
    ).toBe(0);
    const report = JSON.parse(io.out()) as {
      path: string;
      mode: string;
      problems: unknown[];
      verify: { missing: string[]; invented: string[] };
    };
    expect(report.path).toMatch(/reviews\/2026-04-09-[a-z0-9-]+\.md$/);
    expect(report.mode).toBe('offline');
    expect(report.problems).toEqual([]);
    expect(report.verify.missing).toEqual([]);
    expect(report.verify.invented).toEqual([]);
    const check = captureIo({ cwd: REPO_ROOT });
    expect(await runCli(['check', '--content', content], check)).toBe(0);
  });

  it('reads notes from stdin and refuses empty notes', async () => {
    const io = captureIo({ cwd: REPO_ROOT, stdin: '   \n' });
    expect(await runCli(['draft', '-', '--content', content, '--no-match', '--offline'], io)).toBe(
      1,
    );
    expect(io.err()).toContain('INPUT_EMPTY');
  });

  it('passes secrets through only with --no-redact', async () => {
    const io = captureIo({ cwd: REPO_ROOT });
    const promptOut = join(tmpdir(), `casebook-prompt-raw-${process.pid}.txt`);
    const out = join(await mkdtemp(join(tmpdir(), 'casebook-out-')), 'raw.md');
    expect(
      await runCli(
        [
          'draft',
          NOTES,
          '--content',
          content,
          '--no-match',
          '--offline',
          '--no-redact',
          '--out',
          out,
          '--prompt-out',
          promptOut,
        ],
        io,
      ),
    ).toBe(0);
    expect(io.err()).toContain('Redaction is off');
    expect(await readFile(promptOut, 'utf8')).toContain(SECRET_PREFIXES[0]);
  });

  it('matches through the real similarity engine, building the index first when there is none', async () => {
    const io = captureIo({ cwd: REPO_ROOT });
    const out = join(await mkdtemp(join(tmpdir(), 'casebook-out-')), 'matched.md');
    const code = await runCli(
      ['draft', NOTES, '--content', content, '--db', db, '--offline', '--out', out, '--json'],
      io,
    );
    expect(io.err()).toContain('building it first');
    expect(code).toBe(0);
    const report = JSON.parse(io.out()) as { related: string[] };
    expect(report.related.length).toBeGreaterThanOrEqual(1);
    // `related:` keeps only matches sharing a suggested failure mode: at least one of them here.
    const written = await readFile(out, 'utf8');
    expect(report.related.some((id) => written.includes(`- ${id}`))).toBe(true);
  });
});
