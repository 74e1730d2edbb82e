/**
 * The import pipeline: expand files and folders, read each input, parse it (Markdown or JSONL),
 * skip what was imported before (by URL, path or content hash; with `update`, refresh it unless edited
 * by hand since), map, write. One bad input never stops
 * the batch: it becomes a `failed` item with a message. Used by `casebook import`, the tests and
 * the benchmark.
 */
import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { assertWritableDir } from '../files.ts';
import { REVIEWS_DIR, reviewIdOf } from '../review/load.ts';
import { isCasebookError } from '../errors.ts';
import { loadTaxonomy } from '../review/taxonomy.ts';
import type { RelatedModes } from '../classify/index.ts';
import { blankTemplateReason, emptyDocumentReason } from './template.ts';
import { readSource, skipReason, type ImportFormat } from './read.ts';
import {
  contentHash,
  documentText,
  mapDocument,
  needsTextSuggestion,
  type MappingReport,
} from './map.ts';
import { alreadyImported, loadImportIndex, rememberImport, type SeenSource } from './dedupe.ts';
import {
  importStamp,
  renderImportedReview,
  rewriteImportedReview,
  writeImportedReview,
} from './write.ts';
import type { SourceFailure } from './source.ts';

export { IMPORT_FORMATS, type ImportFormat } from './read.ts';

/** Files skipped when walking a folder: README, CHANGELOG, LICENSE, CONTRIBUTING, in any case and extension. */
const FOLDER_DOCS = /^(readme|changelog|license|licence|contributing)(\.[a-z]+)?$/i;

export interface ImportOptions {
  /** Content folder to write into (`<contentDir>/reviews/`); its failure-modes.yaml is the taxonomy. */
  contentDir: string;
  format?: ImportFormat | undefined;
  publish?: boolean | undefined;
  /** Refresh reviews of sources imported before, unless edited by hand since (`--update`). */
  update?: boolean | undefined;
  /** The clock (date of last resort). */
  now: Date;
  /** Paths in the report are relative to this. */
  cwd: string;
  /** Called after each document, for progress output. */
  onItem?: (item: ImportItem, done: number) => void;
  /**
   * The similarity engine (`--db`): the failure modes of past reviews close to a document's
   * text, best first, already past the relevance cutoff. They rank the modes suggested from the
   * text; they never add a mode the text does not point at.
   */
  similar?: ((text: string) => Promise<readonly RelatedModes[]>) | undefined;
}

export interface ImportItem {
  /** The file, or `file:line` for a JSONL record. */
  source: string;
  outcome: 'imported' | 'updated' | 'skipped' | 'failed';
  /** Why it was skipped or failed; what an update did. */
  message?: string;
  /** What reading its file needed: an encoding other than UTF-8, a conversion ("read as HTML"). */
  notes?: string[];
  /** Why a source imported before was left alone, or refreshed. */
  reason?: 'already-imported' | 'source-changed' | 'hand-edited' | 'unstamped' | 'up-to-date';
  /** Imported or updated: the review id and file written. Skipped: the review file that already holds it. */
  id?: string;
  path?: string;
  report?: MappingReport;
}

export interface ImportSummary {
  /** Files read (or attempted). */
  files: number;
  /** Documents found (Markdown files + JSONL records), plus inputs that failed before parsing. */
  documents: number;
  imported: number;
  /** Reviews refreshed by `--update`. */
  updated: number;
  skipped: number;
  failed: number;
  /** Of the imported and updated: written as `published` (`--publish`, nothing missing). */
  published: number;
  /** Of the imported and updated: written as `imported` (something still missing, or no `--publish`). */
  incomplete: number;
  /** Required section → how many imported reviews have it as TODO. */
  todoSections: Record<string, number>;
  /** Field → how many imported reviews had it synthesised. */
  synthesised: Record<string, number>;
  /** Imported reviews with no failure-mode match (`unclassified`). */
  unclassified: number;
}

export interface ImportResult {
  items: ImportItem[];
  summary: ImportSummary;
}

