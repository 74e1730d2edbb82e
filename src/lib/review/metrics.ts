/**
 * Time metrics derived from a review's structured timeline. Pure. `TODO:` placeholder entries
 * (imported history) are not moments: they are left out, and a duration with no end after the
 * start is unknown, never 0 min.
 */
import type { TimelineEntry } from './schema.ts';
import { isTodo } from '../markdown/todo.ts';

export interface TimelineMetrics {
  /** Start of impact: first `impact-start`, else first `trigger`, else the first entry. */
  start?: Date;
  /** Milliseconds from start to the first `detected` entry. */
  timeToDetectMs?: number | undefined;
  /** Milliseconds from start to the first `mitigated` entry. */
  timeToMitigateMs?: number | undefined;
  /** Milliseconds from start to the last `resolved` entry (else the last entry); undefined when that is not after the start. */
  durationMs?: number | undefined;
}

export function timelineMetrics(entries: readonly TimelineEntry[]): TimelineMetrics {
  const timeline = entries.filter((e) => !isTodo(e.event));
  if (!timeline.length) return {};
  const first = (kind: TimelineEntry['kind']) => timeline.find((e) => e.kind === kind);
  const start = (first('impact-start') ?? first('trigger') ?? timeline[0])?.at;
  if (!start) return {};
  const since = (e: TimelineEntry | undefined) =>
    e ? Math.max(0, e.at.getTime() - start.getTime()) : undefined;
  const resolved =
    [...timeline].reverse().find((e) => e.kind === 'resolved') ?? timeline[timeline.length - 1];
  return {
    start,
    timeToDetectMs: since(first('detected')),
    timeToMitigateMs: since(first('mitigated')),
    durationMs: resolved && resolved.at.getTime() > start.getTime() ? since(resolved) : undefined,
  };
}

/** "47 min", "3 h 05 min", "2 d 4 h"; an em dash when unknown. */
export function formatDuration(ms: number | undefined): string {
  if (ms === undefined) return '—';
  const minutes = Math.round(ms / 60000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
