/**
 * The LanceDB index: a `chunks` table of review sections with their vectors, and a small
 * `casebook_meta` table recording which embedder built them (and the lexical IDF state).
 * Keeping the metadata inside the database means it travels with remote URIs (s3://, gs://).
 */
import type { Connection, Table } from '@lancedb/lancedb';
import { Field, FixedSizeList, Float32, List, Schema, Utf8 } from 'apache-arrow';
import type { EmbedderIdentity } from './embedder.ts';

export const CHUNKS_TABLE = 'chunks';
export const META_TABLE = 'casebook_meta';
/** Chunks from which an approximate vector index is built. */
export const VECTOR_INDEX_MIN_ROWS = 2_000;
/** Chunks per IVF partition of the vector index (see `buildVectorIndex`). */
export const VECTOR_ROWS_PER_PARTITION = 250_000;
/** Bumped when the row layout changes; an index with another version is rebuilt. */
export const INDEX_FORMAT = 1;

/** One row: a section of a review. */
export interface ChunkRow {
  /** Review id. */
  id: string;
  title: string;
  services: string[];
  failureModes: string[];
  severity: string;
  /** YYYY-MM-DD: compares as text. */
  date: string;
  /** Section key, e.g. "detailed mechanism". */
  section: string;
  /** The section's Markdown. */
  text: string;
  /** What the full-text index covers: title, services, failure modes and the section. */
  search: string;
  /** Content hash of the whole review (same on every row of a review). */
  hash: string;
  vector: number[] | Float32Array;
}

/** What the meta table holds. */
export interface IndexMeta {
  format: number;
  embedder: EmbedderIdentity;
  /** The lexical embedder's fitted IDF (JSON), when it built the index. */
  lexicalState?: string;
  /** Chunks the IDF was fitted on, and reviews added/updated/removed since. */
  idfFit?: { chunks: number; reviews: number; changedSinceFit: number };
  updatedAt: string;
}

type LanceModule = typeof import('@lancedb/lancedb');
let lance: Promise<LanceModule> | undefined;

/** Loads LanceDB with LANCEDB_LOG=error unless set, so its deprecation warnings stay off the output. */
export function loadLance(): Promise<LanceModule> {
  process.env.LANCEDB_LOG ??= 'error';
  lance ??= import('@lancedb/lancedb');
  return lance;
}

/** An open index. Call `close()` when done: it closes the tables and the connection. */
export class IndexStore {
  private tables: Table[] = [];
  private constructor(
    readonly uri: string,
    readonly db: Connection,
  ) {}

  static async open(uri: string): Promise<IndexStore> {
    const { connect } = await loadLance();
    return new IndexStore(uri, await connect(uri));
  }

  private track(table: Table): Table {
    this.tables.push(table);
    return table;
  }

  async hasTable(name: string): Promise<boolean> {
    return (await this.db.tableNames()).includes(name);
  }

  async readMeta(): Promise<IndexMeta | null> {
    if (!(await this.hasTable(META_TABLE))) return null;
    const table = this.track(await this.db.openTable(META_TABLE));
    const rows = (await table.query().toArray()) as { key: string; value: string }[];
    const row = rows.find((r) => r.key === 'meta');
    return row ? (JSON.parse(row.value) as IndexMeta) : null;
  }

  async writeMeta(meta: IndexMeta): Promise<void> {
    this.track(
      await this.db.createTable(META_TABLE, [{ key: 'meta', value: JSON.stringify(meta) }], {
        mode: 'overwrite',
      }),
    );
  }

  /** The chunks table, or null when there is none. */
  async chunks(): Promise<Table | null> {
    if (!(await this.hasTable(CHUNKS_TABLE))) return null;
    return this.track(await this.db.openTable(CHUNKS_TABLE));
  }

  /** Replaces the chunks table with these rows (or drops it when there are none). */
  async replaceChunks(rows: ChunkRow[]): Promise<Table | null> {
    if (await this.hasTable(CHUNKS_TABLE)) await this.db.dropTable(CHUNKS_TABLE);
    if (!rows.length) return null;
    const batches = chunksOf(rows);
    const schema = chunkSchema(rows[0]?.vector.length ?? 0);
    const table = this.track(
      await this.db.createTable(CHUNKS_TABLE, toRecords(batches[0] ?? []), { schema }),
    );
    for (const batch of batches.slice(1)) await table.add(toRecords(batch));
    return table;
  }

