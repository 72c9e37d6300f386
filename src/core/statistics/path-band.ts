import { expectancyCents } from './expectancy';
import { profitFactor } from './profit-factor';
import type { Trade } from './types';
import { winRatePct } from './win-rate';

/** A metric's range over the outcomes the flagged trades could have had. */
export interface Band<T> {
  worst: T;
  best: T;
}

/**
 * How much of a result rests on the assumed order of prices inside a base bar (README "Flagged
 * fills"): the flagged trades, and the metrics that change when each flagged trade takes its
 * worst or its best outcome (`pathWorstCents` / `pathBestCents`) while the others keep theirs.
 */
export interface PathBand {
  flaggedTrades: number;
  netProfitCents: Band<number>;
  winRatePct: Band<number | null>;
  profitFactor: Band<number | null>;
  expectancyCents: Band<number | null>;
}

const as = (trades: readonly Trade[], pick: (t: Trade) => number) =>
  trades.map((t) => (t.pathDependent ? { ...t, realizedCents: pick(t) } : t));

export function pathBand(trades: readonly Trade[], netProfitCents: number): PathBand {
  let flagged = 0;
  let down = 0;
  let up = 0;
  for (const t of trades) {
    if (!t.pathDependent) continue;
    flagged++;
    down += worstOf(t) - t.realizedCents;
    up += bestOf(t) - t.realizedCents;
  }
  const worst = flagged > 0 ? as(trades, worstOf) : trades;
  const best = flagged > 0 ? as(trades, bestOf) : trades;
  return {
    flaggedTrades: flagged,
    netProfitCents: { worst: netProfitCents + down, best: netProfitCents + up },
    winRatePct: { worst: winRatePct(worst), best: winRatePct(best) },
    profitFactor: { worst: profitFactor(worst), best: profitFactor(best) },
    expectancyCents: { worst: expectancyCents(worst), best: expectancyCents(best) },
  };
}

function worstOf(t: Trade): number {
  return Math.min(t.realizedCents, t.pathWorstCents ?? t.realizedCents);
}

function bestOf(t: Trade): number {
  return Math.max(t.realizedCents, t.pathBestCents ?? t.realizedCents);
}
