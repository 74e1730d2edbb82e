/**
 * Writing an imported review into the content folder: atomic, never overwriting (a taken id gets
 * a `-2`, `-3`… suffix), stamped with `source.importedHash` so `import --update` can tell a file
 * import wrote from one edited by hand since.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { writeFileAtomic } from '../files.ts';
import { CasebookError, isCasebookError } from '../errors.ts';
import { REVIEWS_DIR } from '../review/load.ts';
import { renderReviewFile, type ReviewFileFrontMatter } from '../review/file.ts';

/** Stand-in for the stamp while the text it is computed from is rendered. */
const PENDING = 'f'.repeat(64);
/** The stamp's own line (under `source:`), quoted or not. */
const STAMP_LINE = /^[ \t]+importedHash:[ \t]*["']?([0-9a-f]{64})["']?[ \t]*\r?\n/m;

/** sha256 of a review file's text with the stamp line left out (line endings normalised). */
const stampOf = (text: string): string =>
  createHash('sha256').update(text.replace(STAMP_LINE, '').replace(/\r\n?/g, '\n')).digest('hex');

/** The review file as import writes it, with `source.importedHash` stamped in. */
export function renderImportedReview(
  frontMatter: ReviewFileFrontMatter & { source: NonNullable<ReviewFileFrontMatter['source']> },
  body: string,
): string {
  const text = renderReviewFile(
    { ...frontMatter, source: { ...frontMatter.source, importedHash: PENDING } },
    body,
  );
  return text.replace(`importedHash: ${PENDING}`, `importedHash: "${stampOf(text)}"`);
}

/**
 * Whether a review file is still exactly what import wrote: `as-imported`, `edited` (changed by
 * hand since), or `unstamped` (no `source.importedHash`: imported before stamps, or removed).
 */
export function importStamp(text: string): 'as-imported' | 'edited' | 'unstamped' {
  const stamp = STAMP_LINE.exec(text)?.[1];
  if (!stamp) return 'unstamped';
  return stampOf(text) === stamp ? 'as-imported' : 'edited';
}

/** Writes `<contentDir>/reviews/<id>.md`, choosing the first free id among `id`, `id-2`, `id-3`…; returns the id and path used. */
export async function writeImportedReview(
  contentDir: string,
  id: string,
  text: string,
  taken: ReadonlySet<string> = new Set(),
): Promise<{ id: string; path: string }> {
  for (let n = 1; n < 1000; n++) {
    const candidate = n === 1 ? id : `${id}-${n}`;
    if (taken.has(candidate)) continue;
    const path = join(contentDir, REVIEWS_DIR, `${candidate}.md`);
    try {
      await writeFileAtomic(path, text);
      return { id: candidate, path };
    } catch (error) {
      if (isCasebookError(error) && error.code === 'FILE_EXISTS') continue;
      throw error;
    }
  }
  throw new CasebookError(
    'IMPORT_FAILED',
    `no free file name for ${id}.md in ${join(contentDir, REVIEWS_DIR)} after 999 tries. Rename or remove some of the existing files.`,
  );
}

/** Replaces an imported review in place (atomically); the caller has checked `importStamp` is `as-imported`. */
export const rewriteImportedReview = (path: string, text: string): Promise<void> =>
  writeFileAtomic(path, text, { force: true });
