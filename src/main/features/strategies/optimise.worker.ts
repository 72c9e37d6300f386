import type { BarColumns } from '../../../core/strategy/backtest';
import { type SetMetrics, setMetrics } from '../../../core/strategy/optimise';
import type { EquityPointDto } from '../../../shared/contract/reports';
import { type BacktestJobInput, runInProcess } from './job';

/** One backtest of an optimisation: a parameter set over bars [from, to) of the shared columns. */
export interface OptimiseTask {
  /** The job input with this set's parameters; its bars are the whole span, on shared memory. */
  input: BacktestJobInput;
  from: number;
  to: number;
  /** Shared cancel flag: 1 stops the run at its next progress step. */
  flag: Int32Array;
  /** Return the run's (downsampled) equity curve too (walk-forward's out-of-sample runs). */
  withCurve: boolean;
}

export interface OptimiseTaskResult {
  status: 'completed' | 'cancelled';
  metrics: SetMetrics;
  curve: EquityPointDto[] | null;
}

function slice(bars: BarColumns, from: number, to: number): BarColumns {
  return {
    ts: bars.ts.subarray(from, to),
    open: bars.open.subarray(from, to),
    high: bars.high.subarray(from, to),
    low: bars.low.subarray(from, to),
    close: bars.close.subarray(from, to),
    volume: bars.volume.subarray(from, to),
  };
}

/**
 * Piscina task (the default export) and the in-process runner alike: the very backtest a single
 * run does (`runInProcess`, the backtest worker's code), over a slice of the bars, so a set
 * scores exactly what a backtest with its parameters reports.
 */
export default function runOptimiseTask(task: OptimiseTask): OptimiseTaskResult {
  const outcome = runInProcess(
    { ...task.input, bars: slice(task.input.bars, task.from, task.to) },
    () => {},
    () => Atomics.load(task.flag, 0) === 1,
  );
  return {
    status: outcome.status,
    metrics: setMetrics(outcome.report.summary),
    curve: task.withCurve ? outcome.report.equityCurve : null,
  };
}
