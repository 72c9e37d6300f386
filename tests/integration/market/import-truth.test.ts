import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openTempApp } from '../../helpers/temp-app';
import { call, iso } from './helpers';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/import');

describe('import keeps every valid row and names every bad line', () => {
  let app: ReturnType<typeof openTempApp>;
  afterEach(() => app?.dispose());

  // Header + 44 rows; line 7 opens a quote it never closes, line 14 has a letter O in a price,
  // line 23 has its high below its low, line 38 repeats 00:10 (line 12) with other prices.
  const FILE = resolve(FIXTURES, 'EURUSD_M1_skip_invalid_45_lines.csv');
  const BAD = [7, 14, 23, 38];

  it('skip invalid lines stores the 40 valid rows and lists the 4 bad lines, each with its reason', async () => {
    app = openTempApp();
    const result = await call(app, 'import:run', {
      source: { handle: app.files.grant(FILE, 'read') },
      options: { skipInvalid: true },
    });
    expect(result.rows).toBe(40);
    expect(result.skipped).toBe(4);
    expect(result.skippedLines.map((s) => s.line)).toEqual(BAD);
    const [quote, letters, highLow, duplicate] = result.skippedLines.map((s) => s.reason);
    expect(quote).toMatch(/quote/);
    expect(letters).toBe("open '1.147O0' is not a number");
    expect(highLow).toMatch(/^high 1\.1479 is below/);
    expect(duplicate).toMatch(/^conflicting duplicate: another candle for 2019-01-02T00:10:00\.000Z/);
    // No reason carries the text of another line.
    for (const s of result.skippedLines) expect(s.reason).not.toContain('\n');
    expect(iso(result.endTs)).toBe('2019-01-02T00:43:00Z');
  });

  it('strict mode names the same 4 lines and stores nothing', async () => {
    app = openTempApp();
    const error = await call(app, 'import:run', {
      source: { handle: app.files.grant(FILE, 'read') },
      options: {},
    }).catch((e) => e);
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.details.issues.map((i: { line: number }) => i.line)).toEqual(BAD);
    expect(error.message).toMatch(/line 7: .*and 3 more invalid lines/);
  });

  it('a quote left open on one line does not swallow the lines after it (byte and text paths)', async () => {
    app = openTempApp();
    const path = join(app.dataDir, 'EURUSD_quote.csv');
    writeFileSync(
      path,
      [
        '2019.01.02,00:00,1.14600,1.14620,1.14590,1.14610,120',
        '2019.01.02,00:01,"1.14610,1.14650,1.14600,1.14640,98',
        '2019.01.02,00:02,1.14640,1.14660,1.14630,1.14650,77',
        '2019.01.02,00:03,1.14650,1.14670,1.14640,1.14660,70',
        '',
      ].join('\r\n'),
    );
    const result = await call(app, 'import:run', {
      source: { handle: app.files.grant(path, 'read') },
      options: { skipInvalid: true },
    });
    expect(result.rows).toBe(3);
    expect(result.skippedLines.map((s) => s.line)).toEqual([2]);
  });
});

const mt4Rows = (startUtc: number, stepSeconds: number, n: number) => {
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const d = new Date((startUtc + i * stepSeconds) * 1000).toISOString();
    // Prices follow the time, so rows of overlapping files agree.
    const o = 1.1 + (((startUtc + i * stepSeconds) / 60) % 1000) * 0.00001;
    rows.push(
      `${d.slice(0, 10).replace(/-/g, '.')},${d.slice(11, 16)},${o.toFixed(5)},${(o + 0.0003).toFixed(5)},${(o - 0.0002).toFixed(5)},${(o + 0.0001).toFixed(5)},10`,
    );
  }
  return `${rows.join('\n')}\n`;
};
const utc = (y: number, m: number, d: number, h = 0) => Date.UTC(y, m - 1, d, h) / 1000;

