/**
 * JSONL → `SourceDocument`s, one per record, in the shape of the public-postmortems data set
 * (`title`, `url`, `company`, `product`, `date`, `categories`, `keywords`, `start_time`,
 * `end_time`, `summary`, `text`, ...). A broken line is reported with its line number and the
 * other records still import. Pure.
 */
import { metaFromRecord } from './frontmatter.ts';
import {
  descriptionSections,
  type SourceDocument,
  type SourceFailure,
  type SourceSection,
} from './source.ts';

/** Record fields written into the review itself; every other non-empty field is kept verbatim. */
const WRITTEN_ELSEWHERE = ['title', 'summary', 'text', 'body', 'description'];

/** One record → a document, or a failure naming `label` (e.g. `dev.jsonl:17`). */
function recordToSource(
  record: unknown,
  label: string,
  line: string,
): SourceDocument | SourceFailure {
  if (!record || typeof record !== 'object' || Array.isArray(record)) {
    return {
      label,
      message: `${label}: the line is valid JSON but not an object. Each line must be one JSON object such as {"title": ..., "text": ...}.`,
    };
  }
  const fields = record as Record<string, unknown>;
  const meta = metaFromRecord(fields);
  const body = [fields.text, fields.body, fields.description]
    .find((v): v is string => typeof v === 'string' && v.trim() !== '')
    ?.trim();
  if (!body && !meta.summary) {
    return {
      label,
      message: `${label}: the record has no "text" (or "summary") field with content. Nothing to import; add the postmortem text to the record.`,
    };
  }
  const sections: SourceSection[] = [];
  if (meta.summary) sections.push({ heading: 'Summary', text: meta.summary, to: 'summary' });
  if (body && body !== meta.summary)
    sections.push(...descriptionSections(body, Boolean(meta.summary)));
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (
      WRITTEN_ELSEWHERE.includes(key) ||
      value === null ||
      value === undefined ||
      value === '' ||
      (Array.isArray(value) && !value.length)
    )
      continue;
    rest[key] = value;
  }
  const verbatim: SourceSection[] = Object.keys(rest).length
    ? [
        {
          heading: 'Source record fields',
          text: '```json\n' + JSON.stringify(rest, null, 2) + '\n```',
        },
      ]
    : [];
  return { label, hashText: line.trim(), meta, sections, verbatim };
}

/** Parses JSONL text; `name` is the file name used in labels (`name:line`). Blank lines are skipped. */
export function parseJsonlSources(
  text: string,
  name: string,
): { documents: SourceDocument[]; failures: SourceFailure[] } {
  const documents: SourceDocument[] = [];
  const failures: SourceFailure[] = [];
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!lines.some((l) => l.trim())) {
    failures.push({
      label: name,
      message: `${name}: the file is empty. Nothing to import; remove it from the batch or add one JSON record per line.`,
    });
    return { documents, failures };
  }
  lines.forEach((line, index) => {
    if (!line.trim()) return;
    const label = `${name}:${index + 1}`;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      failures.push({
        label,
        message: `${label}: broken JSON on line ${index + 1} (${(error as Error).message}). Fix or remove that line; the other records were still imported.`,
      });
      return;
    }
    const result = recordToSource(record, label, line);
    if ('hashText' in result) documents.push(result);
    else failures.push(result);
  });
  return { documents, failures };
}
