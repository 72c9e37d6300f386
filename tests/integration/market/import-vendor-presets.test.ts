import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { detectLayout } from '../../../src/core/import/detect';
import { openTempApp } from '../../helpers/temp-app';
import { addStock, call, iso } from './helpers';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/import');

/** Vendors known by their layout, with the zone and bar labels they document (issue 13, item 5). */
describe('Finam and Stooq intraday presets', () => {
  let app: ReturnType<typeof openTempApp>;
  afterEach(() => app?.dispose());

  it('reads Finam as Moscow time, not as Forex Tester and not as an assumed UTC', async () => {
    app = openTempApp();
    await addStock(app, 'SBER');
    const source = { handle: app.files.grant(join(FIXTURES, 'finam_SBER_M1.txt'), 'read') };
    const preview = await call(app, 'import:preview', { source, options: { symbol: 'SBER' } });
    expect(preview).toMatchObject({ format: 'finam', timezone: 'Europe/Moscow', timezoneAssumed: false });
    expect(preview.ignoredColumns).toEqual(['<TICKER>', '<PER>']);
    const result = await call(app, 'import:run', { source, options: { symbol: 'SBER' } });
    expect(result).toMatchObject({ format: 'finam', timeframe: 'M1', rows: 4, timezoneAssumed: false });
    const bars = await call(app, 'candles:list', { symbol: 'SBER', timeframe: 'M1' });
    // 10:00 in Moscow (UTC+3) is 07:00 UTC.
    expect(iso(bars[0]!.ts)).toBe('2023-01-03T07:00:00Z');
    expect(bars[0]).toMatchObject({ open: 141.6, high: 141.8, low: 141.5, close: 141.7, volume: 120340 });
  });

  it('reads Stooq intraday as Central European time and moves end-of-bar labels to the open', async () => {
    app = openTempApp();
    const source = { handle: app.files.grant(join(FIXTURES, 'stooq_intraday_EURUSD_H1.txt'), 'read') };
    const result = await call(app, 'import:run', { source, options: {} });
    expect(result).toMatchObject({
      symbol: 'EURUSD',
      format: 'stooq-intraday',
      timezone: 'Europe/Warsaw',
      timeframe: 'H1',
      rows: 5,
      timezoneAssumed: false,
    });
    const bars = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'H1' });
    // The bar labelled 01:00 CET (UTC+1) ended then: it opened at 00:00 CET, 23:00 UTC the day
    // before. In July (CEST, UTC+2) the same label is 22:00 UTC.
    expect(bars.map((b) => iso(b.ts))).toEqual([
      '2023-01-02T23:00:00Z',
      '2023-01-03T00:00:00Z',
      '2023-01-03T01:00:00Z',
      '2023-07-02T22:00:00Z',
      '2023-07-02T23:00:00Z',
    ]);
    expect(bars[0]).toMatchObject({ open: 1.0665, close: 1.0668 });
  });

  it('keeps Forex Tester and Stooq daily files as they were', () => {
    const forexTester = detectLayout(
      '<TICKER>,<DTYYYYMMDD>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>\nEURUSD,20010102,230100,0.9507,0.9507,0.9505,0.9506,4\n',
    );
    expect(forexTester.format).toBe('forextester');
    const stooqDaily = detectLayout(
      '<TICKER>,<PER>,<DATE>,<TIME>,<OPEN>,<HIGH>,<LOW>,<CLOSE>,<VOL>,<OPENINT>\nIBM.US,D,19620102,000000,6.2,6.3,6.1,6.2,1000,0\n',
    );
    expect(stooqDaily).toMatchObject({ format: 'stooq', barEndLabels: false });
  });
});
