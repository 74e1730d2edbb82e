/**
 * Full-text search over the loaded reviews for the MCP server's `search_reviews`: BM25 over the
 * fields the site's search indexes on a review page (title, failure-mode names, services, tags,
 * ticket ids, impact, executive summary, the sections, timeline events, action items and their
 * owners, authors), weighted as the page weights them for Pagefind, with light typo tolerance for
 * words the corpus does not contain, and the filters of the site's search page. In memory, built
 * once at start-up; needs no index on disk. Pure.
 */
import type { Review } from '../review/parse.ts';
import type { FailureMode } from '../review/taxonomy.ts';
import { editDistance } from '../review/taxonomy.ts';
import { stem, tokenize } from '../search/tokenize.ts';
import { bestSnippet } from '../search/snippets.ts';

/**
 * Weight of one occurrence of a term, per field: the `data-pagefind-weight` of the field on the
 * review page (src/pages/reviews/[id].astro), and Pagefind's own weight for an h2 heading.
 */
export const SEARCH_WEIGHTS = {
  title: 10,
  failureModes: 8,
  services: 8,
  tags: 6,
  tickets: 6,
  sectionHeading: 6,
  body: 1,
} as const;
const K1 = 1.2;
const B = 0.75;
/** A corrected term counts this much of an exact one. */
const CORRECTION_WEIGHT = 0.8;

export interface SearchFilters {
  /** Exact service name (case-insensitive). */
  service?: string | undefined;
  /** Failure-mode slug. */
  failureMode?: string | undefined;
  severity?: string | undefined;
  year?: number | undefined;
}

interface SearchHit {
  id: string;
  title: string;
  /** YYYY-MM-DD. */
  date: string;
  severity: string;
  services: string[];
  failureModes: string[];
  /** BM25 score (higher is better); 0 when only filters were given. */
  score: number;
  /** The heading of the section that matched best. */
  section: string;
  /** Its sentence that best matches the query. */
  snippet: string;
}

export interface SearchResult {
  hits: SearchHit[];
  /** How many reviews matched in all (before the limit). */
  total: number;
  /** Query words the corpus does not contain, and the word searched instead. */
  corrections: Record<string, string>;
}

interface Doc {
  review: Review;
  tf: Map<string, number>;
  length: number;
  sections: { heading: string; text: string; terms: Set<string> }[];
}

const termsOf = (text: string): string[] => tokenize(text).unigrams;

/** Plain words, whose terms are their stems: the only words typo correction applies to. */
const PLAIN_WORD = /\p{L}+/gu;

/** Each plain word's stem → the word as written (lower case, first seen). */
function surfaceForms(text: string, into: Map<string, string>): void {
  for (const m of text.matchAll(PLAIN_WORD)) {
    const word = m[0].toLowerCase();
    const term = stem(word);
    if (!into.has(term)) into.set(term, word);
  }
}

function addTerms(tf: Map<string, number>, text: string, weight: number): number {
  const terms = termsOf(text);
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + weight);
  return terms.length * weight;
}

export class ReviewSearch {
  private readonly docs: Doc[];
  private readonly df = new Map<string, number>();
  private readonly byLength = new Map<number, string[]>();
  private readonly averageLength: number;
  /** A corrected term's word as written in the reviews, to report the correction readably. */
  private readonly surface = new Map<string, string>();

  constructor(reviews: readonly Review[], taxonomy: readonly FailureMode[]) {
    const modeNames = new Map(taxonomy.map((m) => [m.slug, m.name]));
    this.docs = reviews.map((review) => {
      const d = review.data;
      const tf = new Map<string, number>();
      let length = addTerms(tf, d.title, SEARCH_WEIGHTS.title);
      // The page shows failure modes by name; the slug is searched with them.
      const modes = d.failureModes.flatMap((m) => [m, modeNames.get(m) ?? '']);
      const tickets = d.actionItems.map((a) => a.ticket ?? '');
      length += addTerms(tf, modes.join('\n'), SEARCH_WEIGHTS.failureModes);
      length += addTerms(tf, d.services.join('\n'), SEARCH_WEIGHTS.services);
      length += addTerms(tf, d.tags.join('\n'), SEARCH_WEIGHTS.tags);
      length += addTerms(tf, tickets.join('\n'), SEARCH_WEIGHTS.tickets);
      const labels = [...d.services, ...modes, ...d.tags, ...tickets];
      const body = [
        d.impact,
        d.execSummary ?? '',
        ...d.timeline.map((e) => e.event),
        ...d.actionItems.flatMap((a) => [a.title, a.owner]),
        ...d.authors,
      ].join('\n');
      length += addTerms(tf, body, SEARCH_WEIGHTS.body);
      // Each section is tokenized once: its terms count for the review and pick the best section.
      const sections = review.sections.map((s) => {
        const heading = termsOf(s.heading);
        const text = termsOf(s.text);
        for (const t of heading) tf.set(t, (tf.get(t) ?? 0) + SEARCH_WEIGHTS.sectionHeading);
        for (const t of text) tf.set(t, (tf.get(t) ?? 0) + SEARCH_WEIGHTS.body);
        length +=
          heading.length * SEARCH_WEIGHTS.sectionHeading + text.length * SEARCH_WEIGHTS.body;
        return { heading: s.heading, text: s.text, terms: new Set([...heading, ...text]) };
      });
      surfaceForms(`${d.title}\n${labels.join('\n')}\n${body}\n${review.body}`, this.surface);
      return { review, tf, length, sections };
    });
    for (const doc of this.docs)
      for (const term of doc.tf.keys()) this.df.set(term, (this.df.get(term) ?? 0) + 1);
    for (const term of this.df.keys()) {
      const list = this.byLength.get(term.length) ?? [];
      list.push(term);
      this.byLength.set(term.length, list);
    }
    this.averageLength = this.docs.reduce((a, d) => a + d.length, 0) / (this.docs.length || 1);
  }

