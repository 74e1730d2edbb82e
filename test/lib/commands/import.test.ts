import { describe, it, expect } from 'vitest';
import { writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/lib/cli/main.ts';
import { loadCorpus } from '../../../src/lib/review/load.ts';
import { captureIo } from '../../helpers/io.ts';
import { makeContent, REPO_ROOT } from '../../helpers/content.ts';
import { IMPORT_FIXTURES, fixture } from '../../helpers/import.ts';

async function importCli(args: string[], contentDir?: string) {
  const dir = contentDir ?? (await makeContent({}));
  const io = captureIo({ cwd: REPO_ROOT });
  const code = await runCli(['import', ...args, '--content', dir], io);
  return { code, io, dir };
}

const COMPLETE = `# pgbouncer pool exhaustion under a retry storm

**Date:** 2026-03-14
**Authors:** Priya Raman
**Severity:** SEV2
**Services:** payments-api, pgbouncer-payments
**Categories:** connection pool, retry storm

## Summary
Payments failed for 47 minutes because pgbouncer's pool was exhausted by retries.

## Impact
38% of card authorisations failed with HTTP 503 for 47 minutes.

## Root Causes
\`upstream.timeout_ms\` went from 30000 to 5000; retries without jitter filled \`default_pool_size = 20\`.

## Contributing Factors
No jitter, and a small pool; either alone was harmless.

## Investigation
We suspected the database first; \`pg_stat_activity\` ruled it out.

## Systemic Factors
The config push skipped canarying.

## Timeline
- 2026-03-14 09:05 UTC config push
- 2026-03-14 09:12 UTC errors start
- 2026-03-14 09:19 UTC alert pages on-call
- 2026-03-14 09:41 UTC config reverted
- 2026-03-14 09:59 UTC resolved

## Action Items
| Action | Owner | Status |
| --- | --- | --- |
| Add full jitter to retries | payments-team | open |
`;

describe('casebook import', () => {
  it('imports a folder, reports bad inputs clearly, imports the rest and exits 1', async () => {
    const { code, io, dir } = await importCli([IMPORT_FIXTURES]);
    const out = io.out();
    expect(code).toBe(1);
    expect(out).toMatch(/^failed {3}test\/fixtures\/import\/bad\/empty\.md: the file is empty\./m);
    // Prose without headings imports, its paragraphs classified.
    expect(out).toMatch(
      /^imported test\/fixtures\/import\/bad\/no-headings\.md → .* \(imported\)$/m,
    );
    expect(out).toMatch(
      /^failed {3}test\/fixtures\/import\/bad\/broken\.jsonl:2: broken JSON on line 2 /m,
    );
    expect(out).toMatch(/^imported test\/fixtures\/import\/bad\/broken\.jsonl:1 → /m);
    expect(out).toMatch(/^imported test\/fixtures\/import\/bad\/broken\.jsonl:3 → /m);
    // Every file is accounted for: the folder's README is skipped with its reason, not silently.
    expect(out).toMatch(
      /^skipped {2}test\/fixtures\/import\/README\.md: skipped: a folder's own documentation, not a postmortem\./m,
    );
    expect(out).toMatch(
      /^ {2}mapped: .*Root Causes → Detailed mechanism; Trigger → Detailed mechanism/m,
    );
    expect(out).toMatch(/^ {2}TODO sections: Contributing factors$/m);
    expect(out).toContain(
      'summary: 12 document(s) from 7 input(s): 9 imported, 0 updated (0 published, 9 status imported), 1 skipped, 2 failed.',
    );
    expect(out).toContain('check: all 9 imported review(s) pass `casebook check`.');
    expect((await loadCorpus(dir)).reviews).toHaveLength(9);
  });

  it('gives the same report as JSON with --json', async () => {
    const { code, io } = await importCli([
      fixture('records.jsonl'),
      fixture('bad/broken.jsonl'),
      '--json',
    ]);
    const result = JSON.parse(io.out()) as {
      ok: boolean;
      items: { source: string; outcome: string; report?: { todoSections: string[] } }[];
      summary: Record<string, unknown>;
      problems: unknown[];
    };
    expect(code).toBe(1);
    expect(result.ok).toBe(false);
    expect(result.summary).toMatchObject({ documents: 6, imported: 5, skipped: 0, failed: 1 });
    expect(result.items.find((i) => i.source.endsWith('broken.jsonl:2'))).toMatchObject({
      outcome: 'failed',
      message: expect.stringMatching(/broken JSON on line 2/),
    });
    // The record's "Operators at first suspected …" paragraph is placed in Investigation path by content.
    expect(result.items[0]?.report?.todoSections).toEqual([
      'Contributing factors',
      'Systemic factors',
    ]);
    expect(result.problems).toEqual([]);
  });

  it('exits 0 and writes nothing new when everything was imported before', async () => {
    const first = await importCli([fixture('sre-book.md'), fixture('records.jsonl')]);
    expect(first.code).toBe(0);
    const again = await importCli([fixture('sre-book.md'), fixture('records.jsonl')], first.dir);
    expect(again.code).toBe(0);
    expect(again.io.out()).toContain(
      '0 imported, 0 updated (0 published, 0 status imported), 4 skipped, 0 failed.',
    );
    expect((await loadCorpus(first.dir)).reviews).toHaveLength(4);
  });

  it('publishes with --publish only a review with nothing TODO or synthesised as a placeholder', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'casebook-import-'));
    await writeFile(join(folder, 'complete.md'), COMPLETE);
    const { code, io, dir } = await importCli([
      join(folder, 'complete.md'),
      fixture('pagerduty.md'),
      '--publish',
    ]);
    expect(code).toBe(0);
    const corpus = await loadCorpus(dir);
    expect(corpus.problems).toEqual([]);
    const complete = corpus.reviews.find((r) => r.data.title.startsWith('pgbouncer'));
    expect(complete?.data).toMatchObject({
      status: 'published',
      severity: 'SEV2',
      services: ['payments-api', 'pgbouncer-payments'],
      failureModes: ['connection-pool-exhaustion', 'retry-storm'],
    });
    expect(
      corpus.reviews.find((r) => r.data.title.startsWith('Duplicate webhook'))?.data.status,
    ).toBe('imported');
    expect(io.out()).toMatch(
      /kept as imported \(--publish refused\): section "Systemic factors" is TODO; authors is a placeholder; failureModes is a placeholder/,
    );
  });

  it('reports a missing path and a binary file, and still imports the rest', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'casebook-import-'));
    await writeFile(join(folder, 'image.md'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1]));
    const { code, io } = await importCli([
      join(folder, 'nope.md'),
      join(folder, 'image.md'),
      fixture('sre-book.md'),
    ]);
    expect(code).toBe(1);
    expect(io.out()).toMatch(/failed {3}.*nope\.md: no such file or folder\. Check the path\./);
    expect(io.out()).toMatch(/failed {3}.*image\.md: this is a binary file, not text\./);
    expect(io.out()).toMatch(/1 imported/);
  });

  it('rejects a call without inputs or with an unknown format as a usage error', async () => {
    expect((await importCli([])).code).toBe(2);
    const bad = await importCli([fixture('sre-book.md'), '--format', 'docx']);
    expect(bad.code).toBe(2);
    expect(bad.io.err()).toMatch(/--format must be one of auto, markdown, jsonl.*, got "docx"/);
  });

  it('reads a file as the format --format names, whatever its extension', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'casebook-import-'));
    const line = JSON.stringify({
      title: 'Cache stampede after a flush',
      text: 'All keys expired at once.',
      url: 'https://example.test/a',
      keywords: ['cache stampede'],
    });
    await writeFile(join(folder, 'export.txt'), `${line}\n`);
    const { code, dir } = await importCli([join(folder, 'export.txt'), '--format', 'jsonl']);
    expect(code).toBe(0);
    expect((await loadCorpus(dir)).reviews.map((r) => r.data.failureModes)).toEqual([
      ['cache-stampede'],
    ]);
  });
});
