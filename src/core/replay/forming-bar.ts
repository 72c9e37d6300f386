import type { Timeframe } from '../../shared/timeframes';
import { TIMEFRAME_SECONDS } from '../../shared/timeframes';

export interface Bar {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

/**
 * Start of the chart bar holding `ts`. Weeks start on Monday 00:00 UTC (1970-01-05 was the first
 * Monday); everything else is aligned on the epoch.
 */
export function chartBucketStart(ts: number, timeframe: Timeframe): number {
  const size = TIMEFRAME_SECONDS[timeframe];
  if (timeframe === 'W1') {
    const monday = 4 * 86_400;
    return Math.floor((ts - monday) / size) * size + monday;
  }
  return Math.floor(ts / size) * size;
}

/**
 * Aggregates revealed base bars (oldest first) into chart bars; the last one is the forming
 * bar, built only from what has been revealed.
 */
export function aggregateBars(
  base: readonly Bar[],
  timeframe: Timeframe,
  bucketOf: (ts: number, timeframe: Timeframe) => number = chartBucketStart,
): Bar[] {
  const out: Bar[] = [];
  let current: Bar | null = null;
  for (const bar of base) {
    const start = bucketOf(bar.ts, timeframe);
    if (current && current.ts === start) {
      if (bar.high > current.high) current.high = bar.high;
      if (bar.low < current.low) current.low = bar.low;
      current.close = bar.close;
      current.volume += bar.volume;
    } else {
      current = {
        ts: start,
        open: bar.open,
        high: bar.high,
        low: bar.low,
        close: bar.close,
        volume: bar.volume,
      };
      out.push(current);
    }
  }
  return out;
}
