import { describe, it, expect } from 'vitest';
import { readingMinutes, readingPath, readingPaths } from '../../../src/lib/stats/reading-path.ts';
import { makeReview } from '../../helpers/reviews.ts';

describe('readingPath', () => {
  const reviews = [
    makeReview('old-sev1', { date: '2024-01-01', severity: 'SEV1', failureModes: ['dns-failure'] }),
    makeReview('new-sev2', { date: '2026-01-01', severity: 'SEV2', failureModes: ['dns-failure'] }),
    makeReview('newer-sev2', {
      date: '2026-02-01',
      severity: 'SEV2',
      failureModes: ['retry-storm'],
    }),
    makeReview('onboard', {
      date: '2023-01-01',
      severity: 'SEV4',
      onboarding: true,
      failureModes: ['disk-full'],
    }),
    makeReview('sev3-cache', {
      date: '2025-01-01',
      severity: 'SEV3',
      failureModes: ['cache-stampede', 'dns-failure'],
    }),
    makeReview('sev4-cache', {
      date: '2026-03-01',
      severity: 'SEV4',
      failureModes: ['cache-stampede'],
    }),
    makeReview('sev4-clock', {
      date: '2022-03-01',
      severity: 'SEV4',
      failureModes: ['clock-skew'],
    }),
    makeReview('other-service', {
      services: ['svc-b'],
      severity: 'SEV1',
      failureModes: ['quota-exhaustion'],
    }),
  ];

  it('puts onboarding reviews first, then the most severe and recent, then one review per uncovered failure mode', () => {
    const path = readingPath('svc-a', reviews, { severeCount: 3 });
    expect(path.steps.map((s) => [s.review.id, s.reason, s.failureMode])).toEqual([
      ['onboard', 'onboarding', undefined],
      ['old-sev1', 'severe-recent', undefined],
      ['newer-sev2', 'severe-recent', undefined],
      ['new-sev2', 'severe-recent', undefined],
      ['sev3-cache', 'failure-mode', 'cache-stampede'],
      ['sev4-clock', 'failure-mode', 'clock-skew'],
    ]);
    expect(path.reviewCount).toBe(7);
    expect(new Set(path.steps.map((s) => s.review.id)).size).toBe(path.steps.length);
  });

  it('estimates reading time at 230 words a minute, per review and for the path', () => {
    expect(readingMinutes(makeReview('x', {}, 460))).toBe(2);
    expect(readingMinutes(makeReview('y', {}, 461))).toBe(3);
    expect(readingMinutes(makeReview('z', {}, 10))).toBe(1);
    // Six steps of short reviews, one minute each.
    const path = readingPath('svc-a', reviews);
    expect(path.steps.map((s) => s.minutes)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(path.minutes).toBe(6);
  });

  it('builds one path per service, alphabetically', () => {
    expect(readingPaths(reviews).map((p) => [p.service, p.steps.length])).toEqual([
      ['svc-a', 6],
      ['svc-b', 1],
    ]);
  });
});

describe('readingPath for a service with many reviews', () => {
  it('is shorter than the full list when the most severe and recent reviews cover every failure mode', () => {
    const many = Array.from({ length: 12 }, (_, i) =>
      makeReview(`r${String(i).padStart(2, '0')}`, {
        date: `2025-01-${String(i + 1).padStart(2, '0')}`,
        severity: i % 2 ? 'SEV3' : 'SEV2',
        failureModes: [i < 10 ? 'retry-storm' : 'disk-full'],
      }),
    );
    const path = readingPath('svc-a', many);
    expect(path.reviewCount).toBe(12);
    // The SEV2 reviews are the even ones; the newest three (r10 disk-full, r08 and r06 retry
    // storm) already cover both failure modes, so nothing is added for them.
    expect(path.steps.map((s) => s.review.id)).toEqual(['r10', 'r08', 'r06']);
  });
});
