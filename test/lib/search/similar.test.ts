import { describe, expect, it } from 'vitest';
import { captureIo } from '../../helpers/io.ts';
import { makeContent } from '../../helpers/content.ts';
import { makeDbDir, makeTopicContent, topicMarkdown, TOPICS } from '../../helpers/search.ts';
import { embedCorpus } from '../../../src/lib/search/embed.ts';
import { loadValidCorpus } from '../../../src/lib/review/load.ts';
import { reviewAsNotes, similarIncidents } from '../../../src/lib/search/similar.ts';
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
