/**
 * Fill model (ARCHITECTURE §2, "Fill price"). Invariants: candle prices are bids and a buy pays
 * the spread on top; slippage is never in the trader's favour and applies to market orders,
 * stops and SLs only. Touched inside a continuous segment a trigger fills at exactly its level;
 * crossed by a gap it fills at the far end of the gap (the bar's open), never at a price the
 * market skipped. The path itself is `tickPath`, walked by the engine.
 */
import type { OrderType } from './types';

/**
 * The bid at which a "bid >= level" trigger fills while bid moves from `from` to `to`; NaN when
 * it does not. Already at or past the level at `from` fills at `from`.
 */
export function bidAtOrAbove(level: number, from: number, to: number, gap: boolean): number {
  if (gap) return to >= level ? to : Number.NaN;
  if (from >= level) return from;
  if (to >= level) return level;
  return Number.NaN;
}

/** The bid at which a "bid <= level" trigger fills; NaN when it does not. */
export function bidAtOrBelow(level: number, from: number, to: number, gap: boolean): number {
  if (gap) return to <= level ? to : Number.NaN;
  if (from <= level) return from;
  if (to <= level) return level;
  return Number.NaN;
}

/** Price paid by a fill on the buy side (ask + slippage) or received on the sell side (bid - slippage). */
export function fillPricePts(buy: boolean, bidPts: number, spreadPts: number, slipPts: number): number {
  return buy ? bidPts + spreadPts + slipPts : bidPts - slipPts;
}

/** Slippage of a pending order's fill: stops slip, limits fill at their price. */
export function entrySlippagePts(type: OrderType, slippagePts: number): number {
  return type === 'STOP' ? slippagePts : 0;
}
