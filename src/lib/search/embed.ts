/**
 * `embedCorpus`: embeds every published review into the LanceDB index, incrementally.
 *
 * - A review whose content hash is unchanged is skipped; a changed one has its rows replaced;
 *   a review no longer in the corpus is removed. The full-text index is rebuilt after changes,
 *   except on large tables while few chunks are outside it (`ftsNeedsRebuild`).
 * - The index records the embedder (id, model, dimensions). Another embedder means every
 *   review is re-embedded, and the run says so. Vectors of two embedders are never mixed.
 * - Lexical IDF policy: the IDF is fitted on all chunks when the index is (re)built and stored
 *   with it. Later runs embed changed reviews with that stored IDF, so vectors stay comparable
 *   and editing one review re-embeds only that review. Once the reviews added, changed or
 *   removed since the fit exceed max(20% of the reviews at fit time, 10) — a real vocabulary
 *   shift — the IDF is refitted and everything is re-embedded (and the run says so).
 *   `full: true` forces a refit.
 * - From VECTOR_INDEX_MIN_ROWS chunks an approximate vector index is built on full runs (and
 *   rebuilt once over 20% of the rows are newer than it); below that search is an exact scan.
 * - Safe against crashes and other writers: a full build (first run, `full`, embedder switch,
 *   refit, unreadable index) writes a new chunks table and commits the meta row pointing to it
 *   last (store.ts), so a kill at any moment leaves the old index or the new one. Any failure
 *   to open or read the index turns the run into a full rebuild, said on the output; a missing
 *   or damaged full-text or vector index is rebuilt. One writer at a time (lock.ts).
 */
import { randomBytes } from 'node:crypto';
import { includeDrafts } from '../config.ts';
import { CasebookError } from '../errors.ts';
import { elapsedSince, streamProgress, type Progress, type TextStream } from '../progress.ts';
import { loadValidCorpus, publishedReviews, type Corpus } from '../review/load.ts';
import { reviewCacheFor } from '../review/cache.ts';
import { createEmbedder, embedderOptionsFromEnv, type EmbedderKind } from './embedder.ts';
import {
  describeEmbedder,
  identityOf,
  isFitted,
  sameEmbedder,
  type Embedder,
  type EmbedderIdentity,
} from './embedding.ts';
import { reviewChunks, type Chunk } from './chunks.ts';
import { acquireIndexLock, describeHolder } from './lock.ts';
import {
  assertDbLocation,
  INDEX_FORMAT,
  IndexReadError,
  IndexStore,
  VECTOR_INDEX_MIN_ROWS,
  type ChunkRow,
  type IndexMeta,
} from './store.ts';
import type { Table } from '@lancedb/lancedb';

/** What `embedCorpus` uses of its surroundings (the CLI's `Io` fits). */
interface EmbedEnvironment {
  env: Record<string, string | undefined>;
  /** Working folder: paths in messages are relative to it. */
  cwd: string;
  now: () => Date;
  /** Where progress goes when no `progress` is passed. */
  stderr: TextStream;
}

export interface EmbedOptions {
  contentDir: string;
  dbUri: string;
  /** LanceDB storage options for object stores (`storageOptionsOf`). */
  storageOptions?: Record<string, string> | undefined;
  /** An embedder instance, or which kind to create (default `auto`). */
  embedder?: Embedder | EmbedderKind | undefined;
  io: EmbedEnvironment;
  /** Where progress and news go (default: lines on `io.stderr`). */
  progress?: Progress;
  /** The corpus of `contentDir`, when the caller has loaded it (`loadEmbedCorpus`) for other work too. */
  corpus?: Corpus | undefined;
  /** Re-embed everything (and refit the lexical IDF). */
  full?: boolean | undefined;
  /** How long to wait for another embed writing the same index (default 5 minutes). */
  lockWaitMs?: number | undefined;
  /** Lock lease and settle times (tests shorten them). */
  lock?: { leaseMs?: number; settleMs?: number; pollMs?: number };
}

