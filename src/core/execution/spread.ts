/**
 * Variable spread (README "Spread"). Invariants: a bar's spread is the data's where the bar has
 * one (MT5's `<SPREAD>`), else the instrument's schedule when it has one, else the session's fixed
 * spread; the engine holds one spread per base bar and every fill, trigger and cost of that bar
 * uses it. The schedule is by UTC hour and weekday, widened around the rollover; its answer only
 * changes at an hour boundary or a rollover window's edge, so `SpreadPlan.at` caches it and a bar
 * costs one comparison.
 */
import type { RolloverClock } from './swap';

/** A per-instrument spread schedule, in points. */
export interface SpreadSchedule {
  /** Spread in each UTC hour of the day (24 values, hour 0 first). */
  hourPts: number[];
  /** Added on each UTC weekday (7 values, 0 Sunday … 6 Saturday); may be negative. */
  weekdayPts: number[];
  /** The spread within `rolloverMinutes` either side of the rollover, when wider than the hour's. */
  rolloverPts: number;
  rolloverMinutes: number;
}

const HOUR = 3600;
const DAY = 86_400;

/** Whether a schedule says anything (a null schedule, or one of all zeros, does not). */
export function hasSpreadSchedule(s: SpreadSchedule | null | undefined): s is SpreadSchedule {
  return !!s && (s.hourPts.some((v) => v !== 0) || s.rolloverPts !== 0);
}

/**
 * The scheduled spread at `ts`: the hour's points plus the weekday's (never below 0), widened to
 * `rolloverPts` from `rolloverMinutes` before a rollover to `rolloverMinutes` after it.
 * `validUntil` (when given) receives the first time the answer may change.
 */
export function scheduledSpreadPts(
  s: SpreadSchedule,
  ts: number,
  rollover: RolloverClock,
  validUntil?: { ts: number },
): number {
  const hour = Math.floor((((ts % DAY) + DAY) % DAY) / HOUR);
  const weekday = (Math.floor(ts / DAY) + 4) % 7;
  let pts = Math.max(0, (s.hourPts[hour] ?? 0) + (s.weekdayPts[(weekday + 7) % 7] ?? 0));
  let until = Math.floor(ts / HOUR) * HOUR + HOUR;
  const w = Math.max(0, s.rolloverMinutes) * 60;
  if (w > 0 && s.rolloverPts > 0) {
    // The first rollover whose window ends after ts: in it when its window has begun.
    const at = rollover.nextAfter(ts - w);
    if (at - w <= ts) {
      pts = Math.max(pts, s.rolloverPts);
      until = Math.min(until, at + w);
    } else {
      until = Math.min(until, at - w);
    }
  }
  if (validUntil) validUntil.ts = until;
  return pts;
}

/** Bars that may carry their own spread (points), as the replay reads them. */
export interface SpreadBar {
  ts: number;
  spreadPts?: number;
}

/** Chooses each bar's spread: the data's, the schedule's, or the session's fixed one. */
export class SpreadPlan {
  private from = Number.POSITIVE_INFINITY;
  private readonly until = { ts: Number.NEGATIVE_INFINITY };
  private cached = 0;

  constructor(
    readonly fixedPts: number,
    private readonly schedule: SpreadSchedule | null,
    private readonly rollover: RolloverClock,
  ) {}

  at(bar: SpreadBar): number {
    const data = bar.spreadPts;
    if (data !== undefined) return data;
    const s = this.schedule;
    if (s === null) return this.fixedPts;
    const ts = bar.ts;
    if (ts >= this.from && ts < this.until.ts) return this.cached;
    this.cached = scheduledSpreadPts(s, ts, this.rollover, this.until);
    this.from = ts;
    return this.cached;
  }
}
