/** In-memory `Review` values for pure unit tests (validated with the real schema). */
import { reviewSchema, type ReviewInput } from '../../src/lib/review/schema.ts';
import type { Review } from '../../src/lib/review/parse.ts';
import { splitSections } from '../../src/lib/review/sections.ts';

/** A valid review; `data` overrides the defaults; title + impact + body hold exactly `words` words. */
export function makeReview(id: string, data: Partial<ReviewInput> = {}, words = 230): Review {
  const parsed = reviewSchema.parse({
    title: `Review ${id}`,
    date: '2025-06-02',
    severity: 'SEV3',
    status: 'published',
    services: ['svc-a'],
    failureModes: ['disk-full'],
    authors: ['A'],
    impact: 'Something failed.',
    timeline: [
      { at: '2025-06-02T10:00:00Z', event: 'starts', kind: 'impact-start' },
      { at: '2025-06-02T10:10:00Z', event: 'paged', kind: 'detected' },
      { at: '2025-06-02T10:30:00Z', event: 'reverted', kind: 'mitigated' },
      { at: '2025-06-02T11:00:00Z', event: 'ok', kind: 'resolved' },
    ],
    actionItems: [{ title: 'Fix it', owner: 'team-a', status: 'open' }],
    ...data,
  });
  const body = `## Summary\n\n${Array.from({ length: Math.max(0, words - 1 - parsed.title.split(' ').length - parsed.impact.split(' ').length) }, () => 'word').join(' ')}`;
  return {
    id,
    path: `reviews/${id}.md`,
    data: parsed,
    sections: splitSections(body).sections,
    body,
  };
}
