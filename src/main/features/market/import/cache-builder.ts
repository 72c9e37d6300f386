import type Database from 'better-sqlite3';
import type { Timeframe } from '../../../../shared/timeframes';
import { type CacheChunk, CacheChunker } from './cache-chunker';

/** Writes cache chunks of one dataset into `candle_cache`. */
export function cacheChunkWriter(db: Database.Database, datasetId: string): (chunk: CacheChunk) => void {
  const insert = db.prepare(
    'insert or replace into candle_cache (dataset_id, timeframe, chunk_ts, bars, data) values (?,?,?,?,?)',
  );
  return (c) =>
    insert.run(
      datasetId,
      c.key,
      c.chunkTs,
      c.bars,
      Buffer.from(c.data.buffer, c.data.byteOffset, c.data.byteLength),
    );
}

/**
 * Drops and rebuilds the whole cache of a dataset from its stored candles (merges, unsorted
 * files): the candles of its series within its range, as other datasets of the series hold others.
 */
export function rebuildCache(
  db: Database.Database,
  datasetId: string,
  instrumentId: string,
  base: Timeframe,
  range: { startTs: number; endTs: number },
): void {
  db.prepare('delete from candle_cache where dataset_id = ?').run(datasetId);
  const builder = new CacheChunker(base, cacheChunkWriter(db, datasetId));
  // Paged: better-sqlite3 allows no other statement while an iterator is open.
  const page = db
    .prepare(
      'select ts, open, high, low, close, volume from candles where series_id = (select id from series where instrument_id = ? and timeframe = ?) and ts > ? and ts <= ? order by ts limit 20000',
    )
    .raw();
  let after = range.startTs - 1;
  for (;;) {
    const rows = page.all(instrumentId, base, after, range.endTs) as number[][];
    for (const r of rows) builder.push(r[0]!, r[1]!, r[2]!, r[3]!, r[4]!, r[5]!);
    if (rows.length < 20000) break;
    after = rows[rows.length - 1]![0]!;
  }
  builder.end();
}
