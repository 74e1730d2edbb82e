/**
 * "Similar incidents" for every review page, computed once per site build with the same
 * engine as `casebook match` (vector + full text fused by reciprocal rank fusion, aggregated
 * per review): each review's title, summary and detailed mechanism are the notes, the review
 * itself left out. Without an index (or with one the build cannot use) it returns an empty
 * map and the pages simply have no section.
 *
 * How the pass stays cheap (one `casebook match` query per review cost 19 s at 1,000 reviews):
 * - With the lexical embedder, the vector half is computed in memory: the stored chunk vectors
 *   are read once and kept as an inverted index over their non-zero dimensions (hashed TF-IDF
 *   vectors are sparse), so scoring every chunk against a review's vector touches only the
 *   dimensions they share. It is the same cosine ranking as LanceDB's vector search, exact
 *   rather than approximate. The full-text half is the same LanceDB query as `match`, a few in
 *   flight at once. The two lists are fused with LanceDB's RRF formula (1 / (60 + rank), rank
 *   from 0, vector hits first on ties; checked against its reranker) and aggregated per review
 *   by `rankReviews`, with the same candidate depth as `match`.
 * - With a model embedder (dense vectors) each review is one `matcher.query`, a few in flight.
 * Neither reads chunk text: the section shows no snippets.
 */
import { readFile } from 'node:fs/promises';
import pLimit from 'p-limit';
import type { Review } from '../review/parse.ts';
import { publishedReviews, type Corpus } from '../review/load.ts';
import { includeDrafts } from '../config.ts';
import { sectionText } from '../review/sections.ts';
import {
  candidateTerms,
  judgeMatches,
  queryTerms,
  termEvidence,
  type MatchStrength,
  type TermEvidence,
} from './relevance.ts';
import { INDEXED_SECTIONS } from './chunks.ts';
import { CasebookError, isCasebookError } from '../errors.ts';
import { LexicalEmbedder } from './lexical.ts';
import {
  candidatesFor,
  openMatcher,
  rankReviews,
  searchChunks,
  type ChunkHit,
  type Matcher,
} from './match.ts';
import { loadLance } from './store.ts';

export interface SimilarIncident {
  id: string;
  title: string;
  /** The engine's score (for tests and benchmarks; pages show `strength`, never the score). */
  score: number;
  /** Failure modes this review shares with the one it is shown on. */
  sharedFailureModes: string[];
  /** Services this review shares with the one it is shown on. */
  sharedServices: string[];
  failureModes: string[];
  /** The relevance label (src/lib/search/relevance.ts). */
  strength: MatchStrength;
  /** Shares neither a failure mode nor a service: shown only as a strong text match. */
  textOnly: boolean;
  /** The review's words found in this one, rarest first. */
  matchedTerms: string[];
  /** The section (key, "detailed mechanism") where the rarest matched word is found. */
  matchedSection?: string | undefined;
}

/** Full-text queries (or whole queries, with a model embedder) in flight during the pass. */
const SIMILAR_CONCURRENCY = 8;

/** LanceDB's RRF constant (`RRFReranker.create()` default). */
const RRF_K = 60;

/** The notes a review is matched with. */
export const reviewAsNotes = (review: Review): string =>
  [
    review.data.title,
    sectionText(review.sections, 'Summary'),
    sectionText(review.sections, 'Detailed mechanism'),
  ].join('\n');

export interface SimilarOptions {
  dbUri: string;
  /** LanceDB storage options for object stores (`storageOptionsOf`: environment and --db-option). */
  storageOptions?: Record<string, string> | undefined;
  contentDir: string;
  env?: Record<string, string | undefined>;
  /** How many per review (default 5). */
  k?: number;
  /** Queries in flight (default SIMILAR_CONCURRENCY). */
  concurrency?: number;
  /** Where to say why the section is missing (default: console.warn). */
  warn?: (message: string) => void;
  /**
   * Apply the relevance rule (default true): candidates are judged with the page's failure
   * modes and services as context, those under the cutoff dropped. `false` gives the engine's
   * plain ranking (the benchmark and the equivalence test with `match`).
   */
  judge?: boolean;
}

