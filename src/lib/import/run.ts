/**
 * The import pipeline: expand files and folders, read each input, parse it (Markdown or JSONL),
 * skip what was imported before (by URL or content hash), map, write. One bad input never stops
 * the batch: it becomes a `failed` item with a message. Used by `casebook import`, the tests and
 * the benchmark.
 */
import { readdir, stat } from 'node:fs/promises';
import { extname, join, relative, resolve } from 'node:path';
import { assertWritableDir, readTextInput, stripControlChars } from '../files.ts';
import { redact } from '../redact/index.ts';
import { REVIEWS_DIR } from '../review/load.ts';
import { isCasebookError } from '../errors.ts';
import { loadTaxonomy } from '../review/taxonomy.ts';
import { parseMarkdownSource } from './markdown.ts';
import { blankTemplateReason } from './template.ts';
import { parseJsonlSources } from './jsonl.ts';
import { contentHash, mapDocument, type MappingReport } from './map.ts';
import { renderReviewFile } from '../review/file.ts';
import { alreadyImported, loadImportIndex, urlKey } from './dedupe.ts';
import { writeImportedReview } from './write.ts';
import type { SourceDocument, SourceFailure } from './source.ts';

export const IMPORT_FORMATS = ['auto', 'markdown', 'jsonl'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

const MARKDOWN_EXT = new Set(['.md', '.markdown', '.mdx', '.txt']);
const JSONL_EXT = new Set(['.jsonl', '.ndjson']);
/** Files skipped when walking a folder: README, CHANGELOG, LICENSE, CONTRIBUTING, in any case and extension. */
const FOLDER_DOCS = /^(readme|changelog|license|licence|contributing)(\.[a-z]+)?$/i;
/** Largest input file read (bytes). */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

export interface ImportOptions {
  /** Content folder to write into (`<contentDir>/reviews/`); its failure-modes.yaml is the taxonomy. */
  contentDir: string;
  format?: ImportFormat | undefined;
  publish?: boolean | undefined;
  /** The clock (date of last resort). */
  now: Date;
  /** Paths in the report are relative to this. */
  cwd: string;
  /** Called after each document, for progress output. */
  onItem?: (item: ImportItem, done: number) => void;
}

export interface ImportItem {
  /** The file, or `file:line` for a JSONL record. */
  source: string;
  outcome: 'imported' | 'skipped' | 'failed';
  /** Why it was skipped or failed. */
  message?: string;
  /** Imported: the review id and file written. Skipped: the review file that already holds it. */
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
  skipped: number;
  failed: number;
  published: number;
  drafts: number;
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
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      // A folder's own documentation is not a postmortem (name such a file explicitly to import it).
      const path = join(dir, entry.name);
      if (entry.isFile() && FOLDER_DOCS.test(entry.name)) {
        skipped.push({
          label: show(path),
          message: `${show(path)}: skipped: a folder's own documentation, not a postmortem. Name the file explicitly to import it.`,
        });
        continue;
      }
      const ext = extname(entry.name).toLowerCase();
      if (entry.isDirectory()) await walk(path);
      else if (!entry.isFile()) continue;
      // Extension-less files ("PM2022-009 - Bad AMI") are read as Markdown when they are text.
      else if (MARKDOWN_EXT.has(ext) || JSONL_EXT.has(ext) || !/^\.[a-z0-9]{1,5}$/.test(ext))
        files.push(path);
      else
        skipped.push({
          label: show(path),
          message: `${show(path)}: skipped: "${ext}" files are not read by import (it reads Markdown, text and JSONL). Convert it to Markdown, or pass --format markdown with the file named explicitly.`,
        });
    }
  };
  for (const input of inputs) {
    const path = resolve(cwd, input);
    try {
      const info = await stat(path);
      if (info.isDirectory()) await walk(path);
      else files.push(path);
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

/** The format of one file: the flag, else the extension, else a sniff of the first character. */
function formatOf(path: string, text: string, flag: ImportFormat): 'markdown' | 'jsonl' {
  if (flag !== 'auto') return flag;
  const ext = extname(path).toLowerCase();
  if (JSONL_EXT.has(ext)) return 'jsonl';
  if (MARKDOWN_EXT.has(ext)) return 'markdown';
  return text.trimStart().startsWith('{') ? 'jsonl' : 'markdown';
}

/** Imports every input; never throws for a bad input (only for a missing taxonomy or an unwritable content folder). */
export async function importInputs(
  inputs: readonly string[],
  options: ImportOptions,
): Promise<ImportResult> {
  const taxonomy = await loadTaxonomy(options.contentDir);
  await assertWritableDir(join(options.contentDir, REVIEWS_DIR));
  const index = await loadImportIndex(options.contentDir);
  const items: ImportItem[] = [];
  const push = (item: ImportItem) => {
    items.push(item);
    options.onItem?.(item, items.length);
  };
  const show = (p: string) => relative(options.cwd, p) || p;
  const { files, failures, skipped } = await expandInputs(inputs, options.cwd);
  for (const f of failures) push({ source: f.label, outcome: 'failed', message: f.message });
  for (const s of skipped) push({ source: s.label, outcome: 'skipped', message: s.message });

  for (const file of files) {
    const label = show(file);
    let text: string;
    try {
      text = (await readTextInput(file, { maxBytes: MAX_IMPORT_BYTES })).text;
    } catch (error) {
      if (!isCasebookError(error)) throw error;
      push({ source: label, outcome: 'failed', message: error.message });
      continue;
    }
    // Control characters (raw or as JSON escapes) never reach a review; secrets never land in content/.
    const jsonl = formatOf(file, text, options.format ?? 'auto') === 'jsonl';
    text = (await redact(stripControlChars(text, { json: jsonl }).text)).text;
    const documents: (SourceDocument | SourceFailure)[] = [];
    if (formatOf(file, text, options.format ?? 'auto') === 'jsonl') {
      const parsed = parseJsonlSources(text, label);
      documents.push(...parsed.documents, ...parsed.failures);
      documents.sort((a, b) => lineOf(a.label) - lineOf(b.label));
    } else {
      documents.push(parseMarkdownSource(text, label));
    }
    for (const doc of documents) {
      if (!('hashText' in doc)) {
        push({ source: doc.label, outcome: 'failed', message: doc.message });
        continue;
      }
      const template = blankTemplateReason(doc);
      if (template) {
        push({ source: doc.label, outcome: 'skipped', message: template });
        continue;
      }
      const hash = contentHash(doc.hashText);
      const seen = alreadyImported(index, doc.meta.url, hash);
      if (seen) {
        push({
          source: doc.label,
          outcome: 'skipped',
          path: show(seen.file),
          message: `${doc.label}: already imported as ${show(seen.file)} (same ${seen.by}); nothing written.`,
        });
        continue;
      }
      const mapped = mapDocument(doc, { taxonomy, now: options.now, publish: options.publish });
      const written = await writeImportedReview(
        options.contentDir,
        mapped.id,
        renderReviewFile(mapped.frontMatter, mapped.body),
        index.ids,
      );
      index.ids.add(written.id);
      if (doc.meta.url) index.urls.set(urlKey(doc.meta.url), written.path);
      index.hashes.set(hash, written.path);
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

const lineOf = (label: string): number => Number(/:(\d+)$/.exec(label)?.[1] ?? 0);

/** Counts for the closing summary. */
function summarise(items: readonly ImportItem[], files: number): ImportSummary {
  const summary: ImportSummary = {
    files,
    documents: items.length,
    imported: 0,
    skipped: 0,
    failed: 0,
    published: 0,
    drafts: 0,
    todoSections: {},
    synthesised: {},
    unclassified: 0,
  };
  for (const item of items) {
    summary[item.outcome]++;
    const r = item.report;
    if (!r) continue;
    if (r.status === 'published') summary.published++;
    else summary.drafts++;
    for (const s of r.todoSections) summary.todoSections[s] = (summary.todoSections[s] ?? 0) + 1;
    for (const s of new Set(r.synthesised.map((x) => x.field)))
      summary.synthesised[s] = (summary.synthesised[s] ?? 0) + 1;
    if (r.failureModes.unclassified) summary.unclassified++;
  }
  return summary;
}
