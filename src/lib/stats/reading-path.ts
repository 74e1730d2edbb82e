/**
 * The on-call reading path per service: the "start here" list for a new on-call engineer.
 * Order: reviews marked `onboarding: true` (newest first); then the most severe, most recent
 * reviews (SEV1 first, newest first within a severity), up to `severeCount`; then, for each
 * failure mode the service has had that the path does not cover yet, the most severe and recent
 * review with that mode. No review appears twice. Reading time is words / 230 per minute. Pure.
 */
import type { Review } from '../review/parse.ts';
import { SEVERITIES } from '../review/schema.ts';

/** Reading speed used for the estimates. */
export const WORDS_PER_MINUTE = 230;
/** How many "most severe and most recent" reviews the path takes after the onboarding ones. */
export const SEVERE_RECENT_COUNT = 3;

export type PathReason = 'onboarding' | 'severe-recent' | 'failure-mode';

interface PathStep {
  review: Review;
  reason: PathReason;
  /** For `failure-mode` steps: the mode this review stands for. */
  failureMode?: string;
  minutes: number;
}

export interface ReadingPath {
  service: string;
  steps: PathStep[];
  /** Sum of the steps' minutes. */
  minutes: number;
  /** All reviews of the service (the path may be shorter). */
  reviewCount: number;
}

/** Words in the review a reader reads: title, impact and body. */
function wordCount(review: Review): number {
  // Markdown markers on their own (`##`, `-`, `|`) hold no letters or digits and do not count.
  const text = `${review.data.title} ${review.data.impact} ${review.body}`;
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** Estimated minutes to read a review (at least 1). */
export const readingMinutes = (review: Review, wpm = WORDS_PER_MINUTE): number =>
  Math.max(1, Math.ceil(wordCount(review) / wpm));

/** SEV1 first; an `unknown` severity (imported history) after SEV4. */
const severityRank = (r: Review) => {
  const rank = (SEVERITIES as readonly string[]).indexOf(r.data.severity);
  return rank < 0 ? SEVERITIES.length : rank;
};
const newestFirst = (a: Review, b: Review) =>
  b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id);
const severeRecent = (a: Review, b: Review) =>
  severityRank(a) - severityRank(b) || newestFirst(a, b);

/** The reading path for one service. */
export function readingPath(
  service: string,
  reviews: readonly Review[],
  options: { severeCount?: number; wordsPerMinute?: number } = {},
): ReadingPath {
  const own = reviews.filter((r) => r.data.services.includes(service));
  const steps: PathStep[] = [];
  const taken = new Set<string>();
  const take = (review: Review, reason: PathReason, failureMode?: string) => {
    taken.add(review.id);
    steps.push({
      review,
      reason,
      ...(failureMode ? { failureMode } : {}),
      minutes: readingMinutes(review, options.wordsPerMinute),
    });
  };
  for (const r of own.filter((r) => r.data.onboarding).sort(newestFirst)) take(r, 'onboarding');
  for (const r of own
    .filter((r) => !taken.has(r.id))
    .sort(severeRecent)
    .slice(0, options.severeCount ?? SEVERE_RECENT_COUNT))
    take(r, 'severe-recent');
  // Failure modes, most frequent for this service first.
  const modeCounts = new Map<string, number>();
  for (const r of own)
    for (const m of new Set(r.data.failureModes)) modeCounts.set(m, (modeCounts.get(m) ?? 0) + 1);
  const modes = [...modeCounts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([m]) => m);
  for (const mode of modes) {
    if (steps.some((s) => s.review.data.failureModes.includes(mode))) continue;
    const pick = own
      .filter((r) => !taken.has(r.id) && r.data.failureModes.includes(mode))
      .sort(severeRecent)[0];
    if (pick) take(pick, 'failure-mode', mode);
  }
  return {
    service,
    steps,
    minutes: steps.reduce((sum, s) => sum + s.minutes, 0),
    reviewCount: own.length,
  };
}

/** Reading paths for every service, by service name. */
export function readingPaths(
  reviews: readonly Review[],
  options: { severeCount?: number; wordsPerMinute?: number } = {},
): ReadingPath[] {
  const services = [...new Set(reviews.flatMap((r) => r.data.services))].sort((a, b) =>
    a.localeCompare(b),
  );
  return services.map((s) => readingPath(s, reviews, options));
}
