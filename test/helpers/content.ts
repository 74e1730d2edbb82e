/** Temp content folders for tests: a taxonomy copy plus reviews written from templates. */
import { fileURLToPath } from 'node:url';
import { mkdtemp, mkdir, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SAMPLE_CONTENT = join(REPO_ROOT, 'content');

/** A valid review; `overrides` replace front-matter lines by key, `body` replaces the body. */
export function reviewMarkdown(
  options: { frontMatter?: Record<string, string>; body?: string } = {},
): string {
  const fields: Record<string, string> = {
    title: '"Disk full on ledger-db-02 after WAL archiving stalled on s3 403"',
    date: '2025-06-02',
    severity: 'SEV2',
    status: 'published',
    services: '[ledger-service]',
    failureModes: '[disk-full]',
    authors: '[Ana Lima]',
    tags: '[postgres, wal]',
    related: '[]',
    impact: '"Ledger writes failed with ENOSPC for 22 minutes; 3,100 transfers delayed."',
    timeline: `
  - at: 2025-06-02T10:00:00Z
    event: "archive_command starts failing with 403"
    kind: trigger
  - at: 2025-06-02T11:40:00Z
    event: "pg_wal at 100%; writes fail"
    kind: impact-start
  - at: 2025-06-02T11:45:00Z
    event: "Alert LedgerWriteErrors pages"
    kind: detected
  - at: 2025-06-02T11:58:00Z
    event: "IAM policy restored; archiving resumes"
    kind: mitigated
  - at: 2025-06-02T12:02:00Z
    event: "Writes succeed"
    kind: resolved`,
    actionItems: `
  - title: "Alert on archive_command failures"
    owner: ledger-team
    status: open
    due: 2025-07-01
    ticket: LED-88`,
    ...options.frontMatter,
  };
  const yaml = Object.entries(fields)
    .filter(([, v]) => v !== '<omit>')
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n');
  const body = options.body ?? SECTIONS;
  return `---\n${yaml}\n---\n\n${body}`;
}

export const SECTIONS = `## Summary
WAL archiving to s3 failed with 403, pg_wal filled the 200 GiB volume and writes failed.

## Detailed mechanism
\`archive_command\` returned \`AccessDenied\` after an IAM policy change; WAL segments accumulated.

## Contributing factors
The IAM change alone was harmless until combined with \`max_wal_size = 64GB\` and no archive alert.

## Investigation path
We first suspected a long-running transaction; ruled out via pg_stat_activity.

## Systemic factors
No alert on \`pg_stat_archiver.failed_count\`; staging has no archiving.
`;

/** Makes a temp content folder with the real taxonomy and the given review files. */
export async function makeContent(files: Record<string, string | Uint8Array>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'casebook-content-'));
  await mkdir(join(dir, 'reviews'), { recursive: true });
  await copyFile(join(SAMPLE_CONTENT, 'failure-modes.yaml'), join(dir, 'failure-modes.yaml'));
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, 'reviews', name)), { recursive: true });
    await writeFile(join(dir, 'reviews', name), content);
  }
  return dir;
}
