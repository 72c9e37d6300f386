import type { Candle } from '../market/candle';
import { computeSeries, type IndicatorKernel, type IndicatorPoint } from './kernel';
import { assertPeriod, type PriceSource, priceOf } from './source';

export interface EmaParams {
  period: number;
  source?: PriceSource;
}

/**
 * Exponential smoothing of a stream of numbers: `alpha = 2 / (period + 1)`, seeded with the
 * simple mean of the first `period` values (so the first value is on value number `period`).
 * Shared by EMA and MACD.
 */
export interface EmaState {
  period: number;
  alpha: number;
  seed: number[];
  ema: number | null;
}

export function emaInit(period: number, alpha = 2 / (period + 1)): EmaState {
  return { period, alpha, seed: [], ema: null };
}

export function emaPeek(s: EmaState, value: number): number | null {
  if (s.ema !== null) return s.alpha * value + (1 - s.alpha) * s.ema;
  if (s.seed.length + 1 < s.period) return null;
  let sum = value;
  for (const v of s.seed) sum += v;
  return sum / s.period;
}

export function emaCommit(s: EmaState, value: number): void {
  const next = emaPeek(s, value);
  if (next === null) s.seed.push(value);
  else {
    s.ema = next;
    s.seed.length = 0;
  }
}

/** Exponential moving average of a bar price, SMA-seeded; first value on bar `period`. */
export function emaKernel({ period, source = 'close' }: EmaParams): IndicatorKernel<EmaState, number> {
  assertPeriod('EMA period', period);
  return {
    init: () => emaInit(period),
    peek: (s, c) => emaPeek(s, priceOf(c, source)),
    commit: (s, c) => emaCommit(s, priceOf(c, source)),
  };
}

export function ema(candles: readonly Candle[], params: EmaParams): IndicatorPoint<number>[] {
  return computeSeries(emaKernel(params), candles);
}
