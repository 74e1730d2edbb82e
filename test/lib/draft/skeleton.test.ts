import { describe, expect, it } from 'vitest';
import { skeletonDraft } from '../../../src/lib/draft/skeleton.ts';
import { prefill } from '../../../src/lib/draft/prefill.ts';
import { redact } from '../../../src/lib/redact/index.ts';
import { loadTaxonomy } from '../../../src/lib/review/taxonomy.ts';
import { parseReview } from '../../../src/lib/review/parse.ts';
import { splitFrontMatter } from '../../../src/lib/review/frontmatter.ts';
import { splitSections, sectionText } from '../../../src/lib/review/sections.ts';
import { SAMPLE_CONTENT } from '../../helpers/content.ts';
import { NOTES_FILES, mustSurvive, readNotes } from './notes-fixtures.ts';

const taxonomy = await loadTaxonomy(SAMPLE_CONTENT);
const NOW = new Date('2026-06-01T12:00:00Z');

async function draftOf(notes: string) {
  const clean = (await redact(notes)).text;
  const pre = prefill({ notes: clean, taxonomy, related: [], now: NOW });
  return { clean, pre, draft: skeletonDraft({ notes: clean, prefill: pre, related: [] }) };
}

describe('skeletonDraft', () => {
  it('has fixtures to run on', () => {
    expect(NOTES_FILES.length).toBeGreaterThanOrEqual(6);
  });

  for (const file of NOTES_FILES) {
    it(`keeps every specific of ${file} verbatim and passes check as a draft`, async () => {
      const { draft } = await draftOf(readNotes(file));
      // The hand-written list in test/fixtures/notes/README.md, not the extractor under test.
      const survive = mustSurvive(file);
      expect(survive.length).toBeGreaterThan(5);
      expect(survive.filter((text) => !draft.includes(text))).toEqual([]);
      const parsed = parseReview('2026-01-01-x', 'x.md', draft, {
        failureModes: taxonomy.map((m) => m.slug),
      });
      expect(parsed.problems).toEqual([]);
      expect(parsed.review?.data.status).toBe('draft');
    });
  }

  it('sorts lines by the rules: timeline, dead ends, systemic factors, follow-ups', async () => {
    const { draft } = await draftOf(readNotes('redis-cluster-failover-lua-script.md'));
    const fm = splitFrontMatter(draft);
    const data = fm?.data as {
      timeline: { at: string; event: string; kind?: string }[];
      actionItems: { title: string }[];
      date: string;
      services: string[];
    };
    const sections = splitSections(fm?.body ?? '').sections;
    expect(String(data.date)).toContain('2026-04-14');
    expect(data.services).toEqual(expect.arrayContaining(['ratelimit-svc', 'public-api-edge']));
    expect(
      data.timeline.some(
        (e) =>
          e.event.startsWith('09:31:40') &&
          new Date(e.at).toISOString() === '2026-04-14T09:31:40.000Z',
      ),
    ).toBe(true);
    expect(data.timeline.find((e) => e.kind === 'detected')?.event).toContain('PublicApiErrorRate');
    const times = data.timeline.map((e) => new Date(e.at).getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(sectionText(sections, 'Investigation path')).toContain(
      '10:27  suspected BGSAVE fork latency',
    );
    expect(sectionText(sections, 'Investigation path')).toContain('`evicted_keys` 0. not it');
    expect(sectionText(sections, 'Systemic factors')).toContain('staging tenants are tiny');
    expect(data.actionItems.map((a) => a.title)).toContain(
      'per-tenant key size guard (ZCARD check) before the 3600s window goes back out',
    );
  });

  it('writes a TODO: in every section left without material', async () => {
    const { draft } = await draftOf(
      'checkout-web errors\n\n2026-02-01 10:00 UTC deploy v1.2.3 of checkout-web\n10:30 UTC rolled back, resolved\n',
    );
    const sections = splitSections(splitFrontMatter(draft)?.body ?? '').sections;
    for (const name of ['Contributing factors', 'Investigation path', 'Systemic factors'])
      expect(sectionText(sections, name)).toMatch(/^TODO:/);
    expect(
      parseReview('2026-02-01-x', 'x.md', draft, { failureModes: taxonomy.map((m) => m.slug) })
        .problems,
    ).toEqual([]);
  });
});
