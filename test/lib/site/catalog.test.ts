import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../../src/lib/site/catalog.ts';
import type { Review } from '../../../src/lib/review/parse.ts';
import type { ReviewData } from '../../../src/lib/review/schema.ts';

const review = (id: string, date: string, services: string[], failureModes: string[]): Review => ({
  id,
  path: `content/reviews/${id}.md`,
  body: '',
  sections: [],
  data: {
    title: id,
    date: new Date(date),
    severity: 'SEV2',
    status: 'published',
    services,
    failureModes,
    authors: ['a'],
    tags: [],
    related: [],
    impact: 'x',
    timeline: [],
    actionItems: [],
    onboarding: false,
  } as ReviewData,
});

const modes = [
  { slug: 'retry-storm', name: 'Retry storm', description: 'd' },
  { slug: 'disk-full', name: 'Disk full', description: 'd' },
  { slug: 'clock-skew', name: 'Clock skew', description: 'd' },
];

describe('buildCatalog', () => {
  const reviews = [
    review('c', '2026-01-05', ['payments-api', 'pgbouncer'], ['retry-storm', 'disk-full']),
    review('b', '2025-06-01', ['payments-api'], ['retry-storm']),
    review('a', '2024-02-01', ['search'], ['disk-full']),
  ];
  const catalog = buildCatalog(reviews, modes);

  it('groups reviews by service and by failure mode, keeping newest first', () => {
    expect(catalog.byService.get('payments-api')?.map((r) => r.id)).toEqual(['c', 'b']);
    expect(catalog.byFailureMode.get('retry-storm')?.map((r) => r.id)).toEqual(['c', 'b']);
    expect(catalog.byFailureMode.get('disk-full')?.map((r) => r.id)).toEqual(['c', 'a']);
  });

  it('lists every taxonomy mode, even one no review has', () => {
    expect(catalog.byFailureMode.get('clock-skew')).toEqual([]);
  });

  it('lists services alphabetically and years newest first', () => {
    expect(catalog.services).toEqual(['payments-api', 'pgbouncer', 'search']);
    expect(catalog.years).toEqual([2026, 2025, 2024]);
    expect(catalog.byId.get('a')?.data.services).toEqual(['search']);
    expect(catalog.serviceBySlug.get('pgbouncer')).toBe('pgbouncer');
  });
});
