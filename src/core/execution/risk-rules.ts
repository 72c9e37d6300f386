/**
 * Per-session risk rules (issue seed 001). Invariant: a rule only ever refuses a new order, never
 * touches an open one, and a rule set to null is off; the checks run in a fixed order (trades per
 * day, daily loss, risk per trade) so the trader always sees the same reason for the same state.
 */
import type { ConversionMode } from '../portfolio/money';
import { quoteToAccount } from '../portfolio/money';
import { fmt } from './order-checks';
import type { RiskRules } from './types';

/** What the rules read of the account; the engine is one. Read lazily: only rules that are on. */
export interface RiskView {
  readonly tradesToday: number;
  readonly dayStartBalanceCents: number;
  readonly balanceCents: number;
  accountState(): { equityCents: number };
  riskAmount(lots: number, entryPts: number, slPts: number): number;
}

/** Loss at the stop-loss for `units`, account currency (spread and slippage excluded). */
export function riskAmountFor(
  units: number,
  entryPts: number,
  slPts: number,
  scale: number,
  conversion: ConversionMode,
): number {
  const quote = (Math.abs(entryPts - slPts) * units) / scale;
  return quoteToAccount(quote, conversion, slPts / scale);
}

/** The default SL or TP (points) for an order with none, from `pips` away from the entry. */
export function defaultLevelPts(pips: number | null, entryPts: number, sign: number, pipPts: number) {
  return pips === null ? null : entryPts + sign * pips * pipPts;
}

/** The first rule a new order of `lots` entering at `entryPts` with `slPts` breaks, or null. */
export function riskRuleError(
  rules: RiskRules,
  account: RiskView,
  lots: number,
  entryPts: number,
  slPts: number | null,
): string | null {
  if (rules.maxTradesPerDay !== null && account.tradesToday >= rules.maxTradesPerDay) {
    return `Risk rule: the limit of ${rules.maxTradesPerDay} trades per day is reached`;
  }
  if (rules.maxDailyLossCents !== null) {
    const lossCents = account.dayStartBalanceCents - account.accountState().equityCents;
    if (lossCents >= rules.maxDailyLossCents) {
      return `Risk rule: the daily loss limit of ${fmt(rules.maxDailyLossCents / 100)} is reached (lost ${fmt(lossCents / 100)} today)`;
    }
  }
  if (rules.maxRiskPct !== null) {
    if (slPts === null) {
      return `Risk rule: a stop-loss is required (max risk ${rules.maxRiskPct}% per trade)`;
    }
    const risk = account.riskAmount(lots, entryPts, slPts);
    const pct = (risk / (account.balanceCents / 100)) * 100;
    if (pct > rules.maxRiskPct + 1e-9) {
      return `Risk rule: this order risks ${pct.toFixed(2)}% of the balance, over the ${rules.maxRiskPct}% limit`;
    }
  }
  return null;
}
