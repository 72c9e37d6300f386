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
} as const;

/**
 * Open time of the last base bar of the chart bar holding `ts`. "Step one chart bar" reveals the
 * next base bar and then every base bar up to this time, so holes in the data (weekends) never
 * make a step reveal nothing.
 */
export function chartBarLastBaseTs(ts: number, chart: Timeframe, base: Timeframe): number {
  return bucketStart(ts, chart) + TIMEFRAME_SECONDS[chart] - TIMEFRAME_SECONDS[base];
}

/** Milliseconds between play steps: one base bar per step, one step a second at 1x. */
export function playIntervalMs(speed: keyof typeof SPEED_FACTORS): number {
  return Math.max(16, Math.round(1000 / SPEED_FACTORS[speed]));
}
