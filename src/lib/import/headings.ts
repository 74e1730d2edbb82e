/**
 * Heading name → Casebook destination, through the shared section table
 * (src/lib/markdown/canonical.ts), plus import's own rules: subsections under Lessons that
 * belong elsewhere, and the `Label: value` metadata labels. Pure.
 */

import {
  CANONICAL_HEADINGS,
  canonicalSection,
  headingKey,
  LIST_MARKER,
  type SectionSlot,
  type Template,
} from '../markdown/index.ts';

export { headingKey } from '../markdown/index.ts';

/** Where the material under a source heading goes: a slot of the shared section table. */
export type Destination = SectionSlot;

/** The Casebook section each body destination is written under. */
export const DESTINATION_SECTION: Record<
  Exclude<Destination, 'impact' | 'timeline' | 'actionItems'>,
  string
> = {
  summary: CANONICAL_HEADINGS.summary,
  mechanism: CANONICAL_HEADINGS.mechanism,
  contributing: CANONICAL_HEADINGS.contributing,
  investigation: CANONICAL_HEADINGS.investigation,
  systemic: CANONICAL_HEADINGS.systemic,
  lessons: CANONICAL_HEADINGS.lessons,
  supporting: CANONICAL_HEADINGS.supporting,
};

/**
 * Subsections under a Lessons heading that belong elsewhere: in the SRE-book template, "What went
 * wrong" under "Lessons Learned" lists process and tooling failures (Systemic factors), while a
 * top-level "What went wrong" section describes the failure itself (Detailed mechanism).
 */
const LESSONS_SUBSECTION_RULES: Readonly<Record<string, Destination>> = {
  'what went wrong': 'systemic',
  'what didn t go so well': 'systemic',
  'what didnt go so well': 'systemic',
  'what could have gone better': 'systemic',
};

/** Where a subsection goes given its parent's destination, when that differs from the parent (else undefined). */
export function subsectionDestination(
  parent: Destination,
  heading: string,
): Destination | undefined {
  const key = headingKey(heading);
  if (parent === 'lessons') return LESSONS_SUBSECTION_RULES[key];
  return undefined;
}

/** Where a heading's material goes (the shared section table); unknown headings go to Supporting information. */
export function destinationOf(heading: string): {
  to: Destination;
  template: Template;
  known: boolean;
  /** Document metadata (Stats, Attendees, …): Supporting information, and never the document's level. */
  metadata: boolean;
} {
  const found = canonicalSection(heading);
  return found
    ? { to: found.slot, template: found.template, known: true, metadata: found.metadata }
    : { to: 'supporting', template: 'generic', known: false, metadata: false };
}

/** True when the heading wording is in the shared section table. */
export const isKnownHeading = (heading: string): boolean => canonicalSection(heading) !== null;

/**
 * Labels of `Label: value` metadata lines (SRE-book style preamble) that fill front-matter
 * fields rather than sections.
 */
export type MetaField =
  | 'title'
  | 'date'
  | 'authors'
  | 'severity'
  | 'services'
  | 'tags'
  | 'categories'
  | 'company'
  | 'url'
  | 'status'
  | 'other';

const META_LABELS: Record<string, MetaField> = {
  title: 'title',
  date: 'date',
  'incident date': 'date',
  authors: 'authors',
  author: 'authors',
  'written by': 'authors',
  severity: 'severity',
  sev: 'severity',
  priority: 'severity',
  services: 'services',
  service: 'services',
  'affected services': 'services',
  'services affected': 'services',
  'systems affected': 'services',
  tags: 'tags',
  keywords: 'tags',
  categories: 'categories',
  category: 'categories',
  company: 'company',
  url: 'url',
  link: 'url',
  source: 'url',
  status: 'status',
};

/** The front-matter field a `Label:` line fills, if any. */
export const metaFieldOf = (label: string): MetaField | undefined => META_LABELS[headingKey(label)];

/** A `Label: value` line: `**Date:** …`, `- Owner: …`, `__Status__: …` (and a leading list marker: `-`, `*`, `+`, `1.`). */
export const FIELD_LINE = new RegExp(
  String.raw`^\s*(?:${LIST_MARKER}\s+)?(?:\*\*|__)?([A-Za-z][A-Za-z0-9 '’/&()-]{0,40}?)\s*(?:\*\*|__)?\s*:\s*(?:\*\*|__)?\s*(.*)$`,
);

/** The value of a field line in a block of source fields (`Label: value`, YAML `key: value`, JSON `"key": value`), or undefined. */
export function fieldValueOf(line: string): string | undefined {
  const json = /^\s*"[^"]{1,60}"\s*:\s*(.*)$/.exec(line);
  if (json) return json[1] ?? '';
  const yaml = /^\s*[A-Za-z_][\w-]{0,60}\s*:(?:\s+(.*)|$)/.exec(line);
  if (yaml) return yaml[1] ?? '';
  return FIELD_LINE.exec(line)?.[2];
}