async function expandInputs(
  inputs: readonly string[],
  cwd: string,
): Promise<{ files: string[]; failures: SourceFailure[]; skipped: SourceFailure[] }> {
  const files: string[] = [];
  const failures: SourceFailure[] = [];
  // Every file met in a folder is imported, skipped with a reason, or failed with a reason.
  const skipped: SourceFailure[] = [];
  const show = (p: string) => relative(cwd, p) || p;
  const walk = async (dir: string): Promise<void> => {
    const entries = await readdir(dir, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      // A folder's own documentation is not a postmortem (name such a file explicitly to import it).
      const path = join(dir, entry.name);
      if (entry.name.startsWith('.') || entry.name === 'node_modules') {
        skipped.push({
          label: show(path),
          message: `${show(path)}: skipped: ${entry.isDirectory() ? 'a hidden or dependency folder, not walked' : 'a hidden file'}. Name it explicitly to import it.`,
        });
        continue;
      }
      if (entry.isFile() && FOLDER_DOCS.test(entry.name)) {
        skipped.push({
          label: show(path),
          message: `${show(path)}: skipped: a folder's own documentation, not a postmortem. Name the file explicitly to import it.`,
        });
        continue;
      }
      if (entry.isDirectory()) await walk(path);
      else if (!entry.isFile()) continue;
      // Images, archives, office documents, code: skipped with what they are. Every other file,
      // extension-less ones too, is read and its format sniffed from the content.
      else if (skipReason(entry.name))
        skipped.push({
          label: show(path),
          message: `${show(path)}: skipped: ${skipReason(entry.name)}.`,
        });
      else files.push(path);
    }
  };
  for (const input of inputs) {
    const path = resolve(cwd, input);
    try {
      const info = await stat(path);
      if (!info.isDirectory()) files.push(path);
      else {
        const before = files.length + skipped.length + failures.length;
        await walk(path);
        if (files.length + skipped.length + failures.length === before)
          failures.push({
            label: input,
            message: `${show(path)}: an empty folder, nothing to import. Point import at the folder or files that hold the postmortems.`,
          });
      }
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      failures.push({
        label: input,
        message:
          code === 'ENOENT'
            ? `${input}: no such file or folder. Check the path.`
            : `${show(path)}: cannot be read (${code}). Check its permissions.`,
      });
    }
  }
  return { files, failures, skipped };
}

/** Imports every input; never throws for a bad input (only for a missing taxonomy or an unwritable content folder). */
export async function importInputs(
  inputs: readonly string[],
  options: ImportOptions,
): Promise<ImportResult> {
  const taxonomy = await loadTaxonomy(options.contentDir);
  await assertWritableDir(join(options.contentDir, REVIEWS_DIR));
  const index = await loadImportIndex(options.contentDir);
  // Review files written by this run: a source met twice in one run (the same URL in two records) keeps its first review.
  const writtenNow = new Set<string>();
  const items: ImportItem[] = [];
  // What reading the current file needed (an encoding, a conversion), on each of its items.
  let readNotes: string[] = [];
  const push = (item: ImportItem) => {
    if (readNotes.length) item.notes = readNotes;
    items.push(item);
    options.onItem?.(item, items.length);
  };
  const show = (p: string) => relative(options.cwd, p) || p;
  const { files, failures, skipped } = await expandInputs(inputs, options.cwd);
  for (const f of failures) push({ source: f.label, outcome: 'failed', message: f.message });
  for (const s of skipped) push({ source: s.label, outcome: 'skipped', message: s.message });

  for (const file of files) {
    const label = show(file);
    readNotes = [];
    let read;
    try {
      read = await readSource(file, label, options.format ?? 'auto');
    } catch (error) {
      if (!isCasebookError(error)) throw error;
      push({ source: label, outcome: 'failed', message: error.message });
      continue;
    }
    readNotes = read.notes;
    const documents = read.documents;
    for (const doc of documents) {
      if (!('hashText' in doc)) {
        push({ source: doc.label, outcome: 'failed', message: doc.message });
        continue;
      }
      const template = blankTemplateReason(doc) ?? emptyDocumentReason(doc);
      if (template) {
        push({ source: doc.label, outcome: 'skipped', message: template });
        continue;
      }
      const identity = { url: doc.meta.url, path: doc.label, hash: contentHash(doc.hashText) };
      const seen = alreadyImported(index, identity);
      if (seen && (!options.update || writtenNow.has(seen.file))) {
        push(leftAlone(doc.label, seen, show, writtenNow.has(seen.file)));
        continue;
      }
      const related =
        options.similar && needsTextSuggestion(doc, taxonomy)
          ? await options.similar(documentText(doc))
          : [];
      const mapped = mapDocument(doc, {
        taxonomy,
        now: options.now,
        publish: options.publish,
        related,
      });
      const text = renderImportedReview(mapped.frontMatter, mapped.body);
      if (seen) {
        push(await refreshImported(doc.label, seen, text, mapped.report, show));
        rememberImport(index, identity, seen.file);
        writtenNow.add(seen.file);
        continue;
      }
      const written = await writeImportedReview(options.contentDir, mapped.id, text, index.ids);
      index.ids.add(written.id);
      rememberImport(index, identity, written.path);
      writtenNow.add(written.path);
      push({
        source: doc.label,
        outcome: 'imported',
        id: written.id,
        path: show(written.path),
        report: mapped.report,
      });
    }
  }
  return { items, summary: summarise(items, files.length + failures.length) };
}

