/**
 * Loading the corpus: every file in `<content>/reviews/`, parsed into `Review`s, plus the
 * corpus-level checks (duplicate ids, `related` ids that exist). The site build, `check`,
 * `embed`, `match`, `draft`, `import` and `stats` all start here.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import pLimit from 'p-limit';
import { basename, extname, join, relative, resolve } from 'node:path';
import { textProblem } from '../files.ts';
import { editDistance, loadTaxonomy, nearestSlug, type FailureMode } from './taxonomy.ts';
import { parseReview, type Review } from './parse.ts';
import { sortProblems, type Problem } from './problems.ts';
import { reviewCacheKey, type ReviewCache } from './cache.ts';
import { CasebookError } from '../errors.ts';
import { unsafeNameReason } from './schema.ts';

export const REVIEWS_DIR = 'reviews';

export interface Corpus {
  /** Every review that passed validation, newest first. */
  reviews: Review[];
  /** Every problem found, sorted by file and line. */
  problems: Problem[];
  taxonomy: FailureMode[];
  /** The content folder it was loaded from. */
  contentDir: string;
}

export interface LoadOptions {
  /** Check only these files (the rest of the folder still counts for `related` and duplicate ids). */
  paths?: readonly string[] | undefined;
  /** Working directory that reported paths are relative to. */
  cwd?: string;
  /** Parsed-review cache (review/cache.ts): unchanged files are not parsed again. Saved at the end. */
  cache?: ReviewCache | undefined;
}

/**
 * Largest review file accepted: 2 MiB. The longest real reviews are well under 200 KB; above
 * this, logs or dumps were pasted in, and the site build would crawl.
 */
export const MAX_REVIEW_BYTES = 2 * 1024 * 1024;

/** Lists the files under `<content>/reviews`, recursively, skipping dotfiles. */
export async function listReviewFiles(contentDir: string): Promise<string[]> {
  return (await listReviewEntries(contentDir)).files;
}

/**
 * The regular files under `<content>/reviews` (recursively, no dotfiles), and apart from them
 * the symbolic links, which `check` rejects: the Astro build would follow them, so a linked
 * review would be published without being checked; and the other entries that look like reviews
 * but are not files (a folder named `x.md`, a named pipe, a socket), which `check` names rather
 * than skip in silence.
 */
async function listReviewEntries(
  contentDir: string,
): Promise<{ files: string[]; symlinks: string[]; others: { path: string; what: string }[] }> {
  const root = join(contentDir, REVIEWS_DIR);
  let entries;
  try {
    entries = await readdir(root, { recursive: true, withFileTypes: true });
  } catch {
    throw new CasebookError(
      'FILE_NOT_FOUND',
      `${root}: no reviews folder. Point --content at a folder that holds reviews/ and failure-modes.yaml.`,
    );
  }
  const pathOf = (e: (typeof entries)[number]) =>
    join(e.parentPath ?? (e as unknown as { path: string }).path, e.name);
  const visible = entries.filter((e) => !e.name.startsWith('.'));
  return {
    files: visible
      .filter((e) => e.isFile())
      .map(pathOf)
      .sort(),
    symlinks: visible
      .filter((e) => e.isSymbolicLink())
      .map(pathOf)
      .sort(),
    others: visible
      .filter(
        (e) =>
          !e.isFile() && !e.isSymbolicLink() && (!e.isDirectory() || extname(e.name) === '.md'),
      )
      .map((e) => ({ path: pathOf(e), what: entryKind(e) }))
      .sort((a, b) => a.path.localeCompare(b.path)),
  };
}

/** What a directory entry or stat result is, in words: "a folder", "a named pipe (FIFO)", … */
function entryKind(e: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isBlockDevice(): boolean;
  isCharacterDevice(): boolean;
}): string {
  if (e.isDirectory()) return 'a folder';
  if (e.isFIFO()) return 'a named pipe (FIFO)';
  if (e.isSocket()) return 'a socket';
  if (e.isBlockDevice() || e.isCharacterDevice()) return 'a device';
  return 'not a regular file';
}

/** The problem for a path in the reviews folder (or given to check) that is not a regular file. */
const notAFile = (path: string, what: string): Problem => ({
  path,
  line: 1,
  code: 'not-a-file',
  message: `is ${what}, not a review file. Reviews are regular .md files: remove it from ${REVIEWS_DIR}/ (or rename a folder so it does not end in .md).`,
});

