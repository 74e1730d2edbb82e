import { describe, expect, it } from 'vitest';
import {
  buildVocabulary,
  editDistance,
  indexVocabulary,
  unknownWords,
} from '../../../src/lib/site/vocabulary.ts';

const vocabulary = buildVocabulary(
  ['pgbouncer-payments ran out of server connections; cl_waiting climbed.'],
  ['payments-api', 'Retry storm', 'PAY-1432'],
);
const index = indexVocabulary(vocabulary);

describe('the search vocabulary', () => {
  it('holds the words of the texts and labels, joined words and their parts', () => {
    expect(vocabulary.words).toEqual([
      '1432',
      'api',
      'cl',
      'cl_waiting',
      'climbed',
      'connections',
      'of',
      'out',
      'pay',
      'pay-1432',
      'payments',
      'payments-api',
      'pgbouncer',
      'pgbouncer-payments',
      'ran',
      'retry',
      'server',
      'storm',
      'waiting',
    ]);
    expect(vocabulary.labels).toEqual(['pay-1432', 'payments-api', 'retry storm']);
  });

  it('knows whole words, word starts of three letters or more, and joined known words', () => {
    expect(index.knows('PGBouncer')).toBe(true);
    expect(index.knows('connect')).toBe(true);
    expect(index.knows('ret')).toBe(true);
    expect(index.knows('server-payments')).toBe(true);
    expect(index.knows('pgbouncr')).toBe(false);
    expect(index.knows('asdfghjk')).toBe(false);
  });

  it('suggests close spellings, labels first', () => {
    expect(index.suggest('pgbouncr')).toEqual(['pgbouncer']);
    expect(index.suggest('retyr')).toEqual(['retry']);
    expect(index.suggest('asdfghjk')).toEqual([]);
  });

  it('names the words of a query that no review mentions', () => {
    expect(unknownWords('pgbouncr storm', index)).toEqual(['pgbouncr']);
    expect(unknownWords('the quick brown fox', index)).toEqual(['the', 'quick', 'brown', 'fox']);
    expect(unknownWords('retry storm', index)).toEqual([]);
  });

  it('cuts a query into the labels it holds and its other words', () => {
    const labelled = indexVocabulary(
      buildVocabulary([], ['Clock skew', 'clock', 'ledger-service', 'Memory leak / OOM kill']),
    );
    expect(labelled.parts('Clock skew on ledger-service')).toEqual([
      'clock skew',
      'on',
      'ledger-service',
    ]);
    expect(labelled.parts('memory leak OOM kill clock')).toEqual(['memory leak oom kill', 'clock']);
    expect(labelled.parts('skew clock skew')).toEqual(['skew', 'clock skew']);
    expect(labelled.parts('  ')).toEqual([]);
  });

  it('counts edits with adjacent swaps as one', () => {
    expect(editDistance('retyr', 'retry')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
