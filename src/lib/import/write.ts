/** Writing an imported review into the content folder: atomic, never overwriting (a taken id gets a `-2`, `-3`… suffix). */
import { join } from 'node:path';
import { writeFileAtomic } from '../files.ts';
import { CasebookError, isCasebookError } from '../errors.ts';
import { REVIEWS_DIR } from '../review/load.ts';

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
