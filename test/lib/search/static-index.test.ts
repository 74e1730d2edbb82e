import { describe, expect, it } from 'vitest';
import { loadValidCorpus } from '../../../src/lib/review/load.ts';
import { buildStaticIndex, quantise } from '../../../src/lib/search/static-index.ts';
import { fetchSource, staticMatcher } from '../../../src/lib/search/browser-match.ts';
import { decodePart } from '../../../src/lib/search/static-format.ts';
import { reviewChunks } from '../../../src/lib/search/chunks.ts';
import { LexicalEmbedder } from '../../../src/lib/search/lexical.ts';
import { syntheticReviews } from '../../../scripts/bench/synthetic.ts';
import { makeTopicContent, TOPICS } from '../../helpers/search.ts';

const ids = Object.keys(TOPICS);

/** A source over the built files that records what was read. */
function memorySource(files: Map<string, string | Uint8Array>) {
  const read: string[] = [];
  const source = async (path: string) => {
    read.push(path);
    const body = files.get(path);
    if (body === undefined) throw new Error(`no ${path}`);
    return typeof body === 'string' ? new TextEncoder().encode(body) : body;
  };
  return { read, source };
}

const dot = (a: Map<number, number>, indices: readonly number[], values: readonly number[]) =>
  indices.reduce((sum, d, j) => sum + (a.get(d) ?? 0) * (values[j] ?? 0), 0);

describe('int8 quantisation of chunk vectors', () => {
  it('keeps the order of a hand-made set of vectors that float scores give', () => {
    // Query (0.6, 0.8). Float scores: A 1.0, B 0.96, C 0.8, D 0.6, E 0.3, F 0.
    const query = new Map([
      [0, 0.6],
      [1, 0.8],
    ]);
    const vectors: Record<string, [number[], number[]]> = {
      D: [[0], [1]],
      B: [
        [0, 1],
        [0.8, 0.6],
      ],
      F: [[2], [1]],
      A: [
        [0, 1],
        [0.6, 0.8],
      ],
      E: [
        [0, 2],
        [0.5, 0.866],
      ],
      C: [[1], [1]],
    };
    const scores = Object.entries(vectors).map(([name, [indices, values]]) => {
      const q = quantise(indices, values);
      return { name, score: (dot(query, q.indices, q.q) * q.scaleSteps) / 65535 / 127 };
    });
    expect(
      scores
        .filter((s) => s.score > 0)
        .sort((a, b) => b.score - a.score)
        .map((s) => s.name),
    ).toEqual(['A', 'B', 'C', 'D', 'E']);
    // A: largest value 0.8 → scale 52428/65535; 0.6 → 95 (95.25 rounded), 0.8 → 127.
    expect(quantise([0, 1], [0.6, 0.8])).toEqual({
      indices: [0, 1],
      q: [95, 127],
      scaleSteps: 52428,
    });
    // Values under half a step of the largest are dropped.
    expect(quantise([3, 7], [0.9, 0.001]).indices).toEqual([3]);
  });

  it('ranks the chunks of 40 synthetic reviews as the float vectors do', () => {
    const chunks = syntheticReviews(40).flatMap((r) => reviewChunks(r));
    const embedder = new LexicalEmbedder();
    embedder.fit(chunks.map((c) => c.search));
    const vectors = chunks.map((c) => embedder.sparse(c.search));
    const quantised = vectors.map((v) => quantise(v.indices, v.values));
    const notes = [
      'payments-api 503s, pgbouncer cl_waiting climbing, clients waiting for a server connection',
      'disk full on the database volume, ENOSPC, WAL archiving failing',
      'x509: certificate has expired or is not yet valid at the edge proxy',
      'consumer group rebalancing in a loop, max.poll.interval.ms exceeded, lag growing',
      'cache stampede after TTL expiry, redis CPU at 100%, thundering herd on the database',
    ];
    for (const text of notes) {
      const q = embedder.sparse(text);
      const query = new Map(q.indices.map((d, j) => [d, q.values[j] ?? 0]));
      const top = (scores: number[]) =>
        scores
          .map((s, i) => ({ s, i }))
          .sort((a, b) => b.s - a.s || a.i - b.i)
          .slice(0, 10)
          .map((x) => x.i);
      const float = top(vectors.map((v) => dot(query, v.indices, v.values)));
      const int8 = top(quantised.map((v) => (dot(query, v.indices, v.q) * v.scaleSteps) / 65535));
      expect(int8[0], text).toBe(float[0]);
      expect(int8.filter((i) => float.includes(i)).length, text).toBeGreaterThanOrEqual(9);
    }
  });
});

