/**
 * An incident.io incident (API v1/v2 JSON, one JSONL line, or a CSV row with the same columns)
 * → a `SourceDocument`:
 *
 * | incident.io | Casebook |
 * | --- | --- |
 * | `name` | title |
 * | `severity` (object `{name}` or text) | severity ("Critical" SEV1, "Major" SEV2, "Minor" SEV3) |
 * | `created_at`, `reported_at`, `resolved_at`, `closed_at`, `incident_timestamp_values`, `timestamps` | timeline entries; the earliest is the date |
 * | `summary` | Summary |
 * | `postmortem_document` (text), custom fields (`custom_field_entries`) | sections, by their name ("Root cause" → Detailed mechanism); a service/product field → services |
 * | `permalink` / `url` | source URL (re-import identity) |
 * | `reference`, `incident_type`, `incident_status`, `postmortem_document_url` | Source details |
 *
 * Every other field is kept as JSON under Supporting information. Pure.
 */
import { emptyMeta, type SourceDocument, type SourceSection } from './source.ts';
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

/** Keys only an incident.io incident has beside `name`. */
const INCIDENT_IO_KEYS = [
  'severity',
  'reference',
  'incident_status',
  'status',
  'created_at',
  'reported_at',
  'permalink',
  'incident_type',
  'mode',
];

/** True for an incident.io incident: a `name`, no `title`/`text`, and some incident.io field. */
export function isIncidentIoRecord(record: Record<string, unknown>): boolean {
  const f = looseFields(record);
  return (
    typeof textOf(f.get('name')) === 'string' &&
    isEmpty(f.get('title')) &&
    isEmpty(f.get('text')) &&
    INCIDENT_IO_KEYS.some((k) => !isEmpty(f.get(k)))
  );
}

/** The fixed timestamp fields and the event each one marks. */
const TIMESTAMP_FIELDS: Readonly<Record<string, string>> = {
  reported_at: 'Incident reported',
  created_at: 'Incident declared in incident.io',
  resolved_at: 'Incident resolved',
  closed_at: 'Incident closed',
};

/** Custom fields whose values name services. */
const SERVICE_FIELD = /\b(services?|products?|components?|systems?)\b/i;

/** An incident.io time: RFC 3339, or the CSV export's "2024-01-02 10:00:00 UTC". */
const instantOfStamp = (value: string | undefined): Date | undefined =>
  instantOf(value?.replace(/\s*UTC$/i, 'Z').replace(/^(\S+) (\S+Z)$/, '$1T$2'));

interface Stamp {
  at: Date;
  event: string;
}

/** The named timestamps: `incident_timestamp_values` (API v2) and `timestamps` (API v1). */
function namedStamps(value: unknown): Stamp[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry): Stamp[] => {
    if (!entry || typeof entry !== 'object') return [];
    const e = entry as Record<string, unknown>;
    const name = textOf(e.incident_timestamp) ?? textOf(e.name);
    const raw =
      e.value && typeof e.value === 'object' ? (e.value as Record<string, unknown>).value : e.value;
    const at = instantOfStamp(textOf(raw) ?? textOf(e.last_occurred_at));
    return name && at ? [{ at, event: name }] : [];
  });
}

/** Custom field entries as `{ name, values }`. */
function customFields(value: unknown): { name: string; values: string[] }[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((entry) => {
    if (!entry || typeof entry !== 'object') return [];
    const e = entry as Record<string, unknown>;
    const name = textOf(e.custom_field);
    const values = (Array.isArray(e.values) ? e.values : []).flatMap((v): string[] => {
      if (!v || typeof v !== 'object') return [];
      const o = v as Record<string, unknown>;
      const one =
        textOf(o.value_text) ??
        textOf(o.value_option) ??
        textOf(o.value_catalog_entry) ??
        textOf(o.value_link) ??
        textOf(o.value_numeric) ??
        textOf(o.value_timestamp);
      return one ? [one] : [];
    });
    return name && values.length ? [{ name, values }] : [];
  });
}

/** One incident.io incident → a document (never fails: `name` is there by detection). */
export function incidentIoToSource(
  record: Record<string, unknown>,
  label: string,
  hashText: string,
): SourceDocument {
  const f = looseFields(record);
  const used = new Set<string>();
  const take = (key: string): unknown => {
    for (const k of Object.keys(record)) if (fieldKey(k) === key) used.add(k);
    return f.get(key);
  };
  const meta = emptyMeta();
  meta.title = textOf(take('name'));
  meta.severity = textOf(take('severity'));
  const url = textOf(take('permalink')) ?? textOf(take('url'));
  if (url && /^https?:\/\//.test(url)) meta.url = url;
  meta.summary = textOf(take('summary'));
  meta.keywords.push(...textsOf(take('incident_type')));

  const stamps: Stamp[] = [];
  for (const [key, event] of Object.entries(TIMESTAMP_FIELDS)) {
    const at = instantOfStamp(textOf(take(key)));
    if (at) stamps.push({ at, event });
  }
  stamps.push(
    ...namedStamps(take('incident_timestamp_values')),
    ...namedStamps(take('timestamps')),
  );
  const seen = new Set<string>();
  const timeline = stamps
    .sort((a, b) => a.at.getTime() - b.at.getTime())
    .filter((s) => {
      const key = `${s.at.getTime()} ${s.event.toLowerCase()}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  if (timeline[0]) meta.startTime = timeline[0].at.toISOString();
  const end = timeline.filter((s) => /resolved|closed|fixed|mitigated/i.test(s.event)).pop();
  if (end) meta.endTime = end.at.toISOString();

  const sections: SourceSection[] = [];
  if (meta.summary) sections.push({ heading: 'Summary', text: meta.summary, to: 'summary' });
  const postmortem =
    textOf(take('postmortem_document')) ??
    textOf(take('postmortem')) ??
    textOf(take('postmortem_document_content'));
  if (postmortem)
    sections.push(
      ...documentSections(postmortem, `${label} postmortem_document`, Boolean(meta.summary)),
    );
  for (const field of customFields(take('custom_field_entries'))) {
    if (SERVICE_FIELD.test(field.name)) meta.services.push(...field.values);
    else sections.push({ heading: field.name, text: field.values.join('\n\n') });
  }
  if (timeline.length)
    sections.push({
      heading: 'Timeline',
      text: timeline
        .map((s) => `- ${s.at.toISOString().replace('.000Z', 'Z')} ${s.event}`)
        .join('\n'),
      to: 'timeline',
    });

  const details = [
    ['Reference', textOf(take('reference'))],
    ['Type', textOf(f.get('incident_type'))],
    ['Status', textOf(take('incident_status')) ?? textOf(take('status'))],
    ['Postmortem document', textOf(take('postmortem_document_url'))],
  ].flatMap(([name, value]) => (value ? [`- ${name}: ${value}`] : []));
  const verbatim: SourceSection[] = [
    ...(details.length ? [{ heading: 'Source details', text: details.join('\n') }] : []),
    ...recordFieldsSection(record, used),
  ];
  return { label, hashText, meta, sections, verbatim };
}
