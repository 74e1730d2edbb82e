/**
 * Timestamped lines → structured timeline entries. Understands list items, table rows, ISO
 * timestamps, "HH:MM" times under a date line ("2015-10-21 (all times UTC)"), 12-hour clocks,
 * zone abbreviations, and overnight roll-over. Pure.
 */
import type { TimelineEntry } from '../review/schema.ts';
import { declaredZone, instantOf, leadingDate, ZONE_OFFSETS } from '../facts/time.ts';
import { addDays, calendarDay } from '../util/dates.ts';
import { kindOf } from '../classify/index.ts';

export interface TimelineParseOptions {
  /** Day (YYYY-MM-DD) for times written without a date, until a date line says otherwise. */
  defaultDay?: string;
  /** Zone for times written without one, minutes east of UTC (default 0 = UTC). */
  zoneMinutes?: number;
}

export interface TimelineParse {
  /** Entries in chronological order (stable for equal times). */
  entries: TimelineEntry[];
  /** Non-empty lines that did not become an entry (headers, date lines, prose). They stay in the original text. */
  otherLines: number;
}

const TIME =
  /^\[?(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(?:(am|pm|a\.m\.|p\.m\.)(?![a-z]))?\]?(?:\s*\(?(z|utc|gmt|[a-z]{2,4}|[+-]\d{2}:?\d{2})(?![a-z])\)?)?/i;
const ISO =
  /^(\d{4}-\d{2}-\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(?:(z|utc|gmt|[+-]\d{2}:?\d{2}|[a-z]{2,4})(?![a-z]))?/i;

function zoneOffset(
  token: string | undefined,
  fallback: number,
): { minutes: number; used: boolean } {
  if (!token) return { minutes: fallback, used: false };
  const t = token.toLowerCase();
  const numeric = /^([+-])(\d{2}):?(\d{2})$/.exec(t);
  if (numeric)
    return {
      minutes: (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3])),
      used: true,
    };
  const known = ZONE_OFFSETS[t];
  return known === undefined ? { minutes: fallback, used: false } : { minutes: known, used: true };
}

function at(day: string, hour: number, minute: number, second: number, zoneMinutes: number): Date {
  return new Date(
    Date.parse(`${day}T00:00:00Z`) +
      ((hour * 60 + minute) * 60 + second) * 1000 -
      zoneMinutes * 60000,
  );
}

const cleanEvent = (text: string): string =>
  text
    .replace(/^[\s\-–—:|*_)\].,]+/, '')
    .replace(/\s*\|\s*$/, '')
    .trim();

interface Stamp {
  day?: string;
  hour: number;
  minute: number;
  second: number;
  zone: { minutes: number; used: boolean };
  rest: string;
}

/** Reads a timestamp at the start of `text`, if there is one. */
function leadingStamp(
  text: string,
  zoneMinutes: number,
): Stamp | { day: string; rest: string } | undefined {
  const s = text.replace(/^(\*\*|__)/, '');
  const iso = ISO.exec(s);
  if (iso) {
    const zone = zoneOffset(iso[5], zoneMinutes);
    const consumed = zone.used ? iso[0] : iso[0].slice(0, iso[0].length - (iso[5]?.length ?? 0));
    const day = calendarDay(
      Number(iso[1]?.slice(0, 4)),
      Number(iso[1]?.slice(5, 7)),
      Number(iso[1]?.slice(8, 10)),
    );
    if (day)
      return {
        day,
        hour: Number(iso[2]),
        minute: Number(iso[3]),
        second: Number(iso[4] ?? 0),
        zone,
        rest: s.slice(consumed.length),
      };
  }
  const dated = leadingDate(s);
  if (dated) {
    const afterDate = dated.rest.replace(/^[\s,]*(?:at\s+)?/i, '');
    const time = readTime(afterDate, zoneMinutes);
    return time ? { ...time, day: dated.day } : dated;
  }
  return readTime(s, zoneMinutes);
}

