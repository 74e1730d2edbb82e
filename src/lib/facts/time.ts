/**
 * Timestamps and dates in incident text, with their zones: the one reader for "14:02 UTC",
 * "2026-02-19T14:02:00Z", "10:18 AM PST", "Jan 14, 10:18 AM", "10/14/2022 - …", a zone declared
 * for a whole text ("All times in CET", "all times PST", "UTC+2"), conversion to UTC, date
 * ranges ("January 14-19, 2026" → its start day), dates in file names and the weekday check.
 * Pure.
 */
import { calendarDay, isoDay } from '../util/dates.ts';

const MONTHS: Readonly<Record<string, number>> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};
const MONTH_NAMES = Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const month = (name: string | undefined): number => MONTHS[(name ?? '').toLowerCase()] ?? 0;

/** UTC offsets, in minutes, of the zone abbreviations postmortems commonly use. */
const ZONE_OFFSETS: Readonly<Record<string, number>> = {
  utc: 0,
  gmt: 0,
  z: 0,
  pst: -480,
  pdt: -420,
  pt: -420,
  mst: -420,
  mdt: -360,
  cst: -360,
  cdt: -300,
  est: -300,
  edt: -240,
  et: -240,
  bst: 60,
  cet: 60,
  cest: 120,
  eet: 120,
  eest: 180,
  ist: 330,
  jst: 540,
  kst: 540,
  aest: 600,
  aedt: 660,
  sgt: 480,
  hkt: 480,
  nzst: 720,
  nzdt: 780,
};
const ZONES = Object.keys(ZONE_OFFSETS)
  .filter((z) => z.length > 1)
  .sort((a, b) => b.length - a.length)
  .join('|');

/**
 * Minutes east of UTC for a zone token: an abbreviation ("PST"), "Z", a numeric offset
 * ("+02:00", "-0500") or "UTC+2" / "GMT-03:30". Undefined when it is not a zone.
 */
export function zoneOffsetOf(token: string | undefined): number | undefined {
  if (!token) return undefined;
  const t = token.trim().toLowerCase();
  const withBase = /^(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?(\d{2}))?$/.exec(t);
  const numeric = withBase ?? /^([+-])(\d{2}):?(\d{2})$/.exec(t);
  if (numeric)
    return (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3] ?? 0));
  return ZONE_OFFSETS[t];
}

/** The instant of a local day and time in a zone (minutes east of UTC). */
export function toUtc(
  day: string,
  hour: number,
  minute: number,
  second = 0,
  offsetMinutes = 0,
): Date {
  return new Date(
    Date.parse(`${day}T00:00:00Z`) +
      ((hour * 60 + minute) * 60 + second) * 1000 -
      offsetMinutes * 60000,
  );
}

/** The UTC day of an RFC 3339 / ISO timestamp or a `YYYY-MM-DD` date, or undefined. */
export function dayOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(trimmed);
  if (plain) return calendarDay(Number(plain[1]), Number(plain[2]), Number(plain[3]));
  // Only machine timestamps: free text goes through `leadingDate`/`findDate`, never Date.parse
  // (which reads "January 14-19, 2026" as 2019-01-14).
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}/.test(trimmed)) return undefined;
  const at = instantOf(trimmed);
  return at ? isoDay(at) : undefined;
}

/** Parses an ISO timestamp with zone (no zone: UTC), or a plain date as midnight UTC. */
export function instantOf(value: string | undefined): Date | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed))
    return dayOf(trimmed) ? new Date(`${trimmed}T00:00:00Z`) : undefined;
  if (!/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(trimmed)) return undefined;
  const withZone = /(?:Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) ? trimmed : `${trimmed}Z`;
  const time = Date.parse(withZone.replace(' ', 'T'));
  return Number.isNaN(time) ? undefined : new Date(time);
}

