import type { Candle } from '../market/candle';
import { computeSeries, type IndicatorKernel, type IndicatorPoint } from './kernel';

/** Where the running sums restart: each UTC day, each week (Monday 00:00 UTC), or never. */
export type VwapAnchor = 'day' | 'week' | 'none';

export interface VwapParams {
  anchor?: VwapAnchor;
}

interface VwapState {
  period: number | null;
  priceVolume: number;
  volume: number;
  priceSum: number;
  bars: number;
}

const DAY = 86_400;
const WEEK = 7 * DAY;
/** 1970-01-01 was a Thursday: weeks start 4 days later, on Monday 1970-01-05. */
const MONDAY_OFFSET = 4 * DAY;

export function anchorPeriod(ts: number, anchor: VwapAnchor): number {
  if (anchor === 'day') return Math.floor(ts / DAY);
  if (anchor === 'week') return Math.floor((ts - MONDAY_OFFSET) / WEEK);
  return 0;
}

function sums(s: VwapState, c: Candle, anchor: VwapAnchor): [number, number, number, number] {
  const typical = (c.high + c.low + c.close) / 3;
  const fresh = s.period !== anchorPeriod(c.ts, anchor);
  const base = fresh ? [0, 0, 0, 0] : [s.priceVolume, s.volume, s.priceSum, s.bars];
  const volume = Number.isFinite(c.volume) && c.volume > 0 ? c.volume : 0;
  return [base[0]! + typical * volume, base[1]! + volume, base[2]! + typical, base[3]! + 1];
}

/**
 * Volume-weighted average price of the typical price (H+L+C)/3, anchored to the UTC day by
 * default. When the anchor period has no volume at all (common in FX files), it falls back to the
 * plain mean of the typical prices, so it never divides by zero.
 */
export function vwapKernel({ anchor = 'day' }: VwapParams = {}): IndicatorKernel<VwapState, number> {
  return {
    init: () => ({ period: null, priceVolume: 0, volume: 0, priceSum: 0, bars: 0 }),
    peek: (s, c) => {
      const [pv, v, p, n] = sums(s, c, anchor);
      return v > 0 ? pv / v : p / n;
    },
    commit: (s, c) => {
      [s.priceVolume, s.volume, s.priceSum, s.bars] = sums(s, c, anchor);
      s.period = anchorPeriod(c.ts, anchor);
    },
  };
}

export function vwap(candles: readonly Candle[], params: VwapParams = {}): IndicatorPoint<number>[] {
  return computeSeries(vwapKernel(params), candles);
}
