import { describe, it, expect } from 'vitest';
import { mapFailureModes, UNCLASSIFIED } from '../../../src/lib/classify/index.ts';
import { formatItem } from '../../../src/lib/commands/import.ts';
import { mapDocument } from '../../../src/lib/import/map.ts';
import type { SourceDocument } from '../../../src/lib/import/source.ts';
import { loadTaxonomy } from '../../../src/lib/review/taxonomy.ts';
import { SAMPLE_CONTENT } from '../../helpers/content.ts';

describe('mapFailureModes', () => {
  it('maps categories and keywords to taxonomy slugs, by rule, slug or name', async () => {
    const taxonomy = await loadTaxonomy(SAMPLE_CONTENT);
    const result = mapFailureModes(
      ['config-change', 'cloud', 'DNS', 'Retry storm', 'leap second'],
      taxonomy,
    );
    expect(result.slugs).toEqual(['bad-config-push', 'dns-failure', 'retry-storm', 'clock-skew']);
    expect(result.unmatched).toEqual(['cloud']);
    expect(result.unclassified).toBe(false);
  });

  it('gives the unclassified placeholder, not a guessed mode, when nothing matches', async () => {
    const taxonomy = await loadTaxonomy(SAMPLE_CONTENT);
    expect(taxonomy.some((m) => m.slug === UNCLASSIFIED)).toBe(true);
    const result = mapFailureModes(['cloud', 'automation', 'outage'], taxonomy);
    expect(result).toMatchObject({
      slugs: [UNCLASSIFIED],
      unclassified: true,
      unmatched: ['cloud', 'automation', 'outage'],
    });
  });

  it('never maps a term to "unclassified" itself', async () => {
    const taxonomy = await loadTaxonomy(SAMPLE_CONTENT);
    expect(mapFailureModes(['unclassified'], taxonomy).unclassified).toBe(true);
  });
});

describe('failure modes of an imported document with no categories or keywords', async () => {
  const taxonomy = await loadTaxonomy(SAMPLE_CONTENT);
  const now = new Date('2030-01-01T00:00:00Z');
  const doc = (text: string): SourceDocument => ({
    label: 'postmortems/breach.md',
    hashText: text,
    meta: { categories: [], keywords: [], services: [], authors: [], date: '2025-05-04' },
    sections: [{ heading: 'What happened', text }],
    verbatim: [],
  });

  it('suggests the mode the text points at, with its score in the report and the TODO note', () => {
    const mapped = mapDocument(
      doc(
        'An attacker used a stolen deploy token to push a malicious package version. We revoked the token and rotated every secret the CI runner could read.',
      ),
      { taxonomy, now },
    );
    expect(mapped.frontMatter.failureModes).toEqual(['security-incident']);
    expect(mapped.report.failureModes.unclassified).toBe(false);
    expect(mapped.report.failureModes.suggested?.map((s) => s.slug)).toEqual(['security-incident']);
    const score = mapped.report.failureModes.suggested?.[0]?.score ?? 0;
    expect(score).toBeGreaterThanOrEqual(2);
    expect(mapped.body).toContain(
      `- TODO: confirm the failure mode suggested from the text (security-incident (score ${score}))`,
    );
    const line = formatItem({
      outcome: 'imported',
      source: 'postmortems/breach.md',
      path: 'content/reviews/x.md',
      report: mapped.report,
    })
      .split('\n')
      .find((l) => l.startsWith('  failure modes:'));
    expect(line).toBe(
      `  failure modes: security-incident (suggested from the text, score ${score}; TODO: confirm)`,
    );
  });

  it('keeps `unclassified`, with its TODO, when nothing in the text fits a mode', () => {
    const mapped = mapDocument(
      doc('Some customers could not use the product on Sunday. It came back after an hour.'),
      { taxonomy, now },
    );
    expect(mapped.frontMatter.failureModes).toEqual([UNCLASSIFIED]);
    expect(mapped.report.failureModes.unclassified).toBe(true);
    expect(mapped.report.failureModes.suggested).toBeUndefined();
    expect(mapped.body).toContain('replace `unclassified` with the right mode');
  });
});
