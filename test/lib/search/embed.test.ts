import { describe, expect, it } from 'vitest';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { captureIo } from '../../helpers/io.ts';
import { makeDbDir, makeTopicContent, topicMarkdown, TOPICS } from '../../helpers/search.ts';
import { makeTinyModel } from '../../helpers/tiny-model.ts';
import {
  embedCorpus,
  ftsNeedsRebuild,
  FTS_INCREMENTAL_MIN_ROWS,
  FTS_MAX_UNINDEXED_ROWS,
} from '../../../src/lib/search/embed.ts';
import { matchNotes } from '../../../src/lib/search/match.ts';
import { loadTransformersEmbedder } from '../../../src/lib/search/transformers.ts';
import { IndexStore } from '../../../src/lib/search/store.ts';
import { makeContent, reviewMarkdown } from '../../helpers/content.ts';

const ids = Object.keys(TOPICS);

async function indexedRows(dbUri: string) {
  const store = await IndexStore.open(dbUri);
  try {
    const meta = await store.readMeta();
    const table = meta ? await store.chunks(meta) : null;
    return table
      ? ((await table.query().select(['id', 'section', 'hash']).toArray()) as {
          id: string;
          section: string;
          hash: string;
        }[])
      : [];
  } finally {
    store.close();
  }
}