export interface EmbedResult {
  added: number;
  updated: number;
  skipped: number;
  removed: number;
  /** Chunks (sections) written. */
  chunks: number;
  embedder: EmbedderIdentity;
  /** Why everything was re-embedded, when it was. */
  rebuilt?: string | undefined;
  /** What was repaired: a broken index rebuilt, a full-text or vector index rebuilt. */
  healed?: string[];
}

/** The valid corpus of `contentDir`, through the parsed-review cache: what `embedCorpus` embeds. */
export async function loadEmbedCorpus(
  contentDir: string,
  io: Pick<EmbedEnvironment, 'env' | 'cwd'>,
): Promise<Corpus> {
  return loadValidCorpus(contentDir, { cwd: io.cwd, cache: await reviewCacheFor(io, contentDir) });
}

/** Refit the lexical IDF once this many reviews changed since the fit. */
const refitThreshold = (reviewsAtFit: number): number =>
  Math.max(Math.ceil(reviewsAtFit * 0.2), 10);

const BATCH = 64;

/**
 * Chunks an incremental run may leave outside the full-text index (about 10 reviews), on a
 * table of at least FTS_INCREMENTAL_MIN_ROWS chunks. Measured at 50,000 chunks with short notes:
 * 5 unindexed rows cost a query nothing, 50 about 1 ms, 250 about 7 ms.
 */
export const FTS_MAX_UNINDEXED_ROWS = 50;
/** Below this many chunks a rebuild is cheap (under about 0.5 s), so every change rebuilds. */
export const FTS_INCREMENTAL_MIN_ROWS = 20_000;

/**
 * Whether an incremental run rebuilds the full-text index. LanceDB searches rows the index
 * does not cover with the same tokenizer (a flat pass over them), so on a large table a few
 * changed reviews need no rebuild (1.7 s at 50,000 chunks). The flat pass grows with long
 * queries (the site's similar-incidents pass uses whole reviews as notes: 5 unindexed rows
 * cost it 1.5 s at 1,000 reviews), so small tables, where a rebuild is cheap, always rebuild.
 */
export const ftsNeedsRebuild = (rows: number, unindexed: number): boolean =>
  unindexed > 0 && (rows < FTS_INCREMENTAL_MIN_ROWS || unindexed > FTS_MAX_UNINDEXED_ROWS);

/** What an index holds when it can be read; `broken` says why it cannot. */
interface IndexState {
  meta: IndexMeta | null;
  table: Table | null;
  indexed: Map<string, string>;
  broken?: string;
}

/** Reads the index as far as it can: any failure to open or read it is `broken`, never thrown. */
async function readState(store: IndexStore): Promise<IndexState> {
  const empty = { meta: null, table: null, indexed: new Map<string, string>() };
  try {
    const meta = await store.readMeta();
    if (!meta || meta.format !== INDEX_FORMAT) return { ...empty, meta };
    const table = await store.chunks(meta);
    const indexed = table ? await store.indexedHashes(table) : new Map<string, string>();
    return { meta, table, indexed };
  } catch (error) {
    if (error instanceof IndexReadError) return { ...empty, broken: error.reason };
    throw error;
  }
}

