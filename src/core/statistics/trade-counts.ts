import type { Trade, TradeResult } from './types';

export interface TradeCounts {
  trades: number;
  long: number;
  short: number;
  /** Result > 0. */
  wins: number;
  /** Result < 0. */
  losses: number;
  /** Result exactly 0 (neither a win nor a loss). */
  breakeven: number;
}

/** How many trades, by side and by outcome. */
export function tradeCounts(trades: readonly (TradeResult & Partial<Pick<Trade, 'side'>>)[]): TradeCounts {
  const c: TradeCounts = { trades: trades.length, long: 0, short: 0, wins: 0, losses: 0, breakeven: 0 };
  for (const t of trades) {
    if (t.side === 'BUY') c.long++;
    else if (t.side === 'SELL') c.short++;
    if (t.realizedCents > 0) c.wins++;
    else if (t.realizedCents < 0) c.losses++;
    else c.breakeven++;
  }
  return c;
}
