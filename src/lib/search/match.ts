/**
 * "Have we seen this before?": hybrid search of incident notes against the index.
 * Vector search plus full-text search, fused by LanceDB's RRF reranker, then aggregated per
 * review (sum of its sections' fused scores), with the matched sections and a short snippet
 * of each as the "why".
 */
import type { Table, rerankers } from '@lancedb/lancedb';
import type { Io } from '../cli/io.ts';
import { CasebookError } from '../errors.ts';
import { createEmbedder, describeEmbedder, embedderOptionsFromEnv, identityOf, isFitted, sameEmbedder, type Embedder, type EmbedderKind } from './embedder.ts';
import { LexicalEmbedder, LEXICAL_ID } from './lexical.ts';
import { IndexStore, loadLance, sqlString, type IndexMeta, type ChunkRow } from './store.ts';
import { bestSnippet, ftsQueryOf } from './snippets.ts';

export interface MatchOptions {
  dbUri: string;
  /** The content folder the index was built from (named in messages). */
  contentDir: string;
  /** How many reviews to return (default 5). */
  k?: number;
  /** Only reviews that list this service. */
  service?: string;
  /** Only reviews dated on or after this day. */
  since?: Date;
  /** Default `auto`: the embedder the index was built with. Another one throws INDEX_EMBEDDER_MISMATCH. */
  embedder?: Embedder | EmbedderKind;
  io?: Io;
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
}

export interface QueryOptions {
  k?: number;
  service?: string;
  since?: Date;
  /** Leave this review out (used for "similar incidents" of a review). */
  excludeId?: string;
  /** Compute the snippets (default true); without, `snippets` is empty and no section text is read. */
  snippets?: boolean;
}

/** An open index ready for many queries (the site build and benchmarks reuse one). */
export interface Matcher {
  embedder: Embedder;
  meta: IndexMeta;
  query(notes: string, options?: QueryOptions): Promise<MatchHit[]>;
  close(): void;
}

const embedHint = (contentDir: string) => `run \`casebook embed${contentDir ? ` --content ${contentDir}` : ''}\``;

/** Opens the index and the embedder it was built with; throws INDEX_MISSING / INDEX_EMBEDDER_MISMATCH. */
export async function openMatcher(options: Omit<MatchOptions, 'k' | 'service' | 'since' | 'io'> & { io?: Pick<Io, 'env'> }): Promise<Matcher> {
  const store = await IndexStore.open(options.dbUri);
  try {
    const meta = await store.readMeta();
    const table = meta ? await store.chunks() : null;
    if (!meta || !table) {
      throw new CasebookError('INDEX_MISSING', `no similarity index at ${options.dbUri}${meta ? ' (it is empty: no published reviews)' : ''}; ${embedHint(options.contentDir)} first.`);
    }
    const embedder = await embedderFor(meta, options);
    const { rerankers } = await loadLance();
    const reranker = await rerankers.RRFReranker.create();
    return {
      embedder,
      meta,
      query: (notes, q = {}) => queryTable(table, embedder, reranker, notes, q),
      close: () => store.close(),
    };
  } catch (error) {
    store.close();
    throw error;
  }
}

async function embedderFor(meta: IndexMeta, options: Pick<MatchOptions, 'embedder' | 'contentDir' | 'dbUri'> & { io?: Pick<Io, 'env'> }): Promise<Embedder> {
  const wanted = options.embedder ?? 'auto';
  const mismatch = (mine: string) =>
    new CasebookError(
      'INDEX_EMBEDDER_MISMATCH',
      `the index was built with ${describeEmbedder(meta.embedder)}, not ${mine}; its vectors cannot be compared. ` +
        `Re-embed with the embedder you want (${embedHint(options.contentDir)} --embedder ...), or match with --embedder ${meta.embedder.id}.`,
    );
  let embedder: Embedder;
  if (typeof wanted === 'object') {
    if (!sameEmbedder(identityOf(wanted), meta.embedder)) throw mismatch(describeEmbedder(identityOf(wanted)));
    embedder = wanted;
  } else if (meta.embedder.id === LEXICAL_ID) {
    if (wanted === 'transformers') throw mismatch('the transformers.js model');
    if (!meta.lexicalState) throw new CasebookError('INDEX_MISSING', `the index at ${options.dbUri} has no stored IDF; ${embedHint(options.contentDir)} again.`);
    return LexicalEmbedder.fromState(meta.lexicalState);
  } else {
    if (wanted === 'lexical') throw mismatch('the lexical embedder');
    const env = options.io?.env ?? {};
    embedder = await createEmbedder('transformers', { ...embedderOptionsFromEnv(env), model: meta.embedder.model, allowDownload: false });
    if (!sameEmbedder(identityOf(embedder), meta.embedder)) throw mismatch(describeEmbedder(identityOf(embedder)));
  }
  if (isFitted(embedder) && meta.lexicalState) embedder.importState(meta.lexicalState);
  return embedder;
}

