import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../../src/main/app/open-app';
import { instruments, users } from '../../../src/main/db/schema';
import { openTempApp, REPO_ROOT } from '../../helpers/temp-app';

describe('the local store', () => {
  let app: ReturnType<typeof openTempApp> | undefined;
  afterEach(() => app?.dispose());

  it('opens in WAL mode with foreign keys enforced', () => {
    app = openTempApp();
    const { sqlite } = app.ctx.store;
    expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('applies every migration and seeds the local profile and instruments', () => {
    app = openTempApp();
    const { db } = app.ctx.store;
    expect(db.select().from(users).all()).toEqual([
      expect.objectContaining({ id: 'local', role: 'ANONYMOUS' }),
    ]);
    const symbols = db
      .select({ symbol: instruments.symbol })
      .from(instruments)
      .all()
      .map((r) => r.symbol);
    expect(symbols).toEqual(expect.arrayContaining(['EURUSD', 'GBPUSD', 'USDJPY', 'XAUUSD']));
  });

  it('keys candles by series (instrument and timeframe) and time, with no per-row id', () => {
    app = openTempApp();
    const columns = app.ctx.store.sqlite
      .prepare("select name, pk from pragma_table_info('candles')")
      .all() as {
      name: string;
      pk: number;
    }[];
    expect(columns.filter((c) => c.pk > 0).map((c) => c.name)).toEqual(['series_id', 'ts']);
    expect(columns.map((c) => c.name)).not.toContain('id');
  });

  it('refuses a candle for an instrument that does not exist', () => {
    app = openTempApp();
    const { sqlite } = app.ctx.store;
    const series = sqlite.prepare('insert into series (instrument_id, timeframe) values (?,?)');
    expect(() => series.run('nope', 'M1')).toThrow(/FOREIGN KEY/);
    const insert = sqlite.prepare(
      'insert into candles (series_id, ts, open, high, low, close, volume) values (?,?,?,?,?,?,?)',
    );
    expect(() => insert.run(999, 0, 1, 1, 1, 1, 0)).toThrow(/FOREIGN KEY/);
  });

  it('reopens an existing data folder: migrations and seeding run once', () => {
    app = openTempApp();
    const countBefore = app.ctx.store.db.select().from(instruments).all().length;
    const again = openApp({ dataDir: app.dataDir, appRoot: REPO_ROOT, mode: 'browser' });
    try {
      expect(again.ctx.store.db.select().from(instruments).all()).toHaveLength(countBefore);
      expect(again.ctx.store.db.select().from(users).all()).toHaveLength(1);
    } finally {
      again.close();
    }
  });
});
