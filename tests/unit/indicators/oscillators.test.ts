import { describe, expect, it } from 'vitest';
import { atr, trueRange } from '../../../src/core/indicators/atr';
import { macd } from '../../../src/core/indicators/macd';
import { rsi } from '../../../src/core/indicators/rsi';
import { bar, flatBars, values } from './helpers';

/** Wilder's RSI worked example (StockCharts "RSI" ChartSchool spreadsheet, 14 periods). */
const RSI_CLOSES = [
  44.3389, 44.0902, 44.1497, 43.6124, 44.3278, 44.8264, 45.0955, 45.4245, 45.8433, 46.0826, 45.8931, 46.0328,
  45.614, 46.282, 46.282, 46.0028, 46.0328, 46.4116, 46.2222, 45.6439, 46.2122, 46.2521, 45.7137, 46.4515,
  45.7835, 45.3548, 44.0288, 44.1783, 44.2181, 44.5672, 43.4205, 42.6628, 43.1314,
];
const RSI_EXPECTED = [
  70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46, 41.87,
  45.46, 37.3, 33.08, 37.77,
];

describe('RSI (Wilder)', () => {
  it('matches the published 14-period reference values', () => {
    const out = values(rsi(flatBars(RSI_CLOSES), { period: 14 }));
    expect(out.slice(0, 14)).toEqual(new Array(14).fill(null));
    const got = out.slice(14) as number[];
    expect(got).toHaveLength(RSI_EXPECTED.length);
    got.forEach((v, i) => {
      expect(Math.abs(v - RSI_EXPECTED[i]!)).toBeLessThan(0.01);
    });
  });

  it('is computed by hand on a short series', () => {
    // period 2. changes: +2, -1, +3. seed: avgGain 1, avgLoss 0.5 → RSI 100 − 100/3.
    // then avgGain (1 + 3) / 2 = 2, avgLoss (0.5 + 0) / 2 = 0.25 → RS 8 → 100 − 100/9.
    const out = values(rsi(flatBars([10, 12, 11, 14]), { period: 2 }));
    expect(out[0]).toBeNull();
    expect(out[1]).toBeNull();
    expect(out[2]).toBeCloseTo(100 - 100 / 3, 12);
    expect(out[3]).toBeCloseTo(100 - 100 / 9, 12);
  });

  it('is 100 with only gains and 0 with only losses', () => {
    expect(values(rsi(flatBars([1, 2, 3, 4]), { period: 2 })).slice(2)).toEqual([100, 100]);
    expect(values(rsi(flatBars([4, 3, 2, 1]), { period: 2 })).slice(2)).toEqual([0, 0]);
  });
});

describe('MACD', () => {
  it('is EMA(fast) − EMA(slow) with an EMA signal and a histogram, by hand', () => {
    const out = macd(flatBars([1, 2, 4, 8, 16]), { fast: 2, slow: 3, signal: 2 });
    // fast (alpha 2/3): 1.5, 19/6, 115/18, 691/54. slow (alpha 1/2): 7/3, 31/6, 127/12.
    const line2 = 19 / 6 - 7 / 3;
    const line3 = 115 / 18 - 31 / 6;
    const line4 = 691 / 54 - 127 / 12;
    expect(out[0]!.value).toBeNull();
    expect(out[1]!.value).toBeNull();
    expect(out[2]!.value!.macd).toBeCloseTo(line2, 12);
    expect(out[2]!.value!.signal).toBeNull();
    expect(out[2]!.value!.histogram).toBeNull();
    const signal3 = (line2 + line3) / 2;
    expect(out[3]!.value!.macd).toBeCloseTo(line3, 12);
    expect(out[3]!.value!.signal).toBeCloseTo(signal3, 12);
    expect(out[3]!.value!.histogram).toBeCloseTo(line3 - signal3, 12);
    const signal4 = (2 / 3) * line4 + (1 / 3) * signal3;
    expect(out[4]!.value!.signal).toBeCloseTo(signal4, 12);
    expect(out[4]!.value!.histogram).toBeCloseTo(line4 - signal4, 12);
  });

  it('starts the line on bar `slow` and the signal `signal − 1` bars later with the defaults', () => {
    const closes = Array.from({ length: 40 }, (_, i) => 100 + Math.sin(i / 3) * 5);
    const out = macd(flatBars(closes), { fast: 12, slow: 26, signal: 9 });
    expect(out.findIndex((p) => p.value !== null)).toBe(25);
    expect(out.findIndex((p) => p.value?.signal != null)).toBe(33);
  });
});

describe('ATR (Wilder)', () => {
  it('uses the true range, seeds with its mean and then smooths, by hand', () => {
    const candles = [
      bar(0, 10, 8, 9), // TR 2 (high − low, no previous close)
      bar(60, 11, 9, 10.5), // TR max(2, |11 − 9|, |9 − 9|) = 2
      bar(120, 13, 10, 12), // TR max(3, 2.5, 0.5) = 3
      bar(180, 15, 14, 14.5), // gap: TR max(1, |15 − 12|, |14 − 12|) = 3
      bar(240, 14.6, 14.4, 14.5), // TR 0.2
    ];
    expect(trueRange(candles[3]!, 12)).toBe(3);
    const out = values(atr(candles, { period: 3 }));
    expect(out[0]).toBeNull();
    expect(out[1]).toBeNull();
    expect(out[2]).toBeCloseTo(7 / 3, 12);
    expect(out[3]).toBeCloseTo((2 * (7 / 3) + 3) / 3, 12);
    expect(out[4]).toBeCloseTo((2 * (23 / 9) + 0.2) / 3, 12);
  });
});
