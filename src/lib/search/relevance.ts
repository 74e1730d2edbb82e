/**
 * The one relevance rule for "have we seen this before?": which hits of a similarity search are
 * worth showing, and how each is labelled ("strong match" / "possible match"); when none passes,
 * the reader sees "no close match". Used by `casebook match`, the site's similar incidents, the
 * find-similar page (in the browser: this module is pure), the MCP server and the draft prompt's
 * related-incidents block.
 *
 * Two signals decide:
 * - **Evidence** (absolute): the notes' own words found in the candidate, weighted by rarity
 *   (IDF). The vector half of a hybrid search always returns *something*; a hit that shares no
 *   informative word with the notes ("asdfghjk", "the quick brown fox") is dropped whatever
 *   its rank-based score.
 * - **The score distribution** (relative): scores are rank-fusion sums, meaningful only within
 *   one result list, so the cutoff is taken from the list itself: a hit is kept while its score
 *   is at least RELATIVE_FLOOR of the best one and no sharp drop (KNEE_RATIO) lies between it and
 *   the best. Not a fixed count.
 * On a review page (`context`), shared failure modes and services raise a hit's rank, and a hit
 * sharing neither is shown only when its text match alone is strong.
 */
import { tokenize } from './tokenize.ts';

export type MatchStrength = 'strong' | 'possible';

/** A hit below the cutoff is dropped; below this share of the best score it never passes. */
const RELATIVE_FLOOR = 0.35;
/** A score under KNEE_RATIO × the previous kept one ends the list (a gap in the distribution). */
const KNEE_RATIO = 0.55;
/** Share of the best score (and evidence coverage) a "strong" hit needs. */
const STRONG_SHARE = 0.7;
const STRONG_COVERAGE = 0.3;
/**
 * Least specificity (IDF over the largest IDF in the corpus) of one matched word for a text-only
 * "strong" label: notes of common words only ("the service is down") match many reviews fully
 * and are never a strong match on text alone.
 */
const SPECIFIC_WEIGHT = 0.6;
/** Least IDF-weighted share of the notes' words a hit must contain. */
const MIN_COVERAGE = 0.08;
/** Ranking bonus (in shares of the best score) for a shared failure mode / service. */
const MODE_BONUS = 0.35;
const SERVICE_BONUS = 0.15;

/** The words of the notes found in a candidate, and their IDF-weighted share of all the notes' words. */
export interface TermEvidence {
  /** The notes' own words (lower case, as written) found in the candidate, rarest first. */
  terms: string[];
  /** Sum of IDF of matched terms / sum over all the notes' terms, 0..1. */
  coverage: number;
  /** Distinct informative words in the notes. */
  queryWords: number;
  /**
   * Whether a matched word is specific to few sections (weight ≥ SPECIFIC_WEIGHT when the
   * weights are specificities, `LexicalEmbedder.specificity`). Absent: not known, taken as true.
   */
  specific?: boolean;
}

/**
 * A term → weight function: the IDF, or better its specificity (`LexicalEmbedder.specificity`,
 * the IDF on a 0..1 scale, which the "strong" rule reads). Without one every term weighs 1.
 */
export type IdfOf = (term: string) => number;

/** A prepared query: each informative word of the notes with its tokens. */
export interface QueryTerms {
  /** `tokens[0]` is the whole word as the index holds it (stemmed when plain); then its parts. */
  words: { word: string; tokens: string[]; weight: number }[];
  total: number;
}

