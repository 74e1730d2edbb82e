import { describe, it, expect } from 'vitest';
import { timelineOf, suggestFailureModes, prefill } from '../../../src/lib/draft/prefill.ts';
import { skeletonDraft } from '../../../src/lib/draft/skeleton.ts';
import { redactSecrets } from '../../../src/lib/draft/redact.ts';
import { loadTaxonomy } from '../../../src/lib/review/taxonomy.ts';
import { SAMPLE_CONTENT } from '../../helpers/content.ts';
import { readNotes } from './notes-fixtures.ts';
import { classifyNotes } from '../../../src/lib/draft/lines.ts';

describe('timelineOf', () => {
  it('does not mark a rollback that did not help as the mitigation', () => {
    const notes = [
      '13:40 UTC  order-router v2.19.0 rollout starts',
      '14:50 thought it was inventory-svc v5.3.0. rolled inventory-svc back to v5.2.7',
      '15:08 no change after inventory rollback. dead end',
      '15:41 order-router rolled back to v2.18.3',
      '16:30 resolved after 30 min clean',
    ].join('\n');
    const timeline = timelineOf(classifyNotes(notes), '2026-03-26');
    const kinds = Object.fromEntries(timeline.filter((e) => e.kind).map((e) => [e.kind, e.event]));
    expect(kinds.mitigated).toContain('order-router rolled back to v2.18.3');
    expect(kinds.trigger).toContain('rollout starts');
    expect(kinds.resolved).toContain('resolved after 30 min');
  });
});

describe('suggestFailureModes without related incidents', async () => {
  const taxonomy = await loadTaxonomy(SAMPLE_CONTENT);
  const notesOf = (file: string) => redactSecrets(readNotes(file)).text;

  it('suggests a mode only with real evidence: quota-exhaustion for the S3 SlowDown notes', () => {
    expect(suggestFailureModes(notesOf('s3-slowdown-ledger-export.md'), taxonomy, [])).toEqual(['quota-exhaustion']);
  });

  it('does not guess disk-full for the gRPC keepalive notes, and still returns one mode marked TODO: confirm', () => {
    const notes = notesOf('grpc-keepalive-goaway-nlb.md');
    expect(suggestFailureModes(notes, taxonomy, [])).toEqual(['unclassified']);
    const draft = skeletonDraft({ notes, prefill: prefill({ notes, taxonomy, related: [], now: new Date('2026-06-01T00:00:00Z') }), related: [] });
    expect(draft).toMatch(/^failureModes: # TODO: confirm the suggested failure modes\n\s+- unclassified$/m);
  });

  it('adds the modes of related incidents, best-ranked first', () => {
    const related = [{ failureModes: ['deploy-regression'] }, { failureModes: ['bad-config-push'] }] as unknown as Parameters<typeof suggestFailureModes>[2];
    expect(suggestFailureModes(notesOf('grpc-keepalive-goaway-nlb.md'), taxonomy, related)).toEqual(['deploy-regression', 'bad-config-push']);
  });
});
