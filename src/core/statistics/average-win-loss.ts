import { roundHalfAway } from '../portfolio/money';
import type { TradeResult } from './types';

/** Mean result of the winning trades, whole cents; null with no win. */
export function averageWinCents(trades: readonly TradeResult[]): number | null {
  const wins = trades.filter((t) => t.realizedCents > 0);
  if (wins.length === 0) return null;
  return roundHalfAway(wins.reduce((s, t) => s + t.realizedCents, 0) / wins.length);
}

/** Mean result of the losing trades (negative), whole cents; null with no loss. */
export function averageLossCents(trades: readonly TradeResult[]): number | null {
  const losses = trades.filter((t) => t.realizedCents < 0);
  if (losses.length === 0) return null;
  return roundHalfAway(losses.reduce((s, t) => s + t.realizedCents, 0) / losses.length);
}
