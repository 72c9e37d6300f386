import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { mulberry32 } from '../../../core/random/mulberry32';
import { downsampleCurve } from '../../../core/statistics/equity-curve';
import {
  bestSetIndex,
  gridSets,
  gridSize,
  optimisableParams,
  type ParamSet,
  randomSets,
  type SetResult,
  scoreSet,
} from '../../../core/strategy/optimise';
import { validateGraph } from '../../../core/strategy/validate';
import { cutWindows, stitchCurves, type WindowCut, walkForward } from '../../../core/strategy/walk-forward';
import type { MethodParsedInput } from '../../../shared/contract';
import {
  OPTIMISE_MAX_SETS,
  type OptimisationRunDto,
  type OptimisationSettings,
  type WalkForwardDto,
} from '../../../shared/contract/optimisations';
import type { BacktestStatus } from '../../../shared/contract/strategies';
import { issuePath } from '../../../shared/contract/strategy-graph';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { StrategiesDeps } from './deps';
import {
  insertOptimisation,
  listOptimisationRows,
  type OptimisationRow,
  optimisationRow,
  updateOptimisation,
} from './optimisation-store';
import type { OptimiseTaskResult } from './optimise.worker';
import { createOptimisePool, sharedBarColumns } from './pool';
import { backtestJobInput, readRunCandles, resolveRunTarget } from './run-setup';
import { symbolOf } from './store';

/** At most this often a run's progress is written and pushed (about ten a second). */
const PROGRESS_INTERVAL_MS = 100;

interface Active {
  cancel(): void;
  done: Promise<void>;
}

const isAbort = (error: unknown) => error instanceof Error && error.name === 'AbortError';

/**
 * Optimisation and walk-forward runs: every parameter set is one backtest of the version (the
 * backtest worker's code) on a piscina pool of worker threads over base bars held in shared
 * memory. Every state change is written to the run's row; results are written once, at the end.
 */
export class OptimisationService {
  private readonly active = new Map<string, Active>();

