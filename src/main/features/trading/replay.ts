import type { ExecutionEngine, StateChanges } from '../../../core/execution/engine';
import type { ExecutionState, RiskRules } from '../../../core/execution/types';
import { periodAt } from '../../../core/market/base-periods';
import { bucketStart, resampleCandles } from '../../../core/market/resample';
import { type JumpTarget, jumpTargetTs, playIntervalMs } from '../../../core/replay/replay-clock';
import { ReplayRunner, type StepResult } from '../../../core/replay/replay-runner';
import type { SessionEvent } from '../../../core/replay/session-log';
import type {
  CandleDto,
  FillDto,
  ReplaySnapshotDto,
  ReplayTickDto,
  SessionStatus,
} from '../../../shared/dto';
import { AppError, ErrorCode } from '../../../shared/errors';
import { type Speed, TIMEFRAME_SECONDS, TIMEFRAMES, type Timeframe } from '../../../shared/timeframes';
import {
  attachSpreads,
  basePeriodsBetween,
  type PlanBarSource,
  planBarSource,
  readCandles,
  readPlanBars,
  withDataSpreads,
} from '../market';
import type { TradingDeps } from './deps';
import { accountDto, orderDto, orderRowDto, positionDto, positionRowDto, sessionDtoFull } from './dto';
import { loadEngine, persistChanges } from './engine-state';
import { appendEvent, hasLog } from './session-log';
import { NO_WATCH, NO_WATCHERS, type SessionWatch, type SessionWatchers } from './session-watch';
import { sessionSpreadPlan } from './spread';
import {
  getInstrumentRow,
  getSessionRow,
  type InstrumentRow,
  listOrders,
  listPositions,
  riskRules,
  type SessionRow,
} from './store';

