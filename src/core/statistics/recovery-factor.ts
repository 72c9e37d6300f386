import { round } from './types';

/** Net profit / max drawdown (money); null when there was no drawdown. */
export function recoveryFactor(netProfitCents: number, maxDrawdownCents: number): number | null {
  if (maxDrawdownCents <= 0) return null;
  return round(netProfitCents / maxDrawdownCents);
}
