/**
 * Stop-out (ARCHITECTURE §2, "Margin"). Invariant: when `equity / used margin` is at or below the
 * stop-out level at a tick, everything is liquidated at that tick; the fast path below only ever
 * skips ticks where the exact check would certainly pass, so it decides nothing on its own.
 */
import { unitsFor } from '../portfolio/margin';
import type { ConversionMode } from '../portfolio/money';
import type { Position } from './types';

/** The exact rule: stopped out when the margin level is not above `stopOutPct`. */
export function isStoppedOut(equity: number, usedMargin: number, stopOutPct: number): boolean {
  return !((equity / usedMargin) * 100 > stopOutPct);
}

/**
 * The bid range (points) in which the margin level is certainly above the stop-out. For
 * quote-currency and fixed-rate conversions equity is linear in the bid, `equity = A * bid + B`,
 * so the stop-out bites where `A * bid + B <= used * pct / 100`; the range stops one point short
 * of that boundary so the exact check decides every borderline. Mark it dirty after anything that
 * moves equity or margin other than the price (a fill, a close, a ledger post).
 */
export class StopOutGuard {
  dirty = true;
  low = Number.POSITIVE_INFINITY;
  high = Number.NEGATIVE_INFINITY;

  recompute(
    open: readonly Position[],
    balanceCents: number,
    conversion: ConversionMode,
    spreadPts: number,
    scale: number,
    contractSize: number,
    stopOutPct: number,
  ): void {
    this.dirty = false;
    this.low = Number.POSITIVE_INFINITY;
    this.high = Number.NEGATIVE_INFINITY;
    // Equity is not linear in the bid when amounts divide by the price: always check exactly.
    if (conversion.kind === 'base') return;
    const rate = conversion.kind === 'rate' ? conversion.rate : 1;
    let a = 0;
    let b = balanceCents / 100;
    let used = 0;
    for (let i = 0; i < open.length; i++) {
      const p = open[i]!;
      const units = unitsFor(p.lots, contractSize);
      const dir = p.side === 'BUY' ? 1 : -1;
      a += (dir * units * rate) / scale;
      // A long paid its entry bar's spread; a short would pay the current one (variable spread).
      const spread = dir === 1 ? p.entryPts - p.entryBidPts - p.entrySlipPts : spreadPts;
      b += ((-dir * p.entryBidPts - spread - p.entrySlipPts) * units * rate) / scale;
      used += p.margin;
    }
    if (used <= 0) {
      this.low = Number.NEGATIVE_INFINITY;
      this.high = Number.POSITIVE_INFINITY;
      return;
    }
    const target = (used * stopOutPct) / 100;
    if (a > 0) {
      this.low = (target - b) / a + 1;
      this.high = Number.POSITIVE_INFINITY;
    } else if (a < 0) {
      this.low = Number.NEGATIVE_INFINITY;
      this.high = (target - b) / a - 1;
    } else if (b > target + 1e-6) {
      this.low = Number.NEGATIVE_INFINITY;
      this.high = Number.POSITIVE_INFINITY;
    }
  }
}