function readTime(s: string, zoneMinutes: number): Stamp | undefined {
  const m = TIME.exec(s);
  if (!m) return undefined;
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = Number(m[3] ?? 0);
  const meridiem = m[4]?.toLowerCase().replace(/\./g, '');
  if (meridiem === 'pm' && hour < 12) hour += 12;
  if (meridiem === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const zone = zoneOffset(m[5], zoneMinutes);
  const consumed =
    zone.used || !m[5] ? m[0] : m[0].slice(0, m[0].length - m[5].length).replace(/\s*\(?$/, '');
  const rest = s.slice(consumed.length);
  // "12:30" must be followed by a separator or space, not more digits ("12:300").
  if (/^\d/.test(rest)) return undefined;
  return { hour, minute, second, zone, rest };
}

/** Parses the lines of a timeline section. */
export function parseTimeline(text: string, options: TimelineParseOptions = {}): TimelineParse {
  const entries: { entry: TimelineEntry; order: number }[] = [];
  let day = options.defaultDay;
  let zone = options.zoneMinutes ?? 0;
  let otherLines = 0;
  let previous: Date | undefined;
  let fence = false;
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (!line) continue;
    if (/^(`{3,}|~{3,})/.test(line)) {
      fence = !fence;
      otherLines++;
      continue;
    }
    if (fence || /^\|?\s*:?-{3,}/.test(line)) {
      otherLines++;
      continue;
    }
    let body = line.replace(/^#{1,6}\s+/, '').replace(/^(?:[-*+]|\d+[.)])\s+/, '');
    if (body.startsWith('|')) {
      const cells = body
        .split('|')
        .map((c) => c.trim())
        .slice(1, -1);
      // "| 2015-10-21 | 14:51 | event |": join a leading date cell with a time cell.
      if (
        cells.length >= 3 &&
        leadingDate(cells[0] ?? '')?.rest.trim() === '' &&
        TIME.test(cells[1] ?? '')
      ) {
        body = `${cells[0]} ${cells[1]} ${cells.slice(2).join(' — ')}`;
      } else {
        body = `${cells[0] ?? ''} ${cells.slice(1).join(' — ')}`;
      }
    }
    const declared = declaredZone(body);
    const stamp = leadingStamp(body, zone);
    if (!stamp) {
      if (declared !== undefined) zone = declared;
      otherLines++;
      continue;
    }
    if (!('hour' in stamp)) {
      // A date line: later times belong to this day.
      day = stamp.day;
      if (declared !== undefined) zone = declared;
      otherLines++;
      continue;
    }
    const event = cleanEvent(stamp.rest);
    const entryDay = stamp.day ?? day;
    if (!entryDay || !event) {
      otherLines++;
      continue;
    }
    let when = at(entryDay, stamp.hour, stamp.minute, stamp.second, stamp.zone.minutes);
    if (!stamp.day && previous && when.getTime() < previous.getTime()) {
      // A time earlier than the previous one under the same date line: the timeline crossed midnight.
      day = addDays(entryDay, 1);
      when = at(day, stamp.hour, stamp.minute, stamp.second, stamp.zone.minutes);
    } else if (stamp.day) {
      day = stamp.day;
    }
    previous = when;
    const kind = kindOf(event);
    entries.push({
      entry: kind ? { at: when, event, kind } : { at: when, event },
      order: entries.length,
    });
  }
  entries.sort((a, b) => a.entry.at.getTime() - b.entry.at.getTime() || a.order - b.order);
  return { entries: entries.map((e) => e.entry), otherLines };
}

/** Timeline entries from the source's start and end timestamps (postmortems.app `start_time`/`end_time`). */
export function timelineFromTimes(
  start: string | undefined,
  end: string | undefined,
): TimelineEntry[] {
  const entries: TimelineEntry[] = [];
  const s = instantOf(start);
  const e = instantOf(end);
  if (s)
    entries.push({
      at: s,
      event: `Incident starts (start_time ${start} in the source)`,
      kind: 'impact-start',
    });
  if (e && (!s || e.getTime() >= s.getTime()))
    entries.push({
      at: e,
      event: `Incident ends (end_time ${end} in the source)`,
      kind: 'resolved',
    });
  return entries;
}