/** A review's candidates before the "published in this build" filter. */
type Candidate = Pick<SimilarIncident, 'id' | 'title' | 'score' | 'failureModes'> & {
  /** Matched sections, best first. */
  sections?: string[];
};

/** Candidates looked at per review beyond `k`: the relevance rule and unpublished ids drop some. */
const EXTRA_CANDIDATES = 5;

/** Review id → its most similar other reviews (only ids in `reviews`). */
export async function similarIncidents(
  reviews: readonly Review[],
  options: SimilarOptions,
): Promise<Map<string, SimilarIncident[]>> {
  const warn = options.warn ?? ((m: string) => console.warn(m));
  let matcher: Matcher;
  try {
    matcher = await openMatcher({
      dbUri: options.dbUri,
      contentDir: options.contentDir,
      storageOptions: options.storageOptions,
      io: options.env ? { env: options.env } : undefined,
    });
  } catch (error) {
    if (!isCasebookError(error)) throw error;
    warn(`similar incidents: left out (${error.message})`);
    return new Map();
  }
  const byId = new Map(reviews.map((r) => [r.id, r]));
  const k = options.k ?? 5;
  const judge = options.judge ?? true;
  // Ask for more than k: the index may hold reviews this build does not publish, and the
  // relevance rule drops some.
  const wanted = k + EXTRA_CANDIDATES;
  const result = new Map<string, SimilarIncident[]>();
  const lexical = matcher.embedder instanceof LexicalEmbedder ? matcher.embedder : undefined;
  const idf = lexical ? (t: string) => lexical.specificity(t) : undefined;
  // Each review's terms per indexed section, read once when it is first a candidate.
  const sectionTerms = new Map<string, Map<string, Set<string>>>();
  const termsOf = (review: Review) => {
    let terms = sectionTerms.get(review.id);
    if (!terms) {
      const d = review.data;
      terms = new Map([
        ...INDEXED_SECTIONS.map((key) => [key, candidateTerms(sectionText(review.sections, key))]),
        // The labels are indexed with every section (chunkSearchText): they are evidence too.
        ['labels', candidateTerms([d.title, ...d.services, ...d.failureModes].join('\n'))],
      ] as [string, Set<string>][]);
      sectionTerms.set(review.id, terms);
    }
    return terms;
  };
  try {
    const candidatesOf = lexical
      ? await inMemoryVectorHalf(matcher, lexical, wanted, candidatesFor(wanted))
      : undefined;
    const similarTo = async (review: Review): Promise<Candidate[]> => {
      if (candidatesOf) return candidatesOf(review);
      return (
        await matcher.query(reviewAsNotes(review), {
          k: wanted,
          excludeId: review.id,
          snippets: false,
          relevance: false,
        })
      ).map((h) => ({ ...h, sections: h.matchedSections }));
    };
    const limit = pLimit(Math.max(1, options.concurrency ?? SIMILAR_CONCURRENCY));
    await Promise.all(
      reviews.map((review) =>
        limit(async () => {
          const related = new Set(review.data.related);
          const query = judge ? queryTerms(reviewAsNotes(review), idf) : undefined;
          const evidenceOf = new Map<string, TermEvidence>();
          const hits: SimilarIncident[] = (await similarTo(review)).flatMap((h) => {
            const other = byId.get(h.id);
            // Only reviews this build publishes, and none already listed under Related.
            if (!other || (judge && related.has(h.id))) return [];
            const perSection = termsOf(other);
            const evidence: TermEvidence = query
              ? termEvidence(query, new Set([...perSection.values()].flatMap((t) => [...t])))
              : { terms: [], coverage: 0, queryWords: 0 };
            evidenceOf.set(h.id, evidence);
            const rarest = query?.words.find((w) => w.word === evidence.terms[0]);
            const matchedSection =
              (h.sections ?? []).find((key) => perSection.get(key)?.has(rarest?.tokens[0] ?? '')) ??
              INDEXED_SECTIONS.find((key) => perSection.get(key)?.has(rarest?.tokens[0] ?? ''));
            return [
              {
                id: h.id,
                title: h.title,
                score: h.score,
                failureModes: h.failureModes,
                sharedFailureModes: other.data.failureModes.filter((m) =>
                  review.data.failureModes.includes(m),
                ),
                sharedServices: other.data.services.filter((s) => review.data.services.includes(s)),
                strength: 'possible',
                textOnly: false,
                matchedTerms: evidence.terms,
                matchedSection,
              },
            ];
          });
          const list = judge
            ? judgeMatches(
                hits,
                (h) => ({
                  score: h.score,
                  evidence: evidenceOf.get(h.id)!,
                  sharedFailureModes: h.sharedFailureModes,
                  sharedServices: h.sharedServices,
                }),
                { context: true, limit: k },
              ).map(({ item, strength, textOnly }) => ({ ...item, strength, textOnly }))
            : hits.slice(0, k);
          result.set(review.id, list);
        }),
      ),
    );
  } finally {
    matcher.close();
  }
  // In the order of `reviews`, whatever order the queries finished in.
  return new Map(
    reviews.flatMap((r) => (result.has(r.id) ? [[r.id, result.get(r.id)!] as const] : [])),
  );
}

