/**
 * Reading the fields of an exported record (JSON object, CSV row): loose field names ("Issue
 * key" = "issue_key"), the text of a value, whole documents held in a field, and the fields
 * kept as JSON under Supporting information. Shared by the record mappings. Pure.
 */
import { parseMarkdownSource } from './markdown.ts';
import { descriptionSections, type SourceSection } from './source.ts';
import { looksLikeWikiMarkup, wikiToMarkdown } from './wiki.ts';

/** A field name compared loosely: "Issue key", "issue_key" and "issueKey" are the same. */
export const fieldKey = (name: string): string =>
  name
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/\/s\b/g, 's')
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');

/** A record's fields by loose key (the first non-empty value of each). */
export function looseFields(record: Record<string, unknown>): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [key, value] of Object.entries(record)) {
    const k = fieldKey(key);
    if (!out.has(k) || isEmpty(out.get(k))) out.set(k, value);
  }
  return out;
}

export const isEmpty = (value: unknown): boolean =>
  value === null ||
  value === undefined ||
  (typeof value === 'string' && !value.trim()) ||
  (Array.isArray(value) && !value.length);

/** A field's text: a string, a number, or the `name`/`value` of an object. */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value.trim() || undefined;
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const o = value as Record<string, unknown>;
    return textOf(o.name ?? o.value ?? o.displayName ?? o.label);
  }
  return undefined;
}

/** A field's texts: a list, a comma-separated string, or one value. */
export function textsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (typeof value === 'string')
    return value
      .split(/[,;]/)
      .map((s) => s.trim())
      .filter(Boolean);
  const one = textOf(value);
  return one ? [one] : [];
}

/**
 * Sections from a text field that holds a whole document (a Jira description, an incident.io
 * postmortem): wiki markup is converted, headings map like any Markdown import, and
 * heading-less text is split like a postmortems.app body.
 */
export function documentSections(
  text: string,
  label: string,
  hasSummary: boolean,
): SourceSection[] {
  const markdown = looksLikeWikiMarkup(text) ? wikiToMarkdown(text) : text;
  const doc = parseMarkdownSource(markdown, label);
  if ('hashText' in doc && doc.sections.some((s) => s.to === undefined))
    return [...doc.sections, ...doc.verbatim];
  return descriptionSections(markdown, hasSummary);
}

/** The fields not written elsewhere, kept as JSON under Supporting information. */
export function recordFieldsSection(
  record: Record<string, unknown>,
  used: ReadonlySet<string>,
): SourceSection[] {
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record))
    if (!used.has(key) && !isEmpty(value)) rest[key] = value;
  return Object.keys(rest).length
    ? [
        {
          heading: 'Source record fields',
          text: '```json\n' + JSON.stringify(rest, null, 2) + '\n```',
        },
      ]
    : [];
}
