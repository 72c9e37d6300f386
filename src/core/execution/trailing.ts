/**
 * Trailing stops (ARCHITECTURE §2, "Trailing stop"). Invariant: a trailing stop only tightens and
 * never before the position is in profit: a long's SL rises to `bid - D` once that is above both
 * the entry and the current SL; a short's falls to `ask + D` likewise, mirrored on the ask.
 */
import type { Position } from './types';

/** Moves `p`'s SL after the tick at `bidPts`/`askPts`; returns whether it moved. */
export function trailStop(p: Position, bidPts: number, askPts: number): boolean {
  const d = p.trailingPts;
  if (d <= 0) return false;
  if (p.side === 'BUY') {
    const floor = p.slPts === null ? p.entryPts : Math.max(p.entryPts, p.slPts);
    if (bidPts - d > floor) {
      p.slPts = bidPts - d;
      return true;
    }
  } else {
    const ceiling = p.slPts === null ? p.entryPts : Math.min(p.entryPts, p.slPts);
    if (askPts + d < ceiling) {
      p.slPts = askPts + d;
      return true;
    }
  }
  return false;
}
