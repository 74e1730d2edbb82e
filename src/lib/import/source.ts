/**
 * The source-neutral shape every importer (Markdown, JSONL) produces and `map.ts` turns into a
 * Casebook review. Nothing here knows about a particular input format.
 */
import type { Destination } from './headings.ts';

/** Metadata gathered from front matter, `Label: value` lines or record fields. */
export interface SourceMeta {
  uuid?: string | undefined;
  title?: string | undefined;
  url?: string | undefined;
  company?: string | undefined;
  product?: string | undefined;
  /** Categories as given by the source (postmortems.app `categories`). */
  categories: string[];
  /** Keywords / tags as given by the source. */
  keywords: string[];
  /** RFC 3339 start of the incident, when the source has it. */
  startTime?: string | undefined;
  /** RFC 3339 end of the incident, when the source has it. */
  endTime?: string | undefined;
  /** A date (YYYY-MM-DD or parseable) for the incident. */
  date?: string | undefined;
  /** What `date` is: `incident_start` (default) or `source_published`. */
  dateKind?: string | undefined;
  /** A short summary given as a field rather than a section. */
  summary?: string | undefined;
  severity?: string | undefined;
  services: string[];
  authors: string[];
}

/** One block of source material under a heading. */
export interface SourceSection {
  /** The heading (or field label) as written in the source. */
  heading: string;
  /** The material, Markdown, trimmed. */
  text: string;
  /** Forces a destination instead of looking the heading up in the mapping table. */
  to?: Destination;
}

/** One document to import: a Markdown file or one JSONL record. */
export interface SourceDocument {
  /** How the report names it: a path, or `path:line` for a JSONL record. */
  label: string;
  /** The text the content hash is computed from (the whole file, or the record's line). */
  hashText: string;
  meta: SourceMeta;
  /** Material in source order. */
  sections: SourceSection[];
  /** Source material kept as-is under Supporting information (original front matter, record fields). */
  verbatim: SourceSection[];
}

export const emptyMeta = (): SourceMeta => ({
  categories: [],
  keywords: [],
  services: [],
  authors: [],
});

/** An input that could not be imported, with a message that says what is wrong and how to fix it. */
export interface SourceFailure {
  label: string;
  message: string;
}

/**
 * Sections for a heading-less description (a JSONL `text`, a postmortems.app body): with a
 * separate summary, the whole description goes to Detailed mechanism; without one, its first
 * paragraph is the Summary and the rest goes to Detailed mechanism.
 */
export function descriptionSections(text: string, hasSummary: boolean): SourceSection[] {
  const body = text.trim();
  if (!body) return [];
  if (hasSummary) return [{ heading: 'Description', text: body, to: 'mechanism' }];
  const [first = '', ...rest] = body.split(/\n\s*\n/);
  const remaining = rest.join('\n\n').trim();
  return [
    { heading: 'Description', text: first.trim(), to: 'summary' },
    ...(remaining
      ? [{ heading: 'Description (continued)', text: remaining, to: 'mechanism' as const }]
      : []),
  ];
}