  /** The corpus word closest to an unknown plain word (1 edit for 4–7 letters, 2 from 8), if any. */
  private correction(term: string): string | undefined {
    if (!/^\p{L}+$/u.test(term) || term.length < 4) return undefined;
    const max = term.length >= 8 ? 2 : 1;
    let best: { term: string; distance: number; df: number } | undefined;
    for (let len = term.length - max; len <= term.length + max; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        const distance = editDistance(term, candidate);
        if (distance > max) continue;
        const df = this.df.get(candidate) ?? 0;
        if (
          !best ||
          distance < best.distance ||
          (distance === best.distance && df > best.df) ||
          (distance === best.distance && df === best.df && candidate < best.term)
        )
          best = { term: candidate, distance, df };
      }
    }
    return best?.term;
  }

  private idf(term: string): number {
    const n = this.docs.length;
    const df = this.df.get(term) ?? 0;
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  search(query: string, filters: SearchFilters = {}, limit = 10): SearchResult {
    const corrections: Record<string, string> = {};
    const weighted: { term: string; weight: number }[] = [];
    const asTyped = new Map<string, string>();
    surfaceForms(query, asTyped);
    for (const term of new Set(termsOf(query))) {
      if (this.df.has(term)) weighted.push({ term, weight: 1 });
      else {
        const fixed = this.correction(term);
        if (fixed) {
          corrections[asTyped.get(term) ?? term] = this.surface.get(fixed) ?? fixed;
          weighted.push({ term: fixed, weight: CORRECTION_WEIGHT });
        }
      }
    }
    const queryWords = termsOf(query).length;
    const candidates = this.docs.filter((doc) => matchesFilters(doc.review, filters));
    const scored: { doc: Doc; score: number }[] = [];
    for (const doc of candidates) {
      if (!queryWords) {
        scored.push({ doc, score: 0 });
        continue;
      }
      let score = 0;
      let matched = 0;
      const norm = K1 * (1 - B + (B * doc.length) / (this.averageLength || 1));
      for (const { term, weight } of weighted) {
        const tf = doc.tf.get(term);
        if (!tf) continue;
        matched++;
        score += weight * this.idf(term) * ((tf * (K1 + 1)) / (tf + norm));
      }
      // Reviews that hold more of the query's words rank above those that repeat one of them.
      if (score > 0) scored.push({ doc, score: score * (matched / weighted.length) });
    }
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        b.doc.review.data.date.getTime() - a.doc.review.data.date.getTime() ||
        a.doc.review.id.localeCompare(b.doc.review.id),
    );
    const terms = weighted.map((w) => w.term);
    const snippetQuery = [query, ...Object.values(corrections)].join(' ');
    return {
      total: scored.length,
      corrections,
      hits: scored.slice(0, limit).map(({ doc, score }) => {
        const d = doc.review.data;
        const section = bestSection(doc, terms);
        return {
          id: doc.review.id,
          title: d.title,
          date: d.date.toISOString().slice(0, 10),
          severity: d.severity,
          services: [...d.services],
          failureModes: [...d.failureModes],
          score: Number(score.toFixed(4)),
          section: section?.heading ?? '',
          snippet: section ? bestSnippet(section.text, snippetQuery) : '',
        };
      }),
    };
  }
}

/** The section holding the most query terms (the first section when none does). */
function bestSection(doc: Doc, terms: readonly string[]): Doc['sections'][number] | undefined {
  let best = doc.sections[0];
  let bestCount = 0;
  for (const section of doc.sections) {
    const count = terms.filter((t) => section.terms.has(t)).length;
    if (count > bestCount) {
      best = section;
      bestCount = count;
    }
  }
  return best;
}

function matchesFilters(review: Review, filters: SearchFilters): boolean {
  const d = review.data;
  if (filters.service) {
    const wanted = filters.service.toLowerCase();
    if (!d.services.some((s) => s.toLowerCase() === wanted)) return false;
  }
  if (filters.failureMode && !d.failureModes.includes(filters.failureMode)) return false;
  if (filters.severity && d.severity !== filters.severity) return false;
  if (filters.year !== undefined && d.date.getUTCFullYear() !== filters.year) return false;
  return true;
}
