/**
 * The parsed-review cache: `parseReview` results keyed by a hash of everything they depend on
 * (the file's path and text, the taxonomy's slugs, and the source code of the parser), so that
 * `embed`, the site build's check and `casebook check` parse an unchanged review once between
 * them. It lives in one file per content folder (`.casebook/review-cache/<hash of the folder's
 * path>.bin` by default, so the site's content, a test's and a benchmark's never evict each
 * other; `CASEBOOK_REVIEW_CACHE=<file>` to use one given file, `CASEBOOK_REVIEW_CACHE=off` to
 * disable it), written atomically; it is never required: a missing, unreadable or outdated file
 * is ignored, and deleting it loses nothing. Saving keeps only the entries used in that run, so
 * the file never outgrows the corpus.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';
import { writeFileAtomic } from '../files.ts';
import type { Review } from './parse.ts';
import type { Problem } from './problems.ts';

/** What `parseReview` returns, as cached. */
interface CachedParse {
  review?: Review | undefined;
  problems: Problem[];
}

/** Default folder of the per-content-folder cache files, relative to the working directory. */
export const DEFAULT_REVIEW_CACHE_DIR = '.casebook/review-cache';

/** Bumped when the stored layout changes. */
const FORMAT = 1;

interface Stored {
  format: number;
  /** Hash of the code that produced the entries. */
  code: string;
  /** Key → the serialised parse (deserialising gives every reader its own copy). */
  entries: Map<string, Buffer>;
}

const codeHashes = new Map<string, Promise<string | null>>();

/**
 * The src/lib folder: beside this module, or (inside a bundle such as Astro's prerender
 * chunks, where this module is not at its source path) `<cwd>/src/lib`. Null when neither holds
 * this module's source. Always without a trailing separator, so both ways give the same hash.
 */
async function findLibDir(cwd: string, moduleUrl: string): Promise<string | null> {
  const candidates = [fileURLToPath(new URL('../', moduleUrl)), join(cwd, 'src', 'lib')];
  for (const dir of candidates) {
    if (
      await stat(join(dir, 'review', 'cache.ts')).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return resolve(dir);
  }
  return null;
}

/** Modules whose code decides a parse: `parseReview`'s module and everything it imports. */
const PARSE_ENTRY = 'review/parse.ts';

/** Relative imports of a module's source (`from './x.ts'`, `import './y.ts'`, `import('./z.ts')`). */
const relativeImports = (source: string): string[] =>
  [...source.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] as string);

/**
 * A hash of the source of `parseReview` and every module it imports, transitively (the parser,
 * the schema, the Markdown module...): a change to any of them invalidates every entry, while
 * edits elsewhere in src/lib keep the cache. Null when the sources cannot be found or read
 * (then the cache is not used at all). `moduleUrl` is where this module runs from (a bundle
 * chunk during `astro build`); the hash is the same wherever that is.
 */
export function libCodeHash(
  cwd = process.cwd(),
  moduleUrl: string = import.meta.url,
): Promise<string | null> {
  const compute = async () => {
    try {
      const libDir = await findLibDir(cwd, moduleUrl);
      if (!libDir) return null;
      const seen = new Set<string>();
      const queue = [join(libDir, PARSE_ENTRY)];
      const hash = createHash('sha256');
      while (queue.length) {
        const file = queue.shift() as string;
        if (seen.has(file)) continue;
        seen.add(file);
        const source = await readFile(file, 'utf8');
        hash.update(relative(libDir, file)).update('\u0000').update(source);
        for (const spec of relativeImports(source))
          if (spec.endsWith('.ts')) queue.push(join(dirname(file), spec));
      }
      return hash.digest('hex');
    } catch {
      return null;
    }
  };
  const key = `${cwd}\u0000${moduleUrl}`;
  let hash = codeHashes.get(key);
  if (!hash) codeHashes.set(key, (hash = compute()));
  return hash;
}

/** The key of one file's parse: its id, path, text and the known failure modes. */
export function reviewCacheKey(
  id: string,
  path: string,
  text: string,
  failureModes: readonly string[],
): string {
  return createHash('sha256')
    .update(`${id}\u0000${path}\u0000${failureModes.join(',')}\u0000`)
    .update(text)
    .digest('base64url');
}

/** An open cache: look up and record parses, then `save()` once. */
export interface ReviewCache {
  /** A cached parse, or undefined. Every call returns a fresh copy, safe to mutate. */
  get(key: string): CachedParse | undefined;
  /** Records a parse made in this run. */
  set(key: string, value: CachedParse): void;
  /** Entries found in the file when it was opened. */
  readonly loaded: number;
  /** Lookups answered from the file in this run. */
  readonly hits: number;
  /** Writes the entries used in this run (when anything changed). Never throws. */
  save(): Promise<void>;
}

/**
 * Where the cache of `contentDir` lives in this environment: CASEBOOK_REVIEW_CACHE when it names
 * a file, else one file per content folder under DEFAULT_REVIEW_CACHE_DIR; null when it is `off`.
 */
export function reviewCachePath(
  io: { env: Record<string, string | undefined>; cwd: string },
  contentDir: string,
): string | null {
  const setting = io.env.CASEBOOK_REVIEW_CACHE;
  if (setting === 'off') return null;
  if (setting) return resolve(io.cwd, setting);
  const folder = createHash('sha256').update(resolve(io.cwd, contentDir)).digest('hex');
  return resolve(io.cwd, DEFAULT_REVIEW_CACHE_DIR, `${folder.slice(0, 16)}.bin`);
}

/** Opens the cache file at `path` (a missing or unusable file gives an empty cache). */
export async function openReviewCache(path: string, code?: string | null): Promise<ReviewCache> {
  const version = code === undefined ? await libCodeHash() : code;
  let stored: Map<string, Buffer> = new Map();
  if (version) {
    try {
      const data = deserialize(await readFile(path)) as Partial<Stored>;
      if (data.format === FORMAT && data.code === version && data.entries instanceof Map)
        stored = data.entries;
    } catch {
      // missing, truncated or from another Node version: start empty
    }
  }
  const used = new Map<string, Buffer>();
  let hits = 0;
  let changed = false;
  return {
    get(key) {
      const value = stored.get(key);
      if (!value) return undefined;
      hits++;
      used.set(key, value);
      return deserialize(value) as CachedParse;
    },
    set(key, value) {
      used.set(key, serialize(value));
      changed = true;
    },
    get loaded() {
      return stored.size;
    },
    get hits() {
      return hits;
    },
    async save() {
      if (!version || (!changed && used.size === stored.size)) return;
      try {
        const data: Stored = { format: FORMAT, code: version, entries: used };
        await writeFileAtomic(path, serialize(data), { force: true });
      } catch {
        // a cache that cannot be written is only a slower next run
      }
    },
  };
}

/** The cache of `contentDir` in this environment (`reviewCachePath`), or undefined when it is off. */
export async function reviewCacheFor(
  io: { env: Record<string, string | undefined>; cwd: string },
  contentDir: string,
): Promise<ReviewCache | undefined> {
  const path = reviewCachePath(io, contentDir);
  return path ? openReviewCache(path, await libCodeHash(io.cwd)) : undefined;
}
