/**
 * Money helpers. Ledger amounts are integers in cents of the account currency; every amount is
 * rounded once, half away from zero, with a tiny tolerance so float noise (12.4999999) never
 * decides a cent.
 */
export function toCents(amount: number): number {
  return roundHalfAway(amount * 100);
}

/** A count of cents (an average, a share) to whole cents by the same rule as `toCents`. */
export function roundHalfAway(cents: number): number {
  const rounded = Math.round(Math.abs(cents) + 1e-7);
  return cents < 0 ? -rounded : rounded;
}

/** How quote-currency amounts turn into account currency. */
export type ConversionMode =
  /** Quote currency is the account currency (EURUSD on a USD account): factor 1. */
  | { kind: 'quote' }
  /** Base currency is the account currency (USDJPY on a USD account): divide by the price. */
  | { kind: 'base' }
  /** A cross (EURGBP on a USD account): multiply by a configured quote-to-account rate. */
  | { kind: 'rate'; rate: number };

export function conversionMode(
  baseCurrency: string,
  quoteCurrency: string,
  accountCurrency: string,
  rate: number | null,
): ConversionMode | null {
  if (quoteCurrency === accountCurrency) return { kind: 'quote' };
  if (baseCurrency === accountCurrency) return { kind: 'base' };
  if (rate !== null && rate > 0) return { kind: 'rate', rate };
  return null;
}

/** Converts a quote-currency amount to account currency at `price` (used for the base case). */
export function quoteToAccount(amount: number, mode: ConversionMode, price: number): number {
  if (mode.kind === 'quote') return amount;
  if (mode.kind === 'base') return amount / price;
  return amount * mode.rate;
}
