import { mulberry32 } from '../../../core/random/mulberry32';

export interface BlindCandidate {
  symbol: string;
  timeframe: string;
  startTs: number;
  endTs: number;
}

export interface BlindPick {
  candidate: BlindCandidate;
  startTs: number;
  /** Multiplies the start price to give the masked one (1.3 to 3): the offset is the difference. */
  priceFactor: number;
}

/**
 * Draws an instrument (one of its base ranges, each equally likely) and a start inside the range's
 * 20 % to 70 % span, so there is history to read before it and room to trade after it.
 */
export function pickBlindStart(candidates: readonly BlindCandidate[], seed: number): BlindPick | null {
  if (candidates.length === 0) return null;
  // The same seed draws the same blind session.
  const random = mulberry32(seed);
  const sorted = [...candidates].sort(
    (a, b) =>
      a.symbol.localeCompare(b.symbol) || a.timeframe.localeCompare(b.timeframe) || a.startTs - b.startTs,
  );
  const candidate = sorted[Math.floor(random() * sorted.length)] as BlindCandidate;
  const span = candidate.endTs - candidate.startTs;
  const startTs = candidate.startTs + Math.floor(span * (0.2 + 0.5 * random()));
  return { candidate, startTs, priceFactor: 1.3 + 1.7 * random() };
}
