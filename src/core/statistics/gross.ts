import type { TradeResult } from './types';

/** Sum of the winning trades' results, cents (>= 0). */
export function grossProfitCents(trades: readonly TradeResult[]): number {
  let sum = 0;
  for (const t of trades) if (t.realizedCents > 0) sum += t.realizedCents;
  return sum;
}

/** Sum of the losing trades' results, cents (<= 0: a loss is negative). */
export function grossLossCents(trades: readonly TradeResult[]): number {
  let sum = 0;
  for (const t of trades) if (t.realizedCents < 0) sum += t.realizedCents;
  return sum;
}
