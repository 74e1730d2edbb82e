import { describe, it, expect } from 'vitest';
import { renderReviewFile, type ReviewFileFrontMatter } from '../../../src/lib/review/file.ts';
import { parseReview } from '../../../src/lib/review/parse.ts';
import { SECTIONS } from '../../helpers/content.ts';

const frontMatter: ReviewFileFrontMatter = {
  title: 'Disk full on ledger-db-02: WAL archiving stalled',
  date: '2025-06-02',
  severity: 'SEV2',
  status: 'draft',
  services: ['ledger-service'],
  failureModes: ['disk-full'],
  authors: ['Ana Lima'],
  tags: [],
  related: [],
  impact: 'Ledger writes failed for 22 minutes.',
  timeline: [
    { at: '2025-06-02T11:40:00Z', event: 'pg_wal at 100%', kind: 'impact-start' },
    { at: '2025-06-02T12:02:00Z', event: 'Writes succeed', kind: 'resolved' },
  ],
  actionItems: [
    { title: 'Alert on archive_command failures', owner: 'ledger-team', status: 'open' },
  ],
};

describe('renderReviewFile', () => {
  it('writes a file the parser reads back to the same values, with comments only on the named keys', () => {
    const text = renderReviewFile(frontMatter, SECTIONS, { severity: 'TODO: confirm' });
    expect(text).toMatch(/^---\ntitle: "Disk full on ledger-db-02: WAL archiving stalled"\n/);
    expect(text).toContain('\nseverity: SEV2 # TODO: confirm\n');
    expect(text).toContain('\n---\n\n## Summary\n');
    const { review, problems } = parseReview('2025-06-02-ledger-wal', 'x.md', text, {
      failureModes: ['disk-full'],
    });
    expect(problems).toEqual([]);
    expect(review?.data.severity).toBe('SEV2');
    expect(review?.data.title).toBe(frontMatter.title);
    expect(review?.data.timeline[1]?.at.toISOString()).toBe('2025-06-02T12:02:00.000Z');
  });
});