  constructor(
    private readonly deps: StrategiesDeps,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  start(input: MethodParsedInput<'optimisations:start'>): OptimisationRunDto {
    const { store, clock, newId } = this.deps;
    const target = resolveRunTarget(this.deps, input);
    const { graph } = target;
    const ranges = optimisableParams(graph);
    if (ranges.length === 0) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `${input.versionId ? 'versionId' : 'strategyId'}: version ${target.version.number} has no parameter marked optimise (give one a range in the builder's Parameters)`,
        { field: input.versionId ? 'versionId' : 'strategyId' },
      );
    }
    let sets: ParamSet[];
    if (input.method === 'grid') {
      const size = gridSize(ranges);
      if (size > OPTIMISE_MAX_SETS) {
        throw new AppError(
          ErrorCode.INVALID_INPUT,
          `method: the grid holds ${size.toLocaleString('en-US')} sets, more than ${OPTIMISE_MAX_SETS.toLocaleString('en-US')}: use random search with samples, or wider steps`,
          { field: 'method' },
        );
      }
      sets = gridSets(ranges);
    } else {
      sets = randomSets(ranges, input.samples!, mulberry32(input.seed));
    }
    for (const set of sets) {
      const issues = validateGraph(graph, set);
      if (issues.length > 0) {
        throw new AppError(
          ErrorCode.INVALID_INPUT,
          `parameters ${JSON.stringify(set)}: ${issues.map((i) => i.message).join('; ')}`,
          { issues: issues.map((i) => ({ ...i, path: issuePath(i) })) },
        );
      }
    }
    const { fromTs, toTs, candles } = readRunCandles(this.deps, target, input.from, input.to);
    let cuts: WindowCut[] | null = null;
    if (input.walkForward) {
      try {
        cuts = cutWindows(candles.length, input.walkForward.windows, input.walkForward.inSamplePct);
      } catch (error) {
        throw new AppError(ErrorCode.INVALID_INPUT, `walkForward.windows: ${(error as Error).message}`, {
          field: 'walkForward.windows',
        });
      }
    }
    const threads = input.threads ?? availableParallelism();
    const settings: OptimisationSettings = {
      method: input.method,
      samples: input.method === 'random' ? input.samples! : null,
      seed: input.seed,
      objective: input.objective,
      maxDrawdownPct: input.maxDrawdownPct ?? null,
      minTrades: input.minTrades ?? null,
      threads,
      walkForward: input.walkForward ?? null,
      parameters: { ...input.parameters, params: {} },
    };
    const now = clock.nowSeconds();
    const total = cuts ? cuts.length * (sets.length + 1) : sets.length;
    const row: OptimisationRow = {
      id: newId(),
      strategyVersionId: target.version.id,
      instrumentId: target.instrument.id,
      timeframe: target.timeframe,
      fromTs,
      toTs,
      settingsJson: { ...settings, paramNames: ranges.map((r) => r.name) },
      status: 'queued',
      progress: 0,
      setsTotal: total,
      setsDone: 0,
      resultsJson: null,
      walkForwardJson: null,
      error: null,
      startedAt: null,
      completedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    insertOptimisation(store, row);

    const bars = sharedBarColumns(candles);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const abort = new AbortController();
    // Every queued set listens on the one signal (piscina drops a task from its queue on abort).
    setMaxListeners(total + threads + 10, abort.signal);
    const pool = createOptimisePool(threads, !input.worker);
    const startMs = this.nowMs();
    let lastMs = Number.NEGATIVE_INFINITY;
    let done = 0;
    const tick = () => {
      done++;
      const ms = this.nowMs();
      if (done < total && ms - lastMs < PROGRESS_INTERVAL_MS) return;
      lastMs = ms;
      this.progress(row.id, 'running', done, total, ms - startMs);
    };
    const evaluate = async (params: ParamSet, from: number, to: number, withCurve: boolean) => {
      const result: OptimiseTaskResult = await pool.run(
        { input: backtestJobInput(target, input.parameters, params, bars), from, to, flag, withCurve },
        abort.signal,
      );
      if (result.status === 'cancelled') throw new DOMException('Cancelled', 'AbortError');
      tick();
      return result;
    };
    const constraints = { maxDrawdownPct: input.maxDrawdownPct, minTrades: input.minTrades };
    // A set that fails for a reason other than cancel fails the run: the others are stopped.
    let failure: unknown = null;
    const cancelled = () => abort.signal.aborted && failure === null;
    const stop = () => {
      Atomics.store(flag, 0, 1);
      abort.abort();
    };

    updateOptimisation(store, row.id, { status: 'running', startedAt: now, updatedAt: now });
    this.progress(row.id, 'running', 0, total, 0);

    const work = async (): Promise<Pick<OptimisationRow, 'resultsJson' | 'walkForwardJson'>> => {
      if (!cuts) {
        const results: (SetResult | undefined)[] = new Array(sets.length);
        const settled = await Promise.allSettled(
          sets.map(async (params, i) => {
            try {
              const r = await evaluate(params, 0, candles.length, false);
              results[i] = scoreSet(params, r.metrics, input.objective, constraints);
            } catch (error) {
              if (!isAbort(error) && failure === null) {
                failure = error;
                stop();
              }
              throw error;
            }
          }),
        );
        if (failure !== null) throw failure;
        if (settled.some((s) => s.status === 'rejected' && !isAbort(s.reason))) {
          throw (settled.find((s) => s.status === 'rejected') as PromiseRejectedResult).reason;
        }
        // Cancelled: the sets that finished are kept, in the order they were listed.
        return { resultsJson: results.filter((r) => r !== undefined), walkForwardJson: null };
      }
      const windows = await walkForward({
        cuts,
        sets,
        objective: input.objective,
        constraints,
        isCancelled: cancelled,
        evaluate: async (params, range, part) => {
          const r = await evaluate(params, range.from, range.to, part === 'out-of-sample');
          return { metrics: r.metrics, curve: r.curve ?? undefined };
        },
      });
      const ts = (i: number) => bars.ts[Math.min(i, candles.length - 1)]!;
      const wf: WalkForwardDto = {
        windows: windows.map((w) => ({
          index: w.index,
          inSample: { ...w.inSample, fromTs: ts(w.inSample.from), toTs: ts(w.inSample.to - 1) },
          outOfSample: { ...w.outOfSample, fromTs: ts(w.outOfSample.from), toTs: ts(w.outOfSample.to - 1) },
          setsTried: w.setsTried,
          setsPassing: w.setsPassing,
          best: w.best,
          outOfSampleMetrics: w.outOfSampleMetrics,
        })),
        equityCurve: downsampleCurve(
          stitchCurves(
            windows.map((w) => w.outOfSampleCurve),
            Math.round(input.parameters.balance * 100),
          ),
        ),
        netProfitCents: windows.reduce((sum, w) => sum + (w.outOfSampleMetrics?.netProfitCents ?? 0), 0),
      };
      return { resultsJson: null, walkForwardJson: wf };
    };

    const finished = work().then(
      (outcome) => this.finish(row.id, cancelled() ? 'cancelled' : 'completed', done, total, outcome, null),
      (error: unknown) => {
        if (failure === null && (cancelled() || isAbort(error))) {
          this.finish(row.id, 'cancelled', done, total, { resultsJson: null, walkForwardJson: null }, null);
        } else {
          const cause = failure ?? error;
          const message = cause instanceof Error ? cause.message : String(cause);
          this.finish(row.id, 'failed', done, total, { resultsJson: null, walkForwardJson: null }, message);
        }
      },
    );
    const settledDone = finished.finally(() => pool.destroy().catch(() => undefined));
    this.active.set(row.id, {
      cancel: stop,
      done: settledDone.then(() => undefined),
    });
    return this.get(row.id);
  }

