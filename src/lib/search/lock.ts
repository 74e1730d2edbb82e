/**
 * One writer at a time: `embed` holds a lock on the index while it writes.
 *
 * - Local folder: a lock file `<db>/casebook-embed.lock` created exclusively (O_EXCL). It names
 *   the holder (pid, host, start); a holder on this host whose process is gone (kill -9), or one
 *   whose heartbeat is older than the lease, is stale and taken over.
 * - Object store (s3://, gs://, az://): there is no exclusive create, so the lock is a lease
 *   object — a one-row LanceDB table `casebook_lock` — written, left to settle, then read back:
 *   the writer that reads its own id back holds it. The holder renews the lease every third of
 *   its length; a lease not renewed in time is expired and may be taken.
 *
 * A second writer waits (saying who holds the lock) up to `waitMs`, then fails with
 * INDEX_LOCKED naming the holder. Readers (`match`, the site build) take no lock: every LanceDB
 * commit is atomic and a full rebuild swaps in a new table with one commit.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CasebookError, isCasebookError } from '../errors.ts';
import { isRemoteUri, IndexStore, lanceReason, type StoreOptions } from './store.ts';

export const LOCK_FILE = 'casebook-embed.lock';
const LOCK_TABLE = 'casebook_lock';

/** Who holds the lock. */
export interface LockHolder {
  owner: string;
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  since: string;
  /** Epoch ms of the last renewal. */
  heartbeat: number;
}

export interface LockOptions extends StoreOptions {
  /** How long to wait for another writer before failing (default 5 minutes). */
  waitMs?: number | undefined;
  /** A lease not renewed for this long is expired (default 60 s). */
  leaseMs?: number;
  /** Object stores: how long a written lease settles before it is read back (default 1.5 s). */
  settleMs?: number;
  /** Polling interval while waiting (default 500 ms). */
  pollMs?: number;
  /** Called once when the lock is busy and this run starts waiting. */
  onWait?: (holder: LockHolder, waitMs: number) => void;
  /** The clock (ms); tests pass their own. */
  now?: () => number;
}

