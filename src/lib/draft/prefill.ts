/**
 * Prefilled front matter for a draft: date, services, suggested failure modes, related ids,
 * authors, impact, timeline and action items drawn from the notes and the related incidents.
 * Every value is valid for `status: draft`, so `casebook check` passes the draft. Pure.
 */
import type { FailureMode } from '../review/taxonomy.ts';
import type { ReviewFileFrontMatter } from '../review/file.ts';
import { classifyNotes, DEAD_END, type NoteLine } from './lines.ts';
import { extractSpecifics } from './specifics.ts';
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

const SERVICE_TAIL =
  /-(?:api|svc|service|web|edge|gateway|gw|proxy|relay|indexer|runner|worker|workers|sync|app|backend|frontend|bff|router|consumer|producer|scheduler|cron|batch|cache|db|queue|broker|prod|cluster)(?:-\d+)?$/;

/** Service names from the notes: hyphenated names with a service-like tail, in order of appearance. */
export function servicesOf(notes: string, limit = 6): string[] {
  const names = extractSpecifics(notes)
    .filter((s) => s.kind === 'service' && SERVICE_TAIL.test(s.text))
    .map((s) => s.text);
  return [...new Set(names)].slice(0, limit);
}

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

/** A note line that reports users or requests being hurt. */
const IMPACT_SIGNAL =
  /\b(?:5\d\d|5xx|4\d\d)\b|\berrors?\b|\bfail(?:ed|ing|ures?)?\b|\btimeouts?\b|\btimed out\b|\blatency\b|\bp9\d\b|\bBUSY\b|\bunavailable\b|\bdown\b|\d+(?:\.\d+)?%\s*(?:->|→)/i;

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
  const out: PrefillTimelineEntry[] = entries.map(({ at, event }) => ({ at, event }));
  // A step that did not help ("rolled back X ... no change, dead end"), or a question or plan
  // ("rollback now or profile first?"), is not a mitigation.
  const didNotHelp =
    /\b(?:dead end|no change|no effect|did(?:n't| not) help|no improvement|not it|ruled out|suspected|thought)\b|\?/i;
  const first = out[0];
  if (
    first &&
    /\b(?:deploy|deployed|roll(?:ed)? ?out|rollout|push(?:ed)?|merged|bump(?:ed)?|starts?|started|change[ds]?|config)\b/i.test(
      first.event,
    )
  )
    first.kind = 'trigger';
  const detected = out.find(
    (e) =>
      !e.kind &&
      ((/\b(?:page[ds]?|alerted|fired)\b/i.test(e.event) &&
        !/\bno (?:automated )?(?:alert|page)\b/i.test(e.event)) ||
        /\bpaged\b/i.test(e.event)),
  );
  if (detected) detected.kind = 'detected';
  const detectedAt = detected?.at ?? '';
  // Impact starts with the first error signal after the trigger, up to detection.
  const impactStart = out.find(
    (e) =>
      !e.kind &&
      (!detectedAt || e.at <= detectedAt) &&
      IMPACT_SIGNAL.test(e.event) &&
      !didNotHelp.test(e.event),
  );
  if (impactStart) impactStart.kind = 'impact-start';
  const candidates = (pattern: RegExp) =>
    out.filter(
      (e) => !e.kind && e.at >= detectedAt && pattern.test(e.event) && !didNotHelp.test(e.event),
    );
  const resolved = candidates(/\bresolved\b|\ball clear\b|\bback to (?:normal|baseline)\b/i).pop();
  if (resolved) resolved.kind = 'resolved';
  // Done mitigations, in the past tense; never before detection.
  const mitigated = candidates(
    /\brolled ?back\b|\brollback (?:to|done|complete)|\breverted\b|\bcancel+ed\b|\bdisabled\b|\bmitigated\b|\bSCRIPT KILL\b|\bdeleted\b|\bkilled\b|\bscaled (?:up|out)\b|\bfailed over\b/i,
  )[0];
  if (mitigated) mitigated.kind = 'mitigated';
  return out;
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

const STOP = new Set([
  'the',
  'and',
  'for',
  'with',
  'from',
  'that',
  'this',
  'into',
  'are',
  'not',
  'its',
  'but',
  'out',
  'new',
  'all',
  'any',
  'one',
  'usually',
  'often',
  'so',
  'too',
  'them',
  'they',
  'their',
  'than',
  'when',
  'which',
  'while',
  'where',
  'what',
  'has',
  'have',
  'had',
  'was',
  'were',
  'can',
  'may',
  'also',
  'same',
  'more',
  'less',
  'every',
  'each',
  'other',
  'over',
  'under',
  'only',
  'without',
  'because',
  'through',
]);
const words = (text: string) =>
  text
    .toLowerCase()
    .match(/[a-z][a-z0-9]+/g)
    ?.filter((w) => w.length > 2 && !STOP.has(w)) ?? [];

const wordStem = (w: string) => w.replace(/(?:ions|ion|ies|es|s|ed|ing)$/, '');

/** Score at which a failure mode counts as suggested by real evidence. */
export const FAILURE_MODE_EVIDENCE = 2;

/**
 * How strongly the notes point at each failure mode, from evidence only: the mode's name or slug
 * as a phrase (3), a backticked signature from its description such as `ENOSPC` (3), every word of
 * its slug (2, or a share of it), and words that only this mode's description uses (1 from three
 * hits, never enough alone). Words every description shares ("writes", "fail") count for nothing.
 */
export function failureModeEvidence(
  allNotes: string,
  taxonomy: readonly FailureMode[],
): Map<string, number> {
  // What the notes rule out ("suspected X ... ruled out", "a symptom, not the cause") is no evidence for X.
  const notes = allNotes
    .split(/\r?\n/)
    .filter((l) => !DEAD_END.test(l) && !/\bsymptom,? not the cause\b/i.test(l))
    .join('\n');
  const lower = notes.toLowerCase();
  const noteStems = new Set(words(notes).map(wordStem));
  const modes = taxonomy.filter((m) => m.slug !== 'unclassified');
  const descStems = new Map(
    modes.map((m) => [m.slug, new Set(words(`${m.name} ${m.description}`).map(wordStem))]),
  );
  const score = new Map<string, number>();
  for (const mode of modes) {
    let s = 0;
    const phrase = mode.slug.replace(/-/g, ' ');
    if (
      lower.includes(mode.name.toLowerCase()) ||
      new RegExp(`\\b${phrase.replace(/ /g, '[ -]')}`).test(lower)
    )
      s += 3;
    const signatures = [...mode.description.matchAll(/`([^`]+)`/g)].map((m) =>
      (m[1] ?? '').toLowerCase(),
    );
    if (signatures.some((sig) => sig.length > 3 && lower.includes(sig))) s += 3;
    const slugWords = mode.slug
      .split('-')
      .filter((w) => !STOP.has(w))
      .map(wordStem);
    const slugHits = slugWords.filter((w) => noteStems.has(w)).length;
    s += slugHits === slugWords.length ? 2 : slugHits / Math.max(1, slugWords.length);
    const own = [...(descStems.get(mode.slug) ?? [])].filter(
      (w) => ![...descStems].some(([slug, set]) => slug !== mode.slug && set.has(w)),
    );
    const ownHits = own.filter((w) => noteStems.has(w)).length;
    // Description words alone never make a suggestion: at most 1, from three words only this mode uses.
    s += ownHits >= 3 ? 1 : 0;
    score.set(mode.slug, s);
  }
  return score;
}

/**
 * Failure modes suggested for the notes: modes with real evidence in the notes
 * (`failureModeEvidence` of at least FAILURE_MODE_EVIDENCE) or backed by the related incidents
 * (weighted by rank), best first, at most `limit`. The schema needs one, so with no evidence it
 * returns `unclassified` (to be triaged) instead of a guess, or the best-scoring mode when the
 * taxonomy has no `unclassified`; the skeleton marks the list `# TODO: confirm` either way.
 */
export function suggestFailureModes(
  notes: string,
  taxonomy: readonly FailureMode[],
  related: readonly RelatedIncident[],
  limit = 2,
): string[] {
  if (!taxonomy.length) return [];
  const score = failureModeEvidence(notes, taxonomy);
  // Related incidents only rank modes the notes themselves point at: with a small corpus the
  // nearest reviews are often only loosely similar, and their modes are no evidence on their own.
  related.forEach((r, rank) => {
    for (const slug of r.failureModes)
      if ((score.get(slug) ?? 0) > 0) score.set(slug, (score.get(slug) ?? 0) + 2 / (rank + 1));
  });
  const ranked = [...score.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const best = ranked[0]?.[1] ?? 0;
  const supported = ranked
    .filter(([, s]) => s >= FAILURE_MODE_EVIDENCE && s >= best * 0.6)
    .slice(0, limit)
    .map(([slug]) => slug);
  if (supported.length) return supported;
  // No evidence: say so rather than guess (a weak best guess was e.g. `disk-full` for gRPC keepalive notes).
  return [taxonomy.find((m) => m.slug === 'unclassified')?.slug ?? ranked[0]?.[0] ?? ''];
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
  const sev = /\bSEV\s?([1-4])\b/i.exec(input.notes);
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
    severity: sev ? (`SEV${sev[1]}` as Prefill['severity']) : 'SEV3',
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