describe('datasets follow the files: only overlapping files merge', () => {
  let app: ReturnType<typeof openTempApp>;
  afterEach(() => app?.dispose());
  const write = (name: string, text: string) => {
    const path = join(app.dataDir, name);
    writeFileSync(path, text);
    return path;
  };

  it('keeps a 2006 file and a 2017 file of one series apart, each with its format, zone and range, removable alone', async () => {
    app = openTempApp();
    const y2017 = await call(app, 'import:run', {
      source: { handle: app.files.grant(write('EURUSD_2017.csv', mt4Rows(utc(2017, 1, 2), 60, 30)), 'read') },
      options: {},
    });
    // HistData layout, New York standard time: a second format and zone in the same series.
    const histdata = [
      '20060102 170000;1.18000;1.18030;1.17980;1.18010;0',
      '20060102 170100;1.18010;1.18040;1.18000;1.18020;0',
    ];
    const y2006 = await call(app, 'import:run', {
      source: { handle: app.files.grant(write('EURUSD_2006.csv', `${histdata.join('\n')}\n`), 'read') },
      options: {},
    });
    expect(y2006.datasetId).not.toBe(y2017.datasetId);
    // Each result pairs the file's own rows with the file's own range.
    expect(y2006).toMatchObject({ rows: 2, startTs: utc(2006, 1, 2, 22), endTs: utc(2006, 1, 2, 22) + 60 });
    expect(y2017).toMatchObject({ rows: 30, startTs: utc(2017, 1, 2), endTs: utc(2017, 1, 2) + 29 * 60 });
    const list = await call(app, 'datasets:list', {});
    expect(list.map((d) => [d.format, d.timezone, d.rows]).sort()).toEqual([
      ['histdata', 'UTC-05:00', 2],
      ['mt4', 'UTC', 30],
    ]);
    const detail = await call(app, 'datasets:get', { datasetId: y2006.datasetId });
    expect(detail.gapCount).toBe(0);
    expect(detail.files.map((f) => f.path)).toEqual([join(app.dataDir, 'EURUSD_2006.csv')]);

    await call(app, 'datasets:delete', { datasetId: y2006.datasetId });
    const m1 = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'M1' });
    expect(m1).toHaveLength(30);
    expect(iso(m1[0]!.ts)).toBe('2017-01-02T00:00:00Z');
    const [h1] = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'H1' });
    expect(h1).toMatchObject({ ts: utc(2017, 1, 2), volume: 300 });
  });

  it('a file overlapping two datasets joins them into one', async () => {
    app = openTempApp();
    const a = await call(app, 'import:run', {
      source: { handle: app.files.grant(write('EURUSD_a.csv', mt4Rows(utc(2017, 1, 2), 60, 10)), 'read') },
      options: {},
    });
    const b = await call(app, 'import:run', {
      source: {
        handle: app.files.grant(write('EURUSD_b.csv', mt4Rows(utc(2017, 1, 2) + 20 * 60, 60, 10)), 'read'),
      },
      options: {},
    });
    expect(b.datasetId).not.toBe(a.datasetId);
    const bridge = await call(app, 'import:run', {
      source: {
        handle: app.files.grant(
          write('EURUSD_bridge.csv', mt4Rows(utc(2017, 1, 2) + 5 * 60, 60, 20)),
          'read',
        ),
      },
      options: {},
    });
    expect(bridge.datasetId).toBe(a.datasetId);
    const list = await call(app, 'datasets:list', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ rows: 30, startTs: utc(2017, 1, 2), endTs: utc(2017, 1, 2) + 29 * 60 });
    const detail = await call(app, 'datasets:get', { datasetId: a.datasetId });
    expect(detail.files).toHaveLength(3);
    const [m5] = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'M5' });
    expect(m5!.volume).toBe(50);
  });
});

describe('base data is the finest data at each time', () => {
  let app: ReturnType<typeof openTempApp>;
  afterEach(() => app?.dispose());
  const write = (name: string, text: string) => {
    const path = join(app.dataDir, name);
    writeFileSync(path, text);
    return path;
  };

  it('replays an H1 range even though M1 exists for an earlier month', async () => {
    app = openTempApp();
    await call(app, 'import:run', {
      source: {
        handle: app.files.grant(write('EURUSD_M1_2017.csv', mt4Rows(utc(2017, 1, 2), 60, 120)), 'read'),
      },
      options: {},
    });
    await call(app, 'import:run', {
      source: {
        handle: app.files.grant(write('EURUSD_H1_2018.csv', mt4Rows(utc(2018, 1, 2), 3600, 48)), 'read'),
      },
      options: {},
    });
    const h1Session = await call(app, 'sessions:create', {
      symbol: 'EURUSD',
      timeframe: 'H1',
      startAt: '2018-01-02T12:00:00Z',
    });
    expect(h1Session).toMatchObject({ baseTimeframe: 'H1', startTs: utc(2018, 1, 2, 12) });
    const tick = await call(app, 'replay:step', { sessionId: h1Session.id, bars: 1 });
    expect(tick.cursorTs ?? tick.bar?.ts).toBeDefined();
    // The free plan allows one session at a time.
    await call(app, 'sessions:delete', { sessionId: h1Session.id });
    const m1Session = await call(app, 'sessions:create', {
      symbol: 'EURUSD',
      timeframe: 'M1',
      startAt: '2017-01-02T00:30:00Z',
    });
    expect(m1Session.baseTimeframe).toBe('M1');
    await call(app, 'sessions:delete', { sessionId: m1Session.id });
    const outside = await call(app, 'sessions:create', {
      symbol: 'EURUSD',
      timeframe: 'H1',
      startAt: '2016-06-01T00:00:00Z',
    }).catch((e) => e);
    expect(outside.code).toBe('OUT_OF_DATA');
    expect(outside.message).toContain(
      'M1 2017-01-02T00:00:00Z to 2017-01-02T01:59:00Z; H1 2018-01-02T00:00:00Z to 2018-01-03T23:00:00Z',
    );
    // The H1 chart reads M1-built bars for 2017 and the H1 file's bars for 2018.
    const h1 = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'H1' });
    expect(h1).toHaveLength(2 + 48);
    expect(iso(h1[2]!.ts)).toBe('2018-01-02T00:00:00Z');
  });
});

describe('timeframe inference past rejected rows', () => {
  let app: ReturnType<typeof openTempApp>;
  afterEach(() => app?.dispose());

  it('finds H1 after more than 64 KiB of bad lines instead of falling back to M1', async () => {
    app = openTempApp();
    const bad: string[] = [];
    for (let i = 0; i < 3000; i++) bad.push(`2019.01.01,00:00,x${i},1.1,1.1,1.1,1`);
    const path = join(app.dataDir, 'EURUSD_late_rows.csv');
    writeFileSync(path, `${bad.join('\n')}\n${mt4Rows(utc(2019, 1, 2), 3600, 50)}`);
    const result = await call(app, 'import:run', {
      source: { handle: app.files.grant(path, 'read') },
      options: { skipInvalid: true },
    });
    expect(result).toMatchObject({ timeframe: 'H1', rows: 50, skipped: 3000 });
  });
});
