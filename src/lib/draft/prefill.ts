/**
 * Prefilled front matter for a draft: date, services, suggested failure modes, related ids,
 * authors, impact, timeline and action items drawn from the notes and the related incidents.
 * Every value is valid for `status: draft`, so `casebook check` passes the draft. Pure.
 */
import type { FailureMode } from '../review/taxonomy.ts';
import type { ReviewFileFrontMatter } from '../review/file.ts';
import { classifyNotes, type NoteLine } from './lines.ts';
import {
  servicesInvolved,
  severityInText,
  suggestFailureModes,
  timelineKinds,
} from '../classify/index.ts';
import type { RelatedIncident } from './related.ts';

export type PrefillTimelineEntry = ReviewFileFrontMatter['timeline'][number];

export interface PrefillActionItem {
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
  status: 'draft';
  timeline: PrefillTimelineEntry[];
  actionItems: PrefillActionItem[];
}

/** Service names from the notes: the components that failed first, never a ruled-out suspect. */
export const servicesOf = (notes: string, limit = 6): string[] => servicesInvolved(notes, limit);

const DATE = /\b(\d{4}-\d{2}-\d{2})\b/;

/** The incident day: the first ISO date in the notes, else today by the injected clock. */
export function incidentDate(notes: string, now: Date): string {
  return DATE.exec(notes)?.[1] ?? now.toISOString().slice(0, 10);
}

/** Turns a note line's leading time into an ISO timestamp on `day` (handles "13:41 UTC", "2026-05-03T13:10Z", "09:31:40"). */
export function timestampOf(time: string, day: string): string | null {
  const m = /^(?:(\d{4}-\d{2}-\d{2})[T ])?(\d{1,2}):(\d{2})(?::(\d{2}))?/.exec(time.trim());
  if (!m) return null;
  const date = m[1] ?? day;
  const iso = `${date}T${(m[2] ?? '0').padStart(2, '0')}:${m[3]}:${m[4] ?? '00'}Z`;
  return Number.isNaN(new Date(iso).getTime()) ? null : iso;
}

const addDays = (day: string, n: number) =>
  new Date(new Date(`${day}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

/** Timeline entries from the timestamped note lines, in chronological order, with inferred kinds. */
export function timelineOf(lines: readonly NoteLine[], day: string): PrefillTimelineEntry[] {
  let currentDay = day;
  let previous: number | undefined;
  const entries: { at: string; event: string; order: number }[] = [];
  lines.forEach((line, order) => {
    if (!line.time) return;
    const explicitDay = DATE.exec(line.time)?.[1];
    if (explicitDay) currentDay = explicitDay;
    let at = timestampOf(line.time, currentDay);
    if (!at) return;
    // A clock time far earlier than the previous one means the incident crossed midnight.
    if (
      !explicitDay &&
      previous !== undefined &&
      new Date(at).getTime() < previous - 6 * 3_600_000
    ) {
      currentDay = addDays(currentDay, 1);
      at = timestampOf(line.time, currentDay) ?? at;
    }
    previous = new Date(at).getTime();
    entries.push({ at, event: line.text, order });
  });
  entries.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order);
  const kinds = timelineKinds(entries.map((e) => e.event));
  return entries.map(({ at, event }, i) => {
    const kind = kinds[i];
    return kind ? { at, event, kind } : { at, event };
  });
}

/** Action items from the follow-up lines; the owner comes from a trailing "(team)" when present. */
export function actionItemsOf(lines: readonly NoteLine[]): PrefillActionItem[] {
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
export function authorsOf(notes: string): string[] {
  const found = new Set<string>();
  for (const m of notes.matchAll(
    /\b(?:notes(?: by)?|scribe|authors?|written by)\s*:\s*([A-Za-z][\w.\- ]{1,40}?)(?=\s*(?:[,/(]|$|\n|\bIC\b))/gim,
  )) {
    const name = (m[1] ?? '').trim();
    if (name && !/^(?:raw|rough|todo|me|us|we|i)$/i.test(name)) found.add(name);
  }
  return [...found];
}

/** A kebab-case slug of at most `max` characters. */
export function slugify(text: string, max = 60): string {
  const slug = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= max) return slug || 'incident';
  const cut = slug.slice(0, max);
  return cut
    .slice(0, cut.lastIndexOf('-') > max / 2 ? cut.lastIndexOf('-') : max)
    .replace(/-+$/, '');
}

/** The notes' title: the first heading or first line, without dates and "notes" boilerplate. */
export function notesTitle(notes: string): string {
  const first =
    notes
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find(Boolean) ?? '';
  return first
    .replace(/^#+\s*/, '')
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
  /** The injected clock. */
  now: Date;
}

/** Front matter for a new draft from the notes and related incidents. */
export function prefill(input: PrefillInput): Prefill {
  const lines = classifyNotes(input.notes);
  const date = incidentDate(input.notes, input.now);
  const sev = severityInText(input.notes);
  const services = servicesOf(input.notes);
  const timeline = timelineOf(lines, date);
  while (timeline.length < 2) {
    const last = timeline[timeline.length - 1]?.at;
    timeline.push({
      at: last ?? `${date}T00:00:00Z`,
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
    status: 'draft',
    services: services.length ? services : ['TODO: service'],
    failureModes,
    authors: authorsOf(input.notes).length ? authorsOf(input.notes) : ['TODO: authors'],
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
