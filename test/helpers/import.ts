/** Helpers for import tests: run the importer into a fresh content folder and read back what it wrote. */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { importInputs, type ImportItem, type ImportResult } from '../../src/lib/import/run.ts';
import { loadCorpus } from '../../src/lib/review/load.ts';
import type { Review } from '../../src/lib/review/parse.ts';
import { makeContent, REPO_ROOT } from './content.ts';

export const IMPORT_FIXTURES = join(REPO_ROOT, 'test', 'fixtures', 'import');
export const fixture = (name: string): string => join(IMPORT_FIXTURES, name);
const NOW = new Date('2026-11-28T12:00:00Z');

/** Imports `inputs` into `contentDir` (a new temp content folder when omitted). */
export async function runImport(
  inputs: string[],
  options: {
    contentDir?: string;
    publish?: boolean;
    update?: boolean;
    format?: 'auto' | 'markdown' | 'jsonl';
  } = {},
): Promise<ImportResult & { contentDir: string }> {
  const contentDir = options.contentDir ?? (await makeContent({}));
  const result = await importInputs(inputs, {
    contentDir,
    now: NOW,
    cwd: REPO_ROOT,
    publish: options.publish,
    update: options.update,
    format: options.format,
  });
  return { ...result, contentDir };
}

/** The imported review (via loadCorpus, the one document type) and its file text, for one item. */
export async function importedReview(
  contentDir: string,
  item: ImportItem | undefined,
): Promise<{ review: Review; text: string }> {
  if (!item?.path) throw new Error(`not imported: ${JSON.stringify(item)}`);
  const path = resolve(REPO_ROOT, item.path);
  const corpus = await loadCorpus(contentDir);
  const review = corpus.reviews.find((r) => resolve(r.path) === path || r.id === item.id);
  if (!review)
    throw new Error(
      `${item.path} did not load: ${corpus.problems.map((p) => p.message).join('; ')}`,
    );
  return { review, text: await readFile(path, 'utf8') };
}

/** The text of the file an import item wrote (paths in the report are relative to the repository root). */
export const readOutput = (item: ImportItem | undefined): Promise<string> =>
  readFile(resolve(REPO_ROOT, item?.path ?? ''), 'utf8');

/** The section text of a review by name ('' when absent). */
export const section = (review: Review, name: string): string =>
  review.sections.find((s) => s.heading === name)?.text ?? '';

/**
 * Non-empty source lines that do not appear in `output`, comparing with heading markers removed
 * (the importer re-levels headings, and names a mapped section in its own case), whitespace trimmed
 * and case ignored.
 */
export function missingLines(source: string, output: string): string[] {
  const strip = (line: string) =>
    line
      .replace(/^\s*#{1,6}\s+/, '')
      .trim()
      .toLowerCase();
  // Each source line must survive within ONE output line (a list marker, table cell or emphasis
  // around it is fine); matching against the whole document would let any short line pass.
  const outputLines = output.split('\n').map(strip).filter(Boolean);
  return source
    .split('\n')
    .map(strip)
    .filter((line) => line && line !== '---' && !outputLines.some((out) => out.includes(line)));
}
