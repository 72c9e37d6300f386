import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resampleCandles } from '../../../src/core/market/resample';
import { readBaseCandlesEndingAt, readCandles } from '../../../src/main/features/market/candle-store';
import { findInstrument } from '../../../src/main/features/market/instruments';
import { TIMEFRAMES } from '../../../src/shared/timeframes';
import { openTempApp } from '../../helpers/temp-app';
import { call, REAL_CSV } from './helpers';

describe('serving every timeframe from the base data', () => {
  let app: ReturnType<typeof openTempApp>;
  beforeAll(async () => {
    app = openTempApp();
    await call(app, 'import:run', {
      source: { handle: app.files.grant(join(REAL_CSV, 'histdata_ascii_EURUSD_M1_201701.csv'), 'read') },
      options: {},
    });
  });
  afterAll(() => app.dispose());

  for (const dailyClose of ['utc', 'new-york-close'] as const) {
    it(`serves M1 … W1 (${dailyClose}) exactly as resampling the M1 candles`, async () => {
      const base = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'M1' });
      for (const timeframe of TIMEFRAMES) {
        const served = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe, dailyClose });
        expect(served, timeframe).toEqual(resampleCandles(base, timeframe, { dailyClose }));
      }
    });
  }

  it('serves a custom week start by resampling on the fly', async () => {
    const base = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'M1' });
    const served = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'W1', weekStart: 0 });
    expect(served).toEqual(resampleCandles(base, 'W1', { weekStart: 0 }));
  });

  it('windows by time, limit and order', async () => {
    const fromTs = Date.UTC(2017, 0, 10) / 1000;
    const toTs = Date.UTC(2017, 0, 12) / 1000;
    const h1 = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'H1', fromTs, toTs });
    expect(h1[0]!.ts).toBe(fromTs);
    expect(h1.at(-1)!.ts).toBe(toTs);
    const last5 = await call(app, 'candles:list', {
      symbol: 'EURUSD',
      timeframe: 'H1',
      toTs,
      limit: 5,
      order: 'desc',
    });
    expect(last5.map((c) => c.ts)).toEqual(h1.slice(-5).map((c) => c.ts));
    const instrument = findInstrument(app.ctx.store, 'EURUSD')!;
    const tail = readBaseCandlesEndingAt(app.ctx.store, instrument.id, toTs, 3);
    expect(tail.map((c) => c.ts)).toEqual([toTs - 120, toTs - 60, toTs]);
    expect(
      readCandles(app.ctx.store, { instrumentId: instrument.id, timeframe: 'M1', limit: 2 }),
    ).toHaveLength(2);
  });

  it('returns nothing finer than the base data, and errors on an unknown symbol', async () => {
    app.ctx.store.sqlite.prepare('update datasets set timeframe = timeframe').run();
    expect(await call(app, 'candles:list', { symbol: 'GBPUSD', timeframe: 'H1' })).toEqual([]);
    const error = await call(app, 'candles:list', { symbol: 'NOPE', timeframe: 'H1' }).catch((e) => e);
    expect(error.code).toBe('UNKNOWN_SYMBOL');
  });
});
