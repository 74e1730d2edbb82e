import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../../src/lib/cli/main.ts';
import { captureIo } from '../../helpers/io.ts';
import { makeDbDir, makeTopicContent, TOPICS } from '../../helpers/search.ts';

const ids = Object.keys(TOPICS);

describe('casebook embed and match', () => {
  let contentDir = '';
  let dbUri = '';
  let dir = '';
  beforeAll(async () => {
    contentDir = await makeTopicContent();
    dbUri = await makeDbDir();
    dir = await mkdtemp(join(tmpdir(), 'casebook-notes-'));
    const io = captureIo();
    expect(
      await runCli(['embed', '--content', contentDir, '--db', dbUri, '--embedder', 'lexical'], io),
    ).toBe(0);
    expect(io.out()).toContain('4 added, 0 updated, 0 skipped, 0 removed');
  });

  const run = async (args: string[], stdin?: string) => {
    const io = captureIo({ stdin, cwd: dir });
    const code = await runCli(['match', ...args, '--content', contentDir, '--db', dbUri], io);
    return { code, out: io.out(), err: io.err() };
  };

  it('prints --json with exactly the documented fields', async () => {
    const notes = join(dir, 'notes.md');
    await writeFile(notes, 'clients fail with x509: certificate has expired at the edge proxy');
    const { code, out } = await run([notes, '--json', '--k', '2']);
    expect(code).toBe(0);
    const hits = JSON.parse(out) as Record<string, unknown>[];
    // --k 2, but only the certificate review passes the relevance cutoff (the others share
    // no more than "clients" and "fail").
    expect(hits).toHaveLength(1);
    expect(Object.keys(hits[0]!)).toEqual([
      'id',
      'title',
      'score',
      'strength',
      'why',
      'matchedTerms',
      'failureModes',
      'services',
      'matchedSections',
      'snippets',
    ]);
    expect(hits[0]?.id).toBe(ids[2]);
    expect(hits[0]?.strength).toMatch(/^(strong|possible)$/);
    expect(hits[0]?.matchedTerms).toEqual(expect.arrayContaining(['x509']));
  });

  it('says there is no close match for notes that share nothing with the corpus', async () => {
    const { code, out } = await run(['-'], 'the quick brown fox jumps over the lazy dog');
    expect(code).toBe(0);
    expect(out).toMatch(/^No close match/);
  });

  it('reads notes from stdin and prints the why', async () => {
    const { code, out } = await run(
      ['-'],
      'pg_wal volume full, ENOSPC on writes, archive_command failing',
    );
    expect(code).toBe(0);
    expect(out).toMatch(/^1\. Disk full on ledger-db/);
    expect(out).toMatch(/· (strong|possible) match\n/);
    expect(out).toMatch(/why: .+/);
    expect(out).not.toMatch(/score \d/);
    expect(out).toContain('failure modes: disk-full');
    expect(out).toMatch(/detailed mechanism: .*ENOSPC/);
  });

  it('says so when the notes are empty', async () => {
    const { code, err } = await run(['-'], '   \n');
    expect(code).toBe(1);
    expect(err).toContain('[INPUT_EMPTY]');
  });

  it('refuses a binary file', async () => {
    const file = join(dir, 'dump.bin');
    await writeFile(file, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2]));
    const { code, err } = await run([file]);
    expect(code).toBe(1);
    expect(err).toContain('[FILE_BINARY]');
  });

  it('cuts notes over 1 MB and says what it did', async () => {
    const file = join(dir, 'huge.log');
    await writeFile(file, 'pgbouncer pool exhausted cl_waiting climbing\n'.repeat(30_000));
    const { code, err, out } = await run([file, '--k', '1']);
    expect(code).toBe(0);
    expect(err).toMatch(/huge\.log is \d+ bytes; only its first 1 MB \(1048576 bytes\) was used/);
    expect(out).toContain(ids[0]);
  });

  it('says to run embed when there is no index', async () => {
    const io = captureIo({ stdin: 'pool exhausted' });
    const db = await makeDbDir();
    const code = await runCli(['match', '-', '--db', db, '--content', contentDir], io);
    expect(code).toBe(3);
    expect(io.err()).toContain('[INDEX_MISSING]');
    // The hint is the exact command that builds the index this match reads, --db included.
    expect(io.err()).toContain(`run \`casebook embed --content ${contentDir} --db ${db}\` first`);
  });

  it('says which embedder built the index when another is asked for', async () => {
    const { code, err } = await run(['-', '--embedder', 'transformers'], 'pool exhausted');
    expect(code).toBe(3);
    expect(err).toContain('[INDEX_EMBEDDER_MISMATCH]');
    expect(err).toContain('built with lexical');
  });

  it('rejects a malformed --since', async () => {
    const { code, err } = await run(['-', '--since', '14/03/2026'], 'pool');
    expect(code).toBe(2);
    expect(err).toContain('--since must be a date YYYY-MM-DD');
  });

  it('rejects a --since day that does not exist instead of rolling it over', async () => {
    const { code, err } = await run(['-', '--since', '2026-02-30'], 'pool');
    expect(code).toBe(2);
    expect(err).toContain('got "2026-02-30"');
  });
});
