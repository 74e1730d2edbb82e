/**
 * Related incidents for a draft: the similarity engine's hits joined with the corpus `Review`s
 * for their mechanism excerpts. The matcher is injected so drafting can be tested without LanceDB.
 */
import type { Review } from '../review/parse.ts';
import { sectionText } from '../review/sections.ts';
import type { MatchHit } from '../search/match.ts';
import { candidateTerms, judgeMatches, queryTerms, termEvidence } from '../search/relevance.ts';

/** Finds past reviews similar to the notes, best first. */
export type NotesMatcher = (notes: string) => Promise<MatchHit[]>;

/** A past incident shown to the drafter as reference (never merged into this incident). */
export interface RelatedIncident {
  id: string;
  title: string;
  date: string;
  severity: string;
  score: number;
  failureModes: string[];
  services: string[];
  /** The start of its "Detailed mechanism" section. */
  mechanism: string;
}

/** Longest mechanism excerpt per related incident, in characters. */
const MECHANISM_EXCERPT_CHARS = 1200;

/** Cuts text at a paragraph or sentence boundary at most `max` characters long. */
function excerpt(text: string, max = MECHANISM_EXCERPT_CHARS): string {
  const flat = text.trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const end = Math.max(cut.lastIndexOf('\n\n'), cut.lastIndexOf('. '));
  return `${(end > max / 2 ? cut.slice(0, end + 1) : cut).trimEnd()} …`;
}

/**
 * The hits that pass the one relevance cutoff (src/lib/search/relevance.ts): hits the matcher
 * already judged (they carry a `strength`) are kept as they are; otherwise the cutoff is applied
 * here against the notes and each review's text. An empty list means "no close past incident".
 */
function relevantHits(
  hits: readonly MatchHit[],
  reviews: readonly Review[],
  notes: string,
): MatchHit[] {
  if (hits.every((h) => h.strength)) return [...hits];
  const byId = new Map(reviews.map((r) => [r.id, r]));
  const query = queryTerms(notes);
  return judgeMatches(hits, (hit) => {
    const review = byId.get(hit.id);
    const text = review
      ? [review.data.title, ...review.sections.map((s) => s.text)].join('\n')
      : [hit.title, ...hit.snippets].join('\n');
    return { score: hit.score, evidence: termEvidence(query, candidateTerms(text)) };
  }).map(({ item, strength }) => ({ ...item, strength }));
}

/**
 * Joins the relevant hits with their reviews (hits whose review is gone are dropped), keeping at
 * most `limit`. With `notes`, hits are first put through the relevance cutoff (`relevantHits`).
 */
export function relatedFromHits(
  hits: readonly MatchHit[],
  reviews: readonly Review[],
  limit = 5,
  notes?: string,
): RelatedIncident[] {
  const kept = notes === undefined ? hits : relevantHits(hits, reviews, notes);
  const byId = new Map(reviews.map((r) => [r.id, r]));
  const out: RelatedIncident[] = [];
  for (const hit of kept) {
    const review = byId.get(hit.id);
    if (!review) continue;
    out.push({
      id: hit.id,
      title: hit.title,
      date: hit.date,
      severity: hit.severity,
      score: hit.score,
      failureModes: [...hit.failureModes],
      services: [...hit.services],
      mechanism: excerpt(sectionText(review.sections, 'Detailed mechanism')),
    });
    if (out.length >= limit) break;
  }
  return out;
}
