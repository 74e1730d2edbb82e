/**
 * Markdown with arbitrary headings → `SourceDocument`. Reads postmortems.app-style front matter,
 * a single H1 as the title, SRE-book-style `Label: value` lines before the first section, and
 * splits the rest at the shallowest heading level. Pure (takes text, not a path).
 */
import { splitFrontMatter } from '../review/frontmatter.ts';
import {
  headings,
  parseMarkdown,
  startsListOrQuote,
  startsWithFrontMatter,
} from '../markdown/index.ts';
import {
  destinationOf,
  FIELD_LINE,
  isKnownHeading,
  metaFieldOf,
  subsectionDestination,
  type MetaField,
} from './headings.ts';
import { list, metaFromRecord } from './frontmatter.ts';
import { classifyBlocks } from '../classify/index.ts';
import { wordCount } from './map.ts';
import {
  descriptionSections,
  emptyMeta,
  type SourceDocument,
  type SourceFailure,
  type SourceMeta,
  type SourceSection,
} from './source.ts';

/** Heading used for free text that sits before the first section heading. */
const PREAMBLE_HEADING = 'Introduction';

interface Heading {
  /** 0-based index of the heading's first line in the body's lines. */
  line: number;
  /** 0-based index of its last line (a setext heading's underline). */
  end: number;
  level: number;
  text: string;
  /** Document metadata (Stats, Attendees, …) by the shared section table. */
  metadata: boolean;
}

/** Heading text without emphasis markers or a trailing colon. */
const cleanHeading = (text: string): string =>
  text
    .replace(/\*\*|__/g, '')
    .replace(/\s*:\s*$/, '')
    .trim();

/** The document's headings (ATX and setext, never inside code), through the Markdown module. */
function headingsOf(body: string): Heading[] {
  return headings(parseMarkdown(body, { frontMatter: false }), body).map((h) => {
    const text = cleanHeading(h.plain || h.text);
    return {
      line: h.line - 1,
      end: h.endLine - 1,
      level: h.depth,
      text,
      metadata: destinationOf(text).metadata,
    };
  });
}

interface Field {
  label: string;
  value: string;
  meta?: MetaField | undefined;
  lines: string[];
}

/** Splits a preamble into `Label: value` fields (known labels only) and the other text. */
function preambleFields(lines: readonly string[]): { fields: Field[]; other: string[] } {
  const fields: Field[] = [];
  const other: string[] = [];
  let current: Field | undefined;
  for (const line of lines) {
    // "**Incident:** PD-1187 · **Severity:** SEV-2 · ...": several fields on one line.
    const segments = line.split(/\s+[·•|]\s+/);
    if (segments.length > 1) {
      const parsed = segments.map((segment) => {
        const m = FIELD_LINE.exec(segment);
        const label = m ? cleanHeading(m[1] ?? '') : '';
        return { m, label, meta: m ? metaFieldOf(label) : undefined };
      });
      if (parsed.some((p) => p.meta)) {
        // The whole line is kept verbatim with the metadata lines; each segment is read as a field.
        fields.push({ label: 'Source details', value: '', meta: 'other', lines: [line] });
        for (const p of parsed)
          if (p.m && (p.meta || isKnownHeading(p.label)))
            fields.push({ label: p.label, value: p.m[2] ?? '', meta: p.meta, lines: [] });
        current = undefined;
        continue;
      }
    }
    const m = FIELD_LINE.exec(line);
    const label = m ? cleanHeading(m[1] ?? '') : '';
    const meta = m ? metaFieldOf(label) : undefined;
    if (m && (meta || isKnownHeading(label))) {
      current = { label, value: m[2] ?? '', meta, lines: [line] };
      fields.push(current);
    } else if (current && !current.meta) {
      current.value += `\n${line}`;
      current.lines.push(line);
    } else {
      current = undefined;
      other.push(line);
    }
  }
  return { fields, other };
}

/**
 * A field value without Markdown backslash escapes (`SEV\-2`, `31\. March`: Google Docs escapes
 * punctuation) or a trailing hard break (`\` or two spaces).
 */
const fieldValue = (raw: string): string =>
  raw
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/\\\s*$/, '')
    .trim();

