import type Database from 'better-sqlite3';
import type { CandleBatch } from '../../../../core/import/row-interpreter';

/**
 * Stores the data's own spread of each bar that has one (MT5's `<SPREAD>`), beside the candles and
 * inside the import's transaction, so a failed or cancelled import leaves none behind. A bar
 * stored before keeps its spread, as it keeps its prices.
 */
export class SpreadWriter {
  written = 0;
  private readonly insert: Database.Statement;

  constructor(
    db: Database.Database,
    private readonly instrumentId: string,
    private readonly timeframe: string,
  ) {
    this.insert = db.prepare(
      'insert or ignore into candle_spreads (instrument_id, timeframe, ts, spread_pts) values (?,?,?,?)',
    );
  }

  write(b: CandleBatch): void {
    const spread = b.spread;
    if (!spread) return;
    for (let i = 0; i < b.count; i++) {
      const pts = spread[i]!;
      if (Number.isNaN(pts)) continue;
      this.written += this.insert.run(this.instrumentId, this.timeframe, b.ts[i], pts).changes;
    }
  }
}
