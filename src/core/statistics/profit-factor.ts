import { grossLossCents, grossProfitCents } from './gross';
import type { TradeResult } from './types';

/** Gross profit / gross loss; null when there is no loss to divide by. */
export function profitFactor(trades: readonly TradeResult[]): number | null {
  const loss = -grossLossCents(trades);
  if (loss === 0) return null;
  return Math.round((grossProfitCents(trades) / loss) * 100) / 100;
}
