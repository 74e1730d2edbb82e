/**
 * `SourceDocument` → a Casebook review (front matter + body) and a report of what went where.
 * Nothing is dropped: mapped material goes to its section, everything else to "Supporting
 * information"; required sections with no material get a `TODO:`; required fields the source
 * lacks are synthesised and listed. Pure: the clock and the taxonomy are passed in.
 */
import type { ReviewFileFrontMatter } from '../review/file.ts';
import { UNKNOWN_SEVERITY } from '../review/schema.ts';
import { AUTHOR_PLACEHOLDER, missingFields } from '../review/missing.ts';
import { createHash } from 'node:crypto';
import { REQUIRED_SECTIONS, type ActionItem, type TimelineEntry } from '../review/schema.ts';
import type { FailureMode } from '../review/taxonomy.ts';
import {
  DESTINATION_SECTION,
  destinationOf,
  fieldValueOf,
  headingKey,
  type Destination,
} from './headings.ts';
import { parseTimeline, timelineFromTimes } from './timeline.ts';
import { parseActionItems, UNASSIGNED } from './action-items.ts';
import {
  classifyBlocks,
  mapFailureModes,
  scoreFailureModes,
  severityOf,
  UNCLASSIFIED,
  type FailureModeMapping,
  type RelatedModes,
} from '../classify/index.ts';
import {
  dateInPath,
  dateInValue,
  dayOf,
  declaredZone,
  findDate,
  monthInText,
  timeMentions,
} from '../facts/time.ts';
import { slugify } from '../util/slug.ts';
import { headings, isFenceLine, parseMarkdown, proseBlocks } from '../markdown/index.ts';
import type { SourceDocument } from './source.ts';

/** A required field the source did not provide, and how it was filled. */
interface Synthesised {
  field:
    | 'title'
    | 'date'
    | 'severity'
    | 'services'
    | 'authors'
    | 'impact'
    | 'timeline'
    | 'actionItems'
    | 'failureModes';
  /** What was done, for the report. */
  how: string;
  /** True when the value is a stand-in (TODO text or a guess) that a person must replace before publishing. */
  placeholder: boolean;
}

export interface MappingReport {
  /** Source heading (or field) → where its material went: a section name, or `impact`, `timeline`, `actionItems`. */
  mapped: { from: string; to: string; words: number }[];
  /** Required sections filled with a `TODO:` because the source had nothing for them. */
  todoSections: string[];
  synthesised: Synthesised[];
  failureModes: FailureModeMapping;
  timelineEntries: number;
  /** Lines with a time of day in the source's timeline material (the figure timeline entries are measured against). */
  timestampedLines: number;
  actionItems: number;
  status: 'imported' | 'published';
  /** Why `--publish` was not honoured (empty when published or not asked). */
  publishBlockedBy: string[];
}

/** The front matter of an imported review: the file shape, always with its source. */
type ImportedFrontMatter = ReviewFileFrontMatter & {
  status: 'imported' | 'published';
  source: { url?: string; company?: string; importedFrom: string; contentHash: string };
};

export interface MappedReview {
  /** Suggested id (file name without .md); `write.ts` makes it unique. */
  id: string;
  frontMatter: ImportedFrontMatter;
  body: string;
  report: MappingReport;
}

export interface MapOptions {
  taxonomy: readonly FailureMode[];
  /** The clock: the date of last resort when the source has none. */
  now: Date;
  /** Ask for `status: published` (honoured only when nothing is TODO or a placeholder). */
  publish?: boolean | undefined;
  /**
   * The failure modes of similar past reviews (the similarity engine, past its relevance cutoff),
   * best first: they rank the modes the text itself points at, never add one.
   */
  related?: readonly RelatedModes[] | undefined;
}

/** A document's own words, what failure modes are suggested from: its title and material. */
export function documentText(doc: SourceDocument, title = doc.meta.title ?? ''): string {
  return [title, ...doc.sections.map((s) => s.text)].join('\n');
}

