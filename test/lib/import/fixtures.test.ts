import { describe, it, expect } from 'vitest';
import { readFile } from 'node:fs/promises';
import {
  fixture,
  importedReview,
  missingLines,
  readOutput,
  runImport,
  section,
} from '../../helpers/import.ts';
import { loadCorpus } from '../../../src/lib/review/load.ts';
import { timelineMetrics } from '../../../src/lib/review/metrics.ts';

const REQUIRED = [
  'Summary',
  'Detailed mechanism',
  'Contributing factors',
  'Investigation path',
  'Systemic factors',
];

describe('importing the SRE-book template', () => {
  it('maps each heading to its section and fields, as the fixture README describes', async () => {
    const { items, contentDir } = await runImport([fixture('sre-book.md')]);
    expect(items).toHaveLength(1);
    expect(items[0]?.outcome).toBe('imported');
    const { review } = await importedReview(contentDir, items[0]);
    const d = review.data;
    expect(d.title).toBe(
      'Admission webhook timeouts block pod creation in prod-eu-1 during the evening peak',
    );
    expect(d.date.toISOString().slice(0, 10)).toBe('2025-02-11');
    expect(d.authors).toEqual(['Ingrid Halvorsen', 'Tobias Mensah']);
    expect(d.status).toBe('imported');
    expect(d.impact).toMatch(/^About 61,000 ride requests failed/);
    expect(section(review, 'Summary')).toMatch(/^For 47 minutes on 2025-02-11/);
    const mechanism = section(review, 'Detailed mechanism');
    expect(mechanism).toContain('### Root Causes');
    expect(mechanism).toContain('### Trigger');
    expect(mechanism.indexOf('### Root Causes')).toBeLessThan(mechanism.indexOf('### Trigger'));
    expect(mechanism).toContain('failurePolicy: Fail');
    const investigation = section(review, 'Investigation path');
    expect(investigation.indexOf('### Detection')).toBeGreaterThanOrEqual(0);
    expect(investigation.indexOf('### Detection')).toBeLessThan(
      investigation.indexOf('### Resolution'),
    );
    expect(investigation).toContain('DispatchAvailabilitySLOBurn');
    expect(section(review, 'Systemic factors')).toContain('staging-eu-1');
    expect(section(review, 'Contributing factors')).toMatch(/^TODO:/);
    expect(items[0]?.report?.todoSections).toEqual(['Contributing factors']);
    expect(section(review, 'Lessons')).toContain('What went well');
    expect(section(review, 'Supporting information')).toContain(
      'registry_api_request_duration_seconds',
    );
  });

  it('turns the twelve timestamped lines into timeline entries with kinds for the metrics', async () => {
    const { items, contentDir } = await runImport([fixture('sre-book.md')]);
    const { review } = await importedReview(contentDir, items[0]);
    const timeline = review.data.timeline;
    expect(timeline).toHaveLength(12);
    expect(timeline[0]?.at.toISOString()).toBe('2025-02-11T14:20:00.000Z');
    expect(timeline[11]?.at.toISOString()).toBe('2025-02-11T16:20:00.000Z');
    const kindAt = (kind: string) =>
      timeline
        .find((e) => e.kind === kind)
        ?.at.toISOString()
        .slice(11, 16);
    expect(kindAt('trigger')).toBe('14:38');
    expect(kindAt('impact-start')).toBe('14:44');
    expect(kindAt('detected')).toBe('14:52');
    expect(kindAt('mitigated')).toBe('15:31');
    expect(
      [...timeline]
        .reverse()
        .find((e) => e.kind === 'resolved')
        ?.at.toISOString()
        .slice(11, 16),
    ).toBe('16:20');
    expect(timelineMetrics(timeline).timeToDetectMs).toBe(8 * 60000);
  });

  it('reads the action-item table: title, owner from Owner, ticket from Bug, status open', async () => {
    const { items, contentDir } = await runImport([fixture('sre-book.md')]);
    const { review } = await importedReview(contentDir, items[0]);
    const actions = review.data.actionItems;
    expect(actions).toHaveLength(6);
    expect(actions.map((a) => a.ticket)).toEqual([
      'KL-4411',
      'KL-4412',
      'KL-4413',
      'KL-4414',
      'KL-4415',
      'KL-4416',
    ]);
    expect(actions[0]).toMatchObject({ owner: 'ingrid.h', status: 'open' });
    expect(actions[0]?.title).toContain('Exclude `policy-system`');
  });

  it('drops nothing: every non-empty source line appears in the written review', async () => {
    const { items } = await runImport([fixture('sre-book.md')]);
    const source = await readFile(fixture('sre-book.md'), 'utf8');
    const output = await readOutput(items[0]);
    expect(missingLines(source, output)).toEqual([]);
  });
});

