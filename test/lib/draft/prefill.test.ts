import { describe, it, expect } from 'vitest';
import { timelineOf, prefill } from '../../../src/lib/draft/prefill.ts';
import { suggestFailureModes } from '../../../src/lib/classify/index.ts';
import { skeletonDraft } from '../../../src/lib/draft/skeleton.ts';
import { redact } from '../../../src/lib/redact/index.ts';
import { loadTaxonomy } from '../../../src/lib/review/taxonomy.ts';
import { SAMPLE_CONTENT } from '../../helpers/content.ts';
import { NOTES_FILES, readNotes } from './notes-fixtures.ts';

/** Every notes fixture, redacted as draft does. */
const REDACTED = new Map(
  await Promise.all(NOTES_FILES.map(async (f) => [f, (await redact(readNotes(f))).text] as const)),
);
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
  const notesOf = (file: string) => REDACTED.get(file) ?? readNotes(file);

  it('suggests a mode only with real evidence: quota-exhaustion for the S3 SlowDown notes', () => {
    expect(suggestFailureModes(notesOf('s3-slowdown-ledger-export.md'), taxonomy, [])).toEqual([
      'quota-exhaustion',
    ]);
  });

  it('does not guess disk-full for the gRPC keepalive notes, and still returns one mode marked TODO: confirm', () => {
    const notes = notesOf('grpc-keepalive-goaway-nlb.md');
    expect(suggestFailureModes(notes, taxonomy, [])).toEqual(['unclassified']);
    const draft = skeletonDraft({
      notes,
      prefill: prefill({ notes, taxonomy, related: [], now: new Date('2026-06-01T00:00:00Z') }),
      related: [],
    });
    expect(draft).toMatch(
      /^failureModes: # TODO: confirm the suggested failure modes\n\s+- unclassified$/m,
    );
  });

  it('adds the modes of related incidents, best-ranked first', () => {
    const related = [
      { failureModes: ['deploy-regression'] },
      { failureModes: ['bad-config-push'] },
    ] as unknown as Parameters<typeof suggestFailureModes>[2];
    expect(suggestFailureModes(notesOf('grpc-keepalive-goaway-nlb.md'), taxonomy, related)).toEqual(
      ['deploy-regression', 'bad-config-push'],
    );
  });
});

describe('prefill evidence rules', async () => {
  const taxonomy = await loadTaxonomy(SAMPLE_CONTENT);

  it('takes no failure-mode evidence from a line the notes rule out', () => {
    const notes =
      '- 07:48 thought it was NAT gateway port exhaustion, ruled out\n- PUTs answered with `SlowDown`, disk full on the NAT? dead end';
    expect(suggestFailureModes(notes, taxonomy, [])).toEqual(['unclassified']);
  });

  it('marks the first error after the trigger as impact start, and never a step before detection or a question as the mitigation', () => {
    const notes = [
      '08:55 UTC ratelimit-svc v3.12.0 rolled out',
      '09:31 UTC first `BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.` in logs',
      '09:34 page `PublicApiErrorRate` fired',
      '[10:12] <marta> rollback now or profile first?',
      '10:41 ratelimit-svc rolled back to v3.11.4',
      '11:30 resolved, cluster_state:ok',
    ].join('\n');
    const kinds = timelineOf(classifyNotes(notes), '2026-04-14').map((e) => e.kind ?? '-');
    expect(kinds).toEqual(['trigger', 'impact-start', 'detected', '-', 'mitigated', 'resolved']);
  });

  it('lists as related only the matches that share a suggested failure mode', () => {
    const notes =
      'payments-api pool exhausted: connection pool exhaustion, `pool timeout` after 5s';
    const related = [
      { id: 'a-dns', failureModes: ['dns-failure'] },
      { id: 'b-pool', failureModes: ['connection-pool-exhaustion', 'retry-storm'] },
    ] as unknown as Parameters<typeof prefill>[0]['related'];
    const result = prefill({ notes, taxonomy, related, now: new Date('2026-06-01T00:00:00Z') });
    expect(result.failureModes).toContain('connection-pool-exhaustion');
    expect(result.related).toEqual(['b-pool']);
  });
});
