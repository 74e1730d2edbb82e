/** Building the Pagefind search index in-process, through Pagefind's Node API. */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import * as pagefindApi from 'pagefind';
import { CasebookError } from '../errors.ts';

export interface SearchIndexResult {
  /** HTML pages Pagefind indexed. */
  pages: number;
  /** Where the bundle was written (`<outDir>/pagefind`). */
  outputPath: string;
  /** Wall-clock seconds for indexing and writing. */
  seconds: number;
}

/** The Pagefind functions this module uses (injectable for tests). */
export type PagefindApi = Pick<typeof pagefindApi, 'createIndex' | 'close'>;

function failOn(step: string, errors: readonly string[] | undefined): void {
  if (errors && errors.length) {
    throw new CasebookError(
      'BUILD_FAILED',
      `Pagefind ${step} failed:\n${errors.join('\n')}\nThe search index was not written.`,
    );
  }
}

/** Indexes every HTML file under `outDir` and writes the bundle to `<outDir>/pagefind`. Always closes Pagefind. */
export async function buildSearchIndex(
  outDir: string,
  pagefind: PagefindApi = pagefindApi,
): Promise<SearchIndexResult> {
  const started = performance.now();
  try {
    const created = await pagefind.createIndex({ forceLanguage: 'en' });
    failOn('createIndex', created.errors);
    const index = created.index;
    if (!index)
      throw new CasebookError(
        'BUILD_FAILED',
        'Pagefind createIndex returned no index. Reinstall the pagefind package (npm ci).',
      );
    const added = await index.addDirectory({ path: outDir });
    failOn('addDirectory', added.errors);
    if (added.page_count === 0)
      throw new CasebookError(
        'BUILD_FAILED',
        `Pagefind found no pages with data-pagefind-body under ${outDir}. Check the build output.`,
      );
    const outputPath = join(outDir, 'pagefind');
    const written = await index.writeFiles({ outputPath });
    failOn('writeFiles', written.errors);
    return {
      pages: added.page_count,
      outputPath: written.outputPath || outputPath,
      seconds: (performance.now() - started) / 1000,
    };
  } finally {
    await pagefind.close();
  }
}

/** Total size in bytes of every file under `dir`. */
export async function directorySize(dir: string): Promise<number> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  let total = 0;
  for (const e of entries) {
    if (e.isFile()) total += (await stat(join(e.parentPath, e.name))).size;
  }
  return total;
}
