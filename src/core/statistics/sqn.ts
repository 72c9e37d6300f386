import { rMultiples } from './r-multiple';
import { mean, sampleStdev } from './sharpe';
import type { Trade } from './types';
import { round } from './types';

/**
 * System Quality Number (Van Tharp): sqrt(N) * mean(R) / stdev(R) over the N trades that have an
 * R-multiple (a stop-loss at entry). Null with fewer than two such trades or no variation.
 */
export function sqn(trades: readonly Pick<Trade, 'realizedCents' | 'riskCents'>[]): number | null {
  const rs = rMultiples(trades);
  if (rs.length < 2) return null;
  const sd = sampleStdev(rs);
  if (sd === 0) return null;
  return round((Math.sqrt(rs.length) * mean(rs)) / sd, 4);
}