const SURFACE = /[\p{L}\p{N}][\p{L}\p{N}._:/=-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu;

/** Splits notes into their informative words (stop words and 1-letter words left out). */
export function queryTerms(notes: string, idf: IdfOf = () => 1): QueryTerms {
  const seen = new Map<string, { word: string; tokens: string[]; weight: number }>();
  for (const m of notes.matchAll(SURFACE)) {
    const word = m[0].toLowerCase();
    if (seen.has(word)) continue;
    // The whole token first, then its parts (tokenize's order).
    const tokens = [...new Set(tokenize(m[0]).unigrams)];
    if (!tokens.length) continue;
    seen.set(word, { word, tokens, weight: idf(tokens[0]!) });
  }
  const words = [...seen.values()];
  return { words, total: words.reduce((sum, w) => sum + w.weight, 0) };
}

/** The set of tokens of a candidate's text, to test query words against. */
export const candidateTerms = (text: string): Set<string> => new Set(tokenize(text).unigrams);

/**
 * Which words of the notes a candidate contains. A word counts when its whole token does
 * (`auth-gw-int.larch.internal` is not matched by a text that only says "internal").
 */
export function termEvidence(query: QueryTerms, candidate: ReadonlySet<string>): TermEvidence {
  const found = query.words
    .filter((w) => candidate.has(w.tokens[0]!))
    .sort((a, b) => b.weight - a.weight);
  const weight = found.reduce((sum, w) => sum + w.weight, 0);
  return {
    terms: found.map((w) => w.word),
    coverage: query.total > 0 ? weight / query.total : 0,
    queryWords: query.words.length,
    specific: found.some((w) => w.weight >= SPECIFIC_WEIGHT),
  };
}

/** What the rule reads of each hit. */
export interface RelevanceSignals {
  /** The engine's score (higher is closer), compared only within one list. */
  score: number;
  evidence: TermEvidence;
  /** Failure modes / services shared with the page the hit is shown on (review pages only). */
  sharedFailureModes?: readonly string[];
  sharedServices?: readonly string[];
}

export interface Judged<T> {
  item: T;
  strength: MatchStrength;
  /** Shares neither a failure mode nor a service with the context (always true without context). */
  textOnly: boolean;
}

export interface JudgeOptions {
  /** Most hits to keep (after the cutoff). */
  limit?: number;
  /** The hits are shown beside a review: shared modes and services count, text-only hits must be strong. */
  context?: boolean;
}

/** Whether the notes' words found in a hit are enough to show it at all. */
function hasEvidence(e: TermEvidence): boolean {
  // One matched word is enough only for a one-word query; otherwise two, and a fair share.
  return e.terms.length >= Math.min(2, e.queryWords) && e.coverage >= MIN_COVERAGE;
}

/**
 * Applies the relevance rule: drops hits without evidence or under the distribution's cutoff,
 * ranks the rest (with context: shared failure modes and services first), and labels each.
 * An empty result means "no close match".
 */
export function judgeMatches<T>(
  items: readonly T[],
  signalsOf: (item: T) => RelevanceSignals,
  options: JudgeOptions = {},
): Judged<T>[] {
  const scored = items
    .map((item) => ({ item, s: signalsOf(item) }))
    .filter((x) => hasEvidence(x.s.evidence) && x.s.score > 0)
    .sort((a, b) => b.s.score - a.s.score);
  const top = scored[0]?.s.score ?? 0;
  if (top <= 0) return [];
  const kept: typeof scored = [];
  let previous = top;
  for (const x of scored) {
    if (x.s.score < RELATIVE_FLOOR * top || x.s.score < KNEE_RATIO * previous) break;
    kept.push(x);
    previous = x.s.score;
  }
  const judged = kept.map(({ item, s }) => {
    const share = s.score / top;
    const modes = options.context ? (s.sharedFailureModes?.length ?? 0) : 0;
    const services = options.context ? (s.sharedServices?.length ?? 0) : 0;
    const textStrong =
      share >= STRONG_SHARE &&
      s.evidence.coverage >= STRONG_COVERAGE &&
      s.evidence.specific !== false;
    const strength: MatchStrength =
      textStrong || (modes > 0 && share >= STRONG_SHARE) ? 'strong' : 'possible';
    return {
      item,
      strength,
      textOnly: modes === 0 && services === 0,
      rank: share + (modes > 0 ? MODE_BONUS : 0) + (services > 0 ? SERVICE_BONUS : 0),
      textStrong,
    };
  });
  return judged
    .filter((j) => !options.context || !j.textOnly || j.textStrong)
    .sort((a, b) => b.rank - a.rank)
    .slice(0, options.limit ?? Infinity)
    .map(({ item, strength, textOnly }) => ({ item, strength, textOnly }));
}

/** The reader-facing label of a kept hit. */
export const strengthLabel = (strength: MatchStrength): string =>
  strength === 'strong' ? 'strong match' : 'possible match';

/** What the reader sees when nothing passes the cutoff. */
export const NO_CLOSE_MATCH =
  'No close match: no past review shares enough of these words or failure modes.';

/** Section keys as written in the index ("detailed mechanism") → heading case ("Detailed mechanism"). */
const sectionName = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);

/**
 * The one-line "why" of a hit: shared failure modes and services (names given by the caller),
 * then the matched words and the section they were found in.
 */
export function whyLine(parts: {
  sharedFailureModes?: readonly string[];
  sharedServices?: readonly string[];
  terms?: readonly string[];
  section?: string | undefined;
  /** Most words to name (default 4). */
  maxTerms?: number;
}): string {
  const out: string[] = [];
  if (parts.sharedFailureModes?.length)
    out.push(
      `same failure mode${parts.sharedFailureModes.length > 1 ? 's' : ''}: ${parts.sharedFailureModes.join(', ')}`,
    );
  if (parts.sharedServices?.length)
    out.push(
      `same service${parts.sharedServices.length > 1 ? 's' : ''}: ${parts.sharedServices.join(', ')}`,
    );
  const terms = (parts.terms ?? []).slice(0, parts.maxTerms ?? 4);
  if (terms.length)
    out.push(
      `matched “${terms.join('”, “')}”${parts.section ? ` in ${sectionName(parts.section)}` : ''}`,
    );
  const line = out.join('; ');
  return line ? line.charAt(0).toUpperCase() + line.slice(1) : '';
}
