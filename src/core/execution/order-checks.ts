/**
 * Pre-trade checks. Invariant: an order the engine accepts can neither fill at once by mistake
 * (a limit or stop on the wrong side of the market, an SL or TP already crossed) nor leave free
 * margin below zero; every refusal is a reason the trader can read, returned as a value.
 */
import { fromPoints, toPoints } from './instrument';
import type { Side } from './types';

/**
 * Lots the instrument can trade: at least its minimum lot and a whole number of lot steps (a
 * 0.001-lot order would round its commission to nothing). `what` names the lots in the message.
 */
export function lotsError(lots: number, minLot: number, lotStep: number, what = 'Lots'): string | null {
  if (!(lots > 0)) return `${what} must be positive`;
  if (lots < minLot - 1e-9) return `${what} ${lots} is below this instrument's minimum of ${minLot} lots`;
  const steps = lots / lotStep;
  if (Math.abs(steps - Math.round(steps)) > 1e-6) {
    return `${what} ${lots} is not a multiple of this instrument's lot step of ${lotStep}`;
  }
  return null;
}

/** A limit must sit below the market for a buy (above for a sell), a stop the other way. */
export function priceSideError(
  side: Side,
  type: string,
  pricePts: number,
  bidPts: number,
  askPts: number,
  scale: number,
): string | null {
  const long = side === 'BUY';
  const ref = long ? askPts : bidPts;
  const wantBelow = (type === 'LIMIT') === long;
  if (wantBelow ? pricePts < ref : pricePts > ref) return null;
  return `A ${describe(side, type)} must be ${wantBelow ? 'below' : 'above'} the current ${long ? 'ask' : 'bid'} ${fromPoints(ref, scale)}`;
}

/**
 * SL/TP sanity: where they would not trigger at once. Against the order price for pending orders;
 * against the exit price now (bid for a long, ask for a short) for market orders and positions.
 */
export function levelsError(
  side: Side,
  pricePts: number | null,
  slPts: number | null,
  tpPts: number | null,
  bidPts: number,
  askPts: number,
  scale: number,
): string | null {
  const long = side === 'BUY';
  const ref = pricePts ?? (long ? bidPts : askPts);
  const refName = pricePts !== null ? 'the order price' : long ? 'the current bid' : 'the current ask';
  if (slPts !== null) {
    if (slPts <= 0) return 'The stop-loss must be a positive price';
    if (long && !(slPts < ref))
      return `A buy's stop-loss ${fromPoints(slPts, scale)} must be below ${refName} ${fromPoints(ref, scale)}`;
    if (!long && !(slPts > ref))
      return `A sell's stop-loss ${fromPoints(slPts, scale)} must be above ${refName} ${fromPoints(ref, scale)}`;
  }
  if (tpPts !== null) {
    if (tpPts <= 0) return 'The take-profit must be a positive price';
    if (long && !(tpPts > ref))
      return `A buy's take-profit ${fromPoints(tpPts, scale)} must be above ${refName} ${fromPoints(ref, scale)}`;
    if (!long && !(tpPts < ref))
      return `A sell's take-profit ${fromPoints(tpPts, scale)} must be below ${refName} ${fromPoints(ref, scale)}`;
  }
  return null;
}

/** An SL or TP given as a price wins over one given in pips from the reference entry. */
export function priceOrPips(
  price: number | null | undefined,
  pips: number | null | undefined,
  entryPts: number,
  sign: number,
  scale: number,
  pipPts: number,
): number | null {
  if (price !== undefined && price !== null) return toPoints(price, scale);
  if (pips !== undefined && pips !== null) return entryPts + sign * pips * pipPts;
  return null;
}

/** At placing: the order's margin must fit in the free margin (account currency). */
export function marginError(margin: number, freeMargin: number, currency = ''): string | null {
  if (freeMargin - margin < 0) {
    return `Not enough free margin: this order needs ${fmt(margin, currency)} of margin and ${fmt(freeMargin, currency)} is free`;
  }
  return null;
}

/**
 * At a pending order's fill: equity may have fallen since placing, so the margin is checked again
 * at the fill price (account currency, not cents: the tick's equity is not rounded).
 */
export function fillMarginError(
  margin: number,
  equity: number,
  usedMargin: number,
  currency = '',
): string | null {
  if (equity - usedMargin - margin < 0) {
    return `Not enough free margin when the order filled: it needs ${fmt(margin, currency)} of margin and ${fmt(equity - usedMargin, currency)} was free`;
  }
  return null;
}

function describe(side: Side, type: string): string {
  return `${side.toLowerCase()} ${type.toLowerCase()}`;
}

/**
 * An account-currency amount as the messages show it: two decimals, thousands grouped, and the
 * currency when given ("1,040,950.00 USD"), never a bare "1040950.00".
 */
export function fmt(amount: number, currency = ''): string {
  const [whole, cents] = Math.abs(amount).toFixed(2).split('.');
  const grouped = whole!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${amount < 0 ? '-' : ''}${grouped}.${cents}${currency ? ` ${currency}` : ''}`;
}
