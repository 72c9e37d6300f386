/**
 * Where trading days and weeks begin. Pure arithmetic on UTC seconds (no tz database), so the
 * core stays free of Intl and wall clocks; the only zone it knows is New York, for the
 * "New York close" day that FX charts use.
 */

export type DailyClose = 'utc' | 'new-york-close';

const DAY = 86_400;
const HOUR = 3_600;

/** UTC seconds of 00:00 on the n-th (1-based) or last (n = -1) `weekday` (0 = Sunday) of a month. */
function nthWeekday(year: number, month: number, weekday: number, n: number): number {
  if (n > 0) {
    const first = Date.UTC(year, month, 1) / 1000;
    const firstWd = new Date(first * 1000).getUTCDay();
    return first + (((weekday - firstWd + 7) % 7) + (n - 1) * 7) * DAY;
  }
  const last = Date.UTC(year, month + 1, 0) / 1000;
  const lastWd = new Date(last * 1000).getUTCDay();
  return last - ((lastWd - weekday + 7) % 7) * DAY;
}

const dstCache = new Map<number, [number, number]>();

/** The UTC instants daylight saving starts and ends in New York for `year` (US federal rules). */
function usDstRange(year: number): [number, number] {
  let range = dstCache.get(year);
  if (range) return range;
  if (year >= 2007) {
    // Second Sunday of March 02:00 EST (07:00 UTC) to first Sunday of November 02:00 EDT (06:00 UTC).
    range = [nthWeekday(year, 2, 0, 2) + 7 * HOUR, nthWeekday(year, 10, 0, 1) + 6 * HOUR];
  } else if (year >= 1987) {
    range = [nthWeekday(year, 3, 0, 1) + 7 * HOUR, nthWeekday(year, 9, 0, -1) + 6 * HOUR];
  } else if (year >= 1967) {
    range = [nthWeekday(year, 3, 0, -1) + 7 * HOUR, nthWeekday(year, 9, 0, -1) + 6 * HOUR];
  } else {
    range = [0, 0];
  }
  dstCache.set(year, range);
  return range;
}

/** New York's offset from UTC in seconds at the instant `ts` (-18000 or -14400). */
export function newYorkOffset(ts: number): number {
  const year = new Date(ts * 1000).getUTCFullYear();
  const [start, end] = usDstRange(year);
  return ts >= start && ts < end ? -4 * HOUR : -5 * HOUR;
}

/** The trading date (days since 1970-01-01) that `ts` belongs to. */
export function tradingDate(ts: number, close: DailyClose): number {
  if (close === 'utc') return Math.floor(ts / DAY);
  // The NY-close day D runs from 17:00 New York on D-1 to 17:00 on D: shift local time by 7 h.
  return Math.floor((ts + newYorkOffset(ts) + 7 * HOUR) / DAY);
}

/** UTC seconds at which trading date `date` opens. */
export function tradingDateStart(date: number, close: DailyClose): number {
  if (close === 'utc') return date * DAY;
  const localStart = (date - 1) * DAY + 17 * HOUR;
  // 17:00 is never within an hour of a DST switch (02:00), so the EST guess decides it.
  return localStart - newYorkOffset(localStart + 5 * HOUR);
}

/** Weekday (0 = Sunday) of a trading date. */
export function weekdayOf(date: number): number {
  return (((date + 4) % 7) + 7) % 7;
}
