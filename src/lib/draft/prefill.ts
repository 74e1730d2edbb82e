/**
 * Prefilled front matter for a draft: date, services, suggested failure modes, related ids,
 * authors, impact, timeline and action items drawn from the notes and the related incidents.
 * Every value is valid for `status: draft`, so `casebook check` passes the draft. Pure.
 */
import type { FailureMode } from '../review/taxonomy.ts';
import type { ReviewFileFrontMatter } from '../review/file.ts';
import { AUTHOR_PLACEHOLDER } from '../review/missing.ts';
import { classifyNotes, type NoteLine } from './lines.ts';
import {
  servicesInvolved,
  severityInText,
  suggestFailureModes,
  timelineKinds,
} from '../classify/index.ts';
import type { RelatedIncident } from './related.ts';
import { addDays } from '../util/dates.ts';
import {
  declaredZone,
  findDate,
  timeMentions,
  toUtc,
  weekdayMatches,
  weekdayOf,
} from '../facts/index.ts';
import { slugify as slugText } from '../util/slug.ts';
import { headings, parseMarkdown } from '../markdown/index.ts';

export type PrefillTimelineEntry = ReviewFileFrontMatter['timeline'][number];

interface PrefillActionItem {
  title: string;
  owner: string;
  status: 'open';
}

/** Front matter values for a new draft (written by `renderDraftFrontMatter`). */
export interface Prefill extends Omit<
  ReviewFileFrontMatter,
  'status' | 'timeline' | 'actionItems' | 'source'
> {
  /** True when the severity was found in the notes; otherwise it is a guess to confirm. */
  severityFromNotes: boolean;
  /** A `TODO:` comment on the date: none in the notes, or a weekday that does not match it. */
  dateTodo?: string;
  status: 'draft';
  timeline: PrefillTimelineEntry[];
  actionItems: PrefillActionItem[];
}

/** Service names from the notes: the components that failed first, never a ruled-out suspect. */
const servicesOf = (notes: string, limit = 6): string[] => servicesInvolved(notes, limit);

/** The value written for `date` when the notes give none (never today's date). */
const DATE_TODO = 'TODO: the incident date (YYYY-MM-DD); the notes give none';

const WEEKDAY = /\b(mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\b/i;

const capitalized = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;

/**
 * The incident day from the notes (`time.ts`'s `findDate`: ISO, "Jan 14, 2026", "10/14/2022",
 * ranges → their start), or undefined. `todo` says what to check: no date in the notes, or a
 * weekday the notes name that is not the date's weekday.
 */
function incidentDate(notes: string): { day?: string; todo?: string } {
  const day = findDate(notes);
  const weekday = notes
    .split(/\r?\n/)
    .slice(0, 12)
    .map((l) => WEEKDAY.exec(l)?.[0])
    .find((w) => w && /day$/i.test(w));
  if (!day)
    return {
      todo: weekday
        ? `TODO: the notes say ${weekday} but give no date`
        : 'TODO: the notes give no date',
    };
  if (weekday && !weekdayMatches(day, weekday))
    return {
      day,
      todo: `TODO: the notes say ${weekday}, but ${day} is a ${capitalized(weekdayOf(day))}; check the date`,
    };
  return { day };
}

/** An ISO 8601 UTC timestamp without milliseconds. */
const isoUtc = (d: Date): string => d.toISOString().replace(/\.000Z$/, 'Z');

/** Marked on an event whose time the notes give without a zone (the time is read as UTC). */
const ZONE_TODO = 'TODO: zone';

/**
 * Timeline entries from the timestamped note lines, in chronological order, with inferred kinds.
 * Times in a stated zone (on the time, carried from an earlier time, or declared for the notes:
 * "all times PST") are converted to UTC, the original staying in the event text; a time with no
 * zone at all is read as UTC and its event marked `TODO: zone`. Without a day, `at` is a TODO.
 */
export function timelineOf(
  lines: readonly NoteLine[],
  day: string | undefined,
  declared?: number,
): PrefillTimelineEntry[] {
  let currentDay = day;
  let previousLocal: number | undefined;
  let zone = declared;
  const entries: { at: string; event: string; order: number }[] = [];
  lines.forEach((line, order) => {
    if (!line.time) return;
    const t = timeMentions(line.time)[0];
    if (!t) return;
    if (t.offset !== undefined) zone = t.offset;
    if (t.day) currentDay = t.day;
    const local = t.hour * 60 + t.minute + t.second / 60;
    // A clock time far earlier than the previous one means the incident crossed midnight.
    if (!t.day && currentDay && previousLocal !== undefined && local < previousLocal - 6 * 60)
      currentDay = addDays(currentDay, 1);
    previousLocal = local;
    const event = zone === undefined ? `${line.text} (${ZONE_TODO})` : line.text;
    const at = currentDay
      ? isoUtc(toUtc(currentDay, t.hour, t.minute, t.second, zone ?? 0))
      : `TODO: date, ${t.text.trim()}`;
    entries.push({ at, event, order });
  });
  entries.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order);
  const kinds = timelineKinds(entries.map((e) => e.event));
  return entries.map(({ at, event }, i) => {
    const kind = kinds[i];
    return kind ? { at, event, kind } : { at, event };
  });
}

