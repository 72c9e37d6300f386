import type Database from 'better-sqlite3';
import type { CandleBatch, RowIssue } from '../../../../core/import/row-interpreter';

const ROWS_PER_STATEMENT = 128;

/** The series of an instrument and timeframe, created on its first candle. */
export function seriesIdOf(db: Database.Database, instrumentId: string, timeframe: string): number {
  db.prepare('insert or ignore into series (instrument_id, timeframe) values (?, ?)').run(
    instrumentId,
    timeframe,
  );
  return (
    db
      .prepare('select id from series where instrument_id = ? and timeframe = ?')
      .get(instrumentId, timeframe) as {
      id: number;
    }
  ).id;
}

/**
 * Bulk candle inserts on raw prepared statements inside the caller's transaction.
 * Multi-row INSERT OR IGNORE is the fast path; a batch in which any row was ignored is rolled
 * back to its savepoint and replayed row by row, so every duplicate is classified: identical
 * to the stored candle (dropped and counted) or different (a conflict, reported with its line).
 */
export class CandleWriter {
  duplicates = 0;
  inserted = 0;
  /** Range of the rows inserted (not of the duplicates). */
  minTs = Number.POSITIVE_INFINITY;
  maxTs = Number.NEGATIVE_INFINITY;
  /** Range of every row written (duplicates and conflicts too): the file's own range. */
  fileMinTs = Number.POSITIVE_INFINITY;
  fileMaxTs = Number.NEGATIVE_INFINITY;
  private readonly many: Database.Statement;
  private readonly one: Database.Statement;
  private readonly existing: Database.Statement;
  private readonly args: number[] = new Array(ROWS_PER_STATEMENT * 6);
  private readonly series: { series: number };
  private readonly seriesId: number;

  constructor(
    private readonly db: Database.Database,
    instrumentId: string,
    timeframe: string,
    private readonly onConflict: (issue: RowIssue) => void,
  ) {
    this.seriesId = seriesIdOf(db, instrumentId, timeframe);
    // The series key is bound once per statement by name, not repeated in every row's values.
    this.series = { series: this.seriesId };
    const values = Array(ROWS_PER_STATEMENT).fill('(@series,?,?,?,?,?,?)').join(',');
    const insert = 'insert or ignore into candles (series_id, ts, open, high, low, close, volume) values ';
    this.many = db.prepare(insert + values);
    this.one = db.prepare(`${insert}(?,?,?,?,?,?,?)`);
    this.existing = db.prepare(
      'select open, high, low, close, volume from candles where series_id = ? and ts = ?',
    );
  }

  write(b: CandleBatch): void {
    for (let i = 0; i < b.count; i++) {
      const ts = b.ts[i]!;
      if (ts < this.fileMinTs) this.fileMinTs = ts;
      if (ts > this.fileMaxTs) this.fileMaxTs = ts;
    }
    this.db.exec('savepoint candle_batch');
    const full = Math.floor(b.count / ROWS_PER_STATEMENT) * ROWS_PER_STATEMENT;
    const args = this.args;
    let changes = 0;
    for (let start = 0; start < full; start += ROWS_PER_STATEMENT) {
      for (let k = 0, i = start; k < ROWS_PER_STATEMENT * 6; k += 6, i++) {
        args[k] = b.ts[i]!;
        args[k + 1] = b.open[i]!;
        args[k + 2] = b.high[i]!;
        args[k + 3] = b.low[i]!;
        args[k + 4] = b.close[i]!;
        args[k + 5] = b.volume[i]!;
      }
      changes += this.many.run(this.series, args).changes;
    }
    for (let i = full; i < b.count; i++) changes += this.insertOne(b, i).changes;
    if (changes === b.count) {
      this.db.exec('release candle_batch');
      this.inserted += changes;
      for (let i = 0; i < b.count; i++) this.widen(b.ts[i]!);
      return;
    }
    this.db.exec('rollback to candle_batch');
    for (let i = 0; i < b.count; i++) {
      if (this.insertOne(b, i).changes === 1) {
        this.inserted++;
        this.widen(b.ts[i]!);
        continue;
      }
      const row = this.existing.get(this.seriesId, b.ts[i]) as Record<string, number>;
      const same =
        row.open === b.open[i] &&
        row.high === b.high[i] &&
        row.low === b.low[i] &&
        row.close === b.close[i] &&
        row.volume === b.volume[i];
      if (same) this.duplicates++;
      else {
        const at = new Date(b.ts[i]! * 1000).toISOString();
        this.onConflict({
          line: b.line[i]!,
          reason: `conflicting duplicate: another candle for ${at} has different prices (open ${row.open}, high ${row.high}, low ${row.low}, close ${row.close})`,
        });
      }
    }
    this.db.exec('release candle_batch');
  }

  private widen(ts: number): void {
    if (ts < this.minTs) this.minTs = ts;
    if (ts > this.maxTs) this.maxTs = ts;
  }

  private insertOne(b: CandleBatch, i: number): Database.RunResult {
    return this.one.run(this.seriesId, b.ts[i], b.open[i], b.high[i], b.low[i], b.close[i], b.volume[i]);
  }
}
