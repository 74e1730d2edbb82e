/**
 * The index heals: damage of every kind makes `match` say what happened and how to fix it
 * (exit 3, never a raw LanceDB error or exit 70), and `embed` rebuild it, saying so.
 */
import { describe, expect, it } from 'vitest';
import { open, readdir, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { captureIo } from '../../helpers/io.ts';
import { makeDbDir, makeTopicContent, TOPICS } from '../../helpers/search.ts';
import { runCli } from '../../../src/lib/cli/main.ts';
import { IndexStore, META_TABLE } from '../../../src/lib/search/store.ts';
import { acquireIndexLock, LOCK_FILE } from '../../../src/lib/search/lock.ts';
import { embedCorpus } from '../../../src/lib/search/embed.ts';

const ids = Object.keys(TOPICS);
const POOL_NOTES =
  'pgbouncer-payments out of server connections, cl_waiting climbing, payments-api retries without jitter';

async function casebook(args: string[]) {
  const io = captureIo({ stdin: POOL_NOTES });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** The folder of the current chunks table. */
async function chunksFolder(db: string): Promise<string> {
  const store = await IndexStore.open(db);
  try {
    return join(db, `${(await store.readMeta())!.chunksTable}.lance`);
  } finally {
    store.close();
  }
}

/** The newest manifest of a table folder. */
async function latestManifest(tableDir: string): Promise<string> {
  const names = (await readdir(join(tableDir, '_versions'))).filter((n) => n.endsWith('.manifest'));
  // LanceDB names manifests so that the newest sorts first (or last, in older layouts): pick by mtime.
  const stats = await Promise.all(
    names.map(async (n) => ({ n, t: (await stat(join(tableDir, '_versions', n))).mtimeMs })),
  );
  return join(tableDir, '_versions', stats.sort((a, b) => b.t - a.t)[0]!.n);
}

const UNREADABLE =
  /cannot be read \(.*\); rebuilding it from .* into a new table and swapping it in/;
const FTS_REBUILT = /the full-text index is missing or damaged; rebuilding it/;
const FIRST_BUILD = /embed done in .*: 4 added/;

/** What breaks, what `match` then says (error code), and what `embed` then says. */
const DAMAGE: [string, (db: string) => Promise<void>, string, RegExp][] = [
  [
    'a deleted data file',
    async (db) => {
      const data = join(await chunksFolder(db), 'data');
      await rm(join(data, (await readdir(data))[0]!));
    },
    'INDEX_UNREADABLE',
    UNREADABLE,
  ],
  [
    'a truncated manifest',
    async (db) => truncate(await latestManifest(await chunksFolder(db)), 40),
    'INDEX_UNREADABLE',
    UNREADABLE,
  ],
  [
    'a garbage manifest',
    async (db) =>
      writeFile(await latestManifest(await chunksFolder(db)), 'not a manifest '.repeat(40)),
    'INDEX_UNREADABLE',
    UNREADABLE,
  ],
  [
    'a deleted _versions/ folder',
    async (db) => rm(join(await chunksFolder(db), '_versions'), { recursive: true }),
    'INDEX_UNREADABLE',
    UNREADABLE,
  ],
  [
    'a garbage manifest of the meta table',
    async (db) =>
      writeFile(await latestManifest(join(db, `${META_TABLE}.lance`)), Buffer.alloc(300, 7)),
    'INDEX_UNREADABLE',
    UNREADABLE,
  ],
  [
    'a deleted _versions/ folder of the meta table',
    async (db) => rm(join(db, `${META_TABLE}.lance`, '_versions'), { recursive: true }),
    'INDEX_MISSING',
    FIRST_BUILD,
  ],
  [
    'deleted full-text index files',
    async (db) => {
      const indices = join(await chunksFolder(db), '_indices');
      for (const dir of await readdir(indices)) {
        const files = await readdir(join(indices, dir));
        for (const f of files) await rm(join(indices, dir, f), { recursive: true });
      }
    },
    'INDEX_UNREADABLE',
    FTS_REBUILT,
  ],
];

describe('a damaged index', () => {
  it.each(DAMAGE)(
    'after %s, match says what happened and how to fix it, and embed rebuilds it',
    async (_, damage, matchCode, embedSays) => {
      const contentDir = await makeTopicContent();
      const db = await makeDbDir();
      const base = ['--content', contentDir, '--db', db];
      expect((await casebook(['embed', ...base, '--embedder', 'lexical'])).code).toBe(0);
      await damage(db);

      const broken = await casebook(['match', '-', ...base]);
      expect(broken.code).toBe(3);
      expect(broken.err).toContain(`error [${matchCode}]`);
      expect(broken.err).toContain(`run \`casebook embed --content ${contentDir} --db ${db}\``);
      expect(broken.err).not.toMatch(/unexpected error|Caused by|\.rs:\d+/);

      const healed = await casebook(['embed', ...base, '--json']);
      expect(healed.code, healed.err).toBe(0);
      expect(healed.err).toMatch(embedSays);
      const counts = JSON.parse(healed.out) as { added: number; updated: number; skipped: number };
      expect(counts.added + counts.updated + counts.skipped).toBe(4);

      const after = await casebook(['match', '-', ...base, '--json']);
      expect(after.code, after.err).toBe(0);
      expect((JSON.parse(after.out) as { id: string }[])[0]?.id).toBe(ids[0]);
      const again = await casebook(['embed', ...base, '--json']);
      expect(JSON.parse(again.out)).toMatchObject({ skipped: 4, added: 0, updated: 0 });
      expect(again.err).not.toMatch(/cannot be read|missing or damaged/);
    },
  );

  it('catches up a stale full-text index (rows added but never indexed) even when no review changed', async () => {
    const contentDir = await makeTopicContent();
    const db = await makeDbDir();
    await embedCorpus({ contentDir, dbUri: db, embedder: 'lexical', io: captureIo() });
    // What a run killed between writing rows and indexing them leaves: rows outside the index.
    const store = await IndexStore.open(db);
    try {
      const table = (await store.chunks((await store.readMeta())!))!;
      const rows = (await table.query().where(`id = '${ids[1]}'`).toArray()).map((r) => {
        const row = (r as { toJSON(): Record<string, Iterable<unknown>> }).toJSON();
        const list = (name: string) => [...row[name]!];
        return {
          ...row,
          services: list('services'),
          failureModes: list('failureModes'),
          vector: list('vector'),
        };
      });
      await store.deleteReviews(table, [ids[1]!]);
      await table.add(rows);
      expect(await store.unindexedRows(table, 'search')).toBe(5);
    } finally {
      store.close();
    }
    const result = await embedCorpus({
      contentDir,
      dbUri: db,
      embedder: 'lexical',
      io: captureIo(),
    });
    expect(result).toMatchObject({ skipped: 4, added: 0, updated: 0 });
    const after = await IndexStore.open(db);
    try {
      const table = (await after.chunks((await after.readMeta())!))!;
      expect(await after.unindexedRows(table, 'search')).toBe(0);
    } finally {
      after.close();
    }
  });

  it('reports an unreadable index in match as exit 3 with the command that rebuilds it', async () => {
    const contentDir = await makeTopicContent();
    const db = await makeDbDir();
    await casebook(['embed', '--content', contentDir, '--db', db, '--embedder', 'lexical']);
    await writeFile(await latestManifest(await chunksFolder(db)), 'garbage');
    const result = await casebook(['match', '-', '--content', contentDir, '--db', db]);
    expect(result.code).toBe(3);
    expect(result.err).toContain(
      `[INDEX_UNREADABLE]: the similarity index at ${db} cannot be read (`,
    );
    expect(result.err).toContain('embed replaces an unreadable index by itself');
  });
});

describe('--db pointing at a file', () => {
  it('is a clear usage error in both embed and match, and the file is left alone', async () => {
    const contentDir = await makeTopicContent();
    const file = join(await makeDbDir(), '..', 'not-a-folder.txt');
    await writeFile(file, 'keep me');
    for (const command of [['embed'], ['match', '-']]) {
      const result = await casebook([...command, '--content', contentDir, '--db', file]);
      expect(result.code).toBe(2);
      expect(result.err).toContain(`--db ${file} is (or is inside) a file, not a folder`);
    }
    const handle = await open(file);
    expect(await handle.readFile('utf8')).toBe('keep me');
    await handle.close();
  });
});

describe('one writer at a time', () => {
  it('makes a second embed wait for the first, and stop with a message naming it when the wait runs out', async () => {
    const contentDir = await makeTopicContent();
    const db = await makeDbDir();
    const held = await acquireIndexLock(db);
    try {
      await expect(
        embedCorpus({
          contentDir,
          dbUri: db,
          embedder: 'lexical',
          io: captureIo(),
          lockWaitMs: 300,
          lock: { pollMs: 50 },
        }),
      ).rejects.toMatchObject({
        code: 'INDEX_LOCKED',
        message: expect.stringContaining(`pid ${process.pid} on `),
      });
    } finally {
      await held.release();
    }
    const io = captureIo();
    const result = await embedCorpus({ contentDir, dbUri: db, embedder: 'lexical', io });
    expect(result.added).toBe(4);
  });

  it('runs two embeds of one local index at once without duplicating or losing a review', async () => {
    const contentDir = await makeTopicContent();
    const db = await makeDbDir();
    const messages: string[] = [];
    const run = (full: boolean) =>
      embedCorpus({
        contentDir,
        dbUri: db,
        embedder: 'lexical',
        full,
        io: captureIo(),
        progress: { info: (m) => messages.push(m), progress: () => {} },
        lock: { pollMs: 50 },
      });
    const results = await Promise.all([run(false), run(true), run(false)]);
    expect(results.filter((r) => r.added === 4)).toHaveLength(1);
    expect(messages.filter((m) => m.includes('another embed is writing')).length).toBeGreaterThan(
      0,
    );
    const store = await IndexStore.open(db);
    try {
      const table = (await store.chunks((await store.readMeta())!))!;
      const rows = (await table.query().select(['id', 'section']).toArray()) as {
        id: string;
        section: string;
      }[];
      expect(rows).toHaveLength(20);
      expect(new Set(rows.map((r) => `${r.id}/${r.section}`)).size).toBe(20);
    } finally {
      store.close();
    }
  });

  it('takes over the lock of a writer that was killed', async () => {
    const contentDir = await makeTopicContent();
    const db = await makeDbDir();
    await embedCorpus({ contentDir, dbUri: db, embedder: 'lexical', io: captureIo() });
    // A lock left by a process that no longer exists (pid 2^22 + 1 is above Linux's pid_max default).
    await writeFile(
      join(db, LOCK_FILE),
      JSON.stringify({
        owner: 'gone',
        pid: 4_194_305,
        host: (await import('node:os')).hostname(),
        since: '2026-11-28T11:00:00.000Z',
        heartbeat: Date.now(),
      }),
    );
    const result = await embedCorpus({
      contentDir,
      dbUri: db,
      embedder: 'lexical',
      io: captureIo(),
      lockWaitMs: 1000,
    });
    expect(result.skipped).toBe(4);
  });
});