export type SearchMode = 'hybrid' | 'vector' | 'fts';

export interface ChunkSearchOptions {
  /** Chunks to return. */
  limit: number;
  /** SQL filter (LanceDB `where`). */
  where?: string;
  /** Default hybrid: vector + full text fused by RRF. */
  mode?: SearchMode;
}

/** A chunk returned by a search: its review and section, and the reranker's score (higher is closer). */
export type ChunkHit = Pick<ChunkRow, 'id' | 'section'> & { _relevance_score: number };

/**
 * What a search carries through LanceDB's hybrid pipeline: only what aggregation needs. The
 * hybrid reranker round-trips both result sets through Arrow IPC into JavaScript and back, so
 * every column selected here is serialised three times per query; carrying the chunk text
 * and labels cost about 4 ms of a 13 ms query at 50,000 chunks. The top reviews' labels and
 * text are fetched afterwards (`reviewDetails`).
 */
const HIT_COLUMNS = ['id', 'section'];
const DETAIL_COLUMNS = ['id', 'title', 'services', 'failureModes', 'severity', 'date', 'section'];

/**
 * Chunks fetched per side (vector and full text) before fusion: at least CANDIDATES_MIN, and
 * CANDIDATES_PER_REVIEW per review asked for. Measured at 10,000 reviews (50,000 chunks): 30
 * keeps the top-5 reviews of the former 40 (see scripts/bench/match.ts) while each side
 * searches less.
 */
export const CANDIDATES_MIN = 30;
export const CANDIDATES_PER_REVIEW = 6;

/**
 * One search of the chunks table: vector, full text, or both fused by LanceDB's RRF reranker.
 * Each hit carries `_relevance_score` (higher is closer). The engine behind `match`, the
 * site's similar incidents and the retrieval benchmark.
 */
export async function searchChunks(table: Table, embedder: Embedder, reranker: rerankers.RRFReranker, notes: string, options: ChunkSearchOptions): Promise<ChunkHit[]> {
  const mode = options.mode ?? 'hybrid';
  const ftsQuery = mode === 'vector' ? '' : ftsQueryOf(notes, embedder instanceof LexicalEmbedder ? embedder : undefined);
  if (mode === 'fts' || (mode === 'hybrid' && !ftsQuery)) {
    if (!ftsQuery) return [];
    let q = table.query().fullTextSearch(ftsQuery, { columns: ['search'] });
    if (options.where) q = q.where(options.where);
    return hitsOf(await q.select(HIT_COLUMNS).limit(options.limit).toArrow(), (_, i) => 1 / (60 + i + 1));
  }
  const [vector] = await embedder.embed([notes]);
  if (!vector) throw new Error('the embedder returned no vector');
  let query = table.query().nearestTo(vector).distanceType('cosine');
  if (options.where) query = query.where(options.where);
  query = query.select(HIT_COLUMNS).limit(options.limit);
  if (mode === 'hybrid') return hitsOf(await query.fullTextSearch(ftsQuery, { columns: ['search'] }).rerank(reranker).toArrow(), (score) => Number(score));
  return hitsOf(await query.toArrow(), (_, i) => 1 / (60 + i + 1));
}

/** The part of an Arrow table read here (LanceDB bundles its own apache-arrow). */
interface ArrowColumns {
  numRows: number;
  getChild(name: string): { get(index: number): unknown } | null;
}

const column = (t: ArrowColumns, name: string) => {
  const child = t.getChild(name);
  if (!child) throw new Error(`the search result has no ${name} column`);
  return child;
};
const strings = (v: unknown): string[] => (v && typeof v === 'object' && Symbol.iterator in v ? [...(v as Iterable<unknown>)].map(String) : []);

/** Hits from a result table, read column-wise (no per-row proxies). */
function hitsOf(t: ArrowColumns, scoreOf: (relevance: unknown, rank: number) => number): ChunkHit[] {
  const ids = column(t, 'id');
  const sections = column(t, 'section');
  const relevance = t.getChild('_relevance_score');
  return Array.from({ length: t.numRows }, (_, i) => ({ id: String(ids.get(i)), section: String(sections.get(i)), _relevance_score: scoreOf(relevance?.get(i), i) }));
}

/** A review ranked by the sum of its sections' fused scores, with those sections best first. */
export interface RankedReview {
  id: string;
  score: number;
  sections: { section: string; score: number }[];
}

