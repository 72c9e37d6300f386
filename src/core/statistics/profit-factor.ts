import type { ClosedTrade } from './types';

/** Gross profit / gross loss; null when there is no loss to divide by. */
export function profitFactor(trades: readonly ClosedTrade[]): number | null {
  let profit = 0;
  let loss = 0;
  for (const t of trades) {
    if (t.realizedCents > 0) profit += t.realizedCents;
    else loss -= t.realizedCents;
  }
  if (loss === 0) return null;
  return Math.round((profit / loss) * 100) / 100;
}
