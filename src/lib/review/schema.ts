/**
 * The review front-matter schema: the one source of truth for what a review holds.
 * Used by the Astro content collection (src/content.config.ts) and by `casebook check`.
 */
import { z } from 'astro/zod';

export const SEVERITIES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;
/**
 * The value of `severity` when the source never stated one: allowed while a review is `draft` or
 * `imported`, never shown or counted as a severity.
 */
export const UNKNOWN_SEVERITY = 'unknown';
/**
 * A review's lifecycle, in order: `imported` (history brought in by `casebook import`; shown on
 * the site, marked, may keep `TODO:` where the source had nothing), `draft` (being written;
 * hidden unless CASEBOOK_INCLUDE_DRAFTS=1), `in-review`, `published` (complete: no `TODO:`).
 */
export const STATUSES = ['imported', 'draft', 'in-review', 'published'] as const;
export type Status = (typeof STATUSES)[number];
/** Statuses that may keep `TODO:` placeholders, an `unknown` severity and no services. */
export const INCOMPLETE_STATUSES: readonly Status[] = ['imported', 'draft'];
export const TIMELINE_KINDS = [
  'trigger',
  'impact-start',
  'detected',
  'escalated',
  'investigating',
  'mitigated',
  'resolved',
  'note',
] as const;
export const ACTION_STATUSES = ['open', 'in-progress', 'done', 'wont-do'] as const;

/** The five required H2 sections, in the order they must appear. */
export const REQUIRED_SECTIONS = [
  'Summary',
  'Detailed mechanism',
  'Contributing factors',
  'Investigation path',
  'Systemic factors',
] as const;
export type RequiredSection = (typeof REQUIRED_SECTIONS)[number];

/**
 * True when a `YYYY-MM-DD…` string names a day that exists. `new Date('2026-02-30')` silently
 * rolls over to 2 March, so the calendar date is checked before parsing.
 */
export function isRealCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value.trim());
  if (!m) return true; // not in YYYY-MM-DD form: left to Date parsing
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A YAML date or timestamp: accepts a Date (Astro's YAML parser) or a string (ours), rejects anything unparseable or a day that does not exist. */
const dateValue = z.union([z.date(), z.string()]).transform((value, ctx) => {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime()) || (typeof value === 'string' && !isRealCalendarDate(value))) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `"${String(value)}" is not a date; write YYYY-MM-DD or an ISO 8601 timestamp such as 2026-03-14T09:12:00Z`,
    });
    return z.NEVER;
  }
  return date;
});

/** Endings that would collide with the site's own files (`/reviews/<id>.json`, `/rss.xml`). */
const ROUTE_SUFFIX = /\.(?:json|xml|html?|md|txt|css|js)$/i;

/**
 * Why `name` cannot be used as a page name on the site (review ids, service names), or null
 * when it can: it becomes a folder under dist/, so no slash, no `..`, no leading dot, only
 * letters, digits, `.`, `_` and `-` (no HTML, no control characters), and no ending that
 * collides with another route.
 */
export function unsafeNameReason(name: string): string | null {
  if (!name) return 'is empty';
  if (/[/\\]/.test(name)) return 'contains a slash';
  if (name.startsWith('.')) return 'starts with a dot';
  if (name.includes('..')) return 'contains ".."';
  const suffix = ROUTE_SUFFIX.exec(name);
  if (suffix) return `ends with "${suffix[0]}", which collides with the site's ${suffix[0]} files`;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name))
    return 'has characters other than letters, digits, ".", "_" and "-"';
  return null;
}

/** A service name: one path segment on the site (`/services/<name>/`). */
const serviceName = z
  .string({ required_error: 'service name is required' })
  .trim()
  .min(1, 'service name must not be empty')
  .superRefine((name, ctx) => {
    const why = unsafeNameReason(name);
    if (why)
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        message: `service name "${name.slice(0, 80)}" ${why}; name services as in deploy tooling, in kebab case, e.g. payments-api`,
      });
  });

const nonEmpty = (what: string) =>
  z
    .string({ required_error: `${what} is required` })
    .trim()
    .min(1, `${what} must not be empty`);

