/**
 * The shared index on S3-compatible object storage: a local s3rver on 127.0.0.1 (random port,
 * temp folder), started and closed by this file. Every step runs through `casebook` itself
 * with the usual AWS_* variables (or --db-option pairs); a fresh child process with an empty
 * home and temp folder reads the same index, as a second machine would.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { createServer, type AddressInfo } from 'node:net';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { captureIo } from '../../helpers/io.ts';
import { REPO_ROOT } from '../../helpers/content.ts';
import {
  makeTopicContent,
  startLocalS3,
  topicMarkdown,
  TOPICS,
  type LocalS3,
} from '../../helpers/search.ts';
import { runCli } from '../../../src/lib/cli/main.ts';
import { embedCorpus } from '../../../src/lib/search/embed.ts';
import { IndexStore, META_TABLE, storageOptionsOf } from '../../../src/lib/search/store.ts';
import { makeBuildDir, runAstroBuild } from '../../../src/lib/site/build-process.ts';

/** The index's meta and chunks table versions on the store: they change with any write. */
async function s3Versions(db: string): Promise<[number, number]> {
  const store = await IndexStore.open(db, { storageOptions: storageOptionsOf(s3.env) });
  try {
    const meta = await store.readMeta();
    const metaTable = await store.openTable(META_TABLE);
    const chunks = meta ? await store.chunks(meta) : null;
    return [(await metaTable?.version()) ?? -1, (await chunks?.version()) ?? -1];
  } finally {
    store.close();
  }
}

/** A review page's "Similar incidents" section, or null when it has none. */
const similarSection = (html: string): string | null =>
  /<section[^>]*similar-incidents[\s\S]*?<\/section>/.exec(html)?.[0] ?? null;

const ids = Object.keys(TOPICS);
const POOL_NOTES =
  'pgbouncer-payments out of server connections, cl_waiting climbing, payments-api retries without jitter';

let s3: LocalS3;
/** Operation → seconds, printed at the end for the report. */
const timings: [string, number][] = [];

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await fn();
  } finally {
    timings.push([label, (performance.now() - start) / 1000]);
  }
}

