import type { Candle } from '../market/candle';
import { computeSeries, type IndicatorKernel, type IndicatorPoint } from './kernel';
import { assertPeriod, type PriceSource, priceOf } from './source';

export interface RsiParams {
  period: number;
  source?: PriceSource;
}

interface RsiState {
  prev: number | null;
  /** Gains and losses of the first `period` changes, before Wilder smoothing starts. */
  gains: number;
  losses: number;
  changes: number;
  avgGain: number | null;
  avgLoss: number | null;
}

function rsiOf(avgGain: number, avgLoss: number): number {
  if (avgLoss === 0) return avgGain === 0 ? 50 : 100; // flat: neutral; only gains: 100
  return 100 - 100 / (1 + avgGain / avgLoss);
}

function averages(s: RsiState, price: number, period: number): [number, number] | null {
  if (s.prev === null) return null;
  const change = price - s.prev;
  const gain = Math.max(change, 0);
  const loss = Math.max(-change, 0);
  if (s.avgGain !== null && s.avgLoss !== null) {
    return [(s.avgGain * (period - 1) + gain) / period, (s.avgLoss * (period - 1) + loss) / period];
  }
  if (s.changes + 1 < period) return null;
  return [(s.gains + gain) / period, (s.losses + loss) / period];
}

/**
 * Wilder's RSI: the first average gain/loss is the simple mean of the first `period` changes
 * (first value on bar `period + 1`), then `avg = (avg × (period − 1) + x) / period`.
 * RSI = 100 − 100 / (1 + avgGain / avgLoss); 100 when there are no losses, 50 on a flat series.
 */
export function rsiKernel({ period, source = 'close' }: RsiParams): IndicatorKernel<RsiState, number> {
  assertPeriod('RSI period', period);
  return {
    init: () => ({ prev: null, gains: 0, losses: 0, changes: 0, avgGain: null, avgLoss: null }),
    peek: (s, c) => {
      const avg = averages(s, priceOf(c, source), period);
      return avg === null ? null : rsiOf(avg[0], avg[1]);
    },
    commit: (s, c) => {
      const price = priceOf(c, source);
      const avg = averages(s, price, period);
      if (avg !== null) [s.avgGain, s.avgLoss] = avg;
      else if (s.prev !== null) {
        const change = price - s.prev;
        s.gains += Math.max(change, 0);
        s.losses += Math.max(-change, 0);
        s.changes++;
      }
      s.prev = price;
    },
  };
}

export function rsi(candles: readonly Candle[], params: RsiParams): IndicatorPoint<number>[] {
  return computeSeries(rsiKernel(params), candles);
}
