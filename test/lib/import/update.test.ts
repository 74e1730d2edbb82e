import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCorpus } from '../../../src/lib/review/load.ts';
import { importStamp } from '../../../src/lib/import/write.ts';
import { REPO_ROOT } from '../../helpers/content.ts';
import { runImport } from '../../helpers/import.ts';

/** A small postmortem in a team's own template; `word` is the word a later fix changes. */
const source = (title: string, word: string) => `# ${title}

**Date:** 2025-04-09
**Severity:** SEV2
**Services:** checkout-api

## Summary
Checkout requests failed for 18 minutes because the ${word} pool of checkout-api was exhausted.

## Root cause
A deploy lowered \`db.pool.max\` from 40 to 4; every request waited for a connection.

## Timeline
- 2025-04-09 14:02 UTC deploy of checkout-api 7.3.0
- 2025-04-09 14:05 UTC error rate crosses 5%
- 2025-04-09 14:20 UTC deploy rolled back, errors stop

## Action items
- Add a check on \`db.pool.max\` to the deploy pipeline (owner: checkout-team)
`;

async function sources() {
  const dir = await mkdtemp(join(tmpdir(), 'casebook-sources-'));
  await mkdir(dir, { recursive: true });
  const a = join(dir, 'checkout-pool.md');
  const b = join(dir, 'search-pool.md');
  await writeFile(a, source('Checkout pool exhaustion after db.pool.max 40 to 4', 'database'));
  await writeFile(b, source('Search pool exhaustion after db.pool.max 40 to 4', 'database'));
  return { dir, a, b };
}

const fileOf = (item: { path?: string } | undefined) => resolve(REPO_ROOT, item?.path ?? '');

describe('re-importing by source identity', () => {
  it('updates the review still as imported, never touches the hand-edited one, and says so per file', async () => {
    const { a, b } = await sources();
    const first = await runImport([a, b]);
    expect(first.summary).toMatchObject({ imported: 2, updated: 0, skipped: 0, failed: 0 });
    const [reviewA, reviewB] = first.items.map(fileOf);
    const original = await readFile(reviewA!, 'utf8');
    expect(importStamp(original)).toBe('as-imported');

    // A person edits the second review; then both sources get a one-word fix.
    const edited = (await readFile(reviewB!, 'utf8')).replace(
      '## Summary\n\n',
      '## Summary\n\nReviewed with the search team on 2025-04-11. ',
    );
    await writeFile(reviewB!, edited);
    expect(importStamp(edited)).toBe('edited');
    await writeFile(a, source('Checkout pool exhaustion after db.pool.max 40 to 4', 'connection'));
    await writeFile(b, source('Search pool exhaustion after db.pool.max 40 to 4', 'connection'));

    // Without --update: both reported as changed, nothing written, no duplicate.
    const plain = await runImport([a, b], { contentDir: first.contentDir });
    expect(plain.summary).toMatchObject({ imported: 0, updated: 0, skipped: 2 });
    expect(plain.items.map((i) => i.reason)).toEqual(['source-changed', 'source-changed']);
    expect(plain.items[0]?.message).toMatch(
      /checkout-pool\.md: exists as .*\.md \(same path\), and the source changed since; nothing written\. Use --update to refresh it/,
    );
    expect(await readFile(reviewA!, 'utf8')).toBe(original);

    // With --update: the untouched review is refreshed in place, the edited one is reported.
    const update = await runImport([a, b], { contentDir: first.contentDir, update: true });
    expect(update.summary).toMatchObject({ imported: 0, updated: 1, skipped: 1, failed: 0 });
    expect(update.items[0]).toMatchObject({ outcome: 'updated', path: first.items[0]?.path });
    expect(update.items[1]).toMatchObject({ outcome: 'skipped', reason: 'hand-edited' });
    expect(update.items[1]?.message).toMatch(
      /search-pool\.md: .*\.md was edited by hand since import; not touched\. The source changed too: carry the change over by hand\./,
    );
    const refreshed = await readFile(reviewA!, 'utf8');
    expect(refreshed).toContain('because the connection pool of checkout-api was exhausted');
    expect(importStamp(refreshed)).toBe('as-imported');
    expect(await readFile(reviewB!, 'utf8')).toBe(edited);

    const corpus = await loadCorpus(first.contentDir);
    expect(corpus.problems).toEqual([]);
    expect(corpus.reviews).toHaveLength(2);

    // Once more: nothing left to do.
    const again = await runImport([a, b], { contentDir: first.contentDir, update: true });
    expect(again.items.map((i) => i.reason)).toEqual(['up-to-date', 'hand-edited']);
  });

  it('keeps the first of two records with the same URL in one run, even with --update', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-sources-'));
    const record = (text: string) =>
      JSON.stringify({
        title: 'Search index rebuild filled the disk of search-db-1',
        url: 'https://status.example.com/incidents/search-disk',
        date: '2025-05-12',
        text,
      });
    const file = join(dir, 'export.jsonl');
    await writeFile(
      file,
      `${record('The nightly rebuild wrote a second copy of the index and filled the 500 GB disk.')}\n${record('A later copy of the same incident, edited on the status page.')}\n`,
    );
    const { items, contentDir } = await runImport([file], { update: true });
    expect(items.map((i) => [i.outcome, i.reason])).toEqual([
      ['imported', undefined],
      ['skipped', 'already-imported'],
    ]);
    expect(items[1]?.message).toMatch(
      /export\.jsonl:2: already imported in this run as .*\.md \(same url\); the first one is kept, nothing written\./,
    );
    const [review] = (await loadCorpus(contentDir)).reviews;
    expect(review?.body).toContain('filled the 500 GB disk');
  });

  it('leaves a review without an import stamp alone, and recognises a moved source by its URL', async () => {
    const { dir, a } = await sources();
    const withUrl = `---\nurl: https://wiki.example.com/postmortems/checkout-pool\n---\n${source('Checkout pool exhaustion', 'database')}`;
    await writeFile(a, withUrl);
    const first = await runImport([a]);
    const review = fileOf(first.items[0]);
    const text = await readFile(review, 'utf8');
    expect(text).toMatch(/^ {2}url: https:\/\/wiki\.example\.com\/postmortems\/checkout-pool$/m);
    expect(text).toMatch(/^ {2}importedFrom: .*checkout-pool\.md$/m);
    expect(text).toMatch(/^ {2}importedHash: "[0-9a-f]{64}"$/m);

    // The same document, moved and fixed: known by its URL, not imported twice.
    const moved = join(dir, 'archive-checkout.md');
    await writeFile(moved, withUrl.replace('database', 'connection'));
    const unstamped = text.replace(/^ {2}importedHash: .*\n/m, '');
    await writeFile(review, unstamped);
    const update = await runImport([moved], { contentDir: first.contentDir, update: true });
    expect(update.items[0]).toMatchObject({ outcome: 'skipped', reason: 'unstamped' });
    expect(update.items[0]?.message).toMatch(
      /has no import stamp \(source\.importedHash\), so hand edits cannot be ruled out; not touched\./,
    );
    expect(await readFile(review, 'utf8')).toBe(unstamped);
    expect((await loadCorpus(first.contentDir)).reviews).toHaveLength(1);
  });
});
