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
