/** Finding and normalising dates and times in imported text. Pure. */

const MONTHS: Record<string, number> = {
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

/** UTC offsets, in minutes, of the zone abbreviations postmortems commonly use. */
export const ZONE_OFFSETS: Record<string, number> = {
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
  aest: 600,
  aedt: 660,
  sgt: 480,
};

/** "YYYY-MM-DD" for a valid calendar date, else undefined. */
export function isoDay(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31)
    return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return date.toISOString().slice(0, 10);
}

/** The UTC day of an RFC 3339 / ISO timestamp or date, or undefined when unparseable. */
export function dayOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (plain) return isoDay(Number(plain[1]), Number(plain[2]), Number(plain[3]));
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}

/** Parses an ISO timestamp with zone (or a plain date as midnight UTC). */
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

/** A date written out at the start of `text` ("2015-10-21", "Oct 21, 2015", "21 October 2015", "2015/10/21"), as YYYY-MM-DD. */
export function leadingDate(text: string): { day: string; rest: string } | undefined {
  const s = text.replace(/^[*_\s]+/, '');
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d:])/.exec(s);
  if (m) {
    const day = isoDay(Number(m[1]), Number(m[2]), Number(m[3]));
    return day ? { day, rest: s.slice(m[0].length) } : undefined;
  }
  m = new RegExp(
    `^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?(${MONTH_NAMES})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b`,
    'i',
  ).exec(s);
  if (m) {
    const day = isoDay(Number(m[3]), MONTHS[(m[1] ?? '').toLowerCase()] ?? 0, Number(m[2]));
    return day ? { day, rest: s.slice(m[0].length) } : undefined;
  }
  m = new RegExp(
    `^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\\s+)?(\\d{1,2})(?:st|nd|rd|th)?\\s+(${MONTH_NAMES})\\.?,?\\s+(\\d{4})\\b`,
    'i',
  ).exec(s);
  if (m) {
    const day = isoDay(Number(m[3]), MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1]));
    return day ? { day, rest: s.slice(m[0].length) } : undefined;
  }
  return undefined;
}

/**
 * The first plausible incident date mentioned in `text` (ISO dates, "Month D, YYYY",
 * "D Month YYYY", `/YYYY/MM/DD/` URL paths, "month-d-yyyy" URL slugs), as YYYY-MM-DD.
 */
export function findDate(text: string): string | undefined {
  const unwrapped = text.replace(/web\.archive\.org\/web\/\d+[a-z_]*\//gi, '');
  const patterns: [RegExp, (m: RegExpExecArray) => string | undefined][] = [
    [/\b(\d{4})-(\d{2})-(\d{2})\b/, (m) => isoDay(Number(m[1]), Number(m[2]), Number(m[3]))],
    [/\/(\d{4})\/(\d{2})\/(\d{2})\//, (m) => isoDay(Number(m[1]), Number(m[2]), Number(m[3]))],
    [
      new RegExp(
        `\\b(${MONTH_NAMES})\\.?[\\s-]+(\\d{1,2})(?:st|nd|rd|th)?,?[\\s-]+(\\d{4})\\b`,
        'i',
      ),
      (m) => isoDay(Number(m[3]), MONTHS[(m[1] ?? '').toLowerCase()] ?? 0, Number(m[2])),
    ],
    [
      new RegExp(
        `\\b(\\d{1,2})(?:st|nd|rd|th)?[\\s-]+(${MONTH_NAMES})\\.?,?[\\s-]+(\\d{4})\\b`,
        'i',
      ),
      (m) => isoDay(Number(m[3]), MONTHS[(m[2] ?? '').toLowerCase()] ?? 0, Number(m[1])),
    ],
  ];
  let best: { index: number; day: string } | undefined;
  for (const [pattern, toDay] of patterns) {
    const m = pattern.exec(unwrapped);
    const day = m ? toDay(m) : undefined;
    if (m && day && (!best || m.index < best.index)) best = { index: m.index, day };
  }
  return best?.day;
}

/** The zone a header such as "(all times UTC)" or "Times in PDT" declares, in minutes east of UTC. */
export function declaredZone(line: string): number | undefined {
  const m =
    /\b(?:all\s+)?times?\b[^.\n]{0,20}?\b([a-z]{1,4})\b\)?\s*$/i.exec(line) ??
    /\(([a-z]{2,4})\)\s*$/i.exec(line);
  const zone = m?.[1]?.toLowerCase();
  return zone !== undefined && zone in ZONE_OFFSETS ? ZONE_OFFSETS[zone] : undefined;
}
