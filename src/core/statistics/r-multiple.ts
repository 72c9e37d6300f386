import { toCents } from '../portfolio/money';
import type { Trade } from './types';
import { round } from './types';

type RTrade = Pick<Trade, 'realizedCents' | 'riskCents'>;

/**
 * R-multiple of one trade: its net result divided by its initial risk (the money the stop-loss
 * at entry would have lost). Null for a trade without a stop-loss at entry.
 */
export function rMultiple(trade: RTrade): number | null {
  if (trade.riskCents === null || trade.riskCents <= 0) return null;
  return trade.realizedCents / trade.riskCents;
}

/** R-multiples of the trades that have one, in the given order. */
export function rMultiples(trades: readonly RTrade[]): number[] {
  const out: number[] = [];
  for (const t of trades) {
    const r = rMultiple(t);
    if (r !== null) out.push(r);
  }
  return out;
}

/** Mean R-multiple of the trades with a stop-loss at entry; null when none had one. */
export function averageR(trades: readonly RTrade[]): number | null {
  const rs = rMultiples(trades);
  if (rs.length === 0) return null;
  return round(rs.reduce((s, r) => s + r, 0) / rs.length, 4);
}

/**
 * Risk in cents of a position at entry: |entry - stop| * units, converted to account currency by
 * `toAccount` (quote amount -> account amount). Null without a stop-loss.
 */
export function initialRiskCents(
  entryPrice: number,
  slPrice: number | null,
  units: number,
  toAccount: (quoteAmount: number) => number,
): number | null {
  if (slPrice === null) return null;
  const cents = toCents(toAccount(Math.abs(entryPrice - slPrice) * units));
  return cents > 0 ? cents : null;
}