  /** Review id → content hash of what the index holds. */
  async indexedHashes(table: Table): Promise<Map<string, string>> {
    const rows = (await table.query().select(['id', 'hash']).toArray()) as {
      id: string;
      hash: string;
    }[];
    return new Map(rows.map((r) => [r.id, r.hash]));
  }

  async deleteReviews(table: Table, ids: readonly string[]): Promise<void> {
    for (let i = 0; i < ids.length; i += 500)
      await table.delete(
        `id IN (${ids
          .slice(i, i + 500)
          .map(sqlString)
          .join(', ')})`,
      );
  }

  async addChunks(table: Table, rows: ChunkRow[]): Promise<void> {
    for (const batch of chunksOf(rows)) await table.add(toRecords(batch));
  }

  /** (Re)builds the full-text index on the `search` column. */
  async buildFts(table: Table): Promise<void> {
    const { Index } = await loadLance();
    await table.createIndex('search', {
      config: Index.fts({ withPosition: false }),
      replace: true,
    });
  }

  /** Whether the table has an index on this column. */
  async hasIndexOn(table: Table, column: string): Promise<boolean> {
    return (await table.listIndices()).some((i) => i.columns.includes(column));
  }

  /** Rows the index on this column does not cover yet (0 when there is no such index). */
  async unindexedRows(table: Table, column: string): Promise<number> {
    const index = (await table.listIndices()).find((i) => i.columns.includes(column));
    if (!index) return 0;
    return (await table.indexStats(index.name))?.numUnindexedRows ?? 0;
  }

  /**
   * Builds (or rebuilds) the approximate vector index (IVF-HNSW-SQ, cosine) once the table is
   * large enough for a flat scan to be slow; below VECTOR_INDEX_MIN_ROWS the exact scan is kept.
   * Rows added later are searched exactly until the index is rebuilt.
   *
   * One IVF partition (one HNSW graph) per VECTOR_ROWS_PER_PARTITION chunks: HNSW search cost
   * grows with the log of the graph size, so every extra partition probed is nearly a second
   * search. At 50,000 chunks one graph answers in 2.9 ms (p50) instead of 4.2 ms for two, with
   * the same or better recall against an exact scan.
   */
  async buildVectorIndex(table: Table): Promise<boolean> {
    const rows = await table.countRows();
    if (rows < VECTOR_INDEX_MIN_ROWS) return false;
    const { Index } = await loadLance();
    await table.createIndex('vector', {
      config: Index.hnswSq({
        distanceType: 'cosine',
        numPartitions: Math.max(1, Math.round(rows / VECTOR_ROWS_PER_PARTITION)),
      }),
      replace: true,
    });
    return true;
  }

  /** Rows not yet covered by the vector index (0 when there is no index). */
  async unindexedVectorRows(table: Table): Promise<number> {
    return this.unindexedRows(table, 'vector');
  }

  close(): void {
    for (const table of this.tables) if (table.isOpen()) table.close();
    this.tables = [];
    if (this.db.isOpen()) this.db.close();
  }
}

/** The Arrow schema of the chunks table. */
export function chunkSchema(dimensions: number): Schema {
  const text = (name: string) => new Field(name, new Utf8(), false);
  const list = (name: string) =>
    new Field(name, new List(new Field('item', new Utf8(), true)), false);
  return new Schema([
    text('id'),
    text('title'),
    list('services'),
    list('failureModes'),
    text('severity'),
    text('date'),
    text('section'),
    text('text'),
    text('search'),
    text('hash'),
    new Field(
      'vector',
      new FixedSizeList(dimensions, new Field('item', new Float32(), true)),
      false,
    ),
  ]);
}

const BATCH_ROWS = 4096;
const chunksOf = (rows: ChunkRow[]): ChunkRow[][] =>
  Array.from({ length: Math.ceil(rows.length / BATCH_ROWS) }, (_, i) =>
    rows.slice(i * BATCH_ROWS, (i + 1) * BATCH_ROWS),
  );

/** Rows as plain records (LanceDB builds the Arrow batch against the table's schema). */
const toRecords = (rows: ChunkRow[]): Record<string, unknown>[] =>
  rows.map((r) => ({ ...r, vector: Array.from(r.vector) }));

/** A SQL string literal. */
export const sqlString = (value: string): string => `'${value.replace(/'/g, "''")}'`;
