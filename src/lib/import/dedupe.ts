/**
 * What has been imported already. A source is identified by its URL, else by its path (the
 * `source.importedFrom` label: a file, or `file:line` for a record), else by the hash of its
 * text (a file moved to another folder). Reads the front matter of every file with the shared
 * front-matter splitter (not `loadCorpus`), so a review that fails validation still counts.
 */
import { readFile } from 'node:fs/promises';
import { listReviewFiles, reviewIdOf } from '../review/load.ts';
import { splitFrontMatter } from '../review/frontmatter.ts';

/** Normalises a URL for matching: trimmed, lower-case scheme and host, no trailing slash. */
function urlKey(url: string): string {
  const trimmed = url.trim();
  try {
    const u = new URL(trimmed);
    return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}${u.hash}`;
  } catch {
    return trimmed.replace(/\/+$/, '');
  }
}

/** Normalises a source path for matching: forward slashes, no `./`, no doubled slashes. */
const pathKey = (path: string): string =>
  path
    .trim()
    .replace(/\\/g, '/')
    .replace(/\/{2,}/g, '/')
    .replace(/^(?:\.\/)+/, '');

/** One review file that came from an import. */
interface ImportedFile {
  /** The review file. */
  file: string;
  /** `source.contentHash`: the source text's hash when it was imported. */
  contentHash?: string;
}

export interface ImportIndex {
  /** URL key → the review file that came from it. */
  urls: Map<string, ImportedFile>;
  /** Source path key → the review file that came from it. */
  paths: Map<string, ImportedFile>;
  /** Content hash → the review file that came from it. */
  hashes: Map<string, ImportedFile>;
  /** Ids in use. */
  ids: Set<string>;
}

/**
 * A record inside a file (`export.jsonl:12`): its line number moves when records are added
 * above it, so it is never an identity; such records are known by URL or content hash.
 */
const isRecordLabel = (path: string): boolean => /:\d+$/.test(path.trim());

/** The identity of a source document. */
export interface SourceIdentity {
  url?: string | undefined;
  /** The path the report names it by (`file:line` for a record, which is not used as an identity). */
  path: string;
  /** sha256 of its text (`contentHash`). */
  hash: string;
}

/** Adds (or replaces) the review `file` as the import of `source`. */
export function rememberImport(index: ImportIndex, source: SourceIdentity, file: string): void {
  const entry: ImportedFile = { file, contentHash: source.hash };
  if (source.url?.trim()) index.urls.set(urlKey(source.url), entry);
  if (!isRecordLabel(source.path)) index.paths.set(pathKey(source.path), entry);
  index.hashes.set(source.hash, entry);
}

/** Builds the index from `<contentDir>/reviews` (empty when the folder does not exist yet). */
export async function loadImportIndex(contentDir: string): Promise<ImportIndex> {
  const index: ImportIndex = {
    urls: new Map(),
    paths: new Map(),
    hashes: new Map(),
    ids: new Set(),
  };
  let files: string[];
  try {
    files = await listReviewFiles(contentDir);
  } catch {
    return index;
  }
  for (const file of files) {
    index.ids.add(reviewIdOf(file));
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue;
    }
    const data = splitFrontMatter(text)?.data as { source?: Record<string, unknown> } | undefined;
    const source = data && typeof data === 'object' ? data.source : undefined;
    if (!source || typeof source !== 'object') continue;
    const field = (key: string): string | undefined => {
      const value = source[key];
      return typeof value === 'string' && value.trim() ? value.trim() : undefined;
    };
    const hash = field('contentHash');
    const entry: ImportedFile = { file, ...(hash ? { contentHash: hash } : {}) };
    const url = field('url');
    const path = field('importedFrom');
    if (url) index.urls.set(urlKey(url), entry);
    if (path && !isRecordLabel(path)) index.paths.set(pathKey(path), entry);
    if (hash) index.hashes.set(hash, entry);
  }
  return index;
}

/** Where a source was imported before, how it was recognised, and whether its text changed since. */
export interface SeenSource {
  file: string;
  by: 'url' | 'path' | 'content hash';
  /** The source's text differs from what was imported (a different content hash). */
  changed: boolean;
}

/** Where `source` was imported before (by URL, else path, else content hash), or undefined. */
export function alreadyImported(
  index: ImportIndex,
  source: SourceIdentity,
): SeenSource | undefined {
  const found: [SeenSource['by'], ImportedFile | undefined][] = [
    ['url', source.url?.trim() ? index.urls.get(urlKey(source.url)) : undefined],
    ['path', isRecordLabel(source.path) ? undefined : index.paths.get(pathKey(source.path))],
    ['content hash', index.hashes.get(source.hash)],
  ];
  for (const [by, entry] of found)
    if (entry) return { file: entry.file, by, changed: entry.contentHash !== source.hash };
  return undefined;
}
