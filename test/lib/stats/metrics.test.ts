import { describe, it, expect } from 'vitest';
import { corpusStats, median } from '../../../src/lib/stats/metrics.ts';
import { makeReview } from '../../helpers/reviews.ts';
import type { TimelineEntry } from '../../../src/lib/review/schema.ts';

const NOW = new Date('2026-03-10T12:00:00Z');
const t = (at: string, event: string, kind?: TimelineEntry['kind']) => ({
  at,
  event,
  ...(kind ? { kind } : {}),
});

describe('corpusStats', () => {
  const reviews = [
    makeReview('a', {
      date: '2026-01-05',
      severity: 'SEV1',
      services: ['payments-api', 'pgbouncer'],
      failureModes: ['retry-storm', 'connection-pool-exhaustion'],
    }),
    makeReview('b', {
      date: '2026-03-01',
      severity: 'SEV2',
      services: ['payments-api'],
      failureModes: ['retry-storm'],
    }),
    makeReview('c', {
      date: '2025-11-20',
      severity: 'SEV2',
      services: ['search'],
      failureModes: ['disk-full'],
    }),
  ];

  it('counts incidents per month with empty months filled, per severity, service and failure mode', () => {
    const stats = corpusStats(reviews, {
      now: NOW,
      taxonomy: [{ slug: 'retry-storm', name: 'Retry storm', description: 'x' }],
    });
    expect(stats.total).toBe(3);
    expect(stats.perMonth.map((c) => [c.key, c.count])).toEqual([
      ['2025-11', 1],
      ['2025-12', 0],
      ['2026-01', 1],
      ['2026-02', 0],
      ['2026-03', 1],
    ]);
    expect(stats.perMonth[0]?.label).toBe('Nov 2025');
    expect(stats.perYear.map((c) => [c.key, c.count])).toEqual([
      ['2025', 1],
      ['2026', 2],
    ]);
    expect(stats.perSeverity.map((c) => c.count)).toEqual([1, 2, 0, 0]);
    expect(stats.perService.map((c) => [c.key, c.count])).toEqual([
      ['payments-api', 2],
      ['pgbouncer', 1],
      ['search', 1],
    ]);
    expect(stats.perFailureMode[0]).toEqual({ key: 'retry-storm', label: 'Retry storm', count: 2 });
  });

  it('takes median time to detect, mitigate and resolve from the timelines, and their trend per quarter', () => {
    const slow = makeReview('slow', {
      date: '2026-02-01',
      timeline: [
        t('2026-02-01T10:00:00Z', 'start', 'impact-start'),
        t('2026-02-01T11:00:00Z', 'paged', 'detected'),
        t('2026-02-01T13:00:00Z', 'done', 'resolved'),
      ],
    });
    const stats = corpusStats([...reviews, slow], { now: NOW });
    // Three reviews detect in 10 min, one in 60: median of [10,10,10,60] = 10 min.
    expect(stats.durations.timeToDetect).toEqual({ ms: 10 * 60000, n: 4 });
    expect(stats.durations.timeToMitigate).toEqual({ ms: 30 * 60000, n: 3 });
    expect(stats.durations.timeToResolve).toEqual({ ms: 60 * 60000, n: 4 });
    expect(stats.trend.granularity).toBe('quarter');
    expect(stats.trend.points.map((p) => [p.period, p.incidents, p.timeToDetect.ms])).toEqual([
      ['2025-Q4', 1, 600000],
      ['2026-Q1', 3, 600000],
    ]);
    expect(stats.trend.points[1]?.timeToResolve.ms).toBe(60 * 60000);
  });

  it('ignores TODO placeholder timeline entries, so an imported review without a timeline adds no zero durations', () => {
    const imported = makeReview('imported', {
      timeline: [
        t('2025-06-02T00:00:00Z', 'TODO: the source has no timeline', 'note'),
        t('2025-06-02T00:00:00Z', 'TODO: add when it started', 'note'),
      ],
    });
    expect(corpusStats([imported], { now: NOW }).durations.timeToResolve).toEqual({
      ms: undefined,
      n: 0,
    });
  });

  it('lists open action items by owner and the overdue ones, skipping done items and TODO placeholders', () => {
    const r = makeReview('r', {
      actionItems: [
        { title: 'Add jitter', owner: 'payments-team', status: 'open', due: '2026-03-01' },
        {
          title: 'Alert on pool',
          owner: 'payments-team',
          status: 'in-progress',
          due: '2026-03-10',
        },
        { title: 'Runbook', owner: 'sre', status: 'open' },
        { title: 'Old', owner: 'sre', status: 'done', due: '2020-01-01' },
        { title: 'TODO: add the follow-up actions', owner: 'unassigned', status: 'open' },
      ],
    });
    const stats = corpusStats([r], { now: NOW });
    expect(stats.openActions.total).toBe(3);
    expect(stats.openActions.byOwner.map((c) => [c.key, c.count])).toEqual([
      ['payments-team', 2],
      ['sre', 1],
    ]);
    // Due today is not overdue yet.
    expect(stats.openActions.overdue.map((a) => a.title)).toEqual(['Add jitter']);
  });

  it('switches the trend to years for a corpus spanning more than three years', () => {
    const old = makeReview('old', { date: '2019-05-01' });
    expect(corpusStats([old, ...reviews], { now: NOW }).trend.points.map((p) => p.period)).toEqual([
      '2019',
      '2020',
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      '2026',
    ]);
  });

  it('handles an empty corpus', () => {
    const stats = corpusStats([], { now: NOW });
    expect(stats).toMatchObject({ total: 0, perMonth: [], perService: [], trend: { points: [] } });
    expect(stats.durations.timeToDetect.ms).toBeUndefined();
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeUndefined();
  });
});