describe('embedCorpus', () => {
  it('embeds every published review as five section chunks and records the embedder', async () => {
    const contentDir = await makeTopicContent();
    const dbUri = await makeDbDir();
    const io = captureIo();
    const result = await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io });
    expect(result).toMatchObject({
      added: 4,
      updated: 0,
      skipped: 0,
      removed: 0,
      chunks: 20,
      embedder: { id: 'lexical', dimensions: 4096 },
    });
    const rows = await indexedRows(dbUri);
    expect(rows).toHaveLength(20);
    expect(new Set(rows.map((r) => r.section))).toEqual(
      new Set([
        'summary',
        'detailed mechanism',
        'contributing factors',
        'investigation path',
        'systemic factors',
      ]),
    );
    expect(io.err()).toMatch(/embed 4\/4 \(\d+\.\d+s\)/);
    expect(io.err()).toContain('4 added, 0 updated, 0 skipped, 0 removed');
    const store = await IndexStore.open(dbUri);
    const meta = await store.readMeta();
    store.close();
    expect(meta?.embedder).toEqual({
      id: 'lexical',
      model: 'hashed-tfidf-v1-d4096-b0.25',
      dimensions: 4096,
    });
    expect(JSON.parse(meta?.lexicalState ?? '{}').documents).toBe(20);
  });

  it('re-embeds only the edited review and skips the rest', async () => {
    const contentDir = await makeTopicContent();
    const dbUri = await makeDbDir();
    await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
    const before = await indexedRows(dbUri);
    const edited = ids[1]!;
    await writeFile(
      join(contentDir, 'reviews', `${edited}.md`),
      topicMarkdown(TOPICS[edited]!, 'The archiver also hit a throttling limit.'),
    );
    const io = captureIo();
    const result = await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io });
    expect(result).toMatchObject({ added: 0, updated: 1, skipped: 3, removed: 0, chunks: 5 });
    expect(io.err()).toContain('embed 1/1');
    expect(io.err()).not.toContain('re-embedding all');
    const after = await indexedRows(dbUri);
    const hashOf = (rows: typeof before, id: string) => rows.find((r) => r.id === id)?.hash;
    expect(hashOf(after, edited)).not.toBe(hashOf(before, edited));
    for (const id of ids.filter((i) => i !== edited))
      expect(hashOf(after, id)).toBe(hashOf(before, id));
    expect(after).toHaveLength(20);
  });

  it('finds an edited review by its new words after an incremental run', async () => {
    const contentDir = await makeTopicContent();
    const dbUri = await makeDbDir();
    await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
    const edited = ids[2]!;
    await writeFile(
      join(contentDir, 'reviews', `${edited}.md`),
      topicMarkdown(
        TOPICS[edited]!,
        'The OCSP stapling responder was unreachable from the frobnicator fleet.',
      ),
    );
    await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
    const store = await IndexStore.open(dbUri);
    try {
      // A small table: the full-text index is rebuilt, nothing is left to a flat pass.
      const table = (await store.chunks((await store.readMeta())!))!;
      expect(await store.unindexedRows(table, 'search')).toBe(0);
    } finally {
      store.close();
    }
    const hits = await matchNotes('frobnicators', { dbUri, contentDir, embedder: 'lexical' });
    expect(hits[0]?.id).toBe(edited);
  });

  it('rebuilds the full-text index on small tables, and on large ones only once many chunks are outside it', () => {
    expect(ftsNeedsRebuild(100, 5)).toBe(true);
    expect(ftsNeedsRebuild(FTS_INCREMENTAL_MIN_ROWS, 5)).toBe(false);
    expect(ftsNeedsRebuild(FTS_INCREMENTAL_MIN_ROWS, FTS_MAX_UNINDEXED_ROWS + 1)).toBe(true);
    expect(ftsNeedsRebuild(100, 0)).toBe(false);
  });

  it('skips everything when nothing changed', async () => {
    const contentDir = await makeTopicContent();
    const dbUri = await makeDbDir();
    await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
    const result = await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
    expect(result).toMatchObject({ added: 0, updated: 0, skipped: 4, removed: 0, chunks: 0 });
  });

  it('removes a deleted review from the index', async () => {
    const contentDir = await makeTopicContent();
    const dbUri = await makeDbDir();
    await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
    await rm(join(contentDir, 'reviews', `${ids[2]}.md`));
    const result = await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
    expect(result).toMatchObject({ added: 0, updated: 0, skipped: 3, removed: 1 });
    const rows = await indexedRows(dbUri);
    expect(rows.some((r) => r.id === ids[2])).toBe(false);
    const hits = await matchNotes('x509: certificate has expired on the edge proxy', {
      dbUri,
      contentDir,
      embedder: 'lexical',
    });
    expect(hits.map((h) => h.id)).not.toContain(ids[2]);
  });

  it('leaves drafts out of the index', async () => {
    const contentDir = await makeContent({
      'a-published.md': reviewMarkdown(),
      'b-draft.md': reviewMarkdown({ frontMatter: { status: 'draft' } }),
    });
    const dbUri = await makeDbDir();
    const result = await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
    expect(result.added).toBe(1);
    expect(new Set((await indexedRows(dbUri)).map((r) => r.id))).toEqual(new Set(['a-published']));
  });

  it('fails clearly, naming the file, when the corpus has problems', async () => {
    const contentDir = await makeContent({
      'bad.md': reviewMarkdown({ frontMatter: { severity: 'SEV9' } }),
    });
    await expect(
      embedCorpus({ contentDir, dbUri: await makeDbDir(), embedder: 'lexical', io: captureIo() }),
    ).rejects.toMatchObject({
      code: 'CONTENT_INVALID',
      message: expect.stringContaining('bad.md'),
    });
  });

  it('re-embeds everything when the embedder changes, says so, and never mixes vectors', async () => {
    const contentDir = await makeTopicContent();
    const dbUri = await makeDbDir();
    await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
    const model = await makeTinyModel();
    const tiny = await loadTransformersEmbedder({ model: model.modelId, modelDir: model.root });
    const io = captureIo();
    const result = await embedCorpus({ contentDir, dbUri, embedder: tiny, io });
    expect(result).toMatchObject({
      added: 0,
      updated: 4,
      skipped: 0,
      chunks: 20,
      embedder: { id: 'transformers', model: model.modelId, dimensions: model.dimensions },
    });
    expect(io.err()).toMatch(
      /re-embedding all 4 reviews: embedder switch from lexical .* to transformers \(casebook-test\/tiny-bert\), 8 dimensions/,
    );
    expect(await indexedRows(dbUri)).toHaveLength(20);
    await expect(
      matchNotes('pool exhausted', { dbUri, contentDir, embedder: 'lexical' }),
    ).rejects.toMatchObject({ code: 'INDEX_EMBEDDER_MISMATCH' });
    const hits = await matchNotes('pgbouncer pool connection exhausted', {
      dbUri,
      contentDir,
      embedder: tiny,
    });
    expect(hits[0]?.id).toBe(ids[0]);
    // auto opens the model the index was built with, from CASEBOOK_MODEL_DIR.
    const autoHits = await matchNotes('pgbouncer pool connection exhausted', {
      dbUri,
      contentDir,
      io: captureIo({ env: { CASEBOOK_MODEL_DIR: model.root } }),
    });
    expect(autoHits[0]?.id).toBe(ids[0]);
    const back = await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
    expect(back).toMatchObject({ updated: 4, embedder: { id: 'lexical' } });
  });

  it('refits the lexical IDF and re-embeds all once many reviews changed since the fit', async () => {
    const contentDir = await makeTopicContent([ids[0]!]);
    const dbUri = await makeDbDir();
    await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io: captureIo() });
    for (let i = 0; i < 11; i++)
      await writeFile(join(contentDir, 'reviews', `extra-${i}.md`), reviewMarkdown());
    const io = captureIo();
    const result = await embedCorpus({ contentDir, dbUri, embedder: 'lexical', io });
    expect(io.err()).toContain('vocabulary shift');
    expect(result).toMatchObject({ added: 11, updated: 1, chunks: 60 });
  });
});
