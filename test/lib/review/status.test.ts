import { describe, expect, it } from 'vitest';
import { loadCorpus, publishedReviews } from '../../../src/lib/review/load.ts';
import { stillMissing } from '../../../src/lib/review/missing.ts';
import { makeContent, reviewMarkdown, SECTIONS } from '../../helpers/content.ts';

const ID = '2025-06-02-ledger-db-wal-archive-disk-full';

/** A review the way import writes unknown values: severity unknown, no services, TODO impact, a TODO section. */
const incomplete = (status: string) =>
  reviewMarkdown({
    frontMatter: {
      status,
      severity: 'unknown',
      services: '[]',
      impact: '"TODO: the source does not state the impact. Say what users saw, with numbers."',
    },
    body: SECTIONS.replace(
      /## Systemic factors\n.*\n/,
      '## Systemic factors\nTODO: the source has no material for this section.\n',
    ),
  });

async function check(text: string) {
  const dir = await makeContent({ [`${ID}.md`]: text });
  return loadCorpus(dir);
}

describe('the review status lifecycle in casebook check', () => {
  it('lets an imported review keep TODO fields and sections, an unknown severity and no services', async () => {
    const corpus = await check(incomplete('imported'));
    expect(corpus.problems).toEqual([]);
    expect(corpus.reviews[0]?.data).toMatchObject({
      status: 'imported',
      severity: 'unknown',
      services: [],
    });
  });

  it('lets a draft keep the same placeholders', async () => {
    const corpus = await check(incomplete('draft'));
    expect(corpus.problems).toEqual([]);
  });

  it('refuses every placeholder in a published review, each at its line with how to fix it', async () => {
    const corpus = await check(incomplete('published'));
    expect(corpus.reviews).toEqual([]);
    expect(corpus.problems.map((p) => [p.line, p.code, p.message])).toEqual([
      [
        4,
        'incomplete',
        'severity is "unknown", but status is published. Set severity to SEV1 … SEV4, or set `status: imported` (imported history) or `status: draft` until it is known.',
      ],
      [
        6,
        'incomplete',
        'no service is listed, but status is published. List at least one service, as named in deploy tooling, or set `status: imported` (imported history) or `status: draft` until it is known.',
      ],
      [
        11,
        'incomplete',
        'impact holds a `TODO:`, but status is published. Say what users saw, with numbers, or set `status: imported` (imported history) or `status: draft` until it is known.',
      ],
      [
        48,
        'section-empty',
        'section "## Systemic factors" holds only a TODO. Write it, or set `status: draft` (or `status: imported` for imported history) until it is written.',
      ],
    ]);
  });

  it('refuses a TODO timeline entry and a TODO action item in a review in review', async () => {
    const corpus = await check(
      reviewMarkdown({
        frontMatter: {
          status: 'in-review',
          timeline: `
  - at: 2025-06-02T10:00:00Z
    event: "archive_command starts failing with 403"
  - at: 2025-06-02T10:00:00Z
    event: "TODO: add when the incident was detected, mitigated and resolved."`,
          actionItems: `
  - title: "TODO: add the follow-up actions; the source lists none."
    owner: unassigned
    status: open`,
        },
      }),
    );
    expect(corpus.problems.map((p) => `${p.line} ${p.code} ${p.message.split(',')[0]}`)).toEqual([
      '16 incomplete timeline entry 2 holds a `TODO:`',
      '18 incomplete action item 1 holds a `TODO:`',
    ]);
  });

  it('shows imported reviews on the site by default and keeps drafts out unless asked', async () => {
    const dir = await makeContent({
      'a-imported.md': incomplete('imported'),
      'b-draft.md': incomplete('draft'),
      'c-published.md': reviewMarkdown(),
    });
    const { reviews, problems } = await loadCorpus(dir);
    expect(problems).toEqual([]);
    expect(publishedReviews(reviews, false).map((r) => r.id)).toEqual([
      'a-imported',
      'c-published',
    ]);
    expect(publishedReviews(reviews, true).map((r) => r.id)).toEqual([
      'a-imported',
      'b-draft',
      'c-published',
    ]);
  });

  it('lists what an imported review still misses: placeholder fields, then TODO sections', async () => {
    const corpus = await check(incomplete('imported'));
    const review = corpus.reviews[0];
    expect(review && stillMissing(review)).toEqual([
      'severity',
      'services',
      'impact',
      'Systemic factors',
    ]);
    const complete = (await check(reviewMarkdown({ frontMatter: { status: 'imported' } })))
      .reviews[0];
    expect(complete && stillMissing(complete)).toEqual([]);
  });
});
