import { describe, expect, it } from 'vitest';
import { verifyDraft } from '../../../src/lib/draft/verify.ts';

// Kept apart from verify.test.ts (being rewritten in parallel); the lead may merge it there.
describe('verify: values derived from the notes’ dates', () => {
  const notes = [
    'Thursday 2026-01-15, all times UTC',
    '- 23:58 cert expires',
    '- renewal job failing since 2025-12-16, 30 daily failures',
  ].join('\n');

  it('lists whole days between two of the notes’ dates as derived, not invented', () => {
    const report = verifyDraft(
      'The renewal had failed for 30 days before the certificate expired at 23:58 UTC on 2026-01-15, since 2025-12-16.',
      notes,
    );
    expect(report.invented).toEqual([]);
    expect(report.derived).toEqual([{ value: '30 days', from: '2025-12-16 → 2026-01-15' }]);
  });

  it('still reports a number of days the dates do not give', () => {
    const report = verifyDraft(
      'The renewal had failed for 12 days before the certificate expired at 23:58 UTC on 2026-01-15, since 2025-12-16.',
      notes,
    );
    expect(report.invented).toEqual(['12 days']);
  });
});

describe('verify: a duration written in several units', () => {
  const notes = '2026-02-10, all times UTC\n- 14:02 deploy\n- 14:20 p99 up\n- 15:31 resolved';

  it('derives "1 hour and 29 minutes" from two of the notes’ times, whole', () => {
    const report = verifyDraft('The incident lasted 1 hour and 29 minutes.', notes);
    expect(report.invented).toEqual([]);
    expect(report.derived).toEqual([{ value: '1 hour and 29 minutes', from: '14:02 → 15:31' }]);
  });

  it('reports "2 hours and 10 minutes", which no two times give, as one invented value', () => {
    expect(verifyDraft('The incident lasted 2 hours and 10 minutes.', notes).invented).toEqual([
      '2 hours and 10 minutes',
    ]);
  });
});
