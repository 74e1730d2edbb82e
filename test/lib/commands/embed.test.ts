import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/lib/cli/main.ts';
import { captureIo } from '../../helpers/io.ts';
import { makeContent } from '../../helpers/content.ts';
import { makeDbDir, makeTopicContent, topicMarkdown, TOPICS } from '../../helpers/search.ts';
import { loadValidCorpus } from '../../../src/lib/review/load.ts';
import { readSimilarFile, similarIncidents } from '../../../src/lib/search/similar.ts';
import { mayHoldIndex } from '../../../src/lib/search/store.ts';

const ids = Object.keys(TOPICS);

/** `casebook embed --embedder lexical --similar-out <out>`, with its output captured. */
async function embedWithSimilar(contentDir: string, dbUri: string, out: string) {
  const io = captureIo();
  const args = ['--content', contentDir, '--db', dbUri, '--embedder', 'lexical'];
  const code = await runCli(['embed', ...args, '--similar-out', out], io);
  return { io, code };
}

describe('casebook embed --similar-out', () => {
  it("writes every published review's similar incidents, exactly as the site's own pass finds them", async () => {
    // The topic corpus plus two reviews sharing the pgbouncer review's failure mode.
    const retry = (title: string) =>
      topicMarkdown({
        title,
        services: '[sms-gateway]',
        failureModes: '[retry-storm]',
        text: 'the SMS provider answered 429 and every worker retried without jitter or backoff, so the retry storm kept the provider throttling us.',
      });
    const contentDir = await makeContent({
      ...Object.fromEntries(ids.map((id) => [`${id}.md`, topicMarkdown(TOPICS[id]!)])),
      '2025-05-01-sms-retry-storm.md': retry('SMS 429s turned into a retry storm'),
      '2025-05-02-push-retry-storm.md': retry('Push provider 429s turned into a retry storm'),
    });
    const dbUri = await makeDbDir();
    const out = join(await mkdtemp(join(tmpdir(), 'casebook-similar-')), 'similar.json');
    const { io, code } = await embedWithSimilar(contentDir, dbUri, out);
    expect(code).toBe(0);
    expect(io.err()).toContain(`similar incidents of ${ids.length + 2} reviews`);
    const written = await readSimilarFile(out);
    const { reviews } = await loadValidCorpus(contentDir);
    const direct = await similarIncidents(reviews, { dbUri, contentDir });
    expect([...written.keys()].sort()).toEqual(reviews.map((r) => r.id).sort());
    expect(Object.fromEntries(written)).toEqual(Object.fromEntries(direct));
    // Not a pass of empty lists: the two SMS/push retry storms list each other.
    expect(written.get('2025-05-01-sms-retry-storm')?.map((s) => s.id)).toContain(
      '2025-05-02-push-retry-storm',
    );
  });

  it('refuses an existing --similar-out file before embedding anything', async () => {
    const contentDir = await makeTopicContent();
    const dbUri = await makeDbDir();
    const out = join(await mkdtemp(join(tmpdir(), 'casebook-similar-')), 'similar.json');
    await writeFile(out, 'keep me');
    const { io, code } = await embedWithSimilar(contentDir, dbUri, out);
    expect(code).toBe(1);
    expect(io.err()).toContain(`${out} already exists. Pass another --similar-out.`);
    expect(io.err()).not.toMatch(/\n\s+at /);
    expect(await readFile(out, 'utf8')).toBe('keep me');
    expect(await mayHoldIndex(dbUri)).toBe(false);
  });

  it('names a similar-incidents file that is damaged or of another version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-similar-'));
    const broken = join(dir, 'broken.json');
    await writeFile(broken, '{"version": 1, "reviews": ');
    await expect(readSimilarFile(broken)).rejects.toMatchObject({
      code: 'INDEX_UNREADABLE',
      message: expect.stringContaining(`${broken}: the similar-incidents file cannot be read`),
    });
    const other = join(dir, 'other.json');
    await writeFile(other, '{"version": 99, "reviews": {}}');
    await expect(readSimilarFile(other)).rejects.toMatchObject({
      code: 'INDEX_UNREADABLE',
      message: expect.stringContaining('not a similar-incidents file of version 1'),
    });
  });
});
