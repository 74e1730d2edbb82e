import { describe, it, expect } from 'vitest';
import { demoteHeadings, mapDocument } from '../../../src/lib/import/map.ts';
import type { SourceDocument } from '../../../src/lib/import/source.ts';

describe('demoteHeadings', () => {
  it('shifts ATX and setext headings below the section level and leaves fenced code alone', () => {
    const text = [
      'Root cause',
      '==========',
      '',
      'The resolver cache expired.',
      '',
      '~~~',
      '# not a heading: a shell comment',
      '~~~',
      '',
      '## Trigger ##',
      '',
      'A config push at 14:02 UTC.',
    ].join('\n');
    expect(demoteHeadings(text, 3)).toBe(
      [
        '### Root cause',
        '',
        'The resolver cache expired.',
        '',
        '~~~',
        '# not a heading: a shell comment',
        '~~~',
        '',
        '#### Trigger',
        '',
        'A config push at 14:02 UTC.',
      ].join('\n'),
    );
  });

  it('returns the text unchanged when every heading is already deep enough', () => {
    const text = '#### Detection\n\nAn alert on queue depth paged on-call.';
    expect(demoteHeadings(text, 3)).toBe(text);
  });
});

describe('mapDocument', () => {
  const taxonomy = [
    { slug: 'unclassified', name: 'Unclassified', description: 'Not yet triaged.' },
    { slug: 'disk-full', name: 'Disk full', description: 'A volume filled up: `ENOSPC`.' },
  ];
  const now = new Date('2030-01-01T00:00:00Z');
  const doc = (over: Partial<SourceDocument>): SourceDocument => ({
    label: 'notes/outage.md',
    hashText: 'x',
    meta: { categories: [], keywords: [], services: [], authors: [] },
    sections: [],
    verbatim: [],
    ...over,
  });
  const body = (text: string, name: string): string =>
    text.split(/^## /m).find((s) => s.startsWith(`${name}\n`)) ?? '';

  it('moves later Summary paragraphs that read as mechanism or investigation into those empty sections', () => {
    const mapped = mapDocument(
      doc({
        sections: [
          {
            heading: 'Summary',
            text: [
              'Checkout failed for 20 minutes.',
              'A config change lowered the pool size, which caused every request to time out.',
              'We first suspected the database and ruled it out.',
            ].join('\n\n'),
          },
        ],
      }),
      { taxonomy, now },
    );
    expect(body(mapped.body, 'Summary')).toBe('Summary\n\nCheckout failed for 20 minutes.\n\n');
    expect(body(mapped.body, 'Detailed mechanism')).toContain(
      'A config change lowered the pool size',
    );
    expect(body(mapped.body, 'Investigation path')).toContain('We first suspected the database');
    expect(mapped.report.mapped).toEqual([
      { from: 'Summary', to: 'Summary', words: 5 },
      { from: 'Summary', to: 'Detailed mechanism', words: 14 },
      { from: 'Summary', to: 'Investigation path', words: 9 },
    ]);
  });

  it('counts field values written into front matter as structured and labels as no words', () => {
    const mapped = mapDocument(
      doc({
        meta: {
          categories: [],
          keywords: ['storage'],
          services: [],
          authors: [],
          company: 'Quoin',
          date: '2024-03-05',
        },
        sections: [{ heading: 'Summary', text: 'The disk filled.' }],
        verbatim: [
          {
            heading: 'Source record fields',
            text: '```json\n{\n  "company": "Quoin",\n  "keywords": [\n    "storage"\n  ],\n  "group": "g:abc"\n}\n```',
          },
        ],
      }),
      { taxonomy, now },
    );
    expect(mapped.report.mapped.filter((m) => m.from === 'Source record fields')).toEqual([
      {
        from: 'Source record fields',
        to: 'front-matter fields (text also kept in Supporting information)',
        words: 2,
      },
      { from: 'Source record fields', to: 'Supporting information', words: 2 },
    ]);
  });

  it('takes the date from the text before the file name, and the file name before the import day', () => {
    const fromText = mapDocument(
      doc({
        label: 'incidents/2021-06-03-outage.md',
        sections: [{ heading: 'Summary', text: 'On 14 January 2021 the queue stalled.' }],
      }),
      { taxonomy, now },
    );
    expect(fromText.frontMatter.date).toBe('2021-01-14');
    expect(fromText.report.synthesised.find((s) => s.field === 'date')?.placeholder).toBe(false);
    const fromName = mapDocument(
      doc({
        label: 'incidents/2021-06-03-outage.md',
        sections: [{ heading: 'Summary', text: 'The queue stalled.' }],
      }),
      { taxonomy, now },
    );
    expect(fromName.frontMatter.date).toBe('2021-06-03');
    const fromUrl = mapDocument(
      doc({
        meta: {
          categories: [],
          keywords: [],
          services: [],
          authors: [],
          url: 'https://web.archive.org/web/20220528044329/https://example.com/blog/postmortem-7-27-2015',
        },
        sections: [{ heading: 'Summary', text: 'The queue stalled.' }],
      }),
      { taxonomy, now },
    );
    expect(fromUrl.frontMatter.date).toBe('2015-07-27');
    const monthOnly = mapDocument(
      doc({ sections: [{ heading: 'Summary', text: 'In July 2012 the grid failed.' }] }),
      { taxonomy, now },
    );
    expect(monthOnly.frontMatter.date).toBe('2012-07-01');
    expect(monthOnly.body).toContain('TODO: the source names only the month');
    const none = mapDocument(doc({ sections: [{ heading: 'Summary', text: 'It broke.' }] }), {
      taxonomy,
      now,
    });
    expect(none.frontMatter.date).toBe('2030-01-01');
    expect(none.body).toContain('TODO: the source gives no date; 2030-01-01 is the import date.');
  });
});
