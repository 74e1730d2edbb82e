import { describe, expect, it } from 'vitest';
import { kindOf, timelineKinds } from '../../../src/lib/classify/index.ts';

describe('timelineKinds', () => {
  it('marks the first customer-visible failure as impact start and the first page as detected, not the alert as impact', () => {
    const kinds = timelineKinds([
      'checkout-api v4.2.0 deployed',
      'PagerDuty: CheckoutErrorRate alert fired, on-call paged',
      'customers see 502 on checkout, 12% of requests failing',
      'rolled back checkout-api to v4.1.9',
      'resolved, error rate back to baseline',
    ]);
    expect(kinds).toEqual(['trigger', 'detected', 'impact-start', 'mitigated', 'resolved']);
  });

  it('takes a support report as detection when nobody was paged', () => {
    const kinds = timelineKinds([
      'order-router v2.19.0 rollout starts',
      'Unavailable errors start ticking, ~4% of calls',
      'support: "orders failing" (3 tickets)',
      'order-router rolled back to v2.18.3',
    ]);
    expect(kinds).toEqual(['trigger', 'impact-start', 'detected', 'mitigated']);
  });

  it('never marks a suspect, a step that did not help or a question as mitigation', () => {
    const kinds = timelineKinds([
      'PublicApiErrorRate page fired',
      'thought it was inventory-svc v5.3.0, rolled it back',
      'no change after the inventory rollback',
      'rollback now or profile first?',
      'ratelimit-svc rolled back to v3.11.4',
    ]);
    expect(kinds).toEqual(['detected', undefined, undefined, undefined, 'mitigated']);
  });

  it('does not count "no page" as detection', () => {
    expect(timelineKinds(['error rate at 4%, below the alert threshold so no page'])).toEqual([
      'impact-start',
    ]);
  });
});

describe('kindOf', () => {
  it('reads one event by its wording', () => {
    expect(kindOf('Traffic up 88x; outage begins')).toBe('impact-start');
    expect(kindOf('Escalated to the database team')).toBe('escalated');
    expect(kindOf('Rollback attempted but stalled')).toBeUndefined();
  });
});
