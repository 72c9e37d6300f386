import type { InstrumentSpec } from '../execution/instrument';
import { type ConversionMode, quoteToAccount } from './money';

export interface SizingInput {
  spec: InstrumentSpec;
  conversion: ConversionMode;
  /** Balance or equity, in account currency (not cents). */
  capital: number;
  riskPct: number;
  /** Distance from entry to stop-loss in price units (> 0). */
  slDistance: number;
  /** Current price, used for the base-currency conversion. */
  price: number;
  /** Lot step to round down to (default 0.01). */
  lotStep?: number;
}

/**
 * Position sizing: the lots that lose `riskPct` % of `capital` if the stop-loss is hit,
 * rounded down to the lot step (never up: the risk stays within the limit). 0 if too small.
 */
export function lotsForRisk(input: SizingInput): number {
  const step = input.lotStep ?? input.spec.lotStep ?? 0.01;
  if (input.slDistance <= 0 || input.capital <= 0 || input.riskPct <= 0) return 0;
  const riskAmount = (input.capital * input.riskPct) / 100;
  const lossPerLot = quoteToAccount(
    input.slDistance * input.spec.contractSize,
    input.conversion,
    input.price,
  );
  if (lossPerLot <= 0) return 0;
  const steps = Math.floor(riskAmount / lossPerLot / step + 1e-9);
  return Math.round(steps * step * 1e8) / 1e8;
}