/**
 * Reads every chunk's vector and labels once and returns the per-review search: exact cosine
 * over the in-memory vectors, LanceDB full text, RRF, per-review aggregation into the top `k`.
 * `limit` chunks per side: the depth `matcher.query` uses for that `k`.
 */
async function inMemoryVectorHalf(
  matcher: Matcher,
  embedder: LexicalEmbedder,
  k: number,
  limit: number,
): Promise<(review: Review) => Promise<Candidate[]>> {
  const chunks = await loadChunkVectors(matcher);
  const { rerankers } = await loadLance();
  const reranker = await rerankers.RRFReranker.create(RRF_K);
  const vectorHits = topChunksOf(chunks, limit);

  return async (review) => {
    const notes = reviewAsNotes(review).trim();
    // The review's own chunks are dropped after the search rather than filtered in it (a
    // filtered full-text search costs about 20% more): asking for that many more hits gives
    // the same list.
    const own = chunks.perReview.get(review.id) ?? 0;
    const ftsHits = (
      await searchChunks(matcher.table, embedder, reranker, notes, {
        limit: limit + own,
        mode: 'fts',
      })
    )
      .filter((h) => h.id !== review.id)
      .slice(0, limit);
    const fused = new Map<string, ChunkHit>();
    const add = (id: string, section: string, rank: number) => {
      const key = `${id}\u0000${section}`;
      const hit = fused.get(key) ?? { id, section, _relevance_score: 0 };
      hit._relevance_score += 1 / (RRF_K + rank);
      fused.set(key, hit);
    };
    vectorHits(embedder.embedOne(notes), review.id).forEach((c, rank) =>
      add(chunks.ids[c]!, chunks.sections[c]!, rank),
    );
    ftsHits.forEach((h, rank) => add(h.id, h.section, rank));
    const hits = [...fused.values()]
      .sort((a, b) => b._relevance_score - a._relevance_score)
      .slice(0, limit);
    return rankReviews(hits, k).map(({ id, score, hits: sections }) => {
      const labels = chunks.labels.get(id);
      return {
        id,
        title: labels?.title ?? id,
        score: Number(score.toFixed(5)),
        failureModes: labels?.failureModes ?? [],
        sections: sections.map((s) => s.section),
      };
    });
  };
}