  private progress(
    runId: string,
    status: BacktestStatus,
    done: number,
    total: number,
    elapsedMs: number,
  ): void {
    const percent = total > 0 ? Math.round((done / total) * 1000) / 10 : 100;
    updateOptimisation(this.deps.store, runId, {
      progress: percent,
      setsDone: done,
      updatedAt: this.deps.clock.nowSeconds(),
    });
    const perSetMs = done > 0 ? elapsedMs / done : 0;
    this.deps.events.emit('optimisations:progress', {
      runId,
      status,
      percent,
      setsDone: done,
      setsTotal: total,
      etaSeconds: done > 0 ? Math.round(((total - done) * perSetMs) / 100) / 10 : null,
    });
  }

  private finish(
    runId: string,
    status: BacktestStatus,
    done: number,
    total: number,
    outcome: Pick<OptimisationRow, 'resultsJson' | 'walkForwardJson'>,
    error: string | null,
  ): void {
    this.active.delete(runId);
    if (!this.deps.store.sqlite.open) return;
    const now = this.deps.clock.nowSeconds();
    const percent = status === 'completed' ? 100 : total > 0 ? Math.round((done / total) * 1000) / 10 : 0;
    updateOptimisation(this.deps.store, runId, {
      status,
      progress: percent,
      setsDone: done,
      resultsJson: outcome.resultsJson,
      walkForwardJson: outcome.walkForwardJson,
      error,
      completedAt: now,
      updatedAt: now,
    });
    this.deps.events.emit('optimisations:progress', {
      runId,
      status,
      percent,
      setsDone: done,
      setsTotal: total,
      etaSeconds: 0,
    });
  }

  /** Resolves when the run has ended (any status); at once for a run that is not active. */
  async settled(runId: string): Promise<OptimisationRunDto> {
    await this.active.get(runId)?.done;
    return this.get(runId);
  }

  get(runId: string): OptimisationRunDto {
    const found = optimisationRow(this.deps.store, this.deps.userId, runId);
    return this.dto(found.run, found.version, found.strategyId, true);
  }

  list(strategyId?: string): OptimisationRunDto[] {
    return listOptimisationRows(this.deps.store, this.deps.userId, { strategyId }).map((r) =>
      this.dto(r.run, r.version, r.strategyId, false),
    );
  }

  cancel(runId: string): OptimisationRunDto {
    const run = this.get(runId);
    const active = this.active.get(runId);
    if (active) {
      active.cancel();
    } else if (run.status === 'queued' || run.status === 'running') {
      // Left over from a process that ended mid-run: nothing is working on it any more.
      this.finish(
        runId,
        'cancelled',
        run.setsDone,
        run.setsTotal,
        { resultsJson: null, walkForwardJson: null },
        null,
      );
    }
    return this.get(runId);
  }

  /** Cancels every active run (app shutdown). */
  dispose(): void {
    for (const a of this.active.values()) a.cancel();
  }

  private dto(
    row: OptimisationRow,
    versionNumber: number,
    strategyId: string,
    full: boolean,
  ): OptimisationRunDto {
    const { paramNames, ...settings } = row.settingsJson as unknown as OptimisationSettings & {
      paramNames: string[];
    };
    const results = (row.resultsJson as SetResult[] | null) ?? null;
    return {
      id: row.id,
      strategyId,
      strategyVersionId: row.strategyVersionId,
      versionNumber,
      symbol: symbolOf(this.deps.store, row.instrumentId),
      timeframe: row.timeframe,
      fromTs: row.fromTs,
      toTs: row.toTs,
      settings,
      paramNames,
      status: row.status,
      progress: row.progress,
      setsTotal: row.setsTotal,
      setsDone: row.setsDone,
      error: row.error,
      startedAt: row.startedAt,
      completedAt: row.completedAt,
      createdAt: row.createdAt,
      results: full ? results : null,
      bestIndex: results ? bestSetIndex(results) : null,
      walkForward: full ? ((row.walkForwardJson as WalkForwardDto | null) ?? null) : null,
    };
  }
}
