import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempApp } from '../../helpers/temp-app';
import { call, countRows, iso } from './helpers';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/import');
const FILE = join(FIXTURES, 'cryptodatadownload_12h_unix_BTCUSD_H1.csv');
const DISAGREE =
  "line 6: unix time 1584122400 (2020-03-13 18:00 UTC) and date '2020-03-13 05-PM' (2020-03-13 17:00 UTC) disagree";

/** A Unix time column beside a text date (issue 13, item 5): used when they agree, reported when not. */
describe('a unix column beside the date', () => {
  let app: ReturnType<typeof openTempApp>;
  afterEach(() => app?.dispose());

  it('reports the row where the two disagree, with its line, and stores nothing in strict mode', async () => {
    app = openTempApp();
    const source = { handle: app.files.grant(FILE, 'read') };
    await expect(call(app, 'import:run', { source, options: {} })).rejects.toThrow(DISAGREE);
    expect(countRows(app, 'candles')).toBe(0);
  });

  it('imports the rows that agree at the unix time, reads the 12-hour clock, and assumes no zone', async () => {
    app = openTempApp();
    const source = { handle: app.files.grant(FILE, 'read') };
    const result = await call(app, 'import:run', { source, options: { skipInvalid: true } });
    expect(result).toMatchObject({
      symbol: 'BTCUSD',
      timeframe: 'H1',
      rows: 3,
      skipped: 1,
      timezone: 'UTC',
      timezoneAssumed: false,
    });
    expect(result.ignoredColumns).toEqual(['symbol', 'Volume USDT']);
    expect(result.skippedLines).toEqual([{ line: 6, reason: DISAGREE.replace('line 6: ', '') }]);
    const bars = await call(app, 'candles:list', { symbol: 'BTCUSD', timeframe: 'H1' });
    expect(bars.map((b) => iso(b.ts))).toEqual([
      '2020-03-13T19:00:00Z',
      '2020-03-13T20:00:00Z',
      '2020-03-13T21:00:00Z',
    ]);
    expect(bars.map((b) => b.volume)).toEqual([8, 12, 10]);
  });
});
