/**
 * Challenge days. A day runs from one reset (a local wall-clock time in the rulebook's zone) to
 * the next. With the offset injected, local wall time is `ts + offset(ts) × 60`, and day `k`
 * covers the wall times `[k × 86400 + R, (k + 1) × 86400 + R)` where `R` is the reset's seconds
 * after midnight. So a day is 23 or 25 hours long across a DST change, and the reset stays at
 * 17:00 (or 00:00) local on both sides of it.
 *
 * A day is named by its label date (days since 1970-01-01): the calendar date it ends on when the
 * reset is at or after noon (the FX "New York close" day that starts Sunday 17:00 is Monday), the
 * date it starts on otherwise (a 00:00 reset).
 */

export const DAY_SECONDS = 86_400;

/** Seconds after local midnight of an 'HH:MM' time (already validated). */
export function clockSeconds(time: string): number {
  const [h, m] = time.split(':');
  return Number(h) * 3600 + Number(m) * 60;
}

/** Index of the challenge day holding the instant `ts`, given the zone's offset (minutes) at `ts`. */
export function dayIndexAt(ts: number, offsetMinutes: number, resetSeconds: number): number {
  return Math.floor((ts + offsetMinutes * 60 - resetSeconds) / DAY_SECONDS);
}

/** The label date (days since the epoch) of day index `k`. */
export function labelOf(k: number, resetSeconds: number): number {
  return resetSeconds >= 12 * 3600 ? k + 1 : k;
}

/** Weekday of a date (days since the epoch), 0 = Sunday … 6 = Saturday. */
export function weekdayOfDate(date: number): number {
  return (((date + 4) % 7) + 7) % 7;
}

/** Saturday or Sunday. */
export function isWeekendDate(date: number): boolean {
  const wd = weekdayOfDate(date);
  return wd === 0 || wd === 6;
}

/** 'YYYY-MM-DD' of a date (days since the epoch), proleptic Gregorian (Hinnant's civil_from_days). */
export function isoDate(date: number): string {
  const z = date + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Days since the epoch of a 'YYYY-MM-DD' date (Hinnant's days_from_civil); NaN when malformed. */
export function dateFromIso(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return Number.NaN;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const year = Number(m[1]) - (month <= 2 ? 1 : 0);
  const era = Math.floor(year / 400);
  const yoe = year - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
