/**
 * A Jira issue (a row of Jira's "Export CSV", or an issue of the REST API's JSON with `key` and
 * `fields`) → a `SourceDocument`:
 *
 * | Jira | Casebook |
 * | --- | --- |
 * | Summary | title |
 * | Priority | severity (Highest/Blocker SEV1, High SEV2, Medium SEV3, Low/Lowest SEV4) |
 * | Created, Resolved | date and timeline entries (Jira's CSV gives no zone: `TODO: zone`) |
 * | Description (wiki markup or Markdown) | sections by their headings |
 * | Component/s | services |
 * | Labels | tags |
 * | Issue key | Source details (the ticket) |
 * | Custom field (Name) | a section named Name ("Root Cause" → Detailed mechanism) |
 *
 * Every other column is kept as JSON under Supporting information. Pure.
 */
import {
  emptyMeta,
  type SourceDocument,
  type SourceFailure,
  type SourceSection,
} from './source.ts';
import {
  documentSections,
  fieldKey,
  isEmpty,
  looseFields,
  recordFieldsSection,
  textOf,
  textsOf,
} from './record-fields.ts';
import { instantOf } from '../facts/time.ts';

/** True for a Jira issue: an issue key and a summary (CSV), or `key` and `fields` (REST API). */
export function isJiraRecord(record: Record<string, unknown>): boolean {
  const f = looseFields(record);
  if (
    typeof textOf(f.get('key')) === 'string' &&
    f.get('fields') &&
    typeof f.get('fields') === 'object'
  )
    return true;
  return !isEmpty(f.get('issue_key')) && !isEmpty(f.get('summary'));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A Jira date as timeline text: "31/Mar/21 12:11 PM" (CSV export, the exporting user's zone,
 * not stated) → "2021-03-31 12:11"; an ISO time with an offset (REST API) → UTC with `Z`.
 */
function jiraTime(value: string | undefined): { text: string; day: string } | undefined {
  if (!value) return undefined;
  const m =
    /^(\d{1,2})\/([A-Za-z]{3})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::\d{2})?\s*([AP]M)?)?$/i.exec(
      value.trim(),
    );
  if (m) {
    const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1;
    if (!month) return undefined;
    const year = (m[3] ?? '').length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    let hour = Number(m[4] ?? 0);
    if (m[6]) hour = (hour % 12) + (m[6].toUpperCase() === 'PM' ? 12 : 0);
    const pad = (n: number) => String(n).padStart(2, '0');
    const day = `${year}-${pad(month)}-${pad(Number(m[1]))}`;
    return { day, text: m[4] ? `${day} ${pad(hour)}:${m[5]}` : day };
  }
  const at = instantOf(value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  if (!at) return undefined;
  const iso = at.toISOString().replace('.000Z', 'Z');
  return { day: iso.slice(0, 10), text: iso };
}

/** The REST API shape (`{key, fields: {...}}`) flattened to the CSV's field names. */
function flatten(record: Record<string, unknown>): Record<string, unknown> {
  const fields = record.fields;
  if (!fields || typeof fields !== 'object' || Array.isArray(fields)) return record;
  const f = fields as Record<string, unknown>;
  const rest = Object.fromEntries(Object.entries(record).filter(([k]) => k !== 'fields'));
  return {
    ...rest,
    'Issue key': record.key,
    ...f,
    Resolved: f.resolutiondate ?? f.resolved,
    'Component/s': f.components,
  };
}

/** Columns read into the review (by loose key); the others are kept as JSON. */
const READ = new Set([
  'issue_key',
  'key',
  'summary',
  'priority',
  'created',
  'resolved',
  'resolutiondate',
  'description',
  'components',
  'component',
  'labels',
  'label',
]);

/** One Jira issue → a document. */
export function jiraToSource(
  raw: Record<string, unknown>,
  label: string,
  hashText: string,
): SourceDocument | SourceFailure {
  const record = flatten(raw);
  const f = looseFields(record);
  const key = textOf(f.get('issue_key')) ?? textOf(f.get('key'));
  const meta = emptyMeta();
  meta.title = textOf(f.get('summary'));
  meta.severity = textOf(f.get('priority'));
  meta.services = [...textsOf(f.get('components')), ...textsOf(f.get('component'))];
  meta.keywords = [...textsOf(f.get('labels')), ...textsOf(f.get('label'))];
  const created = jiraTime(textOf(f.get('created')));
  const resolved = jiraTime(textOf(f.get('resolved')) ?? textOf(f.get('resolutiondate')));
  if (created) meta.date = created.day;

  const sections: SourceSection[] = [];
  const description = textOf(f.get('description'));
  if (description) sections.push(...documentSections(description, `${label} Description`, false));
  const used = new Set<string>(['fields']);
  for (const [column, value] of Object.entries(record)) {
    const k = fieldKey(column);
    if (READ.has(k) && (k !== 'description' || description)) {
      used.add(column);
      continue;
    }
    // "Custom field (Root Cause)": a section named by the field.
    const custom = /^custom\s*field\s*\((.+)\)$/i.exec(column.trim())?.[1];
    const text = (Array.isArray(value) ? value : [value]).map(textOf).filter(Boolean).join('\n\n');
    if (custom && text) {
      sections.push({ heading: custom.trim(), text });
      used.add(column);
    }
  }
  const timeline = [
    created && `- ${created.text} Jira issue${key ? ` ${key}` : ''} created`,
    resolved && `- ${resolved.text} Jira issue resolved`,
  ].filter((l): l is string => Boolean(l));
  if (timeline.length)
    sections.push({ heading: 'Timeline', text: timeline.join('\n'), to: 'timeline' });
  if (!sections.some((s) => s.text) && !meta.title) {
    return {
      label,
      message: `${label}: the Jira issue has no Summary and no Description. Nothing to import.`,
    };
  }
  const details = [
    ['Ticket', key],
    ['Issue type', textOf(f.get('issue_type')) ?? textOf(f.get('issuetype'))],
    ['Status', textOf(f.get('status'))],
  ].flatMap(([name, value]) => (value ? [`- ${name}: ${value}`] : []));
  for (const column of Object.keys(record))
    if (['issue_type', 'issuetype', 'status'].includes(fieldKey(column))) used.add(column);
  const verbatim: SourceSection[] = [
    ...(details.length ? [{ heading: 'Source details', text: details.join('\n') }] : []),
    ...recordFieldsSection(record, used),
  ];
  return { label, hashText, meta, sections, verbatim };
}
