import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobDoneDto, JobProgressDto } from '../../../src/shared/dto';
import { openTempApp } from '../../helpers/temp-app';
import { call, countRows, iso } from './helpers';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures/import');

const mt4 = (rows: string[]) => `${rows.join('\n')}\n`;
const GOOD = [
  '2019.01.02,00:00,1.14600,1.14620,1.14590,1.14610,120',
  '2019.01.02,00:01,1.14610,1.14650,1.14600,1.14640,98',
  '2019.01.02,00:02,1.14640,1.14660,1.14630,1.14650,77',
];

describe('import behaviour', () => {
  let app: ReturnType<typeof openTempApp>;
  afterEach(() => app?.dispose());

  // Files dropped into a subfolder of the data folder can be named by path (see file-ref.ts).
  const write = (name: string, text: string) => {
    mkdirSync(join(app.dataDir, 'imports'), { recursive: true });
    const path = join(app.dataDir, 'imports', name);
    writeFileSync(path, text);
    return path;
  };
  const nothingStored = () => {
    expect(countRows(app, 'candles')).toBe(0);
    expect(countRows(app, 'datasets')).toBe(0);
    expect(countRows(app, 'files')).toBe(0);
    expect(countRows(app, 'candle_cache')).toBe(0);
  };

  it.each([
    [
      'high below max(open, close)',
      '2019.01.02,00:01,1.14610,1.14600,1.14600,1.14640,98',
      /line 2: high 1\.146 is below max\(open, close\) 1\.1464/,
    ],
    [
      'low above min(open, close)',
      '2019.01.02,00:01,1.14610,1.14650,1.14620,1.14640,98',
      /line 2: low 1\.1462 is above min\(open, close\) 1\.1461/,
    ],
    [
      'a price that is not a number',
      '2019.01.02,00:01,abc,1.14650,1.14600,1.14640,98',
      /line 2: open 'abc' is not a number/,
    ],
    [
      'a zero price',
      '2019.01.02,00:01,0,1.14650,1.14600,1.14640,98',
      /line 2: open 0 is not a positive price/,
    ],
    [
      'a negative price',
      '2019.01.02,00:01,1.1461,1.14650,-1,1.14640,98',
      /line 2: low -1 is not a positive price/,
    ],
    [
      'a bad date',
      '2019.13.02,00:01,1.14610,1.14650,1.14600,1.14640,98',
      /line 2: date '2019\.13\.02 00:01' is not a date-time/,
    ],
    ['missing columns', '2019.01.02,00:01,1.14610', /line 2: expected at least 6 columns, found 3/],
    [
      'a conflicting duplicate',
      '2019.01.02,00:00,1.14600,1.14700,1.14590,1.14610,120',
      /line 2: conflicting duplicate/,
    ],
  ])('rejects %s with the line and reason, storing nothing', async (_name, bad, message) => {
    app = openTempApp();
    const path = write('EURUSD_bad.csv', mt4([GOOD[0]!, bad, GOOD[2]!]));
    const error = await call(app, 'import:run', { source: { path }, options: {} }).catch((e) => e);
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toMatch(message);
    expect(error.message).toContain('EURUSD_bad.csv');
    expect(error.details.issues[0].line).toBe(2);
    nothingStored();
  });

  it('says a file with a header and no rows has no data rows', async () => {
    app = openTempApp();
    const path = write('EURUSD_header_only.csv', 'Date,Open,High,Low,Close,Volume\r\n');
    const error = await call(app, 'import:run', { source: { path }, options: {} }).catch((e) => e);
    expect(error.code).toBe('IMPORT_INVALID');
    expect(error.message).toMatch(/EURUSD_header_only\.csv: the file has a header line but no data rows/);
    nothingStored();
  });

  it('reads past the sample when its dd/mm or mm/dd dates are all ambiguous', async () => {
    app = openTempApp();
    // Two days of M1 bars: the first day alone (more than the 64 KiB sample) never shows a day
    // above 12 or a change of date; the 13th of January, far down the file, decides.
    const rows = ['timestamp,open,high,low,close,volume'];
    for (const day of ['12', '13']) {
      for (let m = 0; m < 1440; m++) {
        const hhmm = `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
        rows.push(`${day}/01/2020 ${hhmm},1.11154,1.11158,1.11150,1.11157,0`);
      }
    }
    const result = await call(app, 'import:run', {
      source: { path: write('EURUSD_M1.csv', mt4(rows)) },
      options: {},
    });
    expect(result).toMatchObject({ rows: 2880, timeframe: 'M1' });
    expect([iso(result.startTs), iso(result.endTs)]).toEqual([
      '2020-01-12T00:00:00Z',
      '2020-01-13T23:59:00Z',
    ]);
  });

  it('reports up to 20 invalid lines in strict mode', async () => {
    app = openTempApp();
    const rows = [GOOD[0]!];
    for (let i = 1; i <= 30; i++) rows.push(`2019.01.02,01:${String(i).padStart(2, '0')},x,1,1,1,1`);
    const error = await call(app, 'import:run', {
      source: { path: write('EURUSD.csv', mt4(rows)) },
      options: {},
    }).catch((e) => e);
    expect(error.details.issues).toHaveLength(20);
    expect(error.details.issues.map((i: { line: number }) => i.line).slice(0, 3)).toEqual([2, 3, 4]);
    nothingStored();
  });

  it('--skip-invalid imports the valid rows and lists every skipped line', async () => {
    app = openTempApp();
    const path = write(
      'EURUSD.csv',
      mt4([GOOD[0]!, '2019.01.02,00:01,1.14610,1.14600,1.14600,1.14640,98', GOOD[2]!, 'garbage']),
    );
    const result = await call(app, 'import:run', { source: { path }, options: { skipInvalid: true } });
    expect(result.rows).toBe(2);
    expect(result.skipped).toBe(2);
    expect(result.skippedLines.map((s) => s.line)).toEqual([2, 4]);
  });

  it('drops and counts exact duplicate rows; sorts rows given in any order', async () => {
    app = openTempApp();
    const path = write('EURUSD.csv', mt4([GOOD[2]!, GOOD[0]!, GOOD[1]!, GOOD[0]!]));
    const result = await call(app, 'import:run', { source: { path }, options: {} });
    expect(result).toMatchObject({ rows: 3, duplicates: 1, timeframe: 'M1' });
    const candles = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'M1' });
    expect(candles.map((c) => iso(c.ts))).toEqual([
      '2019-01-02T00:00:00Z',
      '2019-01-02T00:01:00Z',
      '2019-01-02T00:02:00Z',
    ]);
  });

  it('detects the same file imported twice and leaves the first import intact', async () => {
    app = openTempApp();
    const handle = app.files.grant(resolve(FIXTURES, 'mt4_EURUSD_M1.csv'), 'read');
    const first = await call(app, 'import:run', { source: { handle }, options: {} });
    const error = await call(app, 'import:run', { source: { handle }, options: {} }).catch((e) => e);
    expect(error.code).toBe('IMPORT_DUPLICATE_FILE');
    expect(error.details.datasetId).toBe(first.datasetId);
    expect(countRows(app, 'files')).toBe(1);
    expect(countRows(app, 'candles')).toBe(3);
  });

  it('merges an overlapping file into the dataset of the same instrument and timeframe', async () => {
    app = openTempApp();
    const a = await call(app, 'import:run', {
      source: { path: write('EURUSD_a.csv', mt4(GOOD.slice(0, 2))) },
      options: {},
    });
    const b = await call(app, 'import:run', {
      source: {
        path: write(
          'EURUSD_b.csv',
          mt4([...GOOD.slice(1), '2019.01.02,00:03,1.14650,1.14700,1.14640,1.14690,50']),
        ),
      },
      options: {},
    });
    expect(b.datasetId).toBe(a.datasetId);
    expect(b).toMatchObject({ rows: 2, duplicates: 1 });
    const [dataset] = await call(app, 'datasets:list', {});
    expect(dataset).toMatchObject({
      rows: 4,
      startTs: Date.UTC(2019, 0, 2) / 1000,
      endTs: Date.UTC(2019, 0, 2, 0, 3) / 1000,
    });
    const detail = await call(app, 'datasets:get', { datasetId: a.datasetId });
    expect(detail.files.map((f) => f.path)).toEqual([
      join(app.dataDir, 'imports', 'EURUSD_a.csv'),
      join(app.dataDir, 'imports', 'EURUSD_b.csv'),
    ]);
    // The cache was rebuilt with the merged data.
    const [m5] = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'M5' });
    expect(m5).toEqual({
      ts: Date.UTC(2019, 0, 2) / 1000,
      open: 1.146,
      high: 1.147,
      low: 1.1459,
      close: 1.1469,
      volume: 345,
    });
  });

  it('accepts browser-mode text, guessing the symbol from the file name', async () => {
    app = openTempApp();
    const result = await call(app, 'import:run', {
      source: { fileName: 'GBPUSD_M1.csv', content: mt4(GOOD) },
      options: {},
    });
    expect(result).toMatchObject({ symbol: 'GBPUSD', rows: 3, format: 'mt4' });
  });

  it('fails clearly when no symbol is given and the file name names none', async () => {
    app = openTempApp();
    // (An unknown symbol that is given is added from the data: import-new-symbol.test.ts.)
    const unnamed = await call(app, 'import:run', {
      source: { fileName: 'data.csv', content: mt4(GOOD) },
      options: {},
    }).catch((e) => e);
    expect(unnamed.code).toBe('UNKNOWN_SYMBOL');
    nothingStored();
  });

  it('applies --tz (IANA with DST, or a fixed offset) to stamps without an offset', async () => {
    app = openTempApp();
    const summer = '2019.07.01,12:00,1.1,1.2,1.0,1.1,1';
    const winter = '2019.01.07,12:00,1.1,1.2,1.0,1.1,1';
    const result = await call(app, 'import:run', {
      source: {
        fileName: 'EURUSD_H1.csv',
        content: mt4([winter, '2019.01.07,13:00,1.1,1.2,1.0,1.1,1', summer]),
      },
      options: { tz: 'Europe/Berlin', timeframe: 'H1' },
    });
    expect(result.timezone).toBe('Europe/Berlin');
    const candles = await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'H1' });
    expect(candles.map((c) => iso(c.ts))).toEqual([
      '2019-01-07T11:00:00Z',
      '2019-01-07T12:00:00Z',
      '2019-07-01T10:00:00Z',
    ]);
    const bad = await call(app, 'import:run', {
      source: { fileName: 'EURUSD_x.csv', content: mt4(GOOD) },
      options: { tz: 'Mars/Olympus' },
    }).catch((e) => e);
    expect(bad.code).toBe('INVALID_INPUT');
  });

  it('runs import:start as a job with progress and done events; cancel leaves nothing behind', async () => {
    app = openTempApp();
    const rows: string[] = [];
    for (let i = 0; i < 300_000; i++) {
      const ts = new Date(Date.UTC(2019, 0, 2) + i * 60_000);
      const d = ts.toISOString();
      rows.push(`${d.slice(0, 4)}.${d.slice(5, 7)}.${d.slice(8, 10)},${d.slice(11, 16)},1.1,1.2,1.0,1.1,1`);
    }
    const path = write('EURUSD_big.csv', mt4(rows));
    const done = new Promise<JobDoneDto>((ok) =>
      app.events.subscribe((name, payload) => {
        if (name === 'job:done') ok(payload as JobDoneDto);
      }),
    );
    const progress: JobProgressDto[] = [];
    app.events.subscribe((name, payload) => {
      if (name === 'job:progress') progress.push(payload as JobProgressDto);
    });
    const { jobId } = await call(app, 'import:start', { source: { path }, options: {} });
    expect(await call(app, 'import:cancel', { jobId })).toEqual({ cancelled: true });
    const outcome = await done;
    expect(outcome).toMatchObject({ jobId, ok: false, error: { code: 'IMPORT_CANCELLED' } });
    nothingStored();

    const done2 = new Promise<JobDoneDto>((ok) =>
      app.events.subscribe((name, payload) => {
        if (name === 'job:done') ok(payload as JobDoneDto);
      }),
    );
    const second = await call(app, 'import:start', { source: { path }, options: {} });
    const finished = await done2;
    expect(finished).toMatchObject({ jobId: second.jobId, ok: true, result: { rows: 300_000 } });
    const last = progress.filter((p) => p.jobId === second.jobId).at(-1);
    expect(last).toMatchObject({ percent: 100, rows: 300_000 });
  });

  it('lists, inspects with gaps, deactivates and deletes datasets', async () => {
    app = openTempApp();
    const withGap = [...GOOD, '2019.01.02,06:00,1.14650,1.14700,1.14640,1.14690,50'];
    const { datasetId } = await call(app, 'import:run', {
      source: { path: write('EURUSD.csv', mt4(withGap)) },
      options: {},
    });
    const detail = await call(app, 'datasets:get', { datasetId });
    expect(detail.gaps).toEqual([
      { fromTs: Date.UTC(2019, 0, 2, 0, 3) / 1000, toTs: Date.UTC(2019, 0, 2, 6) / 1000 },
    ]);
    const inactive = await call(app, 'datasets:set-active', { datasetId, active: false });
    expect(inactive.isActive).toBe(false);
    expect(await call(app, 'candles:list', { symbol: 'EURUSD', timeframe: 'M1' })).toEqual([]);
    await call(app, 'datasets:set-active', { datasetId, active: true });
    expect(await call(app, 'datasets:delete', { datasetId })).toEqual({ deleted: true });
    nothingStored();
    expect(await call(app, 'datasets:delete', { datasetId })).toEqual({ deleted: false });
  });

  it('previews the detected layout and the first candles without storing anything', async () => {
    app = openTempApp();
    const preview = await call(app, 'import:preview', {
      source: { handle: app.files.grant(resolve(FIXTURES, 'histdata_EURUSD_M1.csv'), 'read') },
      options: {},
    });
    expect(preview).toMatchObject({
      format: 'histdata',
      timezone: 'UTC-05:00',
      timeframe: 'M1',
      symbol: 'EURUSD',
      delimiter: ';',
    });
    expect(preview.candles[0]).toEqual({
      ts: Date.UTC(2019, 0, 2, 5) / 1000,
      open: 1.146,
      high: 1.1462,
      low: 1.1459,
      close: 1.1461,
      volume: 0,
    });
    const changed = await call(app, 'import:preview', {
      source: { handle: app.files.grant(resolve(FIXTURES, 'histdata_EURUSD_M1.csv'), 'read') },
      options: { tz: 'UTC' },
    });
    expect(changed.candles[0]!.ts).toBe(Date.UTC(2019, 0, 2) / 1000);
    nothingStored();
  });
});
