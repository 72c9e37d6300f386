import { round } from './types';

export interface MaxDrawdown {
  /** Largest peak-to-trough fall of equity, cents (>= 0). */
  amountCents: number;
  /** Largest fall as a percentage of its peak (the deepest in %, which may be another fall). */
  pct: number;
  /** The peak and trough of the largest fall in money (UTC seconds); null with no fall. */
  peakTs: number | null;
  troughTs: number | null;
  /** When equity first got back to that peak after the trough; null if it never did. */
  recoveredTs: number | null;
}

/** Peak-to-trough drawdown of an equity series, in money and percent, with its dates. */
export function maxDrawdown(points: readonly { ts: number; equityCents: number }[]): MaxDrawdown {
  const out: MaxDrawdown = { amountCents: 0, pct: 0, peakTs: null, troughTs: null, recoveredTs: null };
  let peak = Number.NEGATIVE_INFINITY;
  let peakTs = 0;
  let worstPct = 0;
  let worstPeak = 0;
  let troughIndex = -1;
  points.forEach((p, i) => {
    if (p.equityCents > peak) {
      peak = p.equityCents;
      peakTs = p.ts;
    }
    const drop = peak - p.equityCents;
    if (drop > out.amountCents) {
      out.amountCents = drop;
      out.peakTs = peakTs;
      out.troughTs = p.ts;
      worstPeak = peak;
      troughIndex = i;
    }
    if (peak > 0 && (drop / peak) * 100 > worstPct) worstPct = (drop / peak) * 100;
  });
  if (troughIndex >= 0) {
    for (let i = troughIndex + 1; i < points.length; i++) {
      if (points[i]!.equityCents >= worstPeak) {
        out.recoveredTs = points[i]!.ts;
        break;
      }
    }
  }
  out.pct = round(worstPct) ?? 0;
  return out;
}
