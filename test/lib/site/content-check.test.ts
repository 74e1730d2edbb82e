import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { checkContentForBuild, loadSiteCorpus } from '../../../src/lib/site/content-check.ts';
import { openReviewCache } from '../../../src/lib/review/cache.ts';
import { writeSyntheticContent, generateReviewMarkdown } from '../../../scripts/bench/synthetic.ts';
import { runCli } from '../../../src/lib/cli/main.ts';
import type { Io } from '../../../src/lib/cli/io.ts';
import { Readable } from 'node:stream';

async function checkOutput(contentDir: string, cwd: string): Promise<string> {
  let out = '';
  const io: Io = {
    stdout: { write: (s: string) => (out += s) },
    stderr: { write: () => true },
    stdin: Readable.from([]),
    env: {},
    cwd,
    now: () => new Date(),
  };
  await runCli(['check', '--content', contentDir], io);
  return out;
}

describe('the site build content check', () => {
  it('passes a valid corpus and returns its reviews', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-site-check-'));
    await writeSyntheticContent(dir, 5);
    const corpus = await checkContentForBuild(dir, dir, { CASEBOOK_REVIEW_CACHE: 'off' });
    expect(corpus.reviews).toHaveLength(5);
  });

  it('fills the parsed-review cache that the pages and the next check reuse', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-site-check-'));
    await writeSyntheticContent(dir, 3);
    const file = join(dir, 'review-cache.bin');
    await checkContentForBuild(dir, dir, { CASEBOOK_REVIEW_CACHE: file });
    expect((await openReviewCache(file)).loaded).toBe(3);
    const again = await loadSiteCorpus(dir, { env: { CASEBOOK_REVIEW_CACHE: file }, cwd: dir });
    expect(again.reviews.map((r) => r.id)).toHaveLength(3);
  });

  it('fails with exactly the `path:line: message` lines that `casebook check` prints', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-site-check-'));
    await writeSyntheticContent(dir, 3);
    const { id, markdown } = generateReviewMarkdown(3);
    await writeFile(
      join(dir, 'reviews', `${id}.md`),
      markdown.replace(/severity: SEV\d/, 'severity: SEV9').replace('## Summary', '## Sumary'),
    );
    const cwd = join(dir, '..');
    const expected = (await checkOutput(relative(cwd, dir), cwd)).trim().split('\n');
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const error = await checkContentForBuild(join(dir), cwd, { CASEBOOK_REVIEW_CACHE: 'off' }).then(
      () => null,
      (e: Error) => e,
    );
    expect(error).toMatchObject({ code: 'CONTENT_INVALID' });
    const lines = error!.message.split('\n');
    expect(lines.slice(0, expected.length)).toEqual(expected);
  });
});
