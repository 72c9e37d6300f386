/**
 * Matching (ARCHITECTURE §2, "Triggers"): which resting order, SL or TP a price segment meets
 * first. Invariants: triggers are compared on the side they watch (buy orders and a short's exits
 * on the ask, the rest on the bid), translated to bid levels by the spread so a segment is one
 * bid range; the first level price reaches wins; at equal distance an exit beats an entry, any
 * position's SL beats any position's TP (so a stop-out or margin decision at that point sees the
 * loss first), and otherwise earlier positions and orders beat later ones (strict `<`), so the
 * result never depends on anything but the book's order.
 */
import { bidAtOrAbove, bidAtOrBelow } from './fill-model';
import type { Order, Position } from './types';

export const MATCH_NONE = 0;
export const MATCH_SL = 1;
export const MATCH_TP = 2;
export const MATCH_ORDER = 3;

/** The winner of a scan; one instance per engine, rewritten in place (no allocation per tick). */
export class Match {
  kind = MATCH_NONE;
  /** Index in `open` (SL, TP) or `pending` (ORDER). */
  index = -1;
  /** The bid at which it fills. */
  bidPts = 0;
}

/**
 * Scans the open positions' exits, then the pending orders, for the first trigger met while bid
 * moves from `from` to `to` (a gap when `gap`); writes it to `out` and returns its kind.
 */
export function nextMatch(
  open: readonly Position[],
  pending: readonly Order[],
  from: number,
  to: number,
  gap: boolean,
  spreadPts: number,
  out: Match,
): number {
  let bestKind = MATCH_NONE;
  let bestIndex = -1;
  let bestDist = Number.POSITIVE_INFINITY;
  let bestHit = 0;
  for (let i = 0; i < open.length; i++) {
    const p = open[i]!;
    const long = p.side === 'BUY';
    if (p.slPts !== null) {
      // Long SL: bid <= SL (sell stop). Short SL: ask >= SL, i.e. bid >= SL - spread.
      const level = long ? p.slPts : p.slPts - spreadPts;
      const hit = long ? bidAtOrBelow(level, from, to, gap) : bidAtOrAbove(level, from, to, gap);
      if (!Number.isNaN(hit)) {
        const dist = hit > from ? hit - from : from - hit;
        if (dist < bestDist || (dist === bestDist && bestKind === MATCH_TP)) {
          bestDist = dist;
          bestKind = MATCH_SL;
          bestIndex = i;
          bestHit = hit;
        }
      }
    }
    if (p.tpPts !== null) {
      // Long TP: bid >= TP (sell limit). Short TP: ask <= TP, i.e. bid <= TP - spread.
      const level = long ? p.tpPts : p.tpPts - spreadPts;
      const hit = long ? bidAtOrAbove(level, from, to, gap) : bidAtOrBelow(level, from, to, gap);
      if (!Number.isNaN(hit)) {
        const dist = hit > from ? hit - from : from - hit;
        if (dist < bestDist) {
          bestDist = dist;
          bestKind = MATCH_TP;
          bestIndex = i;
          bestHit = hit;
        }
      }
    }
  }
  for (let i = 0; i < pending.length; i++) {
    const o = pending[i]!;
    const price = o.pricePts!;
    let hit: number;
    if (o.side === 'BUY') {
      // Buy limit: ask <= P. Buy stop: ask >= P.
      hit =
        o.type === 'LIMIT'
          ? bidAtOrBelow(price - spreadPts, from, to, gap)
          : bidAtOrAbove(price - spreadPts, from, to, gap);
    } else {
      // Sell limit: bid >= P. Sell stop: bid <= P.
      hit = o.type === 'LIMIT' ? bidAtOrAbove(price, from, to, gap) : bidAtOrBelow(price, from, to, gap);
    }
    if (!Number.isNaN(hit)) {
      const dist = hit > from ? hit - from : from - hit;
      if (dist < bestDist) {
        bestDist = dist;
        bestKind = MATCH_ORDER;
        bestIndex = i;
        bestHit = hit;
      }
    }
  }
  out.kind = bestKind;
  out.index = bestIndex;
  out.bidPts = bestHit;
  return bestKind;
}

/**
 * The bid band inside which no resting trigger can fire: every "bid <= level" trigger (a long's
 * SL, a short's TP, buy limits, sell stops) lies at or below `low`, every "bid >= level" trigger at
 * or above `high`. A bar whose whole range lies strictly inside it meets nothing on any segment of
 * its path (a gap fills only at the open, which is inside the range), so the engine walks its
 * ticks without scanning the book. Mark it dirty after anything that changes the book.
 */
export class TriggerBand {
  dirty = true;
  low = Number.NEGATIVE_INFINITY;
  high = Number.POSITIVE_INFINITY;
  private spreadPts = Number.NaN;

  /** True when no trigger can fire anywhere in [lo, hi] at `spreadPts`. */
  contains(
    open: readonly Position[],
    pending: readonly Order[],
    lo: number,
    hi: number,
    spreadPts: number,
  ): boolean {
    this.settle(open, pending, spreadPts);
    return lo > this.low && hi < this.high;
  }

  /** Brings `low` and `high` up to date with the book at `spreadPts`. */
  settle(open: readonly Position[], pending: readonly Order[], spreadPts: number): void {
    if (this.dirty || spreadPts !== this.spreadPts) this.recompute(open, pending, spreadPts);
  }

  private recompute(open: readonly Position[], pending: readonly Order[], spreadPts: number): void {
    let low = Number.NEGATIVE_INFINITY;
    let high = Number.POSITIVE_INFINITY;
    for (let i = 0; i < open.length; i++) {
      const p = open[i]!;
      const long = p.side === 'BUY';
      if (p.slPts !== null) {
        if (long) low = Math.max(low, p.slPts);
        else high = Math.min(high, p.slPts - spreadPts);
      }
      if (p.tpPts !== null) {
        if (long) high = Math.min(high, p.tpPts);
        else low = Math.max(low, p.tpPts - spreadPts);
      }
    }
    for (let i = 0; i < pending.length; i++) {
      const o = pending[i]!;
      const price = o.pricePts!;
      // Buy limits and sell stops wait for bid to fall to their level; the others for it to rise.
      const below = (o.side === 'BUY') === (o.type === 'LIMIT');
      const level = o.side === 'BUY' ? price - spreadPts : price;
      if (below) low = Math.max(low, level);
      else high = Math.min(high, level);
    }
    this.low = low;
    this.high = high;
    this.spreadPts = spreadPts;
    this.dirty = false;
  }
}