/** One entry of the structured timeline. */
export const timelineEntrySchema = z.object({
  /** When it happened: an ISO 8601 timestamp with zone, e.g. `2026-03-14T09:12:00Z`. */
  at: dateValue,
  /** What happened, with the specifics (alert name, command, value). */
  event: nonEmpty('timeline event'),
  /** Marks the moments that time-to-detect, time-to-mitigate and duration are derived from. */
  kind: z.enum(TIMELINE_KINDS).optional(),
});

/** One follow-up action. */
const actionItemSchema = z.object({
  /** The change, specific enough to verify when done. */
  title: nonEmpty('action item title'),
  /** A person or team accountable for it. */
  owner: nonEmpty('action item owner'),
  /** Where it stands. */
  status: z.enum(ACTION_STATUSES),
  /** Optional due date (YYYY-MM-DD); open items past it are overdue. */
  due: dateValue.optional(),
  /** Optional tracker id, e.g. `PAY-1432`. */
  ticket: z.string().optional(),
});

/**
 * Where an imported review came from. A source is identified by its `url`, else by
 * `importedFrom` (its path); `contentHash` tells whether the source changed since, and
 * `importedHash` whether the review file was edited by hand since import wrote it.
 */
const sourceSchema = z.object({
  /** The original document's URL: its identity when present. */
  url: z.string().optional(),
  /** The organisation that published it. */
  company: z.string().optional(),
  /** The file (or `file:line` record) it was imported from, relative to where import ran: its identity when there is no URL. */
  importedFrom: z.string().optional(),
  /** sha256 of the source text as imported: a changed source has a different hash. */
  contentHash: z.string().optional(),
  /** sha256 of the review file as import wrote it (this line left out); `import --update` refreshes the file only while it still matches. */
  importedHash: z.string().optional(),
});

/** A review's front matter. */
export const reviewSchema = z
  .object({
    /** Names the mechanism, not the symptom ("pgbouncer pool exhaustion under a retry storm", not "DB outage"). */
    title: nonEmpty('title'),
    /** The day the incident started (UTC), YYYY-MM-DD. */
    date: dateValue,
    /** SEV1 (worst) to SEV4; `unknown` while `imported` or `draft` when the source never stated it. */
    severity: z.enum([...SEVERITIES, UNKNOWN_SEVERITY]),
    /**
     * Lifecycle (see STATUSES): `imported` and `draft` may keep `TODO:` placeholders, `in-review`
     * and `published` may not. Drafts are left out of the site unless CASEBOOK_INCLUDE_DRAFTS=1.
     */
    status: z.enum(STATUSES),
    /** Affected services, as named in deploy tooling. At least one, except while `imported` or `draft` (none known yet). */
    services: z.array(serviceName),
    /** Failure-mode slugs from content/failure-modes.yaml. At least one. */
    failureModes: z
      .array(nonEmpty('failure mode'))
      .min(1, 'list at least one failure mode from content/failure-modes.yaml'),
    /** Who wrote the review. */
    authors: z.array(nonEmpty('author')).min(1, 'list at least one author'),
    /** Free-form keywords. */
    tags: z.array(z.string()).default([]),
    /** Ids (file names without .md) of reviews with a shared mechanism. */
    related: z.array(z.string()).default([]),
    /** What users saw, with numbers where known. */
    impact: nonEmpty('impact'),
    /** The structured timeline, in chronological order. */
    timeline: z
      .array(timelineEntrySchema)
      .min(2, 'the timeline needs at least two entries (start and resolution)'),
    /** Follow-up actions. */
    actionItems: z.array(actionItemSchema).min(1, 'list at least one action item'),
    /** About 150 words for leadership, generated from the verified review by `casebook exec`. */
    execSummary: z.string().optional(),
    /** Put this review first on its services' on-call reading path. */
    onboarding: z.boolean().default(false),
    /** Provenance of an imported review. */
    source: sourceSchema.optional(),
  })
  .strict();

export type ReviewData = z.output<typeof reviewSchema>;
export type ReviewInput = z.input<typeof reviewSchema>;
export type TimelineEntry = z.output<typeof timelineEntrySchema>;
export type ActionItem = z.output<typeof actionItemSchema>;
export type Severity = (typeof SEVERITIES)[number];
