import type { Candle } from '../../../src/core/market/candle';

/** Candles whose open, high, low and close all equal the given closes, one minute apart. */
export function flatBars(closes: readonly number[], startTs = 1_546_300_800, step = 60): Candle[] {
  return closes.map((close, i) => ({
    ts: startTs + i * step,
    open: close,
    high: close,
    low: close,
    close,
    volume: 0,
  }));
}

export function bar(ts: number, high: number, low: number, close: number, volume = 0, open = close): Candle {
  return { ts, open, high, low, close, volume };
}

export const values = <V>(points: { value: V | null }[]): (V | null)[] => points.map((p) => p.value);
