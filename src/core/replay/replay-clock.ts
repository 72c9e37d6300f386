import { bucketStart } from '../market/resample';
import type { Timeframe } from '../market/timeframes';
import { TIMEFRAME_SECONDS } from '../market/timeframes';

/** Replay speeds as factors of one base bar a second. */
export const SPEED_FACTORS = {
  '0.5x': 0.5,
  '1x': 1,
  '2x': 2,
  '3x': 3,
  '5x': 5,
  '10x': 10,
  '15x': 15,
  '30x': 30,
  '60x': 60,
  max: Number.POSITIVE_INFINITY,
} as const;

/**
 * Open time of the last base bar of the chart bar holding `ts`. "Step one chart bar" reveals the
 * next base bar and then every base bar up to this time, so holes in the data (weekends) never
 * make a step reveal nothing.
 */
export function chartBarLastBaseTs(ts: number, chart: Timeframe, base: Timeframe): number {
  return bucketStart(ts, chart) + TIMEFRAME_SECONDS[chart] - TIMEFRAME_SECONDS[base];
}

/**
 * Milliseconds between play steps: one base bar per step, one step a second at 1x, about one a
 * frame at 60x; `max` does not wait at all (0), and the desk draws the bars as they come.
 */
export function playIntervalMs(speed: keyof typeof SPEED_FACTORS): number {
  if (speed === 'max') return 0;
  return Math.max(16, Math.round(1000 / SPEED_FACTORS[speed]));
}

const DAY = 86_400;

/** Where the jumps of the replay bar stop: the next UTC day, or the next FX session's open. */
export type JumpTarget = 'next-day' | 'next-session';

/**
 * Opens of the FX sessions in UTC minutes of the day, the windows the strategies use
 * (Tokyo 00:00, London 07:00, New York 12:00, Sydney 21:00; no daylight saving).
 */
export const SESSION_OPENS_MIN = [0, 7 * 60, 12 * 60, 21 * 60] as const;

/**
 * The first instant after `cursorTs` at which `target` begins: 00:00 UTC of the next day, or the
 * next session open. A jump reveals every base bar before it and then the first bar at or after
 * it, so it stops on that bar whatever the gaps in the data.
 */
export function jumpTargetTs(cursorTs: number, target: JumpTarget): number {
  const dayStart = Math.floor(cursorTs / DAY) * DAY;
  if (target === 'next-day') return dayStart + DAY;
  for (const minutes of SESSION_OPENS_MIN) {
    const open = dayStart + minutes * 60;
    if (open > cursorTs) return open;
  }
  return dayStart + DAY + SESSION_OPENS_MIN[0] * 60;
}
