import { describe, expect, it } from 'vitest';
import { loadCorpus } from '../../../src/lib/review/load.ts';
import { AUTHOR_PLACEHOLDER, authorsText, stillMissing } from '../../../src/lib/review/missing.ts';
import { makeContent, reviewMarkdown } from '../../helpers/content.ts';

const ID = '2025-06-02-ledger-db-wal-archive-disk-full';

async function check(status: string) {
  const text = reviewMarkdown({
    frontMatter: { status, authors: `["${AUTHOR_PLACEHOLDER}"]` },
  });
  return loadCorpus(await makeContent({ [`${ID}.md`]: text }));
}

describe('a placeholder author', () => {
  it('is a marked TODO, not a made-up name', () => {
    expect(AUTHOR_PLACEHOLDER).toBe('TODO: name the authors');
  });

  it('is allowed in an imported review and listed as still missing', async () => {
    const corpus = await check('imported');
    expect(corpus.problems).toEqual([]);
    const review = corpus.reviews[0];
    expect(review && stillMissing(review)).toEqual(['authors']);
  });

  it('is refused in a review in review, at the authors line, with how to fix it', async () => {
    const corpus = await check('in-review');
    expect(corpus.reviews).toEqual([]);
    expect(corpus.problems.map((p) => [p.line, p.code, p.message])).toEqual([
      [
        8,
        'incomplete',
        'author 1 is a placeholder, not a name, but status is in-review. Name the people who wrote the review, or set `status: imported` (imported history) or `status: draft` until it is known.',
      ],
    ]);
  });

  it('is refused in a published review', async () => {
    const corpus = await check('published');
    expect(corpus.problems.map((p) => p.code)).toEqual(['incomplete']);
  });

  it('shows as unknown on the site, never as a person', () => {
    expect(authorsText(['TODO: name the authors'])).toBe('unknown');
    expect(authorsText(['Ana Lima', 'TODO: add the second author'])).toBe('Ana Lima');
    expect(authorsText(['Ana Lima', 'Ravi Subramanian'])).toBe('Ana Lima, Ravi Subramanian');
  });
});
