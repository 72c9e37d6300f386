import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../../src/main/cli/main';
import { openTempApp } from '../../helpers/temp-app';
import { call, iso } from './helpers';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/import');

/** Shapes of public candle files the importer used to refuse or mangle, each in a fixture of our own. */
describe('real file shapes', () => {
  let app: ReturnType<typeof openTempApp>;
  afterEach(() => app?.dispose());

  it('skips a vendor URL line above the header and reads the base-asset volume (Volume BTC, not Volume USDT)', async () => {
    app = openTempApp();
    const result = await call(app, 'import:run', {
      source: {
        handle: app.files.grant(join(FIXTURES, 'cryptodatadownload_junk_line_BTCUSD_H1.csv'), 'read'),
      },
      options: {},
    });
    // The unix column beside the date is read (and agrees), so no zone is assumed.
    expect(result).toMatchObject({ symbol: 'BTCUSD', timeframe: 'H1', rows: 3, timezoneAssumed: false });
    expect(result.ignoredColumns).toEqual(['symbol', 'Volume USDT', 'tradecount']);
    const bars = await call(app, 'candles:list', { symbol: 'BTCUSD', timeframe: 'H1' });
    expect(bars.map((b) => b.volume)).toEqual([12.5, 10.25, 8.5]);
    expect(iso(bars[0]!.ts)).toBe('2022-01-02T00:00:00Z');
  });

  it('reads CryptoCompare volumefrom (base asset) and lists volumeto as not read', async () => {
    app = openTempApp();
    const result = await call(app, 'import:run', {
      source: { handle: app.files.grant(join(FIXTURES, 'cryptocompare_volumefrom_BTCUSD_H1.csv'), 'read') },
      options: {},
    });
    expect(result.ignoredColumns).toEqual(['volumeto']);
    const bars = await call(app, 'candles:list', { symbol: 'BTCUSD', timeframe: 'H1' });
    expect(bars.map((b) => b.volume)).toEqual([12.5, 10.25, 8.5]);
    expect(bars[0]).toMatchObject({ open: 47000, high: 47100.5, low: 46950.1, close: 47050.2 });
  });

  it('reads Close/Last headers, dollar signs and thousands separators (Nasdaq downloads)', async () => {
    app = openTempApp();
    const result = await call(app, 'import:run', {
      source: { handle: app.files.grant(join(FIXTURES, 'nasdaq_close_last_dollars_US500_D1.csv'), 'read') },
      options: {},
    });
    expect(result).toMatchObject({ rows: 3, timeframe: 'D1', ignoredColumns: [] });
    const bars = await call(app, 'candles:list', { symbol: 'US500', timeframe: 'D1' });
    expect(bars.at(-1)).toMatchObject({
      open: 1240.1,
      high: 1257.6,
      low: 1238.78,
      close: 1245.5,
      volume: 46076260,
    });
    expect(bars[1]!.volume).toBe(38123000);
  });

  it('the preview warns that the zone is assumed and lists the columns it will not read', async () => {
    app = openTempApp();
    const preview = await call(app, 'import:preview', {
      source: {
        handle: app.files.grant(join(FIXTURES, 'generic_spread_column_EURUSD_M1.csv'), 'read'),
      },
      options: {},
    });
    expect(preview).toMatchObject({ timezoneAssumed: true, timeframe: 'M1' });
    expect(preview.ignoredColumns).toEqual(['Spread']);
    const documented = await call(app, 'import:preview', {
      source: { handle: app.files.grant(join(FIXTURES, 'histdata_EURUSD_M1.csv'), 'read') },
      options: {},
    });
    expect(documented.timezoneAssumed).toBe(false);
  });

  it('CLI --json says timezoneAssumed and ignoredColumns', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tickstep-cli-'));
    try {
      const out: string[] = [];
      const code = await runCli(
        ['import', join(FIXTURES, 'mt4_EURUSD_M1.csv'), '--json', '--data-dir', dir],
        { out: (t) => out.push(t), err: () => {} },
      );
      expect(code).toBe(0);
      expect(JSON.parse(out.join('\n'))).toMatchObject({ timezoneAssumed: true, ignoredColumns: [] });
      const withTz: string[] = [];
      await runCli(
        ['import', join(FIXTURES, 'mt5_EURUSD_M1.csv'), '--tz', 'UTC', '--json', '--data-dir', dir],
        { out: (t) => withTz.push(t), err: () => {} },
      );
      expect(JSON.parse(withTz.join('\n'))).toMatchObject({ timezoneAssumed: false });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
