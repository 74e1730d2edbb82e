import { describe, expect, it } from 'vitest';
import { corpusStats } from '../../../src/lib/stats/metrics.ts';
import { timelineMetrics } from '../../../src/lib/review/metrics.ts';
import { makeReview } from '../../helpers/reviews.ts';

const NOW = new Date('2026-03-10T12:00:00Z');

/** Imported history the way import writes what the source never stated. */
const imported = (id: string, timeline: { at: string; event: string }[]) =>
  makeReview(id, {
    status: 'imported',
    severity: 'unknown',
    services: [],
    timeline,
    actionItems: [
      {
        title: 'TODO: add the follow-up actions; the source lists none.',
        owner: 'unassigned',
        status: 'open',
      },
    ],
  });

describe('stats with unknown values from imported history', () => {
  const reviews = [
    // Complete: SEV2 on payments-api, 60 minutes from impact to resolution.
    makeReview('complete', { severity: 'SEV2', services: ['payments-api'] }),
    // Imported with one real moment and a TODO placeholder at the same time: no duration.
    imported('one-moment', [
      { at: '2025-06-02T09:00:00Z', event: 'Deploy of checkout 7.3.0' },
      {
        at: '2025-06-02T09:00:00Z',
        event: 'TODO: add when the incident was detected, mitigated and resolved.',
      },
    ]),
    // Imported with two real moments at the same minute: still no end after the start.
    imported('same-minute', [
      { at: '2025-06-03T00:00:00Z', event: 'Outage reported' },
      { at: '2025-06-03T00:00:00Z', event: 'Status page updated' },
    ]),
    // Imported with a real start and end: a duration of 45 minutes, but no severity or service.
    imported('with-end', [
      { at: '2025-06-04T10:00:00Z', event: 'Errors start' },
      { at: '2025-06-04T10:45:00Z', event: 'Errors stop' },
    ]),
  ];
  const stats = corpusStats(reviews, { now: NOW });

  it('never counts an unknown severity as a SEV, and says how many were left out', () => {
    expect(stats.perSeverity).toEqual([
      { key: 'SEV1', label: 'SEV1', count: 0 },
      { key: 'SEV2', label: 'SEV2', count: 1 },
      { key: 'SEV3', label: 'SEV3', count: 0 },
      { key: 'SEV4', label: 'SEV4', count: 0 },
    ]);
    expect(stats.leftOut.severity).toBe(3);
  });

  it('never invents a service, and says how many reviews name none', () => {
    expect(stats.perService).toEqual([{ key: 'payments-api', label: 'payments-api', count: 1 }]);
    expect(stats.leftOut.services).toBe(3);
  });

  it('leaves durations with no end out of time to resolve instead of counting 0 min', () => {
    // 60 min (complete) and 45 min (with-end): median 52.5 min over two reviews.
    expect(stats.durations.timeToResolve).toEqual({ ms: 52.5 * 60_000, n: 2 });
    expect(stats.leftOut.duration).toBe(2);
  });

  it('does not count TODO action items as open work', () => {
    expect(stats.openActions.total).toBe(1);
    expect(stats.openActions.byOwner).toEqual([{ key: 'team-a', label: 'team-a', count: 1 }]);
  });

  it('gives a review page an unknown duration, not 0 min, when the timeline has no end', () => {
    expect(timelineMetrics(reviews[1]!.data.timeline).durationMs).toBeUndefined();
    expect(timelineMetrics(reviews[2]!.data.timeline).durationMs).toBeUndefined();
    expect(timelineMetrics(reviews[3]!.data.timeline).durationMs).toBe(45 * 60_000);
  });
});