/** Every chunk's id and section, its review's labels, and the vectors as a dimension → (chunk, value) inverted index. */
interface ChunkVectors {
  ids: string[];
  sections: string[];
  labels: Map<string, { title: string; failureModes: string[] }>;
  /** Chunks per review id. */
  perReview: Map<string, number>;
  /** Postings of dimension d are offsets[d] .. offsets[d + 1] of `chunk` / `value`. */
  offsets: Int32Array;
  chunk: Int32Array;
  value: Float32Array;
  /** Each chunk's review as a number (the same for the chunks of one review). */
  owner: Int32Array;
  /** Review id → its number in `owner`. */
  ownerOf: Map<string, number>;
}

interface ArrowBatch {
  numRows: number;
  getChild(name: string): { get(index: number): unknown } | null;
}

async function loadChunkVectors(matcher: Matcher): Promise<ChunkVectors> {
  const dimensions = matcher.meta.embedder.dimensions;
  const ids: string[] = [];
  const sections: string[] = [];
  const labels = new Map<string, { title: string; failureModes: string[] }>();
  const perReview = new Map<string, number>();
  let dims: number[] = [];
  let vals: number[] = [];
  let owners: number[] = [];
  const batches: AsyncIterable<ArrowBatch> = matcher.table
    .query()
    .select(['id', 'section', 'title', 'failureModes', 'vector']);
  for await (const batch of batches) {
    if (!batch.numRows) continue;
    const col = (name: string) => {
      const child = batch.getChild(name);
      if (!child)
        throw new CasebookError(
          'INDEX_INCOMPATIBLE',
          `the index has no ${name} column: another version of Casebook built it. Rebuild it with \`casebook embed --full\`.`,
        );
      return child;
    };
    const [id, section, title, failureModes, vector] = [
      col('id'),
      col('section'),
      col('title'),
      col('failureModes'),
      col('vector'),
    ];
    for (let i = 0; i < batch.numRows; i++) {
      const chunkIndex = ids.length;
      const reviewId = String(id.get(i));
      ids.push(reviewId);
      perReview.set(reviewId, (perReview.get(reviewId) ?? 0) + 1);
      sections.push(String(section.get(i)));
      if (!labels.has(reviewId))
        labels.set(reviewId, {
          title: String(title.get(i)),
          failureModes: [...((failureModes.get(i) as Iterable<unknown> | null) ?? [])].map(String),
        });
      const v = vector.get(i) as { toArray(): Float32Array } | null;
      const values = v ? v.toArray() : new Float32Array(0);
      for (let d = 0; d < values.length; d++) {
        const x = values[d]!;
        if (x !== 0) {
          dims.push(d);
          vals.push(x);
          owners.push(chunkIndex);
        }
      }
    }
  }
  const offsets = new Int32Array(dimensions + 1);
  for (const d of dims) offsets[d + 1]!++;
  for (let d = 0; d < dimensions; d++) offsets[d + 1]! += offsets[d]!;
  const fill = offsets.slice(0, dimensions);
  const chunk = new Int32Array(dims.length);
  const value = new Float32Array(dims.length);
  for (let p = 0; p < dims.length; p++) {
    const at = fill[dims[p]!]!++;
    chunk[at] = owners[p]!;
    value[at] = vals[p]!;
  }
  const ownerOf = new Map<string, number>();
  const owner = Int32Array.from(ids, (id) => {
    let n = ownerOf.get(id);
    if (n === undefined) ownerOf.set(id, (n = ownerOf.size));
    return n;
  });
  dims = vals = owners = [];
  return {
    ids,
    sections,
    labels,
    perReview,
    offsets,
    chunk,
    value,
    owner,
    ownerOf,
  };
}

