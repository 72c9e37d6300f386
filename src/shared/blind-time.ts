/**
 * Times of a blind session cross the contract shifted into a zone no market data can come from
 * (years 2172 to 2227), so a screen or an export that forgets to hide them still shows no real
 * date: only the relative "Day 3 14:05" labels these helpers make. The session's first day is
 * Day 1 (midnight UTC of that day maps to BLIND_EPOCH_TS); the history before it is Day 0,
 * Day -1 and so on.
 */
export const BLIND_EPOCH_TS = 7_258_118_400; // 2200-01-01T00:00:00Z
const DAY = 86_400;
const ZONE_DAYS = 10_000;
/** Lowest masked time; wall-clock times (created, updated) of a blind session are sent as this. */
export const BLIND_HIDDEN_TS = BLIND_EPOCH_TS - ZONE_DAYS * DAY;
const ZONE_END_TS = BLIND_EPOCH_TS + ZONE_DAYS * DAY;

/** True when `ts` is a blind session's masked time (or its hidden wall-clock time). */
export function isMaskedTs(ts: number | null | undefined): boolean {
  return ts != null && ts >= BLIND_HIDDEN_TS && ts < ZONE_END_TS;
}

/** The day number of a masked time: 1 for the session's first day. */
export function blindDay(ts: number): number {
  return Math.floor((ts - BLIND_EPOCH_TS) / DAY) + 1;
}

/** "Day 3 14:05" for a masked time, "hidden" for a hidden wall-clock time. */
export function formatBlindTs(ts: number): string {
  if (ts === BLIND_HIDDEN_TS) return 'hidden';
  const secondOfDay = (((ts - BLIND_EPOCH_TS) % DAY) + DAY) % DAY;
  const hh = String(Math.floor(secondOfDay / 3600)).padStart(2, '0');
  const mm = String(Math.floor((secondOfDay % 3600) / 60)).padStart(2, '0');
  return `Day ${blindDay(ts)} ${hh}:${mm}`;
}

/** "Day 3" for a masked time. */
export function formatBlindDay(ts: number): string {
  return ts === BLIND_HIDDEN_TS ? 'hidden' : `Day ${blindDay(ts)}`;
}
