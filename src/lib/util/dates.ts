/**
 * Calendar-day helpers, the one copy. Two different things were called `isoDay` before:
 * `isoDay(date)` is the UTC day of an instant; `calendarDay(y, m, d)` builds a day from its
 * parts and rejects days that do not exist. Pure and browser-safe.
 */

/** `2026-03-14`: the UTC calendar day of an instant. */
export const isoDay = (date: Date): string => date.toISOString().slice(0, 10);

/** `YYYY-MM-DD` for a day that exists (1900–2200), else undefined (`2026-02-30` is undefined). */
export function calendarDay(year: number, month: number, day: number): string | undefined {
  if (year < 1900 || year > 2200 || month < 1 || month > 12 || day < 1 || day > 31)
    return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return undefined;
  return isoDay(date);
}

/** The day `n` days after (`n` < 0: before) a `YYYY-MM-DD` day. */
export const addDays = (day: string, n: number): string =>
  isoDay(new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000));
