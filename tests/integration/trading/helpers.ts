import type { TickstepApp } from '../../../src/main/app/open-app';
import type { CandleDto } from '../../../src/shared/dto';
import { openTempApp } from '../../helpers/temp-app';

export { REPO_ROOT } from '../../helpers/temp-app';

/** A fresh app on a temp data dir (or `dataDir`, to reopen one) with a fixed clock and readable ids. */
export function tempApp(dataDir?: string): { app: TickstepApp; dataDir: string; cleanup(): void } {
  let n = 0;
  const app = openTempApp({
    ...(dataDir ? { dataDir } : {}),
    clock: { nowSeconds: () => 1_700_000_000 },
    newId: () => `t${process.pid}-${Date.now().toString(36)}-${++n}`,
  });
  return { app, dataDir: app.dataDir, cleanup: app.dispose };
}

/**
 * Inserts candles and a datasets row directly (a raw prepared INSERT), so these tests do not
 * depend on the importer.
 */
export function seedCandles(
  app: TickstepApp,
  symbol: string,
  timeframe: string,
  candles: CandleDto[],
): string {
  const { sqlite } = app.ctx.store;
  const instrument = sqlite.prepare('SELECT id FROM instruments WHERE symbol = ?').get(symbol) as {
    id: string;
  };
  const insert = sqlite.prepare(
    'INSERT INTO candles (series_id, ts, open, high, low, close, volume) VALUES ((SELECT id FROM series WHERE instrument_id = ? AND timeframe = ?), ?, ?, ?, ?, ?, ?)',
  );
  const datasetId = `ds-${symbol}-${timeframe}`;
  sqlite.transaction(() => {
    sqlite
      .prepare('INSERT OR IGNORE INTO series (instrument_id, timeframe) VALUES (?, ?)')
      .run(instrument.id, timeframe);
    for (const c of candles)
      insert.run(instrument.id, timeframe, c.ts, c.open, c.high, c.low, c.close, c.volume);
    sqlite
      .prepare(
        `INSERT INTO datasets (id, instrument_id, timeframe, uploaded_at, records_count, format, timezone, is_active, start_ts, end_ts, created_at, updated_at)
         VALUES (?, ?, ?, 0, ?, 'test', 'UTC', 1, ?, ?, 0, 0)`,
      )
      .run(datasetId, instrument.id, timeframe, candles.length, candles[0]!.ts, candles.at(-1)!.ts);
  })();
  return datasetId;
}

/** Deterministic M1 EURUSD-like candles (a seeded random walk), `count` bars from `startTs`. */
export function syntheticCandles(count: number, startTs = 1_546_387_200, seed = 1): CandleDto[] {
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const out: CandleDto[] = [];
  let price = 114_000;
  for (let i = 0; i < count; i++) {
    const open = price;
    const close = open + Math.round((random() - 0.5) * 40);
    const high = Math.max(open, close) + Math.round(random() * 15);
    const low = Math.min(open, close) - Math.round(random() * 15);
    out.push({
      ts: startTs + i * 60,
      open: open / 1e5,
      high: high / 1e5,
      low: low / 1e5,
      close: close / 1e5,
      volume: 1,
    });
    price = close;
  }
  return out;
}