/**
 * Whether the document's failure modes will be suggested from its text: none of its source
 * categories or keywords names a mode. Only then is the similarity engine worth asking.
 */
export function needsTextSuggestion(
  doc: SourceDocument,
  taxonomy: readonly FailureMode[],
): boolean {
  return mapFailureModes([...doc.meta.categories, ...doc.meta.keywords], taxonomy).unclassified;
}

const TODO_TEXT: Record<(typeof REQUIRED_SECTIONS)[number], string> = {
  Summary:
    'TODO: the source has no summary. Write three to six sentences: what broke, for whom, for how long, why.',
  'Detailed mechanism':
    'TODO: the source has no material for this section. Describe the causal chain with the specifics: config keys and values, versions, error signatures, numbers.',
  'Contributing factors':
    'TODO: the source has no material for this section. List the contributing factors and how they combined.',
  'Investigation path':
    'TODO: the source has no material for this section. Describe what responders looked at, in order, including dead ends.',
  'Systemic factors':
    'TODO: the source has no material for this section. Explain why the system allowed it: review, staging, alerting, ownership.',
};

/** sha256 of the source text: the re-import key when the source has no URL. */
export const contentHash = (text: string): string =>
  createHash('sha256').update(text.replace(/\r\n?/g, '\n').trim()).digest('hex');

/**
 * Shifts the headings in `text` (ATX or setext, read by the Markdown module) so that the
 * shallowest is at least `minLevel` (e.g. 3 inside a section, so no source heading can start a
 * new `## ` section). Shifted headings are written in ATX style; code is left alone.
 */
export function demoteHeadings(text: string, minLevel: number): string {
  const found = headings(parseMarkdown(text), text);
  const shallowest = Math.min(7, ...found.map((h) => h.depth));
  const shift = Math.max(0, minLevel - shallowest);
  if (!shift) return text;
  const lines = text.split('\n');
  for (const h of [...found].reverse()) {
    const depth = Math.min(6, h.depth + shift);
    lines.splice(h.line - 1, h.endLine - h.line + 1, `${'#'.repeat(depth)} ${h.text}`.trimEnd());
  }
  return lines.join('\n');
}

/** Words in a text (runs of letters or digits), for the import figures. */
const WORD = /[\p{L}\p{N}]+/gu;
export const wordCount = (text: string): number => (text.match(WORD) ?? []).length;

/** Where the report says verbatim field values went when they fill front-matter fields. */
const STRUCTURED_FIELDS = 'front-matter fields (text also kept in Supporting information)';

/** Lower-cased words of a text, counted (a multiset). */
function wordBag(text: string): Map<string, number> {
  const bag = new Map<string, number>();
  for (const w of text.toLowerCase().match(WORD) ?? []) bag.set(w, (bag.get(w) ?? 0) + 1);
  return bag;
}

/**
 * Words of a verbatim block of source fields (front matter, record fields, `Label: value` lines):
 * values only, since a label is to a field what a heading is to a section and headings are not
 * counted either; each value word is `structured` when the front matter carries it (consumed
 * from `written`), else `other`.
 */
