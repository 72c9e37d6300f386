/**
 * Margin and open P&L (ARCHITECTURE §2, "Margin"). Invariant: margin is `units * price /
 * leverage` converted to the account currency at the fill price, and open P&L is what closing at
 * the current bid would realise, spread and entry slippage included, so equity never jumps when a
 * position closes without slippage. Amounts here are account currency, not cents: the caller rounds
 * once, where the ledger or the account state needs cents.
 */
import { type ConversionMode, quoteToAccount } from './money';

/** Units of the base currency in `lots`, rounded to a millionth so 0.1 * 100,000 is 10,000 exactly. */
export function unitsFor(lots: number, contractSize: number): number {
  return Math.round(lots * contractSize * 1e6) / 1e6;
}

/** Margin held for `units` at `pricePts`, account currency. */
export function marginFor(
  units: number,
  pricePts: number,
  scale: number,
  leverage: number,
  conversion: ConversionMode,
): number {
  const price = pricePts / scale;
  const quote = (units * price) / leverage;
  return quoteToAccount(quote, conversion, price);
}

/**
 * Open P&L of a position at bid `bidPts`, account currency: bid to bid, less the spread and the
 * entry slippage already paid. A short would exit at the ask, so it converts at the ask.
 */
export function openPnlAt(
  long: boolean,
  units: number,
  bidPts: number,
  entryBidPts: number,
  entrySlipPts: number,
  spreadPts: number,
  scale: number,
  conversion: ConversionMode,
): number {
  const dir = long ? 1 : -1;
  const quote = ((dir * (bidPts - entryBidPts) - spreadPts - entrySlipPts) * units) / scale;
  const exitPrice = long ? bidPts : bidPts + spreadPts;
  return quoteToAccount(quote, conversion, exitPrice / scale);
}

/** Equity / used margin in %, to two decimals; null with nothing held. */
export function marginLevelPct(equityCents: number, usedMarginCents: number): number | null {
  return usedMarginCents > 0 ? Math.round((equityCents / usedMarginCents) * 10_000) / 100 : null;
}
