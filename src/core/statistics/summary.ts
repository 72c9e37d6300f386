import { maxDrawdownCents } from './max-drawdown';
import { profitFactor } from './profit-factor';
import type { BalancePoint, ClosedTrade } from './types';
import { winRatePct } from './win-rate';

export interface ReplaySummary {
  trades: number;
  wins: number;
  losses: number;
  winRatePct: number | null;
  profitFactor: number | null;
  netProfitCents: number;
  maxDrawdownCents: number;
  initialBalanceCents: number;
  finalBalanceCents: number;
}

/**
 * The end-of-replay summary: counts and a few headline metrics from the closed trades and ledger.
 * `cashFlowCents` is what the trader added or took out after the opening deposit (deposits,
 * withdrawals, adjustments): it moves the balance but is not profit.
 */
export function replaySummary(
  trades: readonly ClosedTrade[],
  balance: readonly BalancePoint[],
  initialBalanceCents: number,
  finalBalanceCents: number,
  cashFlowCents = 0,
): ReplaySummary {
  let wins = 0;
  let losses = 0;
  for (const t of trades) {
    if (t.realizedCents > 0) wins++;
    else losses++;
  }
  return {
    trades: trades.length,
    wins,
    losses,
    winRatePct: winRatePct(trades),
    profitFactor: profitFactor(trades),
    netProfitCents: finalBalanceCents - initialBalanceCents - cashFlowCents,
    maxDrawdownCents: maxDrawdownCents(balance),
    initialBalanceCents,
    finalBalanceCents,
  };
}
