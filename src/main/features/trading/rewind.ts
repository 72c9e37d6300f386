// Step back and branch (issue 19): the session log replayed to an earlier bar, in place or into a new session.
import { rmSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { eq } from 'drizzle-orm';
import { ExecutionEngine } from '../../../core/execution/engine';
import type { ExecutionState, LedgerEntry, Order, Position, RiskRules } from '../../../core/execution/types';
import { ReplayRunner } from '../../../core/replay/replay-runner';
import {
  applyEvent,
  cutAt,
  effectiveEvents,
  type LoggedEvent,
  ReplayDivergence,
  type SessionEvent,
} from '../../../core/replay/session-log';
import type { SessionDto, StepBackDto } from '../../../shared/dto';
import { AppError, ErrorCode } from '../../../shared/errors';
import { TIMEFRAMES } from '../../../shared/timeframes';
import { sessions } from '../../db/schema';
import { planBarSource, readPlanBars } from '../market';
import type { TradingDeps } from './deps';
import { sessionDtoFull } from './dto';
import { insertLedger, persistChanges } from './engine-state';
import type { ReplayService } from './replay';
import { NEW_YORK_ROLLOVER } from './rollover';
import { appendEvent, readLog, rewindLock } from './session-log';
import { tsToIso } from './sessions';
import {
  accountSettings,
  getInstrumentRow,
  getSessionRow,
  type InstrumentRow,
  instrumentSpec,
  listTransactions,
  type SessionRow,
} from './store';

/** What replaying a log produced: the engine at its end and every row it touched on the way. */
interface Rebuilt {
  engine: ExecutionEngine;
  risk: RiskRules;
  orders: Map<string, Order>;
  positions: Map<string, Position>;
  ledger: LedgerEntry[];
  /** The replayed entries with the ids they used (a cut step uses a prefix) and where each left off. */
  entries: { entry: LoggedEvent; ids: string[]; cursorTs: number; ledgerSeq: number }[];
}

const same = (id: string) => id;

function translateEvent(event: SessionEvent, id: (old: string) => string): SessionEvent {
  switch (event.kind) {
    case 'place':
      return event.request.ocoWith
        ? { ...event, request: { ...event.request, ocoWith: id(event.request.ocoWith) } }
        : event;
    case 'modify-order':
    case 'cancel':
      return { ...event, orderId: id(event.orderId) };
    case 'modify-position':
    case 'close':
    case 'reverse':
    case 'break-even':
      return { ...event, positionId: id(event.positionId) };
    default:
      return event;
  }
}

/**
 * Replays `entries` (an origin first) on a fresh engine. `id` names what the engine makes: the
 * logged ids themselves to rebuild a session in place, fresh ones (kept consistent) for a branch.
 */
function replay(
  ctx: TradingDeps,
  row: SessionRow,
  instrument: InstrumentRow,
  entries: LoggedEvent[],
  id: (old: string) => string,
): Rebuilt {
  const first = entries[0]?.event;
  if (first?.kind !== 'origin') throw new ReplayDivergence('The log does not begin with its origin');
  let feed: string[] = [];
  let used: string[] = [];
  const newId = () => {
    const logged = feed.shift();
    if (logged === undefined) throw new ReplayDivergence('The engine made more ids than the log holds');
    used.push(logged);
    return id(logged);
  };
  let risk = first.risk;
  const source = planBarSource(ctx.store, row.instrumentId);
  const make = (state: ExecutionState) => {
    const engine = new ExecutionEngine(
      {
        instrument: instrumentSpec(instrument),
        account: accountSettings(row),
        risk,
        newId,
        rollover: NEW_YORK_ROLLOVER,
      },
      state,
    );
    return { engine, runner: new ReplayRunner(engine, source, TIMEFRAMES[0], row.endTs, 5_000) };
  };
  if (first.state.orders.length > 0 || first.state.positions.length > 0) {
    if (id !== same) throw new ReplayDivergence('Only a log that begins at the session start can be copied');
  }
  let { engine, runner } = make(first.state);
  const out: Rebuilt = { engine, risk, orders: new Map(), positions: new Map(), ledger: [], entries: [] };
  out.entries.push({ entry: entries[0]!, ids: [], cursorTs: engine.cursorTs, ledgerSeq: engine.seq });
  for (const entry of entries.slice(1)) {
    feed = [...entry.ids];
    used = [];
    const event = entry.event;
    if (event.kind === 'risk') {
      risk = event.risk;
      ({ engine, runner } = make(engine.exportState()));
    } else {
      applyEvent(engine, runner, translateEvent(event, id));
    }
    const changes = engine.drainChanges();
    for (const o of changes.orders) out.orders.set(o.id, o);
    for (const p of changes.positions) out.positions.set(p.id, p);
    out.ledger.push(...changes.ledger);
    out.entries.push({ entry, ids: used, cursorTs: engine.cursorTs, ledgerSeq: engine.seq });
  }
  // What is pending or open at the end is as it is now, touched on the way or not.
  for (const o of engine.pending) out.orders.set(o.id, o);
  for (const p of engine.open) out.positions.set(p.id, p);
  out.engine = engine;
  out.risk = risk;
  return out;
}

function riskColumns(risk: RiskRules) {
  return {
    riskMaxPct: risk.maxRiskPct,
    riskMaxDailyLossCents: risk.maxDailyLossCents,
    riskMaxTradesPerDay: risk.maxTradesPerDay,
    riskDefaultSlPips: risk.defaultSlPips,
    riskDefaultTpPips: risk.defaultTpPips,
  };
}

/** Step back N bars and branch from a bar: both replay the session log up to that bar. */
export class RewindService {
  constructor(
    private readonly ctx: TradingDeps,
    private readonly replay: ReplayService,
  ) {}

  private assertUnlocked(sessionId: string): SessionRow {
    const row = getSessionRow(this.ctx.store, sessionId);
    const locked = rewindLock(this.ctx.store, sessionId);
    if (locked) throw new AppError(ErrorCode.FORBIDDEN, locked, { field: 'sessionId' });
    if (row.status === 'ARCHIVED') {
      throw new AppError(ErrorCode.SESSION_CLOSED, 'This session is archived; nothing can change in it');
    }
    return row;
  }

  /** The log as the trader kept it, with the origin written now if it has not begun. */
  private timeline(sessionId: string): LoggedEvent[] {
    const log = readLog(this.ctx.store, sessionId);
    if (log.length > 0) return effectiveEvents(log);
    const rt = this.replay.runtime(sessionId);
    const state = rt.engine.exportState();
    return [
      {
        seq: 0,
        event: { kind: 'origin', state, risk: rt.engine.risk },
        ids: [],
        cursorTs: state.cursorTs,
      },
    ];
  }

  /**
   * Rewinds the session to the base bar `bars` bars before its cursor, as that bar stood when it
   * was revealed: orders, positions, ledger, account, risk rules and cursor as they were, every
   * action from then on undone (the log keeps them, after a `rewind`). Journal entries of undone
   * positions go with them; screenshots taken after that bar go too (they show later bars).
   */
  stepBack(sessionId: string, bars: number): StepBackDto {
    this.assertUnlocked(sessionId);
    this.replay.pause(sessionId);
    const rt = this.replay.runtime(sessionId);
    const row = rt.row;
    const timeline = this.timeline(sessionId);
    const originTs = (timeline[0]!.event as Extract<SessionEvent, { kind: 'origin' }>).state.cursorTs;
    const back = readPlanBars(this.ctx.store, row.instrumentId, {
      fromTs: originTs,
      toTs: rt.engine.cursorTs,
      limit: bars + 1,
      order: 'desc',
    });
    const target = back[bars];
    if (!target) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `Only ${Math.max(0, back.length - 1)} bars can be stepped back: the session's log begins at ${tsToIso(originTs)}`,
        { field: 'bars', available: Math.max(0, back.length - 1) },
      );
    }
    const kept = cutAt(timeline, target.ts);
    const rebuilt = this.rebuildOrFail(row, rt.instrument, kept, same);
    const { engine } = rebuilt;
    this.assertLedgerMatches(sessionId, rebuilt, kept);
    const keptIds = new Set(rebuilt.entries.flatMap((e) => e.ids));
    const undone = timeline.flatMap((e) => e.ids).filter((id) => !keptIds.has(id));
    const { store } = this.ctx;
    const db = store.sqlite;
    let paths: string[] = [];
    let undoneOrders = 0;
    let undonePositions = 0;
    try {
      persistChanges(
        this.ctx,
        sessionId,
        engine,
        {
          orders: [...rebuilt.orders.values()],
          positions: [...rebuilt.positions.values()],
          ledger: [],
          fills: [],
        },
        { status: 'PAUSED' },
        () => {
          db.prepare('DELETE FROM ledger_entries WHERE session_id = ? AND seq > ?').run(
            sessionId,
            engine.seq,
          );
          paths = this.dropScreenshotsAfter(sessionId, target.ts, undone);
          const dropOrder = db.prepare('DELETE FROM orders WHERE id = ? AND session_id = ?');
          const dropPosition = db.prepare('DELETE FROM positions WHERE id = ? AND session_id = ?');
          for (const id of undone) {
            undoneOrders += dropOrder.run(id, sessionId).changes;
            undonePositions += dropPosition.run(id, sessionId).changes;
          }
          store.db.update(sessions).set(riskColumns(rebuilt.risk)).where(eq(sessions.id, sessionId)).run();
          appendEvent(
            store,
            sessionId,
            {
              event: { kind: 'rewind', toTs: target.ts },
              ids: [],
              cursorTs: engine.cursorTs,
              status: 'PAUSED',
              ledgerSeq: engine.seq,
            },
            this.ctx.clock.nowSeconds(),
          );
        },
      );
    } finally {
      // The runtime reloads from the store: memory never runs ahead of (or behind) disk.
      this.replay.evict(sessionId);
    }
    this.removeFiles(paths);
    return { sessionId, cursorTs: engine.cursorTs, undoneOrders, undonePositions };
  }

  /**
   * A new session from the bar at `atTs` of `sessionId` (as that bar was revealed), or from its
   * cursor as it stands now when omitted: the parent's log up to there replayed with fresh ids, so
   * orders, positions, ledger, account and settings are as they stood. The parent is only read.
   */
  branch(sessionId: string, atTs: number | null, name: string | null): SessionDto {
    const parent = this.assertUnlocked(sessionId);
    const rt = this.replay.runtime(sessionId);
    const cursor = rt.engine.cursorTs;
    const timeline = this.timeline(sessionId);
    const origin = timeline[0]!.event as Extract<SessionEvent, { kind: 'origin' }>;
    if (origin.state.cursorTs !== parent.startTs || origin.state.seq !== 1) {
      throw new AppError(
        ErrorCode.CONFLICT,
        'This session was started before Tickstep kept session logs: it can be stepped back, not branched',
      );
    }
    const wanted = atTs ?? cursor;
    if (wanted > cursor) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `A branch starts at or before the session's replay time (${tsToIso(cursor)})`,
        { field: 'at' },
      );
    }
    const [bar] = readPlanBars(this.ctx.store, parent.instrumentId, {
      fromTs: parent.startTs,
      toTs: wanted,
      limit: 1,
      order: 'desc',
    });
    if (!bar) {
      throw new AppError(
        ErrorCode.INVALID_INPUT,
        `A branch starts at or after the session's start (${tsToIso(parent.startTs)})`,
        { field: 'at' },
      );
    }
    const fresh = new Map<string, string>();
    const rename = (old: string) => {
      let id = fresh.get(old);
      if (!id) {
        id = this.ctx.newId();
        fresh.set(old, id);
      }
      return id;
    };
    // From the cursor the branch takes the session as it stands, decisions at this bar included;
    // from an earlier bar, that bar as it was revealed (like a step back to it).
    const kept = atTs === null ? timeline : cutAt(timeline, bar.ts);
    const rebuilt = this.rebuildOrFail(parent, rt.instrument, kept, rename);
    const { engine } = rebuilt;
    const now = this.ctx.clock.nowSeconds();
    const id = this.ctx.newId();
    const row: SessionRow = {
      ...parent,
      ...riskColumns(rebuilt.risk),
      id,
      name: name ?? `${parent.name} (branch)`,
      status: 'PAUSED',
      cursorTs: engine.cursorTs,
      balanceCents: engine.balanceCents,
      dayIndex: engine.dayIndex,
      dayStartBalanceCents: engine.dayStartBalanceCents,
      tradesToday: engine.tradesToday,
      parentSessionId: parent.id,
      branchedAtTs: bar.ts,
      createdAt: now,
      updatedAt: now,
    };
    const { store } = this.ctx;
    const deposit = listTransactions(store, sessionId).filter((t) => t.seq <= origin.state.seq);
    store.sqlite.transaction(() => {
      store.db.insert(sessions).values(row).run();
      insertLedger(
        this.ctx,
        id,
        deposit.map((t) => ({
          seq: t.seq,
          type: t.type,
          amountCents: t.amountCents,
          balanceAfterCents: t.balanceAfterCents,
          ts: t.ts,
          positionId: null,
        })),
        now,
      );
      // Positions before the ledger that points at them.
      persistChanges(this.ctx, id, engine, {
        orders: [...rebuilt.orders.values()],
        positions: [...rebuilt.positions.values()],
        ledger: rebuilt.ledger,
        fills: [],
      });
      for (const r of rebuilt.entries) {
        appendEvent(
          store,
          id,
          {
            event: translateEvent(r.entry.event, rename),
            ids: r.ids.map(rename),
            cursorTs: r.cursorTs,
            status: 'PAUSED',
            ledgerSeq: r.ledgerSeq,
          },
          now,
        );
      }
    })();
    return sessionDtoFull(store, row, getInstrumentRow(store, row.instrumentId));
  }

  private rebuildOrFail(
    row: SessionRow,
    instrument: InstrumentRow,
    entries: LoggedEvent[],
    id: (old: string) => string,
  ): Rebuilt {
    try {
      return replay(this.ctx, row, instrument, entries, id);
    } catch (error) {
      if (!(error instanceof ReplayDivergence)) throw error;
      throw new AppError(
        ErrorCode.CONFLICT,
        `The session log no longer replays to the same state (was its data re-imported?): ${error.message}`,
      );
    }
  }

  /** The ledger kept must be the stored one, entry for entry: else the replay is not this session. */
  private assertLedgerMatches(sessionId: string, rebuilt: Rebuilt, kept: LoggedEvent[]): void {
    const origin = kept[0]!.event as Extract<SessionEvent, { kind: 'origin' }>;
    const stored = listTransactions(this.ctx.store, sessionId, origin.state.seq).filter(
      (t) => t.seq <= rebuilt.engine.seq,
    );
    const same =
      stored.length === rebuilt.ledger.length &&
      stored.every((t, i) => {
        const e = rebuilt.ledger[i]!;
        return (
          t.seq === e.seq &&
          t.type === e.type &&
          t.amountCents === e.amountCents &&
          t.positionId === e.positionId
        );
      });
    if (!same) {
      throw new AppError(
        ErrorCode.CONFLICT,
        'The session log no longer replays to the same ledger (was its data re-imported?); nothing was changed',
      );
    }
  }

  /** Deletes the journal screenshots showing bars after `ts`, or of undone positions; returns their files. */
  private dropScreenshotsAfter(sessionId: string, ts: number, undone: string[]): string[] {
    const db = this.ctx.store.sqlite;
    const undoneSet = new Set(undone);
    const shots = db
      .prepare(
        `SELECT j.id, j.position_id AS positionId, j.replay_ts AS replayTs, f.id AS fileId, f.path
           FROM journal_screenshots j JOIN files f ON f.id = j.file_id WHERE j.session_id = ?`,
      )
      .all(sessionId) as {
      id: string;
      positionId: string;
      replayTs: number | null;
      fileId: string;
      path: string;
    }[];
    const gone = shots.filter((s) => undoneSet.has(s.positionId) || (s.replayTs !== null && s.replayTs > ts));
    const dropFile = db.prepare('DELETE FROM files WHERE id = ?');
    for (const s of gone) dropFile.run(s.fileId);
    return gone.map((s) => s.path);
  }

  private removeFiles(paths: string[]): void {
    const inside = resolve(this.ctx.dataDir) + sep;
    for (const path of paths) {
      if (resolve(path).startsWith(inside)) rmSync(path, { force: true });
    }
  }
}
