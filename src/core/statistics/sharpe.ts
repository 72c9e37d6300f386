import { round } from './types';

/** Trading days per year used to annualise daily ratios. */
export const TRADING_DAYS_PER_YEAR = 252;

export function mean(values: readonly number[]): number {
  return values.reduce((s, v) => s + v, 0) / values.length;
}

/** Sample standard deviation (n - 1); 0 for fewer than two values. */
export function sampleStdev(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const m = mean(values);
  return Math.sqrt(values.reduce((s, v) => s + (v - m) ** 2, 0) / (values.length - 1));
}

/**
 * Annualised Sharpe ratio of daily returns: mean / sample stdev * sqrt(252), risk-free rate 0.
 * Null with fewer than two returns or no variation.
 */
export function sharpeRatio(returns: readonly number[]): number | null {
  if (returns.length < 2) return null;
  const sd = sampleStdev(returns);
  if (sd === 0) return null;
  return round((mean(returns) / sd) * Math.sqrt(TRADING_DAYS_PER_YEAR), 4);
}
