import { roundHalfAway } from '../portfolio/money';
import { averageR } from './r-multiple';
import type { Trade, TradeResult } from './types';

/** Mean net result per trade, whole cents; null with no trade. */
export function expectancyCents(trades: readonly TradeResult[]): number | null {
  if (trades.length === 0) return null;
  return roundHalfAway(trades.reduce((s, t) => s + t.realizedCents, 0) / trades.length);
}

/** Expectancy in R: the mean R-multiple of the trades with a stop-loss at entry; null if none. */
export function expectancyR(trades: readonly Pick<Trade, 'realizedCents' | 'riskCents'>[]): number | null {
  return averageR(trades);
}