export async function embedCorpus(options: EmbedOptions): Promise<EmbedResult> {
  const { io } = options;
  const report = options.progress ?? streamProgress(io.stderr);
  const started = Date.now();
  await assertDbLocation(options.dbUri);
  const corpus = options.corpus ?? (await loadEmbedCorpus(options.contentDir, io));
  const reviews = publishedReviews(corpus.reviews, includeDrafts(io.env));
  const chunksById = new Map<string, Chunk[]>(reviews.map((r) => [r.id, reviewChunks(r)]));
  const hashes = new Map(reviews.map((r) => [r.id, chunksById.get(r.id)?.[0]?.hash ?? '']));

  const embedder =
    typeof options.embedder === 'object'
      ? options.embedder
      : await createEmbedder(
          options.embedder ?? 'auto',
          embedderOptionsFromEnv(io.env, { write: (s: string) => report.info(s.trimEnd()) }),
        );
  const identity = identityOf(embedder);
  const storeOptions = { storageOptions: options.storageOptions };

  const lock = await acquireIndexLock(options.dbUri, {
    ...storeOptions,
    ...options.lock,
    waitMs: options.lockWaitMs,
    onWait: (holder, waitMs) =>
      report.info(
        `embed: another embed is writing ${options.dbUri} (${describeHolder(holder)}); waiting for it (up to ${Math.round(waitMs / 1000)} s).`,
      ),
  });
  const store = await IndexStore.open(options.dbUri, storeOptions).catch(async (error) => {
    await lock.release();
    throw error;
  });
  try {
    const state = await readState(store);
    const { meta, indexed } = state;
    let table = state.table;
    const healed: string[] = [];
    if (state.broken) {
      healed.push(`rebuilt the unreadable index (${state.broken})`);
      report.info(
        `embed: the index at ${options.dbUri} cannot be read (${state.broken}); rebuilding it from ${options.contentDir} into a new table and swapping it in.`,
      );
    }

    const added = reviews.filter((r) => !indexed.has(r.id)).map((r) => r.id);
    const updated = reviews
      .filter((r) => indexed.has(r.id) && indexed.get(r.id) !== hashes.get(r.id))
      .map((r) => r.id);
    const removed = [...indexed.keys()].filter((id) => !hashes.has(id));
    const changed = added.length + updated.length + removed.length;

    let rebuilt: string | undefined;
    if (options.full) rebuilt = 'full re-embed requested';
    else if (state.broken) rebuilt = 'the index could not be read';
    else if (!meta)
      rebuilt = undefined; // first build: everything is "added"
    else if (meta.format !== INDEX_FORMAT)
      rebuilt = `the index format changed (${meta.format} → ${INDEX_FORMAT})`;
    else if (!sameEmbedder(meta.embedder, identity))
      rebuilt = `embedder switch from ${describeEmbedder(meta.embedder)} to ${describeEmbedder(identity)}`;
    else if (isFitted(embedder) && !meta.lexicalState) rebuilt = 'the index has no stored IDF';
    else if (
      isFitted(embedder) &&
      meta.idfFit &&
      meta.idfFit.changedSinceFit + changed > refitThreshold(meta.idfFit.reviews)
    ) {
      rebuilt = `vocabulary shift: ${meta.idfFit.changedSinceFit + changed} reviews changed since the IDF was fitted on ${meta.idfFit.reviews}; refitting it`;
    }
    const full = rebuilt !== undefined || !meta || !table;
    if (rebuilt) report.info(`embed: re-embedding all ${reviews.length} reviews: ${rebuilt}.`);

    const allChunks = reviews.flatMap((r) => chunksById.get(r.id) ?? []);
    if (isFitted(embedder)) {
      if (full) embedder.fit(allChunks.map((c) => c.search));
      else if (meta?.lexicalState) embedder.importState(meta.lexicalState);
    }

    const toEmbed = full ? reviews.map((r) => r.id) : [...added, ...updated];
    const rows = await embedChunks(
      embedder,
      toEmbed.flatMap((id) => chunksById.get(id) ?? []),
      report,
    );

    let chunksTable = meta?.chunksTable;
    const previousTable = full ? meta?.chunksTable : undefined;
    if (full) {
      // A new table under a fresh name; the meta commit below makes it current.
      const created = await store.createChunks(rows, newTableId(io.now()));
      chunksTable = created?.name;
      table = created?.table ?? null;
    } else if (table) {
      await store.deleteReviews(table, [...updated, ...removed]);
      await store.addChunks(table, rows);
      if (!(await store.ftsHealthy(table))) {
        healed.push('rebuilt the missing or damaged full-text index');
        report.info(`embed: the full-text index is missing or damaged; rebuilding it.`);
        await store.buildFts(table);
      } else if (
        // Also when nothing changed: a run killed between adding rows and indexing them leaves
        // rows outside the full-text index (stale), and this run catches up.
        ftsNeedsRebuild(await table.countRows(), await store.unindexedRows(table, 'search'))
      )
        await store.buildFts(table);
      const total = await table.countRows();
      const hasVectorIndex = await store.hasIndexOn(table, 'vector');
      const vectorHealthy = await store.vectorIndexHealthy(table, identity.dimensions);
      if (!vectorHealthy) {
        healed.push('rebuilt the damaged vector index');
        report.info(`embed: the vector index is damaged; rebuilding it.`);
      }
      if (
        !vectorHealthy ||
        (hasVectorIndex && (await store.unindexedVectorRows(table)) > total * 0.2) ||
        (!hasVectorIndex && total >= VECTOR_INDEX_MIN_ROWS)
      )
        await store.buildVectorIndex(table);
    }

    const previousFit = meta?.idfFit;
    const newMeta: IndexMeta = {
      format: INDEX_FORMAT,
      embedder: identity,
      chunksTable,
      lexicalState: isFitted(embedder) ? embedder.exportState() : undefined,
      idfFit: isFitted(embedder)
        ? full || !previousFit
          ? { chunks: allChunks.length, reviews: reviews.length, changedSinceFit: 0 }
          : { ...previousFit, changedSinceFit: previousFit.changedSinceFit + changed }
        : undefined,
      updatedAt: io.now().toISOString(),
    };
    await store.writeMeta(newMeta);
    if (full) {
      if (previousTable && previousTable !== chunksTable) await store.dropTable(previousTable);
      await store.dropStaleChunks(chunksTable ? [chunksTable] : []);
    }

    const wasIndexed = (id: string) => indexed.has(id);
    const result: EmbedResult = {
      added: full ? reviews.filter((r) => !wasIndexed(r.id)).length : added.length,
      updated: full ? reviews.filter((r) => wasIndexed(r.id)).length : updated.length,
      skipped: full ? 0 : reviews.length - added.length - updated.length,
      removed: removed.length,
      chunks: rows.length,
      embedder: identity,
      rebuilt,
      ...(healed.length ? { healed } : {}),
    };
    report.info(
      `embed done in ${elapsedSince(started)}: ${result.added} added, ${result.updated} updated, ${result.skipped} skipped, ${result.removed} removed`,
    );
    return result;
  } finally {
    store.close();
    await lock.release();
  }
}