describe('static index for the browser', () => {
  it('matches notes through the parts with the same lexical code as the CLI', async () => {
    const { reviews } = await loadValidCorpus(await makeTopicContent());
    const { files } = buildStaticIndex(reviews);
    const match = staticMatcher(memorySource(files).source);
    const hits = await match(
      'slow batches exceed max.poll.interval.ms and the consumer group keeps rebalancing',
    );
    expect(hits[0]?.id).toBe(ids[3]);
    expect(hits[0]?.title).toBe(
      'Kafka consumer rebalance storm after max.poll.interval.ms was exceeded',
    );
    expect(hits[0]?.snippets[0]).toContain('max.poll.interval.ms');
    expect(hits[0]?.strength).toBe('strong');
    expect(hits[0]?.why).toMatch(/^Matched “/);
    expect(await match('   ')).toEqual([]);
    expect(await match('asdfghjk')).toEqual([]);
    expect(await match('the quick brown fox')).toEqual([]);
  });

  it('loads nothing before a query, then the manifest and only the parts the query needs', async () => {
    const { files, manifest } = buildStaticIndex(syntheticReviews(200));
    expect(manifest.reviews).toBe(200);
    expect(manifest.chunks).toBe(1000);
    expect(manifest.parts).toBeGreaterThan(8);
    expect(manifest.dimsPerPart * manifest.parts).toBe(4096);
    expect(String(files.get('manifest.json')).length).toBeLessThan(400);
    const { read, source } = memorySource(files);
    const match = staticMatcher(source);
    expect(read).toEqual([]);
    const hits = await match('pgbouncer cl_waiting climbing');
    expect(hits.length).toBeGreaterThan(0);
    expect(read[0]).toBe('manifest.json');
    expect(read).toContain('chunks.bin');
    const parts = read.filter((p) => p.startsWith('parts/'));
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.length).toBeLessThan(manifest.parts / 2);
    expect(read.filter((p) => p.startsWith('docs/')).length).toBeLessThanOrEqual(5);
    // A second identical query reads nothing more.
    const before = read.length;
    await match('pgbouncer cl_waiting climbing');
    expect(read.length).toBe(before);
  });

  it('stores each term’s document frequency in the part of its hashed dimension', async () => {
    const { reviews } = await loadValidCorpus(await makeTopicContent());
    const { files, manifest } = buildStaticIndex(reviews);
    const df = new Map<string, number>();
    for (let p = 0; p < manifest.parts; p++) {
      const part = decodePart(files.get(`parts/${p}.bin`) as Uint8Array, manifest.dimsPerPart, p);
      for (const [term, n] of part.df) df.set(term, n);
    }
    // 4 reviews × 5 sections; each chunk repeats its review's title, so a title word of one
    // review is in 5 chunks, and words of a single chunk are left out (df 1 is implied).
    expect(manifest.lexical.documents).toBe(20);
    expect(df.get('kafka')).toBe(5);
    expect(df.get('pgbouncer')).toBe(5);
    expect(df.has('asdfghjk')).toBe(false);
  });

  it('names the missing file when a part cannot be fetched', async () => {
    const fake: typeof fetch = async () => new Response('gone', { status: 404 });
    await expect(staticMatcher(fetchSource('/similar-index/', fake))('disk full')).rejects.toThrow(
      'the similarity index could not be loaded (manifest.json: HTTP 404)',
    );
  });
});
