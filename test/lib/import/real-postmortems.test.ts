import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
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

  it('imports every export of the ADFS postmortem to the title, date, sections and timeline of the Markdown version', async () => {
    if (!present) {
      expect(existsSync(EXPORTS)).toBe(false);
      return;
    }
    const { items, contentDir } = await runImport([EXPORTS]);
    // Seven files: the JSON and the CSV hold two incidents each; the JSONL repeats the JSON's
    // two incidents (same permalinks), so they are skipped as already imported.
    expect(items.map((i) => [basename(i.source), i.outcome])).toEqual([
      ['adfs-cp1252.md', 'imported'],
      ['confluence-export-adfs.html', 'imported'],
      ['confluence-wiki-adfs.txt', 'imported'],
      ['gdocs-markdown-adfs.md', 'imported'],
      ['incidentio-export.json#INC-42', 'imported'],
      ['incidentio-export.json#INC-57', 'imported'],
      ['incidentio-export.jsonl:1', 'skipped'],
      ['incidentio-export.jsonl:2', 'skipped'],
      ['jira-export.csv#OPS-101', 'imported'],
      ['jira-export.csv#OPS-117', 'imported'],
    ]);
    expect(items[6]?.message).toMatch(/already imported in this run as .* \(same url\)/);
    expect(items[0]?.notes?.[0]).toMatch(/not valid UTF-8: read as Windows-1252/);
    expect(items[1]?.notes).toEqual(['HTML, converted to Markdown']);
    expect(items[2]?.notes).toEqual(['Confluence wiki markup, converted to Markdown']);

    const review = async (i: number) => (await importedReview(contentDir, items[i])).review;
    const markdown = await review(3);
    const adfs = { cp1252: 0, html: 1, wiki: 2, incidentio: 4, jira: 8 };
    // Hand-checked against the files: timeline rows in each, and where the first one starts.
    const timeline = { cp1252: 8, html: 2, wiki: 3, incidentio: 3, jira: 2 };
    // The Google Docs download writes `#` for the title and every section, and its severity as a
    // `**Severity:**` line under the title: the title is the Markdown version's, not a sentence.
    expect(markdown.data.title).toBe('ADFS Outage');
    expect(markdown.data.severity).toBe('SEV2');
    expect(markdown.data.authors).toEqual(['RF', 'PW']);
    expect(markdown.data.date.toISOString().slice(0, 10)).toBe('2021-03-31');
    expect(markdown.data.timeline).toHaveLength(3);
    expect(markdown.data.timeline[0]?.at.toISOString()).toBe('2021-03-31T12:06:00.000Z');
    for (const [name, i] of Object.entries(adfs)) {
      const r = await review(i);
      expect([name, r.data.title]).toEqual([name, 'ADFS Outage']);
      expect([name, r.data.date]).toEqual([name, markdown.data.date]);
      expect([name, r.data.timeline.length]).toEqual([
        name,
        timeline[name as keyof typeof timeline],
      ]);
      expect([name, section(r, 'Summary')]).toEqual([
        name,
        expect.stringContaining(
          'token signing and token decryption certificates applied to ADFS expired',
        ),
      ]);
      if (name !== 'incidentio')
        expect([name, section(r, 'Contributing factors')]).toEqual([
          name,
          expect.stringContaining('No monitoring or record of certificate expiry'),
        ]);
      expect(r.data.timeline[0]?.at.toISOString()).toBe(
        name === 'jira' ? '2021-03-31T12:11:00.000Z' : '2021-03-31T12:06:00.000Z',
      );
    }
    expect((await review(adfs.incidentio)).data.severity).toBe('SEV2');
    expect((await review(adfs.jira)).data.severity).toBe('SEV2');
    expect((await review(5)).data).toMatchObject({
      title: 'All services returning 404 in Kubernetes',
      severity: 'SEV1',
    });
    expect((await review(9)).data.severity).toBe('SEV1');
  });
});
