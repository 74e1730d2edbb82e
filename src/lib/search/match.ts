/**
 * "Have we seen this before?": hybrid search of incident notes against the index.
 * Vector search plus full-text search, fused by LanceDB's RRF reranker, then aggregated per
 * review (sum of its sections' fused scores), with the matched sections and a short snippet
 * of each as the "why".
 */
import type { Table, rerankers } from '@lancedb/lancedb';
import { CasebookError, isCasebookError } from '../errors.ts';
import { dbUriOf } from '../config.ts';
import { createEmbedder, embedderOptionsFromEnv, type EmbedderKind } from './embedder.ts';
import {
  describeEmbedder,
  identityOf,
  isFitted,
  sameEmbedder,
  type Embedder,
} from './embedding.ts';
import { LexicalEmbedder, LEXICAL_ID } from './lexical.ts';
import {
  assertDbLocation,
  INDEX_FORMAT,
  IndexReadError,
  IndexStore,
  lanceReason,
  loadLance,
  mayHoldIndex,
  sqlString,
  type IndexMeta,
  type ChunkRow,
} from './store.ts';
import { bestSnippet, ftsQueryOf } from './snippets.ts';
import {
  candidateTerms,
  judgeMatches,
  queryTerms,
  termEvidence,
  whyLine,
  type MatchStrength,
} from './relevance.ts';

/** What matching uses of its surroundings (the CLI's `Io` fits). */
export interface MatchEnvironment {
  env: Record<string, string | undefined>;
  cwd?: string;
}

export interface MatchOptions {
  dbUri: string;
  /** LanceDB storage options for object stores (`storageOptionsOf`). */
  storageOptions?: Record<string, string> | undefined;
  /** The content folder the index was built from (named in messages). */
  contentDir: string;
  /** How many reviews to return (default 5). */
  k?: number | undefined;
  /** Only reviews that list this service. */
  service?: string | undefined;
  /** Only reviews dated on or after this day. */
  since?: Date | undefined;
  /** Default `auto`: the embedder the index was built with. Another one throws INDEX_EMBEDDER_MISMATCH. */
  embedder?: Embedder | EmbedderKind | undefined;
  io?: MatchEnvironment | undefined;
}

export interface MatchHit {
  id: string;
  title: string;
  /** Sum of the review's sections' RRF scores (higher is closer). */
  score: number;
  failureModes: string[];
  services: string[];
  severity: string;
  /** YYYY-MM-DD. */
  date: string;
  /** Section keys that matched, best first ("detailed mechanism", ...). */
  matchedSections: string[];
  /** One short excerpt per matched section, same order. */
  snippets: string[];
  /** The relevance label (src/lib/search/relevance.ts); absent when `relevance: false`. */
  strength?: MatchStrength;
  /** The notes' words found in the matched sections, rarest first. */
  matchedTerms?: string[];
  /** One line: matched words and the section they were found in. */
  why?: string;
}

interface QueryOptions {
  k?: number | undefined;
  service?: string | undefined;
  since?: Date | undefined;
  /** Leave this review out (used for "similar incidents" of a review). */
  excludeId?: string;
  /** Compute the snippets (default true); without, `snippets` is empty and no section text is read. */
  snippets?: boolean;
  /**
   * Apply the relevance cutoff and labels (default true, reads the section text); hits without
   * enough evidence are dropped, so the list may be empty ("no close match"). With `false` the
   * caller judges (the site's similar incidents judge against whole reviews).
   */
  relevance?: boolean;
}

/** An open index ready for many queries (the site build and benchmarks reuse one). */
export interface Matcher {
  embedder: Embedder;
  meta: IndexMeta;
  /** The open chunks table, for whole-index passes (the site build's similar incidents). */
  table: Table;
  query(notes: string, options?: QueryOptions): Promise<MatchHit[]>;
  close(): void;
}

/** The exact `casebook embed` command that builds the index these options read (with --db when it is not the default). */
const embedHint = (
  options: Pick<MatchOptions, 'contentDir' | 'dbUri'> & {
    io?: Partial<MatchEnvironment> | undefined;
  },
) => {
  const defaultDb = dbUriOf(undefined, { env: {}, cwd: options.io?.cwd ?? process.cwd() });
  return `run \`casebook embed${options.contentDir ? ` --content ${options.contentDir}` : ''}${options.dbUri !== defaultDb ? ` --db ${options.dbUri}` : ''}\``;
};