/** Fails with one clear message when the content folder itself is missing (rather than "failure-modes.yaml: missing"). */
async function assertContentFolder(contentDir: string): Promise<void> {
  const info = await stat(contentDir).catch(() => null);
  if (!info?.isDirectory()) {
    throw new CasebookError(
      'FILE_NOT_FOUND',
      `content folder ${contentDir} ${info ? 'is not a folder' : 'does not exist'}. Pass --content <dir> (or set CASEBOOK_CONTENT) to a folder that holds reviews/ and failure-modes.yaml.`,
    );
  }
}

/**
 * The nearest review id, only when it plausibly is what the author meant: a few typos away, or
 * sharing at least half of the id's words (a misspelt "2020-01-01-nope" gets no suggestion).
 */
export function plausibleRelated(wanted: string, nearest: string | undefined): string | undefined {
  if (!nearest) return undefined;
  if (editDistance(wanted, nearest) <= Math.max(3, Math.floor(wanted.length / 3))) return nearest;
  const words = wanted.split('-').filter((w) => /[a-z]/.test(w));
  const theirs = new Set(nearest.split('-'));
  const shared = words.filter((w) => theirs.has(w)).length;
  return words.length > 0 && shared * 2 >= words.length ? nearest : undefined;
}

/** How many review files are read at once. */
const READ_CONCURRENCY = 32;

export const reviewIdOf = (path: string): string => basename(path, extname(path));

