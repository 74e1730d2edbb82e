/**
 * One exported record (a JSON or JSONL object, a CSV row) → a `SourceDocument`, by the record's
 * keys, never by the file name: an incident.io incident (`name`, `severity`, `created_at` …), a
 * Jira issue (`Issue key`/`key`, `Summary` …) or a postmortem record in the public-postmortems
 * shape (`title`, `text`, `summary` …). Shared by jsonl.ts, json.ts and csv.ts. Pure.
 */
import { metaFromRecord } from './frontmatter.ts';
import { incidentIoToSource, isIncidentIoRecord } from './incidentio.ts';
import { isJiraRecord, jiraToSource } from './jira.ts';
import {
  descriptionSections,
  type SourceDocument,
  type SourceFailure,
  type SourceSection,
} from './source.ts';
import { isEmpty, looseFields, recordFieldsSection } from './record-fields.ts';

/** What a record must look like, for messages about records of an unknown shape. */
export const EXPECTED_RECORDS =
  'an incident.io export (name, severity, created_at, summary …), a Jira export (Issue key, Summary, Priority, Created, Description …) or postmortem records (title, text or summary …)';

/** Record fields written into the review itself (public-postmortems shape). */
const WRITTEN_ELSEWHERE = new Set(['title', 'summary', 'text', 'body', 'description']);

/** A postmortem record in the public-postmortems / postmortems.app shape. */
function postmortemToSource(
  fields: Record<string, unknown>,
  label: string,
  hashText: string,
): SourceDocument | SourceFailure {
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
  return {
    label,
    hashText,
    meta,
    sections,
    verbatim: recordFieldsSection(fields, WRITTEN_ELSEWHERE),
  };
}

const isPostmortemRecord = (fields: Record<string, unknown>): boolean =>
  ['title', 'text', 'summary', 'body', 'description'].some((k) => !isEmpty(fields[k]));

/** How a record is named in labels: its reference, key or id, else its position. */
export function recordName(record: unknown, index: number): string {
  if (record && typeof record === 'object' && !Array.isArray(record)) {
    const fields = looseFields(record as Record<string, unknown>);
    for (const key of ['reference', 'issue_key', 'key', 'id', 'uuid']) {
      const v = fields.get(key);
      if ((typeof v === 'string' && /^[\w.-]{1,80}$/.test(v)) || typeof v === 'number')
        return String(v);
    }
  }
  return String(index + 1);
}

/** Which known shape a record has, or undefined. */
export function recordShape(
  record: Record<string, unknown>,
): 'incident.io' | 'jira' | 'postmortem' | undefined {
  if (isJiraRecord(record)) return 'jira';
  if (isIncidentIoRecord(record)) return 'incident.io';
  if (isPostmortemRecord(record)) return 'postmortem';
  return undefined;
}

/** One record → a document, or a failure naming `label` and what a record should hold. */
export function recordToSource(
  record: unknown,
  label: string,
  hashText: string,
): SourceDocument | SourceFailure {
  if (!record || typeof record !== 'object' || Array.isArray(record)) {
    return {
      label,
      message: `${label}: the record is not an object. Each record must be one JSON object such as {"title": ..., "text": ...}.`,
    };
  }
  const fields = record as Record<string, unknown>;
  switch (recordShape(fields)) {
    case 'jira':
      return jiraToSource(fields, label, hashText);
    case 'incident.io':
      return incidentIoToSource(fields, label, hashText);
    case 'postmortem':
      return postmortemToSource(fields, label, hashText);
    default:
      return {
        label,
        message: `${label}: the record's fields (${Object.keys(fields).slice(0, 12).join(', ') || 'none'}) match no known export. Expected ${EXPECTED_RECORDS}.`,
      };
  }
}
