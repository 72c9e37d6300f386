/**
 * Fee model (ARCHITECTURE §2, "Costs and ledger"). Invariant: every cost is a non-positive whole
 * number of cents, rounded once from the exact quote-currency amount: commission at every fill
 * (`-commission_per_fill * lots`), the spread once per round trip on close (`-spread * units`),
 * and both legs' slippage on close (`-(entry_slip + exit_slip) * units`).
 *
 * Costs are negated as `0 - x`, not `-x`: a zero cost must be +0, since one -0 added into a
 * position's cents fields turns them into boxed doubles for every position after it (V8 keeps
 * one field representation per shape), which costs allocations and deoptimisations per trade.
 */
import { type ConversionMode, quoteToAccount, toCents } from '../portfolio/money';

/** Commission of one fill, cents (negative, or 0). The epsilon keeps 3.50 * 0.1 from rounding down. */
export function commissionCents(commissionPerLotCents: number, lots: number): number {
  return 0 - Math.round(commissionPerLotCents * lots + 1e-9);
}

/** The spread paid over the round trip, cents, converted at the exit price. */
export function spreadCostCents(
  spreadPts: number,
  units: number,
  scale: number,
  conversion: ConversionMode,
  exitPrice: number,
): number {
  return 0 - toCents(quoteToAccount((spreadPts * units) / scale, conversion, exitPrice));
}

/** Entry and exit slippage together, cents, converted at the exit price. */
export function slippageCostCents(
  entrySlipPts: number,
  exitSlipPts: number,
  units: number,
  scale: number,
  conversion: ConversionMode,
  exitPrice: number,
): number {
  return 0 - toCents(quoteToAccount(((entrySlipPts + exitSlipPts) * units) / scale, conversion, exitPrice));
}
