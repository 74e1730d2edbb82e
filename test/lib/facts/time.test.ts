import { describe, expect, it } from 'vitest';
import {
  dateInPath,
  dateInValue,
  dayOf,
  declaredZone,
  findDate,
  leadingDate,
  monthInText,
  timeMentions,
  toUtc,
  weekdayMatches,
  zoneOffsetOf,
} from '../../../src/lib/facts/time.ts';

describe('dates in text', () => {
  it('reads a date range as its start day instead of a wrong year', () => {
    expect(dateInValue('January 14-19, 2026')).toBe('2026-01-14');
    expect(dateInValue('14-19 January 2026')).toBe('2026-01-14');
    expect(dateInValue('Jan 14 – Jan 19, 2026')).toBe('2026-01-14');
    expect(dayOf('January 14-19, 2026')).toBeUndefined();
  });

  it('reads leading dates in ISO, written-out, and US slashed forms', () => {
    expect(leadingDate('2015-10-21 (all times UTC)')?.day).toBe('2015-10-21');
    expect(leadingDate('Thursday, Oct 21, 2015: the outage')).toEqual({
      day: '2015-10-21',
      rest: ': the outage',
    });
    expect(leadingDate('21 October 2015')?.day).toBe('2015-10-21');
    expect(leadingDate('10/14/2022 - deploy started')).toEqual({
      day: '2022-10-14',
      rest: ' - deploy started',
    });
    expect(leadingDate('2026-02-30')).toBeUndefined();
  });

  it('finds the first date in prose and URLs, and the day in a file or folder name', () => {
    expect(findDate('On March 3rd, 2021 we saw errors; fixed 2021-03-05.')).toBe('2021-03-03');
    expect(findDate('see https://example.com/blog/2019/07/02/outage/')).toBe('2019-07-02');
    expect(dateInPath('incidents/2024-06-25-db-failover.md')).toBe('2024-06-25');
    expect(dateInPath('2021/06/03/notes.md')).toBe('2021-06-03');
    expect(dateInPath('PM2021-004 - ADFS outage.md')).toBeUndefined();
  });
});

describe('zones', () => {
  it('reads zone tokens, numeric offsets and UTC+N', () => {
    expect(zoneOffsetOf('PST')).toBe(-480);
    expect(zoneOffsetOf('Z')).toBe(0);
    expect(zoneOffsetOf('+05:30')).toBe(330);
    expect(zoneOffsetOf('UTC+2')).toBe(120);
    expect(zoneOffsetOf('GMT-03:30')).toBe(-210);
    expect(zoneOffsetOf('FOO')).toBeUndefined();
  });

  it('reads a zone declared for a whole text', () => {
    expect(declaredZone('All times in CET.')).toBe(60);
    expect(declaredZone('## Timeline (all times PST) and notes')).toBe(-480);
    expect(declaredZone('Times are UTC+2')).toBe(120);
    expect(declaredZone('(all times UTC)')).toBe(0);
    expect(declaredZone('The deploy happened at the usual time.')).toBeUndefined();
  });

  it('does not read a declared "UTC" and the next list line\'s "- 23:58" as UTC-23:58', () => {
    expect(declaredZone('Thursday 2026-01-15, all times UTC\n- 23:58 cert expires')).toBe(0);
  });

  it('converts a local time in a zone to UTC', () => {
    expect(toUtc('2026-01-14', 10, 18, 0, -480).toISOString()).toBe('2026-01-14T18:18:00.000Z');
    expect(toUtc('2026-01-14', 0, 30, 0, 60).toISOString()).toBe('2026-01-13T23:30:00.000Z');
  });
});

describe('timeMentions', () => {
  it('finds every common timestamp form with its day and zone', () => {
    const found = timeMentions(
      '14:02 UTC; 2026-02-19T14:02:00Z; 10:18 AM PST; Jan 14, 10:18 AM; 10/14/2022 - 09:05; 7:45pm',
      2026,
    );
    expect(found.map((t) => [t.day ?? null, t.hour, t.minute, t.offset ?? null])).toEqual([
      [null, 14, 2, 0],
      ['2026-02-19', 14, 2, 0],
      [null, 10, 18, -480],
      ['2026-01-14', 10, 18, null],
      ['2022-10-14', 9, 5, null],
      [null, 19, 45, null],
    ]);
  });

  it('does not read versions, ratios or durations as times', () => {
    expect(timeMentions('version 1.12:3, ratio 3:1, took 25:61, v2.10:30')).toEqual([]);
  });
});

describe('weekdays', () => {
  it('checks a weekday name against a day', () => {
    expect(weekdayMatches('2026-02-19', 'Thursday')).toBe(true);
    expect(weekdayMatches('2026-02-19', 'Thu')).toBe(true);
    expect(weekdayMatches('2026-02-19', 'Friday')).toBe(false);
  });
});

describe('dates an import falls back on', () => {
  it('finds an ISO date inside a timestamp and a month-day-year URL slug', () => {
    expect(findDate('the 27th leap second at 2016-12-31T23:59:60Z')).toBe('2016-12-31');
    expect(findDate('https://example.com/blog/manta-postmortem-7-27-2015')).toBe('2015-07-27');
  });

  it('reads a month named with its year, or a dated URL path without a day, as the first of the month', () => {
    expect(monthInText('One night in July 2012, the grid failed.')).toBe('2012-07-01');
    expect(monthInText('lists.example.org/archives/users/2025-November/012210.html')).toBe(
      '2025-11-01',
    );
    expect(monthInText('https://example.com/blog/2013/07/billing-incident.html')).toBe(
      '2013-07-01',
    );
    expect(monthInText('It failed on a Tuesday.')).toBeUndefined();
  });
});
