import type { Candle } from './candle';
import { type DailyClose, tradingDate, tradingDateStart, weekdayOf } from './session-calendar';
import { TIMEFRAME_SECONDS, type Timeframe } from './timeframes';

/**
 * How higher timeframes are cut. Bars are always labelled by their open time; intraday bars
 * (M1 … H4) align to UTC multiples of their length whatever these options say.
 */
export interface ResampleOptions {
  /** Where D1 (and so W1) bars start: 00:00 UTC (default) or 17:00 America/New_York. */
  dailyClose?: DailyClose;
  /**
   * The trading day a W1 bar starts on, 0 = Sunday … 6 = Saturday. Default 1: Monday, i.e.
   * Monday 00:00 UTC, or Sunday 17:00 New York with the New York close.
   */
  weekStart?: number;
}

/** Half-open [start, end) of the bar of `timeframe` that contains `ts`. */
export function bucketRange(
  ts: number,
  timeframe: Timeframe,
  options: ResampleOptions = {},
): [number, number] {
  const seconds = TIMEFRAME_SECONDS[timeframe];
  const close = options.dailyClose ?? 'utc';
  if (seconds < 86_400) {
    const start = ts - (((ts % seconds) + seconds) % seconds);
    return [start, start + seconds];
  }
  const date = tradingDate(ts, close);
  if (timeframe === 'D1') return [tradingDateStart(date, close), tradingDateStart(date + 1, close)];
  const weekStart = options.weekStart ?? 1;
  const first = date - ((weekdayOf(date) - weekStart + 7) % 7);
  return [tradingDateStart(first, close), tradingDateStart(first + 7, close)];
}

/** Open time of the bar of `timeframe` that contains `ts` (UTC seconds). */
export function bucketStart(ts: number, timeframe: Timeframe, options?: ResampleOptions): number {
  return bucketRange(ts, timeframe, options)[0];
}

/**
 * Aggregates `base` (sorted ascending, any finer timeframe) into `timeframe` bars:
 * first open, highest high, lowest low, last close, summed volume. Empty buckets yield no bar.
 */
export function resampleCandles(
  base: Candle[],
  timeframe: Timeframe,
  options: ResampleOptions = {},
): Candle[] {
  const out: Candle[] = [];
  let end = Number.NEGATIVE_INFINITY;
  let bar: Candle | undefined;
  for (const c of base) {
    if (bar && c.ts < end) {
      if (c.high > bar.high) bar.high = c.high;
      if (c.low < bar.low) bar.low = c.low;
      bar.close = c.close;
      bar.volume += c.volume;
      continue;
    }
    const [start, nextEnd] = bucketRange(c.ts, timeframe, options);
    end = nextEnd;
    bar = { ts: start, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume };
    out.push(bar);
  }
  return out;
}
