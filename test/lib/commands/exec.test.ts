import { afterEach, describe, expect, it } from 'vitest';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { runCli } from '../../../src/lib/cli/main.ts';
import {
  setExecSummary,
  extractiveExecSummary,
  limitWords,
  countWords,
  fitWords,
} from '../../../src/lib/draft/exec.ts';
import { loadCorpus } from '../../../src/lib/review/load.ts';
import { captureIo } from '../../helpers/io.ts';
import { makeContent, reviewMarkdown } from '../../helpers/content.ts';
import { startFakeApi, type FakeApi } from '../draft/fake-messages-api.ts';

let api: FakeApi | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

const ID = '2025-06-02-ledger-wal-archive-disk-full';

describe('casebook exec', () => {
  it('prints an extractive summary of at most 150 words offline, with impact, duration and prevention', async () => {
    const content = await makeContent({ [`${ID}.md`]: reviewMarkdown() });
    const io = captureIo({ cwd: content });
    expect(
      await runCli(['exec', join(content, 'reviews', `${ID}.md`), '--content', content], io),
    ).toBe(0);
    const text = io.out().trim();
    expect(countWords(text)).toBeLessThanOrEqual(150);
    expect(text).toContain('Impact: Ledger writes failed for 22 minutes; 3,100 transfers delayed.');
    expect(text).not.toContain('ENOSPC');
    expect(text).toContain('The incident lasted 22 min');
    expect(text).toContain('To prevent recurrence: Alert on archive command failures (open).');
    expect(text).not.toContain('archive_command');
  });

  it('refuses a draft without --notes, and summarises it with --notes when verify passes, TODOs elsewhere allowed', async () => {
    const draft = reviewMarkdown({ frontMatter: { status: 'draft' } }).replace(
      /(## Systemic factors\n)[^]*$/,
      '$1TODO: why was this not caught?\n',
    );
    const content = await makeContent({ [`${ID}.md`]: draft });
    const file = join(content, 'reviews', `${ID}.md`);
    const refused = captureIo({ cwd: content });
    expect(await runCli(['exec', file, '--content', content], refused)).toBe(1);
    expect(refused.out()).toBe('');
    expect(refused.err()).toContain('has status: draft');
    expect(refused.err()).toContain('--notes');

    // The review's own text stands in for the notes: verify finds nothing missing or invented.
    const notes = join(content, 'notes.md');
    await writeFile(notes, draft);
    const io = captureIo({ cwd: content });
    const code = await runCli(['exec', file, '--content', content, '--notes', notes], io);
    expect(io.err()).toBe('');
    expect(code).toBe(0);
    expect(io.out()).toContain('Ledger writes failed for 22 minutes');

    const sloppy = join(content, 'reviews', `${ID}.md`);
    await writeFile(sloppy, draft.replaceAll('22 minutes', '45 minutes'));
    const io2 = captureIo({ cwd: content });
    expect(await runCli(['exec', sloppy, '--content', content, '--notes', notes], io2)).toBe(1);
    expect(io2.err()).toContain('does not pass `casebook verify`');
  });

  it('refuses a verified review whose impact is still a TODO, naming it', async () => {
    const review = reviewMarkdown({
      frontMatter: { status: 'in-review', impact: '"TODO: what users saw, with numbers"' },
    });
    const content = await makeContent({ [`${ID}.md`]: review });
    const io = captureIo({ cwd: content });
    expect(
      await runCli(['exec', join(content, 'reviews', `${ID}.md`), '--content', content], io),
    ).toBe(1);
    expect(io.out()).toBe('');
    // `check` refuses a TODO impact outside a draft, naming the field, before exec looks at it.
    expect(io.err()).toMatch(/\bimpact\b[^\n]*TODO:/);
  });

  it('shortens sentences rather than dropping impact, duration, mechanism or prevention', () => {
    const long = `${'The checkout service kept retrying every failed payment call'}, ${'while the pool stayed exhausted'.repeat(1)}, ${Array.from({ length: 30 }, () => 'and the queue grew').join(', ')}.`;
    const text = fitWords(
      [
        long,
        'Impact: 1,800 merchants missed webhooks.',
        'The incident lasted 81 min.',
        'To prevent recurrence: Load test with 500-event batches (open).',
      ],
      [],
      40,
    );
    expect(countWords(text)).toBeLessThanOrEqual(40);
    expect(text).toBe(
      'The checkout service kept retrying every failed payment call, while the pool stayed exhausted, and the queue grew. Impact: 1,800 merchants missed webhooks. The incident lasted 81 min. To prevent recurrence: Load test with 500-event batches (open).',
    );
  });

  it('leaves mechanism detail in code spans out of the offline summary, with no broken sentences', async () => {
    const body = `## Summary
Card payments failed for 41 minutes after a config push. The push set \`upstream.timeout_ms\` to 5000.

## Detailed mechanism
Pool exhaustion.

## Contributing factors
Timeout and retries combined.

## Investigation path
We first suspected the database; ruled out.

## Systemic factors
No canary for config.
`;
    const text = reviewMarkdown({
      body,
      frontMatter: {
        actionItems: `
  - title: "Set \`maxIdleConns: 16\`"
    owner: payments
    status: open
  - title: "Canary runtime config pushes for 30 minutes before \`paycfg\` applies them fleet-wide"
    owner: platform
    status: open`,
      },
    });
    const content = await makeContent({ [`${ID}.md`]: text });
    const io = captureIo({ cwd: content });
    expect(
      await runCli(['exec', join(content, 'reviews', `${ID}.md`), '--content', content], io),
    ).toBe(0);
    const summary = io.out().trim();
    expect(summary).not.toMatch(/upstream\.timeout_ms|maxIdleConns|paycfg|`/);
    expect(summary).toContain('Card payments failed for 41 minutes after a config push.');
    expect(summary).toContain(
      'To prevent recurrence: Canary runtime config pushes for 30 minutes (open).',
    );
    expect(summary).toContain(
      'The incident lasted 22 min; it was detected after 5 min and mitigated after 18 min.',
    );
  });

  it('stores execSummary with --write and keeps the rest of the file byte for byte', async () => {
    const original = reviewMarkdown();
    const content = await makeContent({ [`${ID}.md`]: original });
    const path = join(content, 'reviews', `${ID}.md`);
    const io = captureIo({ cwd: content });
    expect(await runCli(['exec', path, '--content', content, '--write', '--json'], io)).toBe(0);
    const result = JSON.parse(io.out()) as { execSummary: string; written: boolean; mode: string };
    expect(result).toMatchObject({ written: true, mode: 'extractive' });
    const updated = await readFile(path, 'utf8');
    const fm = updated.split('\n---\n')[0] ?? '';
    expect((parse(fm.replace(/^---\n/, '')) as { execSummary: string }).execSummary).toBe(
      result.execSummary,
    );
    expect(updated.replace(/^execSummary: .*\n/m, '')).toBe(original);
    // Running again replaces the entry instead of adding a second one.
    expect(
      await runCli(['exec', path, '--content', content, '--write'], captureIo({ cwd: content })),
    ).toBe(0);
    expect((await readFile(path, 'utf8')).match(/^execSummary:/gm)).toHaveLength(1);
    expect((await loadCorpus(content)).problems).toEqual([]);
  });

  it('refuses a review that fails check', async () => {
    const content = await makeContent({
      [`${ID}.md`]: reviewMarkdown({ frontMatter: { impact: '<omit>' } }),
    });
    const io = captureIo({ cwd: content });
    expect(
      await runCli(['exec', join(content, 'reviews', `${ID}.md`), '--content', content], io),
    ).toBe(1);
    expect(io.err()).toContain('[CONTENT_INVALID]');
    expect(io.err()).toContain('impact');
  });

  it('asks Claude when a key is set', async () => {
    api = await startFakeApi(
      'success',
      'Ledger writes failed for 22 minutes. Archiving alerts now prevent a repeat.',
    );
    const content = await makeContent({ [`${ID}.md`]: reviewMarkdown() });
    const io = captureIo({
      cwd: content,
      env: { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: api.baseURL },
    });
    expect(
      await runCli(['exec', join(content, 'reviews', `${ID}.md`), '--content', content], io),
    ).toBe(0);
    expect(io.out().trim()).toBe(
      'Ledger writes failed for 22 minutes. Archiving alerts now prevent a repeat.',
    );
    expect(JSON.stringify(api.requests[0]?.body)).toContain('ENOSPC for 22 minutes');
  });

  it('writes nothing when the API fails, even with --write', async () => {
    api = await startFakeApi('server-error', '');
    const content = await makeContent({ [`${ID}.md`]: reviewMarkdown() });
    const file = join(content, 'reviews', `${ID}.md`);
    const before = await readFile(file, 'utf8');
    const io = captureIo({
      cwd: content,
      env: { ANTHROPIC_API_KEY: 'sk-test', ANTHROPIC_BASE_URL: api.baseURL },
    });
    expect(await runCli(['exec', file, '--write', '--content', content], io)).toBe(6);
    expect(io.err()).toMatch(/Anthropic API/i);
    expect(io.out()).toBe('');
    expect(await readFile(file, 'utf8')).toBe(before);
    expect((await readdir(join(content, 'reviews'))).sort()).toEqual([`${ID}.md`]);
  });
});

describe('exec helpers', () => {
  it('limits text to whole sentences within the word budget', () => {
    const text = Array.from({ length: 40 }, (_, i) => `Sentence number ${i} has six words.`).join(
      ' ',
    );
    const limited = limitWords(text, 150);
    expect(countWords(limited)).toBeLessThanOrEqual(150);
    expect(limited.endsWith('.')).toBe(true);
  });

  it('adds execSummary before the closing line when there is none', () => {
    const out = setExecSummary('---\ntitle: x\n---\nbody\n', 'Short: "quoted" text.');
    expect(out.startsWith('---\ntitle: x\nexecSummary: ')).toBe(true);
    expect(out.endsWith('\n---\nbody\n')).toBe(true);
    expect(parse(out.split('\n---\n')[0]?.replace(/^---\n/, '') ?? '')).toEqual({
      title: 'x',
      execSummary: 'Short: "quoted" text.',
    });
  });

  it('builds the extractive summary from the review only', async () => {
    const content = await makeContent({ [`${ID}.md`]: reviewMarkdown() });
    const review = (await loadCorpus(content)).reviews[0];
    expect(review && extractiveExecSummary(review)).toMatch(/^WAL archiving to s3 failed with 403/);
  });
});