const WEEKDAY = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?`;
/** "January 14-19, 2026", "Jan 14 – Jan 19, 2026", "January 14, 2026". */
const MONTH_FIRST = new RegExp(
  String.raw`^${WEEKDAY}(${MONTH_NAMES})\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|—|to|until)\s*(?:(?:${MONTH_NAMES})\.?\s+)?\d{1,2}(?:st|nd|rd|th)?)?,?\s+(\d{4})\b`,
  'i',
);
/** "14 January 2026", "14-19 January 2026", "14th of Jan, 2026". */
const DAY_FIRST = new RegExp(
  String.raw`^${WEEKDAY}(\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|—|to)\s*\d{1,2}(?:st|nd|rd|th)?)?\s+(?:of\s+)?(${MONTH_NAMES})\.?,?\s+(\d{4})\b`,
  'i',
);
/** "2026-01-14", "2026/01/14", "2026.01.14". */
const YEAR_FIRST = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d:])/;
/** US "10/14/2022" (month first; day first when the first number is over 12). */
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?!\d)/;

/**
 * A date written at the start of `text` ("2015-10-21", "Oct 21, 2015", "21 October 2015",
 * "2015/10/21", "10/14/2022", or a range such as "January 14-19, 2026", read as its start
 * day), as YYYY-MM-DD, with the text after it.
 */
export function leadingDate(text: string): { day: string; rest: string } | undefined {
  const s = text.replace(/^[*_\s]+/, '');
  const found = (day: string | undefined, m: RegExpExecArray) =>
    day ? { day, rest: s.slice(m[0].length) } : undefined;
  let m = YEAR_FIRST.exec(s);
  if (m) return found(calendarDay(Number(m[1]), Number(m[2]), Number(m[3])), m);
  m = MONTH_FIRST.exec(s);
  if (m) return found(calendarDay(Number(m[3]), month(m[1]), Number(m[2])), m);
  m = DAY_FIRST.exec(s);
  if (m) return found(calendarDay(Number(m[3]), month(m[2]), Number(m[1])), m);
  m = SLASHED.exec(s);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    return found(a > 12 ? calendarDay(Number(m[3]), b, a) : calendarDay(Number(m[3]), a, b), m);
  }
  return undefined;
}

/** The start day of a date or date range anywhere in a short value ("**Date:** January 14-19, 2026"). */
export function dateInValue(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const direct = dayOf(value) ?? leadingDate(value)?.day;
  return direct ?? findDate(value);
}

/**
 * The first plausible date mentioned in `text` (ISO dates, "Month D, YYYY", "D Month YYYY",
 * ranges, `/YYYY/MM/DD/` URL paths, "month-d-yyyy" URL slugs), as YYYY-MM-DD.
 */
export function findDate(text: string): string | undefined {
  const unwrapped = text.replace(/web\.archive\.org\/web\/\d+[a-z_]*\//gi, '');
  const patterns: [RegExp, (m: RegExpExecArray) => string | undefined][] = [
    // ISO, also inside a timestamp ("2016-12-31T23:59:60Z").
    [
      /(?<![\d.])(\d{4})-(\d{2})-(\d{2})(?![\d.])/,
      (m) => calendarDay(Number(m[1]), Number(m[2]), Number(m[3])),
    ],
    [/\/(\d{4})\/(\d{2})\/(\d{2})\//, (m) => calendarDay(Number(m[1]), Number(m[2]), Number(m[3]))],
    [
      new RegExp(
        String.raw`\b(${MONTH_NAMES})\.?[\s-]+(\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|—)\s*\d{1,2}(?:st|nd|rd|th)?)?,?[\s-]+(\d{4})\b`,
        'i',
      ),
      (m) => calendarDay(Number(m[3]), month(m[1]), Number(m[2])),
    ],
    [
      new RegExp(
        String.raw`\b(\d{1,2})(?:st|nd|rd|th)?(?:\s*(?:-|–|—)\s*\d{1,2})?[\s-]+(?:of\s+)?(${MONTH_NAMES})\.?,?[\s-]+(\d{4})\b`,
        'i',
      ),
      (m) => calendarDay(Number(m[3]), month(m[2]), Number(m[1])),
    ],
  ];
  // A URL slug "postmortem-7-27-2015" (month first; day first when the first number is over 12).
  patterns.push([
    /[/_-](\d{1,2})-(\d{1,2})-(\d{4})(?!\d)/,
    (m) => {
      const [a, b] = [Number(m[1]), Number(m[2])];
      return a > 12 ? calendarDay(Number(m[3]), b, a) : calendarDay(Number(m[3]), a, b);
    },
  ]);
  let best: { index: number; day: string } | undefined;
  for (const [pattern, toDay] of patterns) {
    const m = pattern.exec(unwrapped);
    const day = m ? toDay(m) : undefined;
    if (m && day && (!best || m.index < best.index)) best = { index: m.index, day };
  }
  return best?.day;
}

/**
 * The first month named with its year and no day ("in July 2012", "2025-November", a URL path
 * "/2013/07/…"), as the first day of that month, or undefined. A last resort: the day is not known.
 */
export function monthInText(text: string): string | undefined {
  const named = new RegExp(
    String.raw`\b(${MONTH_NAMES})\.?,?\s+(?:of\s+)?(\d{4})\b|\b(\d{4})-(${MONTH_NAMES})\b`,
    'i',
  ).exec(text);
  if (named) return calendarDay(Number(named[2] ?? named[3]), month(named[1] ?? named[4]), 1);
  // A dated URL path without the day: "/2013/07/billing-incident…".
  const path = /\/((?:19|20)\d{2})\/(\d{2})\/(?!\d)/.exec(text);
  return path ? calendarDay(Number(path[1]), Number(path[2]), 1) : undefined;
}

/**
 * The incident day a file or folder name carries: `2024-06-25-db-outage.md`,
 * `incidents/2021/06/03/…`, `PM2021-004 - …` gives only a year, so no day. Undefined when none.
 */
export function dateInPath(path: string): string | undefined {
  const m =
    /(?:^|[^\d])(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)/.exec(path) ??
    /(?:^|\/)(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\/|$)/.exec(path);
  return m ? calendarDay(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

/**
 * The zone a text declares for its times, in minutes east of UTC: "All times in CET.",
 * "all times PST", "(all times UTC)", "Times are UTC+2", "Timeline (PDT)". Undefined when none.
 */
export function declaredZone(text: string): number | undefined {
  const zone = String.raw`((?:utc|gmt)[ \t]?[+-][ \t]?\d{1,2}(?::?\d{2})?|${ZONES}|[+-]\d{2}:?\d{2})`;
  const m =
    new RegExp(
      String.raw`\b(?:all\s+)?times?\b(?:\s+(?:are|is|shown|given|listed|in|at))*\s+(?:in\s+)?${zone}(?![a-z])`,
      'i',
    ).exec(text) ??
    new RegExp(String.raw`\b(?:timeline|times?)\b[^\n(]{0,30}\(\s*${zone}\s*\)`, 'i').exec(text);
  return zoneOffsetOf(m?.[1]?.replace(/\s+/g, ''));
}

/** A calendar date written in text, with or without its day: "2026-03-14", "March 3, 2026", "3 Mar 2026", "March 2024". */
export interface DateMention {
  text: string;
  index: number;
}

const DATE_FORMS = new RegExp(
  [
    String.raw`(?<![\w.-])\d{4}-\d{2}-\d{2}(?![\w-]|\.\d)`,
    String.raw`\b${WEEKDAY}(?:${MONTH_NAMES})\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|–|—)\s*\d{1,2}(?:st|nd|rd|th)?)?,?\s+(?:19|20)\d{2}\b`,
    String.raw`\b${WEEKDAY}\d{1,2}(?:st|nd|rd|th)?(?:\s*(?:-|–|—)\s*\d{1,2})?\s+(?:of\s+)?(?:${MONTH_NAMES})\.?,?\s+(?:19|20)\d{2}\b`,
    String.raw`\b(?:${MONTH_NAMES})\.?,?\s+(?:of\s+)?(?:19|20)\d{2}\b`,
  ].join('|'),
  'gi',
);

/** Every calendar date in `text` (a year alone is not a date), as written, in order. */
export function dateMentions(text: string): DateMention[] {
  return [...text.matchAll(DATE_FORMS)].map((m) => ({ text: m[0], index: m.index ?? 0 }));
}

/** A time of day found in text. */
export interface TimeMention {
  /** As written ("14:02 UTC", "2026-02-19T14:02:00Z", "10:18 AM PST", "Jan 14, 10:18 AM"). */
  text: string;
  index: number;
  /** The calendar day written with it, if any. */
  day?: string;
  hour: number;
  minute: number;
  second: number;
  /** Minutes east of UTC written on the time itself, if any. */
  offset?: number;
}

const TIME_OF_DAY = new RegExp(
  String.raw`(?<![\w:./-])` +
    String.raw`(?:(\d{4}-\d{2}-\d{2})[T ]|(\d{1,2}\/\d{1,2}\/\d{4})[ ,-]+|((?:${MONTH_NAMES})\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?),?\s+(?:at\s+)?)?` +
    String.raw`(\d{1,2}):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?` +
    String.raw`(?:\s?(am|pm|a\.m\.|p\.m\.)(?![a-z]))?` +
    String.raw`(?:(Z)|\s?\(?((?:utc|gmt)\s?[+-]\s?\d{1,2}(?::?\d{2})?|${ZONES}|[+-]\d{2}:?\d{2})\)?)?(?!\w|:\d|\.\d)`,
  'gi',
);
/**
 * The year and zone written after the time of a day named by its month, as `openssl`, syslog
 * and `date` print them: "Aug  3 03:00:00 2026 GMT", "Aug 3 03:00:00 UTC 2026".
 */
const TRAILING_YEAR = new RegExp(
  String.raw`^(?:\s+((?:19|20)\d{2})(?:\s+(${ZONES}))?|\s+(${ZONES})\s+((?:19|20)\d{2}))(?![\w:.])`,
  'i',
);

/** Every time of day in `text`, with the day and zone written beside it. `year` completes "Jan 14". */
export function timeMentions(text: string, year?: number): TimeMention[] {
  const out: TimeMention[] = [];
  for (const m of text.matchAll(TIME_OF_DAY)) {
    let hour = Number(m[4]);
    const minute = Number(m[5]);
    const meridiem = m[7]?.toLowerCase().replace(/\./g, '');
    if (meridiem) {
      if (hour < 1 || hour > 12) continue;
      if (meridiem === 'pm' && hour < 12) hour += 12;
      if (meridiem === 'am' && hour === 12) hour = 0;
    } else if (hour > 23) continue;
    let day: string | undefined;
    if (m[1]) day = dayOf(m[1]);
    else if (m[2]) day = leadingDate(m[2])?.day;
    else if (m[3]) {
      const withYear = /\d{4}\s*$/.test(m[3]) ? m[3] : year ? `${m[3]}, ${year}` : undefined;
      day = withYear ? leadingDate(withYear)?.day : undefined;
    }
    let written = m[0];
    let zone = m[8] ? 'z' : m[9];
    // "Aug  3 03:00:00 2026 GMT": a year (and zone) after the time completes a month-named day.
    const tail =
      m[3] && !/\d{4}\s*$/.test(m[3]) && !m[9]
        ? TRAILING_YEAR.exec(text.slice((m.index ?? 0) + m[0].length))
        : null;
    if (tail && m[3]) {
      written += tail[0];
      zone = tail[2] ?? tail[3];
      day = leadingDate(`${m[3]}, ${tail[1] ?? tail[4]}`)?.day;
    }
    const offset = zone === 'z' ? 0 : zoneOffsetOf(zone?.replace(/\s+/g, ''));
    out.push({
      text: written,
      index: m.index ?? 0,
      ...(day ? { day } : {}),
      hour,
      minute,
      second: Number(m[6] ?? 0),
      ...(offset !== undefined ? { offset } : {}),
    });
  }
  return out;
}

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];

/** The weekday of a `YYYY-MM-DD` day, e.g. "thursday". */
export const weekdayOf = (day: string): string =>
  WEEKDAYS[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? '';

/** True when a weekday name ("Thu", "Thursday") is the weekday of `day`. */
export function weekdayMatches(day: string, name: string): boolean {
  const n = name.trim().toLowerCase().replace(/\.$/, '');
  return n.length >= 3 && weekdayOf(day).startsWith(n.slice(0, 3));
}
