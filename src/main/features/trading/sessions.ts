import { rmSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { conversionMode, toCents } from '../../../core/portfolio/money';
import type { PerformanceSummary } from '../../../core/statistics/performance';
import type { createSessionInput, riskRulesInput } from '../../../shared/contract/trading';
import type { LedgerEntryDto, ReplaySummaryDto, SessionDto } from '../../../shared/dto';
import { AppError, ErrorCode } from '../../../shared/errors';
import { isTimeframe, TIMEFRAME_SECONDS, type Timeframe } from '../../../shared/timeframes';
import { instruments, sessions } from '../../db/schema';
import { activeDatasets, readPlanBars } from '../market';
import type { TradingDeps } from './deps';
import { ledgerEntryDto, sessionDtoFull } from './dto';
import { insertLedger } from './engine-state';
import { sessionPerformance } from './performance';
import { chartFloor, type ReplayService } from './replay';
import { getInstrumentRow, getSessionRow, listTransactions, type SessionRow } from './store';

export type CreateSessionInput = z.output<typeof createSessionInput>;
type RiskInput = z.output<typeof riskRulesInput>;

/** ISO 8601 to UTC epoch seconds. */
export function isoToTs(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new AppError(ErrorCode.INVALID_INPUT, `Not a date: ${iso}`);
  return Math.floor(ms / 1000);
}

export function tsToIso(ts: number): string {
  return new Date(ts * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The base data a session starting at `startTs` replays: the finest active dataset covering that
 * time (M1 where M1 exists, H1 where only H1 does). Null with every replayable range otherwise.
 */
export function findBaseDatasetAt(ctx: TradingDeps, instrumentId: string, startTs: number) {
  const rows = activeDatasets(ctx.store, instrumentId).filter((d) => isTimeframe(d.timeframe));
  const base = rows.find(
    (d) => startTs >= d.startTs && startTs <= d.endTs + TIMEFRAME_SECONDS[d.timeframe as Timeframe],
  );
  return { base: base ?? null, ranges: rows };
}

/** "M1 2017-01-02T00:00:00Z to 2017-01-31T23:59:00Z; H1 …", oldest first. */
function describeRanges(rows: { timeframe: string; startTs: number; endTs: number }[]): string {
  return [...rows]
    .sort((a, b) => a.startTs - b.startTs)
    .map((d) => `${d.timeframe} ${tsToIso(d.startTs)} to ${tsToIso(d.endTs)}`)
    .join('; ');
}

function riskColumns(risk: RiskInput | undefined) {
  return {
    riskMaxPct: risk?.maxRiskPct ?? null,
    riskMaxDailyLossCents: risk?.maxDailyLoss == null ? null : toCents(risk.maxDailyLoss),
    riskMaxTradesPerDay: risk?.maxTradesPerDay ?? null,
    riskDefaultSlPips: risk?.defaultSlPips ?? null,
    riskDefaultTpPips: risk?.defaultTpPips ?? null,
  };
}

/** Sessions: create (with the opening DEPOSIT), list, get, update, archive, delete, ledger, summary. */
export class SessionService {
  constructor(
    private readonly ctx: TradingDeps,
    private readonly replay: ReplayService,
  ) {}

  create(input: CreateSessionInput): SessionDto {
    const { store } = this.ctx;
    const instrument = store.db.select().from(instruments).where(eq(instruments.symbol, input.symbol)).get();
    if (!instrument) throw new AppError(ErrorCode.UNKNOWN_SYMBOL, `Unknown symbol ${input.symbol}`);
    const startTs = isoToTs(input.startAt);
    const { base: dataset, ranges } = findBaseDatasetAt(this.ctx, instrument.id, startTs);
    if (ranges.length === 0) {
      throw new AppError(
        ErrorCode.OUT_OF_DATA,
        `No ${input.symbol} data has been imported; import candles first`,
      );
    }
    if (!dataset) {
      throw new AppError(
        ErrorCode.OUT_OF_DATA,
        `The start ${tsToIso(startTs)} is outside the ${input.symbol} data (${describeRanges(ranges)})`,
        {
          field: 'startAt',
          ranges: ranges.map((d) => ({ timeframe: d.timeframe, startTs: d.startTs, endTs: d.endTs })),
        },
      );
    }
    const base = dataset.timeframe as Timeframe;
    const range = `${tsToIso(dataset.startTs)} to ${tsToIso(dataset.endTs)}`;
    if (TIMEFRAME_SECONDS[input.timeframe] < TIMEFRAME_SECONDS[base]) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `The chart timeframe ${input.timeframe} is finer than the ${base} data at ${tsToIso(startTs)}; pick ${base} or higher`,
        { field: 'timeframe' },
      );
    }
    // The first bar is the base plan's at the start: a coarser bar that holds the start (finer data
    // beginning inside an H1 bar) is replayed whole, so the session opens on it.
    const [first] = readPlanBars(store, instrument.id, { toTs: startTs, limit: 1, order: 'desc' });
    if (!first) {
      throw new AppError(
        ErrorCode.OUT_OF_DATA,
        `No ${input.symbol} bar at or before ${tsToIso(startTs)} (${range})`,
      );
    }
    let endTs: number | null = null;
    if (input.endAt) {
      endTs = isoToTs(input.endAt);
      if (endTs <= first.ts) throw new AppError(ErrorCode.INVALID_INPUT, 'The end must be after the start');
    }
    const mode = conversionMode(
      instrument.baseCurrency,
      instrument.quoteCurrency,
      input.currency.toUpperCase(),
      input.quoteRate ?? null,
    );
    if (!mode) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `${input.symbol} on a ${input.currency.toUpperCase()} account needs quoteRate: the ${instrument.quoteCurrency}->${input.currency.toUpperCase()} rate`,
      );
    }
    const now = this.ctx.clock.nowSeconds();
    const id = this.ctx.newId();
    const balanceCents = toCents(input.balance);
    const day = Math.floor(first.ts / 86_400);
    const row: SessionRow = {
      id,
      userId: this.ctx.userId,
      instrumentId: instrument.id,
      datasetId: dataset.id,
      name: input.name || `${input.symbol} ${tsToIso(first.ts).slice(0, 10)}`,
      timeframe: input.timeframe,
      baseTimeframe: base,
      status: 'DRAFT',
      speed: input.speed,
      startTs: first.ts,
      endTs,
      cursorTs: first.ts,
      currency: input.currency.toUpperCase(),
      initialBalanceCents: balanceCents,
      leverage: input.leverage,
      spreadPts: input.spreadPts,
      slippagePts: input.slippagePts,
      commissionPerLotCents: toCents(input.commissionPerLot),
      stopOutPct: input.stopOutPct,
      quoteRate: input.quoteRate ?? null,
      balanceCents,
      ...riskColumns(input.risk),
      dayIndex: day,
      dayStartBalanceCents: balanceCents,
      tradesToday: 0,
      parentSessionId: null,
      branchedAtTs: null,
      createdAt: now,
      updatedAt: now,
    };
    store.sqlite.transaction(() => {
      store.db.insert(sessions).values(row).run();
      insertLedger(
        this.ctx,
        id,
        [
          {
            seq: 1,
            type: 'DEPOSIT',
            amountCents: balanceCents,
            balanceAfterCents: balanceCents,
            ts: first.ts,
            positionId: null,
          },
        ],
        now,
      );
    })();
    return sessionDtoFull(store, row, instrument);
  }

  list(): SessionDto[] {
    const rows = this.ctx.store.db.select().from(sessions).where(eq(sessions.userId, this.ctx.userId)).all();
    rows.sort((a, b) => b.updatedAt - a.updatedAt || a.id.localeCompare(b.id));
    return rows.map((row) =>
      sessionDtoFull(this.ctx.store, row, getInstrumentRow(this.ctx.store, row.instrumentId)),
    );
  }

  get(sessionId: string): SessionDto {
    const row = this.replayRow(sessionId);
    return sessionDtoFull(this.ctx.store, row, getInstrumentRow(this.ctx.store, row.instrumentId));
  }

  /** The freshest row: the runtime's when loaded, else the store's. */
  private replayRow(sessionId: string): SessionRow {
    return getSessionRow(this.ctx.store, sessionId);
  }

  update(input: {
    sessionId: string;
    name?: string;
    timeframe?: Timeframe;
    speed?: SessionDto['speed'];
    risk?: RiskInput;
  }): SessionDto {
    const row = getSessionRow(this.ctx.store, input.sessionId);
    const floor = input.timeframe ? chartFloor(this.ctx, row) : null;
    if (input.timeframe && floor && TIMEFRAME_SECONDS[input.timeframe] < TIMEFRAME_SECONDS[floor]) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `The chart timeframe cannot be finer than the ${floor} data`,
      );
    }
    const patch: Partial<SessionRow> = { updatedAt: this.ctx.clock.nowSeconds() };
    if (input.name) patch.name = input.name;
    if (input.timeframe) patch.timeframe = input.timeframe;
    if (input.speed) patch.speed = input.speed;
    if (input.risk) Object.assign(patch, riskColumns(input.risk));
    const write = () =>
      this.ctx.store.db.update(sessions).set(patch).where(eq(sessions.id, input.sessionId)).run();
    // Risk rules live in the engine: reload it from the store (nothing is lost, every step is persisted).
    const playing = this.replay.isPlaying(input.sessionId);
    if (input.risk) {
      if (playing) this.replay.pause(input.sessionId);
      this.replay.changeRisk(input.sessionId, write);
    } else {
      write();
      const rt = this.replay.runtimeIfLoaded(input.sessionId);
      if (rt) Object.assign(rt.row, patch);
      // A running clock takes the new speed now, so the desk never has to know whether it plays.
      if (input.speed && playing) this.replay.play(input.sessionId, input.speed);
    }
    return this.get(input.sessionId);
  }

  archive(sessionId: string): SessionDto {
    this.replay.evict(sessionId);
    getSessionRow(this.ctx.store, sessionId);
    this.ctx.store.db
      .update(sessions)
      .set({ status: 'ARCHIVED', updatedAt: this.ctx.clock.nowSeconds() })
      .where(eq(sessions.id, sessionId))
      .run();
    return this.get(sessionId);
  }

  /**
   * Deletes the session with everything it owns. Its journal screenshots and report exports are
   * FILE rows that no foreign key cascades to, so they go in the same transaction; the files on
   * disk go after the commit, and only those inside the data directory: an export the trader saved
   * elsewhere is theirs.
   */
  delete(sessionId: string): { deleted: boolean } {
    this.replay.evict(sessionId);
    const db = this.ctx.store.sqlite;
    const { deleted, paths } = db.transaction(() => {
      const owned = db
        .prepare(
          `SELECT f.id, f.path FROM files f JOIN journal_screenshots j ON j.file_id = f.id WHERE j.session_id = ?
           UNION
           SELECT f.id, f.path FROM files f JOIN report_files rf ON rf.file_id = f.id
             JOIN reports r ON r.id = rf.report_id WHERE r.session_id = ?`,
        )
        .all(sessionId, sessionId) as { id: string; path: string }[];
      const result = db.prepare('DELETE FROM sessions WHERE id = ?').run(sessionId);
      const dropFile = db.prepare('DELETE FROM files WHERE id = ?');
      for (const file of owned) dropFile.run(file.id);
      return { deleted: result.changes > 0, paths: owned.map((f) => f.path) };
    })();
    const inside = resolve(this.ctx.dataDir) + sep;
    for (const path of paths) {
      if (resolve(path).startsWith(inside)) rmSync(path, { force: true });
    }
    return { deleted };
  }

  ledger(sessionId: string, afterSeq?: number): LedgerEntryDto[] {
    getSessionRow(this.ctx.store, sessionId);
    return listTransactions(this.ctx.store, sessionId, afterSeq).map(ledgerEntryDto);
  }

  /** Every metric of the session (the same computation the reports store). */
  summary(sessionId: string): ReplaySummaryDto & PerformanceSummary {
    return sessionPerformance(this.ctx, sessionId).summary;
  }
}
