import { describe, expect, it } from 'vitest';
import {
  compoundDurationsIn,
  extractSpecifics,
  parseQuantity,
  quantitiesIn,
  sameInstant,
  sameNumber,
  sameQuantity,
  timesIn,
} from '../../../src/lib/facts/index.ts';

const q = (text: string) => {
  const found = parseQuantity(text);
  if (!found) throw new Error(`no quantity in ${text}`);
  return found;
};

describe('quantities', () => {
  it('normalises units: 5s = 5000 ms = 5 seconds, 0.000012 s = 12 µs, 1.2k rps = 1,200 rps', () => {
    expect(sameQuantity(q('5s'), q('5000 ms'))).toBe(true);
    expect(sameQuantity(q('5 seconds'), q('5000 ms'))).toBe(true);
    expect(sameQuantity(q('0.000012s'), q('12 µs'))).toBe(true);
    expect(sameQuantity(q('1.2k rps'), q('1,200 rps'))).toBe(true);
    expect(sameQuantity(q('310 GiB'), q('310 GB'))).toBe(false);
    expect(sameQuantity(q('5s'), q('6000 ms'))).toBe(false);
  });

  it('reads a count with its noun and qualifier, and a count with the noun changed is the same number', () => {
    const failed = q('720 failed orders');
    expect([failed.dimension, failed.base, failed.noun, failed.qualifier]).toEqual([
      'count',
      720,
      'order',
      'failed',
    ]);
    expect(sameNumber(failed, q('720 orders'))).toBe(true);
    expect(sameNumber(failed, q('700 orders'))).toBe(false);
  });

  it('reads the unit a setting key names, and leaves years, versions and times alone', () => {
    expect(quantitiesIn('`delivery.timeout_ms: 5000`').map((x) => [x.dimension, x.base])).toEqual([
      ['duration', 5],
    ]);
    expect(quantitiesIn('in 2024 we ran v2.8.1 at 14:02 UTC')).toEqual([]);
  });

  it('extracts "720 failed orders" as one specific, not a bare number', () => {
    expect(extractSpecifics('- 720 failed orders at checkout').map((s) => s.text)).toEqual([
      '720 failed orders',
    ]);
  });
});

describe('times', () => {
  it('treats the same instant in another form or zone as the same time', () => {
    const [utc, iso] = timesIn('14:02 UTC and 2026-02-19T14:02:00Z');
    const [pst] = timesIn('6:02 AM PST');
    expect(utc && iso && sameInstant(utc, iso)).toBe(true);
    expect(utc && pst && sameInstant(utc, pst)).toBe(true);
  });

  it('applies a zone declared for the whole text, and a zone followed by a colon', () => {
    expect(timesIn('All times PST.\n- 10:18 deploy').map((t) => [t.text, t.offset])).toEqual([
      ['10:18', -480],
    ]);
    expect(timesIn('- 18:40 UTC: suspected the LB').map((t) => [t.text, t.offset])).toEqual([
      ['18:40 UTC', 0],
    ]);
  });
});

describe('compoundDurationsIn', () => {
  const read = (text: string) => compoundDurationsIn(text).map((q) => [q.text, q.base]);

  it('reads a duration written in several units as one value in seconds', () => {
    expect(
      read('It lasted 1 hour and 29 minutes, then 1 h 11 min, an hour and 11 minutes, 4 min 30 s.'),
    ).toEqual([
      ['1 hour and 29 minutes', 5340],
      ['1 h 11 min', 4260],
      ['an hour and 11 minutes', 4260],
      ['4 min 30 s', 270],
    ]);
  });

  it('does not join a list of durations or units that are not one step apart', () => {
    expect(read('timeouts of 5 s and 30 s; p99 2 s, 300 ms; 2 hours 30 s')).toEqual([]);
  });
});

describe('quantitiesIn: adjective forms', () => {
  const read = (text: string) => quantitiesIn(text).map((q) => [q.text, q.dimension, q.base]);

  it('reads a hyphenated unit as the quantity ("a 14-day monitor", "a 30-minute canary")', () => {
    expect(read('a 14-day monitor and a 30-minute canary')).toEqual([
      ['14-day', 'duration', 1209600],
      ['30-minute', 'duration', 1800],
    ]);
  });
});
