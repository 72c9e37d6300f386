import { bucketRange } from '../market/resample';
import { averageLossCents, averageWinCents } from './average-win-loss';
import { dailyReturns } from './daily-returns';
import { maxDrawdown } from './drawdown';
import { grossLossCents, grossProfitCents } from './gross';
import { largestLossCents, largestWinCents } from './largest-win-loss';
import { profitFactor } from './profit-factor';
import { sharpeRatio } from './sharpe';
import { tradeCounts } from './trade-counts';
import type { EquityPoint, TradeResult } from './types';
import { round } from './types';
import { winRatePct } from './win-rate';

export type PeriodType = 'daily' | 'weekly' | 'monthly';

/** Seed 001 PerformanceMetrics: one row per period (UTC; weeks start on Monday). */
export interface PeriodMetrics {
  metricType: PeriodType;
  /** UTC seconds, inclusive start and exclusive end. */
  periodStart: number;
  periodEnd: number;
  totalTrades: number;
  winningTrades: number;
  losingTrades: number;
  grossProfitCents: number;
  grossLossCents: number;
  netProfitCents: number;
  winRatePct: number | null;
  profitFactor: number | null;
  /** Peak-to-trough on equity within the period, cents. */
  maxDrawdownCents: number;
  avgWinCents: number | null;
  avgLossCents: number | null;
  largestWinCents: number | null;
  largestLossCents: number | null;
  /** Equity change over the period in % of the equity at its start (null without equity). */
  returnPct: number | null;
  /** Annualised Sharpe of the daily returns inside the period (null for a day, or < 2 days). */
  sharpeRatio: number | null;
}

/** Start and end (UTC seconds) of the period containing `ts`. */
export function periodBounds(ts: number, type: PeriodType): { start: number; end: number } {
  if (type !== 'monthly') {
    const [start, end] = bucketRange(ts, type === 'daily' ? 'D1' : 'W1');
    return { start, end };
  }
  const d = new Date(ts * 1000);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
  return { start, end };
}

/**
 * Period metrics for every period with a closed trade or an equity point, oldest first. Trades
 * count in the period they closed in; the return and drawdown come from the equity curve, the
 * period's opening equity being the last equity before it (`startEquityCents`, the opening
 * deposit, for the first; the first point's when that is not given).
 */
export function periodMetrics(
  type: PeriodType,
  trades: readonly TradeResult[],
  curve: readonly EquityPoint[],
  startEquityCents?: number,
): PeriodMetrics[] {
  // One pass to group, not a scan of every trade and point per period.
  const tradesOf = groupBy(trades, (t) => periodBounds(t.closedTs, type).start);
  const pointsOf = groupBy(curve, (p) => periodBounds(p.ts, type).start);
  const starts = [...new Set([...tradesOf.keys(), ...pointsOf.keys()])].sort((a, b) => a - b);
  const rows: PeriodMetrics[] = [];
  // Equity of the last point before the period (the curve is in time order).
  let before: number | undefined;
  for (const start of starts) {
    const { end } = periodBounds(start, type);
    const inPeriod = tradesOf.get(start) ?? [];
    const points = pointsOf.get(start) ?? [];
    const opening = before ?? startEquityCents ?? curve[0]?.equityCents ?? null;
    const closing = points.at(-1)?.equityCents ?? opening;
    if (points.length > 0) before = points.at(-1)!.equityCents;
    const gp = grossProfitCents(inPeriod);
    const gl = grossLossCents(inPeriod);
    const counts = tradeCounts(inPeriod);
    rows.push({
      metricType: type,
      periodStart: start,
      periodEnd: end,
      totalTrades: counts.trades,
      winningTrades: counts.wins,
      losingTrades: counts.losses,
      grossProfitCents: gp,
      grossLossCents: gl,
      netProfitCents: gp + gl,
      winRatePct: winRatePct(inPeriod),
      profitFactor: profitFactor(inPeriod),
      maxDrawdownCents: maxDrawdown(
        opening === null ? points : [{ ts: start, equityCents: opening }, ...points],
      ).amountCents,
      avgWinCents: averageWinCents(inPeriod),
      avgLossCents: averageLossCents(inPeriod),
      largestWinCents: largestWinCents(inPeriod),
      largestLossCents: largestLossCents(inPeriod),
      returnPct:
        opening !== null && closing !== null && opening > 0 ? round((closing / opening - 1) * 100) : null,
      sharpeRatio:
        type === 'daily' || opening === null
          ? null
          : sharpeRatio(dailyReturns(points, opening).map((r) => r.ret)),
    });
  }
  return rows;
}

function groupBy<T>(items: readonly T[], key: (item: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
