import { TIMEFRAME_SECONDS, type Timeframe } from './timeframes';

/**
 * Which data the engine replays at each time. An instrument may have M1 for one stretch and only
 * H1 for another (or both overlapping); the replay walks the finest data at each time, so its base
 * changes from one period to the next.
 *
 * Invariants kept here (the replay relies on them):
 * - periods are half-open `[fromTs, toTs)`, sorted, and never overlap, so a bar (selected by its
 *   open time) belongs to at most one period and is never replayed twice;
 * - where a finer period meets a coarser one, the boundary sits on a bar boundary of the coarser
 *   data: a coarser bar the finer data covers only in part is replayed whole, and the finer bars
 *   inside it are left out. No time is skipped and no time is counted twice.
 */

/** A stretch of stored data: one dataset, its timeframe and its first and last bar open times. */
export interface BaseSource {
  id: string;
  timeframe: Timeframe;
  startTs: number;
  endTs: number;
}

/** A period replayed on one source's bars: those with `fromTs <= ts < toTs`. */
export interface BasePeriod {
  sourceId: string;
  timeframe: Timeframe;
  fromTs: number;
  toTs: number;
}

/** Open time of the source's last bar at or before `ts`, or null when it has none there. */
export type BarStartAtOrBefore = (source: BaseSource, ts: number) => number | null;

const seconds = (tf: Timeframe) => TIMEFRAME_SECONDS[tf];

/**
 * The base periods of a set of sources: the finest source covering each time (a source covers
 * its first bar's open to its last bar's close), with the boundaries moved onto the coarser data's
 * bar boundaries. `barStartAtOrBefore` finds the coarser bar around a boundary.
 */
export function basePeriods(
  sources: readonly BaseSource[],
  barStartAtOrBefore: BarStartAtOrBefore,
): BasePeriod[] {
  const ranked = [...sources].sort(
    (a, b) => seconds(a.timeframe) - seconds(b.timeframe) || a.startTs - b.startTs || (a.id < b.id ? -1 : 1),
  );
  const end = (s: BaseSource) => s.endTs + seconds(s.timeframe);
  const cuts = [...new Set(ranked.flatMap((s) => [s.startTs, end(s)]))].sort((a, b) => a - b);
  const byId = new Map(ranked.map((s) => [s.id, s]));

  let periods: BasePeriod[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const from = cuts[i]!;
    const to = cuts[i + 1]!;
    const finest = ranked.find((s) => s.startTs <= from && end(s) >= to);
    if (!finest) continue;
    const last = periods[periods.length - 1];
    if (last && last.sourceId === finest.id && last.toTs === from) last.toTs = to;
    else periods.push({ sourceId: finest.id, timeframe: finest.timeframe, fromTs: from, toTs: to });
  }

  for (let i = 0; i + 1 < periods.length; i++) {
    const p = periods[i]!;
    const q = periods[i + 1]!;
    if (p.toTs !== q.fromTs) continue;
    const t = p.toTs;
    if (seconds(q.timeframe) > seconds(p.timeframe)) {
      // Back to coarser data: the coarser bar holding t is replayed whole, from its open.
      const start = barStartAtOrBefore(byId.get(q.sourceId)!, t);
      if (start !== null && start < t && start + seconds(q.timeframe) > t) {
        const at = Math.max(start, p.fromTs);
        p.toTs = at;
        q.fromTs = at;
      }
    } else if (seconds(q.timeframe) < seconds(p.timeframe)) {
      // On to finer data: the coarser bar holding t is replayed whole, the finer data follows it.
      const start = barStartAtOrBefore(byId.get(p.sourceId)!, t - 1);
      if (start !== null && start + seconds(p.timeframe) > t) {
        const at = Math.min(start + seconds(p.timeframe), q.toTs);
        p.toTs = at;
        q.fromTs = at;
      }
    }
  }
  periods = periods.filter((p) => p.toTs > p.fromTs);
  const merged: BasePeriod[] = [];
  for (const p of periods) {
    const last = merged[merged.length - 1];
    if (last && last.sourceId === p.sourceId && last.toTs === p.fromTs) last.toTs = p.toTs;
    else merged.push({ ...p });
  }
  return merged;
}

/** The period holding `ts`, or undefined when no data covers that time. */
export function periodAt(periods: readonly BasePeriod[], ts: number): BasePeriod | undefined {
  return periods.find((p) => p.fromTs <= ts && ts < p.toTs);
}
