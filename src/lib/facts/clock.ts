/**
 * Times of day in incident text with their zone, as the comparisons in `verify` need them: the
 * same instant in another form or zone, a zone changed without converting, and durations between
 * two of the notes' times. Reading the times is `time.ts`'s (the one timestamp reader). Pure.
 */
import { declaredZone, timeMentions, zoneOffsetOf } from './time.ts';

export interface TimeFact {
  /** As written ("14:02 UTC", "2026-02-19T14:02:00Z", "10:18 AM PST"). */
  text: string;
  index: number;
  /** The calendar day, when written with the time. */
  day?: string;
  /** Minutes after local midnight (seconds as a fraction). */
  minutes: number;
  /** Minutes east of UTC when the time states its zone, or the text declares one. */
  offset?: number;
  /** True when the zone is written on the time itself (not declared elsewhere). */
  zoneWritten: boolean;
}

/** Every time of day in `text`, with the zone it states or the text declares. */
export function timesIn(text: string): TimeFact[] {
  const declared = declaredZone(text);
  return timeMentions(text).map((t) => {
    // "18:40 UTC: we suspected …": time.ts leaves a zone followed by a colon off the time.
    const after = /^\s?\(?([A-Za-z]{1,4}(?:[+-]\d{1,2})?)\b/.exec(
      text.slice(t.index + t.text.length),
    );
    const trailing = t.offset === undefined && after ? zoneOffsetOf(after[1]) : undefined;
    const own = t.offset ?? trailing;
    const written = own !== undefined;
    const offset = written ? own : declared;
    return {
      text: (trailing !== undefined && after ? `${t.text}${after[0]}` : t.text)
        .trim()
        .replace(/\)$/, ''),
      index: t.index,
      ...(t.day ? { day: t.day } : {}),
      minutes: t.hour * 60 + t.minute + t.second / 60,
      ...(offset !== undefined ? { offset } : {}),
      zoneWritten: written,
    };
  });
}

/** Minutes after UTC midnight (0..1440), when the zone is known. */
const utcMinutes = (t: TimeFact): number | undefined =>
  t.offset === undefined ? undefined : (((t.minutes - t.offset) % 1440) + 1440) % 1440;

/** True when both times name the same instant (same UTC clock time, and the same day when both give one). */
export function sameInstant(a: TimeFact, b: TimeFact): boolean {
  const ua = utcMinutes(a);
  const ub = utcMinutes(b);
  if (ua === undefined || ub === undefined) return false;
  if (Math.abs(ua - ub) > 1e-6) return false;
  if (a.day && b.day) {
    const dayA = new Date(Date.parse(`${a.day}T00:00:00Z`) + (a.minutes - (a.offset ?? 0)) * 60000);
    const dayB = new Date(Date.parse(`${b.day}T00:00:00Z`) + (b.minutes - (b.offset ?? 0)) * 60000);
    return dayA.getTime() === dayB.getTime();
  }
  return true;
}

/** Minutes from `a` to `b` on a clock (crossing midnight at most once), zones applied when both are known. */
export function minutesBetween(a: TimeFact, b: TimeFact): number {
  const ua = utcMinutes(a) ?? a.minutes;
  const ub = utcMinutes(b) ?? b.minutes;
  return (((ub - ua) % 1440) + 1440) % 1440;
}
