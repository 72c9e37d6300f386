import type { ResampleOptions } from './resample';
import { TIMEFRAME_SECONDS, TIMEFRAMES, type Timeframe } from './timeframes';

/** A higher timeframe kept in the candle cache, e.g. `{ key: 'D1@NY', timeframe: 'D1', … }`. */
export interface DerivedSeries {
  key: string;
  timeframe: Timeframe;
  options: ResampleOptions;
}

/** The cache key for a timeframe and options, or undefined when that variant is not cached. */
export function derivedKey(timeframe: Timeframe, options: ResampleOptions = {}): string | undefined {
  if ((options.weekStart ?? 1) !== 1) return undefined;
  if ((options.dailyClose ?? 'utc') === 'utc') return timeframe;
  return timeframe === 'D1' || timeframe === 'W1' ? `${timeframe}@NY` : timeframe;
}

/** Every series derived and cached for a dataset of `base` timeframe: each coarser one, plus NY-close D1/W1. */
export function derivedSeriesFor(base: Timeframe): DerivedSeries[] {
  const out: DerivedSeries[] = [];
  for (const timeframe of TIMEFRAMES) {
    if (TIMEFRAME_SECONDS[timeframe] <= TIMEFRAME_SECONDS[base]) continue;
    out.push({ key: timeframe, timeframe, options: {} });
  }
  // NY-close days need hour-aligned input: 17:00 New York is a whole UTC hour.
  if (TIMEFRAME_SECONDS[base] <= 3600) {
    out.push({ key: 'D1@NY', timeframe: 'D1', options: { dailyClose: 'new-york-close' } });
    out.push({ key: 'W1@NY', timeframe: 'W1', options: { dailyClose: 'new-york-close' } });
  }
  return out;
}

/** Bars per cache chunk; chunks are aligned to multiples of this many bar lengths. */
export const CHUNK_BARS = 1024;

export function chunkStart(ts: number, timeframe: Timeframe): number {
  const span = CHUNK_BARS * TIMEFRAME_SECONDS[timeframe];
  return Math.floor(ts / span) * span;
}
