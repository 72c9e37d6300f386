import type { TradeResult } from './types';

/**
 * Longest runs of wins and of losses, in closing order (ties keep the given order).
 * A break-even trade (result 0) ends both runs.
 */
export function maxConsecutive(trades: readonly TradeResult[]): { wins: number; losses: number } {
  const ordered = trades.map((t, i) => ({ t, i })).sort((a, b) => a.t.closedTs - b.t.closedTs || a.i - b.i);
  let wins = 0;
  let losses = 0;
  let runW = 0;
  let runL = 0;
  for (const { t } of ordered) {
    runW = t.realizedCents > 0 ? runW + 1 : 0;
    runL = t.realizedCents < 0 ? runL + 1 : 0;
    if (runW > wins) wins = runW;
    if (runL > losses) losses = runL;
  }
  return { wins, losses };
}
