import { mean, TRADING_DAYS_PER_YEAR } from './sharpe';
import { round } from './types';

/**
 * Annualised Sortino ratio of daily returns: mean / downside deviation * sqrt(252), target 0.
 * Downside deviation = sqrt(sum(min(r, 0)^2) / n) over all n returns. Null with fewer than two
 * returns or no losing day (no downside to divide by).
 */
export function sortinoRatio(returns: readonly number[]): number | null {
  if (returns.length < 2) return null;
  const downside = Math.sqrt(returns.reduce((s, r) => s + Math.min(r, 0) ** 2, 0) / returns.length);
  if (downside === 0) return null;
  return round((mean(returns) / downside) * Math.sqrt(TRADING_DAYS_PER_YEAR), 4);
}
