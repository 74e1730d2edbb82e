import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/lib/cli/main.ts';
import { captureIo } from '../../helpers/io.ts';
import { makeContent } from '../../helpers/content.ts';

const postmortem = (
  service: string,
  word: string,
) => `# ${service} queue backlog after consumer crash loop

**Date:** 2025-08-19
**Severity:** SEV3
**Services:** ${service}

## Summary
The ${service} consumers crash-looped on a ${word} message for 25 minutes and the queue backed up.

## Timeline
- 2025-08-19 08:00 UTC first consumer crash
- 2025-08-19 08:25 UTC poison message moved to the dead-letter queue
`;

async function cli(args: string[], cwd: string, content: string) {
  const io = captureIo({ cwd });
  const code = await runCli(['import', ...args, '--content', content], io);
  return { code, out: io.out() };
}

describe('casebook import --update', () => {
  it('reports per file: updated, edited by hand and left alone, or changed without --update', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'casebook-update-'));
    const content = await makeContent({});
    await writeFile(join(folder, 'billing.md'), postmortem('billing-worker', 'malformed'));
    await writeFile(join(folder, 'mailer.md'), postmortem('mailer-worker', 'malformed'));
    const first = await cli(['billing.md', 'mailer.md'], folder, content);
    expect(first.code).toBe(0);
    const mailerReview = /imported mailer\.md → (\S+) \(imported\)/.exec(first.out)?.[1];
    expect(mailerReview).toBeDefined();

    const reviewPath = join(folder, mailerReview!);
    const edited = `${await readFile(reviewPath, 'utf8')}\n## Notes from the review meeting\n\nAgreed on 2025-08-21.\n`;
    await writeFile(reviewPath, edited);
    await writeFile(join(folder, 'billing.md'), postmortem('billing-worker', 'truncated'));
    await writeFile(join(folder, 'mailer.md'), postmortem('mailer-worker', 'truncated'));

    const plain = await cli(['billing.md', 'mailer.md'], folder, content);
    expect(plain.code).toBe(0);
    expect(plain.out).toMatch(
      /^skipped {2}billing\.md: exists as .*\.md \(same path\), and the source changed since; nothing written\. Use --update to refresh it/m,
    );

    const update = await cli(['billing.md', 'mailer.md', '--update'], folder, content);
    expect(update.code).toBe(0);
    expect(update.out).toMatch(/^updated {2}billing\.md → .*\.md \(imported\)$/m);
    expect(update.out).toMatch(
      /^skipped {2}mailer\.md: .*\.md was edited by hand since import; not touched\./m,
    );
    expect(update.out).toContain(
      'summary: 2 document(s) from 2 input(s): 0 imported, 1 updated (0 published, 1 status imported), 1 skipped, 0 failed.',
    );
    expect(update.out).toContain('check: all 1 imported review(s) pass `casebook check`.');
    expect(await readFile(reviewPath, 'utf8')).toBe(edited);
  });
});
