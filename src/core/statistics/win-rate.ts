import type { TradeResult } from './types';

/** Share of closed trades with a positive net result, in percent; null with no trades. */
export function winRatePct(trades: readonly TradeResult[]): number | null {
  if (trades.length === 0) return null;
  let wins = 0;
  for (const t of trades) if (t.realizedCents > 0) wins++;
  return Math.round((wins / trades.length) * 10_000) / 100;
}
