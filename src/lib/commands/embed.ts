/** `casebook embed`: embed every published review into the LanceDB similarity index. */
import { resolve } from 'node:path';
import { defineCommand } from '../cli/command.ts';
import { COMMON_OPTIONS, intOption } from '../cli/args.ts';
import { contentDirOf, dbUriOf } from '../config.ts';
import { parseEmbedderKind } from '../search/embedder.ts';
import { describeEmbedder } from '../search/embedding.ts';
import { embedCorpus, loadEmbedCorpus } from '../search/embed.ts';
import { storageOptionsOf } from '../search/store.ts';
import { corpusSimilarIncidents, similarFileText } from '../search/similar.ts';
import { assertAbsent, writeFileAtomic } from '../files.ts';

export const command = defineCommand({
  name: 'embed',
  summary: 'Embed published reviews into the LanceDB similarity index (incremental).',
  description: `Embeds each published review's five required sections into a LanceDB table, with a
full-text index on them; \`casebook match\` and the site's "Similar incidents" read it.
Incremental: unchanged reviews (same content hash) are skipped, changed ones re-embedded,
deleted ones removed. Switching embedder re-embeds everything, and says so. Any LanceDB URI
works as --db, e.g. s3://bucket/prefix, gs://bucket/prefix or az://container/prefix for a
shared index (credentials from the usual AWS_* / GOOGLE_* / AZURE_* environment variables, or
--db-option key=value).
An index that cannot be opened or read is rebuilt from the reviews into a new table and
swapped in, and a missing or damaged full-text index is rebuilt; the output says so. One
embed writes an index at a time: a second one waits for the first (--wait), then stops with
a message naming it.`,
  options: {
    content: COMMON_OPTIONS.content,
    db: COMMON_OPTIONS.db,
    'db-option': COMMON_OPTIONS['db-option'],
    embedder: {
      type: 'string',
      value: '<kind>',
      help: 'auto (default): the transformers.js model if it can be loaded without a\ndownload, else the built-in lexical embedder; lexical; transformers\n(downloads the model on a connected machine)',
    },
    full: { type: 'boolean', help: 're-embed everything (and refit the lexical IDF)' },
    wait: {
      type: 'string',
      value: '<seconds>',
      help: 'how long to wait for another embed writing the same index (default 300)',
    },
    'similar-out': {
      type: 'string',
      value: '<file>',
      help: 'then write every published review\'s "Similar incidents" to <file> as\nJSON (the site build does this while Astro bundles the pages); never\noverwrites a file',
    },
    json: COMMON_OPTIONS.json,
  },
  notes: `JSON: {"added", "updated", "skipped", "removed", "chunks", "embedder", "rebuilt"}
Environment: CASEBOOK_MODEL_DIR (folder holding Xenova/all-MiniLM-L6-v2/), CASEBOOK_MODEL (model id).`,
  exitCodes:
    '0 ok, 1 invalid reviews, 2 usage, 3 model unavailable or another embed still running.',
  async run({ values }, io) {
    const contentDir = contentDirOf(values.content, io);
    const dbUri = dbUriOf(values.db, io);
    const similarOut = values['similar-out'] && resolve(io.cwd, values['similar-out']);
    if (similarOut)
      await assertAbsent(similarOut, 'Pass another --similar-out.', values['similar-out']);
    // Loaded once for both passes.
    const corpus = similarOut ? await loadEmbedCorpus(contentDir, io) : undefined;
    const storageOptions = storageOptionsOf(io.env, values['db-option']);
    const result = await embedCorpus({
      corpus,
      contentDir,
      dbUri,
      storageOptions,
      embedder: parseEmbedderKind(values.embedder),
      full: values.full,
      lockWaitMs:
        values.wait === undefined ? undefined : intOption('wait', values.wait, 300) * 1000,
      io,
    });
    if (similarOut && corpus) {
      const started = Date.now();
      const similar = await corpusSimilarIncidents(corpus, {
        contentDir,
        dbUri,
        storageOptions,
        env: io.env,
        warn: (m) => io.stderr.write(`${m}\n`),
      });
      await writeFileAtomic(similarOut, similarFileText(similar));
      io.stderr.write(
        `similar incidents of ${similar.size} reviews in ${((Date.now() - started) / 1000).toFixed(1)}s → ${values['similar-out']}\n`,
      );
    }
    if (values.json) io.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else {
      io.stdout.write(
        `${result.added} added, ${result.updated} updated, ${result.skipped} skipped, ${result.removed} removed (${result.chunks} sections embedded with ${describeEmbedder(result.embedder)}).\n`,
      );
    }
    return 0;
  },
});
