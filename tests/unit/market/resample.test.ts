import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type Bar, BarAggregator } from '../../../src/core/market/bar-aggregator';
import type { Candle } from '../../../src/core/market/candle';
import { bucketStart, type ResampleOptions, resampleCandles } from '../../../src/core/market/resample';
import { TIMEFRAME_SECONDS, TIMEFRAMES, type Timeframe } from '../../../src/core/market/timeframes';

const utc = (s: string) => Date.parse(s) / 1000;

/** Independent reference: luxon's tz database for New York, plain division for the rest. */
function naiveBucket(ts: number, tf: Timeframe, o: ResampleOptions): number {
  const sec = TIMEFRAME_SECONDS[tf];
  if (sec < 86400) return Math.floor(ts / sec) * sec;
  const ny = o.dailyClose === 'new-york-close';
  let day: DateTime;
  if (ny) {
    const local = DateTime.fromSeconds(ts, { zone: 'America/New_York' });
    const today17 = local.set({ hour: 17, minute: 0, second: 0, millisecond: 0 });
    day = local.hour >= 17 ? today17 : today17.minus({ days: 1 });
  } else day = DateTime.fromSeconds(Math.floor(ts / 86400) * 86400, { zone: 'utc' });
  if (tf === 'D1') return day.toSeconds();
  // The trading date is the day after a NY-close session start; walk back to the week start.
  const weekStart = o.weekStart ?? 1;
  for (;;) {
    const tradingDate = ny ? day.plus({ days: 1 }) : day;
    if (tradingDate.weekday % 7 === weekStart) return day.toSeconds();
    day = ny ? day.minus({ days: 1 }).set({ hour: 17 }) : day.minus({ days: 1 });
  }
}

function naiveResample(base: Candle[], tf: Timeframe, o: ResampleOptions): Candle[] {
  const groups = new Map<number, Candle[]>();
  for (const c of base) {
    const key = naiveBucket(c.ts, tf, o);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  return [...groups.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([ts, cs]) => ({
      ts,
      open: cs[0]!.open,
      high: Math.max(...cs.map((c) => c.high)),
      low: Math.min(...cs.map((c) => c.low)),
      close: cs.at(-1)!.close,
      volume: cs.reduce((s, c) => s + c.volume, 0),
    }));
}

const m1Series = fc
  .record({
    start: fc.integer({ min: utc('2006-01-01T00:00:00Z') / 60, max: utc('2026-01-01T00:00:00Z') / 60 }),
    steps: fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 300 }),
    prices: fc.array(fc.tuple(fc.integer({ min: 1, max: 1000 }), fc.nat(50), fc.nat(50), fc.nat(100)), {
      minLength: 300,
      maxLength: 300,
    }),
  })
  .map(({ start, steps, prices }) => {
    let minute = start;
    return steps.map((step, i) => {
      minute += step;
      const [p, up, down, vol] = prices[i]!;
      const open = p;
      const close = p + ((up - down) % 7);
      return {
        ts: minute * 60,
        open,
        high: Math.max(open, close) + up,
        low: Math.max(0.5, Math.min(open, close) - down),
        close: Math.max(1, close),
        volume: vol,
      };
    });
  })
  .map((cs) =>
    cs.map((c) => ({ ...c, high: Math.max(c.high, c.open, c.close), low: Math.min(c.low, c.open, c.close) })),
  );

const optionsArb = fc.record({
  dailyClose: fc.constantFrom('utc' as const, 'new-york-close' as const),
  weekStart: fc.integer({ min: 0, max: 6 }),
});

describe('resampleCandles', () => {
  it('equals a naive reference for every timeframe and option (property)', () => {
    fc.assert(
      fc.property(m1Series, fc.constantFrom(...TIMEFRAMES), optionsArb, (base, tf, options) => {
        expect(resampleCandles(base, tf, options)).toEqual(naiveResample(base, tf, options));
      }),
      { numRuns: 300 },
    );
  });

  it('streams the same bars through BarAggregator (the cache builder)', () => {
    fc.assert(
      fc.property(m1Series, fc.constantFrom(...TIMEFRAMES), optionsArb, (base, tf, options) => {
        const out: Bar[] = [];
        const agg = new BarAggregator(tf, (b) => out.push([...b] as Bar), options);
        for (const c of base) agg.push(c.ts, c.open, c.high, c.low, c.close, c.volume);
        agg.flush();
        const expected = resampleCandles(base, tf, options).map((c) => [
          c.ts,
          c.open,
          c.high,
          c.low,
          c.close,
          c.volume,
        ]);
        expect(out).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});

describe('bucketStart', () => {
  it('labels bars by open time and aligns intraday bars to UTC multiples', () => {
    const ts = utc('2024-03-05T13:47:12Z');
    expect(bucketStart(ts, 'M1')).toBe(utc('2024-03-05T13:47:00Z'));
    expect(bucketStart(ts, 'M10')).toBe(utc('2024-03-05T13:40:00Z'));
    expect(bucketStart(ts, 'H4')).toBe(utc('2024-03-05T12:00:00Z'));
    expect(bucketStart(ts, 'D1')).toBe(utc('2024-03-05T00:00:00Z'));
  });

  it('starts W1 on Monday 00:00 UTC by default, or on the configured day', () => {
    const wednesday = utc('2024-03-06T10:00:00Z');
    expect(bucketStart(wednesday, 'W1')).toBe(utc('2024-03-04T00:00:00Z'));
    expect(bucketStart(wednesday, 'W1', { weekStart: 0 })).toBe(utc('2024-03-03T00:00:00Z'));
  });

  it('starts the New York close day at 17:00 New York, across DST', () => {
    const opts = { dailyClose: 'new-york-close' } as const;
    // Winter: 17:00 EST is 22:00 UTC; summer: 17:00 EDT is 21:00 UTC.
    expect(bucketStart(utc('2024-01-10T23:00:00Z'), 'D1', opts)).toBe(utc('2024-01-10T22:00:00Z'));
    expect(bucketStart(utc('2024-01-10T21:59:00Z'), 'D1', opts)).toBe(utc('2024-01-09T22:00:00Z'));
    expect(bucketStart(utc('2024-07-10T21:00:00Z'), 'D1', opts)).toBe(utc('2024-07-10T21:00:00Z'));
    // The FX week opens Sunday 17:00 New York.
    expect(bucketStart(utc('2024-07-10T12:00:00Z'), 'W1', opts)).toBe(utc('2024-07-07T21:00:00Z'));
  });
});