/** Aggregates chunk hits per review: the top `k` reviews, ties broken by id. */
export function rankReviews(hits: readonly ChunkHit[], k: number): RankedReview[] {
  const byReview = new Map<string, RankedReview>();
  for (const hit of hits) {
    let entry = byReview.get(hit.id);
    if (!entry) byReview.set(hit.id, (entry = { id: hit.id, score: 0, sections: [] }));
    entry.score += hit._relevance_score;
    entry.sections.push({ section: hit.section, score: hit._relevance_score });
  }
  return [...byReview.values()]
    .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
    .slice(0, k)
    .map((r) => ({ ...r, sections: r.sections.sort((a, b) => b.score - a.score) }));
}

interface ReviewDetails {
  title: string;
  services: string[];
  failureModes: string[];
  severity: string;
  date: string;
  /** Section key → text (only when asked for). */
  texts: Map<string, string>;
}

/** The labels (and, with `text`, the section texts) of these reviews: one `id IN (...)` lookup on the id index. */
async function reviewDetails(table: Table, ids: readonly string[], text: boolean): Promise<Map<string, ReviewDetails>> {
  const t: ArrowColumns = await table
    .query()
    .where(`id IN (${ids.map(sqlString).join(', ')})`)
    .select(text ? [...DETAIL_COLUMNS, 'text'] : DETAIL_COLUMNS)
    .toArrow();
  const [id, title, services, failureModes, severity, date, section] = ['id', 'title', 'services', 'failureModes', 'severity', 'date', 'section'].map((name) => column(t, name));
  const texts = text ? column(t, 'text') : undefined;
  if (!id || !title || !services || !failureModes || !severity || !date || !section) throw new Error('the index lookup returned too few columns');
  const details = new Map<string, ReviewDetails>();
  for (let i = 0; i < t.numRows; i++) {
    const key = String(id.get(i));
    let entry = details.get(key);
    if (!entry) {
      entry = { title: String(title.get(i)), services: strings(services.get(i)), failureModes: strings(failureModes.get(i)), severity: String(severity.get(i)), date: String(date.get(i)), texts: new Map() };
      details.set(key, entry);
    }
    if (texts) entry.texts.set(String(section.get(i)), String(texts.get(i)));
  }
  return details;
}

async function queryTable(table: Table, embedder: Embedder, reranker: rerankers.RRFReranker, notes: string, options: QueryOptions): Promise<MatchHit[]> {
  const text = notes.trim();
  if (!text) throw new CasebookError('INPUT_EMPTY', 'the notes are empty. Pass a file (or stdin) with a description of the incident: symptoms, errors, services.');
  const k = options.k ?? 5;
  const filters: string[] = [];
  if (options.service) filters.push(`array_has(services, ${sqlString(options.service)})`);
  if (options.since) filters.push(`date >= ${sqlString(options.since.toISOString().slice(0, 10))}`);
  if (options.excludeId) filters.push(`id != ${sqlString(options.excludeId)}`);
  const hits = await searchChunks(table, embedder, reranker, text, { limit: Math.max(k * CANDIDATES_PER_REVIEW, CANDIDATES_MIN), where: filters.length ? filters.join(' AND ') : undefined });
  const ranked = rankReviews(hits, k);
  if (!ranked.length) return [];
  const withSnippets = options.snippets ?? true;
  const details = await reviewDetails(table, ranked.map((r) => r.id), withSnippets);
  const lexical = embedder instanceof LexicalEmbedder ? embedder : undefined;
  return ranked.flatMap(({ id, score, sections }) => {
    const d = details.get(id);
    if (!d) return []; // removed by a concurrent `embed` between the two reads
    const top = sections.slice(0, 3);
    return [{
      id, title: d.title, score: Number(score.toFixed(5)), failureModes: d.failureModes, services: d.services, severity: d.severity, date: d.date,
      matchedSections: top.map((s) => s.section),
      snippets: withSnippets ? top.map((s) => bestSnippet(d.texts.get(s.section) ?? '', text, lexical)) : [],
    }];
  });
}

/** Finds the past reviews most similar to incident notes. Opens and closes the index. */
export async function matchNotes(notes: string, options: MatchOptions): Promise<MatchHit[]> {
  if (!notes.trim()) throw new CasebookError('INPUT_EMPTY', 'the notes are empty. Pass a description of the incident: symptoms, errors, services.');
  const matcher = await openMatcher(options);
  try {
    return await matcher.query(notes, { k: options.k, service: options.service, since: options.since });
  } finally {
    matcher.close();
  }
}