/**
 * The exact top `limit` chunks by cosine (the vectors are normalised, so a dot product) for a
 * query vector, a review's own chunks left out: by score, then by chunk order. Every chunk is
 * scored through the inverted index (only the dimensions it shares with the query), then one
 * pass keeps the best: a chunk under the current `limit`-th score costs one comparison.
 * (Pruning the dimensions, MaxScore-style, was tried: on hashed, signed TF-IDF vectors it saw
 * 71% of the postings and every chunk at 1,000 reviews, and was slower.)
 */
export function topChunksOf(
  chunks: Pick<ChunkVectors, 'offsets' | 'chunk' | 'value' | 'owner' | 'ownerOf'>,
  limit: number,
): (query: Float32Array, excludeId: string) => number[] {
  const scores = new Float64Array(chunks.owner.length);
  // Locals, not property reads, in the loops below (they run once per posting).
  const { offsets, chunk, value, owner } = chunks;
  return (query, excludeId) => {
    const exclude = chunks.ownerOf.get(excludeId) ?? -1;
    scores.fill(0);
    for (let d = 0; d < query.length; d++) {
      const q = query[d]!;
      if (q === 0) continue;
      for (let p = offsets[d]!, end = offsets[d + 1]!; p < end; p++) {
        const c = chunk[p]!;
        scores[c] = scores[c]! + q * value[p]!;
      }
    }
    const top: number[] = [];
    let floor = -Infinity;
    for (let c = 0; c < scores.length; c++) {
      const s = scores[c]!;
      if (s <= floor || owner[c] === exclude) continue;
      // After the last chunk scoring at least s: ties keep chunk order.
      let at = top.length === limit ? limit - 1 : top.length;
      while (at > 0 && scores[top[at - 1]!]! < s) at--;
      top.splice(at, 0, c);
      if (top.length > limit) top.pop();
      if (top.length === limit) floor = scores[top[limit - 1]!]!;
    }
    return top;
  };
}

/** Version of the similar-incidents file (`casebook embed --similar-out`). */
const SIMILAR_FILE_VERSION = 1;

/** The similar-incidents file: what the site build's pages read instead of computing them. */
interface SimilarFile {
  version: number;
  /** Review id → its similar incidents, in the order `similarIncidents` returns them. */
  reviews: Record<string, SimilarIncident[]>;
}

/**
 * The "Similar incidents" of every review the site publishes from a loaded corpus (the same
 * published set and the same pass as the site's own).
 */
export function corpusSimilarIncidents(
  corpus: Pick<Corpus, 'reviews'>,
  options: Omit<SimilarOptions, 'env'> & { env: Record<string, string | undefined> },
): Promise<Map<string, SimilarIncident[]>> {
  return similarIncidents(publishedReviews(corpus.reviews, includeDrafts(options.env)), options);
}

/** The similar-incidents file's text. */
export const similarFileText = (similar: ReadonlyMap<string, SimilarIncident[]>): string =>
  JSON.stringify({
    version: SIMILAR_FILE_VERSION,
    reviews: Object.fromEntries(similar),
  } satisfies SimilarFile);

/** Reads a similar-incidents file; INDEX_UNREADABLE naming it when it is not one of this version. */
export async function readSimilarFile(path: string): Promise<Map<string, SimilarIncident[]>> {
  let parsed: Partial<SimilarFile> | undefined;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8')) as Partial<SimilarFile>;
  } catch (error) {
    throw new CasebookError(
      'INDEX_UNREADABLE',
      `${path}: the similar-incidents file cannot be read (${(error as Error).message}). Run \`casebook embed --similar-out ${path}\` again.`,
    );
  }
  if (parsed?.version !== SIMILAR_FILE_VERSION || typeof parsed.reviews !== 'object')
    throw new CasebookError(
      'INDEX_UNREADABLE',
      `${path}: not a similar-incidents file of version ${SIMILAR_FILE_VERSION}. Run \`casebook embed --similar-out ${path}\` again.`,
    );
  return new Map(Object.entries(parsed.reviews));
}
