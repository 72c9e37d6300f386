import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempApp } from '../../helpers/temp-app';
import { addStock, call, countRows, iso, REAL_CSV } from './helpers';

/** Every real export in ../shared/data/real-csv, read in place: format, zone, timeframe, rows, range. */
const CASES = [
  {
    file: 'histdata_ascii_EURUSD_M1_201701.csv',
    symbol: 'EURUSD',
    format: 'histdata',
    timezone: 'UTC-05:00',
    timeframe: 'M1',
    rows: 31500,
    start: '2017-01-02T07:00:00Z',
    end: '2017-02-01T04:58:00Z',
  },
  {
    file: 'histdata_ascii_tick_EURUSD_T_202001.csv',
    symbol: 'EURUSD',
    format: 'histdata-tick',
    timezone: 'UTC-05:00',
    timeframe: 'M1',
    rows: 361,
    start: '2020-01-01T22:00:00Z',
    end: '2020-01-02T04:00:00Z',
  },
  {
    file: 'mt4_history_EURUSD_H1.csv',
    symbol: 'EURUSD',
    format: 'mt4',
    timezone: 'UTC',
    timeframe: 'H1',
    rows: 15678,
    start: '2018-07-13T15:00:00Z',
    end: '2021-01-26T13:00:00Z',
  },
  {
    file: 'mt5_bars_export_tab_EURUSD_H1.csv',
    symbol: 'EURUSD',
    format: 'mt5',
    timezone: 'UTC',
    timeframe: 'H1',
    rows: 3608,
    start: '2025-06-23T00:00:00Z',
    end: '2026-01-21T10:00:00Z',
  },
  {
    file: 'dukascopy_gmttime_EURUSD_M1_BID_200711.csv',
    symbol: 'EURUSD',
    format: 'dukascopy',
    timezone: 'UTC',
    timeframe: 'M1',
    rows: 31496,
    start: '2007-11-01T00:00:00Z',
    end: '2007-11-30T21:59:00Z',
  },
  {
    file: 'dukascopy_localtime_gmt-0800_EURUSD_M1_BID_200611.csv',
    symbol: 'EURUSD',
    format: 'dukascopy',
    timezone: 'UTC-08:00',
    timeframe: 'M1',
    rows: 43200,
    start: '2006-11-01T08:00:00Z',
    end: '2006-12-01T07:59:00Z',
  },
  {
    file: 'tradingview_iso_tz+0300_BTCUSDT_M15.csv',
    symbol: 'BTCUSD',
    format: 'tradingview',
    timezone: 'UTC+03:00',
    timeframe: 'M15',
    rows: 20302,
    start: '2024-12-01T00:00:00Z',
    end: '2025-06-30T11:15:00Z',
  },
  {
    file: 'yahoo_daily_ORCL_D1_1995-2014.csv',
    symbol: 'ORCL',
    format: 'yahoo',
    timezone: 'UTC',
    timeframe: 'D1',
    rows: 5036,
    start: '1995-01-03T00:00:00Z',
    end: '2014-12-31T00:00:00Z',
  },
  {
    file: 'binance_klines_userheader_crlf_BTCUSDT_1h_2022-01.csv',
    symbol: 'BTCUSD',
    format: 'binance',
    timezone: 'UTC',
    timeframe: 'H1',
    rows: 744,
    start: '2022-01-01T00:00:00Z',
    end: '2022-01-31T23:00:00Z',
  },
  {
    file: 'forextester_ticker_dtyyyymmdd_crlf_EURUSD_M1_2001.txt',
    symbol: 'EURUSD',
    format: 'forextester',
    timezone: 'UTC',
    timeframe: 'M1',
    rows: 2383,
    start: '2001-01-02T23:01:00Z',
    end: '2001-01-04T15:42:00Z',
  },
  {
    file: 'stooq_pl_polish_header_crlf_IBM_D1_from1962.csv',
    symbol: 'IBM',
    format: 'stooq',
    timezone: 'UTC',
    timeframe: 'D1',
    rows: 15403,
    start: '1962-01-02T00:00:00Z',
    end: '2023-03-17T00:00:00Z',
  },
  {
    file: 'investingcom_bom_quoted_newestfirst_EURUSD_D1_small.csv',
    symbol: 'EURUSD',
    format: 'investing',
    timezone: 'UTC',
    timeframe: 'D1',
    rows: 23,
    start: '2022-06-20T00:00:00Z',
    end: '2022-07-20T00:00:00Z',
  },
] as const;

describe('real candle files', () => {
  let app: ReturnType<typeof openTempApp> | undefined;
  afterEach(() => {
    app?.dispose();
    app = undefined;
  });

  for (const c of CASES) {
    it(`imports ${c.file} as ${c.format} ${c.timeframe} in ${c.timezone}`, async () => {
      app = openTempApp();
      if (c.symbol === 'IBM' || c.symbol === 'ORCL') await addStock(app, c.symbol);
      // The symbol comes from the file name (BTCUSDT maps to BTCUSD), except for stocks.
      const options = c.symbol === 'IBM' || c.symbol === 'ORCL' ? { symbol: c.symbol } : {};
      const result = await call(app, 'import:run', {
        source: { handle: app.files.grant(join(REAL_CSV, c.file), 'read') },
        options,
      });
      expect({
        symbol: result.symbol,
        format: result.format,
        timezone: result.timezone,
        timeframe: result.timeframe,
        rows: result.rows,
        skipped: result.skipped,
        duplicates: result.duplicates,
        start: iso(result.startTs),
        end: iso(result.endTs),
      }).toEqual({
        symbol: c.symbol,
        format: c.format,
        timezone: c.timezone,
        timeframe: c.timeframe,
        rows: c.rows,
        skipped: 0,
        duplicates: 0,
        start: c.start,
        end: c.end,
      });
      expect(result.md5).toMatch(/^[0-9a-f]{32}$/);
      expect(countRows(app, 'candles')).toBe(c.rows);
      const [dataset] = await call(app, 'datasets:list', {});
      expect(dataset).toMatchObject({
        rows: c.rows,
        timeframe: c.timeframe,
        format: c.format,
        isActive: true,
      });
      // Every bar satisfies the OHLC rules once stored.
      const candles = await call(app, 'candles:list', { symbol: c.symbol, timeframe: c.timeframe });
      expect(candles).toHaveLength(c.rows);
      for (const k of candles) {
        expect(k.high).toBeGreaterThanOrEqual(Math.max(k.open, k.close));
        expect(k.low).toBeLessThanOrEqual(Math.min(k.open, k.close));
      }
    });
  }
});
