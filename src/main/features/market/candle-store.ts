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

/** The instrument's active datasets, finest timeframe first, then oldest first. */
export function activeDatasets(store: Store, instrumentId: string): DatasetRow[] {
  const rows = (statements(store).activeDatasets.all(instrumentId) as DatasetRow[]).map((row) => ({
    ...row,
    isActive: Boolean(row.isActive),
  }));
  return rows.sort(
    (a, b) => TIMEFRAME_SECONDS[a.timeframe] - TIMEFRAME_SECONDS[b.timeframe] || a.startTs - b.startTs,
  );
}

/** The finest active dataset of the instrument. */
export function findBaseDataset(store: Store, instrumentId: string): DatasetRow | undefined {
  return activeDatasets(store, instrumentId)[0];
}

/**
 * Candles of any timeframe from the finest data at each time: every active dataset at or below
 * the wanted timeframe gives its bars within its own range, and a coarser dataset's bars are left
 * out where a finer one covers them (an H1 file of 2018 serves 2018 even when M1 exists for 2017).
 */
export function readCandles(store: Store, q: CandleQuery): CandleDto[] {
  const wanted = TIMEFRAME_SECONDS[q.timeframe];
  const sources = activeDatasets(store, q.instrumentId).filter(
    (d) => TIMEFRAME_SECONDS[d.timeframe] <= wanted,
  );
  const order = q.order ?? 'asc';
  if (sources.length === 1) return readDataset(store, sources[0]!, q);
  const covered: DatasetRow[] = [];
  const all: CandleDto[] = [];
  for (const d of sources) {
    const finer = covered.filter((c) => TIMEFRAME_SECONDS[c.timeframe] < TIMEFRAME_SECONDS[d.timeframe]);
    for (const bar of readDataset(store, d, q)) {
      if (!finer.some((c) => bar.ts >= c.startTs && bar.ts <= c.endTs)) all.push(bar);
    }
    covered.push(d);
  }
  all.sort((a, b) => a.ts - b.ts);
  // A bar that straddles the end of one dataset and the start of the next is built from both.
  const bars: CandleDto[] = [];
  for (const bar of all) {
    const last = bars[bars.length - 1];
    if (last && last.ts === bar.ts) {
      last.high = Math.max(last.high, bar.high);
      last.low = Math.min(last.low, bar.low);
      last.close = bar.close;
      last.volume += bar.volume;
    } else bars.push({ ...bar });
  }
  return applyLimit(bars, q.limit, order);
}

/** One dataset's bars of the wanted timeframe within its range, in the requested order. */
function readDataset(store: Store, base: DatasetRow, q: CandleQuery): CandleDto[] {
  const from = Math.max(q.fromTs ?? MIN_TS, base.startTs);
  const to = Math.min(q.toTs ?? MAX_TS, base.endTs);
  if (from > to) return [];
  const ranged = { ...q, fromTs: from, toTs: to };
  if (q.timeframe === base.timeframe) {
    return readBaseRange(store, base, from, to, q.limit, q.order ?? 'asc');
  }
  const key = derivedKey(q.timeframe, q);
  // A higher-timeframe bar opens before its dataset's first base bar.
  const barFrom = Math.max(q.fromTs ?? MIN_TS, base.startTs - TIMEFRAME_SECONDS.W1);
  if (key && hasCache(store, base.id, key))
    return readCache(store, base.id, key, { ...ranged, fromTs: barFrom });
  // Not cached (a custom week start, or a cache not built): resample the base range. Exact, slower.
  const rows = readBaseRange(store, base, from, to, undefined, 'asc');
  const bars = resampleCandles(rows, q.timeframe, q).filter((c) => c.ts >= barFrom && c.ts <= to);
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
