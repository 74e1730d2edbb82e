import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  DEFAULT_REVIEW_CACHE_DIR,
  libCodeHash,
  openReviewCache,
  reviewCacheFor,
  reviewCacheKey,
  reviewCachePath,
} from '../../../src/lib/review/cache.ts';
import { loadCorpus } from '../../../src/lib/review/load.ts';
import { writeSyntheticContent, generateReviewMarkdown } from '../../../scripts/bench/synthetic.ts';

async function corpusDir(n: number): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'casebook-review-cache-'));
  await writeSyntheticContent(join(dir, 'content'), n);
  return dir;
}

describe('the parsed-review cache', () => {
  it('answers every unchanged review from the cache on the second load, with the same reviews', async () => {
    const dir = await corpusDir(4);
    const file = join(dir, 'cache.bin');
    const first = await openReviewCache(file, 'code-1');
    const cold = await loadCorpus(join(dir, 'content'), { cwd: dir, cache: first });
    expect(first.hits).toBe(0);
    expect((await stat(file)).size).toBeGreaterThan(0);

    const second = await openReviewCache(file, 'code-1');
    expect(second.loaded).toBe(4);
    const warm = await loadCorpus(join(dir, 'content'), { cwd: dir, cache: second });
    expect(second.hits).toBe(4);
    expect(warm.reviews).toEqual(cold.reviews);
    expect(warm.reviews[0]?.data.date).toBeInstanceOf(Date);
  });

  it('parses a changed review again and still reports its problems', async () => {
    const dir = await corpusDir(3);
    const file = join(dir, 'cache.bin');
    await loadCorpus(join(dir, 'content'), {
      cwd: dir,
      cache: await openReviewCache(file, 'code-1'),
    });
    const { id, markdown } = generateReviewMarkdown(1);
    await writeFile(
      join(dir, 'content', 'reviews', `${id}.md`),
      markdown.replace(/severity: SEV\d/, 'severity: SEV9'),
    );
    const cache = await openReviewCache(file, 'code-1');
    const corpus = await loadCorpus(join(dir, 'content'), { cwd: dir, cache });
    expect(cache.hits).toBe(2);
    expect(corpus.reviews).toHaveLength(2);
    expect(corpus.problems.map((p) => p.path)).toEqual([`content/reviews/${id}.md`]);
  });

  it('keeps only the entries a run used, so deleted reviews leave the file', async () => {
    const dir = await corpusDir(3);
    const file = join(dir, 'cache.bin');
    await loadCorpus(join(dir, 'content'), {
      cwd: dir,
      cache: await openReviewCache(file, 'code-1'),
    });
    await rm(join(dir, 'content', 'reviews', `${generateReviewMarkdown(0).id}.md`));
    await loadCorpus(join(dir, 'content'), {
      cwd: dir,
      cache: await openReviewCache(file, 'code-1'),
    });
    expect((await openReviewCache(file, 'code-1')).loaded).toBe(2);
  });

  it('ignores entries written by other code, and a damaged file', async () => {
    const dir = await corpusDir(2);
    const file = join(dir, 'cache.bin');
    await loadCorpus(join(dir, 'content'), {
      cwd: dir,
      cache: await openReviewCache(file, 'code-1'),
    });
    expect((await openReviewCache(file, 'code-2')).loaded).toBe(0);
    await writeFile(file, 'not a cache');
    const damaged = await openReviewCache(file, 'code-1');
    expect(damaged.loaded).toBe(0);
    const corpus = await loadCorpus(join(dir, 'content'), { cwd: dir, cache: damaged });
    expect(corpus.reviews).toHaveLength(2);
    expect((await readFile(file)).toString()).not.toBe('not a cache');
  });

  it('keys on id, path, failure modes and text', () => {
    const key = reviewCacheKey('a', 'reviews/a.md', 'text', ['x']);
    expect(reviewCacheKey('a', 'reviews/a.md', 'text', ['x'])).toBe(key);
    expect(reviewCacheKey('b', 'reviews/a.md', 'text', ['x'])).not.toBe(key);
    expect(reviewCacheKey('a', 'reviews/b.md', 'text', ['x'])).not.toBe(key);
    expect(reviewCacheKey('a', 'reviews/a.md', 'text', ['y'])).not.toBe(key);
    expect(reviewCacheKey('a', 'reviews/a.md', 'text!', ['x'])).not.toBe(key);
  });

  it('keeps one file per content folder in .casebook/review-cache/ by default, one given file with CASEBOOK_REVIEW_CACHE, none with "off"', async () => {
    expect(DEFAULT_REVIEW_CACHE_DIR).toBe('.casebook/review-cache');
    const site = reviewCachePath({ env: {}, cwd: '/w' }, 'content');
    expect(site).toMatch(/^\/w\/\.casebook\/review-cache\/[0-9a-f]{16}\.bin$/);
    // The same folder named two ways shares a file; another folder gets its own.
    expect(reviewCachePath({ env: {}, cwd: '/w' }, '/w/content/')).toBe(site);
    expect(reviewCachePath({ env: {}, cwd: '/w' }, '/w/other-content')).not.toBe(site);
    expect(
      reviewCachePath({ env: { CASEBOOK_REVIEW_CACHE: 'c/r.bin' }, cwd: '/w' }, 'content'),
    ).toBe('/w/c/r.bin');
    expect(
      reviewCachePath({ env: { CASEBOOK_REVIEW_CACHE: 'off' }, cwd: '/w' }, 'content'),
    ).toBeNull();
    expect(
      await reviewCacheFor({ env: { CASEBOOK_REVIEW_CACHE: 'off' }, cwd: '/w' }, 'content'),
    ).toBe(undefined);
  });

  it('fingerprints the parser source, also from another working folder', async () => {
    const here = await libCodeHash();
    expect(here).toMatch(/^[0-9a-f]{64}$/);
    expect(await libCodeHash(tmpdir())).toBe(here);
  });

  it('gives the same fingerprint inside a bundle chunk, where the parser source is found through the working folder', async () => {
    // Astro's prerender chunks run from <outDir>/chunks/, far from src/lib: the build's pages
    // must still read the cache that `casebook embed` and the build's check filled.
    const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
    const chunk = pathToFileURL(join(tmpdir(), 'dist', 'chunks', 'reviews_x.mjs')).href;
    expect(await libCodeHash(projectRoot, chunk)).toBe(await libCodeHash());
    expect(await libCodeHash(tmpdir(), chunk)).toBeNull();
  });
});
