import { describe, expect, it } from 'vitest';
import {
  mapFailureModes,
  scoreFailureModes,
  UNCLASSIFIED,
} from '../../../src/lib/classify/index.ts';
import { loadTaxonomy } from '../../../src/lib/review/taxonomy.ts';
import { SAMPLE_CONTENT } from '../../helpers/content.ts';

describe('failure modes', async () => {
  const taxonomy = await loadTaxonomy(SAMPLE_CONTENT);

  it('maps imported terms through the one rule table and reports the rest', () => {
    const mapping = mapFailureModes(['pgbouncer', 'x509', 'solar flare'], taxonomy);
    expect(mapping.slugs).toEqual(['connection-pool-exhaustion', 'certificate-expiry']);
    expect(mapping.unmatched).toEqual(['solar flare']);
  });

  it('scores a mode the notes name and gives unclassified with score 0 when there is no evidence', () => {
    const pool = scoreFailureModes(
      'payments-api: connection pool exhausted, `pool timeout` after 5s, pgbouncer at max',
      taxonomy,
    );
    expect(pool[0]?.slug).toBe('connection-pool-exhaustion');
    expect(pool[0]?.score).toBeGreaterThanOrEqual(2);
    expect(scoreFailureModes('the dashboard looked odd for a while', taxonomy)).toEqual([
      { slug: UNCLASSIFIED, score: 0 },
    ]);
  });

  it('takes no evidence from a ruled-out suspect, even with a related incident of that mode', () => {
    const notes = 'suspected DNS resolver timeouts, ruled out: dig answers in 2 ms';
    expect(
      scoreFailureModes(notes, taxonomy, [{ failureModes: ['dns-failure'] }]).map((s) => s.slug),
    ).toEqual([UNCLASSIFIED]);
  });
});
