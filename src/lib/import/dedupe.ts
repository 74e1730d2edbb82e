/**
 * What has been imported already: the `source.url` and `source.contentHash` of every review in
 * the content folder, so a re-import skips instead of writing a second copy. Reads the front
 * matter of every file with the shared front-matter splitter (not `loadCorpus`), so that a
 * review that currently fails validation still counts as imported.
 */
import { readFile } from 'node:fs/promises';
import { listReviewFiles, reviewIdOf } from '../review/load.ts';
import { splitFrontMatter } from '../review/frontmatter.ts';

/** Normalises a URL for matching: trimmed, lower-case scheme and host, no trailing slash. */
export function urlKey(url: string): string {
  const trimmed = url.trim();
  try {
    const u = new URL(trimmed);
    return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}${u.hash}`;
  } catch {
    return trimmed.replace(/\/+$/, '');
  }
}

export interface ImportIndex {
  /** URL key → the review file that came from it. */
  urls: Map<string, string>;
  /** Content hash → the review file that came from it. */
  hashes: Map<string, string>;
  /** Ids in use. */
  ids: Set<string>;
}

/** Builds the index from `<contentDir>/reviews` (empty when the folder does not exist yet). */
export async function loadImportIndex(contentDir: string): Promise<ImportIndex> {
  const index: ImportIndex = { urls: new Map(), hashes: new Map(), ids: new Set() };
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
    const data = splitFrontMatter(text)?.data as
      { source?: { url?: unknown; contentHash?: unknown } } | undefined;
    const source = data && typeof data === 'object' ? data.source : undefined;
    if (typeof source?.url === 'string' && source.url.trim())
      index.urls.set(urlKey(source.url), file);
    if (typeof source?.contentHash === 'string' && source.contentHash)
      index.hashes.set(source.contentHash, file);
  }
  return index;
}

/** Why a source is already imported (and where), or undefined. */
export function alreadyImported(
  index: ImportIndex,
  url: string | undefined,
  hash: string,
): { file: string; by: 'url' | 'content hash' } | undefined {
  const byUrl = url ? index.urls.get(urlKey(url)) : undefined;
  if (byUrl) return { file: byUrl, by: 'url' };
  const byHash = index.hashes.get(hash);
  return byHash ? { file: byHash, by: 'content hash' } : undefined;
}
