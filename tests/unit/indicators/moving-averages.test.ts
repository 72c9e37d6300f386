import { describe, expect, it } from 'vitest';
import { bollinger } from '../../../src/core/indicators/bollinger';
import { ema } from '../../../src/core/indicators/ema';
import { sma } from '../../../src/core/indicators/sma';
import { flatBars, values } from './helpers';

describe('SMA', () => {
  it('is the mean of the last `period` closes, aligned by ts, with no value before bar `period`', () => {
    const candles = flatBars([1, 2, 3, 4, 5]);
    const out = sma(candles, { period: 3 });
    expect(out.map((p) => p.ts)).toEqual(candles.map((c) => c.ts));
    expect(values(out)).toEqual([null, null, 2, 3, 4]);
  });

  it('reads the chosen price source', () => {
    const candles = [
      { ts: 0, open: 1, high: 4, low: 0, close: 2, volume: 0 },
      { ts: 60, open: 2, high: 6, low: 2, close: 4, volume: 0 },
    ];
    expect(values(sma(candles, { period: 2, source: 'hl2' }))).toEqual([null, 3]);
    expect(values(sma(candles, { period: 1, source: 'high' }))).toEqual([4, 6]);
  });

  it('has no values when there are fewer bars than the period', () => {
    expect(values(sma(flatBars([1, 2]), { period: 3 }))).toEqual([null, null]);
    expect(sma([], { period: 3 })).toEqual([]);
  });

  it('rejects a period that is not a whole number >= 1', () => {
    expect(() => sma(flatBars([1]), { period: 0 })).toThrow(RangeError);
    expect(() => sma(flatBars([1]), { period: 2.5 })).toThrow(RangeError);
  });
});

describe('EMA', () => {
  it('is seeded with the SMA of the first `period` closes, then smooths with 2 / (period + 1)', () => {
    // period 3: alpha = 0.5; seed (2 + 4 + 6) / 3 = 4; then 0.5 × 8 + 0.5 × 4 = 6; 0.5 × 12 + 0.5 × 6 = 9.
    expect(values(ema(flatBars([2, 4, 6, 8, 12]), { period: 3 }))).toEqual([null, null, 4, 6, 9]);
  });

  it('with period 1 follows the price', () => {
    expect(values(ema(flatBars([3, 1, 2]), { period: 1 }))).toEqual([3, 1, 2]);
  });
});

describe('Bollinger Bands', () => {
  it('are the SMA ± multiplier × the population standard deviation', () => {
    // closes 1, 2, 3: mean 2, variance (1 + 0 + 1) / 3 = 2/3.
    const out = bollinger(flatBars([1, 2, 3, 5]), { period: 3, multiplier: 2 });
    expect(out[0]!.value).toBeNull();
    expect(out[1]!.value).toBeNull();
    const v = out[2]!.value!;
    expect(v.middle).toBeCloseTo(2, 12);
    expect(v.upper).toBeCloseTo(2 + 2 * Math.sqrt(2 / 3), 12);
    expect(v.lower).toBeCloseTo(2 - 2 * Math.sqrt(2 / 3), 12);
    // closes 2, 3, 5: mean 10/3, variance ((4/3)² + (1/3)² + (5/3)²) / 3 = 42/27.
    const w = out[3]!.value!;
    expect(w.middle).toBeCloseTo(10 / 3, 12);
    expect(w.upper - w.middle).toBeCloseTo(2 * Math.sqrt(42 / 27), 12);
  });
});