export async function loadCorpus(contentDir: string, options: LoadOptions = {}): Promise<Corpus> {
  const cwd = options.cwd ?? process.cwd();
  const show = (p: string) => relative(cwd, resolve(cwd, p)) || p;
  await assertContentFolder(contentDir);
  const taxonomy = await loadTaxonomy(contentDir);
  const slugs = taxonomy.map((m) => m.slug);
  const { files: folderFiles, symlinks, others } = await listReviewEntries(contentDir);
  const extra = (options.paths ?? [])
    .map((p) => resolve(cwd, p))
    .filter((p) => !folderFiles.includes(p) && !others.some((o) => resolve(o.path) === p));
  const files = [...folderFiles, ...extra];
  const selected = options.paths ? new Set(options.paths.map((p) => resolve(cwd, p))) : null;

  const problems: Problem[] = [];
  const reviews: Review[] = [];
  const ids = new Map<string, string[]>();
  const relatedChecks: { review: Review; text: string }[] = [];
  /** Lower-cased service name → its first spelling and file: names that differ only in case share one page. */
  const serviceSpellings = new Map<string, { name: string; path: string }>();

  for (const link of symlinks) {
    const path = show(link);
    if (selected && !selected.has(resolve(link))) continue;
    problems.push({
      path,
      line: 1,
      code: 'symlink',
      message: `is a symbolic link. Reviews must be regular files in ${REVIEWS_DIR}/ (the site build would publish a linked file unchecked): copy the file in place of the link, or move it here.`,
    });
  }

  for (const other of others) {
    if (selected && !selected.has(resolve(other.path))) continue;
    problems.push(notAFile(show(other.path), other.what));
  }

  // Read every review up front, a few files at a time (one at a time dominated large corpora).
  // Paths given on the command line are checked first: reading a named pipe would block forever.
  const limit = pLimit(READ_CONCURRENCY);
  const extraSet = new Set(extra);
  const readReview = async (file: string) => {
    if (extraSet.has(file)) {
      const info = await stat(file).catch(() => null);
      if (info && !info.isFile()) return { notFile: entryKind(info) };
    }
    return readFile(file).then(
      (bytes) => ({ bytes }),
      (error: NodeJS.ErrnoException) => ({ error }),
    );
  };
  const contents = await Promise.all(
    files.map((file) =>
      limit(() => (extname(file) === '.md' ? readReview(file) : Promise.resolve(null))),
    ),
  );
  for (const [index, file] of files.entries()) {
    const path = show(file);
    const reported = !selected || selected.has(resolve(file));
    const report = (p: Problem) => reported && problems.push(p);
    if (extname(file) !== '.md') {
      report({
        path,
        line: 1,
        code: 'not-markdown',
        message: `"${basename(file)}" is not a review: only .md files belong in ${REVIEWS_DIR}/. Move it out (images go in public/).`,
      });
      continue;
    }
    const read = contents[index];
    if (read && 'notFile' in read) {
      report(notAFile(path, read.notFile));
      continue;
    }
    if (!read || 'error' in read) {
      const code = read?.error.code;
      report({
        path,
        line: 1,
        code: 'not-text',
        message:
          code === 'ENOENT'
            ? 'no such file. Check the path.'
            : `cannot be read (${code}). Check its permissions.`,
      });
      continue;
    }
    const { bytes } = read;
    if (bytes.length > MAX_REVIEW_BYTES) {
      report({
        path,
        line: 1,
        code: 'too-large',
        message: `${bytes.length} bytes is over the ${MAX_REVIEW_BYTES / 1024 / 1024} MB limit for a review. Move logs, dumps and long listings out of it (link to them instead).`,
      });
      continue;
    }
    const notText = textProblem(bytes);
    if (notText) {
      report({
        path,
        line: 1,
        code: 'not-text',
        message:
          notText === 'binary'
            ? 'this is a binary file, not a Markdown review. Remove it from the reviews folder.'
            : 'the file is not valid UTF-8. Re-save it as UTF-8.',
      });
      continue;
    }
    const id = reviewIdOf(file);
    ids.set(id, [...(ids.get(id) ?? []), path]);
    const unsafe = unsafeNameReason(id);
    if (unsafe) {
      report({
        path,
        line: 1,
        code: 'unsafe-name',
        message: `review id "${id}" (the file name) ${unsafe}. Rename the file in lower-case kebab case, e.g. 2026-03-14-pgbouncer-pool-exhaustion.md.`,
      });
      continue;
    }
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const key = options.cache && reviewCacheKey(id, path, text, slugs);
    let result = key ? options.cache?.get(key) : undefined;
    if (!result) {
      result = parseReview(id, path, text, { failureModes: slugs });
      if (key) options.cache?.set(key, result);
    }
    result.problems.forEach(report);
    if (result.review) {
      for (const service of result.review.data.services) {
        const first = serviceSpellings.get(service.toLowerCase());
        if (!first) serviceSpellings.set(service.toLowerCase(), { name: service, path });
        else if (first.name !== service)
          report({
            path,
            line: lineOfText(text, service),
            code: 'name-collision',
            message: `service "${service}" is spelled "${first.name}" in ${first.path}; names that differ only in case share one page on the site. Use one spelling.`,
          });
      }
      reviews.push(result.review);
      if (reported) relatedChecks.push({ review: result.review, text });
    }
  }

  for (const [id, paths] of ids) {
    if (paths.length > 1) {
      for (const path of paths.slice(1)) {
        if (!selected || selected.has(resolve(cwd, path))) {
          problems.push({
            path,
            line: 1,
            code: 'duplicate-id',
            message: `duplicate review id "${id}": also used by ${paths[0]}. Rename one of the files.`,
          });
        }
      }
    }
  }
  const known = [...ids.keys()];
  for (const { review, text } of relatedChecks) {
    review.data.related.forEach((rel) => {
      if (ids.has(rel)) return;
      const near = plausibleRelated(
        rel,
        nearestSlug(
          rel,
          known.filter((k) => k !== review.id),
        ),
      );
      problems.push({
        path: review.path,
        line: lineOfText(text, rel),
        code: 'related-missing',
        message: `related review "${rel}" does not exist${near ? `; did you mean "${near}"?` : '.'} Use the file name of another review without .md.`,
      });
    });
  }
  await options.cache?.save();
  const invalid = new Set(problems.map((p) => p.path));
  return {
    reviews: reviews
      .filter((r) => !invalid.has(r.path))
      .sort((a, b) => b.data.date.getTime() - a.data.date.getTime() || a.id.localeCompare(b.id)),
    problems: sortProblems(problems),
    taxonomy,
    contentDir,
  };
}

function lineOfText(text: string, needle: string): number {
  const index = text.indexOf(needle);
  return index < 0 ? 1 : text.slice(0, index).split('\n').length;
}

/** Loads the corpus and throws CONTENT_INVALID listing every problem when any is found. */
export async function loadValidCorpus(
  contentDir: string,
  options: LoadOptions = {},
): Promise<Corpus> {
  const corpus = await loadCorpus(contentDir, options);
  if (corpus.problems.length) {
    const lines = corpus.problems.map((p) => `${p.path}:${p.line}: ${p.message}`);
    throw new CasebookError(
      'CONTENT_INVALID',
      `${corpus.problems.length} problem${corpus.problems.length > 1 ? 's' : ''} in ${contentDir}:\n${lines.join('\n')}\nRun \`npx casebook check\` after fixing them.`,
    );
  }
  return corpus;
}

/** Reviews visible on the site: published, in review and imported; drafts only when `includeDrafts`. */
export const publishedReviews = (reviews: readonly Review[], includeDrafts: boolean): Review[] =>
  reviews.filter((r) => includeDrafts || r.data.status !== 'draft');
