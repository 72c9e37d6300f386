import type Database from 'better-sqlite3';
import type { BasePeriod } from '../../../core/market/base-periods';
import type { Bar } from '../../../core/replay/forming-bar';
import type { Store } from '../../db/open-database';
import type { PlanBarSource } from './base-plan';

/**
 * The data's own spread per bar (MT5's `<SPREAD>`, stored apart from the candles), read onto the
 * base bars the replay reveals. An instrument whose files had no spread pays nothing for it: the
 * replay does not wrap its source at all.
 */

interface Statements {
  any: Database.Statement;
  range: Database.Statement;
}

const statementsByDb = new WeakMap<Database.Database, Statements>();

function statements(store: Store): Statements {
  const db = store.sqlite;
  let s = statementsByDb.get(db);
  if (!s) {
    s = {
      any: db.prepare('select 1 as one from candle_spreads where instrument_id = ? limit 1'),
      range: db.prepare(
        'select ts, spread_pts as pts from candle_spreads where instrument_id = ? and timeframe = ? and ts >= ? and ts <= ? order by ts',
      ),
    };
    statementsByDb.set(db, s);
  }
  return s;
}

/** Whether any bar of the instrument carries the data's spread. */
export function hasDataSpreads(store: Store, instrumentId: string): boolean {
  return statements(store).any.get(instrumentId) !== undefined;
}

/** Sets `spreadPts` on the bars (oldest first) whose base data had a spread. */
export function attachSpreads(
  store: Store,
  instrumentId: string,
  bars: readonly Bar[],
  periods: readonly BasePeriod[],
): void {
  if (bars.length === 0) return;
  const s = statements(store);
  const first = bars[0]!.ts;
  const last = bars[bars.length - 1]!.ts;
  let i = 0;
  for (const p of periods) {
    const lo = Math.max(first, p.fromTs);
    const hi = Math.min(last, p.toTs - 1);
    if (lo > hi) continue;
    const rows = s.range.all(instrumentId, p.timeframe, lo, hi) as { ts: number; pts: number }[];
    while (i < bars.length && bars[i]!.ts < lo) i++;
    for (const row of rows) {
      while (i < bars.length && bars[i]!.ts < row.ts) i++;
      if (i < bars.length && bars[i]!.ts === row.ts) (bars[i] as Bar).spreadPts = row.pts;
    }
  }
}

/** The replay's bar source with each bar's data spread attached. */
export function withDataSpreads(store: Store, instrumentId: string, source: PlanBarSource): PlanBarSource {
  return {
    get periods() {
      return source.periods;
    },
    refresh() {
      source.refresh();
    },
    barsAfter(afterTs, limit, untilTs) {
      const bars = source.barsAfter(afterTs, limit, untilTs);
      attachSpreads(store, instrumentId, bars, source.periods);
      return bars;
    },
  };
}
