/**
 * Corpus statistics for the stats page: incidents per month, severity, service and failure mode;
 * median time to detect / mitigate / resolve from the structured timelines, and their trend;
 * open and overdue action items. Pure: reviews and the clock are passed in.
 *
 * Import placeholders are not data: timeline entries and action items whose text starts with
 * `TODO:` are ignored, and a review needs two real timeline entries to count in the medians. A
 * value the source never stated (severity `unknown`, no services, no end to the timeline) is
 * left out of its figure and counted in `leftOut`, never shown as a SEV, a service or 0 min.
 */
import { SEVERITIES, type ActionItem, type TimelineEntry } from '../review/schema.ts';
import { timelineMetrics } from '../review/metrics.ts';
import { isTodo } from '../markdown/todo.ts';
import type { Review } from '../review/parse.ts';
import type { FailureMode } from '../review/taxonomy.ts';

/** One bar: a key (stable, for links and tests), a label and a count. */
export interface Count {
  key: string;
  label: string;
  count: number;
}

/** A median over the reviews that have the measurement. */
interface Median {
  /** Milliseconds; undefined when no review has it. */
  ms?: number | undefined;
  /** How many reviews it is computed from. */
  n: number;
}

interface DurationMedians {
  timeToDetect: Median;
  timeToMitigate: Median;
  timeToResolve: Median;
}

interface TrendPoint extends DurationMedians {
  /** "2026-Q1" or "2026". */
  period: string;
  /** Reviews dated in the period. */
  incidents: number;
}

interface OpenActionItem {
  reviewId: string;
  reviewTitle: string;
  title: string;
  owner: string;
  status: ActionItem['status'];
  due?: Date;
  ticket?: string;
  /** Due before today (UTC). */
  overdue: boolean;
}

export interface CorpusStats {
  total: number;
  /** Every month from the first to the last review, zero-filled ("2026-03"). */
  perMonth: Count[];
  /** Every year from the first to the last review, zero-filled ("2026"). */
  perYear: Count[];
  /** SEV1 … SEV4, all four. */
  perSeverity: Count[];
  /** Most incidents first, then by name. */
  perService: Count[];
  /** Most incidents first, then by name; labels from the taxonomy. */
  perFailureMode: Count[];
  durations: DurationMedians;
  /** Reviews left out of a figure because the value is unknown (imported history). */
  leftOut: {
    /** Severity `unknown`: not in `perSeverity`. */
    severity: number;
    /** No services listed: not in `perService`. */
    services: number;
    /** No known duration (fewer than two real timeline entries, or no end after the start): not in the time-to-resolve median. */
    duration: number;
  };
  /** Medians per quarter when the corpus spans at most three years, else per year; zero-filled. */
  trend: { granularity: 'quarter' | 'year'; points: TrendPoint[] };
  openActions: {
    total: number;
    /** Open and in-progress items per owner, most first. */
    byOwner: Count[];
    /** Overdue items, oldest due date first. */
    overdue: OpenActionItem[];
  };
}

export interface StatsOptions {
  /** The clock, for "overdue". */
  now: Date;
  /** For failure-mode names (slugs are shown when absent). */
  taxonomy?: readonly FailureMode[];
}

/** True for an import placeholder (`TODO: …`): the Markdown module's one TODO rule. */
const isPlaceholder = isTodo;

