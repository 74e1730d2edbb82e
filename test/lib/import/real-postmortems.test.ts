import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { importedReview, runImport, section } from '../../helpers/import.ts';

const DATA = join(
  fileURLToPath(new URL('.', import.meta.url)),
  '../../../../shared/data/real-postmortems',
);
const DFDS = join(DATA, 'dfds');
const EXPORTS = join(DATA, 'exports');
const present = existsSync(DFDS) && existsSync(EXPORTS);
if (!present)
  console.warn(
    `NOT RUN: the real-postmortem checks need ${DATA} (../shared/data beside the repository); only the absence was checked.`,
  );

describe('importing real postmortems from ../shared/data', () => {
  it('imports, skips with a reason, or fails with a reason every file of the dfds folder', async () => {
    if (!present) {
      expect(existsSync(DFDS)).toBe(false);
      return;
    }
    const { items } = await runImport([DFDS]);
    expect(items).toHaveLength(42);
    const skipped = items.filter((i) => i.outcome === 'skipped');
    expect(skipped.map((i) => i.message)).toEqual([
      expect.stringContaining('LICENSE: skipped: a folder'),
      expect.stringContaining('README.md: skipped: a folder'),
      expect.stringContaining('PMyyyy-nnn - Postmortem template.md: skipped: a blank template'),
    ]);
    expect(items.filter((i) => i.outcome === 'failed')).toEqual([]);
    // The postmortem saved without an extension is read as Markdown.
    expect(
      items.find((i) => i.source.endsWith('PM2022-009 - Bad AWS EKS AMI causing Kubernetes issues'))
        ?.outcome,
    ).toBe('imported');
  });

  it('keeps the summary and timeline of a document whose last heading is # Stats', async () => {
    if (!present) {
      expect(existsSync(DFDS)).toBe(false);
      return;
    }
    const { items, contentDir } = await runImport([join(DFDS, 'PM2021-004 - ADFS outage.md')]);
    expect(items[0]?.outcome).toBe('imported');
    const { review } = await importedReview(contentDir, items[0]);
    expect(review.data.title).toBe('ADFS Outage');
    expect(review.data.date.toISOString().slice(0, 10)).toBe('2021-03-31');
    expect(review.data.timeline).toHaveLength(8);
    expect(review.data.timeline[0]?.at.toISOString()).toBe('2021-03-31T12:06:00.000Z');
    expect(section(review, 'Summary')).toContain('ADFS');
    expect(section(review, 'Summary')).not.toMatch(/^TODO:/);
    expect(section(review, 'Contributing factors')).not.toMatch(/^TODO:/);
    expect(section(review, 'Supporting information')).toContain('### Stats');
    expect(items[0]?.report?.mapped.find((m) => m.from === 'Summary')?.to).toBe('Summary');
  });

  it('names the reason for every export shape it does not import', async () => {
    if (!present) {
      expect(existsSync(EXPORTS)).toBe(false);
      return;
    }
    const { items } = await runImport([EXPORTS]);
    expect(items).toHaveLength(8);
    for (const item of items.filter((i) => i.outcome !== 'imported'))
      expect(item.message).toMatch(/skipped: |not valid UTF-8|no Markdown headings/);
    expect(items.some((i) => i.outcome === 'imported')).toBe(true);
  });
});
