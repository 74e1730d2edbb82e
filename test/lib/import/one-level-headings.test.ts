import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMarkdownSource } from '../../../src/lib/import/markdown.ts';
import type { SourceDocument, SourceFailure } from '../../../src/lib/import/source.ts';
import { REPO_ROOT } from '../../helpers/content.ts';
import { importedReview, runImport, section } from '../../helpers/import.ts';

/** Kept out of test/fixtures/import, whose whole folder other tests import and count. */
const FIXTURE = join(REPO_ROOT, 'test', 'fixtures', 'import-one-level', 'gdocs-one-level.md');

const parse = (text: string): SourceDocument => {
  const doc: SourceDocument | SourceFailure = parseMarkdownSource(text, 'notes/outage.md');
  if (!('sections' in doc)) throw new Error(doc.message);
  return doc;
};

describe('a document that writes its title and its sections at one heading level', () => {
  it('takes the first heading as the title when every heading is level 1, and reads the fields under it', () => {
    const doc = parse(
      [
        '# Cache Stampede on Login',
        '',
        '**Date:** 12 May 2024  ',
        '**Severity:** SEV2',
        '',
        '# Summary',
        '',
        'Logins failed for 20 minutes.',
        '',
        '# Timeline',
        '',
        '- 10:00 cache flushed',
      ].join('\n'),
    );
    expect(doc.meta.title).toBe('Cache Stampede on Login');
    expect(doc.meta.severity).toBe('SEV2');
    expect(doc.meta.date).toBe('12 May 2024');
    expect(doc.sections.map((s) => s.heading)).toEqual(['Summary', 'Timeline']);
  });

  it('takes the first heading as the title at level 2 too, when known section names follow it', () => {
    const doc = parse(
      [
        '## Queue Backlog in Billing',
        '',
        'Severity: SEV3',
        '',
        '## Summary',
        '',
        'Invoices were sent a day late.',
        '',
        '## Action Items',
        '',
        '- Alert on queue age',
      ].join('\n'),
    );
    expect(doc.meta.title).toBe('Queue Backlog in Billing');
    expect(doc.meta.severity).toBe('SEV3');
  });

  it('takes no title from a first heading that is a known section name', () => {
    const doc = parse(
      [
        '# Summary',
        '',
        'Logins failed for 20 minutes after the cache was flushed.',
        '',
        '# Timeline',
        '',
        '- 10:00 cache flushed',
      ].join('\n'),
    );
    expect(doc.meta.title).toBeUndefined();
    expect(doc.sections.map((s) => s.heading)).toEqual(['Summary', 'Timeline']);
  });

  it('reads Label: value fields with or without bold, with a list marker, and with Markdown escapes', () => {
    const doc = parse(
      [
        '# Disk Full on Indexer',
        '',
        '- Authors: Jun Park, Amara Eze',
        '* **Severity:** SEV\\-3',
        '1. Date: 4 February 2025\\',
        '',
        '# Summary',
        '',
        'The indexer stopped.',
      ].join('\n'),
    );
    expect(doc.meta).toMatchObject({
      title: 'Disk Full on Indexer',
      authors: ['Jun Park', 'Amara Eze'],
      severity: 'SEV-3',
      date: '4 February 2025',
    });
  });
});

describe('importing the one-level Google Docs fixture', () => {
  it('imports it with the title heading, the fields under it, the timeline table and the action items', async () => {
    const { items, contentDir } = await runImport([FIXTURE]);
    expect(items.map((i) => i.outcome)).toEqual(['imported']);
    const { review } = await importedReview(contentDir, items[0]);
    expect(review.data).toMatchObject({
      title: 'Search Indexer Stalled on Full Disk',
      severity: 'SEV3',
      authors: ['Jun Park', 'Amara Eze'],
      services: ['search-indexer'],
      status: 'imported',
    });
    expect(review.data.date.toISOString().slice(0, 10)).toBe('2025-02-04');
    expect(review.data.timeline.map((e) => e.at.toISOString())).toEqual([
      '2025-02-04T09:40:00.000Z',
      '2025-02-04T10:02:00.000Z',
      '2025-02-04T11:15:00.000Z',
    ]);
    expect(review.data.actionItems.map((a) => [a.owner, a.status])).toEqual([
      ['Jun Park', 'done'],
      ['Amara Eze', 'open'],
    ]);
    expect(section(review, 'Summary')).toContain('stopped consuming updates at 09:40 UTC');
    expect(section(review, 'Contributing factors')).toContain('No alert on the volume');
  });
});