function verbatimWords(
  text: string,
  written: Map<string, number>,
): { structured: number; other: number } {
  let structured = 0;
  let other = 0;
  for (const line of text.split('\n')) {
    if (isFenceLine(line)) continue;
    for (const w of (fieldValueOf(line) ?? line).toLowerCase().match(WORD) ?? []) {
      const left = written.get(w) ?? 0;
      if (left > 0) {
        written.set(w, left - 1);
        structured++;
      } else other++;
    }
  }
  return { structured, other };
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();
const firstSentence = (text: string): string =>
  collapse(/^(.+?[.!?])(\s|$)/s.exec(text)?.[1] ?? text);
const truncate = (text: string, max: number): string =>
  text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, '')}…`;
const iso = (date: Date): string => date.toISOString().replace(/\.000Z$/, 'Z');

/** Service names from the source: `services`, else `product` (company-prefixed), else the company. */
function servicesOf(doc: SourceDocument): { services: string[]; synth?: Synthesised } {
  const { meta } = doc;
  const kebab = (s: string) => slugify(s.replace(/\([^)]*\)/g, ' '), 50);
  if (meta.services.length)
    return { services: [...new Set(meta.services.map(kebab).filter(Boolean))] };
  const company = meta.company ? kebab(meta.company) : '';
  if (meta.product) {
    const products = meta.product
      .split(/\s*(?:,|;|\band\b|&)\s*/)
      .map(kebab)
      .filter(Boolean);
    const named = products.map((p) =>
      company && !p.startsWith(company.split('-')[0] ?? company) ? `${company}-${p}` : p,
    );
    if (named.length)
      return {
        services: [...new Set(named)],
        synth: {
          field: 'services',
          how: `from product "${meta.product}"${meta.company ? ` and company "${meta.company}"` : ''}`,
          placeholder: false,
        },
      };
  }
  if (company)
    return {
      services: [company],
      synth: { field: 'services', how: `from company "${meta.company}"`, placeholder: false },
    };
  // None known: no services (allowed while imported), never a made-up name counted as a service.
  return {
    services: [],
    synth: {
      field: 'services',
      how: 'none: the source names no service, product or company',
      placeholder: true,
    },
  };
}

/** How the report names a destination: the section, or the front-matter field (whose source text is also kept). */
function destinationLabel(to: Destination): string {
  if (to === 'impact' || to === 'timeline' || to === 'actionItems')
    return `${to} (text also kept in Supporting information)`;
  return DESTINATION_SECTION[to];
}

interface Bucket {
  heading: string;
  text: string;
}

/** Renders one section's material: a `### <source heading>` when the source heading differs from the section name. */
function renderParts(section: string, parts: readonly Bucket[]): string {
  // Consecutive parts from the same source heading (paragraphs placed one by one) read as one.
  const merged: Bucket[] = [];
  for (const p of parts.filter((x) => x.text.trim())) {
    const last = merged[merged.length - 1];
    if (last && last.heading === p.heading) last.text = `${last.text}\n\n${p.text}`;
    else merged.push({ ...p });
  }
  return merged
    .map((p) =>
      headingKey(p.heading) === headingKey(section)
        ? demoteHeadings(p.text, 3)
        : `### ${p.heading}\n\n${demoteHeadings(p.text, 4)}`,
    )
    .join('\n\n');
}

/** Required sections a long Summary may fill, by content, when no heading gave them material. */
const FILLED_FROM_SUMMARY = ['mechanism', 'contributing', 'investigation', 'systemic'] as const;
type FilledFromSummary = (typeof FILLED_FROM_SUMMARY)[number];

/**
 * A Summary of several paragraphs often also tells what the document has no section for: its
 * later paragraphs that read (by the shared paragraph classifier) as the mechanism, the
 * investigation, contributing or systemic factors move to those sections when no heading gave
 * them material. The first paragraph always stays the Summary. Updates the report's words.
 */
function fillFromSummary(buckets: Map<Destination, Bucket[]>, mapped: MappingReport['mapped']) {
  const empty: readonly string[] = FILLED_FROM_SUMMARY.filter(
    (d) => !(buckets.get(d) ?? []).some((p) => p.text),
  );
  const fills = (slot: string | undefined): slot is FilledFromSummary =>
    slot !== undefined && empty.includes(slot);
  const summary = buckets.get('summary');
  if (!empty.length || !summary) return;
  const kept: Bucket[] = [];
  for (const part of summary) {
    const runs = classifyBlocks(part.text, { first: 'summary' });
    for (const run of runs) {
      const to = run.slot;
      if (!fills(to)) {
        kept.push({ heading: part.heading, text: run.text });
        continue;
      }
      buckets.set(to, [...(buckets.get(to) ?? []), { heading: part.heading, text: run.text }]);
      const words = wordCount(run.text);
      const from = mapped.find(
        (m) => m.from === part.heading && m.to === DESTINATION_SECTION.summary && m.words >= words,
      );
      if (from) from.words -= words;
      mapped.push({ from: part.heading, to: DESTINATION_SECTION[to], words });
    }
  }
  buckets.set('summary', kept);
}

