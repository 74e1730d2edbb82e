import { describe, it, expect } from 'vitest';
import { mapFailureModes, UNCLASSIFIED } from '../../../src/lib/classify/index.ts';
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
