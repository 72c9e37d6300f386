import type { Trade } from './types';

type Held = Pick<Trade, 'openedTs' | 'closedTs'>;

/** Mean time in the market per trade, whole seconds; null with no trade. */
export function averageHoldingSeconds(trades: readonly Held[]): number | null {
  if (trades.length === 0) return null;
  return Math.round(trades.reduce((s, t) => s + (t.closedTs - t.openedTs), 0) / trades.length);
}

/** Median time in the market (mean of the two middle ones for an even count), seconds; null if none. */
export function medianHoldingSeconds(trades: readonly Held[]): number | null {
  if (trades.length === 0) return null;
  const d = trades.map((t) => t.closedTs - t.openedTs).sort((a, b) => a - b);
  const mid = Math.floor(d.length / 2);
  return d.length % 2 === 1 ? d[mid]! : Math.round((d[mid - 1]! + d[mid]!) / 2);
}
