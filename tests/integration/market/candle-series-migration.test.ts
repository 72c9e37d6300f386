import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, runMigrations } from '../../../src/main/db/open-database';
import { openTempApp, REPO_ROOT } from '../../helpers/temp-app';
import { call } from './helpers';

const MIGRATIONS = join(REPO_ROOT, 'drizzle', 'desktop');
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of drizzle/desktop holding the migrations before the one tagged `beforeTag`. */
function migrationsBefore(beforeTag: string): string {
  const out = mkdtempSync(join(tmpdir(), 'tickstep-old-migrations-'));
  dirs.push(out);
  mkdirSync(join(out, 'meta'));
  const journal = JSON.parse(readFileSync(join(MIGRATIONS, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag === beforeTag),
  );
  for (const e of journal.entries) cpSync(join(MIGRATIONS, `${e.tag}.sql`), join(out, `${e.tag}.sql`));
  writeFileSync(join(out, 'meta/_journal.json'), JSON.stringify(journal));
  return out;
}

interface Bar {
  ts: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

function bars(count: number, startTs: number, step: number, base: number): Bar[] {
  return Array.from({ length: count }, (_, i) => {
    const open = base + ((i * 37) % 101) / 100_000;
    return {
      ts: startTs + i * step,
      open,
      high: open + 0.00021,
      low: open - 0.00017,
      close: open + 0.00003,
      volume: i % 7,
    };
  });
}

describe('migration 0021: candles keyed by series', () => {
  it('converts a store at the previous schema in place: every candle and dataset reads back the same', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tickstep-test-'));
    dirs.push(dataDir);
    const m1 = bars(1_500, 1_704_067_200, 60, 1.1);
    const h1 = bars(300, 1_700_000_000 - (1_700_000_000 % 3600), 3600, 1.2);
    const other = bars(50, 1_704_067_200, 60, 150);

    // The store as the previous release left it: candles keyed by instrument id and timeframe.
    const old = openDatabase(join(dataDir, 'tickstep.db'));
    runMigrations(old, migrationsBefore('0021_candle_series'));
    const { sqlite } = old;
    const instrument = sqlite.prepare(
      `insert into instruments (id, symbol, display_name, digits, pip_size, contract_size, base_currency, quote_currency, created_at, updated_at)
       values (?, ?, ?, ?, ?, 100000, ?, ?, 0, 0)`,
    );
    const candle = sqlite.prepare(
      'insert into candles (instrument_id, timeframe, ts, open, high, low, close, volume) values (?,?,?,?,?,?,?,?)',
    );
    const dataset = sqlite.prepare(
      `insert into datasets (id, instrument_id, timeframe, uploaded_at, records_count, format, timezone, is_active, start_ts, end_ts, created_at, updated_at)
       values (?, ?, ?, 0, ?, 'mt4', 'UTC', 1, ?, ?, 0, 0)`,
    );
    sqlite.transaction(() => {
      instrument.run('0b9a6f6e-0000-4000-8000-00000000aaaa', 'OLDEUR', 'Old EUR', 5, 0.0001, 'EUR', 'USD');
      instrument.run('0b9a6f6e-0000-4000-8000-00000000bbbb', 'OLDJPY', 'Old JPY', 3, 0.01, 'USD', 'JPY');
      for (const [id, tf, rows] of [
        ['0b9a6f6e-0000-4000-8000-00000000aaaa', 'M1', m1],
        ['0b9a6f6e-0000-4000-8000-00000000aaaa', 'H1', h1],
        ['0b9a6f6e-0000-4000-8000-00000000bbbb', 'M1', other],
      ] as const) {
        for (const c of rows) candle.run(id, tf, c.ts, c.open, c.high, c.low, c.close, c.volume);
        dataset.run(`ds-${tf}-${id.slice(-4)}`, id, tf, rows.length, rows[0]!.ts, rows.at(-1)!.ts);
      }
    })();
    old.close();

    const app = openTempApp({ dataDir });
    try {
      const datasets = await call(app, 'datasets:list', {});
      expect(datasets.map((d) => [d.symbol, d.timeframe, d.rows, d.startTs, d.endTs, d.isActive])).toEqual([
        ['OLDEUR', 'H1', 300, h1[0]!.ts, h1.at(-1)!.ts, true],
        ['OLDEUR', 'M1', 1_500, m1[0]!.ts, m1.at(-1)!.ts, true],
        ['OLDJPY', 'M1', 50, other[0]!.ts, other.at(-1)!.ts, true],
      ]);
      expect(await call(app, 'candles:list', { symbol: 'OLDEUR', timeframe: 'M1' })).toEqual(m1);
      expect(
        await call(app, 'candles:list', { symbol: 'OLDEUR', timeframe: 'H1', toTs: h1.at(-1)!.ts }),
      ).toEqual(h1);
      expect(
        await call(app, 'candles:list', {
          symbol: 'OLDEUR',
          timeframe: 'M1',
          toTs: m1[999]!.ts,
          limit: 200,
          order: 'desc',
        }),
      ).toEqual(m1.slice(800, 1000));
      expect(await call(app, 'candles:list', { symbol: 'OLDJPY', timeframe: 'M1' })).toEqual(other);
      const stored = app.ctx.store.sqlite
        .prepare(
          'select count(*) as n, count(distinct series_id) as series from candles join series s on s.id = series_id',
        )
        .get();
      expect(stored).toEqual({ n: 1_850, series: 3 });
      const detail = await call(app, 'datasets:get', { datasetId: datasets[1]!.id });
      expect(detail.gapCount).toBe(0);
    } finally {
      app.dispose();
    }
  });
});
