import { describe, expect, it } from 'vitest';
import { captureIo } from '../../helpers/io.ts';
import { makeContent } from '../../helpers/content.ts';
import { makeDbDir, makeTopicContent, topicMarkdown, TOPICS } from '../../helpers/search.ts';
import { embedCorpus } from '../../../src/lib/search/embed.ts';
import { loadValidCorpus } from '../../../src/lib/review/load.ts';
import { reviewAsNotes, similarIncidents, topChunksOf } from '../../../src/lib/search/similar.ts';
import { LexicalEmbedder } from '../../../src/lib/search/lexical.ts';
import { reviewChunks } from '../../../src/lib/search/chunks.ts';
import { openMatcher } from '../../../src/lib/search/match.ts';

const ids = Object.keys(TOPICS);

describe('similar incidents', () => {
  it('lists the other reviews by similarity with the failure modes they share, never the review itself', async () => {
    const contentDir = await makeTopicContent();
    const dbUri = await makeDbDir();
    await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
    const { reviews } = await loadValidCorpus(contentDir);
    const map = await similarIncidents(reviews, { dbUri, contentDir, k: 2, judge: false });
    const pool = map.get(ids[0]!) ?? [];
    expect(pool).toHaveLength(2);
    expect(pool.map((s) => s.id)).not.toContain(ids[0]);
    // The Kafka rebalance storm shares "storm" wording but no failure mode; the shared list is exact.
    for (const s of pool)
      expect(s.sharedFailureModes).toEqual(
        s.failureModes.filter((m) => ['connection-pool-exhaustion', 'retry-storm'].includes(m)),
      );
  });

  it('puts a review sharing a failure mode first, leaves out Related and unrelated text-only reviews', async () => {
    const retry = (title: string, related = '[]') =>
      topicMarkdown({
        title,
        services: '[sms-gateway]',
        failureModes: '[retry-storm]',
        text: 'the SMS provider answered 429 and every worker retried without jitter or backoff, so the retry storm kept the provider throttling us.',
      }).replace('related: []', `related: ${related}`);
    const contentDir = await makeContent({
      ...Object.fromEntries(ids.map((id) => [`${id}.md`, topicMarkdown(TOPICS[id]!)])),
      '2025-05-01-sms-retry-storm.md': retry('SMS 429s turned into a retry storm'),
      '2025-05-02-push-retry-storm.md': retry(
        'Push provider 429s turned into a retry storm',
        '[2025-05-01-sms-retry-storm]',
      ),
    });
    const dbUri = await makeDbDir();
    await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
    const { reviews } = await loadValidCorpus(contentDir);
    const map = await similarIncidents(reviews, { dbUri, contentDir, k: 5 });
    // The pgbouncer retry storm: the SMS and push reviews share its failure mode; the WAL,
    // certificate and Kafka reviews share neither a mode nor a service nor enough words.
    expect((map.get(ids[0]!) ?? []).map((s) => s.id).sort()).toEqual([
      '2025-05-01-sms-retry-storm',
      '2025-05-02-push-retry-storm',
    ]);
    // The push review already lists the SMS one under Related.
    const push = map.get('2025-05-02-push-retry-storm') ?? [];
    expect(push.map((s) => s.id)).toEqual(['2025-01-10-pgbouncer-pool-exhaustion']);
    expect(push[0]).toMatchObject({ sharedFailureModes: ['retry-storm'], textOnly: false });
    expect(push[0]?.matchedTerms.length).toBeGreaterThan(0);
    // The certificate review has nothing close: "no close match".
    expect(map.get(ids[2]!)).toEqual([]);
  });

  it('ranks exactly as one `match` query per review would (in-memory vector half, same RRF and aggregation)', async () => {
    const contentDir = await makeTopicContent();
    const dbUri = await makeDbDir();
    await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
    const { reviews } = await loadValidCorpus(contentDir);
    const map = await similarIncidents(reviews, { dbUri, contentDir, k: 3, judge: false });
    const matcher = await openMatcher({ dbUri, contentDir });
    try {
      for (const review of reviews) {
        const viaMatch = await matcher.query(reviewAsNotes(review), {
          k: 6,
          excludeId: review.id,
          snippets: false,
          relevance: false,
        });
        const got = map.get(review.id) ?? [];
        expect(got.map((s) => s.id)).toEqual(viaMatch.slice(0, 3).map((h) => h.id));
        got.forEach((s, i) => expect(s.score).toBeCloseTo(viaMatch[i]!.score, 4));
      }
    } finally {
      matcher.close();
    }
  });

  it('is empty, with one warning, when there is no index', async () => {
    const contentDir = await makeTopicContent();
    const { reviews } = await loadValidCorpus(contentDir);
    const warnings: string[] = [];
    const map = await similarIncidents(reviews, {
      dbUri: await makeDbDir(),
      contentDir,
      warn: (m) => warnings.push(m),
    });
    expect(map.size).toBe(0);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('casebook embed');
  });
});

