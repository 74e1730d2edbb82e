/** Formatting helpers for the site's pages. Pure. */
import type { ActionItem, Severity, UNKNOWN_SEVERITY } from '../review/schema.ts';
import { isoDay } from '../util/dates.ts';
import { escapeHtml } from '../util/html.ts';

export { isoDay } from '../util/dates.ts';
export { escapeHtml } from '../util/html.ts';

/** One formatter for every date on the site: `toLocaleDateString` builds a new one per call (0.5 s per 1,000-review build). */
const LONG_DAY = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** `14 Mar 2026` (UTC). */
export const longDay = (date: Date): string => LONG_DAY.format(date);

/** `09:12` UTC time of a timestamp, with the date when it differs from `day`. */
export function timeOfDay(at: Date, day?: Date): string {
  const time = at.toISOString().slice(11, 16);
  return day && isoDay(day) !== isoDay(at) ? `${isoDay(at)} ${time}` : time;
}

/**
 * Renders the one inline Markdown construct front-matter strings use, `code spans`, as HTML;
 * everything else is escaped text. Safe for `set:html`.
 */
export function inlineCodeHtml(text: string): string {
  return text
    .split(/(`[^`]+`)/)
    .map((part) =>
      part.length > 2 && part.startsWith('`') && part.endsWith('`')
        ? `<code>${escapeHtml(part.slice(1, -1))}</code>`
        : escapeHtml(part),
    )
    .join('');
}

/** True when an action item is still open (or in progress) and its due date is before `now`'s day. */
export function isOverdue(item: Pick<ActionItem, 'status' | 'due'>, now: Date): boolean {
  if (!item.due || item.status === 'done' || item.status === 'wont-do') return false;
  return isoDay(item.due) < isoDay(now);
}

/** `unknown` (schema.ts; the value only, so client scripts do not bundle the schema). */
const UNKNOWN: typeof UNKNOWN_SEVERITY = 'unknown';
const SEVERITY_LABELS: Readonly<Record<string, string>> = {
  SEV1: 'critical',
  SEV2: 'major',
  SEV3: 'minor',
  SEV4: 'low',
} satisfies Record<Severity, string>;

/**
 * How the site shows a severity (server-rendered badge and client-rendered rows alike): SEV1 …
 * SEV4 as written; `unknown` (imported history whose source never stated one) as "SEV?", never
 * as a severity.
 */
export function severityBadge(severity: string): { cls: string; title: string; text: string } {
  const label = SEVERITY_LABELS[severity];
  if (severity === UNKNOWN || !label)
    return {
      cls: 'badge--unknown',
      title: 'Severity unknown: the source never stated it',
      text: 'SEV?',
    };
  return {
    cls: `badge--${severity.toLowerCase()}`,
    title: `${severity}: ${label}`,
    text: severity,
  };
}

/** Site path of a review. */
export const reviewHref = (id: string): string => `/reviews/${encodeURIComponent(id)}/`;
/** Site path of a failure mode. */
export const failureModeHref = (slug: string): string =>
  `/failure-modes/${encodeURIComponent(slug)}/`;
/** Site path of a service. */
export const serviceHref = (name: string): string => `/services/${serviceSlug(name)}/`;

/** URL segment for a service name (names are kebab-case already; anything else is made so). */
export const serviceSlug = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^-+|-+$/g, '') || 'service';

/** "1 review", "3 reviews". */
export const plural = (n: number, word: string, many = `${word}s`): string =>
  `${n} ${n === 1 ? word : many}`;

/** Site path of a search for `query` (tags and ticket ids link here). */
export const searchHref = (query: string): string => `/search/?q=${encodeURIComponent(query)}`;
