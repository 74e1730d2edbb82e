import { describe, expect, it } from 'vitest';
import {
  candidateTerms,
  judgeMatches,
  queryTerms,
  termEvidence,
  whyLine,
  type RelevanceSignals,
} from '../../../src/lib/search/relevance.ts';

const POOL_TEXT =
  'payments-api returned 503s while pgbouncer cl_waiting climbed; the pool was exhausted by retries.';

interface Hit {
  id: string;
  score: number;
  text: string;
  modes?: string[];
  services?: string[];
}

const judge = (notes: string, hits: Hit[], context = false) => {
  const q = queryTerms(notes);
  return judgeMatches(
    hits,
    (h): RelevanceSignals => ({
      score: h.score,
      evidence: termEvidence(q, candidateTerms(h.text)),
      ...(h.modes && { sharedFailureModes: h.modes }),
      ...(h.services && { sharedServices: h.services }),
    }),
    { context },
  ).map((j) => `${j.item.id}:${j.strength}`);
};

describe('relevance', () => {
  it('finds the notes’ own words in a candidate, rarest first when IDF is given', () => {
    const idf = (t: string) => (t === 'pgbouncer' ? 5 : 1);
    const e = termEvidence(
      queryTerms('pgbouncer climbed and the weather', idf),
      candidateTerms(POOL_TEXT),
    );
    expect(e.terms).toEqual(['pgbouncer', 'climbed']);
    expect(e.queryWords).toBe(3);
    // pgbouncer (5) + climbed (1) of pgbouncer (5) + climbed (1) + weather (1).
    expect(e.coverage).toBeCloseTo(6 / 7, 5);
  });

  it('never calls a hit strong on text alone when every matched word is common in the corpus', () => {
    // Weights are specificities (0..1): "service" and "down" appear in most sections.
    const common = (t: string) => (t === 'pgbouncer' ? 0.9 : 0.3);
    const signals =
      (notes: string) =>
      (h: Hit): RelevanceSignals => ({
        score: h.score,
        evidence: termEvidence(queryTerms(notes, common), candidateTerms(h.text)),
      });
    const hits: Hit[] = [{ id: 'a', score: 0.05, text: 'the service was down for an hour' }];
    const vague = judgeMatches(hits, signals('the service is down'));
    expect(vague.map((j) => `${j.item.id}:${j.strength}`)).toEqual(['a:possible']);
    const specific = judgeMatches(
      [{ id: 'b', score: 0.05, text: POOL_TEXT }],
      signals('pgbouncer pool exhausted'),
    );
    expect(specific.map((j) => `${j.item.id}:${j.strength}`)).toEqual(['b:strong']);
  });

  it('says "no close match" (an empty list) for gibberish whatever the engine scored', () => {
    expect(judge('asdfghjk', [{ id: 'a', score: 0.05, text: POOL_TEXT }])).toEqual([]);
    expect(judge('the quick brown fox', [{ id: 'a', score: 0.05, text: POOL_TEXT }])).toEqual([]);
  });

  it('keeps a one-word query that the candidate contains', () => {
    expect(judge('pgbouncer', [{ id: 'a', score: 0.03, text: POOL_TEXT }])).toEqual(['a:strong']);
  });

  it('cuts the list at a sharp drop in the scores rather than at a fixed count', () => {
    const notes = 'pgbouncer cl_waiting 503s on payments-api';
    const hits = [
      { id: 'a', score: 0.05, text: POOL_TEXT },
      { id: 'b', score: 0.045, text: POOL_TEXT },
      { id: 'c', score: 0.02, text: POOL_TEXT },
      { id: 'd', score: 0.019, text: POOL_TEXT },
    ];
    expect(judge(notes, hits)).toEqual(['a:strong', 'b:strong']);
  });

  it('labels a hit under 70% of the best score as a possible match', () => {
    const notes = 'pgbouncer cl_waiting 503s on payments-api';
    const hits = [
      { id: 'a', score: 0.05, text: POOL_TEXT },
      { id: 'b', score: 0.03, text: POOL_TEXT },
    ];
    expect(judge(notes, hits)).toEqual(['a:strong', 'b:possible']);
  });

  it('on a review page ranks shared failure modes first and drops weak text-only hits', () => {
    const notes = 'pgbouncer cl_waiting 503s on payments-api';
    const hits = [
      { id: 'text-only-strong', score: 0.05, text: POOL_TEXT },
      { id: 'shares-mode', score: 0.04, text: POOL_TEXT, modes: ['retry-storm'] },
      { id: 'text-only-weak', score: 0.03, text: POOL_TEXT },
      { id: 'shares-service', score: 0.03, text: POOL_TEXT, services: ['payments-api'] },
    ];
    expect(judge(notes, hits, true)).toEqual([
      'shares-mode:strong',
      'text-only-strong:strong',
      'shares-service:possible',
    ]);
  });

  it('writes the why as one line: shared labels, then matched words and their section', () => {
    expect(
      whyLine({
        sharedFailureModes: ['Retry storm'],
        sharedServices: ['payments-api'],
        terms: ['pgbouncer', 'cl_waiting'],
        section: 'detailed mechanism',
      }),
    ).toBe(
      'Same failure mode: Retry storm; same service: payments-api; matched “pgbouncer”, “cl_waiting” in Detailed mechanism',
    );
    expect(whyLine({ terms: ['a', 'b', 'c', 'd', 'e'] })).toBe('Matched “a”, “b”, “c”, “d”');
  });
});