describe('the in-memory vector half (topChunksOf)', () => {
  /** Chunks as rows of sparse signed vectors, in the layout loadChunkVectors builds. */
  function layout(
    rows: { dims: number[]; values: number[]; review: string }[],
    dimensions: number,
  ) {
    const offsets = new Int32Array(dimensions + 1);
    for (const r of rows) for (const d of r.dims) offsets[d + 1]!++;
    for (let d = 0; d < dimensions; d++) offsets[d + 1]! += offsets[d]!;
    const fill = offsets.slice(0, dimensions);
    const nnz = offsets[dimensions]!;
    const chunk = new Int32Array(nnz);
    const value = new Float32Array(nnz);
    rows.forEach((r, c) => {
      r.dims.forEach((d, i) => {
        const at = fill[d]!++;
        chunk[at] = c;
        value[at] = r.values[i]!;
      });
    });
    const ownerOf = new Map<string, number>();
    const owner = Int32Array.from(rows, (r) => {
      if (!ownerOf.has(r.review)) ownerOf.set(r.review, ownerOf.size);
      return ownerOf.get(r.review)!;
    });
    return {
      offsets,
      chunk,
      value,
      owner,
      ownerOf,
    };
  }

  /** Scoring every chunk and keeping the best: what topChunksOf must equal. */
  function bruteForce(
    rows: { dims: number[]; values: number[]; review: string }[],
    query: Float32Array,
    exclude: string,
    limit: number,
  ): number[] {
    const scores = rows.map((r) => {
      let s = 0;
      r.dims.forEach((d, i) => {
        if (query[d] !== 0) s = s + query[d]! * Math.fround(r.values[i]!);
      });
      return s;
    });
    return rows
      .map((r, c) => ({ c, s: scores[c]!, review: r.review }))
      .filter((x) => x.review !== exclude)
      .sort((a, b) => b.s - a.s || a.c - b.c)
      .slice(0, limit)
      .map((x) => x.c);
  }

  /** A small deterministic generator (mulberry32), so a failure can be replayed. */
  function random(seed: number) {
    return () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  it('returns exactly the chunks and order of scoring every chunk, on signed sparse vectors with ties, zeros and few matches', () => {
    const rand = random(7);
    const dimensions = 64;
    for (let trial = 0; trial < 300; trial++) {
      const reviews = 2 + Math.floor(rand() * 30);
      const rows = Array.from({ length: reviews * 3 }, (_, c) => {
        // Zipf-like: low dimensions are common, high ones rare; a few values repeat (ties).
        const dims = [
          ...new Set(
            Array.from({ length: 1 + Math.floor(rand() * 8) }, () =>
              Math.floor(dimensions * rand() ** 2),
            ),
          ),
        ].sort((a, b) => a - b);
        const values = dims.map(() =>
          rand() < 0.2 ? 0.5 : ((rand() < 0.3 ? -1 : 1) * Math.round(rand() * 8)) / 8 || 0.25,
        );
        return { dims, values, review: `r${c % reviews}` };
      });
      const chunks = layout(rows, dimensions);
      const query = new Float32Array(dimensions);
      const terms = trial % 10 === 0 ? 1 : 1 + Math.floor(rand() * 12);
      for (let t = 0; t < terms; t++)
        query[Math.floor(dimensions * rand())] = (rand() < 0.3 ? -1 : 1) * (0.1 + rand());
      const limit = 1 + Math.floor(rand() * 12);
      const exclude = `r${Math.floor(rand() * reviews)}`;
      const top = topChunksOf(chunks, limit);
      expect(top(query, exclude), `trial ${trial}`).toEqual(
        bruteForce(rows, query, exclude, limit),
      );
    }
  });

  it('equals scoring every chunk on the lexical vectors of real review text', async () => {
    const contentDir = await makeTopicContent();
    const { reviews } = await loadValidCorpus(contentDir);
    const embedder = new LexicalEmbedder();
    const chunks = reviews.flatMap((r) => reviewChunks(r));
    embedder.fit(chunks.map((c) => c.search));
    const vectors = await embedder.embed(chunks.map((c) => c.search));
    const rows = chunks.map((c, i) => {
      const v = vectors[i]!;
      const dims = [...v.keys()].filter((d) => v[d] !== 0);
      return { dims, values: dims.map((d) => v[d]!), review: c.id };
    });
    const layoutRows = layout(rows, embedder.dimensions);
    for (const limit of [1, 3, 10, 40]) {
      const top = topChunksOf(layoutRows, limit);
      for (const review of reviews) {
        const query = embedder.embedOne(reviewAsNotes(review));
        expect(top(query, review.id)).toEqual(bruteForce(rows, query, review.id, limit));
      }
    }
  });
});
