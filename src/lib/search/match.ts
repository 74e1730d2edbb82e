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
}

/** An open index ready for many queries (the site build and benchmarks reuse one). */
export interface Matcher {
  embedder: Embedder;
  meta: IndexMeta;
  query(notes: string, options?: QueryOptions): Promise<MatchHit[]>;
  close(): void;
}

/** A chunk returned by a search: the stored row's fields plus the reranker's score. */
export type ChunkHit = Pick<ChunkRow, 'id' | 'title' | 'services' | 'failureModes' | 'severity' | 'date' | 'section' | 'text'> & { _relevance_score: number };

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

/**
 * One search of the chunks table: vector, full text, or both fused by LanceDB's RRF reranker.
 * Each hit carries `_relevance_score` (higher is closer). The engine behind `match`, the
 * site's similar incidents and the retrieval benchmark.
 */
export async function searchChunks(table: Table, embedder: Embedder, reranker: rerankers.RRFReranker, notes: string, options: ChunkSearchOptions): Promise<ChunkHit[]> {
  const mode = options.mode ?? 'hybrid';
  const ftsQuery = mode === 'vector' ? '' : ftsQueryOf(notes, embedder instanceof LexicalEmbedder ? embedder : undefined);
  const columns = ['id', 'title', 'services', 'failureModes', 'severity', 'date', 'section', 'text'];
  if (mode === 'fts' || (mode === 'hybrid' && !ftsQuery)) {
    if (!ftsQuery) return [];
    let q = table.query().fullTextSearch(ftsQuery, { columns: ['search'] });
    if (options.where) q = q.where(options.where);
    return ((await q.select(columns).limit(options.limit).toArray()) as LanceRow[]).map((r, i) => plainHit(r, 1 / (60 + i + 1)));
  }
  const [vector] = await embedder.embed([notes]);
  if (!vector) throw new Error('the embedder returned no vector');
  let query = table.query().nearestTo(Array.from(vector)).distanceType('cosine');
  if (options.where) query = query.where(options.where);
  query = query.select(columns).limit(options.limit);
  if (mode === 'hybrid') return ((await query.fullTextSearch(ftsQuery, { columns: ['search'] }).rerank(reranker).toArray()) as LanceRow[]).map((r) => plainHit(r, Number(r._relevance_score)));
  return ((await query.toArray()) as LanceRow[]).map((r, i) => plainHit(r, 1 / (60 + i + 1)));
}

type LanceRow = Record<string, unknown> & { _relevance_score?: unknown };
const strings = (v: unknown): string[] => (v && typeof v === 'object' && Symbol.iterator in v ? [...(v as Iterable<unknown>)].map(String) : []);

/** A plain object from a LanceDB result row (which is a read-only Arrow proxy). */
function plainHit(r: LanceRow, score: number): ChunkHit {
  return {
    id: String(r.id), title: String(r.title), services: strings(r.services), failureModes: strings(r.failureModes), severity: String(r.severity),
    date: String(r.date), section: String(r.section), text: String(r.text), _relevance_score: score,
  };
}

async function queryTable(table: Table, embedder: Embedder, reranker: rerankers.RRFReranker, notes: string, options: QueryOptions): Promise<MatchHit[]> {
  const text = notes.trim();
  if (!text) throw new CasebookError('INPUT_EMPTY', 'the notes are empty. Pass a file (or stdin) with a description of the incident: symptoms, errors, services.');
  const k = options.k ?? 5;
  const filters: string[] = [];
  if (options.service) filters.push(`array_has(services, ${sqlString(options.service)})`);
  if (options.since) filters.push(`date >= ${sqlString(options.since.toISOString().slice(0, 10))}`);
  if (options.excludeId) filters.push(`id != ${sqlString(options.excludeId)}`);
  const rows = await searchChunks(table, embedder, reranker, text, { limit: Math.max(k * 8, 40), where: filters.length ? filters.join(' AND ') : undefined });
  return aggregate(rows, text, embedder, k);
}

function aggregate(rows: ChunkHit[], notes: string, embedder: Embedder, k: number): MatchHit[] {
  const byReview = new Map<string, { hit: MatchHit; sections: { section: string; score: number; text: string }[] }>();
  for (const row of rows) {
    let entry = byReview.get(row.id);
    if (!entry) {
      entry = {
        hit: { id: row.id, title: row.title, score: 0, failureModes: [...row.failureModes], services: [...row.services], severity: row.severity, date: row.date, matchedSections: [], snippets: [] },
        sections: [],
      };
      byReview.set(row.id, entry);
    }
    entry.hit.score += row._relevance_score;
    entry.sections.push({ section: row.section, score: row._relevance_score, text: row.text });
  }
  const lexical = embedder instanceof LexicalEmbedder ? embedder : undefined;
  return [...byReview.values()]
    .sort((a, b) => b.hit.score - a.hit.score || a.hit.id.localeCompare(b.hit.id))
    .slice(0, k)
    .map(({ hit, sections }) => {
      sections.sort((a, b) => b.score - a.score);
      const top = sections.slice(0, 3);
      return { ...hit, score: Number(hit.score.toFixed(5)), matchedSections: top.map((s) => s.section), snippets: top.map((s) => bestSnippet(s.text, notes, lexical)) };
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
