import { describe, expect, it } from 'vitest';
import { LexicalEmbedder, hashTerm } from '../../../src/lib/search/lexical.ts';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * (b[i] ?? 0), 0);
const corpus = [
  'pgbouncer pool exhaustion under a retry storm on payments-api',
  'disk full on ledger-db after wal archiving stalled',
  'x509: certificate has expired on the edge proxy',
  'kafka consumer rebalance storm after max.poll.interval.ms exceeded',
];

describe('lexical embedder', () => {
  it('is deterministic and L2-normalised', async () => {
    const a = new LexicalEmbedder();
    const b = new LexicalEmbedder();
    a.fit(corpus);
    b.fit(corpus);
    const [va] = await a.embed(['pool exhaustion']);
    const [vb] = await b.embed(['pool exhaustion']);
    expect(Array.from(va!)).toEqual(Array.from(vb!));
    expect(Math.sqrt(dot(va!, va!))).toBeCloseTo(1, 5);
  });

  it('hashes terms with 32-bit FNV-1a, matching the published test vectors', () => {
    // From the FNV reference (http://www.isthe.com/chongo/tech/comp/fnv/): offset basis, "a", "foobar".
    expect(hashTerm('')).toBe(0x811c9dc5);
    expect(hashTerm('a')).toBe(0xe40c292c);
    expect(hashTerm('foobar')).toBe(0xbf9cf968);
  });

  it('ranks the document sharing rare terms first', () => {
    const e = new LexicalEmbedder();
    e.fit(corpus);
    const q = e.embedOne('payments pgbouncer pool exhausted');
    const scores = corpus.map((d) => dot(q, e.embedOne(d)));
    expect(scores.indexOf(Math.max(...scores))).toBe(0);
  });

  it('weights rare terms above common ones with the fitted IDF', () => {
    const e = new LexicalEmbedder();
    e.fit(['storm alpha', 'storm beta', 'storm gamma', 'pgbouncer storm']);
    expect(e.idf('pgbouncer')).toBeGreaterThan(e.idf('storm'));
  });

  it('scores how specific a term is on a 0..1 scale: 1 for a word of one document, low for a word of every document', () => {
    const e = new LexicalEmbedder();
    expect(e.specificity('storm')).toBe(1); // not fitted: no statistics, every word counts fully
    e.fit(['storm alpha', 'storm beta', 'storm gamma', 'pgbouncer storm']);
    // 4 documents: the largest IDF is ln(5 / 2) + 1; storm (df 4) has ln(5 / 5) + 1 = 1.
    expect(e.specificity('pgbouncer')).toBeCloseTo(1, 6);
    expect(e.specificity('storm')).toBeCloseTo(1 / (Math.log(5 / 2) + 1), 6);
  });

  it('round-trips its fitted state so queries use the same IDF as the index', () => {
    const e = new LexicalEmbedder({ dimensions: 256 });
    e.fit([...corpus, ...corpus]);
    const restored = LexicalEmbedder.fromState(e.exportState());
    expect(restored.dimensions).toBe(256);
    expect(Array.from(restored.embedOne('retry storm'))).toEqual(
      Array.from(e.embedOne('retry storm')),
    );
  });

  it('gives the same vector in sparse form', () => {
    const e = new LexicalEmbedder();
    e.fit(corpus);
    const dense = e.embedOne(corpus[2]!);
    const sparse = e.sparse(corpus[2]!);
    sparse.indices.forEach((i, n) => expect(dense[i]).toBeCloseTo(sparse.values[n]!, 6));
    expect(sparse.indices.length).toBe(dense.filter((v) => v !== 0).length);
  });
});
