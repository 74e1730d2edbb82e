import { describe, it, expect } from 'vitest';
import { kindOf } from '../../../src/lib/classify/index.ts';
import { parseTimeline, timelineFromTimes } from '../../../src/lib/import/timeline.ts';

const iso = (d: Date | undefined) => d?.toISOString();

describe('parseTimeline', () => {
  it('reads HH:MM lines under a date line, in the zone the header declares', () => {
    const { entries, otherLines } = parseTimeline(
      '2015-10-21 (all times PDT)\n14:51 News reports a new sonnet\n14:53 Traffic up 88x; outage begins',
      {},
    );
    expect(entries.map((e) => [iso(e.at), e.event])).toEqual([
      ['2015-10-21T21:51:00.000Z', 'News reports a new sonnet'],
      ['2015-10-21T21:53:00.000Z', 'Traffic up 88x; outage begins'],
    ]);
    expect(entries[1]?.kind).toBe('impact-start');
    expect(otherLines).toBe(1);
  });

  it('rolls over midnight when a time is earlier than the one before it', () => {
    const { entries } = parseTimeline('- 23:50 alert fires\n- 00:10 rollback done', {
      defaultDay: '2025-01-31',
    });
    expect(entries.map((e) => iso(e.at))).toEqual([
      '2025-01-31T23:50:00.000Z',
      '2025-02-01T00:10:00.000Z',
    ]);
  });

  it('reads table rows, ISO timestamps with zones and 12-hour clocks', () => {
    const text =
      '| Time | Event |\n| --- | --- |\n| 2025-07-08T09:30Z | deploy starts |\n| 2025-07-08 11:05 +02:00 | paged |\n\n- July 9, 2025 at 9:16 PM UTC: resolved';
    const { entries } = parseTimeline(text);
    expect(entries.map((e) => [iso(e.at), e.kind])).toEqual([
      ['2025-07-08T09:05:00.000Z', 'detected'],
      ['2025-07-08T09:30:00.000Z', 'trigger'],
      ['2025-07-09T21:16:00.000Z', 'resolved'],
    ]);
  });

  it('does not take words after a time for a zone, or prose without a time for an entry', () => {
    const { entries, otherLines } = parseTimeline(
      '09:12 Zookeeper leader lost\nWe looked at the dashboards.',
      { defaultDay: '2025-03-01' },
    );
    expect(entries).toEqual([
      { at: new Date('2025-03-01T09:12:00Z'), event: 'Zookeeper leader lost' },
    ]);
    expect(otherLines).toBe(1);
  });

  it('leaves times without any known day unplaced', () => {
    expect(parseTimeline('09:12 something happened').entries).toEqual([]);
  });
});

describe('kindOf', () => {
  it('marks the moments the metrics use and ignores failed or unrelated steps', () => {
    expect(kindOf('`PaymentsErrorRate` pages on-call')).toBe('detected');
    expect(kindOf('Config reverted')).toBe('mitigated');
    expect(kindOf('on-call tries to roll back; rollback stalls')).toBeUndefined();
    expect(kindOf('release deployed (unrelated)')).toBeUndefined();
    expect(kindOf('Traffic failed over to us-west-2')).toBe('mitigated');
    expect(kindOf('error rate back to normal; resolved')).toBe('resolved');
  });
});

describe('timelineFromTimes', () => {
  it('makes an impact-start and a resolved entry from start_time and end_time', () => {
    expect(
      timelineFromTimes('2024-09-17T16:05:00Z', '2024-09-17T18:19:00-00:00').map((e) => [
        iso(e.at),
        e.kind,
      ]),
    ).toEqual([
      ['2024-09-17T16:05:00.000Z', 'impact-start'],
      ['2024-09-17T18:19:00.000Z', 'resolved'],
    ]);
    expect(timelineFromTimes('2024-09-17T16:05:00Z', undefined)).toHaveLength(1);
    expect(timelineFromTimes('not a time', undefined)).toEqual([]);
  });
});

describe('parseTimeline on timelines written by other teams', () => {
  it('reads bold times, month-day times, dated headings, table rows and slashed US dates', () => {
    const text = [
      '**09:58** Config push to the edge fleet starts',
      '',
      '- Jan 14, 10:18 AM: first customer tickets about 502s',
      '',
      '### 2026-01-14 10:40 on-call paged',
      '',
      '| When | What |',
      '| --- | --- |',
      '| 11:05 | Rolled back the edge config |',
      '',
      '```',
      '12:00 not an event: a log line in a code block',
      '```',
      '',
      '01/15/2026 - 09:00 incident closed, all clear',
    ].join('\n');
    const { entries } = parseTimeline(text, { defaultDay: '2026-01-14' });
    expect(entries.map((e) => [iso(e.at), e.event])).toEqual([
      ['2026-01-14T09:58:00.000Z', 'Config push to the edge fleet starts'],
      ['2026-01-14T10:18:00.000Z', 'first customer tickets about 502s'],
      ['2026-01-14T10:40:00.000Z', 'on-call paged'],
      ['2026-01-14T11:05:00.000Z', 'Rolled back the edge config'],
      ['2026-01-15T09:00:00.000Z', 'incident closed, all clear'],
    ]);
  });

  it('with markZones, keeps the time as written for a stated zone and marks a missing zone TODO', () => {
    const stated = parseTimeline('Timeline (all times PST)\n- 10:18 AM first 502s reported', {
      defaultDay: '2026-01-14',
      markZones: true,
    });
    expect(stated.entries.map((e) => [iso(e.at), e.event])).toEqual([
      ['2026-01-14T18:18:00.000Z', 'first 502s reported (10:18 UTC-08:00 in the source)'],
    ]);
    const utc = parseTimeline('- 14:02 UTC config push starts', {
      defaultDay: '2026-01-14',
      markZones: true,
    });
    expect(utc.entries.map((e) => e.event)).toEqual(['config push starts']);
    const none = parseTimeline('- 14:02 config push starts', {
      defaultDay: '2026-01-14',
      markZones: true,
    });
    expect(none.entries.map((e) => [iso(e.at), e.event])).toEqual([
      ['2026-01-14T14:02:00.000Z', 'config push starts (TODO: zone; read as UTC)'],
    ]);
  });
});
