import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempApp } from '../../helpers/temp-app';
import { addStock, call, iso } from './helpers';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/import');

/** One small hand-written file per format and per layout quirk (BOM, CRLF, decimal comma, |). */
const CASES = [
  { file: 'mt4_EURUSD_M1.csv', format: 'mt4', timezone: 'UTC', start: '2019-01-02T00:00:00Z', rows: 3 },
  { file: 'mt5_EURUSD_M1.csv', format: 'mt5', timezone: 'UTC', start: '2019-01-02T00:00:00Z', rows: 3 },
  {
    file: 'histdata_EURUSD_M1.csv',
    format: 'histdata',
    timezone: 'UTC-05:00',
    start: '2019-01-02T05:00:00Z',
    rows: 3,
  },
  {
    file: 'histdata_tick_EURUSD.csv',
    format: 'histdata-tick',
    timezone: 'UTC-05:00',
    start: '2019-01-02T05:00:00Z',
    rows: 2,
  },
  {
    file: 'dukascopy_EURUSD_M1.csv',
    format: 'dukascopy',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
  {
    file: 'dukascopy_local_EURUSD_M1.csv',
    format: 'dukascopy',
    timezone: 'UTC+02:00',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
  {
    file: 'dukascopy_tick_EURUSD.csv',
    format: 'dukascopy-tick',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 2,
  },
  {
    file: 'tradingview_unix_EURUSD_M1.csv',
    format: 'tradingview',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
  {
    file: 'tradingview_iso_EURUSD_M1.csv',
    format: 'tradingview',
    timezone: 'UTC+03:00',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
  {
    file: 'binance_BTCUSDT_1m.csv',
    format: 'binance',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
  {
    file: 'forextester_EURUSD_M1.txt',
    format: 'forextester',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
  {
    file: 'generic_decimal_comma_EURUSD_M1.csv',
    format: 'generic',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
  {
    file: 'generic_pipe_EURUSD_M1.csv',
    format: 'generic',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
  {
    file: 'generic_bom_crlf_trailing_EURUSD_M1.csv',
    format: 'generic',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
  {
    file: 'investing_EURUSD_D1.csv',
    format: 'investing',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
  {
    file: 'yahoo_ORCL_D1.csv',
    format: 'yahoo',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
    symbol: 'ORCL',
  },
  // Stooq's English header is the generic one; --format stooq names it.
  {
    file: 'stooq_ORCL_D1.csv',
    format: 'generic',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
    symbol: 'ORCL',
  },
  // NinjaTrader's layout is HistData's: detected as histdata (EST) unless overridden.
  {
    file: 'ninjatrader_EURUSD_M1.txt',
    format: 'histdata',
    timezone: 'UTC-05:00',
    start: '2019-01-02T05:00:00Z',
    rows: 3,
  },
  {
    file: 'ninjatrader_EURUSD_M1.txt',
    format: 'ninjatrader',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
    override: 'ninjatrader',
  },
  // Dirty layouts met in real files (see tests/fixtures/import/README.md).
  {
    file: 'generic_unnamed_time_GER40_M1.txt',
    format: 'generic',
    timezone: 'UTC',
    start: '2019-01-02T09:01:00Z',
    rows: 3,
  },
  {
    file: 'yahoo_null_rows_ORCL_D1.csv',
    format: 'yahoo',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
    symbol: 'ORCL',
  },
  {
    file: 'generic_zone_named_header_EURUSD_M1.csv',
    format: 'generic',
    timezone: 'Europe/Berlin',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
  {
    file: 'generic_day_first_by_sequence_EURUSD_M1.csv',
    format: 'generic',
    timezone: 'UTC',
    start: '2019-02-01T23:58:00Z',
    rows: 3,
  },
  {
    file: 'investing_volume_suffix_EURUSD_D1.csv',
    format: 'investing',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
  {
    file: 'generic_quoted_lines_tab_EURUSD_M5.csv',
    format: 'generic',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
  {
    file: 'mt4_semicolon_seconds_EURUSD_M30.csv',
    format: 'mt4',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
  {
    file: 'mt4_day_first_dotted_EURUSD_M1.csv',
    format: 'mt4',
    timezone: 'UTC',
    start: '2019-01-02T00:00:00Z',
    rows: 3,
  },
] as const;

describe('format fixtures', () => {
  let app: ReturnType<typeof openTempApp> | undefined;
  afterEach(() => {
    app?.dispose();
    app = undefined;
  });

  for (const c of CASES) {
    const override = 'override' in c ? c.override : undefined;
    it(`detects ${c.file}${override ? ` with --format ${override}` : ''}`, async () => {
      app = openTempApp();
      const symbol = 'symbol' in c ? c.symbol : undefined;
      if (symbol) await addStock(app, symbol);
      const result = await call(app, 'import:run', {
        source: { handle: app.files.grant(resolve(FIXTURES, c.file), 'read') },
        options: { ...(symbol ? { symbol } : {}), ...(override ? { format: override } : {}) },
      });
      expect({
        format: result.format,
        timezone: result.timezone,
        start: iso(result.startTs),
        rows: result.rows,
      }).toEqual({
        format: c.format,
        timezone: c.timezone,
        start: c.start,
        rows: c.rows,
      });
    });
  }

  it('builds M1 bid candles from ticks: first, highest, lowest, last bid; tick count as volume', async () => {
    app = openTempApp();
    await call(app, 'import:run', {
      source: { handle: app.files.grant(resolve(FIXTURES, 'histdata_tick_EURUSD.csv'), 'read') },
      options: {},
    });
    const candles = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'M1' });
    expect(candles).toEqual([
      {
        ts: Date.UTC(2019, 0, 2, 5) / 1000,
        open: 1.146,
        high: 1.1462,
        low: 1.1459,
        close: 1.1459,
        volume: 3,
      },
      {
        ts: Date.UTC(2019, 0, 2, 5, 1) / 1000,
        open: 1.1461,
        high: 1.1465,
        low: 1.1461,
        close: 1.1465,
        volume: 2,
      },
    ]);
  });

  it('reads a decimal comma and maps Investing.com "Price" to the close', async () => {
    app = openTempApp();
    await call(app, 'import:run', {
      source: { handle: app.files.grant(resolve(FIXTURES, 'investing_EURUSD_D1.csv'), 'read') },
      options: {},
    });
    const candles = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'D1' });
    expect(candles[0]).toEqual({
      ts: Date.UTC(2019, 0, 2) / 1000,
      open: 1.1465,
      high: 1.1497,
      low: 1.133,
      close: 1.1345,
      volume: 0,
    });
    app.dispose();
    app = openTempApp();
    await call(app, 'import:run', {
      source: { handle: app.files.grant(resolve(FIXTURES, 'generic_decimal_comma_EURUSD_M1.csv'), 'read') },
      options: {},
    });
    const [first] = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'M1' });
    expect(first).toEqual({
      ts: Date.UTC(2019, 0, 2) / 1000,
      open: 1.146,
      high: 1.1462,
      low: 1.1459,
      close: 1.1461,
      volume: 120,
    });
  });
});
