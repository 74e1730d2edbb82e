import { describe, it, expect } from 'vitest';
import { mkdtemp, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importedReview, runImport } from '../../helpers/import.ts';

describe('failure modes of an imported document with no categories or keywords', () => {
  it('are suggested from the text with their score, and the review asks to confirm them', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-import-classify-'));
    try {
      const file = join(dir, '2026-03-04-ledger-disk.md');
      await writeFile(
        file,
        [
          '# Ledger writes failed on 2026-03-04',
          '',
          '## Summary',
          '',
          'The ledger database volume ran out of disk space at 03:12 UTC and every write failed',
          'with `ENOSPC` (no space left on device) until we grew the volume.',
          '',
          '## Root cause',
          '',
          'WAL archiving was paused, so the disk filled with old segments: the disk was full.',
          '',
        ].join('\n'),
      );
      const { items, contentDir } = await runImport([file]);
      expect(items[0]?.outcome).toBe('imported');
      expect(items[0]?.report?.failureModes.unclassified).toBe(false);
      const { review, text } = await importedReview(contentDir, items[0]);
      expect(review.data.failureModes).toEqual(['disk-full']);
      expect(text).toMatch(
        /TODO: confirm the failure mode suggested from the text \(disk-full \(score [\d.]+\)\)/,
      );
      await rm(contentDir, { recursive: true, force: true });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
