import { describe, expect, it } from 'vitest';
import { isRealCalendarDate, timelineEntrySchema } from '../../../src/lib/review/schema.ts';

describe('review dates', () => {
  it('accepts days that exist, including 29 February in a leap year', () => {
    expect(isRealCalendarDate('2026-02-28')).toBe(true);
    expect(isRealCalendarDate('2028-02-29')).toBe(true);
    expect(isRealCalendarDate('2026-03-14T09:12:00Z')).toBe(true);
  });

  it('rejects days that do not exist instead of rolling them over to the next month', () => {
    expect(isRealCalendarDate('2026-02-30')).toBe(false);
    expect(isRealCalendarDate('2026-02-29')).toBe(false);
    expect(isRealCalendarDate('2026-04-31T10:00:00Z')).toBe(false);
    expect(isRealCalendarDate('2026-13-01')).toBe(false);
    expect(isRealCalendarDate('2026-00-10')).toBe(false);
  });

  it('reports an impossible timeline timestamp with how to write a date', () => {
    const result = timelineEntrySchema.safeParse({
      at: '2026-02-30T14:03:00Z',
      event: 'first 503s',
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain('is not a date; write YYYY-MM-DD');
  });
});
