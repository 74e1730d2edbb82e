/**
 * The site's reviews: the Astro content collection mapped to the lib's one document type,
 * `Review`, drafts excluded unless CASEBOOK_INCLUDE_DRAFTS=1, newest first. Pages take their
 * data from here; the Astro entry is kept alongside for `render()`.
 */
import { getCollection, type CollectionEntry } from 'astro:content';
import type { Review } from '../review/parse.ts';
import { splitSections } from '../review/sections.ts';
import { publishedReviews } from '../review/load.ts';
import { contentDirOf, includeDrafts } from '../config.ts';
import { loadSiteCorpus } from './content-check.ts';
import { perBuild } from './per-build.ts';

type ReviewEntry = CollectionEntry<'reviews'>;

/** A site review and the Astro entry it came from (for `render(entry)`). */
export interface SiteReview {
  review: Review;
  entry: ReviewEntry;
}

/** Maps one collection entry to a `Review`; `sections` when already parsed (the parsed-review cache). */
function reviewOfEntry(entry: ReviewEntry, sections?: Review['sections']): Review {
  const body = entry.body ?? '';
  return {
    id: entry.id,
    path: entry.filePath ?? entry.id,
    data: entry.data,
    sections: sections ?? splitSections(body).sections,
    body,
  };
}

/**
 * Review id → sections, from the parsed-review cache the build's content check just filled
 * (splitting every body again cost seconds per thousand reviews). Empty when unavailable.
 */
async function parsedSections(): Promise<Map<string, Review['sections']>> {
  const io = { env: process.env, cwd: process.cwd() };
  try {
    const corpus = await loadSiteCorpus(contentDirOf(undefined, io), io);
    return new Map(corpus.reviews.map((r) => [r.id, r.sections]));
  } catch {
    return new Map();
  }
}

/** Newest first, then by id (the same order as `loadCorpus`). */
const byNewest = (a: Review, b: Review): number =>
  b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id);

/** Every published review with its Astro entry, newest first. Loaded once per build. */
export const getSiteReviewEntries: () => Promise<SiteReview[]> = perBuild(async () => {
  const [entries, sections] = await Promise.all([getCollection('reviews'), parsedSections()]);
  const byId = new Map(entries.map((entry) => [entry.id, entry]));
  const reviews = publishedReviews(
    entries.map((entry) => reviewOfEntry(entry, sections.get(entry.id))),
    includeDrafts(process.env),
  ).sort(byNewest);
  return reviews.map((review) => ({ review, entry: byId.get(review.id) as ReviewEntry }));
});

/** Every published review (drafts only with CASEBOOK_INCLUDE_DRAFTS=1), newest first. */
export async function getSiteReviews(): Promise<Review[]> {
  return (await getSiteReviewEntries()).map((s) => s.review);
}