export interface IndexLock {
  holder: LockHolder;
  release(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const describeHolder = (h: LockHolder): string =>
  `pid ${h.pid} on ${h.host}, since ${h.since}`;

/** Whether a process on this host is alive. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

const isStale = (h: LockHolder, now: number, leaseMs: number): boolean =>
  (h.host === hostname() && !processAlive(h.pid)) || now - h.heartbeat > leaseMs;

/** Takes the writer lock on the index at `uri`, waiting for another writer up to `waitMs`. */
export async function acquireIndexLock(uri: string, options: LockOptions = {}): Promise<IndexLock> {
  const backend = isRemoteUri(uri) ? leaseBackend(uri, options) : fileBackend(uri);
  const waitMs = options.waitMs ?? 5 * 60_000;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 500;
  const now = options.now ?? Date.now;
  const started = now();
  const me = (): LockHolder => ({
    owner: randomUUID(),
    pid: process.pid,
    host: hostname(),
    since: new Date(now()).toISOString(),
    heartbeat: now(),
  });
  let told = false;
  for (;;) {
    const current = await reachable(uri, backend.read());
    if (!current || isStale(current, now(), leaseMs)) {
      const mine = me();
      if (await reachable(uri, backend.take(mine, current))) {
        const timer = setInterval(
          () => void backend.renew({ ...mine, heartbeat: now() }).catch(() => {}),
          Math.max(leaseMs / 3, 50),
        );
        timer.unref();
        return {
          holder: mine,
          release: async () => {
            clearInterval(timer);
            await backend.release(mine);
          },
        };
      }
      continue;
    }
    if (now() - started >= waitMs)
      throw new CasebookError(
        'INDEX_LOCKED',
        `another \`casebook embed\` is writing the index at ${uri} (${describeHolder(current)}). ` +
          `Only one writer at a time: wait for it to finish and run embed again. If no embed is running, its lock is released once its lease of ${Math.round(leaseMs / 1000)} s has passed.`,
      );
    if (!told) options.onWait?.(current, waitMs);
    told = true;
    await sleep(pollMs);
  }
}

/**
 * The lock is the first thing an embed reads and writes: an index location that cannot be
 * reached (an object store that refuses the connection or the credentials, a folder that cannot
 * be written) is INDEX_UNREADABLE with LanceDB's or the system's reason, not a raw error.
 */
async function reachable<T>(uri: string, step: Promise<T>): Promise<T> {
  try {
    return await step;
  } catch (error) {
    if (isCasebookError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code && /^E[A-Z]+$/.test(code) ? code : lanceReason(error);
    throw new CasebookError(
      'INDEX_UNREADABLE',
      `cannot take the writer's lock on the index at ${uri} (${reason}). ` +
        (isRemoteUri(uri)
          ? 'Check --db and the object store settings: its address (AWS_ENDPOINT, AWS_ALLOW_HTTP for http://), credentials and region, or --db-option key=value.'
          : 'Check that --db (or CASEBOOK_DB) is a folder this user can write.'),
      { cause: error },
    );
  }
}

interface LockBackend {
  read(): Promise<LockHolder | null>;
  /** Tries to take the lock (replacing `stale` when given); true when this holder has it. */
  take(mine: LockHolder, stale: LockHolder | null): Promise<boolean>;
  renew(mine: LockHolder): Promise<void>;
  release(mine: LockHolder): Promise<void>;
}

const parseHolder = (text: string): LockHolder | null => {
  try {
    const h = JSON.parse(text) as Partial<LockHolder>;
    return typeof h.owner === 'string' && typeof h.pid === 'number' ? (h as LockHolder) : null;
  } catch {
    return null;
  }
};

/** The lock file in a local index folder. */
function fileBackend(uri: string): LockBackend {
  const dir = uri.replace(/^file:\/\//i, '');
  const path = join(dir, LOCK_FILE);
  const readRaw = () => readFile(path, 'utf8').catch(() => null);
  return {
    async read() {
      const text = await readRaw();
      if (text === null) return null;
      // A half-written lock (its writer was killed mid-write) reads as expired.
      return parseHolder(text) ?? { owner: '', pid: 0, host: '', since: '', heartbeat: 0 };
    },
    async take(mine, stale) {
      await mkdir(dir, { recursive: true });
      if (stale) {
        // Remove the stale lock only if it is still the one judged stale.
        const text = await readRaw();
        const still = text === null ? null : parseHolder(text);
        if (text !== null && (still?.owner ?? '') !== stale.owner) return false;
        await unlink(path).catch(() => {});
      }
      try {
        const handle = await open(path, 'wx');
        await handle.writeFile(JSON.stringify(mine));
        await handle.close();
        return true;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
        throw error;
      }
    },
    async renew(mine) {
      const current = parseHolder((await readRaw()) ?? '');
      if (current?.owner !== mine.owner) return;
      const tmp = `${path}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify(mine));
      await rename(tmp, path);
    },
    async release(mine) {
      const current = parseHolder((await readRaw()) ?? '');
      if (current?.owner === mine.owner) await unlink(path).catch(() => {});
    },
  };
}

/** The lease object on an object store: a one-row LanceDB table. */
function leaseBackend(uri: string, options: LockOptions): LockBackend {
  const settleMs = options.settleMs ?? 1500;
  const withStore = async <T>(fn: (store: IndexStore) => Promise<T>): Promise<T> => {
    const store = await IndexStore.open(uri, options);
    try {
      return await fn(store);
    } finally {
      store.close();
    }
  };
  const read = () =>
    withStore(async (store) => {
      const table = await store.openTable(LOCK_TABLE).catch(() => null);
      if (!table) return null;
      const rows = (await table
        .query()
        .toArray()
        .catch(() => [])) as { holder: string }[];
      return rows[0] ? parseHolder(rows[0].holder) : null;
    });
  const write = (mine: LockHolder) =>
    withStore(async (store) => {
      await store.db.createTable(LOCK_TABLE, [{ holder: JSON.stringify(mine) }], {
        mode: 'overwrite',
      });
    });
  return {
    read,
    async take(mine) {
      await write(mine);
      await sleep(settleMs);
      return (await read())?.owner === mine.owner;
    },
    async renew(mine) {
      if ((await read())?.owner === mine.owner) await write(mine);
    },
    async release(mine) {
      if ((await read())?.owner === mine.owner)
        await withStore((store) => store.dropTable(LOCK_TABLE));
    },
  };
}