function applyMetaField(meta: SourceMeta, field: Field): void {
  const value = fieldValue(field.value);
  if (!value) return;
  const names = () =>
    value
      .split(/\s*(?:,|;|\band\b|&)\s*/)
      .map((s) => s.replace(/\s*\([^)]*\)\s*/g, ' ').trim())
      .filter(Boolean);
  switch (field.meta) {
    case 'title':
      meta.title ??= value;
      break;
    case 'date':
      meta.date ??= value;
      break;
    case 'authors':
      if (!meta.authors.length) meta.authors = names();
      break;
    case 'severity':
      meta.severity ??= value;
      break;
    case 'services':
      if (!meta.services.length) meta.services = names();
      break;
    case 'tags':
      meta.keywords.push(...list(value));
      break;
    case 'categories':
      meta.categories.push(...list(value));
      break;
    case 'company':
      meta.company ??= value;
      break;
    case 'url':
      if (/^https?:\/\//.test(value)) meta.url ??= value;
      break;
    default:
      break; // status and others: kept verbatim only
  }
}

/**
 * A section's material (body lines from after the heading to `end`, exclusive), with the
 * subsections that belong to another destination split off (e.g. "What went wrong" under
 * "Lessons Learned" → Systemic factors). Order is kept.
 */
function splitSubsections(
  heading: Heading,
  lines: readonly string[],
  end: number,
  subheadings: readonly Heading[],
): SourceSection[] {
  const parent = destinationOf(heading.text).to;
  const out: SourceSection[] = [];
  let kept: string[] = [];
  let cursor = heading.end + 1;
  const pushKept = () => {
    const text = kept.join('\n').trim();
    if (text) out.push({ heading: heading.text, text });
    kept = [];
  };
  subheadings.forEach((sub, i) => {
    const to = subsectionDestination(parent, sub.text);
    if (!to) return;
    kept.push(...lines.slice(cursor, sub.line));
    pushKept();
    const subEnd = subheadings[i + 1]?.line ?? end;
    out.push({
      heading: sub.text,
      text: lines
        .slice(sub.end + 1, subEnd)
        .join('\n')
        .trim(),
      to,
    });
    cursor = subEnd;
  });
  kept.push(...lines.slice(cursor, end));
  const rest = kept.join('\n').trim();
  if (rest) out.push({ heading: heading.text, text: rest });
  else if (!out.length) out.push({ heading: heading.text, text: '' });
  return out;
}

/**
 * The heading that is the document's title, if any. The first heading is the title when it is the
 * only level-1 heading (a trailing `# Stats` or `# Attendees` is metadata and does not count), or,
 * when the document writes its title and its sections at one level (a Google Docs download uses
 * `#` for every heading), when it is not a known section name and either every heading is level 1
 * or a known section name follows it at its level.
 */
function titleHeadingOf(found: readonly Heading[]): Heading | undefined {
  const first = found[0];
  if (!first || first.metadata) return undefined;
  const content = found.filter((h) => !h.metadata);
  if (content.some((h) => h.level < first.level)) return undefined;
  const peers = content.filter((h) => h.level === first.level);
  if (first.level === 1 && peers.length === 1) return first;
  if (isKnownHeading(first.text)) return undefined;
  const allLevelOne = found.every((h) => h.level === 1);
  return allLevelOne || peers.slice(1).some((h) => isKnownHeading(h.text)) ? first : undefined;
}

/** Fewest words a heading-less text needs to be imported as a postmortem. */
const MIN_PROSE_WORDS = 15;

/** A first line that reads as a title: short, not a sentence, not a list item or a field. */
const isTitleLine = (line: string): boolean =>
  wordCount(line) > 0 && wordCount(line) <= 15 && !/[.:;,]$/.test(line) && !startsListOrQuote(line);

/** True when the front matter carries any postmortems.app / Casebook metadata. */
const hasMeta = (m: SourceMeta): boolean =>
  Boolean(m.title || m.summary || m.url || m.company || m.uuid || m.startTime || m.date);

