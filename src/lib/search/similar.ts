/**
 * "Similar incidents" for every review page, computed once per site build with the same
 * engine as `casebook match` (hybrid vector + full text, RRF, aggregated per review): each
 * review's summary and detailed mechanism are the notes, the review itself left out.
 * Without an index (or with one the build cannot use) it returns an empty map and the pages
 * simply have no section.
 */
import type { Review } from '../review/parse.ts';
import { sectionText } from '../review/sections.ts';
import { isCasebookError } from '../errors.ts';
import { openMatcher, type MatchHit } from './match.ts';

export interface SimilarIncident {
  id: string;
  title: string;
  score: number;
  /** Failure modes this review shares with the one it is shown on. */
  sharedFailureModes: string[];
  failureModes: string[];
}

/** The notes a review is matched with. */
export const reviewAsNotes = (review: Review): string =>
  [review.data.title, sectionText(review.sections, 'Summary'), sectionText(review.sections, 'Detailed mechanism')].join('\n');

export interface SimilarOptions {
  dbUri: string;
  contentDir: string;
  env?: Record<string, string | undefined>;
  /** How many per review (default 5). */
  k?: number;
  /** Where to say why the section is missing (default: console.warn). */
  warn?: (message: string) => void;
}

/** Review id → its most similar other reviews (only ids in `reviews`). */
export async function similarIncidents(reviews: readonly Review[], options: SimilarOptions): Promise<Map<string, SimilarIncident[]>> {
  const result = new Map<string, SimilarIncident[]>();
  const warn = options.warn ?? ((m: string) => console.warn(m));
  let matcher;
  try {
    matcher = await openMatcher({ dbUri: options.dbUri, contentDir: options.contentDir, io: options.env ? { env: options.env } : undefined });
  } catch (error) {
    if (!isCasebookError(error)) throw error;
    warn(`similar incidents: left out (${error.message})`);
    return result;
  }
  const known = new Map(reviews.map((r) => [r.id, r]));
  const k = options.k ?? 5;
  try {
    for (const review of reviews) {
      // Ask for a few more than k: the index may hold reviews this build does not publish.
      const hits: MatchHit[] = await matcher.query(reviewAsNotes(review), { k: k + 3, excludeId: review.id });
      result.set(
        review.id,
        hits
          .filter((h) => known.has(h.id))
          .slice(0, k)
          .map((h) => ({ id: h.id, title: h.title, score: h.score, failureModes: h.failureModes, sharedFailureModes: h.failureModes.filter((m) => review.data.failureModes.includes(m)) })),
      );
    }
  } finally {
    matcher.close();
  }
  return result;
}
