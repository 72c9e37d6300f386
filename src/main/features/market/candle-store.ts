import type Database from 'better-sqlite3';
import { decodeBarRun } from '../../../core/market/bar-codec';
import type { BasePeriod } from '../../../core/market/base-periods';
import { chunkStart, derivedKey } from '../../../core/market/derived-series';
import {
  bucketRange,
  bucketStart,
  type ResampleOptions,
  resampleCandles,
} from '../../../core/market/resample';
import type { CandleDto } from '../../../shared/dto';
import { TIMEFRAME_SECONDS, type Timeframe } from '../../../shared/timeframes';
import type { Store } from '../../db/open-database';
import { basePlan } from './base-plan';

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
    'select ts, open, high, low, close, volume from candles where series_id = (select id from series where instrument_id = ? and timeframe = ?) and ts >= ? and ts <= ?';
  const cache =
    'select data from candle_cache where dataset_id = ? and timeframe = ? and chunk_ts >= ? and chunk_ts <= ?';
  s = {
    activeDatasets: db.prepare(
      'select id, instrument_id as instrumentId, timeframe, records_count as recordsCount, start_ts as startTs, end_ts as endTs, is_active as isActive from datasets where instrument_id = ? and is_active = 1',
    ),
    baseAsc: db.prepare(`${base} order by ts asc limit ?`).raw(),
    baseDesc: db.prepare(`${base} order by ts desc limit ?`).raw(),
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
 * Candles of any timeframe from the finest data at each time (the base plan: M1 where M1 exists,
 * H1 where only H1 does). Each period gives its bars: a finer period's bars are aggregated (from
 * its dataset's cache where a whole bar lies inside the period), and a bar that straddles two
 * periods is built from both. A period coarser than the timeframe gives nothing, unless
 * `keepCoarser` asks for its own bars as they are (the replay chart, which shows H1 bars where an
 * M1 chart crosses H1-only data).
 */
export function readCandles(store: Store, q: CandleQuery & { keepCoarser?: boolean }): CandleDto[] {
  const wanted = TIMEFRAME_SECONDS[q.timeframe];
  const order = q.order ?? 'asc';
  const limit = q.limit ?? Number.POSITIVE_INFINITY;
  const periods = basePlan(store, q.instrumentId).filter(
    (p) => q.keepCoarser || TIMEFRAME_SECONDS[p.timeframe] <= wanted,
  );
  const byId = new Map(activeDatasets(store, q.instrumentId).map((d) => [d.id, d]));
  if (periods.length === 1) {
    // One period (the common case: one dataset): its bars are already in order, one per time.
    const dataset = byId.get(periods[0]!.sourceId);
    if (!dataset) return [];
    const bars = readPeriod(store, dataset, periods[0]!, q);
    return q.limit === undefined || bars.length <= q.limit ? bars : bars.slice(0, q.limit);
  }
  const parts: CandleDto[][] = [];
  let count = 0;
  let read = 0;
  for (let k = 0; k < periods.length; k++) {
    const p = periods[order === 'asc' ? k : periods.length - 1 - k]!;
    const dataset = byId.get(p.sourceId);
    if (!dataset) continue;
    // Only as many bars as can still be kept: not a whole window from every older period.
    const part = readPeriod(
      store,
      dataset,
      p,
      q.limit === undefined ? q : { ...q, limit: q.limit + read + 1 - count },
    );
    if (part.length > 0) parts.push(part);
    count += part.length;
    read++;
    // One bar more per period read: a bar straddling two periods comes from each of them.
    if (count >= limit + read) break;
  }
  // A window inside one period (most windows, once there are several datasets) needs no merge.
  if (parts.length === 1) return applyLimit(parts[0]!, q.limit, 'asc');
  const all = parts.flat();
  all.sort((a, b) => a.ts - b.ts);
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

/** One period's bars of the wanted timeframe (or its own, when coarser), in the requested order. */
function readPeriod(store: Store, dataset: DatasetRow, p: BasePeriod, q: CandleQuery): CandleDto[] {
  const from = q.fromTs ?? MIN_TS;
  const to = q.toTs ?? MAX_TS;
  const order = q.order ?? 'asc';
  const last = p.toTs - 1;
  if (TIMEFRAME_SECONDS[p.timeframe] >= TIMEFRAME_SECONDS[q.timeframe]) {
    return readBaseRange(store, dataset, Math.max(from, p.fromTs), Math.min(to, last), q.limit, order);
  }
  const [headStart, headEnd] = bucketRange(p.fromTs, q.timeframe, q);
  const [tailStart, tailEnd] = bucketRange(last, q.timeframe, q);
  // Bars wholly inside the period; a bar at either edge holds only part of its time here.
  const innerFrom = headStart === p.fromTs ? headStart : headEnd;
  const innerTo = tailEnd === p.toTs ? tailStart : bucketStart(tailStart - 1, q.timeframe, q);
  const edge = (start: number, end: number): CandleDto[] => {
    if (start < from || start > to) return [];
    const rows = readBaseRange(
      store,
      dataset,
      Math.max(start, p.fromTs),
      Math.min(end, p.toTs) - 1,
      undefined,
      'asc',
    );
    return resampleCandles(rows, q.timeframe, q);
  };
  const headPartial = headStart !== p.fromTs;
  const tailPartial = tailEnd !== p.toTs;
  let head: CandleDto[] = [];
  let tail: CandleDto[] = [];
  if (headStart === tailStart) {
    if (headPartial || tailPartial) head = edge(headStart, headEnd);
  } else {
    if (headPartial) head = edge(headStart, headEnd);
    if (tailPartial) tail = edge(tailStart, tailEnd);
  }
  const lo = Math.max(from, innerFrom);
  const hi = Math.min(to, innerTo);
  let inner: CandleDto[] = [];
  if (lo <= hi) {
    const key = derivedKey(q.timeframe, q);
    if (key && hasCache(store, dataset.id, key)) {
      inner = readCache(store, dataset.id, key, { ...q, fromTs: lo, toTs: hi });
    } else {
      // Not cached (a custom week start, or a cache not built): resample the rows. Exact, slower.
      const rows = readBaseRange(
        store,
        dataset,
        lo,
        bucketRange(hi, q.timeframe, q)[1] - 1,
        undefined,
        'asc',
      );
      inner = applyLimit(
        resampleCandles(rows, q.timeframe, q).filter((c) => c.ts >= lo && c.ts <= hi),
        q.limit,
        order,
      );
    }
  }
  return order === 'asc' ? [...head, ...inner, ...tail] : [...tail, ...inner, ...head];
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
  // Rows as arrays, made into objects here: half the cost of the driver's named-column rows.
  const rows = stmt.all(
    base.instrumentId,
    base.timeframe,
    fromTs ?? MIN_TS,
    toTs ?? MAX_TS,
    limit ?? -1,
  ) as number[][];
  const out: CandleDto[] = new Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]!;
    out[i] = { ts: r[0]!, open: r[1]!, high: r[2]!, low: r[3]!, close: r[4]!, volume: r[5]! };
  }
  return out;
}

function hasCache(store: Store, datasetId: string, key: string): boolean {
  return (statements(store).cacheCount.get(datasetId, key) as { n: number }).n > 0;
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
    const bars = decodeBarRun(row[0]);
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
