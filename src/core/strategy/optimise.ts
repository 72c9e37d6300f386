/**
 * Optimisation: which parameter sets to try (a full grid over the ranges marked `optimise`, or
 * a seeded random sample of that grid), how a set scores (an objective, after constraints), and
 * which set wins. Running the backtests is the caller's business (a worker pool in the app), so
 * this stays pure and the same rules score a set wherever it ran.
 *
 * Invariants: a grid point is always `min + i * step` (never outside [min, max]); the same seed
 * always draws the same sets in the same order; the best set is the highest objective among the
 * sets that pass every constraint, the earliest on a tie, and none when no set passes.
 */
import type { PerformanceSummary } from '../statistics/performance';
import type { StrategyGraph } from './graph';

export type Objective = 'net-profit' | 'profit-factor' | 'sharpe' | 'return-drawdown';
export const OBJECTIVES: readonly Objective[] = ['net-profit', 'profit-factor', 'sharpe', 'return-drawdown'];

/** One optimisable parameter: the grid it may take. */
export interface ParamRange {
  name: string;
  min: number;
  max: number;
  step: number;
}

export type ParamSet = Record<string, number>;

/** The graph's parameters marked `optimise`, in the graph's order. */
export function optimisableParams(graph: StrategyGraph): ParamRange[] {
  return graph.params
    .filter((p) => p.optimise !== undefined)
    .map((p) => ({ name: p.name, min: p.optimise!.min, max: p.optimise!.max, step: p.optimise!.step }));
}

/** Decimal places of a step, so 0.1 + 0.2 lands on 0.3 and not 0.30000000000000004. */
function decimals(x: number): number {
  const text = String(x);
  const e = text.indexOf('e-');
  if (e >= 0) return Number(text.slice(e + 2));
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Number of grid points of a range (min itself when max < min + step). */
export function rangeCount(r: ParamRange): number {
  if (!(r.step > 0) || r.max < r.min) return 1;
  return Math.floor((r.max - r.min) / r.step + 1e-9) + 1;
}

/** The i-th grid point of a range. */
export function rangeValue(r: ParamRange, i: number): number {
  const places = Math.max(decimals(r.min), decimals(r.step));
  return Number((r.min + i * r.step).toFixed(places));
}

export function rangeValues(r: ParamRange): number[] {
  return Array.from({ length: rangeCount(r) }, (_, i) => rangeValue(r, i));
}

/** Sets in the full grid: the product of each range's count. */
export function gridSize(ranges: readonly ParamRange[]): number {
  return ranges.reduce((n, r) => n * rangeCount(r), 1);
}

/** The set at position `index` of the grid; the first parameter varies slowest. */
export function gridSetAt(ranges: readonly ParamRange[], index: number): ParamSet {
  const set: ParamSet = {};
  let rest = index;
  for (let k = ranges.length - 1; k >= 0; k--) {
    const r = ranges[k]!;
    const n = rangeCount(r);
    set[r.name] = rangeValue(r, rest % n);
    rest = Math.floor(rest / n);
  }
  // Keys in the graph's order, so a set prints the way the graph lists its parameters.
  const ordered: ParamSet = {};
  for (const r of ranges) ordered[r.name] = set[r.name]!;
  return ordered;
}

/** Every set of the grid, in grid order. */
export function gridSets(ranges: readonly ParamRange[]): ParamSet[] {
  return Array.from({ length: gridSize(ranges) }, (_, i) => gridSetAt(ranges, i));
}

/**
 * `samples` distinct sets of the grid drawn uniformly with `random` (uniform in [0, 1)), in the
 * order drawn; the whole grid (in grid order) when it has no more sets than that.
 */
export function randomSets(ranges: readonly ParamRange[], samples: number, random: () => number): ParamSet[] {
  const size = gridSize(ranges);
  if (samples >= size) return gridSets(ranges);
  const seen = new Set<number>();
  const out: ParamSet[] = [];
  while (out.length < samples) {
    const index = Math.floor(random() * size);
    if (seen.has(index)) continue;
    seen.add(index);
    out.push(gridSetAt(ranges, index));
  }
  return out;
}

/** The figures a set is judged and listed by (a slice of the run's performance summary). */
export interface SetMetrics {
  netProfitCents: number;
  returnPct: number | null;
  trades: number;
  winRatePct: number | null;
  profitFactor: number | null;
  sharpeRatio: number | null;
  maxDrawdownCents: number;
  maxDrawdownPct: number;
  expectancyCents: number | null;
}

export function setMetrics(s: PerformanceSummary): SetMetrics {
  return {
    netProfitCents: s.netProfitCents,
    returnPct: s.returnPct,
    trades: s.trades,
    winRatePct: s.winRatePct,
    profitFactor: s.profitFactor,
    sharpeRatio: s.sharpeRatio,
    maxDrawdownCents: s.maxDrawdownCents,
    maxDrawdownPct: s.maxDrawdownPct,
    expectancyCents: s.expectancyCents,
  };
}

/**
 * The score to maximise; null when it is undefined for this set (no losing trade for a profit
 * factor, too few days for a Sharpe ratio, no drawdown for return/drawdown): such a set ranks
 * below every scored one.
 */
export function objectiveValue(m: SetMetrics, objective: Objective): number | null {
  switch (objective) {
    case 'net-profit':
      return m.netProfitCents;
    case 'profit-factor':
      return m.profitFactor;
    case 'sharpe':
      return m.sharpeRatio;
    case 'return-drawdown':
      if (m.returnPct === null || !(m.maxDrawdownPct > 0)) return null;
      return Math.round((m.returnPct / m.maxDrawdownPct) * 1000) / 1000;
  }
}

export interface Constraints {
  /** A set whose max drawdown (% of the peak) is above this fails. */
  maxDrawdownPct?: number | null;
  /** A set with fewer closed trades fails. */
  minTrades?: number | null;
}

/** Why a set fails the constraints, one sentence each; empty when it passes. */
export function constraintViolations(m: SetMetrics, c: Constraints): string[] {
  const out: string[] = [];
  if (c.maxDrawdownPct != null && m.maxDrawdownPct > c.maxDrawdownPct) {
    out.push(`max drawdown ${m.maxDrawdownPct} % is above ${c.maxDrawdownPct} %`);
  }
  if (c.minTrades != null && m.trades < c.minTrades) {
    out.push(`${m.trades} trades, fewer than ${c.minTrades}`);
  }
  return out;
}

/** A set's outcome: its parameters, figures, score and whether it passed the constraints. */
export interface SetResult {
  params: ParamSet;
  metrics: SetMetrics;
  objective: number | null;
  violations: string[];
}

export function scoreSet(
  params: ParamSet,
  metrics: SetMetrics,
  objective: Objective,
  constraints: Constraints,
): SetResult {
  return {
    params,
    metrics,
    objective: objectiveValue(metrics, objective),
    violations: constraintViolations(metrics, constraints),
  };
}

/** Index of the best set: highest score among those passing, the earliest on a tie; null if none. */
export function bestSetIndex(results: readonly Pick<SetResult, 'objective' | 'violations'>[]): number | null {
  let best: number | null = null;
  for (let i = 0; i < results.length; i++) {
    const r = results[i]!;
    if (r.violations.length > 0 || r.objective === null) continue;
    if (best === null || r.objective > results[best]!.objective!) best = i;
  }
  return best;
}
