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

describe('verify: paraphrases of the notes’ values', () => {
  const notes = [
    '2026-01-15, all times PST',
    '- 4:07 PM page, 14,000 handshake failures/min',
    '- 4:33 PM renewer failing with `acme: error: 403 :: urn:ietf:params:acme:error:unauthorized`',
    '- follow-up: expiry monitor at 14 days for every public cert',
  ].join('\n');
  const draft = [
    'On 2026-01-15 at 4:07 PM PST EdgeTLS paged at 14k failures/min.',
    'At 4:33 PM PST the renewer logs showed daily 403s: `acme: error: 403 :: urn:ietf:params:acme:error:unauthorized`.',
    'Follow-up: a 14-day expiry monitor for every public cert.',
  ].join('\n');

  it('keeps a rate in another form, a status code in the plural and a hyphenated duration', () => {
    const report = verifyDraft(draft, notes);
    expect(report.missing).toEqual([]);
    expect(report.invented).toEqual([]);
    expect(report.derived).toEqual([
      { value: '14k failures/min', from: '14,000 handshake failures in the notes' },
    ]);
  });

  it('still reports a changed rate', () => {
    expect(verifyDraft(draft.replace('14k', '19k'), notes).invented).toEqual(['19k failures/min']);
  });
});

describe('verify: a rate written out in words', () => {
  it('lists "1,200 requests per second" for the notes\' "1.2k rps" as derived', () => {
    const report = verifyDraft(
      'coredns pods served 1,200 requests per second each.',
      '- coredns pods at 1.2k rps each',
    );
    expect(report.invented).toEqual([]);
    expect(report.missing).toEqual([]);
    expect(report.derived).toEqual([{ value: '1,200 requests', from: '1.2k rps in the notes' }]);
  });
});
