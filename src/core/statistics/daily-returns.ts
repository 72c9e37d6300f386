import { weekdayOf } from '../market/session-calendar';

const DAY = 86_400;

/** Saturday or Sunday (UTC) for a day index since the epoch. */
function isWeekend(day: number): boolean {
  const weekday = weekdayOf(day); // 0 = Sunday
  return weekday === 0 || weekday === 6;
}

/**
 * Daily equity returns. Each UTC day from the first to the last point closes at the equity of
 * its last point, or, with no point that day (no open position, no ledger entry), at the
 * previous close carried forward: a flat day is a 0 return, not a missing one. Saturdays and
 * Sundays count only when they have points (markets that trade at weekends). Each return is the
 * close over the previous close (the first day's over `startEquityCents`) minus one.
 */
export function dailyReturns(
  points: readonly { ts: number; equityCents: number }[],
  startEquityCents: number,
): { day: number; ret: number }[] {
  if (points.length === 0) return [];
  const closes = new Map<number, number>();
  for (const p of points) closes.set(Math.floor(p.ts / DAY), p.equityCents);
  const first = Math.floor(points[0]!.ts / DAY);
  const last = Math.floor(points[points.length - 1]!.ts / DAY);
  const out: { day: number; ret: number }[] = [];
  let prev = startEquityCents;
  for (let day = first; day <= last; day++) {
    const close = closes.get(day);
    if (close === undefined && isWeekend(day)) continue;
    const value = close ?? prev;
    if (prev > 0) out.push({ day: day * DAY, ret: value / prev - 1 });
    prev = value;
  }
  return out;
}
