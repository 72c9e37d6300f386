/**
 * Walk-forward: cut the data into rolling in-sample / out-of-sample windows, optimise on each
 * in-sample part, run the winner on the out-of-sample part that follows it, and stitch the
 * out-of-sample equity into one curve. One window is the plain in/out split.
 *
 * Invariants: windows are cut on base-bar positions (so a weekend never leaves one empty); each
 * out-of-sample part starts where its in-sample part ends and the out-of-sample parts tile the
 * data after the first in-sample part without overlap; an evaluation only ever receives the bar
 * range of the part it is for, so the in-sample choice never sees out-of-sample bars and an
 * out-of-sample result never sees a bar after its window.
 */
import { withDrawdown } from '../statistics/equity-curve';
import type { EquityPoint } from '../statistics/types';
import {
  bestSetIndex,
  type Constraints,
  type Objective,
  type ParamSet,
  type SetMetrics,
  type SetResult,
  scoreSet,
} from './optimise';

/** Base-bar positions [from, to) (to excluded). */
export interface BarRange {
  from: number;
  to: number;
}

export interface WindowCut {
  index: number;
  inSample: BarRange;
  outOfSample: BarRange;
}

/**
 * Cuts `totalBars` into `windows` windows whose in-sample part is `inSamplePct` % of each
 * window; each window steps by one out-of-sample length. With W = total / (p + N (1 - p)):
 * in-sample = round(p W) bars, out-of-sample = floor((total - in-sample) / N) bars, the last
 * out-of-sample part taking the remainder. Throws RangeError when a part would be empty.
 */
export function cutWindows(totalBars: number, windows: number, inSamplePct: number): WindowCut[] {
  if (!Number.isInteger(windows) || windows < 1) throw new RangeError('windows must be a whole number ≥ 1');
  if (!(inSamplePct > 0 && inSamplePct < 100)) throw new RangeError('inSamplePct must be between 0 and 100');
  const p = inSamplePct / 100;
  const width = totalBars / (p + windows * (1 - p));
  const inLen = Math.round(p * width);
  const outLen = Math.floor((totalBars - inLen) / windows);
  if (inLen < 1 || outLen < 1) {
    throw new RangeError(
      `${totalBars} bars are too few for ${windows} window(s) of ${inSamplePct} % in-sample`,
    );
  }
  const cuts: WindowCut[] = [];
  for (let k = 0; k < windows; k++) {
    const start = k * outLen;
    const oosFrom = start + inLen;
    cuts.push({
      index: k,
      inSample: { from: start, to: oosFrom },
      outOfSample: { from: oosFrom, to: k === windows - 1 ? totalBars : oosFrom + outLen },
    });
  }
  return cuts;
}

/** What an evaluation answers: the set's figures and, when asked, its equity curve. */
export interface Evaluation {
  metrics: SetMetrics;
  curve?: EquityPoint[];
}

export interface WalkForwardInput {
  cuts: readonly WindowCut[];
  sets: readonly ParamSet[];
  objective: Objective;
  constraints: Constraints;
  /**
   * Runs the strategy with `params` over exactly the bars of `range` (from a cold start). All
   * sets of one window's in-sample part are asked together, so the caller may run them at once.
   */
  evaluate(params: ParamSet, range: BarRange, part: 'in-sample' | 'out-of-sample'): Promise<Evaluation>;
  /** Called after each window. */
  onWindow?(done: number, total: number): void;
  /** Polled between windows: true stops before the next one. */
  isCancelled?(): boolean;
}

export interface WindowResult {
  index: number;
  inSample: BarRange;
  outOfSample: BarRange;
  /** Sets tried in-sample, and how many passed the constraints. */
  setsTried: number;
  setsPassing: number;
  /** The in-sample winner (null when no set passed: the window then stays flat). */
  best: SetResult | null;
  outOfSampleMetrics: SetMetrics | null;
  outOfSampleCurve: EquityPoint[];
}

export async function walkForward(input: WalkForwardInput): Promise<WindowResult[]> {
  const out: WindowResult[] = [];
  for (const cut of input.cuts) {
    if (input.isCancelled?.()) break;
    const evaluations = await Promise.all(
      input.sets.map((s) => input.evaluate(s, cut.inSample, 'in-sample')),
    );
    const scored = evaluations.map((e, i) =>
      scoreSet(input.sets[i]!, e.metrics, input.objective, input.constraints),
    );
    const bestIndex = bestSetIndex(scored);
    const best = bestIndex === null ? null : scored[bestIndex]!;
    let oos: Evaluation | null = null;
    if (best && !input.isCancelled?.()) {
      oos = await input.evaluate(best.params, cut.outOfSample, 'out-of-sample');
    }
    out.push({
      index: cut.index,
      inSample: cut.inSample,
      outOfSample: cut.outOfSample,
      setsTried: scored.length,
      setsPassing: scored.filter((s) => s.violations.length === 0).length,
      best,
      outOfSampleMetrics: oos?.metrics ?? null,
      outOfSampleCurve: oos?.curve ?? [],
    });
    input.onWindow?.(out.length, input.cuts.length);
  }
  return out;
}

/**
 * One curve from the out-of-sample parts: each part ran from `initialCents`, so its points are
 * shifted by what the parts before it gained (the account carried over); the drawdown is then
 * measured afresh on the joined curve.
 */
export function stitchCurves(
  curves: readonly (readonly EquityPoint[])[],
  initialCents: number,
): EquityPoint[] {
  const raw: { ts: number; balanceCents: number; equityCents: number }[] = [];
  let carry = 0;
  for (const curve of curves) {
    for (const p of curve) {
      raw.push({ ts: p.ts, balanceCents: p.balanceCents + carry, equityCents: p.equityCents + carry });
    }
    const last = curve[curve.length - 1];
    if (last) carry += last.equityCents - initialCents;
  }
  return withDrawdown(raw);
}
