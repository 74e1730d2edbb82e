/**
 * The source-neutral shape every importer (Markdown, JSONL) produces and `map.ts` turns into a
 * Casebook review. Nothing here knows about a particular input format.
 */
import type { Destination } from './headings.ts';
import { classifyBlocks } from '../classify/paragraph.ts';

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
  /** How the report names it: a path, `path:line` for a JSONL record, `path#INC-42` for a JSON or CSV record. */
  label: string;
  /** The text the content hash is computed from (the whole file, or the record as canonical JSON). */
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
 * Sections for a heading-less description (a JSONL `text`, a postmortems.app body, prose without
 * headings): each paragraph is placed by content through the shared paragraph classifier
 * (classify/paragraph.ts). Without a separate summary the first paragraph is the Summary;
 * paragraphs with no signal are the Detailed mechanism (the narrative of what broke).
 */
export function descriptionSections(text: string, hasSummary: boolean): SourceSection[] {
  const body = text.trim();
  if (!body) return [];
  return classifyBlocks(body, {
    ...(hasSummary ? {} : { first: 'summary' as const }),
    fallback: 'mechanism',
  }).map((part) => ({ heading: 'Description', text: part.text, to: part.slot ?? 'mechanism' }));
}
