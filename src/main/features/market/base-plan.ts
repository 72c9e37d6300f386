import type Database from 'better-sqlite3';
import { type BasePeriod, type BaseSource, basePeriods, periodAt } from '../../../core/market/base-periods';
import type { BaseBarSource } from '../../../core/replay/replay-runner';
import type { BasePeriodDto, CandleDto } from '../../../shared/dto';
import { isTimeframe, type Timeframe } from '../../../shared/timeframes';
import type { Store } from '../../db/open-database';

/**
 * The base plan of an instrument: which stored timeframe the replay walks at each time (see
 * core/market/base-periods for the rules), and reads of base bars along it. The replay, the
 * session's chart and its equity curve all read base bars through here, so they agree on which
 * bar was revealed.
 */

const MIN_TS = -8_640_000_000_000;
const MAX_TS = 8_640_000_000_000;

interface Statements {
  sources: Database.Statement;
  barAtOrBefore: Database.Statement;
  asc: Database.Statement;
  desc: Database.Statement;
  span: Database.Statement;
}

const statementsByDb = new WeakMap<Database.Database, Statements>();
const plansByDb = new WeakMap<Database.Database, Map<string, { key: string; periods: BasePeriod[] }>>();

function statements(store: Store): Statements {
  const db = store.sqlite;
  let s = statementsByDb.get(db);
  if (s) return s;
  const rows =
    'select ts, open, high, low, close, volume from candles where series_id = (select id from series where instrument_id = ? and timeframe = ?) and ts >= ? and ts <= ?';
  s = {
    sources: db.prepare(
      'select id, timeframe, start_ts as startTs, end_ts as endTs from datasets where instrument_id = ? and is_active = 1 order by id',
    ),
    barAtOrBefore: db.prepare(
      'select max(ts) as ts from candles where series_id = (select id from series where instrument_id = ? and timeframe = ?) and ts >= ? and ts <= ?',
    ),
    asc: db.prepare(`${rows} order by ts asc limit ?`),
    desc: db.prepare(`${rows} order by ts desc limit ?`),
    span: db.prepare(
      'select min(ts) as first, max(ts) as last from candles where series_id = (select id from series where instrument_id = ? and timeframe = ?) and ts >= ? and ts <= ?',
    ),
  };
  statementsByDb.set(db, s);
  return s;
}

/**
 * The instrument's base periods, oldest first. Recomputed only when its active datasets change
 * (an import, a delete), so the replay can ask at every step.
 */
export function basePlan(store: Store, instrumentId: string): BasePeriod[] {
  const s = statements(store);
  const sources = (
    s.sources.all(instrumentId) as { id: string; timeframe: string; startTs: number; endTs: number }[]
  ).filter((d): d is BaseSource => isTimeframe(d.timeframe));
  const key = sources.map((d) => `${d.id}:${d.timeframe}:${d.startTs}:${d.endTs}`).join('|');
  let plans = plansByDb.get(store.sqlite);
  if (!plans) {
    plans = new Map();
    plansByDb.set(store.sqlite, plans);
  }
  const cached = plans.get(instrumentId);
  if (cached && cached.key === key) return cached.periods;
  const periods = basePeriods(sources, (source, ts) => {
    const row = s.barAtOrBefore.get(instrumentId, source.timeframe, source.startTs, ts) as {
      ts: number | null;
    };
    return row.ts;
  });
  plans.set(instrumentId, { key, periods });
  return periods;
}

/** The base timeframe at `ts` (the period holding it), or null where no data covers it. */
export function baseTimeframeAt(store: Store, instrumentId: string, ts: number): Timeframe | null {
  return periodAt(basePlan(store, instrumentId), ts)?.timeframe ?? null;
}

export interface PlanRead {
  /** Inclusive bounds on the bar open time, UTC seconds. */
  fromTs?: number;
  toTs?: number;
  limit?: number;
  /** 'desc' gives the newest `limit` bars, newest first. */
  order?: 'asc' | 'desc';
}

/**
 * Base bars along the plan (each period's own timeframe), in the order asked. `periods` lets a
 * caller that already holds the plan (the replay, once per step) skip looking it up again.
 */
export function readPlanBars(
  store: Store,
  instrumentId: string,
  read: PlanRead,
  periods: readonly BasePeriod[] = basePlan(store, instrumentId),
): CandleDto[] {
  const from = read.fromTs ?? MIN_TS;
  const to = read.toTs ?? MAX_TS;
  const order = read.order ?? 'asc';
  const limit = read.limit ?? Number.POSITIVE_INFINITY;
  const s = statements(store);
  const stmt = order === 'asc' ? s.asc : s.desc;
  const out: CandleDto[] = [];
  for (let k = 0; k < periods.length && out.length < limit; k++) {
    const p = periods[order === 'asc' ? k : periods.length - 1 - k]!;
    const lo = Math.max(from, p.fromTs);
    const hi = Math.min(to, p.toTs - 1);
    if (lo > hi) continue;
    const want = limit === Number.POSITIVE_INFINITY ? -1 : limit - out.length;
    for (const bar of stmt.all(instrumentId, p.timeframe, lo, hi, want) as CandleDto[]) out.push(bar);
  }
  return out;
}

/**
 * A replay's bar source along the plan. It holds the plan rather than looking it up at every step
 * (the datasets query would cost the play loop as much as reading the bars): it looks again when
 * told to (a snapshot, a jump) and whenever it comes up short of bars, so data imported at the end
 * or a dataset removed is seen at once; finer data imported inside the remaining range is used
 * from the next look.
 */
export interface PlanBarSource extends BaseBarSource {
  /** The plan the source reads along. */
  readonly periods: readonly BasePeriod[];
  /** Looks the plan up again (datasets imported or removed since). */
  refresh(): void;
}

/** The replay's bar source: base bars strictly after a time, along the plan. */
export function planBarSource(store: Store, instrumentId: string): PlanBarSource {
  let periods = basePlan(store, instrumentId);
  return {
    get periods() {
      return periods;
    },
    refresh() {
      periods = basePlan(store, instrumentId);
    },
    barsAfter(afterTs, limit, untilTs) {
      const read: PlanRead = { fromTs: afterTs + 1, toTs: untilTs, limit, order: 'asc' };
      const bars = readPlanBars(store, instrumentId, read, periods);
      if (bars.length >= limit) return bars;
      const fresh = basePlan(store, instrumentId);
      if (fresh === periods) return bars;
      periods = fresh;
      return readPlanBars(store, instrumentId, read, periods);
    },
  };
}

/**
 * The base periods replayed between two times (a session's start and its cursor): each with its
 * first and last bar, consecutive periods of the same timeframe as one.
 */
export function basePeriodsBetween(
  store: Store,
  instrumentId: string,
  fromTs: number,
  toTs: number,
): BasePeriodDto[] {
  const s = statements(store);
  const out: BasePeriodDto[] = [];
  for (const p of basePlan(store, instrumentId)) {
    const lo = Math.max(fromTs, p.fromTs);
    const hi = Math.min(toTs, p.toTs - 1);
    if (lo > hi) continue;
    const span = s.span.get(instrumentId, p.timeframe, lo, hi) as {
      first: number | null;
      last: number | null;
    };
    if (span.first === null || span.last === null) continue;
    const last = out[out.length - 1];
    if (last && last.timeframe === p.timeframe) last.toTs = span.last;
    else out.push({ timeframe: p.timeframe, fromTs: span.first, toTs: span.last });
  }
  return out;
}
