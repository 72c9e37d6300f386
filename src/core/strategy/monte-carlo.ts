/**
 * Monte Carlo on a run's closed trades: how much of a result is the order (or the luck of the
 * draw) of its trades. Each path replays the trades' net results from the initial balance:
 * - `reshuffle`: the same trades in a random order (final equity is always the same; drawdown
 *   and ruin are what change),
 * - `resample`: as many trades drawn with replacement (a bootstrap; final equity varies too).
 * Equity is read at each trade's close, as the balance moves. Randomness comes in as a
 * function, so a seed replays a study exactly.
 */

export type MonteCarloMode = 'reshuffle' | 'resample';

export interface MonteCarloInput {
  /** Net result of each closed trade, cents, in the order they closed. */
  tradeCents: readonly number[];
  initialCents: number;
  paths: number;
  mode: MonteCarloMode;
  /** Uniform in [0, 1). */
  random: () => number;
  /** A path is ruined once its equity falls to this or below (cents). */
  ruinCents: number;
}

/** Values at the percentiles of MONTE_CARLO_PERCENTILES, in the same order. */
export type Percentiles = number[];

export const MONTE_CARLO_PERCENTILES = [1, 5, 25, 50, 75, 95, 99] as const;

export interface MonteCarloResult {
  paths: number;
  trades: number;
  mode: MonteCarloMode;
  finalEquityCents: Percentiles;
  maxDrawdownCents: Percentiles;
  /** Max drawdown as % of the peak it fell from. */
  maxDrawdownPct: Percentiles;
  /** Share of paths that reached the ruin level, 0-1. */
  ruinProbability: number;
  /** The trades in their real order, for comparison. */
  actual: { finalEquityCents: number; maxDrawdownCents: number; maxDrawdownPct: number; ruined: boolean };
}

interface PathOutcome {
  final: number;
  drawdown: number;
  drawdownPct: number;
  ruined: boolean;
}

function walk(trades: Float64Array, order: Uint32Array, initial: number, ruin: number): PathOutcome {
  let equity = initial;
  let peak = initial;
  let drawdown = 0;
  let drawdownPct = 0;
  let ruined = initial <= ruin;
  for (let i = 0; i < trades.length; i++) {
    equity += trades[order[i]!]!;
    if (equity > peak) {
      peak = equity;
      continue;
    }
    const dd = peak - equity;
    if (dd > drawdown) drawdown = dd;
    // A deeper fall in % can come from a lower peak, so the ratio is checked at every fall.
    const pct = peak > 0 ? (dd / peak) * 100 : 0;
    if (pct > drawdownPct) drawdownPct = pct;
    if (equity <= ruin) ruined = true;
  }
  return { final: equity, drawdown, drawdownPct, ruined };
}

/** Nearest-rank percentile of an ascending array. */
export function percentileOf(sorted: ArrayLike<number>, pct: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((pct / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

function percentiles(values: Float64Array): Percentiles {
  values.sort();
  return MONTE_CARLO_PERCENTILES.map((p) => percentileOf(values, p));
}

/** Runs `paths` Monte Carlo paths over the trades; see the module comment for the two modes. */
export function monteCarlo(input: MonteCarloInput): MonteCarloResult {
  const { tradeCents, initialCents, paths, mode, random, ruinCents } = input;
  const n = tradeCents.length;
  const trades = Float64Array.from(tradeCents);
  const order = new Uint32Array(n);
  const finals = new Float64Array(paths);
  const drawdowns = new Float64Array(paths);
  const drawdownPcts = new Float64Array(paths);
  let ruined = 0;
  for (let p = 0; p < paths; p++) {
    if (mode === 'reshuffle') {
      for (let i = 0; i < n; i++) order[i] = i;
      // Fisher-Yates: every order equally likely.
      for (let i = n - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        const t = order[i]!;
        order[i] = order[j]!;
        order[j] = t;
      }
    } else {
      for (let i = 0; i < n; i++) order[i] = Math.floor(random() * n);
    }
    const out = walk(trades, order, initialCents, ruinCents);
    finals[p] = out.final;
    drawdowns[p] = out.drawdown;
    drawdownPcts[p] = out.drawdownPct;
    if (out.ruined) ruined++;
  }
  for (let i = 0; i < n; i++) order[i] = i;
  const actual = walk(trades, order, initialCents, ruinCents);
  return {
    paths,
    trades: n,
    mode,
    finalEquityCents: percentiles(finals).map(Math.round),
    maxDrawdownCents: percentiles(drawdowns).map(Math.round),
    maxDrawdownPct: percentiles(drawdownPcts),
    ruinProbability: paths > 0 ? ruined / paths : 0,
    actual: {
      finalEquityCents: Math.round(actual.final),
      maxDrawdownCents: Math.round(actual.drawdown),
      maxDrawdownPct: actual.drawdownPct,
      ruined: actual.ruined,
    },
  };
}
