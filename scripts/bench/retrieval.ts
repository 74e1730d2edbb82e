/**
 * Retrieval quality benchmark: `npm run bench:retrieval -- --data <jsonl> [--data ...] [--out file.json]`.
 *
 * Corpus: records whose `source` is `icco`, one chunk each, indexed in a temporary LanceDB
 * folder exactly as `casebook embed` indexes sections (lexical embedder fitted on the corpus,
 * full-text index on the text). Queries go through the product's `searchChunks`.
 * - Twin task: each `danluu` record with a twin in the corpus (same_incident_ids) whose text
 *   differs queries with its text; rank of the best twin → twinR1, twinR5, twinMRR.
 * - Category task: each corpus record with a category queries with its text; of the top 5
 *   (records of its own group left out), the share with a category in common → catP5.
 * Rows: bm25 (plain BM25, k1 1.2, b 0.75, lower-case tokens [a-z0-9_.-]+), vector, fts, hybrid.
 */
import { fileURLToPath } from 'node:url';
import { mkdtemp, readFile, rm, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { LexicalEmbedder, type LexicalOptions } from '../../src/lib/search/lexical.ts';
import { IndexStore, loadLance, type ChunkRow } from '../../src/lib/search/store.ts';
import { searchChunks, type SearchMode } from '../../src/lib/search/match.ts';

interface RecordRow {
  id: string;
  source: string;
  company?: string | null;
  title?: string | null;
  text: string;
  categories: string[];
  group: string;
  same_incident_ids: string[];
}

export interface Metrics {
  twinR1: number;
  twinR5: number;
  twinMRR: number;
  catP5: number;
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEFAULT_DATA = resolve(REPO_ROOT, '../shared/data/public-postmortems/dev.jsonl');
const DEPTH = 50;

async function readRecords(paths: string[]): Promise<RecordRow[]> {
  const records: RecordRow[] = [];
  for (const path of paths) {
    for (const line of (await readFile(path, 'utf8')).split('\n'))
      if (line.trim()) records.push(JSON.parse(line) as RecordRow);
  }
  return records;
}

/** Plain BM25 over lower-case [a-z0-9_.-]+ tokens. */
export function bm25Ranker(
  docs: { id: string; text: string }[],
  k1 = 1.2,
  b = 0.75,
): (query: string) => string[] {
  const tok = (t: string) => t.toLowerCase().match(/[a-z0-9_.-]+/g) ?? [];
  const tfs = docs.map((d) => {
    const m = new Map<string, number>();
    for (const t of tok(d.text)) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  });
  const lengths = docs.map((d) => tok(d.text).length);
  const avg = lengths.reduce((a, b2) => a + b2, 0) / Math.max(docs.length, 1);
  const df = new Map<string, number>();
  for (const tf of tfs) for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  const idf = (t: string) => Math.log(1 + (n - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));
  return (query) => {
    const terms = new Set(tok(query));
    const scores = docs.map((d, i) => {
      let s = 0;
      const tf = tfs[i]!;
      for (const t of terms) {
        const f = tf.get(t);
        if (f) s += idf(t) * ((f * (k1 + 1)) / (f + k1 * (1 - b + (b * (lengths[i] ?? 0)) / avg)));
      }
      return { id: d.id, s };
    });
    return scores
      .filter((x) => x.s > 0)
      .sort((a, c) => c.s - a.s || a.id.localeCompare(c.id))
      .map((x) => x.id);
  };
}

/** Twin and category metrics for a ranking function. */
export async function evaluate(
  records: RecordRow[],
  rank: (text: string) => Promise<string[]>,
): Promise<Metrics> {
  const corpus = records.filter((r) => r.source === 'icco');
  const byId = new Map(corpus.map((r) => [r.id, r]));
  let twins = 0;
  let r1 = 0;
  let r5 = 0;
  let mrr = 0;
  for (const q of records.filter((r) => r.source === 'danluu')) {
    const targets = new Set(
      q.same_incident_ids.filter(
        (id) => byId.has(id) && byId.get(id)!.text.trim() !== q.text.trim(),
      ),
    );
    if (!targets.size) continue;
    twins++;
    const ranked = await rank(q.text);
    const position = ranked.findIndex((id) => targets.has(id)) + 1;
    if (position === 1) r1++;
    if (position >= 1 && position <= 5) r5++;
    if (position >= 1) mrr += 1 / position;
  }
  let catQueries = 0;
  let catSum = 0;
  for (const q of corpus.filter((r) => r.categories.length)) {
    const ranked = (await rank(q.text))
      .map((id) => byId.get(id))
      .filter((r): r is RecordRow => !!r && r.group !== q.group)
      .slice(0, 5);
    catQueries++;
    if (ranked.length)
      catSum +=
        ranked.filter((r) => r.categories.some((c) => q.categories.includes(c))).length /
        ranked.length;
  }
  const round = (x: number) => Number(x.toFixed(3));
  return {
    twinR1: round(r1 / twins),
    twinR5: round(r5 / twins),
    twinMRR: round(mrr / twins),
    catP5: round(catSum / catQueries),
  };
}

/** Runs all four rows on the records; `lexical` tunes the embedder. */
export async function runRetrievalBench(
  records: RecordRow[],
  lexical: LexicalOptions = {},
): Promise<Record<'bm25' | SearchMode, Metrics>> {
  const corpus = records.filter((r) => r.source === 'icco');
  const embedder = new LexicalEmbedder(lexical);
  const docText = (r: RecordRow) => [r.title ?? '', r.text].filter(Boolean).join('\n');
  embedder.fit(corpus.map(docText));
  const rows: ChunkRow[] = corpus.map((r) => ({
    id: r.id,
    title: r.title ?? r.company ?? r.id,
    services: [],
    failureModes: [],
    severity: '',
    date: '',
    section: 'summary',
    text: r.text,
    search: docText(r),
    hash: '',
    vector: embedder.embedOne(docText(r)),
  }));
  const dir = await mkdtemp(join(tmpdir(), 'casebook-bench-retrieval-'));
  const store = await IndexStore.open(join(dir, 'lancedb'));
  try {
    const { table } = (await store.createChunks(rows, 'bench'))!;
    const { rerankers } = await loadLance();
    const reranker = await rerankers.RRFReranker.create();
    const bm25 = bm25Ranker(corpus.map((r) => ({ id: r.id, text: docText(r) })));
    const result = { bm25: await evaluate(records, async (t) => bm25(t)) } as Record<
      'bm25' | SearchMode,
      Metrics
    >;
    for (const mode of ['vector', 'fts', 'hybrid'] as const) {
      result[mode] = await evaluate(records, async (t) =>
        (await searchChunks(table, embedder, reranker, t, { limit: DEPTH, mode })).map((h) => h.id),
      );
    }
    return result;
  } finally {
    store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', multiple: true },
      out: { type: 'string' },
      dimensions: { type: 'string' },
      bigram: { type: 'string' },
    },
  });
  const data = values.data?.length ? values.data.map((p) => resolve(p)) : [DEFAULT_DATA];
  const records = await readRecords(data);
  const started = performance.now();
  const result = await runRetrievalBench(records, {
    dimensions: values.dimensions ? Number(values.dimensions) : undefined,
    bigramWeight: values.bigram ? Number(values.bigram) : undefined,
  });
  console.log(
    `retrieval on ${data.join(', ')}: ${records.filter((r) => r.source === 'icco').length} corpus records (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
  console.log(
    `${'row'.padEnd(8)} ${['twinR1', 'twinR5', 'twinMRR', 'catP5'].map((h) => h.padStart(8)).join(' ')}`,
  );
  for (const [row, m] of Object.entries(result))
    console.log(
      `${row.padEnd(8)} ${[m.twinR1, m.twinR5, m.twinMRR, m.catP5].map((v) => v.toFixed(3).padStart(8)).join(' ')}`,
    );
  const worse = (['twinR1', 'twinR5', 'twinMRR', 'catP5'] as const).filter(
    (k) => result.hybrid[k] < result.bm25[k],
  );
  console.log(
    worse.length ? `hybrid is below bm25 on: ${worse.join(', ')}` : 'hybrid ≥ bm25 on every metric',
  );
  const out = resolve(values.out ?? join(REPO_ROOT, 'bench-results', 'retrieval.json'));
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, JSON.stringify(result, null, 2) + '\n');
  console.log(`wrote ${out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