/** A source imported before (without `--update`, or earlier in this run): skipped, saying whether it changed since. */
function leftAlone(
  label: string,
  seen: SeenSource,
  show: (p: string) => string,
  inThisRun: boolean,
): ImportItem {
  const where = show(seen.file);
  if (inThisRun)
    return {
      source: label,
      outcome: 'skipped',
      reason: 'already-imported',
      path: where,
      message: `${label}: already imported in this run as ${where} (same ${seen.by}); the first one is kept, nothing written.`,
    };
  return seen.changed
    ? {
        source: label,
        outcome: 'skipped',
        reason: 'source-changed',
        path: where,
        message: `${label}: exists as ${where} (same ${seen.by}), and the source changed since; nothing written. Use --update to refresh it (a review edited by hand since import is never touched).`,
      }
    : {
        source: label,
        outcome: 'skipped',
        reason: 'already-imported',
        path: where,
        message: `${label}: already imported as ${where} (same ${seen.by}); nothing written.`,
      };
}

/** `--update`: rewrites the review of a source imported before, only while it is exactly what import wrote. */
async function refreshImported(
  label: string,
  seen: SeenSource,
  text: string,
  report: MappingReport,
  show: (p: string) => string,
): Promise<ImportItem> {
  const where = show(seen.file);
  const item = { source: label, path: where };
  let current: string;
  try {
    current = await readFile(seen.file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ...item,
      outcome: 'failed',
      message: `${label}: ${where} cannot be read (${code}); nothing written. Check its permissions.`,
    };
  }
  const stamp = importStamp(current);
  if (stamp === 'edited')
    return {
      ...item,
      outcome: 'skipped',
      reason: 'hand-edited',
      message: `${label}: ${where} was edited by hand since import; not touched.${seen.changed ? ' The source changed too: carry the change over by hand.' : ''}`,
    };
  if (stamp === 'unstamped')
    return {
      ...item,
      outcome: 'skipped',
      reason: 'unstamped',
      message: `${label}: ${where} has no import stamp (source.importedHash), so hand edits cannot be ruled out; not touched. Delete it and import again to replace it.`,
    };
  if (current === text)
    return {
      ...item,
      outcome: 'skipped',
      reason: 'up-to-date',
      message: `${label}: ${where} is up to date; nothing written.`,
    };
  await rewriteImportedReview(seen.file, text);
  return {
    ...item,
    outcome: 'updated',
    id: reviewIdOf(seen.file),
    report,
    message: `${label}: ${where} refreshed from the ${seen.changed ? 'changed ' : ''}source.`,
  };
}

/** Counts for the closing summary. */
function summarise(items: readonly ImportItem[], files: number): ImportSummary {
  const summary: ImportSummary = {
    files,
    documents: items.length,
    imported: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    published: 0,
    incomplete: 0,
    todoSections: {},
    synthesised: {},
    unclassified: 0,
  };
  for (const item of items) {
    summary[item.outcome]++;
    const r = item.report;
    if (!r) continue;
    if (r.status === 'published') summary.published++;
    else summary.incomplete++;
    for (const s of r.todoSections) summary.todoSections[s] = (summary.todoSections[s] ?? 0) + 1;
    for (const s of new Set(r.synthesised.map((x) => x.field)))
      summary.synthesised[s] = (summary.synthesised[s] ?? 0) + 1;
    if (r.failureModes.unclassified) summary.unclassified++;
  }
  return summary;
}
