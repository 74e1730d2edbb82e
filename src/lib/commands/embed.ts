/** `casebook embed`: embed every published review into the LanceDB similarity index. */
import type { Command } from '../cli/command.ts';
import { parseCommandArgs } from '../cli/args.ts';
import { contentDirOf, dbUriOf } from '../config.ts';
import { parseEmbedderKind, describeEmbedder } from '../search/embedder.ts';
import { embedCorpus } from '../search/embed.ts';

export const command: Command = {
  name: 'embed',
  summary: 'Embed published reviews into the LanceDB similarity index (incremental).',
  help: `Usage: casebook embed [--content <dir>] [--db <uri>] [--embedder auto|lexical|transformers] [--full] [--json]

Embeds each published review's five required sections into a LanceDB table, with a
full-text index on them; \`casebook match\` and the site's "Similar incidents" read it.
Incremental: unchanged reviews (same content hash) are skipped, changed ones re-embedded,
deleted ones removed. Switching embedder re-embeds everything, and says so.

Options:
  --content <dir>    content folder (default ./content, or CASEBOOK_CONTENT)
  --db <uri>         LanceDB URI (default .casebook/lancedb, or CASEBOOK_DB). Any LanceDB URI
                     works, e.g. s3://bucket/prefix or gs://bucket/prefix for a shared index
                     (credentials from the usual AWS_* / GOOGLE_* environment variables).
  --embedder <kind>  auto (default): the transformers.js model if it can be loaded without a
                     download, else the built-in lexical embedder; lexical; transformers
                     (downloads the model on a connected machine).
  --full             re-embed everything (and refit the lexical IDF)
  --json             print {"added","updated","skipped","removed","chunks","embedder","rebuilt"}
  -h, --help         show this help

Environment: CASEBOOK_MODEL_DIR (folder holding Xenova/all-MiniLM-L6-v2/), CASEBOOK_MODEL (model id).
Exit codes: 0 ok, 1 invalid reviews, 2 usage, 3 model unavailable.`,
  async run(args, io) {
    const { values } = parseCommandArgs('embed', args, {
      content: { type: 'string' },
      db: { type: 'string' },
      embedder: { type: 'string' },
      full: { type: 'boolean' },
      json: { type: 'boolean' },
    });
    const result = await embedCorpus({
      contentDir: contentDirOf(values.content, io),
      dbUri: dbUriOf(values.db, io),
      embedder: parseEmbedderKind(values.embedder, 'embed'),
      full: values.full,
      io,
    });
    if (values.json) io.stdout.write(JSON.stringify(result, null, 2) + '\n');
    else {
      io.stdout.write(
        `${result.added} added, ${result.updated} updated, ${result.skipped} skipped, ${result.removed} removed (${result.chunks} sections embedded with ${describeEmbedder(result.embedder)}).\n`,
      );
    }
    return 0;
  },
};
