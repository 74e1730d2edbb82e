import { describe, expect, it } from 'vitest';
import { flattenExcerpt } from '../../../src/lib/markdown/flatten.ts';

describe('flattenExcerpt', () => {
  it('drops list markers and strong emphasis and folds white space into one line', () => {
    expect(
      flattenExcerpt('- **pgbouncer** pool at 100%\n  1. retries every 250 ms\n* no jitter'),
    ).toBe('pgbouncer pool at 100% retries every 250 ms no jitter');
  });

  it('keeps a hyphen or a number inside a sentence', () => {
    expect(flattenExcerpt('timeout went 30000 -> 5000 in v2.3.1')).toBe(
      'timeout went 30000 -> 5000 in v2.3.1',
    );
  });
});
