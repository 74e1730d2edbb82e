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

describe('prefill dates, zones, services and timeline kinds', async () => {
  const taxonomy = await loadTaxonomy(SAMPLE_CONTENT);
  const NOW = new Date('2026-06-01T12:00:00Z');
  const fill = (notes: string) => prefill({ notes, taxonomy, related: [], now: NOW });
  const ats = (notes: string) => fill(notes).timeline.map((e) => [e.at, e.event]);

  it('takes the date from the notes and accepts a weekday that agrees with it', () => {
    const result = fill('checkout outage, Tuesday 2026-03-17\n- 10:00 UTC deploy of checkout-api');
    expect(result.date).toBe('2026-03-17');
    expect(result.dateTodo).toBeUndefined();
  });

  it('writes a TODO for the date when the notes give none, never the clock’s date', () => {
    const result = fill('checkout outage\n- 10:00 UTC deploy of checkout-api');
    expect(result.date).toBe('TODO: the incident date (YYYY-MM-DD); the notes give none');
    expect(result.dateTodo).toBe('TODO: the notes give no date');
    expect(JSON.stringify(result)).not.toContain('2026-06-01');
    expect(result.timeline[0]?.at).toBe('TODO: date, 10:00 UTC');
  });

  it('flags a weekday in the notes that disagrees with the date', () => {
    expect(fill('Tuesday 2026-03-18, all times UTC\n- 10:00 deploy').dateTodo).toBe(
      'TODO: the notes say Tuesday, but 2026-03-18 is a Wednesday; check the date',
    );
    expect(fill('Thursday, no date written down\n- 10:00 UTC deploy').dateTodo).toBe(
      'TODO: the notes say Thursday but give no date',
    );
  });

  it('converts times of an "all times PST" declaration to UTC and keeps the original time in the event', () => {
    expect(
      ats(
        'Wednesday 2026-01-14, all times PST\n- 8:00 AM certificate expires, customers see TLS errors\n- 11:50 PM renewal job re-run',
      ),
    ).toEqual([
      ['2026-01-14T16:00:00Z', '8:00 AM certificate expires, customers see TLS errors'],
      ['2026-01-15T07:50:00Z', '11:50 PM renewal job re-run'],
    ]);
  });

  it('converts times written with CET or UTC+2 on the time itself', () => {
    expect(
      ats(
        '2026-02-19\n- 14:02 CET config push to payments-api\n- 14:05 CET customers see failures',
      ),
    ).toEqual([
      ['2026-02-19T13:02:00Z', '14:02 CET config push to payments-api'],
      ['2026-02-19T13:05:00Z', '14:05 CET customers see failures'],
    ]);
    expect(ats('2026-04-09\n- 09:15 UTC+2 search-indexer deploy\n- 09:40 UTC+2 resolved')).toEqual([
      ['2026-04-09T07:15:00Z', '09:15 UTC+2 search-indexer deploy'],
      ['2026-04-09T07:40:00Z', '09:40 UTC+2 resolved'],
    ]);
  });

  it('marks times with no zone anywhere in the notes TODO: zone and moves past midnight to the next day', () => {
    expect(ats('2026-05-21\n- 23:50 consumer-worker deploy\n- 00:10 orders stuck')).toEqual([
      ['2026-05-21T23:50:00Z', '23:50 consumer-worker deploy (TODO: zone)'],
      ['2026-05-22T00:10:00Z', '00:10 orders stuck (TODO: zone)'],
    ]);
  });

  it('lists the components that failed and leaves out a suspect the notes ruled out', () => {
    const notes = [
      '2026-01-14, all times UTC',
      '- 16:00 checkout-api clients get TLS errors from edge-proxy',
      '- 16:20 suspected cdn-edge outage; their status page green, ruled out',
      '- 16:30 thought it was auth-svc, not it',
    ].join('\n');
    expect(fill(notes).services).toEqual(['checkout-api', 'edge-proxy']);
  });

  it('marks the first customer-visible failure as impact start and the first page as detected, not the first alert-like line', () => {
    const notes = [
      '2026-02-19, all times UTC',
      '- 09:58 payments-api v2.4.0 deployed',
      '- 10:02 customers see card payments failing with 502s',
      '- 10:04 more 502s, error rate 12%',
      '- 10:09 PaymentsErrorRate alert fired, paged on-call',
      '- 10:20 rolled back payments-api to v2.3.9',
      '- 10:31 error rate back to normal, resolved',
    ].join('\n');
    expect(fill(notes).timeline.map((e) => e.kind ?? '-')).toEqual([
      'trigger',
      'impact-start',
      '-',
      'detected',
      'mitigated',
      'resolved',
    ]);
  });
});
