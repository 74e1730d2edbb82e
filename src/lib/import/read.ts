/**
 * Reading one import input: bytes → text (UTF-8; UTF-16 with a byte-order mark; Windows-1252,
 * with a note, when the bytes are not UTF-8), the format from the content (HTML, Confluence wiki
 * markup, JSON, JSONL, CSV or Markdown; the extension is a hint), control characters and secrets
 * removed, then the source documents. Which files a folder walk passes over, with why.
 */
import { extname } from 'node:path';
import { readTextInput, stripControlChars, type TextEncoding } from '../files.ts';
import { redact } from '../redact/index.ts';
import { parseCsvSources } from './csv.ts';
import { htmlImagesToMarkdown, htmlToMarkdown } from './html.ts';
import { parseJsonSources } from './json.ts';
import { parseJsonlSources } from './jsonl.ts';
import { parseMarkdownSource } from './markdown.ts';
import { recordShape } from './records.ts';
import type { SourceDocument, SourceFailure } from './source.ts';
import { looksLikeWikiMarkup, wikiToMarkdown } from './wiki.ts';

export const IMPORT_FORMATS = ['auto', 'markdown', 'jsonl', 'json', 'csv', 'html', 'wiki'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
type SourceFormat = Exclude<ImportFormat, 'auto'>;

/** Largest input file read (bytes). */
const MAX_IMPORT_BYTES = 64 * 1024 * 1024;

/** The report line for each format that is not Markdown. */
const FORMAT_NOTES: Record<Exclude<SourceFormat, 'markdown'>, string> = {
  html: 'HTML, converted to Markdown',
  wiki: 'Confluence wiki markup, converted to Markdown',
  json: 'JSON, one review per record',
  jsonl: 'JSONL, one review per line',
  csv: 'CSV, one review per row',
};

const ENCODING_NOTES: Partial<Record<TextEncoding, string>> = {
  'windows-1252':
    'not valid UTF-8: read as Windows-1252 (check accented letters and quotes in the review)',
  'utf-16le': 'read as UTF-16 (little-endian, byte-order mark)',
  'utf-16be': 'read as UTF-16 (big-endian, byte-order mark)',
};

/** Extensions that are never postmortem text, and what they are. */
const NOT_TEXT: Readonly<Record<string, string>> = Object.fromEntries([
  ...['.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp', '.bmp', '.ico', '.tif', '.tiff'].map(
    (e) => [e, 'an image'],
  ),
  ...[
    '.pdf',
    '.doc',
    '.docx',
    '.odt',
    '.rtf',
    '.pages',
    '.ppt',
    '.pptx',
    '.key',
    '.xls',
    '.xlsx',
    '.ods',
    '.numbers',
  ].map((e) => [e, 'an office document; export it as HTML, Markdown or CSV first']),
  ...['.zip', '.gz', '.tgz', '.tar', '.7z', '.rar', '.bz2', '.xz'].map((e) => [
    e,
    'an archive; unpack it and import the folder',
  ]),
  ...['.mp3', '.mp4', '.mov', '.wav', '.webm', '.avi'].map((e) => [e, 'audio or video']),
  ...[
    '.yml',
    '.yaml',
    '.toml',
    '.ini',
    '.xml',
    '.js',
    '.mjs',
    '.ts',
    '.py',
    '.sh',
    '.css',
    '.lock',
  ].map((e) => [e, 'configuration or code']),
  ...['.exe', '.dll', '.so', '.bin', '.class', '.jar', '.woff', '.woff2', '.ttf'].map((e) => [
    e,
    'a binary file',
  ]),
]);

/** Why a folder walk passes over this file (named explicitly it is still read), or undefined. */
export function skipReason(name: string): string | undefined {
  const what = NOT_TEXT[extname(name).toLowerCase()];
  return what
    ? `a "${extname(name).toLowerCase()}" file is ${what}, not a postmortem (import reads Markdown, text, HTML, Confluence wiki markup, JSON, JSONL and CSV)`
    : undefined;
}

const parsesAsJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** A CSV header of a known export (Jira, incident.io) on the first line. */
function csvHeader(text: string): boolean {
  const first = text.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = [',', ';', '\t'].find((d) => first.split(d).length >= 3);
  if (!delimiter) return false;
  const columns = first.split(delimiter).map((c) => c.replace(/^"|"$/g, '').trim());
  const shape = recordShape(Object.fromEntries(columns.map((c) => [c, 'x'])));
  return shape === 'jira' || shape === 'incident.io';
}

/** The format of a file from its content, with the extension as a hint. */
function sniffFormat(path: string, text: string): SourceFormat {
  const ext = extname(path).toLowerCase();
  const head = text.trimStart();
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.json')
    return parsesAsJson(head) || !parsesAsJson(head.split(/\r?\n/, 1)[0] ?? '') ? 'json' : 'jsonl';
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (['.html', '.htm', '.xhtml'].includes(ext)) return 'html';
  if (/^(?:<!doctype html|<html[\s>]|<\?xml[^>]*>\s*(?:<!doctype html|<html))/i.test(head))
    return 'html';
  if (['.md', '.markdown', '.mdx'].includes(ext)) return 'markdown';
  if (head.startsWith('{') || head.startsWith('[')) return parsesAsJson(head) ? 'json' : 'jsonl';
  if (looksLikeWikiMarkup(text)) return 'wiki';
  if (csvHeader(head)) return 'csv';
  if (/^<(?:body|div|section|article|h[1-6]|p|table)\b[^>]*>/i.test(head)) return 'html';
  return 'markdown';
}

interface ReadSource {
  /** The documents in the file (a Markdown or HTML file: one), and the records that failed. */
  documents: (SourceDocument | SourceFailure)[];
  /** What reading needed beyond plain UTF-8 Markdown (an encoding, a conversion), for the report. */
  notes: string[];
}

const lineOf = (label: string): number => Number(/:(\d+)$/.exec(label)?.[1] ?? 0);

/**
 * Reads one file (`path`, named `label` in messages) and returns its documents. Throws a
 * CasebookError when the file cannot be read as text (missing, too large, binary).
 */
export async function readSource(
  path: string,
  label: string,
  flag: ImportFormat = 'auto',
): Promise<ReadSource> {
  const input = await readTextInput(path, {
    maxBytes: MAX_IMPORT_BYTES,
    fallbackEncoding: 'windows-1252',
  });
  const notes: string[] = [];
  const encodingNote = ENCODING_NOTES[input.encoding];
  if (encodingNote) notes.push(encodingNote);
  const format = flag === 'auto' ? sniffFormat(path, input.text) : flag;
  if (format !== 'markdown' && !(format === 'jsonl' && /\.(jsonl|ndjson)$/i.test(path)))
    notes.push(FORMAT_NOTES[format]);
  // Control characters (raw or as JSON escapes) never reach a review.
  let text = stripControlChars(input.text, { json: format === 'json' || format === 'jsonl' }).text;
  let title: string | undefined;
  if (format === 'html') {
    const converted = htmlToMarkdown(text);
    if (!converted.markdown.trim())
      return {
        notes,
        documents: [
          {
            label,
            message: `${label}: the HTML has no text once page chrome (scripts, styles, navigation, breadcrumbs) is removed. Nothing to import.`,
          },
        ],
      };
    text = converted.markdown;
    title = converted.title;
  } else if (format === 'wiki') text = wikiToMarkdown(text);
  else if (format === 'markdown') text = htmlImagesToMarkdown(text);
  // Secrets never land in content/.
  text = (await redact(text)).text;

  if (format === 'jsonl' || format === 'json' || format === 'csv') {
    const parsed =
      format === 'jsonl'
        ? parseJsonlSources(text, label)
        : format === 'json'
          ? parseJsonSources(text, label)
          : parseCsvSources(text, label);
    const documents = [...parsed.documents, ...parsed.failures];
    if (format === 'jsonl') documents.sort((a, b) => lineOf(a.label) - lineOf(b.label));
    return { documents, notes };
  }
  const doc = parseMarkdownSource(text, label);
  if (title && 'hashText' in doc) doc.meta.title ??= title;
  return { documents: [doc], notes };
}