/** A table id that sorts by time and never repeats: `<yyyymmddhhmmss>_<random>`. */
const newTableId = (now: Date): string =>
  `${now.toISOString().replace(/\D/g, '').slice(0, 14)}_${randomBytes(4).toString('hex')}`;

async function embedChunks(
  embedder: Embedder,
  chunks: Chunk[],
  report: Progress,
): Promise<ChunkRow[]> {
  const rows: ChunkRow[] = [];
  const reviewsTotal = new Set(chunks.map((c) => c.id)).size;
  const seen = new Set<string>();
  for (let i = 0; i < chunks.length; i += BATCH) {
    const batch = chunks.slice(i, i + BATCH);
    const vectors = await embedder.embed(batch.map((c) => c.search));
    batch.forEach((chunk, j) => {
      const vector = vectors[j];
      if (!vector || vector.length !== embedder.dimensions)
        throw new CasebookError(
          'MODEL_UNAVAILABLE',
          `embedder ${embedder.id} returned a vector of length ${vector?.length} instead of ${embedder.dimensions}. The model files may be damaged: fetch them again, or use --embedder lexical.`,
        );
      rows.push({
        ...chunk,
        vector: vector instanceof Float32Array ? vector : Float32Array.from(vector),
      });
      seen.add(chunk.id);
    });
    // Chunks come review by review: the last review seen may still have chunks to come.
    const complete = i + BATCH >= chunks.length ? reviewsTotal : seen.size - 1;
    report.progress(complete, reviewsTotal, 'embed');
  }
  return rows;
}
