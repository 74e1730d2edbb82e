/**
 * kill -9 at any moment leaves the old index or the new one: `casebook embed` runs as a child
 * process and is killed (SIGKILL) at several points of a first build and of a full rebuild;
 * after each kill `match` works on the old index or says there is none yet (never a broken
 * one), and the next `embed` leaves a complete index.
 */
import { describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { captureIo } from '../../helpers/io.ts';
import { makeContent, REPO_ROOT } from '../../helpers/content.ts';
import { makeDbDir, topicMarkdown, TOPICS } from '../../helpers/search.ts';
import { runCli } from '../../../src/lib/cli/main.ts';
import { IndexStore } from '../../../src/lib/search/store.ts';

const REVIEWS = 100;
const topicIds = Object.keys(TOPICS);
const POOL_NOTES =
  'pgbouncer-payments out of server connections, cl_waiting climbing, payments-api retries without jitter';

/** 100 reviews: copies of the four topics under distinct ids. */
const makeBigContent = () =>
  makeContent(
    Object.fromEntries(
      Array.from({ length: REVIEWS }, (_, i) => {
        const id = topicIds[i % topicIds.length]!;
        return [`${id}-${String(i).padStart(4, '0')}.md`, topicMarkdown(TOPICS[id]!, `copy ${i}`)];
      }),
    ),
  );

/**
 * Runs `casebook embed` in a child process. With `kill`, it is killed with SIGKILL `delayMs`
 * after its stderr first matches `after` (e.g. the line saying every review is embedded, when
 * the writes begin); a run that ends first simply ends.
 */
function childEmbed(
  args: string[],
  kill?: { after: RegExp; delayMs: number },
): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/casebook.mjs', 'embed', ...args], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (kill && !timer && kill.after.test(stderr))
        timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stderr });
    });
  });
}

async function casebook(args: string[]) {
  const io = captureIo({ stdin: POOL_NOTES });
  const code = await runCli(args, io);
  return { code, out: io.out(), err: io.err() };
}

/** Rows of the current chunks table, as `id/section` keys. */
async function indexedKeys(db: string): Promise<string[]> {
  const store = await IndexStore.open(db);
  try {
    const table = (await store.chunks((await store.readMeta())!))!;
    const rows = (await table.query().select(['id', 'section']).toArray()) as {
      id: string;
      section: string;
    }[];
    return rows.map((r) => `${r.id}/${r.section}`);
  } finally {
    store.close();
  }
}

/** Kill points: milliseconds after every review is embedded, i.e. while the tables are written. */
const DELAYS_MS = [0, 400, 1500];
const EMBEDDED = new RegExp(`embed ${REVIEWS}/${REVIEWS} `);

describe('kill -9 during embed', () => {
  it('leaves the old index or the new one at every kill point of a full rebuild and of a first build', async () => {
    const contentDir = await makeBigContent();
    const base = ['--content', contentDir, '--embedder', 'lexical'];
    const outcomes: string[] = [];
    let killedWhileWriting = 0;
    // The rebuilds reuse one index: each heal leaves the complete index the next kill starts from.
    const rebuilt = await makeDbDir();
    expect((await childEmbed([...base, '--db', rebuilt])).code).toBe(0);

    for (const full of [true, false]) {
      for (const delayMs of DELAYS_MS) {
        const db = full ? rebuilt : await makeDbDir();
        const killed = await childEmbed([...base, '--db', db, ...(full ? ['--full'] : [])], {
          after: EMBEDDED,
          delayMs,
        });
        if (killed.signal === 'SIGKILL' && EMBEDDED.test(killed.stderr)) killedWhileWriting++;
        const match = await casebook(['match', '-', '--content', contentDir, '--db', db]);
        outcomes.push(
          `${full ? 'rebuild' : 'first build'} killed ${delayMs} ms after embedding (${killed.signal ?? `ended first, exit ${killed.code}`}): match exit ${match.code}`,
        );
        expect(match.err).not.toMatch(/unexpected error|INDEX_UNREADABLE/);
        if (full) expect(match.code, match.err).toBe(0);
        else expect([0, 3]).toContain(match.code);
        if (match.code === 3) expect(match.err).toContain('INDEX_MISSING');

        const healed = await casebook(['embed', '--content', contentDir, '--db', db, '--json']);
        expect(healed.code, healed.err).toBe(0);
        const keys = await indexedKeys(db);
        expect(keys).toHaveLength(REVIEWS * 5);
        expect(new Set(keys).size).toBe(REVIEWS * 5);
        const after = await casebook(['match', '-', '--content', contentDir, '--db', db, '--json']);
        expect(after.code, after.err).toBe(0);
        expect((JSON.parse(after.out) as { id: string }[])[0]?.id).toMatch(
          /^2025-01-10-pgbouncer-pool-exhaustion-/,
        );
      }
    }
    console.log(outcomes.join('\n'));
    // Most kills must land while the tables are being written, or the test proves little.
    expect(killedWhileWriting).toBeGreaterThanOrEqual(DELAYS_MS.length);
  }, 900_000);
});
