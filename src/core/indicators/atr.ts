import type { Candle } from '../market/candle';
import { computeSeries, type IndicatorKernel, type IndicatorPoint } from './kernel';
import { assertPeriod } from './source';

export interface AtrParams {
  period: number;
}

interface AtrState {
  prevClose: number | null;
  seedSum: number;
  seedCount: number;
  atr: number | null;
}

/** True range; the first bar, with no previous close, uses high − low. */
export function trueRange(candle: Candle, prevClose: number | null): number {
  const range = candle.high - candle.low;
  if (prevClose === null) return range;
  return Math.max(range, Math.abs(candle.high - prevClose), Math.abs(candle.low - prevClose));
}

function next(s: AtrState, c: Candle, period: number): number | null {
  const tr = trueRange(c, s.prevClose);
  if (s.atr !== null) return (s.atr * (period - 1) + tr) / period;
  if (s.seedCount + 1 < period) return null;
  return (s.seedSum + tr) / period;
}

/**
 * Wilder's Average True Range: the first value is the mean of the first `period` true ranges
 * (on bar `period`), then `atr = (atr × (period − 1) + tr) / period`.
 */
export function atrKernel({ period }: AtrParams): IndicatorKernel<AtrState, number> {
  assertPeriod('ATR period', period);
  return {
    init: () => ({ prevClose: null, seedSum: 0, seedCount: 0, atr: null }),
    peek: (s, c) => next(s, c, period),
    commit: (s, c) => {
      const value = next(s, c, period);
      if (value !== null) s.atr = value;
      else {
        s.seedSum += trueRange(c, s.prevClose);
        s.seedCount++;
      }
      s.prevClose = c.close;
    },
  };
}

export function atr(candles: readonly Candle[], params: AtrParams): IndicatorPoint<number>[] {
  return computeSeries(atrKernel(params), candles);
}
