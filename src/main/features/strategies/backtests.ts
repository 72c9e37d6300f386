import { performance } from 'node:perf_hooks';
import { barColumns } from '../../../core/strategy/backtest';
import { validateGraph } from '../../../core/strategy/validate';
import type { MethodParsedInput } from '../../../shared/contract';
import type { BacktestReportDto, BacktestRunDto, BacktestStatus } from '../../../shared/contract/strategies';
import { issuePath } from '../../../shared/contract/strategy-graph';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { StrategiesDeps } from './deps';
import { type BacktestJob, startBacktestJob } from './job';
import { backtestJobInput, readRunCandles, resolveRunTarget } from './run-setup';
import { insertRun, listRunRows, type RunRow, runRow, strategyRow, symbolOf, updateRun } from './store';

/** At most this often a run's progress is written and pushed (about ten a second). */
const PROGRESS_INTERVAL_MS = 100;

interface Active {
  job: BacktestJob;
  done: Promise<void>;
}

/**
 * Backtest runs: resolve the version, read the base candles of the span, run in a worker thread
 * with throttled progress, store the report. Every state change is written to the run's row, so
 * `backtests:get` always answers from the store.
 */
export class BacktestService {
  private readonly active = new Map<string, Active>();

  constructor(
    private readonly deps: StrategiesDeps,
    private readonly nowMs: () => number = () => performance.now(),
  ) {}

  start(input: MethodParsedInput<'backtests:start'>): BacktestRunDto {
    const { store, clock, newId } = this.deps;
    const target = resolveRunTarget(this.deps, input);
    const { version, graph, timeframe } = target;
    const { parameters } = input;
    const issues = validateGraph(graph, parameters.params);
    if (issues.length > 0) {
      throw new AppError(ErrorCode.INVALID_INPUT, issues.map((i) => i.message).join('; '), {
        issues: issues.map((i) => ({ ...i, path: issuePath(i) })),
      });
    }
    const { fromTs, toTs, candles } = readRunCandles(this.deps, target, input.from, input.to);
    const now = clock.nowSeconds();
    const row: RunRow = {
      id: newId(),
      strategyVersionId: version.id,
      instrumentId: target.instrument.id,
      timeframe,
      fromTs,
      toTs,
      parametersJson: parameters,
      status: 'queued',
      progress: 0,
      barsTotal: candles.length,
      barsDone: 0,
      metricsJson: null,
      error: null,
      startedAt: null,
      completedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    insertRun(store, row);
    const startMs = this.nowMs();
    let lastMs = Number.NEGATIVE_INFINITY;
    const total = candles.length;
    const job = startBacktestJob(
      backtestJobInput(target, parameters, parameters.params, barColumns(candles)),
      (done, barsTotal) => {
        const ms = this.nowMs();
        if (done < barsTotal && ms - lastMs < PROGRESS_INTERVAL_MS) return;
        lastMs = ms;
        this.progress(row.id, 'running', done, barsTotal, ms - startMs);
      },
      { inProcess: !input.worker },
    );
    updateRun(store, row.id, { status: 'running', startedAt: now, updatedAt: now });
    this.deps.events.emit('backtests:progress', {
      runId: row.id,
      status: 'running',
      percent: 0,
      barsDone: 0,
      barsTotal: total,
      barsPerSecond: 0,
      etaSeconds: null,
    });
    const done = job.result.then(
      (outcome) => {
        this.finish(
          row.id,
          outcome.status,
          outcome.barsDone,
          total,
          outcome.status === 'completed' ? outcome.report : null,
          null,
          this.nowMs() - startMs,
        );
      },
      (error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        this.finish(row.id, 'failed', 0, total, null, message, this.nowMs() - startMs);
      },
    );
    this.active.set(row.id, { job, done });
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
    const rate = elapsedMs > 0 ? Math.round((done / elapsedMs) * 1000) : 0;
    updateRun(this.deps.store, runId, {
      progress: percent,
      barsDone: done,
      updatedAt: this.deps.clock.nowSeconds(),
    });
    this.deps.events.emit('backtests:progress', {
      runId,
      status,
      percent,
      barsDone: done,
      barsTotal: total,
      barsPerSecond: rate,
      etaSeconds: rate > 0 ? Math.round(((total - done) / rate) * 10) / 10 : null,
    });
  }

  private finish(
    runId: string,
    status: BacktestStatus,
    done: number,
    total: number,
    report: BacktestReportDto | null,
    error: string | null,
    elapsedMs: number,
  ): void {
    this.active.delete(runId);
    const now = this.deps.clock.nowSeconds();
    const percent = status === 'completed' ? 100 : total > 0 ? Math.round((done / total) * 1000) / 10 : 0;
    updateRun(this.deps.store, runId, {
      status,
      progress: percent,
      barsDone: done,
      metricsJson: report,
      error,
      completedAt: now,
      updatedAt: now,
    });
    const rate = elapsedMs > 0 ? Math.round((done / elapsedMs) * 1000) : 0;
    this.deps.events.emit('backtests:progress', {
      runId,
      status,
      percent,
      barsDone: done,
      barsTotal: total,
      barsPerSecond: rate,
      etaSeconds: 0,
    });
  }

  /** Resolves when the run has ended (any status); at once for a run that is not active. */
  async settled(runId: string): Promise<BacktestRunDto> {
    await this.active.get(runId)?.done;
    return this.get(runId);
  }

  get(runId: string): BacktestRunDto {
    const row = runRow(this.deps.store, runId);
    const found = listRunRows(this.deps.store, this.deps.userId).find((r) => r.run.id === runId);
    if (!found) throw new AppError(ErrorCode.NOT_FOUND, `No backtest run ${runId}`, { field: 'runId' });
    return this.dto(row, found.version, found.strategyId, true);
  }

  list(strategyId?: string): BacktestRunDto[] {
    if (strategyId) strategyRow(this.deps.store, this.deps.userId, strategyId);
    return listRunRows(this.deps.store, this.deps.userId, strategyId).map((r) =>
      this.dto(r.run, r.version, r.strategyId, false),
    );
  }

  cancel(runId: string): BacktestRunDto {
    const run = this.get(runId);
    const active = this.active.get(runId);
    if (active) {
      active.job.cancel();
    } else if (run.status === 'queued' || run.status === 'running') {
      // Left over from a process that ended mid-run: nothing is working on it any more.
      this.finish(runId, 'cancelled', run.barsDone, run.barsTotal, null, null, 0);
    }
    return this.get(runId);
  }

  /** Cancels every active run (app shutdown). */
  dispose(): void {
    for (const a of this.active.values()) a.job.cancel();
  }

  private dto(row: RunRow, versionNumber: number, strategyId: string, withReport: boolean): BacktestRunDto {
    return {
      id: row.id,
      strategyId,
      strategyVersionId: row.strategyVersionId,
      versionNumber,
      symbol: symbolOf(this.deps.store, row.instrumentId),
      timeframe: row.timeframe,
      fromTs: row.fromTs,
      toTs: row.toTs,
      parameters: row.parametersJson as BacktestRunDto['parameters'],
      status: row.status,
      progress: row.progress,
      barsTotal: row.barsTotal,
      barsDone: row.barsDone,
      error: row.error,
      startedAt: row.startedAt,
      completedAt: row.completedAt,
      createdAt: row.createdAt,
      report: withReport ? ((row.metricsJson as BacktestReportDto | null) ?? null) : null,
    };
  }
}