/** Action items from the follow-up lines; the owner comes from a trailing "(team)" when present. */
function actionItemsOf(lines: readonly NoteLine[]): PrefillActionItem[] {
  return lines
    .filter((l) => l.bucket === 'actions')
    .map((l) => {
      const owner =
        /\(((?:[\w.-]+ )*(?:team|sre|ops|netops|on-?call|platform|infra)|[a-z]+\.[a-z]+)\)\s*$/i
          .exec(l.text)?.[1]
          ?.trim();
      return { title: l.text, owner: owner ?? 'TODO: owner', status: 'open' as const };
    });
}

/** Authors from "notes by: x", "notes: x", "scribe: x", "author: x". */
function authorsOf(notes: string): string[] {
  const found = new Set<string>();
  for (const m of notes.matchAll(
    /\b(?:notes(?: by)?|scribe|authors?|written by)\s*:\s*([A-Za-z][\w.\- ]{1,40}?)(?=\s*(?:[,/(]|$|\n|\bIC\b))/gim,
  )) {
    const name = (m[1] ?? '').trim();
    if (name && !/^(?:raw|rough|todo|me|us|we|i)$/i.test(name)) found.add(name);
  }
  return [...found];
}

/** A kebab-case slug of at most `max` characters (util/slug.ts), "incident" when empty. */
export const slugify = (text: string, max = 60): string => slugText(text, max) || 'incident';

/** The notes' title: the first heading or first line, without dates and "notes" boilerplate. */
export function notesTitle(notes: string): string {
  const first =
    notes
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find(Boolean) ?? '';
  const heading = headings(parseMarkdown(first), first)[0]?.text ?? first;
  return heading
    .replace(/\(.*?\)/g, ' ')
    .replace(/\b\d{4}-\d{2}-\d{2}\b/g, ' ')
    .replace(/\b(?:raw\s+)?notes\b/gi, ' ')
    .replace(/[—–|:]+/g, ' ')
    .replace(/\s+-\s+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface PrefillInput {
  /** Redacted notes. */
  notes: string;
  taxonomy: readonly FailureMode[];
  related: readonly RelatedIncident[];
  /** The injected clock (kept for callers; the date comes from the notes, never the clock). */
  now?: Date;
}

/** Front matter for a new draft from the notes and related incidents. */
export function prefill(input: PrefillInput): Prefill {
  const lines = classifyNotes(input.notes);
  const { day, todo: dateTodo } = incidentDate(input.notes);
  const date = day ?? DATE_TODO;
  const sev = severityInText(input.notes);
  const services = servicesOf(input.notes);
  const timeline = timelineOf(lines, day, declaredZone(input.notes));
  while (timeline.length < 2) {
    const last = timeline[timeline.length - 1]?.at;
    timeline.push({
      at: last ?? (day ? `${day}T00:00:00Z` : 'TODO: date and time'),
      event: timeline.length
        ? 'TODO: add the resolution time from the notes'
        : 'TODO: add the start of impact from the notes',
      kind: 'note',
    });
  }
  const impactLines = lines.filter(
    (l) =>
      l.bucket === 'impact' ||
      (l.bucket !== 'investigation' &&
        /\b(?:customers?|users?)\b.*\b(?:failed|saw|could not|couldn't|errors?)\b|\b\d+(?:\.\d+)?% of\b|\b(?:5xx|error rate)\b.*\d+(?:\.\d+)?%\s*(?:->|→)\s*\d/i.test(
          l.text,
        )),
  );
  const actionItems = actionItemsOf(lines);
  const title = notesTitle(input.notes);
  const failureModes = suggestFailureModes(input.notes, input.taxonomy, input.related);
  return {
    title: `TODO: name the mechanism, not the symptom (notes: ${title || 'untitled'})`,
    date,
    severity: sev ?? 'SEV3',
    severityFromNotes: Boolean(sev),
    ...(dateTodo ? { dateTodo } : {}),
    status: 'draft',
    services: services.length ? services : ['TODO: service'],
    failureModes,
    authors: authorsOf(input.notes).length ? authorsOf(input.notes) : [AUTHOR_PLACEHOLDER],
    tags: [],
    // `related` is a claim readers follow: only matches that share a suggested failure mode.
    // The rest stay in the draft's "Related incidents" section for the author to compare.
    related: input.related
      .filter((r) => r.failureModes.some((m) => failureModes.includes(m)))
      .map((r) => r.id),
    impact: impactLines.length
      ? impactLines.map((l) => l.text).join(' ')
      : 'TODO: what users saw, with numbers',
    timeline,
    actionItems: actionItems.length
      ? actionItems
      : [{ title: 'TODO: follow-up actions from the notes', owner: 'TODO: owner', status: 'open' }],
  };
}
