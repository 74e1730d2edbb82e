import { describe, it, expect } from 'vitest';
import { timelineOf } from '../../../src/lib/draft/prefill.ts';
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
