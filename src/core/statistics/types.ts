import type { Excursion } from './excursion';

/** A closed trade as the statistics see it: its net result in cents, costs included. */
export interface TradeResult {
  realizedCents: number;
  closedTs: number;
}

/**
 * A closed position with everything the report needs. `realizedCents` is net of every cost
 * (the sum of its ledger entries: P&L, spread, slippage, commission).
 */
export interface Trade extends TradeResult {
  id: string;
  side: 'BUY' | 'SELL';
  lots: number;
  openedTs: number;
  entryPrice: number;
  exitPrice: number | null;
  /** Stop-loss at entry (the order's), null when the trade had none. */
  initialSlPrice: number | null;
  /** Money lost had the initial stop-loss been hit (cents, > 0); null without a stop-loss: no R. */
  riskCents: number | null;
  pnlCents: number;
  spreadCents: number;
  slippageCents: number;
  commissionCents: number;
  /** Swap posted while it was open (signed: a credit is positive). */
  swapCents: number;
  status: 'CLOSED' | 'LIQUIDATED';
  tags: string[];
  /** The order of prices inside one base bar decided it (README "Flagged fills"). */
  pathDependent?: boolean;
  /** A flagged trade's result had it left at its stop loss / its take profit in that bar, cents. */
  pathWorstCents?: number | null;
  pathBestCents?: number | null;
  /** MAE / MFE and exit efficiency from the base bars it was open over (README "Reports"). */
  excursion?: Excursion | null;
}

/** One point of the equity curve (per base bar close while positions are open, and per ledger event). */
export interface EquityPoint {
  ts: number;
  balanceCents: number;
  equityCents: number;
  /** Fall of equity from its running peak, cents (>= 0). */
  drawdownCents: number;
  /** The same as a percentage of the peak (0 when the peak is not positive). */
  drawdownPct: number;
}

/** Rounds to `places` decimals; null stays null and a non-finite number becomes null. */
export function round(value: number | null, places = 2): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const f = 10 ** places;
  const r = Math.round(value * f) / f;
  return Object.is(r, -0) ? 0 : r;
}