/** The error `match` gives for an index it cannot read: what happened and the command that heals it. */
const unreadableIndex = (
  options: Pick<MatchOptions, 'contentDir' | 'dbUri'> & {
    io?: Partial<MatchEnvironment> | undefined;
  },
  reason: string,
  cause?: unknown,
): CasebookError =>
  new CasebookError(
    'INDEX_UNREADABLE',
    `the similarity index at ${options.dbUri} cannot be read (${reason}). It is derived data: ${embedHint(options)} to rebuild it from the reviews (embed replaces an unreadable index by itself).`,
    { cause },
  );

/**
 * Opens the index and the embedder it was built with; throws INDEX_MISSING,
 * INDEX_EMBEDDER_MISMATCH, or INDEX_UNREADABLE (never a raw LanceDB error).
 */
export async function openMatcher(
  options: Omit<MatchOptions, 'k' | 'service' | 'since' | 'io'> & {
    io?: MatchEnvironment | undefined;
  },
): Promise<Matcher> {
  await assertDbLocation(options.dbUri);
  if (!(await mayHoldIndex(options.dbUri)))
    throw new CasebookError(
      'INDEX_MISSING',
      `no similarity index at ${options.dbUri}; ${embedHint(options)} first.`,
    );
  const store = await IndexStore.open(options.dbUri, { storageOptions: options.storageOptions });
  try {
    let meta: IndexMeta | null;
    let table: Table | null;
    try {
      meta = await store.readMeta();
      table = meta && meta.format === INDEX_FORMAT ? await store.chunks(meta) : null;
    } catch (error) {
      if (error instanceof IndexReadError) throw unreadableIndex(options, error.reason, error);
      throw error;
    }
    if (meta && meta.format !== INDEX_FORMAT)
      throw new CasebookError(
        'INDEX_MISSING',
        `the similarity index at ${options.dbUri} was built by an older Casebook (index format ${meta.format}, now ${INDEX_FORMAT}); ${embedHint(options)} to rebuild it.`,
      );
    if (!meta || !table) {
      throw new CasebookError(
        'INDEX_MISSING',
        `no similarity index at ${options.dbUri}${meta ? ' (it is empty: no published reviews)' : ''}; ${embedHint(options)} first.`,
      );
    }
    const open = table;
    const embedder = await embedderFor(meta, options);
    const { rerankers } = await loadLance();
    const reranker = await rerankers.RRFReranker.create();
    return {
      embedder,
      meta,
      table,
      query: (notes, q = {}) =>
        queryTable(open, embedder, reranker, notes, q).catch((error: unknown) => {
          if (isCasebookError(error)) throw error;
          throw unreadableIndex(options, lanceReason(error), error);
        }),
      close: () => store.close(),
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

async function embedderFor(
  meta: IndexMeta,
  options: Pick<MatchOptions, 'embedder' | 'contentDir' | 'dbUri'> & {
    io?: MatchEnvironment | undefined;
  },
): Promise<Embedder> {
  const wanted = options.embedder ?? 'auto';
  const mismatch = (mine: string) =>
    new CasebookError(
      'INDEX_EMBEDDER_MISMATCH',
      `the index was built with ${describeEmbedder(meta.embedder)}, not ${mine}; its vectors cannot be compared. ` +
        `Re-embed with the embedder you want (${embedHint(options)} --embedder ...), or match with --embedder ${meta.embedder.id}.`,
    );
  let embedder: Embedder;
  if (typeof wanted === 'object') {
    if (!sameEmbedder(identityOf(wanted), meta.embedder))
      throw mismatch(describeEmbedder(identityOf(wanted)));
    embedder = wanted;
  } else if (meta.embedder.id === LEXICAL_ID) {
    if (wanted === 'transformers') throw mismatch('the transformers.js model');
    if (!meta.lexicalState)
      throw new CasebookError(
        'INDEX_MISSING',
        `the index at ${options.dbUri} has no stored IDF; ${embedHint(options)} again.`,
      );
    return LexicalEmbedder.fromState(meta.lexicalState);
  } else {
    if (wanted === 'lexical') throw mismatch('the lexical embedder');
    const env = options.io?.env ?? {};
    embedder = await createEmbedder('transformers', {
      ...embedderOptionsFromEnv(env),
      model: meta.embedder.model,
      allowDownload: false,
    });
    if (!sameEmbedder(identityOf(embedder), meta.embedder))
      throw mismatch(describeEmbedder(identityOf(embedder)));
  }
  if (isFitted(embedder) && meta.lexicalState) embedder.importState(meta.lexicalState);
  return embedder;
}

export type SearchMode = 'hybrid' | 'vector' | 'fts';

/** What a search returns of each chunk: `ids` for ranking only, `labels` adds the review's labels, `text` also the section text. */
type ChunkFields = 'ids' | 'labels' | 'text';

/** A chunk returned by a search: its review and section, the reranker's score (higher is closer), and the fields asked for. */
export type ChunkHit = Pick<ChunkRow, 'id' | 'section'> &
  Partial<Pick<ChunkRow, 'title' | 'services' | 'failureModes' | 'severity' | 'date' | 'text'>> & {
    _relevance_score: number;
  };

/**
 * Columns per `ChunkFields`. Select only what is used: both result lists cross Arrow IPC into
 * JavaScript and through the RRF reranker, so every selected column is serialised several
 * times per query (the chunk text is the heaviest). Results are read column-wise from Arrow
 * (`toArrow`), not through per-row proxies.
 */
const COLUMNS: Record<ChunkFields, string[]> = {
  ids: ['id', 'section'],
  labels: ['id', 'section', 'title', 'services', 'failureModes', 'severity', 'date'],
  text: ['id', 'section', 'title', 'services', 'failureModes', 'severity', 'date', 'text'],
};

/**
 * Chunks fetched per side (vector and full text) before fusion: at least CANDIDATES_MIN, and
 * CANDIDATES_PER_REVIEW per review asked for (the default k = 5 gives 30; it was 40). Measured
 * at 10,000 synthetic reviews over 210 queries, together with the one-partition vector index:
 * the top review agrees with the former setting on 96.7% of queries, the top 5 overlap 92.5%
 * (the differences are near-ties between reviews of the same failure mode: the share of the
 * top 5 sharing the first hit's failure mode is 0.992 both ways).
 */
const CANDIDATES_MIN = 30;
const CANDIDATES_PER_REVIEW = 6;
/**
 * Reviews ranked and judged for any k up to this one, so that asking for fewer returns the
 * first k of the same list (the cutoff and labels do not change with k).
 */
const RELEVANCE_POOL = 10;
/** Chunks fetched per side when `k` reviews are asked for. */
export const candidatesFor = (k: number): number =>
  Math.max(k * CANDIDATES_PER_REVIEW, CANDIDATES_MIN);
/** The SQL filter that leaves a review out. */
const excludeFilter = (id: string): string => `id != ${sqlString(id)}`;

export interface ChunkSearchOptions {
  /** Chunks to return. */
  limit: number;
  /** SQL filter (LanceDB `where`). */
  where?: string | undefined;
  /** Default hybrid: vector + full text fused by RRF. */
  mode?: SearchMode;
  /** Default `ids`. */
  fields?: ChunkFields;
}

/**
 * One search of the chunks table: vector, full text, or both fused by LanceDB's RRF reranker.
 * Each hit carries `_relevance_score` (higher is closer). The engine behind `match`, the
 * site's similar incidents and the retrieval benchmark.
 */
export async function searchChunks(
  table: Table,
  embedder: Embedder,
  reranker: rerankers.RRFReranker,
  notes: string,
  options: ChunkSearchOptions,
): Promise<ChunkHit[]> {
  const mode = options.mode ?? 'hybrid';
  const fields = options.fields ?? 'ids';
  const columns = COLUMNS[fields];
  const ftsQuery =
    mode === 'vector'
      ? ''
      : ftsQueryOf(notes, embedder instanceof LexicalEmbedder ? embedder : undefined);
  if (mode === 'fts' || (mode === 'hybrid' && !ftsQuery)) {
    if (!ftsQuery) return [];
    let q = table.query().fullTextSearch(ftsQuery, { columns: ['search'] });
    if (options.where) q = q.where(options.where);
    return hitsOf(
      await q.select(columns).limit(options.limit).toArrow(),
      fields,
      (_, i) => 1 / (60 + i + 1),
    );
  }
  const [vector] = await embedder.embed([notes]);
  if (!vector)
    throw new CasebookError(
      'MODEL_UNAVAILABLE',
      `embedder ${embedder.id} returned no vector for the notes. The model files may be damaged: fetch them again, or use --embedder lexical.`,
    );
  const vectorQuery = () => {
    const q = table.query().nearestTo(vector).distanceType('cosine');
    return (options.where ? q.where(options.where) : q).select(columns).limit(options.limit);
  };
  if (mode === 'vector')
    return hitsOf(await vectorQuery().toArrow(), fields, (_, i) => 1 / (60 + i + 1));
  // Hybrid: the two searches run side by side and their results go straight to LanceDB's RRF
  // reranker. This is what `query.fullTextSearch(...).rerank(reranker)` does, without its
  // extra Arrow IPC round trips through JavaScript (Rust → JS → Rust for the reranker → JS →
  // Rust → JS): about 3 ms of an 8 ms query at 50,000 chunks. RRF reads only the rank order
  // and `_rowid` of each list. Should a side come back in several batches (or empty), the
  // built-in pipeline is used.
  let text = table.query().fullTextSearch(ftsQuery, { columns: ['search'] });
  if (options.where) text = text.where(options.where);
  const [byVector, byText] = await Promise.all([
    vectorQuery().withRowId().toArrow(),
    text.select(columns).limit(options.limit).withRowId().toArrow(),
  ]);
  const [vectorBatch, textBatch] = [byVector.batches, byText.batches].map((b) =>
    b.length === 1 && b[0]!.numRows ? b[0] : undefined,
  );
  if (!vectorBatch || !textBatch)
    return hitsOf(
      await vectorQuery()
        .fullTextSearch(ftsQuery, { columns: ['search'] })
        .rerank(reranker)
        .toArrow(),
      fields,
      (score) => Number(score),
    );
  const fused = await reranker.rerankHybrid(ftsQuery, vectorBatch, textBatch);
  return hitsOf(fused, fields, (score) => Number(score)).slice(0, options.limit);
}

/** The part of an Arrow table read here (LanceDB bundles its own apache-arrow). */
interface ArrowColumns {
  numRows: number;
  getChild(name: string): { get(index: number): unknown } | null;
}

const strings = (v: unknown): string[] =>
  v && typeof v === 'object' && Symbol.iterator in v
    ? [...(v as Iterable<unknown>)].map(String)
    : [];

/** Hits from a result table, read column-wise. */
function hitsOf(
  t: ArrowColumns,
  fields: ChunkFields,
  scoreOf: (relevance: unknown, rank: number) => number,
): ChunkHit[] {
  if (!t.numRows) return []; // an empty result may come without a schema
  const col = (name: string) => {
    const child = t.getChild(name);
    if (!child)
      throw new CasebookError(
        'INDEX_INCOMPATIBLE',
        `the index has no ${name} column: another version of Casebook built it. Rebuild it with \`casebook embed --full\`.`,
      );
    return child;
  };
  const [id, section] = [col('id'), col('section')];
  const relevance = t.getChild('_relevance_score');
  const labels =
    fields === 'ids'
      ? undefined
      : {
          title: col('title'),
          services: col('services'),
          failureModes: col('failureModes'),
          severity: col('severity'),
          date: col('date'),
        };
  const text = fields === 'text' ? col('text') : undefined;
  const hits: ChunkHit[] = [];
  for (let i = 0; i < t.numRows; i++) {
    const hit: ChunkHit = {
      id: String(id.get(i)),
      section: String(section.get(i)),
      _relevance_score: scoreOf(relevance?.get(i), i),
    };
    if (labels) {
      hit.title = String(labels.title.get(i));
      hit.services = strings(labels.services.get(i));
      hit.failureModes = strings(labels.failureModes.get(i));
      hit.severity = String(labels.severity.get(i));
      hit.date = String(labels.date.get(i));
    }
    if (text) hit.text = String(text.get(i));
    hits.push(hit);
  }
  return hits;
}

/** A review ranked by the sum of its sections' fused scores, with those sections (best first). */
export interface RankedReview {
  id: string;
  score: number;
  /** The review's best-scoring hit per section, best first. */
  hits: ChunkHit[];
}

/** Aggregates chunk hits per review: the top `k` reviews, ties broken by id. */
export function rankReviews(hits: readonly ChunkHit[], k: number): RankedReview[] {
  const byReview = new Map<string, RankedReview>();
  for (const hit of hits) {
    let entry = byReview.get(hit.id);
    if (!entry) byReview.set(hit.id, (entry = { id: hit.id, score: 0, hits: [] }));
    entry.score += hit._relevance_score;
    entry.hits.push(hit);
  }
  return [...byReview.values()]
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, k)
    .map((r) => ({ ...r, hits: r.hits.sort((a, b) => b._relevance_score - a._relevance_score) }));
}

async function queryTable(
  table: Table,
  embedder: Embedder,
  reranker: rerankers.RRFReranker,
  notes: string,
  options: QueryOptions,
): Promise<MatchHit[]> {
  const text = notes.trim();
  if (!text)
    throw new CasebookError(
      'INPUT_EMPTY',
      'the notes are empty. Pass a file (or stdin) with a description of the incident: symptoms, errors, services.',
    );
  const k = options.k ?? 5;
  // The same candidate pool for every k up to RELEVANCE_POOL: RRF scores, and so the ranking
  // and the relative cutoff, depend on how many candidates are fused, so a pool sized by k
  // made k = 5 and k = 10 disagree on the first five.
  const pool = Math.max(k, RELEVANCE_POOL);
  const filters: string[] = [];
  if (options.service) filters.push(`array_has(services, ${sqlString(options.service)})`);
  if (options.since) filters.push(`date >= ${sqlString(options.since.toISOString().slice(0, 10))}`);
  if (options.excludeId) filters.push(excludeFilter(options.excludeId));
  const withSnippets = options.snippets ?? true;
  const withRelevance = options.relevance ?? true;
  const hits = await searchChunks(table, embedder, reranker, text, {
    limit: candidatesFor(pool),
    where: filters.length ? filters.join(' AND ') : undefined,
    fields: withSnippets || withRelevance ? 'text' : 'labels',
  });
  const lexical = embedder instanceof LexicalEmbedder ? embedder : undefined;
  const ranked = rankReviews(hits, pool).map(({ id, score, hits: sections }) => {
    const first = sections[0];
    const hit: MatchHit = {
      id,
      title: first?.title ?? id,
      score: Number(score.toFixed(5)),
      failureModes: first?.failureModes ?? [],
      services: first?.services ?? [],
      severity: first?.severity ?? '',
      date: first?.date ?? '',
      matchedSections: sections.slice(0, 3).map((s) => s.section),
      snippets: [],
    };
    return { hit, sections };
  });
  // Snippets only for the k hits returned.
  const withSnippetsOf = (hit: MatchHit, sections: ChunkHit[]): MatchHit =>
    withSnippets
      ? {
          ...hit,
          snippets: sections.slice(0, 3).map((s) => bestSnippet(s.text ?? '', text, lexical)),
        }
      : hit;
  if (!withRelevance)
    return ranked.slice(0, k).map(({ hit, sections }) => withSnippetsOf(hit, sections));
  const query = queryTerms(text, lexical ? (t) => lexical.specificity(t) : undefined);
  const evidence = new Map(
    ranked.map(({ hit, sections }) => [
      hit.id,
      termEvidence(
        query,
        candidateTerms(
          [
            hit.title,
            ...hit.services,
            ...hit.failureModes,
            ...sections.map((s) => s.text ?? ''),
          ].join('\n'),
        ),
      ),
    ]),
  );
  return judgeMatches(
    ranked,
    ({ hit }) => ({ score: hit.score, evidence: evidence.get(hit.id)! }),
    { limit: k },
  ).map(({ item: { hit, sections }, strength }) => {
    const terms = evidence.get(hit.id)!.terms;
    // The section where the rarest matched word is found.
    const section =
      sections.find((s) => candidateTerms(s.text ?? '').has(queryTokenOf(query, terms[0]))) ??
      sections[0];
    return {
      ...withSnippetsOf(hit, sections),
      strength,
      matchedTerms: terms,
      why: whyLine({ terms, section: section?.section }),
    };
  });
}

/** The first token of a query word (how it is looked up in a section's terms). */
const queryTokenOf = (query: ReturnType<typeof queryTerms>, word: string | undefined): string =>
  query.words.find((w) => w.word === word)?.tokens[0] ?? '';

/** Finds the past reviews most similar to incident notes. Opens and closes the index. */
export async function matchNotes(notes: string, options: MatchOptions): Promise<MatchHit[]> {
  if (!notes.trim())
    throw new CasebookError(
      'INPUT_EMPTY',
      'the notes are empty. Pass a description of the incident: symptoms, errors, services.',
    );
  const matcher = await openMatcher(options);
  try {
    return await matcher.query(notes, {
      k: options.k,
      service: options.service,
      since: options.since,
    });
  } finally {
    matcher.close();
  }
}