/** The median of `values` (mean of the middle two for an even count). */
export function median(values: readonly number[]): number | undefined {
  if (!values.length) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Timeline metrics from the real (non-placeholder) entries; empty when fewer than two remain. */
function reviewDurations(timeline: readonly TimelineEntry[]) {
  const real = timeline.filter((e) => !isPlaceholder(e.event));
  return real.length >= 2 ? timelineMetrics(real) : {};
}

/** Medians of the reviews' durations (each review's computed once, by `reviewDurations`). */
function medians(metrics: readonly ReturnType<typeof reviewDurations>[]): DurationMedians {
  const of = (pick: (m: ReturnType<typeof reviewDurations>) => number | undefined): Median => {
    const values = metrics.map(pick).filter((v): v is number => v !== undefined);
    return { ms: median(values), n: values.length };
  };
  return {
    timeToDetect: of((m) => m.timeToDetectMs),
    timeToMitigate: of((m) => m.timeToMitigateMs),
    timeToResolve: of((m) => m.durationMs),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthKey = (d: Date) =>
  `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
const quarterKey = (d: Date) => `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
const yearKey = (d: Date) => String(d.getUTCFullYear());

function countBy(keys: readonly string[], label: (key: string) => string = (k) => k): Count[] {
  const counts = new Map<string, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return [...counts]
    .map(([key, count]) => ({ key, label: label(key), count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key));
}

/** Consecutive period starts (UTC) from `first` to `last`, stepping `months`. */
function periods(first: Date, last: Date, months: number): Date[] {
  const out: Date[] = [];
  const startMonth = Math.floor(first.getUTCMonth() / months) * months;
  for (
    let d = new Date(Date.UTC(first.getUTCFullYear(), startMonth, 1));
    d.getTime() <= last.getTime();
    d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1))
  )
    out.push(d);
  return out;
}

/** Every statistic of the stats page. */
export function corpusStats(reviews: readonly Review[], options: StatsOptions): CorpusStats {
  // One pass per review for everything below (10,000 reviews: the trend used to filter the whole
  // corpus once per period and compute every review's durations twice).
  const dates = reviews.map((r) => r.data.date.getTime());
  const first = dates.length ? new Date(dates.reduce((a, b) => Math.min(a, b))) : undefined;
  const last = dates.length ? new Date(dates.reduce((a, b) => Math.max(a, b))) : undefined;
  const durations = reviews.map((r) => reviewDurations(r.data.timeline));

  const perMonthCounts = new Map(
    countBy(reviews.map((r) => monthKey(r.data.date))).map((c) => [c.key, c.count]),
  );
  const perMonth =
    first && last
      ? periods(first, last, 1).map((d) => ({
          key: monthKey(d),
          label: `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`,
          count: perMonthCounts.get(monthKey(d)) ?? 0,
        }))
      : [];

  const perYearCounts = new Map(
    countBy(reviews.map((r) => yearKey(r.data.date))).map((c) => [c.key, c.count]),
  );
  const perYear =
    first && last
      ? periods(first, last, 12).map((d) => ({
          key: yearKey(d),
          label: yearKey(d),
          count: perYearCounts.get(yearKey(d)) ?? 0,
        }))
      : [];

  const severity = new Map(
    countBy(reviews.map((r) => r.data.severity)).map((c) => [c.key, c.count]),
  );
  const perSeverity = SEVERITIES.map((s) => ({ key: s, label: s, count: severity.get(s) ?? 0 }));
  const overall = medians(durations);
  const perService = countBy(reviews.flatMap((r) => [...new Set(r.data.services)]));
  const names = new Map((options.taxonomy ?? []).map((m) => [m.slug, m.name]));
  const perFailureMode = countBy(
    reviews.flatMap((r) => [...new Set(r.data.failureModes)]),
    (slug) => names.get(slug) ?? slug,
  );

  const yearSpan = first && last ? last.getUTCFullYear() - first.getUTCFullYear() : 0;
  const granularity = yearSpan < 3 ? 'quarter' : 'year';
  const keyOf = granularity === 'quarter' ? quarterKey : yearKey;
  const byPeriod = new Map<string, ReturnType<typeof reviewDurations>[]>();
  reviews.forEach((r, i) => {
    const key = keyOf(r.data.date);
    const list = byPeriod.get(key);
    const metrics = durations[i] ?? {};
    if (list) list.push(metrics);
    else byPeriod.set(key, [metrics]);
  });
  const points: TrendPoint[] =
    first && last
      ? periods(first, last, granularity === 'quarter' ? 3 : 12).map((start) => {
          const inPeriod = byPeriod.get(keyOf(start)) ?? [];
          return { period: keyOf(start), incidents: inPeriod.length, ...medians(inPeriod) };
        })
      : [];

  const today = Date.UTC(
    options.now.getUTCFullYear(),
    options.now.getUTCMonth(),
    options.now.getUTCDate(),
  );
  const open: OpenActionItem[] = reviews.flatMap((r) =>
    r.data.actionItems
      .filter((a) => (a.status === 'open' || a.status === 'in-progress') && !isPlaceholder(a.title))
      .map((a) => ({
        reviewId: r.id,
        reviewTitle: r.data.title,
        title: a.title,
        owner: a.owner,
        status: a.status,
        ...(a.due ? { due: a.due } : {}),
        ...(a.ticket ? { ticket: a.ticket } : {}),
        overdue: a.due !== undefined && a.due.getTime() < today,
      })),
  );
  return {
    total: reviews.length,
    perMonth,
    perYear,
    perSeverity,
    perService,
    perFailureMode,
    durations: overall,
    leftOut: {
      severity: reviews.length - perSeverity.reduce((n, c) => n + c.count, 0),
      services: reviews.filter((r) => !r.data.services.length).length,
      duration: reviews.length - overall.timeToResolve.n,
    },
    trend: { granularity, points },
    openActions: {
      total: open.length,
      byOwner: countBy(open.map((a) => a.owner)),
      overdue: open
        .filter((a) => a.overdue)
        .sort(
          (a, b) =>
            (a.due?.getTime() ?? 0) - (b.due?.getTime() ?? 0) ||
            a.reviewId.localeCompare(b.reviewId),
        ),
    },
  };
}
