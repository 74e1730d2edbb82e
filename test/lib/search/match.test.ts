import { beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { captureIo } from '../../helpers/io.ts';
import { SAMPLE_CONTENT } from '../../helpers/content.ts';
import { makeDbDir, makeTopicContent, TOPICS } from '../../helpers/search.ts';
import { embedCorpus } from '../../../src/lib/search/embed.ts';
import { matchNotes } from '../../../src/lib/search/match.ts';

const ids = Object.keys(TOPICS);

describe('matchNotes', () => {
  let contentDir = '';
  let dbUri = '';
  beforeAll(async () => {
    contentDir = await makeTopicContent();
    dbUri = await makeDbDir();
    await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
  });

  it('ranks the review with the same mechanism first and explains why', async () => {
    const hits = await matchNotes(
      'Kafka consumers keep leaving the group: max.poll.interval.ms exceeded, rebalance loop, lag growing',
      { dbUri, contentDir },
    );
    expect(hits[0]).toMatchObject({
      id: ids[3],
      failureModes: ['consumer-rebalance-storm'],
      services: ['order-events'],
      severity: 'SEV2',
      date: '2025-06-02',
    });
    expect(hits[0]?.score).toBeGreaterThan(hits[1]?.score ?? 0);
    expect(hits[0]?.matchedSections.length).toBeGreaterThan(0);
    expect(hits[0]?.snippets).toHaveLength(hits[0]!.matchedSections.length);
    expect(hits[0]?.snippets[0]).toContain('max.poll.interval.ms');
  });

  it('returns at most k reviews, each once', async () => {
    // Two reviews share at least two of these words: a retry storm and a rebalance loop storm.
    const hits = await matchNotes('storm loop retries clients', { dbUri, contentDir, k: 2 });
    expect(hits).toHaveLength(2);
    expect(new Set(hits.map((h) => h.id)).size).toBe(2);
  });

  it('filters by service', async () => {
    // Both the pgbouncer and the edge review say clients failed; only one is on edge-proxy.
    const hits = await matchNotes('clients failed, certificate expired, pool exhaustion', {
      dbUri,
      contentDir,
      service: 'edge-proxy',
    });
    expect(hits.map((h) => h.id)).toEqual([ids[2]]);
  });

  it('filters by date', async () => {
    expect(
      await matchNotes('disk full', { dbUri, contentDir, since: new Date('2025-06-03') }),
    ).toEqual([]);
    expect(
      (await matchNotes('disk full', { dbUri, contentDir, since: new Date('2025-06-02') }))[0]?.id,
    ).toBe(ids[1]);
  });

  it('says to run embed when there is no index', async () => {
    await expect(
      matchNotes('pool', { dbUri: await makeDbDir(), contentDir }),
    ).rejects.toMatchObject({
      code: 'INDEX_MISSING',
      message: expect.stringContaining('run `casebook embed'),
    });
  });

  it('says to run embed for an existing empty folder, and writes nothing into it', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'casebook-empty-db-'));
    await expect(matchNotes('pool', { dbUri: empty, contentDir })).rejects.toMatchObject({
      code: 'INDEX_MISSING',
      message: expect.stringContaining(`no similarity index at ${empty}`),
    });
    expect(await readdir(empty)).toEqual([]);
  });

  it('rejects empty notes', async () => {
    await expect(matchNotes('  \n ', { dbUri, contentDir })).rejects.toMatchObject({
      code: 'INPUT_EMPTY',
    });
  });

  it('rejects a transformers request against a lexical index', async () => {
    await expect(
      matchNotes('pool', { dbUri, contentDir, embedder: 'transformers' }),
    ).rejects.toMatchObject({
      code: 'INDEX_EMBEDDER_MISMATCH',
      message: expect.stringContaining('lexical'),
    });
  });
});

describe('matchNotes on the sample corpus', () => {
  it('ranks the pgbouncer pool-exhaustion review first for notes describing pool exhaustion', async () => {
    const dbUri = await makeDbDir();
    await embedCorpus({ contentDir: SAMPLE_CONTENT, dbUri, embedder: 'lexical', io: captureIo() });
    const notes = `payments-api is returning 503s on /v2/authorize. pgbouncer shows cl_waiting climbing and
clients stuck waiting for a server connection; the pool looks exhausted. Retries from the service are piling on.`;
    const hits = await matchNotes(notes, { dbUri, contentDir: SAMPLE_CONTENT });
    expect(hits[0]?.id).toContain('pgbouncer-pool-exhaustion');
    expect(hits[0]?.failureModes).toContain('connection-pool-exhaustion');
  });

  it('returns the first k of one list for any k up to 10: the cutoff and the labels do not change with k', async () => {
    const dbUri = await makeDbDir();
    await embedCorpus({ contentDir: SAMPLE_CONTENT, dbUri, embedder: 'lexical', io: captureIo() });
    // Vague notes that touch many reviews a little: the case where the cutoff moved with k.
    const notes =
      'pods restarted, memory climbing, timeouts and retries, disk filling up, certificate warnings, lag';
    const brief = (h: { id: string; strength?: string }) => `${h.id} ${h.strength}`;
    const ten = (await matchNotes(notes, { dbUri, contentDir: SAMPLE_CONTENT, k: 10 })).map(brief);
    expect(ten.length).toBeGreaterThan(3);
    for (const k of [1, 2, 3, 5, 7]) {
      const some = await matchNotes(notes, { dbUri, contentDir: SAMPLE_CONTENT, k });
      expect(some.map(brief)).toEqual(ten.slice(0, k));
    }
  });
});

describe('matchNotes relevance', () => {
  let contentDir = '';
  let dbUri = '';
  beforeAll(async () => {
    contentDir = await makeTopicContent();
    dbUri = await makeDbDir();
    await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
  });

  it('finds no close match for gibberish notes', async () => {
    expect(await matchNotes('asdfghjk', { dbUri, contentDir })).toEqual([]);
    expect(await matchNotes('the quick brown fox', { dbUri, contentDir })).toEqual([]);
  });

  it('labels a close match and names the matched words and their section', async () => {
    const [hit] = await matchNotes('pg_wal volume full, ENOSPC on writes', { dbUri, contentDir });
    expect(hit?.id).toBe(ids[1]);
    expect(hit?.strength).toBe('strong');
    expect(hit?.matchedTerms).toContain('enospc');
    expect(hit?.why).toMatch(/^Matched “.*enospc.*” in /);
  });
});
