/**
 * MAE / MFE of one trade (issue 15; not yet wired into the report): how far price went against and
 * for it between entry and exit, computed after the fact from the base bars the trade was open
 * over (the entry bar to the exit bar, both whole), never tracked in the engine's bar loop. Both
 * sides are measured on the bid from the entry bid, so spread and slippage stay out of it.
 */

/** A base bar's bid range. */
export interface BarRange {
  high: number;
  low: number;
}

export interface Excursion {
  /** Maximum adverse / favourable excursion in price (>= 0). */
  maePrice: number;
  mfePrice: number;
  /** The same in account money, cents (>= 0). */
  maeCents: number;
  mfeCents: number;
  /** The same in R (of the initial risk); null without a stop loss at entry. */
  maeR: number | null;
  mfeR: number | null;
  /** The share of the MFE the exit kept, %: `dir × (exit_bid − entry_bid) / MFE`; null when MFE is 0. */
  exitEfficiencyPct: number | null;
}

/**
 * `centsPerPrice`: cents of the account currency one unit of price is worth for the trade's size
 * (units, converted); `riskCents` the initial risk, or null.
 */
export function tradeExcursion(
  trade: { side: 'BUY' | 'SELL'; entryBid: number; exitBid: number },
  bars: readonly BarRange[],
  centsPerPrice: number,
  riskCents: number | null,
): Excursion {
  const long = trade.side === 'BUY';
  let high = Math.max(trade.entryBid, trade.exitBid);
  let low = Math.min(trade.entryBid, trade.exitBid);
  for (const b of bars) {
    if (b.high > high) high = b.high;
    if (b.low < low) low = b.low;
  }
  const clean = (v: number) => Math.round(v * 1e10) / 1e10;
  const maePrice = clean(long ? trade.entryBid - low : high - trade.entryBid);
  const mfePrice = clean(long ? high - trade.entryBid : trade.entryBid - low);
  const maeCents = Math.round(maePrice * centsPerPrice);
  const mfeCents = Math.round(mfePrice * centsPerPrice);
  const kept = (long ? 1 : -1) * (trade.exitBid - trade.entryBid);
  const r = (cents: number) =>
    riskCents && riskCents > 0 ? Math.round((cents / riskCents) * 100) / 100 : null;
  return {
    maePrice,
    mfePrice,
    maeCents,
    mfeCents,
    maeR: r(maeCents),
    mfeR: r(mfeCents),
    exitEfficiencyPct: mfePrice > 0 ? Math.round((kept / mfePrice) * 10_000) / 100 : null,
  };
}
