import { averageLossCents, averageWinCents } from './average-win-loss';
import { type BreakdownRow, byHour, bySide, byTag, byWeekday } from './breakdown';
import { maxConsecutive } from './consecutive';
import { type CostsPaid, costsPaid } from './costs';
import { dailyReturns } from './daily-returns';
import { maxDrawdown } from './drawdown';
import { expectancyCents, expectancyR } from './expectancy';
import { grossLossCents, grossProfitCents } from './gross';
import { averageHoldingSeconds, medianHoldingSeconds } from './holding-time';
import { largestLossCents, largestWinCents } from './largest-win-loss';
import { cashFlowCents, netProfitCents } from './net-profit';
import { type PathBand, pathBand } from './path-band';
import { type PeriodMetrics, periodMetrics } from './period-metrics';
import { profitFactor } from './profit-factor';
import { averageR, rMultiples } from './r-multiple';
import { recoveryFactor } from './recovery-factor';
import { returnPct } from './return-pct';
import { sharpeRatio } from './sharpe';
import { sortinoRatio } from './sortino';
import { sqn } from './sqn';
import { tradeCounts } from './trade-counts';
import type { EquityPoint, Trade } from './types';
import { winRatePct } from './win-rate';

/**
 * Every metric of a session. Money in cents, times in UTC seconds. A metric that is undefined
 * for the data (no trade, no loss to divide by, fewer than two returns) is null, never NaN or
 * Infinity.
 */
export interface PerformanceSummary {
  initialBalanceCents: number;
  finalBalanceCents: number;
  finalEquityCents: number;
  cashFlowCents: number;
  netProfitCents: number;
  grossProfitCents: number;
  grossLossCents: number;
  returnPct: number | null;
  trades: number;
  longTrades: number;
  shortTrades: number;
  wins: number;
  losses: number;
  breakeven: number;
  winRatePct: number | null;
  profitFactor: number | null;
  expectancyCents: number | null;
  expectancyR: number | null;
  averageWinCents: number | null;
  averageLossCents: number | null;
  largestWinCents: number | null;
  largestLossCents: number | null;
  maxConsecutiveWins: number;
  maxConsecutiveLosses: number;
  maxDrawdownCents: number;
  maxDrawdownPct: number;
  maxDrawdownPeakTs: number | null;
  maxDrawdownTroughTs: number | null;
  maxDrawdownRecoveredTs: number | null;
  recoveryFactor: number | null;
  sharpeRatio: number | null;
  sortinoRatio: number | null;
  sqn: number | null;
  averageHoldingSeconds: number | null;
  medianHoldingSeconds: number | null;
  averageR: number | null;
  tradesWithR: number;
  costs: CostsPaid;
  byWeekday: BreakdownRow[];
  byHour: BreakdownRow[];
  bySide: BreakdownRow[];
  byTag: BreakdownRow[];
  periods: { daily: PeriodMetrics[]; weekly: PeriodMetrics[]; monthly: PeriodMetrics[] };
  /** Flagged trades and the best-case / worst-case band of the metrics they change. */
  pathBand: PathBand;
}

export interface PerformanceInput {
  /** Closed positions (CLOSED and LIQUIDATED), each a trade. */
  trades: readonly Trade[];
  /** The whole ledger in `seq` order; seq 1 is the opening deposit. */
  ledger: readonly {
    seq: number;
    ts: number;
    type: string;
    amountCents: number;
    balanceAfterCents: number;
  }[];
  /** The equity curve (see equityCurve), full resolution. */
  curve: readonly EquityPoint[];
  initialBalanceCents: number;
  finalBalanceCents: number;
  /** Equity at the cursor (balance plus open positions); defaults to the final balance. */
  finalEquityCents?: number;
}

/** Composes the one-metric functions into the session's summary (nothing is computed here). */
export function performanceSummary(input: PerformanceInput): PerformanceSummary {
  const { trades, ledger, curve } = input;
  const flows = cashFlowCents(ledger);
  const net = netProfitCents(input.initialBalanceCents, input.finalBalanceCents, flows);
  const counts = tradeCounts(trades);
  const dd = maxDrawdown(curve);
  const returns = dailyReturns(curve, input.initialBalanceCents).map((r) => r.ret);
  const streaks = maxConsecutive(trades);
  return {
    initialBalanceCents: input.initialBalanceCents,
    finalBalanceCents: input.finalBalanceCents,
    finalEquityCents: input.finalEquityCents ?? input.finalBalanceCents,
    cashFlowCents: flows,
    netProfitCents: net,
    grossProfitCents: grossProfitCents(trades),
    grossLossCents: grossLossCents(trades),
    returnPct: returnPct(net, input.initialBalanceCents),
    trades: counts.trades,
    longTrades: counts.long,
    shortTrades: counts.short,
    wins: counts.wins,
    losses: counts.losses,
    breakeven: counts.breakeven,
    winRatePct: winRatePct(trades),
    profitFactor: profitFactor(trades),
    expectancyCents: expectancyCents(trades),
    expectancyR: expectancyR(trades),
    averageWinCents: averageWinCents(trades),
    averageLossCents: averageLossCents(trades),
    largestWinCents: largestWinCents(trades),
    largestLossCents: largestLossCents(trades),
    maxConsecutiveWins: streaks.wins,
    maxConsecutiveLosses: streaks.losses,
    maxDrawdownCents: dd.amountCents,
    maxDrawdownPct: dd.pct,
    maxDrawdownPeakTs: dd.peakTs,
    maxDrawdownTroughTs: dd.troughTs,
    maxDrawdownRecoveredTs: dd.recoveredTs,
    recoveryFactor: recoveryFactor(net, dd.amountCents),
    sharpeRatio: sharpeRatio(returns),
    sortinoRatio: sortinoRatio(returns),
    sqn: sqn(trades),
    averageHoldingSeconds: averageHoldingSeconds(trades),
    medianHoldingSeconds: medianHoldingSeconds(trades),
    averageR: averageR(trades),
    tradesWithR: rMultiples(trades).length,
    costs: costsPaid(ledger),
    byWeekday: byWeekday(trades),
    byHour: byHour(trades),
    bySide: bySide(trades),
    byTag: byTag(trades),
    periods: {
      daily: periodMetrics('daily', trades, curve, input.initialBalanceCents),
      weekly: periodMetrics('weekly', trades, curve, input.initialBalanceCents),
      monthly: periodMetrics('monthly', trades, curve, input.initialBalanceCents),
    },
    pathBand: pathBand(trades, net),
  };
}
