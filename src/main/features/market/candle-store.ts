import type Database from 'better-sqlite3';
import { chunkStart, derivedKey } from '../../../core/market/derived-series';
import { type ResampleOptions, resampleCandles } from '../../../core/market/resample';
import type { CandleDto } from '../../../shared/dto';
import { TIMEFRAME_SECONDS, type Timeframe } from '../../../shared/timeframes';
import type { Store } from '../../db/open-database';

/**
 * Candle reads on raw prepared statements: drizzle's row mapping costs more than the query
 * for thousands of candles. Base candles come from `candles`; higher timeframes from the
 * dataset's `candle_cache`, or are resampled from the base when a variant is not cached.
 */

export interface CandleQuery extends ResampleOptions {
  instrumentId: string;
  timeframe: Timeframe;
  /** Inclusive bounds on the bar open time, UTC seconds. */
  fromTs?: number;
  toTs?: number;
  limit?: number;
  /** Order of the result and of the limit: 'desc' gives the newest `limit` bars, newest first. */
  order?: 'asc' | 'desc';
}

export interface DatasetRow {
  id: string;
  instrumentId: string;
  timeframe: Timeframe;
  recordsCount: number;
  startTs: number;
  endTs: number;
  isActive: boolean;
}

const MIN_TS = -8_640_000_000_000;
const MAX_TS = 8_640_000_000_000;

interface Statements {
  activeDatasets: Database.Statement;
  baseAsc: Database.Statement;
  baseDesc: Database.Statement;
  cacheAsc: Database.Statement;
  cacheDesc: Database.Statement;
  cacheCount: Database.Statement;
}

const statementsByDb = new WeakMap<Database.Database, Statements>();

function statements(store: Store): Statements {
  let s = statementsByDb.get(store.sqlite);
  if (s) return s;
  const db = store.sqlite;
  const base =
    'select ts, open, high, low, close, volume from candles where instrument_id = ? and timeframe = ? and ts >= ? and ts <= ?';
  const cache =
    'select data from candle_cache where dataset_id = ? and timeframe = ? and chunk_ts >= ? and chunk_ts <= ?';
  s = {
    activeDatasets: db.prepare(
      'select id, instrument_id as instrumentId, timeframe, records_count as recordsCount, start_ts as startTs, end_ts as endTs, is_active as isActive from datasets where instrument_id = ? and is_active = 1',
    ),
    baseAsc: db.prepare(`${base} order by ts asc limit ?`),
    baseDesc: db.prepare(`${base} order by ts desc limit ?`),
    cacheAsc: db.prepare(`${cache} order by chunk_ts asc`),
    cacheDesc: db.prepare(`${cache} order by chunk_ts desc`),
    cacheCount: db.prepare('select count(*) as n from candle_cache where dataset_id = ? and timeframe = ?'),
  };
  statementsByDb.set(db, s);
  return s;
}

/** The finest active dataset of the instrument: the data the engine and every chart are built from. */
export function findBaseDataset(store: Store, instrumentId: string): DatasetRow | undefined {
  const rows = statements(store).activeDatasets.all(instrumentId) as DatasetRow[];
  let best: DatasetRow | undefined;
  for (const row of rows) {
    if (!best || TIMEFRAME_SECONDS[row.timeframe] < TIMEFRAME_SECONDS[best.timeframe]) best = row;
  }
  return best ? { ...best, isActive: Boolean(best.isActive) } : undefined;
}

/** Candles of any timeframe at or above the base dataset's, in the requested order. */
export function readCandles(store: Store, q: CandleQuery): CandleDto[] {
  const base = findBaseDataset(store, q.instrumentId);
  if (!base) return [];
  const baseSeconds = TIMEFRAME_SECONDS[base.timeframe];
  const wanted = TIMEFRAME_SECONDS[q.timeframe];
  if (wanted < baseSeconds) return [];
  if (q.timeframe === base.timeframe) {
    return readBaseRange(store, base, q.fromTs, q.toTs, q.limit, q.order ?? 'asc');
  }
  const key = derivedKey(q.timeframe, q);
  if (key && hasCache(store, base.id, key)) return readCache(store, base.id, key, q);
  // Not cached (a custom week start, or a cache not built): resample the base range. Exact, slower.
  const from = q.fromTs ?? MIN_TS;
  const to = q.toTs ?? MAX_TS;
  const rows = readBaseRange(store, base, from - TIMEFRAME_SECONDS.W1, to, undefined, 'asc');
  const bars = resampleCandles(rows, q.timeframe, q).filter((c) => c.ts >= from && c.ts <= to);
  return applyLimit(bars, q.limit, q.order ?? 'asc');
}

/** The last `count` base candles with open time <= `endTs`, ascending. */
export function readBaseCandlesEndingAt(
  store: Store,
  instrumentId: string,
  endTs: number,
  count: number,
): CandleDto[] {
  const base = findBaseDataset(store, instrumentId);
  if (!base) return [];
  return readBaseRange(store, base, undefined, endTs, count, 'desc').reverse();
}

function readBaseRange(
  store: Store,
  base: DatasetRow,
  fromTs: number | undefined,
  toTs: number | undefined,
  limit: number | undefined,
  order: 'asc' | 'desc',
): CandleDto[] {
  const s = statements(store);
  const stmt = order === 'asc' ? s.baseAsc : s.baseDesc;
  return stmt.all(
    base.instrumentId,
    base.timeframe,
    fromTs ?? MIN_TS,
    toTs ?? MAX_TS,
    limit ?? -1,
  ) as CandleDto[];
}

function hasCache(store: Store, datasetId: string, key: string): boolean {
  return (statements(store).cacheCount.get(datasetId, key) as { n: number }).n > 0;
}

/** Float64 view of a blob; copies when SQLite hands back an unaligned buffer. */
export function decodeBars(data: Buffer): Float64Array {
  if (data.byteOffset % 8 === 0) return new Float64Array(data.buffer, data.byteOffset, data.byteLength / 8);
  return new Float64Array(new Uint8Array(data).buffer);
}

function readCache(store: Store, datasetId: string, key: string, q: CandleQuery): CandleDto[] {
  const from = q.fromTs ?? MIN_TS;
  const to = q.toTs ?? MAX_TS;
  const order = q.order ?? 'asc';
  const limit = q.limit ?? Number.POSITIVE_INFINITY;
  const s = statements(store);
  const stmt = (order === 'asc' ? s.cacheAsc : s.cacheDesc).raw();
  const firstChunk = from === MIN_TS ? MIN_TS : chunkStart(from, q.timeframe);
  const out: CandleDto[] = [];
  for (const row of stmt.iterate(datasetId, key, firstChunk, to) as IterableIterator<[Buffer]>) {
    const bars = decodeBars(row[0]);
    const n = bars.length / 6;
    for (let k = 0; k < n; k++) {
      const i = (order === 'asc' ? k : n - 1 - k) * 6;
      const ts = bars[i]!;
      if (ts < from || ts > to) continue;
      out.push({
        ts,
        open: bars[i + 1]!,
        high: bars[i + 2]!,
        low: bars[i + 3]!,
        close: bars[i + 4]!,
        volume: bars[i + 5]!,
      });
      if (out.length >= limit) return out;
    }
  }
  return out;
}

function applyLimit(bars: CandleDto[], limit: number | undefined, order: 'asc' | 'desc'): CandleDto[] {
  if (order === 'desc') bars.reverse();
  return limit === undefined ? bars : bars.slice(0, limit);
}
