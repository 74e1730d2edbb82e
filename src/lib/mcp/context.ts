/**
 * What the MCP server serves: the corpus, loaded once at start-up with `loadCorpus` (the same
 * content folder and visibility rules as the CLI and the site), the in-memory full-text search,
 * and the similarity index, opened lazily at the first call that needs it and kept open.
 */
import type { Io } from '../cli/io.ts';
import { CasebookError } from '../errors.ts';
import { includeDrafts } from '../config.ts';
import { redactOptionsOf, type RedactOptions } from '../redact/index.ts';
import { loadCorpus, publishedReviews, type Corpus } from '../review/load.ts';
import type { Review } from '../review/parse.ts';
import { buildCatalog, type Catalog } from '../site/catalog.ts';
import { reviewHref } from '../site/format.ts';
import type { Matcher } from '../search/match.ts';
import type { Embedder, EmbedderKind } from '../search/embedder.ts';
import { ReviewSearch } from './search.ts';

export interface McpContextOptions {
  contentDir: string;
  dbUri: string;
  /** LanceDB storage options for an object-store `dbUri` (`storageOptionsOf`). */
  storageOptions?: Record<string, string> | undefined;
  /** Base URL of the published site (`--site`, `CASEBOOK_SITE`); results link to review pages when set. */
  site?: string | undefined;
  /** Embedder for queries (default `auto`: the one the index was built with). */
  embedder?: Embedder | EmbedderKind | undefined;
  io: Pick<Io, 'env' | 'cwd' | 'now'>;
  /** Where progress and errors are logged: stderr, never stdout (the protocol). */
  log: (line: string) => void;
  /** Opens the similarity index (tests inject one; default `openMatcher`). */
  openMatcher?: () => Promise<Matcher>;
}

export interface McpContext {
  corpus: Corpus;
  /** The reviews the site shows (drafts only with CASEBOOK_INCLUDE_DRAFTS=1), newest first. */
  reviews: Review[];
  catalog: Catalog;
  search: ReviewSearch;
  contentDir: string;
  dbUri: string;
  site?: string | undefined;
  now: () => Date;
  log: (line: string) => void;
  /**
   * Redaction settings (CASEBOOK_REDACT_PII): `notes` as for what `casebook draft` sends to the
   * model (an assistant's model reads every result); `output` for the pass over every result.
   */
  redaction: { notes: RedactOptions; output: RedactOptions };
  /** Absolute URL of a review page, when the site is configured. */
  urlOf(id: string): string | undefined;
  /** The open similarity index; opened at the first call (a failure is not cached). */
  matcher(): Promise<Matcher>;
  /** Closes the index if it was opened. */
  close(): Promise<void>;
}

/** Checks `--site` / `CASEBOOK_SITE`: an http(s) URL; returned without a trailing slash. */
export function parseSiteUrl(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    url = new URL('invalid:');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new CasebookError(
      'USAGE',
      `--site (or CASEBOOK_SITE) must be the http(s) URL the site is served from, e.g. https://casebook.example.com, got "${value}".`,
    );
  return url.href.replace(/\/+$/, '');
}

/** Loads the corpus and prepares the search; says on `log` what was loaded. */
export async function createMcpContext(options: McpContextOptions): Promise<McpContext> {
  const redaction = {
    notes: redactOptionsOf(options.io.env, 'api'),
    output: redactOptionsOf(options.io.env, 'local'),
  };
  const corpus = await loadCorpus(options.contentDir, { cwd: options.io.cwd });
  const reviews = publishedReviews(corpus.reviews, includeDrafts(options.io.env));
  const catalog = buildCatalog(reviews, corpus.taxonomy);
  const search = new ReviewSearch(reviews, corpus.taxonomy);
  const skipped = new Set(corpus.problems.map((p) => p.path)).size;
  options.log(
    `casebook mcp: loaded ${reviews.length} review${reviews.length === 1 ? '' : 's'} and ${corpus.taxonomy.length} failure modes from ${options.contentDir}` +
      (corpus.reviews.length > reviews.length
        ? ` (${corpus.reviews.length - reviews.length} draft${corpus.reviews.length - reviews.length === 1 ? '' : 's'} left out; CASEBOOK_INCLUDE_DRAFTS=1 includes drafts)`
        : '') +
      (skipped
        ? `; ${skipped} file${skipped === 1 ? '' : 's'} with problems left out (run \`casebook check\`)`
        : '') +
      `. Similarity index: ${options.dbUri} (opened at the first find_similar_incidents call).`,
  );
  const open =
    options.openMatcher ??
    (async () => {
      // openMatcher answers INDEX_MISSING for a local folder without an index before connecting,
      // so asking writes nothing.
      const { openMatcher } = await import('../search/match.ts');
      return openMatcher({
        dbUri: options.dbUri,
        storageOptions: options.storageOptions,
        contentDir: options.contentDir,
        embedder: options.embedder,
        io: options.io,
      });
    });
  let opened: Promise<Matcher> | undefined;
  return {
    corpus,
    reviews,
    catalog,
    search,
    contentDir: options.contentDir,
    dbUri: options.dbUri,
    site: options.site,
    now: options.io.now,
    log: options.log,
    redaction,
    urlOf: (id) => (options.site ? `${options.site}${reviewHref(id)}` : undefined),
    matcher() {
      if (!opened) {
        const started = Date.now();
        opened = open().then(
          (matcher) => {
            options.log(
              `casebook mcp: opened the similarity index ${options.dbUri} (${matcher.meta.embedder.id} embedder) in ${Date.now() - started} ms.`,
            );
            return matcher;
          },
          (error: unknown) => {
            opened = undefined;
            throw error;
          },
        );
      }
      return opened;
    },
    async close() {
      const current = opened;
      opened = undefined;
      if (current) (await current.catch(() => undefined))?.close();
    },
  };
}
