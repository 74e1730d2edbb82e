import { beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadCorpus } from '../../../src/lib/review/load.ts';
import { ReviewSearch, SEARCH_WEIGHTS } from '../../../src/lib/mcp/search.ts';
import { makeContent, reviewMarkdown, REPO_ROOT, SECTIONS } from '../../helpers/content.ts';

describe('ReviewSearch (search_reviews)', () => {
  let search: ReviewSearch;
  beforeAll(async () => {
    const dir = await makeContent({
      '2025-06-02-wal-disk-full.md': reviewMarkdown(),
      '2024-03-01-kafka-lag.md': reviewMarkdown({
        frontMatter: {
          title: '"Consumer lag on order-events after max.poll.interval.ms was exceeded"',
          date: '2024-03-01',
          severity: 'SEV3',
          services: '[order-events]',
          failureModes: '[consumer-rebalance-storm]',
          tags: '[kafka]',
          actionItems: `
  - title: "Alert on consumer group rebalances"
    owner: orders-team
    status: open
    ticket: ORD-12`,
        },
        body: SECTIONS.replace(
          /## Detailed mechanism\n[^\n]+/,
          '## Detailed mechanism\nBatches took longer than `max.poll.interval.ms=300000`; consumers left the group and rebalanced.',
        ),
      }),
    });
    const corpus = await loadCorpus(dir);
    expect(corpus.problems).toEqual([]);
    search = new ReviewSearch(corpus.reviews, corpus.taxonomy);
  });

  it('ranks the review holding the words first, with the section and sentence that matched', () => {
    const result = search.search('max.poll.interval.ms rebalanced');
    expect(result.hits.map((h) => h.id)).toEqual(['2024-03-01-kafka-lag']);
    expect(result.hits[0]?.section).toBe('Detailed mechanism');
    expect(result.hits[0]?.snippet).toBe(
      'Batches took longer than `max.poll.interval.ms=300000`; consumers left the group and rebalanced.',
    );
  });

  it('searches tags, ticket ids and failure-mode names, not only the text', () => {
    expect(search.search('LED-88').hits.map((h) => h.id)).toEqual(['2025-06-02-wal-disk-full']);
    expect(search.search('kafka').hits.map((h) => h.id)).toEqual(['2024-03-01-kafka-lag']);
    expect(search.search('Consumer rebalance storm').hits[0]?.id).toBe('2024-03-01-kafka-lag');
  });

  it('weights the fields as the review page weights them for the site search', async () => {
    const page = await readFile(join(REPO_ROOT, 'src/pages/reviews/[id].astro'), 'utf8');
    const labelled = (label: string) =>
      Number(new RegExp(`data-pagefind-weight="(\\d+)">\\s*<dt>${label}</dt>`).exec(page)?.[1]);
    const onPage = {
      title: Number(/<h1 [^>]*data-pagefind-weight="(\d+)"/.exec(page)?.[1]),
      failureModes: labelled('Failure modes'),
      services: labelled('Services'),
      tags: labelled('Tags'),
      tickets: labelled('Tickets'),
    };
    const expected = { title: 10, failureModes: 8, services: 8, tags: 6, tickets: 6 };
    expect(onPage).toEqual(expected);
    expect(SEARCH_WEIGHTS).toMatchObject(expected);
  });

  it('finds action-item owners and authors, as the site search does', () => {
    expect(search.search('orders-team').hits[0]?.id).toBe('2024-03-01-kafka-lag');
    expect(search.search('Ana Lima').total).toBe(2);
  });

  it('corrects a misspelt word to the nearest word the reviews contain', () => {
    const result = search.search('archving');
    expect(result.corrections).toEqual({ archving: 'archiving' });
    // Both reviews say "archiving"; the one that says it in its title, timeline and actions ranks first.
    expect(result.hits.map((h) => h.id)).toEqual([
      '2025-06-02-wal-disk-full',
      '2024-03-01-kafka-lag',
    ]);
  });

  it('does not correct short words or words with digits', () => {
    expect(search.search('wak').corrections).toEqual({});
    expect(search.search('x510').total).toBe(0);
  });

  it('applies the filters, and lists filtered reviews newest first for an empty query', () => {
    expect(search.search('', { severity: 'SEV3' }).hits.map((h) => h.id)).toEqual([
      '2024-03-01-kafka-lag',
    ]);
    expect(search.search('', { year: 2025 }).hits.map((h) => h.id)).toEqual([
      '2025-06-02-wal-disk-full',
    ]);
    expect(search.search('', {}).hits.map((h) => h.id)).toEqual([
      '2025-06-02-wal-disk-full',
      '2024-03-01-kafka-lag',
    ]);
    expect(search.search('group', { service: 'LEDGER-SERVICE' }).total).toBe(0);
    expect(search.search('', { failureMode: 'disk-full' }).total).toBe(1);
  });

  it('keeps to the limit and reports the total', () => {
    const result = search.search('', {}, 1);
    expect(result.total).toBe(2);
    expect(result.hits).toHaveLength(1);
  });
});