/** A timer the play loop runs on; tests inject a manual one so nothing waits on the wall clock. */
export interface Scheduler {
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const realScheduler: Scheduler = {
  setInterval: (fn, ms) => setInterval(fn, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** A session loaded in memory: its row, its engine and the runner that feeds it base bars. */
export interface SessionRuntime {
  row: SessionRow;
  instrument: InstrumentRow;
  engine: ExecutionEngine;
  runner: ReplayRunner;
  /** Where the runner's base bars come from: along the instrument's base plan. */
  source: PlanBarSource;
  /** A challenge following the session tick by tick, or the null watch. */
  watch: SessionWatch;
  /** Ids the engine made since the last change was persisted: they go into the log with it. */
  madeIds: string[];
  /** Whether the session's log has begun (its origin is written with its first event). */
  logged: boolean;
}

const CLOSED_STATUSES: SessionStatus[] = ['ARCHIVED'];

/**
 * The replay clock of every session: loads engines from the store, reveals base bars, persists
 * each step in one transaction, and builds the snapshot and tick DTOs. Nothing after the cursor
 * is ever read into a DTO.
 */
export class ReplayService {
  private readonly runtimes = new Map<string, SessionRuntime>();
  private readonly timers = new Map<string, unknown>();
  /** Per session, whether the play clock pauses after a step with a fill (the last play's choice). */
  private readonly pauseOnFill = new Map<string, boolean>();

  constructor(
    private readonly ctx: TradingDeps,
    private readonly scheduler: Scheduler = realScheduler,
    private readonly watchers: SessionWatchers = NO_WATCHERS,
  ) {}

  /** The in-memory runtime, loaded from the store on first use (after a restart or a crash). */
  runtime(sessionId: string): SessionRuntime {
    const cached = this.runtimes.get(sessionId);
    if (cached) return cached;
    const row = getSessionRow(this.ctx.store, sessionId);
    const instrument = getInstrumentRow(this.ctx.store, row.instrumentId);
    const madeIds: string[] = [];
    const engine = loadEngine(this.ctx, row, instrument, () => {
      const id = this.ctx.newId();
      madeIds.push(id);
      return id;
    });
    const watch = this.watchers.watch(sessionId, engine);
    if (watch !== NO_WATCH) engine.onTick = () => watch.observe(engine);
    const spread = sessionSpreadPlan(this.ctx.store, row, instrument);
    const plan = planBarSource(this.ctx.store, row.instrumentId);
    const source = spread ? withDataSpreads(this.ctx.store, row.instrumentId, plan) : plan;
    const runner = new ReplayRunner(
      engine,
      // The base changes along the plan (M1 here, H1 there): bars come from each period's own
      // data, and a chart bar ends at its last second whatever base fills it, so the runner is
      // told the finest timeframe there is.
      source,
      TIMEFRAMES[0],
      row.endTs,
      5_000,
      // A challenge that ended at a tick ends the step at that bar.
      () => watch.closedReason() !== null,
    );
    if (spread) {
      runner.spread = spread;
      // Resumed at the cursor: its bar's spread, so an order placed now pays what it did before.
      const cursor = readPlanBars(this.ctx.store, row.instrumentId, {
        fromTs: row.cursorTs,
        toTs: row.cursorTs,
        limit: 1,
      });
      attachSpreads(this.ctx.store, row.instrumentId, cursor, source.periods);
      engine.setSpreadPts(spread.at(cursor[0] ?? { ts: row.cursorTs }));
    }
    const logged = hasLog(this.ctx.store, sessionId);
    const runtime = { row, instrument, engine, runner, source, watch, madeIds, logged };
    this.runtimes.set(sessionId, runtime);
    return runtime;
  }

  runtimeIfLoaded(sessionId: string): SessionRuntime | undefined {
    return this.runtimes.get(sessionId);
  }

  /** Forgets a runtime (after a failed write, a delete): the next call reloads from the store. */
  evict(sessionId: string): void {
    this.stopTimer(sessionId);
    this.runtimes.delete(sessionId);
  }

  /**
   * Runs `fn` on the session's engine and persists what it changed, with the session patch, in
   * one transaction. If the write fails the runtime is dropped, so memory never runs ahead of disk.
   */
  mutate<T>(
    sessionId: string,
    fn: (rt: SessionRuntime) => T,
    patch: (
      rt: SessionRuntime,
      result: T,
    ) => Partial<Pick<SessionRow, 'status' | 'timeframe' | 'speed' | 'name'>> = () => ({}),
    /** A replay step: its ticks were observed one by one already. */
    stepped = false,
    /** The log entry of the change (null: nothing the log keeps, e.g. play and pause). */
    log: (rt: SessionRuntime, result: T) => SessionEvent | null = () => null,
  ): { result: T; changes: StateChanges; rt: SessionRuntime } {
    const rt = this.runtime(sessionId);
    if (CLOSED_STATUSES.includes(rt.row.status)) {
      throw new AppError(ErrorCode.SESSION_CLOSED, 'This session is archived; nothing can change in it');
    }
    let result: T;
    let changes: StateChanges;
    let sessionPatch: ReturnType<typeof patch>;
    // The log begins with the state it starts from: the session's start, or for a session older
    // than the log, the state it has when first changed since.
    const origin = rt.logged ? null : { state: rt.engine.exportState(), risk: riskRules(rt.row) };
    rt.madeIds.length = 0;
    try {
      result = fn(rt);
      // A trader action (a market order, a new stop loss) is a sample for the watch too.
      if (!stepped) rt.watch.afterAction(rt.engine);
      changes = rt.engine.drainChanges();
      sessionPatch = patch(rt, result);
      if (rt.watch.closedReason() !== null && rt.row.status !== 'COMPLETED') {
        sessionPatch = { ...sessionPatch, status: 'COMPLETED' };
      }
      const event = log(rt, result);
      const status = sessionPatch.status ?? rt.row.status;
      persistChanges(this.ctx, sessionId, rt.engine, changes, sessionPatch, () => {
        rt.watch.persist();
        if (event) this.appendLogged(rt, origin, event, status);
      });
      if (event) rt.logged = true;
    } catch (error) {
      this.evict(sessionId);
      throw error;
    }
    Object.assign(rt.row, sessionPatch, {
      cursorTs: rt.engine.cursorTs,
      balanceCents: rt.engine.balanceCents,
      dayIndex: rt.engine.dayIndex,
      dayStartBalanceCents: rt.engine.dayStartBalanceCents,
      tradesToday: rt.engine.tradesToday,
    });
    if (rt.watch.closedReason() !== null) this.stopTimer(sessionId);
    rt.watch.committed();
    return { result, changes, rt };
  }

  /** Appends `event` (and first the origin, if the log has not begun); inside the change's transaction. */
  appendLogged(
    rt: SessionRuntime,
    origin: { state: ExecutionState; risk: RiskRules } | null,
    event: SessionEvent,
    status: string,
  ): void {
    const now = this.ctx.clock.nowSeconds();
    const store = this.ctx.store;
    if (!rt.logged && origin) {
      appendEvent(
        store,
        rt.row.id,
        {
          event: { kind: 'origin', ...origin },
          ids: [],
          cursorTs: origin.state.cursorTs,
          status: rt.row.status,
          ledgerSeq: origin.state.seq,
        },
        now,
      );
    }
    appendEvent(
      store,
      rt.row.id,
      { event, ids: rt.madeIds.splice(0), cursorTs: rt.engine.cursorTs, status, ledgerSeq: rt.engine.seq },
      now,
    );
  }

  /**
   * Runs `write` (the new risk rules into the session's row) and logs the rules in one
   * transaction; the engine then reloads with them, as rules are fixed for an engine's life.
   */
  changeRisk(sessionId: string, write: () => void): void {
    const rt = this.runtime(sessionId);
    const origin = rt.logged ? null : { state: rt.engine.exportState(), risk: riskRules(rt.row) };
    rt.madeIds.length = 0;
    try {
      this.ctx.store.sqlite.transaction(() => {
        write();
        const risk = riskRules(getSessionRow(this.ctx.store, sessionId));
        this.appendLogged(rt, origin, { kind: 'risk', risk }, rt.row.status);
      })();
    } finally {
      this.evict(sessionId);
    }
  }

  /** Why the session takes no more steps or orders, or null while it is open. */
  closedReason(rt: SessionRuntime): string | null {
    const watched = rt.watch.closedReason();
    if (watched !== null) return watched;
    return rt.row.status === 'COMPLETED' ? 'This session has reached the end of its data' : null;
  }

  private step(
    sessionId: string,
    advance: (rt: SessionRuntime) => StepResult,
    chart?: Timeframe,
  ): ReplayTickDto {
    const closed = this.closedReason(this.runtime(sessionId));
    if (closed !== null) throw new AppError(ErrorCode.SESSION_CLOSED, closed);
    const { result, changes, rt } = this.mutate(
      sessionId,
      advance,
      (r, stepped) => {
        const status = stepped.ended ? 'COMPLETED' : r.row.status === 'DRAFT' ? 'RUNNING' : r.row.status;
        return status === r.row.status ? {} : { status };
      },
      true,
      (r, stepped) => ({ kind: 'step', toTs: r.engine.cursorTs, ended: stepped.ended }),
    );
    if (result.ended) this.stopTimer(sessionId);
    const tick = this.tick(rt, changes, chart);
    // Every step is pushed, whoever asked for it (the play clock, a button, another window).
    this.ctx.events.emit('replay:tick', tick);
    return tick;
  }

  stepBars(sessionId: string, bars: number): ReplayTickDto {
    return this.step(sessionId, (rt) => rt.runner.stepBars(bars, false));
  }

  /**
   * The chart may be as fine as the finest base replayed so far: an M1 chart stays M1 across an
   * H1-only stretch (showing its H1 bars as they are), but a session that has only met H1 data
   * has no M1 bars to draw.
   */
  private assertChartTimeframe(rt: SessionRuntime, chart: Timeframe): void {
    const floor = chartFloor(this.ctx, rt.row);
    if (TIMEFRAME_SECONDS[chart] < TIMEFRAME_SECONDS[floor]) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `The chart timeframe ${chart} is finer than the session's ${floor} data`,
      );
    }
  }

  stepChartBar(sessionId: string, timeframe?: Timeframe): ReplayTickDto {
    const chart = timeframe ?? (this.runtime(sessionId).row.timeframe as Timeframe);
    this.assertChartTimeframe(this.runtime(sessionId), chart);
    return this.step(sessionId, (rt) => rt.runner.stepChartBar(chart), chart);
  }

  jumpTo(sessionId: string, ts: number): ReplayTickDto {
    const rt = this.runtime(sessionId);
    rt.source.refresh();
    if (ts <= rt.engine.cursorTs) {
      throw new AppError(ErrorCode.INVALID_INPUT, 'A jump only goes forward: pick a time after the cursor');
    }
    return this.step(sessionId, (r) => r.runner.stepUntil(ts, false));
  }

  /** Up to the first base bar of the next day or session open; fills on the way as single steps. */
  jumpNext(sessionId: string, target: JumpTarget): ReplayTickDto {
    return this.step(sessionId, (r) =>
      r.runner.stepToFirstBarFrom(jumpTargetTs(r.engine.cursorTs, target), false),
    );
  }

  play(sessionId: string, speed?: Speed, pauseOnFill?: boolean): void {
    if (pauseOnFill !== undefined) this.pauseOnFill.set(sessionId, pauseOnFill);
    const rt = this.runtime(sessionId);
    const closed = this.closedReason(rt);
    if (closed !== null) throw new AppError(ErrorCode.SESSION_CLOSED, closed);
    const chosen = speed ?? (rt.row.speed as Speed);
    this.mutate(
      sessionId,
      () => null,
      () => ({ status: 'RUNNING', speed: chosen }),
    );
    this.stopTimer(sessionId);
    const handle = this.scheduler.setInterval(() => this.playTick(sessionId), playIntervalMs(chosen));
    this.timers.set(sessionId, handle);
  }

  /** One play step: a base bar (pushed as `replay:tick` like every step); the end of data stops the clock. */
  playTick(sessionId: string): void {
    try {
      const tick = this.stepBars(sessionId, 1);
      if (tick.status === 'COMPLETED') {
        this.stopTimer(sessionId);
        this.ctx.events.emit('replay:stopped', { sessionId, reason: 'completed' });
      } else if (tick.fills.length > 0 && (this.pauseOnFill.get(sessionId) ?? true)) {
        // Stopped here, in main, so not one more bar passes whatever the speed or the page's lag.
        this.pause(sessionId, 'fill');
      }
    } catch (error) {
      this.stopTimer(sessionId);
      const message = error instanceof Error ? error.message : String(error);
      this.ctx.events.emit('replay:stopped', { sessionId, reason: 'error', message });
    }
  }

  pause(sessionId: string, reason: 'paused' | 'fill' = 'paused'): void {
    const wasPlaying = this.timers.has(sessionId);
    this.stopTimer(sessionId);
    const rt = this.runtime(sessionId);
    if (rt.row.status === 'RUNNING' || rt.row.status === 'DRAFT') {
      this.mutate(
        sessionId,
        () => null,
        () => ({ status: 'PAUSED' }),
      );
    }
    if (wasPlaying) this.ctx.events.emit('replay:stopped', { sessionId, reason });
  }

  /** Pauses a playing clock, else plays at the session's stored speed; true when now playing. */
  toggle(sessionId: string, pauseOnFill?: boolean): boolean {
    if (this.isPlaying(sessionId)) this.pause(sessionId);
    else this.play(sessionId, undefined, pauseOnFill);
    return this.isPlaying(sessionId);
  }

  isPlaying(sessionId: string): boolean {
    return this.timers.has(sessionId);
  }

  private stopTimer(sessionId: string): void {
    const handle = this.timers.get(sessionId);
    if (handle !== undefined) {
      this.scheduler.clearInterval(handle);
      this.timers.delete(sessionId);
    }
  }

  dispose(): void {
    for (const id of [...this.timers.keys()]) this.stopTimer(id);
    this.runtimes.clear();
  }

  // ---------------------------------------------------------------- views (never past the cursor)

  /**
   * Chart bars of `timeframe` ending at the cursor. Completed bars (all opening before the
   * cursor's bucket, so wholly revealed) come from the candle repository and its cache; the last
   * one forms from the revealed base bars only.
   */
  chartCandles(rt: SessionRuntime, timeframe: Timeframe, count: number): CandleDto[] {
    const start = bucketStart(rt.engine.cursorTs, timeframe);
    const done =
      count > 1
        ? readCandles(this.ctx.store, {
            instrumentId: rt.row.instrumentId,
            timeframe,
            toTs: start - 1,
            limit: count - 1,
            order: 'desc',
            keepCoarser: true,
          }).reverse()
        : [];
    return [...done.filter((c) => c.ts < start), this.formingBar(rt, timeframe)];
  }

  /**
   * The forming (or just completed) chart bar at the cursor, from the base bars revealed in it. A
   * base bar coarser than the chart (an H1 bar on an M1 chart) is that bar as it is.
   */
  formingBar(rt: SessionRuntime, timeframe: Timeframe): CandleDto {
    const cursor = rt.engine.cursorTs;
    const start = bucketStart(cursor, timeframe);
    const rows = readPlanBars(
      this.ctx.store,
      rt.row.instrumentId,
      { fromTs: start, toTs: cursor },
      rt.source.periods,
    );
    const bars = resampleCandles(rows, timeframe);
    const last = bars[bars.length - 1];
    if (!last) throw new AppError(ErrorCode.OUT_OF_DATA, 'No bar at the cursor');
    return last;
  }

  tick(rt: SessionRuntime, changes: StateChanges, chart?: Timeframe): ReplayTickDto {
    const engine = rt.engine;
    const sessionId = rt.row.id;
    const fills: FillDto[] = changes.fills.map((f) => ({
      orderId: f.orderId,
      positionId: f.positionId,
      side: f.side,
      lots: f.lots,
      price: engine.price(f.pricePts),
      ts: f.ts,
      reason: f.reason,
    }));
    return {
      sessionId,
      cursorTs: engine.cursorTs,
      status: rt.row.status as SessionStatus,
      bar: this.formingBar(rt, chart ?? (rt.row.timeframe as Timeframe)),
      baseTimeframe:
        periodAt(rt.source.periods, engine.cursorTs)?.timeframe ?? (rt.row.baseTimeframe as Timeframe),
      fills,
      orders: engine.pending.map((o) => orderDto(sessionId, o, engine)),
      positions: engine.open.map((p) => positionDto(sessionId, p, engine)),
      account: accountDto(rt.row.currency, engine),
    };
  }

  snapshot(sessionId: string, timeframe: Timeframe | undefined, count: number): ReplaySnapshotDto {
    const rt = this.runtime(sessionId);
    rt.source.refresh();
    const chart = timeframe ?? (rt.row.timeframe as Timeframe);
    this.assertChartTimeframe(rt, chart);
    return {
      session: sessionDtoFull(this.ctx.store, rt.row, rt.instrument),
      candles: this.chartCandles(rt, chart, count),
      orders: listOrders(this.ctx.store, sessionId, true).map(orderRowDto),
      positions: listPositions(this.ctx.store, sessionId, true).map((r) => positionRowDto(r, rt.engine)),
      account: accountDto(rt.row.currency, rt.engine),
    };
  }
}

/**
 * The finest chart timeframe a session can draw: the finest base it has replayed so far, or its
 * first base (the finest data at its start) when that is finer.
 */
export function chartFloor(ctx: TradingDeps, row: SessionRow): Timeframe {
  let floor = row.baseTimeframe as Timeframe;
  for (const p of basePeriodsBetween(ctx.store, row.instrumentId, row.startTs, row.cursorTs)) {
    if (TIMEFRAME_SECONDS[p.timeframe] < TIMEFRAME_SECONDS[floor]) floor = p.timeframe;
  }
  return floor;
}