describe('importing the PagerDuty template', () => {
  it('maps Overview, What Happened, Contributing Factors, Resolution and the header fields', async () => {
    const { items, contentDir } = await runImport([fixture('pagerduty.md')]);
    const { review } = await importedReview(contentDir, items[0]);
    expect(review.data.severity).toBe('SEV2');
    expect(review.data.date.toISOString().slice(0, 10)).toBe('2025-07-08');
    expect(review.data.source?.company).toMatch(/^Orchard Ledger/);
    expect(section(review, 'Summary')).toMatch(/^### Overview/);
    expect(section(review, 'Detailed mechanism')).toContain('VisibilityTimeout: 30');
    expect(section(review, 'Contributing factors')).toContain('infra/sqs/webhooks.tf');
    expect(section(review, 'Investigation path')).toContain('retry.max_attempts: 8');
    expect(section(review, 'Systemic factors')).toMatch(/^TODO:/);
    expect(section(review, 'Supporting information')).toContain('### Customer communications');
    expect(review.data.impact).toMatch(/^1\.84 million webhook deliveries/);
  });

  it('reads the timeline table (11 rows) and the follow-up checklist (6 items, 1 done)', async () => {
    const { items, contentDir } = await runImport([fixture('pagerduty.md')]);
    const { review } = await importedReview(contentDir, items[0]);
    const timeline = review.data.timeline;
    expect(timeline).toHaveLength(11);
    expect(timeline[0]?.at.toISOString()).toBe('2025-07-08T09:30:00.000Z');
    expect(timeline.find((e) => e.kind === 'impact-start')?.at.toISOString()).toBe(
      '2025-07-08T09:35:00.000Z',
    );
    expect(timeline.find((e) => e.kind === 'mitigated')?.at.toISOString()).toBe(
      '2025-07-08T12:41:00.000Z',
    );
    expect(
      timeline
        .filter((e) => e.kind === 'resolved')
        .pop()
        ?.at.toISOString(),
    ).toBe('2025-07-08T14:00:00.000Z');
    const actions = review.data.actionItems;
    expect(actions).toHaveLength(6);
    expect(actions.filter((a) => a.status === 'done').map((a) => a.ticket)).toEqual(['JIRA-2230']);
    expect(actions.filter((a) => a.status === 'open')).toHaveLength(5);
    expect(actions[0]?.owner).toBe('@kenji.m');
  });

  it('drops nothing', async () => {
    const { items } = await runImport([fixture('pagerduty.md')]);
    const output = await readOutput(items[0]);
    expect(missingLines(await readFile(fixture('pagerduty.md'), 'utf8'), output)).toEqual([]);
  });
});

describe('importing a postmortems.app-style file', () => {
  it('maps the front-matter keys: title, dates, url, company, summary, keywords and categories', async () => {
    const { items, contentDir } = await runImport([fixture('postmortems-app.md')]);
    const { review } = await importedReview(contentDir, items[0]);
    const d = review.data;
    expect(d.title).toBe(
      'A WAF rule matching the OkHttp user agent blocked every Android client for 2h14m',
    );
    expect(d.date.toISOString().slice(0, 10)).toBe('2024-09-17');
    expect(d.source?.url).toBe('https://engineering.brindlecast.example/blog/2024-09-android-403s');
    expect(d.source?.company).toBe('Brindlecast');
    expect(d.tags).toEqual(
      expect.arrayContaining(['cloud-armor', 'waf', 'terraform', 'okhttp', 'android']),
    );
    expect(d.failureModes).toEqual(['bad-config-push']);
    expect(d.timeline.map((e) => [e.at.toISOString(), e.kind])).toEqual([
      ['2024-09-17T16:05:00.000Z', 'impact-start'],
      ['2024-09-17T18:19:00.000Z', 'resolved'],
    ]);
    expect(section(review, 'Summary')).toContain('(?i).*okhttp.*');
    expect(section(review, 'Detailed mechanism')).toContain('```hcl');
    expect(section(review, 'Detailed mechanism')).toContain('preview = false');
    expect(section(review, 'Investigation path')).toContain('denied_by_security_policy');
    expect(section(review, 'Supporting information')).toContain('edge-policy-prod');
    expect(d.actionItems).toHaveLength(3);
    expect(d.actionItems.every((a) => a.owner === 'unassigned' && a.status === 'open')).toBe(true);
    expect(items[0]?.report?.todoSections).toEqual(['Contributing factors', 'Systemic factors']);
  });

  it('drops nothing, including front-matter keys that map nowhere (kept as the original block)', async () => {
    const { items } = await runImport([fixture('postmortems-app.md')]);
    const output = await readOutput(items[0]);
    expect(output).toContain('uuid: 42166171-36f8-4a31-8583-563817abcf20');
    expect(missingLines(await readFile(fixture('postmortems-app.md'), 'utf8'), output)).toEqual([]);
  });
});

describe('importing JSONL records', () => {
  it('imports one review per record with title, date, source, tags and derived timelines', async () => {
    const { items, contentDir } = await runImport([fixture('records.jsonl')]);
    expect(items.map((i) => [i.source.replace(/^.*\//, ''), i.outcome])).toEqual([
      ['records.jsonl:1', 'imported'],
      ['records.jsonl:2', 'imported'],
      ['records.jsonl:3', 'imported'],
    ]);
    const reviews = await Promise.all(items.map((i) => importedReview(contentDir, i)));
    const [one, two, three] = reviews.map((r) => r.review);
    expect(one?.data.title).toBe(
      'Payout batch stalled after innodb_lock_wait_timeout was lowered to 5 seconds',
    );
    expect(one?.data.date.toISOString().slice(0, 10)).toBe('2024-06-01');
    expect(one?.data.source?.company).toBe('Tessellate Pay');
    expect(one?.data.failureModes).toEqual(['bad-config-push']);
    expect(
      reviews.map((r) => r.review.data.timeline.filter((e) => !e.event.startsWith('TODO:')).length),
    ).toEqual([2, 2, 1]);
    expect(three?.data.tags).toEqual([]);
    expect(three?.data.failureModes).toEqual(['unclassified']);
    expect(items[2]?.report?.failureModes.unclassified).toBe(true);
    // With a summary, the summary is the Summary; without one, the first paragraph of text is.
    expect(section(one!, 'Detailed mechanism')).toContain(
      'ERROR 1205 (HY000): Lock wait timeout exceeded',
    );
    const paragraphs = String(
      JSON.parse((await readFile(fixture('records.jsonl'), 'utf8')).split('\n')[1] ?? '{}').text,
    ).split('\n\n');
    expect(section(two!, 'Summary')).toBe(`### Description\n\n${paragraphs[0]}`);
    expect(section(two!, 'Detailed mechanism')).toContain(paragraphs[1]);
    expect(reviews.every((r) => r.review.data.status === 'imported')).toBe(true);
  });

  it('drops nothing: every paragraph of text and summary, and the other record fields, are in the review', async () => {
    const { items } = await runImport([fixture('records.jsonl')]);
    const lines = (await readFile(fixture('records.jsonl'), 'utf8')).split('\n').filter(Boolean);
    for (const [i, item] of items.entries()) {
      const output = await readOutput(item);
      const record = JSON.parse(lines[i] ?? '{}') as Record<string, unknown>;
      const texts = [record.text, record.summary, record.title].filter(
        (v): v is string => typeof v === 'string',
      );
      for (const text of texts) expect(missingLines(text, output)).toEqual([]);
      for (const [key, value] of Object.entries(record)) {
        if (
          value === null ||
          (Array.isArray(value) && !value.length) ||
          ['text', 'summary', 'title'].includes(key)
        )
          continue;
        expect(output, key).toContain(`"${key}"`);
      }
    }
  });
});

describe('the imported corpus', () => {
  it('passes the check as drafts, and every required section is present with material or a TODO', async () => {
    const { contentDir, summary } = await runImport([
      fixture('sre-book.md'),
      fixture('pagerduty.md'),
      fixture('postmortems-app.md'),
      fixture('records.jsonl'),
    ]);
    expect(summary).toMatchObject({ imported: 6, skipped: 0, failed: 0 });
    const corpus = await loadCorpus(contentDir);
    expect(corpus.problems).toEqual([]);
    expect(corpus.reviews).toHaveLength(6);
    for (const review of corpus.reviews)
      expect(review.sections.slice(0, 5).map((s) => s.heading)).toEqual(REQUIRED);
  });

  it('skips a re-import of the same sources by URL or content hash and overwrites nothing', async () => {
    const inputs = [
      fixture('sre-book.md'),
      fixture('pagerduty.md'),
      fixture('postmortems-app.md'),
      fixture('records.jsonl'),
    ];
    const first = await runImport(inputs);
    const before = await loadCorpus(first.contentDir);
    const texts = await Promise.all(before.reviews.map((r) => readFile(r.path, 'utf8')));
    const again = await runImport(inputs, { contentDir: first.contentDir });
    expect(again.summary).toMatchObject({ imported: 0, skipped: 6, failed: 0 });
    const byUrl = again.items.find((i) => i.source.endsWith('postmortems-app.md'));
    expect(byUrl?.message).toMatch(/already imported as .*\(same url\)/);
    const byPath = again.items.find((i) => i.source.endsWith('sre-book.md'));
    expect(byPath?.message).toMatch(/\(same path\)/);
    const after = await loadCorpus(first.contentDir);
    expect(after.reviews).toHaveLength(6);
    expect(await Promise.all(after.reviews.map((r) => readFile(r.path, 'utf8')))).toEqual(texts);
  });
});

/** Postmortems in other teams' styles (test/fixtures/import-styles/README.md has the expectations). */
const style = (name: string): string => fixture(`../import-styles/${name}`);
const at = (review: { data: { timeline: { at: Date; event: string }[] } }) =>
  review.data.timeline.filter((e) => !e.event.startsWith('TODO:')).map((e) => e.at.toISOString());

describe('importing postmortems in other styles, placed by heading and by content', () => {
  it('imports a heading-less blog post: title from its first line, date from the file name, each paragraph in its section', async () => {
    const { items, contentDir } = await runImport([style('2024-06-25-basket-cache-outage.md')]);
    expect(items[0]?.outcome).toBe('imported');
    const { review } = await importedReview(contentDir, items[0]);
    expect(review.data.title).toBe('Basket totals went blank after a cache key change');
    expect(review.data.date.toISOString().slice(0, 10)).toBe('2024-06-25');
    expect(section(review, 'Summary')).toContain('Between 10:05 and 11:20 on Tuesday');
    expect(section(review, 'Detailed mechanism')).toContain('changed the cache key format');
    expect(section(review, 'Investigation path')).toContain(
      'We first suspected the payment provider',
    );
    expect(section(review, 'Contributing factors')).toContain('compounded by the pricing worker');
    expect(section(review, 'Systemic factors')).toContain('There was no runbook');
    expect(section(review, 'Supporting information')).toContain('We will add a dual-read period');
    expect(items[0]?.report?.todoSections).toEqual([]);
    // Times in prose are not a timeline: no entries, so the duration is unknown, never 0 min.
    expect(at(review)).toEqual([]);
    expect(timelineMetrics(review.data.timeline).durationMs).toBeUndefined();
  });

  it('maps the Atlassian template headings, its timeline table and its checklist', async () => {
    const { items, contentDir } = await runImport([style('atlassian-template.md')]);
    const { review } = await importedReview(contentDir, items[0]);
    expect(review.data.title).toBe('Incident PIR: search index stuck on a full disk');
    expect(review.data.date.toISOString().slice(0, 10)).toBe('2023-11-08');
    expect(review.data.impact).toMatch(/^Buyers saw sold-out items/);
    expect(section(review, 'Summary')).toContain('product search at Quillmere');
    const mechanism = section(review, 'Detailed mechanism');
    expect(mechanism).toContain('### Fault');
    expect(mechanism).toContain('### Blameless root cause');
    const contributing = section(review, 'Contributing factors');
    expect(contributing).toContain('### Leadup');
    expect(contributing).toContain('### Five whys');
    const investigation = section(review, 'Investigation path');
    expect(investigation.indexOf('### Detection')).toBeGreaterThanOrEqual(0);
    expect(investigation.indexOf('### Detection')).toBeLessThan(
      investigation.indexOf('### Response'),
    );
    expect(investigation.indexOf('### Response')).toBeLessThan(
      investigation.indexOf('### Recovery'),
    );
    expect(section(review, 'Systemic factors')).toContain('### Backlog check');
    expect(section(review, 'Systemic factors')).toContain('### Recurrence');
    expect(at(review)).toEqual([
      '2023-11-08T12:30:00.000Z',
      '2023-11-08T13:10:00.000Z',
      '2023-11-08T13:40:00.000Z',
      '2023-11-08T14:35:00.000Z',
      '2023-11-08T15:55:00.000Z',
    ]);
    expect(review.data.actionItems.map((a) => [a.status, a.owner])).toEqual([
      ['done', 'Priya N.'],
      ['open', 'search-team'],
      ['open', 'search-team'],
    ]);
    expect(items[0]?.report?.todoSections).toEqual([]);
  });

  it('reads a GitLab issue: question lists under their sections and "10/14/2022 - 09:05 - …" timeline lines', async () => {
    const { items, contentDir } = await runImport([style('gitlab-issue.md')]);
    const { review } = await importedReview(contentDir, items[0]);
    expect(review.data.date.toISOString().slice(0, 10)).toBe('2022-10-14');
    expect(review.data.impact).toContain('All internal developers using shared runners');
    expect(section(review, 'Investigation path')).toContain('### Incident Response Analysis');
    expect(section(review, 'Detailed mechanism')).toContain('### Post Incident Analysis');
    expect(review.data.timeline.map((e) => [e.at.toISOString(), e.event])).toEqual([
      ['2022-10-14T09:05:00.000Z', 'Pending jobs start to climb (TODO: zone; read as UTC)'],
      [
        '2022-10-14T09:30:00.000Z',
        'Developer report in the help channel (TODO: zone; read as UTC)',
      ],
      [
        '2022-10-14T09:42:00.000Z',
        'Autoscaler QuotaExceeded errors found (TODO: zone; read as UTC)',
      ],
      [
        '2022-10-14T10:15:00.000Z',
        'Quota raised back to 80; queue drains (TODO: zone; read as UTC)',
      ],
    ]);
    expect(review.data.actionItems.map((a) => [a.status, a.owner])).toEqual([
      ['open', 'unassigned'],
      ['open', 'unassigned'],
    ]);
    expect(items[0]?.report?.todoSections).toEqual(['Contributing factors', 'Systemic factors']);
  });

  it('reads bold times in a stated zone, a date range and a time sub-heading; trailing Responders and Stats are supporting', async () => {
    const { items, contentDir } = await runImport([style('bold-times.md')]);
    const { review } = await importedReview(contentDir, items[0]);
    expect(review.data.date.toISOString().slice(0, 10)).toBe('2021-03-03');
    expect(review.data.timeline.map((e) => [e.at.toISOString(), e.event])).toEqual([
      [
        '2021-03-03T17:14:00.000Z',
        'New release deployed to the ticketing cluster (09:14 UTC-08:00 in the source)',
      ],
      [
        '2021-03-03T17:21:00.000Z',
        'Purchase errors start; checkout times out (09:21 UTC-08:00 in the source)',
      ],
      [
        '2021-03-03T17:35:00.000Z',
        'On-call paged by the checkout error alert (09:35 UTC-08:00 in the source)',
      ],
      ['2021-03-03T18:02:00.000Z', 'Release rolled back (10:02 UTC-08:00 in the source)'],
      [
        '2021-03-03T18:13:00.000Z',
        'Purchases succeed again; incident resolved (10:13 UTC-08:00 in the source)',
      ],
      [
        '2021-03-04T17:14:00.000Z',
        'Follow-up load test reproduces the lock waits on the new index. (09:14 UTC-08:00 in the source)',
      ],
    ]);
    expect(section(review, 'Summary')).toContain('Ticket purchases at Osprey Arena failed');
    expect(section(review, 'Detailed mechanism')).toContain('seat-lock table');
    expect(section(review, 'Supporting information')).toContain('### Responders');
    expect(section(review, 'Supporting information')).toContain('### Stats');
  });

  it('reads a PagerDuty document with setext headings: an unknown heading split by content, a zone in the timeline heading', async () => {
    const { items, contentDir } = await runImport([style('pagerduty-setext.md')]);
    const { review } = await importedReview(contentDir, items[0]);
    expect(review.data.title).toBe('Replica promotion loop on the orders database');
    expect(review.data.date.toISOString().slice(0, 10)).toBe('2023-05-09');
    expect(section(review, 'Investigation path')).toContain(
      'We first suspected a network partition',
    );
    expect(section(review, 'Contributing factors')).toContain(
      'compounded by the connection pooler',
    );
    expect(section(review, 'Systemic factors')).toContain(
      'There was no runbook for a promotion loop',
    );
    expect(at(review)).toEqual([
      '2023-05-09T09:18:00.000Z',
      '2023-05-09T09:24:00.000Z',
      '2023-05-09T09:31:00.000Z',
      '2023-05-09T09:52:00.000Z',
      '2023-05-09T09:59:00.000Z',
    ]);
    expect(review.data.timeline[0]?.event).toBe(
      'health-check change rolled out (10:18 UTC+01:00 in the source)',
    );
    expect(review.data.actionItems.map((a) => [a.status, a.owner])).toEqual([
      ['done', 'Ruth Okafor'],
      ['open', 'db-team'],
      ['open', 'unassigned'],
    ]);
    expect(section(review, 'Supporting information')).toContain('### Responders');
    expect(items[0]?.report?.todoSections).toEqual([]);
  });

  it('reads "- **Date:**" list fields before the first section and "Feb 29, 01:00 AM" times in CET', async () => {
    const { items, contentDir } = await runImport([style('sre-plain-fields.md')]);
    const { review } = await importedReview(contentDir, items[0]);
    expect(review.data.date.toISOString().slice(0, 10)).toBe('2024-02-29');
    expect(review.data.authors).toEqual(['Mina Castillo', 'Theo Brandt']);
    expect(at(review)).toEqual([
      '2024-02-29T00:00:00.000Z',
      '2024-02-29T00:40:00.000Z',
      '2024-02-29T07:15:00.000Z',
      '2024-02-29T08:05:00.000Z',
      '2024-02-29T10:30:00.000Z',
    ]);
    expect(section(review, 'Systemic factors')).toContain('No test covered the leap day');
    expect(review.data.actionItems.map((a) => [a.status, a.owner])).toEqual([
      ['done', 'Mina Castillo'],
      ['open', 'Theo Brandt'],
    ]);
    expect(items[0]?.report?.todoSections).toEqual(['Contributing factors', 'Investigation path']);
  });
});
