import type { TradeResult } from './types';

/** Best winning trade, cents; null with no win. */
export function largestWinCents(trades: readonly TradeResult[]): number | null {
  let best: number | null = null;
  for (const t of trades)
    if (t.realizedCents > 0 && (best === null || t.realizedCents > best)) best = t.realizedCents;
  return best;
}

/** Worst losing trade (negative), cents; null with no loss. */
export function largestLossCents(trades: readonly TradeResult[]): number | null {
  let worst: number | null = null;
  for (const t of trades)
    if (t.realizedCents < 0 && (worst === null || t.realizedCents < worst)) worst = t.realizedCents;
  return worst;
}
