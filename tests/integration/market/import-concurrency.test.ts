import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ImportResultDto } from '../../../src/shared/dto';
import { openTempApp } from '../../helpers/temp-app';
import { call } from './helpers';

const START = Date.UTC(2019, 0, 2) / 1000;

/** MT4 bars from minute `from` to `to` (exclusive); a bar's prices depend only on its minute, so overlaps agree. */
function mt4Minutes(from: number, to: number, stepMinutes = 1, base = 1.1): string {
  const rows: string[] = [];
  for (let m = from; m < to; m += stepMinutes) {
    const d = new Date((START + m * 60) * 1000).toISOString();
    const open = base + (m % 500) / 10_000;
    const f = (x: number) => x.toFixed(5);
    rows.push(
      `${d.slice(0, 4)}.${d.slice(5, 7)}.${d.slice(8, 10)},${d.slice(11, 16)},${f(open)},${f(open + 0.0003)},${f(open - 0.0002)},${f(open + 0.0001)},${m % 97}`,
    );
  }
  return `${rows.join('\n')}\n`;
}

describe('imports running at the same time', () => {
  let app: ReturnType<typeof openTempApp>;
  afterEach(() => app?.dispose());

  const write = (name: string, text: string) => {
    mkdirSync(join(app.dataDir, 'imports'), { recursive: true });
    const path = join(app.dataDir, 'imports', name);
    writeFileSync(path, text);
    return path;
  };

  it('two overlapping files of one series both finish, merged into one dataset (no INTERNAL error)', async () => {
    app = openTempApp();
    const a = write('EURUSD_a.csv', mt4Minutes(0, 20_000));
    const b = write('EURUSD_b.csv', mt4Minutes(10_000, 30_000));
    const [first, second] = await Promise.all([
      app.dispatch('import:run', { source: { path: a }, options: { symbol: 'EURUSD' } }),
      app.dispatch('import:run', { source: { path: b }, options: { symbol: 'EURUSD' } }),
    ]);
    expect([first, second].filter((r) => !r.ok)).toEqual([]);
    const results = [first, second].map((r) => (r as { value: ImportResultDto }).value);
    expect(results[0]!.datasetId).toBe(results[1]!.datasetId);
    // Whichever went second found the other's 10,000 shared bars already stored.
    expect(results.map((r) => r.rows).sort((x, y) => x - y)).toEqual([10_000, 20_000]);
    expect(results.map((r) => r.duplicates).sort((x, y) => x - y)).toEqual([0, 10_000]);

    const datasets = await call(app, 'datasets:list', {});
    expect(datasets).toHaveLength(1);
    expect(datasets[0]).toMatchObject({ rows: 30_000, startTs: START, endTs: START + 29_999 * 60 });
    const detail = await call(app, 'datasets:get', { datasetId: datasets[0]!.id });
    expect(detail.files).toHaveLength(2);
    const candles = await call(app, 'candles:list', {
      symbol: 'EURUSD',
      timeframe: 'M1',
      fromTs: START + 19_990 * 60,
      toTs: START + 20_009 * 60,
    });
    expect(candles.map((c) => (c.ts - START) / 60)).toEqual(Array.from({ length: 20 }, (_, i) => 19_990 + i));
  });

  it('imports of different series (another instrument, another timeframe) run and all finish', async () => {
    app = openTempApp();
    const results = await Promise.all([
      app.dispatch('import:run', {
        source: { path: write('EURUSD_M1.csv', mt4Minutes(0, 5_000)) },
        options: { symbol: 'EURUSD' },
      }),
      app.dispatch('import:run', {
        source: { path: write('GBPUSD_M1.csv', mt4Minutes(0, 5_000, 1, 1.3)) },
        options: { symbol: 'GBPUSD' },
      }),
      app.dispatch('import:run', {
        source: { path: write('EURUSD_H1.csv', mt4Minutes(0, 60 * 500, 60)) },
        options: { symbol: 'EURUSD' },
      }),
    ]);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const datasets = await call(app, 'datasets:list', {});
    expect(datasets.map((d) => `${d.symbol} ${d.timeframe} ${d.rows}`).sort()).toEqual([
      'EURUSD H1 500',
      'EURUSD M1 5000',
      'GBPUSD M1 5000',
    ]);
  });
});
