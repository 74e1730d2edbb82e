import { describe, expect, it } from 'vitest';
import { stem, tokenize, queryWords } from '../../../src/lib/search/tokenize.ts';

describe('tokenize', () => {
  it('keeps technical tokens whole', () => {
    const { unigrams } = tokenize(
      'Set `maxIdleConns` and max.poll.records=500; x509: certificate expired on pgbouncer-payments after v3.18.0',
    );
    for (const token of [
      'maxidleconns',
      'max.poll.records=500',
      'x509:',
      'pgbouncer-payments',
      'v3.18.0',
    ])
      expect(unigrams).toContain(token);
  });

  it('also emits the useful sub-parts of technical tokens', () => {
    const { unigrams } = tokenize('maxIdleConns max.poll.records=500 pgbouncer-payments');
    for (const part of [
      'max',
      'idle',
      'conn',
      'max.poll.records',
      'poll',
      'record',
      '500',
      'pgbouncer',
      'payment',
    ])
      expect(unigrams).toContain(part);
  });

  it('drops stop words and stems plain words lightly', () => {
    const { unigrams } = tokenize('The connections were exhausted while the retries kept failing');
    expect(unigrams).toEqual(['connection', 'exhaust', 'retry', 'kept', 'fail']);
    expect(stem('pass')).toBe('pass');
    expect(stem('status')).toBe('status');
  });

  it('builds word bigrams over content words', () => {
    expect(tokenize('pool exhaustion under a retry storm').bigrams).toEqual([
      'pool_exhaustion',
      'exhaustion_retry',
      'retry_storm',
    ]);
  });

  it('makes full-text query words from notes without stop words or duplicates', () => {
    expect(queryWords('The pool, the POOL and x509: errors')).toEqual(['pool', 'x509', 'errors']);
  });
});
