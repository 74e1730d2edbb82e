/**
 * `casebook import --db`: the similarity engine ranks the failure modes suggested from a
 * document's text with the failure modes of close past reviews, and never adds a mode the text
 * does not point at. A real lexical index, built by `casebook embed` in a temp folder.
 */
import { describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/lib/cli/main.ts';
import { captureIo } from '../../helpers/io.ts';
import { makeContent, reviewMarkdown } from '../../helpers/content.ts';

const PAST_LAG = reviewMarkdown({
  frontMatter: {
    title: '"Reporting replica minutes behind the primary after a batch write"',
    services: '[reporting-db]',
    failureModes: '[replication-lag]',
  },
  body: `## Summary
The reporting replica fell minutes behind the primary during a large batch write, and reads from it returned old rows for 40 minutes.

## Detailed mechanism
The batch wrote 30 GB in one transaction; the replica applied it single-threaded and was behind the primary until it caught up.

## Contributing factors
The batch ran at peak; reads were routed to the replica with no staleness check.

## Investigation path
We first suspected the reporting cache; ruled out by reading the replica directly.

## Systemic factors
No alert on replica delay.
`,
});

const NEW_DOC = `# Reporting reads returned old rows

**Date:** 2025-09-01

## Summary
Reads from the reporting replica returned rows that were minutes old; the replica was behind the primary after a large batch write.
`;

const UNRELATED_WORDS = `# Balances looked wrong for a while

**Date:** 2025-09-02

## Summary
Customers saw stale balances for 40 minutes while the replica caught up.
`;

async function run(args: string[], cwd: string) {
  const io = captureIo({ cwd });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

const slugsOf = (out: string): string[][] =>
  (JSON.parse(out) as { items: { report?: { failureModes: { slugs: string[] } } }[] }).items.map(
    (i) => i.report?.failureModes.slugs ?? [],
  );

describe('casebook import --db', () => {
  it('ranks a mode the text points at weakly with the similar past review, and says so', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'casebook-import-similar-'));
    await writeFile(join(folder, 'reporting.md'), NEW_DOC);
    const db = join(folder, 'index');
    const withIndex = await makeContent({
      '2025-06-02-disk-full.md': reviewMarkdown(),
      '2025-07-10-replica-lag.md': PAST_LAG,
    });
    const embedded = await run(
      ['embed', '--content', withIndex, '--db', db, '--embedder', 'lexical'],
      folder,
    );
    expect(embedded.code).toBe(0);

    // Without the index the text alone is too weak: unclassified, with its TODO.
    const textOnly = await makeContent({ '2025-07-10-replica-lag.md': PAST_LAG });
    const alone = await run(['import', 'reporting.md', '--content', textOnly, '--json'], folder);
    expect(alone.code).toBe(0);
    expect(slugsOf(alone.out)).toEqual([['unclassified']]);

    const ranked = await run(
      ['import', 'reporting.md', '--content', withIndex, '--db', db, '--json'],
      folder,
    );
    expect(ranked.code).toBe(0);
    expect(slugsOf(ranked.out)).toEqual([['replication-lag']]);
    const report = JSON.parse(ranked.out) as {
      items: { report: { synthesised: { field: string; how: string }[] } }[];
    };
    const how = report.items[0]?.report.synthesised.find((s) => s.field === 'failureModes')?.how;
    expect(how).toMatch(
      /^suggested from the text \(ranked with [12] similar past reviews?\): replication-lag \(score/,
    );
  });

  it('never adds a mode the text does not name, however close the past review', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'casebook-import-similar-'));
    await writeFile(join(folder, 'balances.md'), UNRELATED_WORDS);
    const db = join(folder, 'index');
    const content = await makeContent({ '2025-07-10-replica-lag.md': PAST_LAG });
    expect(
      (await run(['embed', '--content', content, '--db', db, '--embedder', 'lexical'], folder))
        .code,
    ).toBe(0);
    const out = await run(
      ['import', 'balances.md', '--content', content, '--db', db, '--json'],
      folder,
    );
    expect(out.code).toBe(0);
    expect(slugsOf(out.out)).toEqual([['unclassified']]);
  });

  it('names the missing index and how to build it when --db has none', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'casebook-import-similar-'));
    await writeFile(join(folder, 'reporting.md'), NEW_DOC);
    const content = await makeContent({});
    const out = await run(
      ['import', 'reporting.md', '--content', content, '--db', join(folder, 'nothing-here')],
      folder,
    );
    expect(out.code).not.toBe(0);
    expect(out.err).toMatch(/casebook embed/);
    expect(out.err).not.toMatch(/\n\s+at /);
  });
});
