import type { Candle } from '../market/candle';
import { type EmaState, emaCommit, emaInit, emaPeek } from './ema';
import { computeSeries, type IndicatorKernel, type IndicatorPoint } from './kernel';
import { assertPeriod, type PriceSource, priceOf } from './source';

export interface MacdParams {
  fast: number;
  slow: number;
  signal: number;
  source?: PriceSource;
}

export interface MacdValue {
  /** EMA(fast) − EMA(slow). */
  macd: number;
  /** EMA(signal) of the MACD line; null while it warms up. */
  signal: number | null;
  /** MACD − signal; null while the signal warms up. */
  histogram: number | null;
}

interface MacdState {
  fast: EmaState;
  slow: EmaState;
  signal: EmaState;
}

function line(s: MacdState, price: number): number | null {
  const fast = emaPeek(s.fast, price);
  const slow = emaPeek(s.slow, price);
  return fast === null || slow === null ? null : fast - slow;
}

/**
 * MACD: both EMAs SMA-seeded, so the line starts on bar `slow` (for fast < slow) and the
 * signal, an SMA-seeded EMA of the line, `signal − 1` bars later.
 */
export function macdKernel({
  fast,
  slow,
  signal,
  source = 'close',
}: MacdParams): IndicatorKernel<MacdState, MacdValue> {
  assertPeriod('MACD fast period', fast);
  assertPeriod('MACD slow period', slow);
  assertPeriod('MACD signal period', signal);
  return {
    init: () => ({ fast: emaInit(fast), slow: emaInit(slow), signal: emaInit(signal) }),
    peek: (s, c) => {
      const macd = line(s, priceOf(c, source));
      if (macd === null) return null;
      const sig = emaPeek(s.signal, macd);
      return { macd, signal: sig, histogram: sig === null ? null : macd - sig };
    },
    commit: (s, c) => {
      const price = priceOf(c, source);
      const macd = line(s, price);
      emaCommit(s.fast, price);
      emaCommit(s.slow, price);
      if (macd !== null) emaCommit(s.signal, macd);
    },
  };
}

export function macd(candles: readonly Candle[], params: MacdParams): IndicatorPoint<MacdValue>[] {
  return computeSeries(macdKernel(params), candles);
}