/** Maps one source document. */
export function mapDocument(doc: SourceDocument, options: MapOptions): MappedReview {
  const { meta } = doc;
  const mapped: MappingReport['mapped'] = [];
  const synthesised: Synthesised[] = [];
  const notes: string[] = [];
  const buckets = new Map<Destination, Bucket[]>();
  const add = (to: Destination, part: Bucket) =>
    buckets.set(to, [...(buckets.get(to) ?? []), part]);
  // Investigation path reads in incident order: how it was detected, then the response, then the fix.
  const investigationRank = (heading: string) =>
    /detect/.test(headingKey(heading))
      ? 0
      : /resol|fix|mitigat|recover/.test(headingKey(heading))
        ? 2
        : 1;

  const destinations = doc.sections.map((s) => ({
    section: s,
    to: s.to ?? destinationOf(s.heading).to,
  }));
  for (const { section, to } of destinations) {
    if (!section.text) continue;
    add(to, { heading: section.heading, text: section.text });
    mapped.push({
      from: section.heading,
      to: destinationLabel(to),
      words: wordCount(section.text),
    });
  }
  fillFromSummary(buckets, mapped);
  const investigation = buckets.get('investigation');
  if (investigation)
    buckets.set(
      'investigation',
      investigation
        .map((part, i) => ({ part, i }))
        .sort(
          (a, b) =>
            investigationRank(a.part.heading) - investigationRank(b.part.heading) || a.i - b.i,
        )
        .map((x) => x.part),
    );

  // Date: the source's date or start time, else a dated timeline line, else a date in the text, else today.
  const knownDay = dateInValue(meta.date) ?? dayOf(meta.startTime);
  // The text first (a range gives its start day), then the file or folder name, then the URL.
  const text = [meta.title ?? '', ...doc.sections.map((s) => s.text)].join('\n');
  const url = (meta.url ?? '').replace(/^.*web\.archive\.org\/web\/\d+[a-z_]*\//i, '');
  const inText = findDate(text);
  const inName = inText ? undefined : (dateInPath(doc.label) ?? findDate(url) ?? dateInPath(url));
  const timelineParts = buckets.get('timeline') ?? [];
  // Timeline lines without a year ("May 9, 10:18 AM") take it from the best day known so far.
  // A zone stated in the heading ("Timeline (all times CET)") holds for the whole part.
  const parsedTimeline = timelineParts.flatMap((p) => {
    const zone = declaredZone(p.heading);
    return parseTimeline(p.text, {
      defaultDay: knownDay ?? inText ?? inName,
      markZones: true,
      ...(zone === undefined ? {} : { zoneMinutes: zone }),
    }).entries;
  });
  let date = knownDay;
  if (date && meta.dateKind === 'source_published') {
    synthesised.push({
      field: 'date',
      how: `${date} is when the source was published, not when the incident started`,
      placeholder: true,
    });
    notes.push(
      `TODO: the date ${date} is the source's publication date; set the day the incident started.`,
    );
  }
  if (!date && parsedTimeline[0]) {
    date = iso(parsedTimeline[0].at).slice(0, 10);
    synthesised.push({ field: 'date', how: 'from the first timeline entry', placeholder: false });
  }
  if (!date) {
    const month = inText || inName ? undefined : monthInText(`${text}\n${url}`);
    if (inText) {
      date = inText;
      synthesised.push({
        field: 'date',
        how: `${inText}: the first date in the text`,
        placeholder: false,
      });
      notes.push(`The date ${inText} is the first date in the source's text.`);
    } else if (inName) {
      date = inName;
      synthesised.push({
        field: 'date',
        how: `${inName}: from the file name, folder or URL`,
        placeholder: false,
      });
    } else if (month) {
      date = month;
      synthesised.push({
        field: 'date',
        how: `${month}: the source names only the month`,
        placeholder: true,
      });
      notes.push(
        `TODO: the source names only the month; ${month} is its first day. Set the day the incident started.`,
      );
    } else {
      date = options.now.toISOString().slice(0, 10);
      synthesised.push({
        field: 'date',
        how: `${date}: the import date; the source has none`,
        placeholder: true,
      });
      notes.push(
        `TODO: the source gives no date; ${date} is the import date. Set the day the incident started.`,
      );
    }
  }

  // Title.
  const textForTitle =
    (buckets.get('summary') ?? buckets.get('mechanism') ?? [])[0]?.text ??
    doc.sections.find((s) => s.text)?.text ??
    '';
  let title = meta.title ? collapse(meta.title) : '';
  if (!title) {
    const sentence = textForTitle ? truncate(firstSentence(textForTitle), 110) : '';
    title = sentence
      ? meta.company
        ? `${meta.company}: ${sentence}`
        : sentence
      : `Imported review ${contentHash(doc.hashText).slice(0, 8)}`;
    synthesised.push({
      field: 'title',
      how: sentence
        ? 'from the first sentence of the text'
        : 'a placeholder; the source has no title or text',
      placeholder: !sentence,
    });
    notes.push(
      `TODO: the title was made from ${sentence ? 'the first sentence of the text' : 'nothing'}; rename it to name the mechanism.`,
    );
  }

  // Severity.
  // None stated: `unknown` (allowed while imported), never a made-up SEV counted as a fact.
  const severity = severityOf(meta.severity) ?? UNKNOWN_SEVERITY;
  if (severity === UNKNOWN_SEVERITY) {
    synthesised.push({
      field: 'severity',
      how: `"${UNKNOWN_SEVERITY}"; the source gives ${meta.severity ? `"${meta.severity}", which is not a severity` : 'none'}`,
      placeholder: true,
    });
    notes.push('TODO: the source gives no severity; set SEV1 … SEV4 in place of `unknown`.');
  }

  // Services, authors.
  const { services, synth: serviceSynth } = servicesOf(doc);
  if (serviceSynth) {
    synthesised.push(serviceSynth);
    notes.push(
      `${serviceSynth.placeholder ? 'TODO: ' : ''}services ${serviceSynth.how}; use the names from your deploy tooling.`,
    );
  }
  let authors = [...new Set(meta.authors)];
  if (!authors.length) {
    authors = [AUTHOR_PLACEHOLDER];
    synthesised.push({
      field: 'authors',
      how: `"${AUTHOR_PLACEHOLDER}"; the source names no author`,
      placeholder: true,
    });
    notes.push('TODO: the source names no author; put the authors in place of the placeholder.');
  }

  // Impact: the first impact material as one paragraph; the full text stays in Supporting information.
  const impactParts = buckets.get('impact') ?? [];
  const impactLines = impactParts.flatMap((p) => proseBlocks(p.text)).map((b) => b.text);
  let impact = impactParts.length ? truncate(collapse(impactLines.join(' ')), 600) : '';
  if (!impact) {
    impact = 'TODO: the source does not state the impact. Say what users saw, with numbers.';
    synthesised.push({ field: 'impact', how: 'TODO placeholder', placeholder: true });
  }

  // Timeline.
  let timeline: TimelineEntry[] = parsedTimeline;
  if (timeline.length < 2) {
    const fromTimes = timelineFromTimes(meta.startTime, meta.endTime).filter(
      (e) => !timeline.some((t) => t.at.getTime() === e.at.getTime()),
    );
    if (fromTimes.length) {
      timeline = [...timeline, ...fromTimes].sort((a, b) => a.at.getTime() - b.at.getTime());
      synthesised.push({
        field: 'timeline',
        how: `${fromTimes.length} entr${fromTimes.length === 1 ? 'y' : 'ies'} from start_time/end_time`,
        placeholder: false,
      });
    }
  }
  if (timeline.length < 2) {
    const missing = 2 - timeline.length;
    const anchor = timeline[timeline.length - 1]?.at ?? new Date(`${date}T00:00:00Z`);
    const placeholders: TimelineEntry[] = [];
    if (missing === 2)
      placeholders.push({
        at: anchor,
        event: `TODO: the source has no timeline; this entry only marks the incident date (${date}).`,
        kind: 'note',
      });
    placeholders.push({
      at: anchor,
      event: 'TODO: add when the incident started, was detected, mitigated and resolved.',
      kind: 'note',
    });
    timeline = [...timeline, ...placeholders];
    synthesised.push({
      field: 'timeline',
      how: `${missing} TODO placeholder entr${missing === 1 ? 'y' : 'ies'}`,
      placeholder: true,
    });
  }

  // Action items.
  const actionParts = buckets.get('actionItems') ?? [];
  let actionItems: ActionItem[] = actionParts.flatMap((p) => parseActionItems(p.text));
  if (!actionItems.length) {
    actionItems = [
      {
        title: `TODO: ${actionParts.length ? 'turn the follow-ups in Supporting information into action items' : 'add the follow-up actions; the source lists none'}.`,
        owner: UNASSIGNED,
        status: 'open',
      },
    ];
    synthesised.push({
      field: 'actionItems',
      how: `one TODO item owned by "${UNASSIGNED}"`,
      placeholder: true,
    });
  }

  // Failure modes.
  const byTerms = mapFailureModes([...meta.categories, ...meta.keywords], options.taxonomy);
  const terms = byTerms.unmatched.length
    ? `(source terms: ${byTerms.unmatched.join(', ')})`
    : '(the source has no categories or keywords)';
  // No term matched: the shared scored suggestion from the text, kept with its score; `unclassified` only when nothing fits.
  const suggested = byTerms.unclassified
    ? scoreFailureModes(documentText(doc, title), options.taxonomy, options.related ?? []).filter(
        (s) => s.slug !== UNCLASSIFIED && s.score > 0,
      )
    : [];
  const failureModes: FailureModeMapping = suggested.length
    ? { ...byTerms, slugs: suggested.map((s) => s.slug), unclassified: false, suggested }
    : byTerms;
  if (suggested.length) {
    const scores = suggested.map((s) => `${s.slug} (score ${s.score})`).join(', ');
    const near = options.related?.length
      ? ` (ranked with ${options.related.length} similar past review${options.related.length === 1 ? '' : 's'})`
      : '';
    synthesised.push({
      field: 'failureModes',
      how: `suggested from the text${near}: ${scores}; no category or keyword matched the taxonomy ${terms}`,
      placeholder: true,
    });
    notes.push(
      `TODO: confirm the failure mode${suggested.length > 1 ? 's' : ''} suggested from the text (${scores}); no source category or keyword matched ${terms}.`,
    );
  } else if (failureModes.unclassified) {
    synthesised.push({
      field: 'failureModes',
      how: `"${failureModes.slugs[0]}": no category or keyword matched the taxonomy ${terms}`,
      placeholder: true,
    });
    notes.push(
      `TODO: no source category or keyword matched a failure mode ${terms}; replace \`${failureModes.slugs[0]}\` with the right mode from content/failure-modes.yaml.`,
    );
  }

  // Body.
  const todoSections: string[] = [];
  const required = REQUIRED_SECTIONS.map((name, i) => {
    const to =
      (['summary', 'mechanism', 'contributing', 'investigation', 'systemic'] as const)[i] ??
      'summary';
    const text = renderParts(name, buckets.get(to) ?? []);
    if (!text) todoSections.push(name);
    return `## ${name}\n\n${text || TODO_TEXT[name]}`;
  });
  const optional: string[] = [];
  const lessons = renderParts('Lessons', buckets.get('lessons') ?? []);
  if (lessons) optional.push(`## Lessons\n\n${lessons}`);
  const supporting = renderParts('Supporting information', [
    ...(buckets.get('supporting') ?? []),
    ...impactParts,
    ...timelineParts,
    ...actionParts,
    ...doc.verbatim,
  ]);
  if (supporting) optional.push(`## Supporting information\n\n${supporting}`);
  if (notes.length) optional.push(`## Import notes\n\n${notes.map((n) => `- ${n}`).join('\n')}`);
  const body = `${[...required, ...optional].join('\n\n')}\n`;

  const tags = [
    ...new Set(
      [...meta.keywords, ...meta.categories].map((t) => collapse(t).toLowerCase()).filter(Boolean),
    ),
  ];
  const frontMatter: ImportedFrontMatter = {
    title,
    date,
    severity,
    status: 'imported',
    services,
    failureModes: failureModes.slugs,
    authors,
    tags,
    related: [],
    impact,
    timeline: timeline.map((e) => ({
      at: iso(e.at),
      event: e.event,
      ...(e.kind ? { kind: e.kind } : {}),
    })),
    actionItems: actionItems.map((a) => ({
      title: a.title,
      owner: a.owner,
      status: a.status,
      ...(a.due ? { due: iso(a.due).slice(0, 10) } : {}),
      ...(a.ticket ? { ticket: a.ticket } : {}),
    })),
    source: {
      ...(meta.url ? { url: meta.url } : {}),
      ...(meta.company ? { company: meta.company } : {}),
      importedFrom: doc.label,
      contentHash: contentHash(doc.hashText),
    },
  };

  // Status: `imported`; `published` only when asked and nothing is TODO or a placeholder (the check's own rule).
  const placeholders = synthesised.filter((s) => s.placeholder).map((s) => s.field);
  const publishBlockedBy = options.publish
    ? [
        ...todoSections.map((s) => `section "${s}" is TODO`),
        ...placeholders.map((field) => `${field} is a placeholder`),
        ...missingFields(frontMatter)
          .filter((m) => !placeholders.includes(m.field))
          .map((m) => m.problem),
      ]
    : [];
  const status = options.publish && !publishBlockedBy.length ? 'published' : 'imported';
  frontMatter.status = status;

  // Verbatim source fields: the words of values written into front-matter fields count there.
  const written = wordBag(
    JSON.stringify([title, date, severity, services, authors, tags, failureModes.slugs]) +
      JSON.stringify([frontMatter.source.url, frontMatter.source.company, frontMatter.timeline]),
  );
  for (const v of doc.verbatim) {
    const words = verbatimWords(v.text, written);
    if (words.structured)
      mapped.push({ from: v.heading, to: STRUCTURED_FIELDS, words: words.structured });
    if (words.other)
      mapped.push({ from: v.heading, to: DESTINATION_SECTION.supporting, words: words.other });
  }

  const id = `${date}-${slugify(title) || `imported-${frontMatter.source.contentHash.slice(0, 8)}`}`;
  return {
    id,
    frontMatter,
    body,
    report: {
      mapped,
      todoSections,
      synthesised,
      failureModes,
      timelineEntries: timeline.filter((e) => !e.event.startsWith('TODO:')).length,
      timestampedLines: timelineParts
        .flatMap((p) => p.text.split('\n'))
        .filter((l) => timeMentions(l).length > 0).length,
      actionItems: actionItems.filter((a) => !a.title.startsWith('TODO:')).length,
      status,
      publishBlockedBy,
    },
  };
}
