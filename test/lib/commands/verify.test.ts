import { describe, expect, it } from 'vitest';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../../../src/lib/cli/main.ts';
import { captureIo } from '../../helpers/io.ts';
import { REPO_ROOT } from '../../helpers/content.ts';

const NOTES = resolve(REPO_ROOT, 'test/fixtures/drafts/orders-db-pool-notes.md');
const FAITHFUL = resolve(REPO_ROOT, 'test/fixtures/drafts/orders-db-pool-faithful.md');

describe('casebook verify', () => {
  it('prints the exact JSON report and exits 0 on a faithful draft', async () => {
    const io = captureIo({ cwd: REPO_ROOT });
    expect(await runCli(['verify', FAITHFUL, '--notes', NOTES, '--json'], io)).toBe(0);
    expect(JSON.parse(io.out())).toEqual({
      missing: [],
      invented: [],
      derived: [],
      generalizations: [],
      deadEndsMissing: false,
      missingDeadEnds: [],
      singleCause: false,
      todos: 3,
      zoneChanged: [],
    });
  });

  it('exits 1 when a value was altered, and accepts several notes files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'casebook-verify-'));
    const draft = join(dir, 'draft.md');
    await writeFile(
      draft,
      (await readFile(FAITHFUL, 'utf8')).replaceAll('maxOpenConns: 50', 'maxOpenConns: 100'),
    );
    const extra = join(dir, 'more-notes.md');
    await writeFile(extra, '- 15:30 UTC follow-up call scheduled\n');
    const io = captureIo({ cwd: REPO_ROOT });
    expect(await runCli(['verify', draft, '--notes', NOTES, extra, '--json'], io)).toBe(1);
    const report = JSON.parse(io.out()) as { missing: string[]; invented: string[] };
    expect(report.invented).toEqual(['maxOpenConns: 100']);
    expect(report.missing).toEqual(['maxOpenConns: 50', '15:30 UTC']);
  });

  it('prints a readable report without --json and needs --notes', async () => {
    const io = captureIo({ cwd: REPO_ROOT });
    expect(await runCli(['verify', FAITHFUL, '--notes', NOTES], io)).toBe(0);
    expect(io.out()).toContain('missing: none');
    expect(await runCli(['verify', FAITHFUL], captureIo({ cwd: REPO_ROOT }))).toBe(2);
  });
});
