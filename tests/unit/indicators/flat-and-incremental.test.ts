import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  computeIndicator,
  createIndicator,
  INDICATOR_KINDS,
  type IndicatorSpec,
} from '../../../src/core/indicators';
import type { Candle } from '../../../src/core/market/candle';
import { flatBars } from './helpers';

const SPECS: IndicatorSpec[] = [
  { kind: 'sma', period: 5, source: 'close' },
  { kind: 'ema', period: 5, source: 'close' },
  { kind: 'bollinger', period: 5, multiplier: 2, source: 'close' },
  { kind: 'rsi', period: 5, source: 'close' },
  { kind: 'macd', fast: 3, slow: 6, signal: 4, source: 'close' },
  { kind: 'atr', period: 5 },
  { kind: 'vwap', anchor: 'day' },
];

describe('every indicator', () => {
  it('covers every kind in these tests', () => {
    expect(SPECS.map((s) => s.kind).sort()).toEqual([...INDICATOR_KINDS].sort());
  });

  it.each(SPECS)('$kind: a flat series gives finite values, no NaN, no division by zero', (spec) => {
    const out = computeIndicator(spec, flatBars(new Array(30).fill(1.1)));
    const last = out.at(-1)!.value!;
    for (const v of Object.values(last)) {
      expect(v).not.toBeNull();
      expect(Number.isFinite(v)).toBe(true);
    }
    if (spec.kind === 'rsi') expect(last.value).toBe(50);
    if (spec.kind === 'atr') expect(last.value).toBe(0);
    if (spec.kind === 'macd') expect(last.macd).toBeCloseTo(0, 12);
    if (spec.kind === 'bollinger') expect(last.upper! - last.lower!).toBeCloseTo(0, 12);
    if (spec.kind === 'sma' || spec.kind === 'ema' || spec.kind === 'vwap')
      expect(last.value).toBeCloseTo(1.1, 12);
  });

  const barsArb = fc
    .array(
      fc.record({
        open: fc.double({ min: 1, max: 2, noNaN: true }),
        a: fc.double({ min: 0, max: 0.1, noNaN: true }),
        b: fc.double({ min: 0, max: 0.1, noNaN: true }),
        close: fc.double({ min: 0, max: 1, noNaN: true }),
        volume: fc.integer({ min: 0, max: 1000 }),
        gap: fc.constantFrom(60, 3600, 86_400),
      }),
      { minLength: 1, maxLength: 60 },
    )
    .map((rows) => {
      let ts = 1_700_000_000;
      return rows.map((r): Candle => {
        ts += r.gap;
        const high = r.open + r.a;
        const low = r.open - r.b;
        return { ts, open: r.open, high, low, close: low + (high - low) * r.close, volume: r.volume };
      });
    });

  it.each(SPECS)('$kind: ticking the forming bar gives exactly the batch values (no look-ahead)', (spec) => {
    fc.assert(
      fc.property(barsArb, (candles) => {
        const batch = computeIndicator(spec, candles);
        const live = createIndicator(spec);
        live.reset([]);
        const seen = [];
        for (const c of candles) {
          // The bar forms in four ticks (open, high, low, close), as the replay reveals it.
          const ticks: Candle[] = [
            { ...c, high: c.open, low: c.open, close: c.open },
            { ...c, low: c.open, close: c.high },
            { ...c, close: c.low },
            c,
          ];
          let result = live.update(ticks[0]!);
          expect(result.appended).toBe(true);
          for (const t of ticks.slice(1)) {
            result = live.update(t);
            expect(result.appended).toBe(false);
          }
          seen.push(result.point);
          // A prefix computed alone equals the batch: values only depend on bars up to their own.
        }
        expect(seen).toEqual(batch);
        const prefix = computeIndicator(spec, candles.slice(0, Math.ceil(candles.length / 2)));
        expect(prefix).toEqual(batch.slice(0, prefix.length));
      }),
      { numRuns: 60 },
    );
  });

  it('refuses an older bar after a newer one', () => {
    const live = createIndicator(SPECS[0]!);
    const [a, b] = flatBars([1, 2]);
    live.update(b!);
    expect(() => live.update(a!)).toThrow(RangeError);
  });
});