async function casebook(args: string[], env: Record<string, string>, stdin = POOL_NOTES) {
  const io = captureIo({ env, stdin });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

beforeAll(async () => {
  s3 = await startLocalS3();
});

afterAll(async () => {
  await s3?.close();
  if (timings.length)
    console.log(
      `S3 (s3rver on 127.0.0.1) operations:\n${timings.map(([l, s]) => `  ${l.padEnd(58)} ${s.toFixed(2)} s`).join('\n')}`,
    );
});

describe('the index on an S3-compatible object store', () => {
  it('embeds, embeds again incrementally, matches, and removes a deleted review, all on s3://', async () => {
    const contentDir = await makeTopicContent();
    const db = `s3://${s3.bucket}/team-a/casebook`;
    const base = ['--content', contentDir, '--db', db];

    const first = await timed('embed (4 reviews, first build)', () =>
      casebook(['embed', ...base, '--embedder', 'lexical'], s3.env),
    );
    expect(first.code, first.err).toBe(0);
    expect(first.out).toContain('4 added');

    // The issue's crash: a second embed found no table by listing and failed to create one.
    const again = await timed('embed again (nothing changed)', () =>
      casebook(['embed', ...base, '--json'], s3.env),
    );
    expect(again.code).toBe(0);
    expect(JSON.parse(again.out)).toMatchObject({ added: 0, updated: 0, skipped: 4 });

    await writeFile(
      join(contentDir, 'reviews', `${ids[1]}.md`),
      topicMarkdown(TOPICS[ids[1]!]!, 'The frobnicator archive queue also stalled.'),
    );
    const incremental = await timed('embed incremental (1 review changed)', () =>
      casebook(['embed', ...base, '--json'], s3.env),
    );
    expect(JSON.parse(incremental.out)).toMatchObject({ added: 0, updated: 1, skipped: 3 });

    const match = await timed('match (hybrid query, new process state)', () =>
      casebook(['match', '-', ...base, '--json'], s3.env),
    );
    expect(match.code, match.err).toBe(0);
    const matched = JSON.parse(match.out) as { id: string }[];
    expect(matched[0]?.id).toBe(ids[0]);

    const edited = await casebook(
      ['match', join(contentDir, 'reviews', `${ids[1]}.md`), ...base, '--json', '--k', '1'],
      s3.env,
    );
    expect((JSON.parse(edited.out) as { id: string }[])[0]?.id).toBe(ids[1]);

    await rm(join(contentDir, 'reviews', `${ids[2]}.md`));
    const removed = await timed('embed after deleting a review', () =>
      casebook(['embed', ...base, '--json'], s3.env),
    );
    expect(JSON.parse(removed.out)).toMatchObject({ removed: 1, skipped: 3 });

    const full = await timed('embed --full (new table swapped in)', () =>
      casebook(['embed', ...base, '--full', '--json'], s3.env),
    );
    expect(JSON.parse(full.out)).toMatchObject({ updated: 3, chunks: 15 });
  });

  it('takes the store settings from --db-option pairs as well as from the environment', async () => {
    const contentDir = await makeTopicContent(ids.slice(0, 2));
    const db = `s3://${s3.bucket}/options-only/casebook`;
    const options = s3.dbOptions.flatMap((o) => ['--db-option', o]);
    const embed = await casebook(
      ['embed', '--content', contentDir, '--db', db, '--embedder', 'lexical', ...options],
      {},
    );
    expect(embed.code, embed.err).toBe(0);
    const match = await casebook(
      ['match', '-', '--content', contentDir, '--db', db, '--json', ...options],
      {},
    );
    expect(match.code, match.err).toBe(0);
  });

  it('builds the site against the index on s3:// (embed beside Astro), and a reader machine builds the same pages from it without writing', async () => {
    const db = `s3://${s3.bucket}/site/casebook`;
    const work = await makeBuildDir('s3-site-');
    try {
      /** `astro build` into `<work>/<out>` against the S3 index, with its own Astro cache. */
      const build = (out: string, extra: Record<string, string> = {}) =>
        runAstroBuild(join(work, out), {
          ...s3.env,
          CASEBOOK_DB: db,
          CASEBOOK_CACHE_DIR: join(work, `${out}-cache`),
          CASEBOOK_REVIEW_CACHE: 'off',
          ...extra,
        });
      const writer = await timed('site build (astro build, embed beside it)', () => build('dist'));
      expect(writer).toMatch(/embed done in .*: 1\d added/);
      // The sample content: every review page lists its similar incidents from the index on S3.
      const pages = (await readdir(join(work, 'dist', 'reviews'), { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name);
      const sections = await Promise.all(
        pages.map(async (id) =>
          similarSection(await readFile(join(work, 'dist', 'reviews', id, 'index.html'), 'utf8')),
        ),
      );
      expect(sections.every((s) => s !== null)).toBe(true);
      expect(sections.filter((s) => s?.includes('similar-incidents__list')).length).toBeGreaterThan(
        pages.length / 2,
      );

      // A reader: CASEBOOK_BUILD_EMBED=0, a fresh Astro cache; it computes the same sections
      // from the same index and writes nothing to it.
      const versionsBefore = await s3Versions(db);
      const reader = await timed('site build on a reader (CASEBOOK_BUILD_EMBED=0)', () =>
        build('dist-reader', { CASEBOOK_BUILD_EMBED: '0' }),
      );
      expect(reader).not.toContain('embed done');
      for (const [i, id] of pages.entries())
        expect(
          similarSection(
            await readFile(join(work, 'dist-reader', 'reviews', id, 'index.html'), 'utf8'),
          ),
          id,
        ).toBe(sections[i]);
      expect(await s3Versions(db)).toEqual(versionsBefore);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }, 300_000);

  it('says the object store cannot be reached, naming the index, when nothing answers at AWS_ENDPOINT', async () => {
    const contentDir = await makeTopicContent(ids.slice(0, 1));
    // A port that was just free: nothing listens on it.
    const closed = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const db = `s3://${s3.bucket}/unreachable/casebook`;
    const options = s3.dbOptions
      .map((o) => (o.startsWith('aws_endpoint=') ? `aws_endpoint=http://127.0.0.1:${closed}` : o))
      .concat(['client_max_retries=0', 'client_retry_timeout=1s'])
      .flatMap((o) => ['--db-option', o]);
    const embed = await casebook(
      ['embed', '--content', contentDir, '--db', db, '--embedder', 'lexical', ...options],
      {},
    );
    expect(embed.code).toBe(3);
    expect(embed.err).toContain(
      `[INDEX_UNREADABLE]: cannot take the writer's lock on the index at ${db}`,
    );
    expect(embed.err).toContain('Check --db and the object store settings');
    expect(embed.err).not.toMatch(/unexpected error|\n\s+at /);
  }, 60_000);

  it('serves the same index to a second machine: a fresh process with an empty home and cache', async () => {
    const contentDir = await makeTopicContent();
    const db = `s3://${s3.bucket}/shared/casebook`;
    const built = await casebook(
      ['embed', '--content', contentDir, '--db', db, '--embedder', 'lexical'],
      s3.env,
    );
    expect(built.code, built.err).toBe(0);
    const notes = join(await mkdtemp(join(tmpdir(), 'casebook-notes-')), 'notes.md');
    await writeFile(notes, POOL_NOTES);
    const home = await mkdtemp(join(tmpdir(), 'casebook-second-machine-'));
    const { stdout } = await timed('match from a fresh process (second machine)', () =>
      promisify(execFile)(
        process.execPath,
        ['bin/casebook.mjs', 'match', notes, '--db', db, '--content', contentDir, '--json'],
        {
          cwd: REPO_ROOT,
          env: { PATH: process.env.PATH ?? '', HOME: home, TMPDIR: home, ...s3.env },
        },
      ),
    );
    expect((JSON.parse(stdout) as { id: string }[])[0]?.id).toBe(ids[0]);
  });

  it('lets two embeds write the same index at once without corrupting it: the second waits for the first', async () => {
    const contentDir = await makeTopicContent();
    const db = `s3://${s3.bucket}/concurrent/casebook`;
    const storageOptions = storageOptionsOf(s3.env);
    const messages: string[] = [];
    const run = (full: boolean) =>
      embedCorpus({
        contentDir,
        dbUri: db,
        storageOptions,
        embedder: 'lexical',
        full,
        io: captureIo(),
        progress: { info: (m) => messages.push(m), progress: () => {} },
        lock: { settleMs: 300, pollMs: 100 },
      });
    const [a, b] = await timed('two embeds at once (lease lock)', () =>
      Promise.all([run(false), run(true)]),
    );
    // Whichever ran first built the index (4 added); the other then re-embedded (full) or skipped all 4.
    const [firstRun, secondRun] = a.added === 4 ? [a, b] : [b, a];
    expect(firstRun.added).toBe(4);
    expect(secondRun.added).toBe(0);
    expect(secondRun.updated + secondRun.skipped).toBe(4);
    expect(messages.some((m) => m.includes('another embed is writing'))).toBe(true);

    const store = await IndexStore.open(db, { storageOptions });
    try {
      const table = (await store.chunks((await store.readMeta())!))!;
      const rows = (await table.query().select(['id', 'section']).toArray()) as {
        id: string;
        section: string;
      }[];
      // Exactly five sections per review: no review written twice, none lost.
      expect(rows).toHaveLength(20);
      expect(new Set(rows.map((r) => `${r.id}/${r.section}`)).size).toBe(20);
    } finally {
      store.close();
    }
  });
});
