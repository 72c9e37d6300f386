import type Database from 'better-sqlite3';
import { type Bar, BarAggregator } from '../../core/market/bar-aggregator';
import { CHUNK_BARS, chunkStart, derivedSeriesFor } from '../../core/market/derived-series';
import type { Timeframe } from '../../shared/timeframes';

/**
 * Builds a dataset's candle cache (every higher timeframe, see `candle_cache`) from its base
 * candles fed in ascending order, writing each time-aligned chunk as it completes.
 */
export class CacheBuilder {
  private readonly aggregators: BarAggregator[];
  private readonly insert: Database.Statement;

  constructor(db: Database.Database, datasetId: string, base: Timeframe) {
    this.insert = db.prepare(
      'insert or replace into candle_cache (dataset_id, timeframe, chunk_ts, bars, data) values (?,?,?,?,?)',
    );
    this.aggregators = derivedSeriesFor(base).map((series) => {
      let chunk = Number.NaN;
      let buffer = new Float64Array(CHUNK_BARS * 6);
      let n = 0;
      const flush = () => {
        if (n === 0) return;
        this.insert.run(datasetId, series.key, chunk, n, Buffer.from(buffer.buffer, 0, n * 48));
        buffer = new Float64Array(CHUNK_BARS * 6);
        n = 0;
      };
      const aggregator = new BarAggregator(
        series.timeframe,
        (bar: Bar) => {
          const c = chunkStart(bar[0], series.timeframe);
          if (c !== chunk || n === CHUNK_BARS) {
            flush();
            chunk = c;
          }
          buffer.set(bar, n * 6);
          n++;
        },
        series.options,
      );
      const flushAll = aggregator.flush.bind(aggregator);
      aggregator.flush = () => {
        flushAll();
        flush();
      };
      return aggregator;
    });
  }

  push(ts: number, open: number, high: number, low: number, close: number, volume: number): void {
    for (const a of this.aggregators) a.push(ts, open, high, low, close, volume);
  }

  end(): void {
    for (const a of this.aggregators) a.flush();
  }
}

/** Drops and rebuilds the whole cache of a dataset from its stored candles (merges, unsorted files). */
export function rebuildCache(
  db: Database.Database,
  datasetId: string,
  instrumentId: string,
  base: Timeframe,
): void {
  db.prepare('delete from candle_cache where dataset_id = ?').run(datasetId);
  const builder = new CacheBuilder(db, datasetId, base);
  // Paged: better-sqlite3 allows no other statement while an iterator is open.
  const page = db
    .prepare(
      'select ts, open, high, low, close, volume from candles where instrument_id = ? and timeframe = ? and ts > ? order by ts limit 20000',
    )
    .raw();
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    const rows = page.all(instrumentId, base, after) as number[][];
    for (const r of rows) builder.push(r[0]!, r[1]!, r[2]!, r[3]!, r[4]!, r[5]!);
    if (rows.length < 20000) break;
    after = rows[rows.length - 1]![0]!;
  }
  builder.end();
}