/** Parses one Markdown file. `label` names it in the report and in errors. */
export function parseMarkdownSource(raw: string, label: string): SourceDocument | SourceFailure {
  const text = raw.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (!text.trim())
    return {
      label,
      message: `${label}: the file is empty. Nothing to import; remove it from the batch or add the review text.`,
    };

  let meta = emptyMeta();
  const verbatim: SourceSection[] = [];
  let body = text;
  const fm = startsWithFrontMatter(text) ? splitFrontMatter(text) : null;
  if (fm) {
    if (fm.errors.length) {
      const e = fm.errors[0];
      return {
        label,
        message: `${label}:${e?.line ?? 1}: broken YAML front matter (${e?.message}). Fix the YAML between the \`---\` lines, or remove the block.`,
      };
    }
    if (fm.data && typeof fm.data === 'object' && !Array.isArray(fm.data))
      meta = metaFromRecord(fm.data as Record<string, unknown>);
    const yamlText = text
      .split('\n')
      .slice(1, fm.bodyLine - 2)
      .join('\n')
      .trim();
    if (yamlText)
      verbatim.push({ heading: 'Original front matter', text: '```yaml\n' + yamlText + '\n```' });
    body = fm.body;
  }

  const lines = body.split('\n');
  const found = headingsOf(body);
  const titleHeading = titleHeadingOf(found);
  if (titleHeading) meta.title ??= titleHeading.text;
  const sectionHeadings = found.filter((h) => h !== titleHeading);
  const content = sectionHeadings.filter((h) => !h.metadata);
  const level = Math.min(...(content.length ? content : sectionHeadings).map((h) => h.level));
  const tops = sectionHeadings.filter((h) => h.level === level || (h.metadata && h.level < level));

  const firstTop = tops[0]?.line ?? lines.length;
  const preambleLines = lines
    .slice(0, firstTop)
    .filter((_, i) => !titleHeading || i < titleHeading.line || i > titleHeading.end);
  const { fields, other } = preambleFields(preambleLines);
  for (const field of fields) if (field.meta) applyMetaField(meta, field);
  const metaLines = fields.filter((f) => f.meta).flatMap((f) => f.lines);
  if (metaLines.length) verbatim.push({ heading: 'Source details', text: metaLines.join('\n') });

  const sections: SourceSection[] = [];
  const intro = other.join('\n').trim();
  if (intro) sections.push({ heading: PREAMBLE_HEADING, text: intro });
  for (const field of fields)
    if (!field.meta && field.value.trim())
      sections.push({ heading: field.label, text: field.value.trim() });
  tops.forEach((heading, i) => {
    const end = tops[i + 1]?.line ?? lines.length;
    sections.push(
      ...splitSubsections(
        heading,
        lines,
        end,
        sectionHeadings.filter(
          (h) => h.line > heading.line && h.line < end && h.level === level + 1,
        ),
      ),
    );
  });

  if (!tops.length && intro) {
    // Prose without section headings (a blog post, a postmortems.app body): a short first line
    // is the title; the paragraphs are placed by content.
    const [first = '', ...rest] = intro.split('\n');
    const lead = first.replace(/[*_]+/g, '').trim();
    const titleLine = !meta.title && rest.length && !rest[0]?.trim() && isTitleLine(lead);
    if (titleLine) meta.title = lead;
    const description = titleLine ? rest.join('\n').trim() : intro;
    if (
      !found.length &&
      !fields.length &&
      !hasMeta(meta) &&
      wordCount(description) < MIN_PROSE_WORDS
    )
      return {
        label,
        message: `${label}: no Markdown headings and only ${wordCount(description)} words of text. Import needs the postmortem text: add it, or headings such as "## Summary" and "## Timeline".`,
      };
    sections.splice(0, 1, ...descriptionSections(description, Boolean(meta.summary)));
  } else {
    // Headings that give no answer (the preamble, unknown wordings): paragraphs placed by content.
    // A preamble with no signal is the Summary when the document has none, else supporting.
    const hasSummary =
      Boolean(meta.summary) ||
      sections.some((s) => s.text && (s.to ?? destinationOf(s.heading).to) === 'summary');
    for (let i = sections.length - 1; i >= 0; i--) {
      const section = sections[i];
      if (!section || section.to || !section.text) continue;
      const preamble = section.heading === PREAMBLE_HEADING;
      if (!preamble && isKnownHeading(section.heading)) continue;
      const parts = classifyBlocks(
        section.text,
        preamble && !hasSummary ? { fallback: 'summary' } : {},
      );
      if (parts.every((p) => !p.slot)) continue;
      sections.splice(
        i,
        1,
        ...parts.map((p): SourceSection => ({
          heading: section.heading,
          text: p.text,
          to: p.slot ?? 'supporting',
        })),
      );
    }
  }
  if (meta.summary) sections.unshift({ heading: 'Summary', text: meta.summary, to: 'summary' });
  if (!sections.some((s) => s.text) && !meta.title) {
    return {
      label,
      message: `${label}: the file has headings but no text under them. Nothing to import.`,
    };
  }
  return { label, hashText: text.trim(), meta, sections, verbatim };
}
