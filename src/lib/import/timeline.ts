/**
 * Timestamped lines → structured timeline entries. Understands list items, table rows, ISO
 * timestamps, "HH:MM" times under a date line ("2015-10-21 (all times UTC)"), 12-hour clocks,
 * zone abbreviations, and overnight roll-over. Pure.
 */
import type { TimelineEntry } from '../review/schema.ts';
import {
  declaredZone,
  instantOf,
  leadingDate,
  timeMentions,
  toUtc,
  zoneOffsetOf,
} from '../facts/time.ts';
import { addDays, calendarDay } from '../util/dates.ts';
import { kindOf } from '../classify/index.ts';
import { codeBlocks, headings, listItems, parseMarkdown, tables } from '../markdown/index.ts';

export interface TimelineParseOptions {
  /** Day (YYYY-MM-DD) for times written without a date, until a date line says otherwise. */
  defaultDay?: string | undefined;
  /** Zone for times written without one, minutes east of UTC (default 0 = UTC). */
  zoneMinutes?: number;
  /**
   * Mark zones in the event text: a time converted from a stated non-UTC zone keeps the time as
   * written ("(14:51 UTC-07:00 in the source)"); a time with no stated zone anywhere gets
   * "(TODO: zone; read as UTC)". Off by default (plain parsing).
   */
  markZones?: boolean;
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
  const minutes = zoneOffsetOf(token);
  return minutes === undefined ? { minutes: fallback, used: false } : { minutes, used: true };
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
  year?: number,
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
    const afterDate = dated.rest.replace(/^[\s,–—-]*(?:at\s+)?/i, '');
    const time = readTime(afterDate, zoneMinutes);
    return time ? { ...time, day: dated.day } : dated;
  }
  // "Jan 14, 10:18 AM": a month and day without a year take the year of the current day.
  const mention = year ? timeMentions(s, year)[0] : undefined;
  if (mention?.index === 0 && mention.day) {
    const used = mention.offset !== undefined;
    return {
      day: mention.day,
      hour: mention.hour,
      minute: mention.minute,
      second: mention.second,
      zone: { minutes: used ? (mention.offset ?? 0) : zoneMinutes, used },
      rest: s.slice(mention.text.length),
    };
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

/**
 * What each line of a timeline section says, read through the Markdown module: a heading's text
 * (setext underlines dropped), a list item's text without its marker, a table row's cells
 * ("| 2015-10-21 | 14:51 | event |" joins a date cell with a time cell), the plain line
 * otherwise; `undefined` for lines that are structure only (code, table header and delimiter).
 */
function lineBodies(text: string): (string | undefined)[] {
  const lines = text.split(/\r?\n/);
  const bodies: (string | undefined)[] = lines.map((l) => l.trim());
  const tree = parseMarkdown(text);
  for (const code of codeBlocks(text))
    for (let l = code.line; l <= code.endLine; l++) bodies[l - 1] = undefined;
  for (const h of headings(tree, text)) {
    bodies[h.line - 1] = h.text;
    for (let l = h.line + 1; l <= h.endLine; l++) bodies[l - 1] = undefined;
  }
  for (const li of listItems(text)) bodies[li.line - 1] = li.text.split('\n')[0]?.trim() ?? '';
  for (const table of tables(text)) {
    bodies[table.line - 1] = undefined;
    bodies[table.line] = undefined;
    for (const row of table.rows) {
      const [first = '', second = '', ...rest] = row.cells;
      bodies[row.line - 1] =
        row.cells.length >= 3 && leadingDate(first)?.rest.trim() === '' && readTime(second, 0)
          ? `${first} ${second} ${rest.join(' — ')}`
          : `${first} ${row.cells.slice(1).join(' — ')}`;
    }
  }
  return bodies;
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** The zone remark `markZones` adds to an event: the source time for a converted zone, or a TODO. */
function zoneNote(stamp: Stamp, zoneStated: boolean): string {
  if (!stamp.zone.used && !zoneStated) return ' (TODO: zone; read as UTC)';
  const m = stamp.zone.minutes;
  if (!m) return '';
  const offset = `UTC${m < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(m) / 60))}:${pad(Math.abs(m) % 60)}`;
  return ` (${pad(stamp.hour)}:${pad(stamp.minute)} ${offset} in the source)`;
}

/** Parses the lines of a timeline section. */
export function parseTimeline(text: string, options: TimelineParseOptions = {}): TimelineParse {
  const entries: { entry: TimelineEntry; order: number }[] = [];
  let day = options.defaultDay;
  let zone = options.zoneMinutes ?? 0;
  let zoneStated = options.zoneMinutes !== undefined;
  let otherLines = 0;
  let previous: Date | undefined;
  // A stamp with no event of its own ("### 2021-06-03 9:14" over a paragraph): the next line says it.
  let pending: Stamp | undefined;
  const raw = text.split(/\r?\n/);
  lineBodies(text).forEach((body, i) => {
    if (!raw[i]?.trim()) return;
    if (body === undefined || !body) {
      otherLines++;
      return;
    }
    const declared = declaredZone(body);
    let stamp = leadingStamp(body, zone, day ? Number(day.slice(0, 4)) : undefined);
    if (pending && !stamp) {
      stamp = { ...pending, rest: ` ${body}` };
      otherLines--;
    }
    pending = undefined;
    if (!stamp) {
      if (declared !== undefined) [zone, zoneStated] = [declared, true];
      otherLines++;
      return;
    }
    if ('hour' in stamp && !cleanEvent(stamp.rest)) {
      pending = stamp;
      otherLines++;
      return;
    }
    if (!('hour' in stamp)) {
      // A date line: later times belong to this day.
      day = stamp.day;
      if (declared !== undefined) [zone, zoneStated] = [declared, true];
      otherLines++;
      return;
    }
    const said = cleanEvent(stamp.rest);
    const event = options.markZones && said ? said + zoneNote(stamp, zoneStated) : said;
    const entryDay = stamp.day ?? day;
    if (!entryDay || !event) {
      otherLines++;
      return;
    }
    let when = toUtc(entryDay, stamp.hour, stamp.minute, stamp.second, stamp.zone.minutes);
    if (!stamp.day && previous && when.getTime() < previous.getTime()) {
      // A time earlier than the previous one under the same date line: the timeline crossed midnight.
      day = addDays(entryDay, 1);
      when = toUtc(day, stamp.hour, stamp.minute, stamp.second, stamp.zone.minutes);
    } else if (stamp.day) {
      day = stamp.day;
    }
    previous = when;
    const kind = kindOf(event);
    entries.push({
      entry: kind ? { at: when, event, kind } : { at: when, event },
      order: entries.length,
    });
  });
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
