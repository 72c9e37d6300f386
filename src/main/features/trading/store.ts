import type Database from 'better-sqlite3';
import { and, asc, eq, inArray, max, sql } from 'drizzle-orm';
import { type EngineChanges, ExecutionEngine } from '../../../core/execution/engine';
import type { InstrumentSpec } from '../../../core/execution/instrument';
import type {
  AccountSettings,
  EngineOrder,
  EnginePosition,
  LedgerEntry,
  RiskRules,
} from '../../../core/execution/types';
import type { Bar } from '../../../core/replay/forming-bar';
import type { BaseBarSource } from '../../../core/replay/replay-runner';
import type {
  AccountDto,
  OrderDto,
  PositionDto,
  SessionDto,
  SessionStatus,
  TransactionDto,
} from '../../../shared/dto';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Speed, Timeframe } from '../../../shared/timeframes';
import type { Store } from '../../db/open-database';
import { datasets, instruments, orders, positions, sessions, transactions } from '../../db/schema';
import type { TradingDeps } from './deps';

export type SessionRow = typeof sessions.$inferSelect;
export type InstrumentRow = typeof instruments.$inferSelect;
type OrderRow = typeof orders.$inferSelect;
type PositionRow = typeof positions.$inferSelect;
type TransactionRow = typeof transactions.$inferSelect;

const statementCache = new WeakMap<Store, Map<string, Database.Statement>>();

/** A prepared statement, prepared once per store: the step path runs thousands a second. */
export function prepared(store: Store, sqlText: string): Database.Statement {
  let cache = statementCache.get(store);
  if (!cache) {
    cache = new Map();
    statementCache.set(store, cache);
  }
  let statement = cache.get(sqlText);
  if (!statement) {
    statement = store.sqlite.prepare(sqlText);
    cache.set(sqlText, statement);
  }
  return statement;
}

/** A price in points, kept to 1e-4 of a point so fractional spreads survive the round trip. */
export function ptsOf(price: number, scale: number): number {
  return Math.round(price * scale * 1e4) / 1e4;
}

export function instrumentSpec(row: InstrumentRow): InstrumentSpec {
  return {
    symbol: row.symbol,
    digits: row.digits,
    pipSize: row.pipSize,
    contractSize: row.contractSize,
    baseCurrency: row.baseCurrency,
    quoteCurrency: row.quoteCurrency,
  };
}

export function accountSettings(row: SessionRow): AccountSettings {
  return {
    currency: row.currency,
    leverage: row.leverage,
    spreadPts: row.spreadPts,
    slippagePts: row.slippagePts,
    commissionPerLotCents: row.commissionPerLotCents,
    stopOutPct: row.stopOutPct,
    quoteRate: row.quoteRate,
  };
}

export function riskRules(row: SessionRow): RiskRules {
  return {
    maxRiskPct: row.riskMaxPct,
    maxDailyLossCents: row.riskMaxDailyLossCents,
    maxTradesPerDay: row.riskMaxTradesPerDay,
    defaultSlPips: row.riskDefaultSlPips,
    defaultTpPips: row.riskDefaultTpPips,
  };
}

/** Base candles of a session, read strictly after the cursor: the only way bars reach the engine. */
export function sqliteBarSource(store: Store, instrumentId: string, timeframe: string): BaseBarSource {
  const after = store.sqlite.prepare(
    `SELECT ts, open, high, low, close, volume FROM candles
     WHERE instrument_id = ? AND timeframe = ? AND ts > ? AND ts <= ? ORDER BY ts LIMIT ?`,
  );
  return {
    barsAfter(afterTs, limit, untilTs) {
      return after.all(instrumentId, timeframe, afterTs, untilTs ?? Number.MAX_SAFE_INTEGER, limit) as Bar[];
    },
  };
}

/** Base candles in [fromTs, toTs], oldest first (toTs is always the cursor or before). */
export function readBaseRange(
  store: Store,
  instrumentId: string,
  timeframe: string,
  fromTs: number,
  toTs: number,
): Bar[] {
  return prepared(
    store,
    `SELECT ts, open, high, low, close, volume FROM candles
     WHERE instrument_id = ? AND timeframe = ? AND ts >= ? AND ts <= ? ORDER BY ts`,
  ).all(instrumentId, timeframe, fromTs, toTs) as Bar[];
}

/** The last `limit` base candles at or before `toTs`, oldest first. */
export function readBaseTail(
  store: Store,
  instrumentId: string,
  timeframe: string,
  toTs: number,
  limit: number,
): Bar[] {
  const rows = prepared(
    store,
    `SELECT ts, open, high, low, close, volume FROM candles
     WHERE instrument_id = ? AND timeframe = ? AND ts <= ? ORDER BY ts DESC LIMIT ?`,
  ).all(instrumentId, timeframe, toTs, limit) as Bar[];
  return rows.reverse();
}

export function getSessionRow(store: Store, sessionId: string): SessionRow {
  const row = store.db.select().from(sessions).where(eq(sessions.id, sessionId)).get();
  if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No session ${sessionId}`);
  return row;
}

/** The session a position belongs to; NOT_FOUND when there is no such position. */
export function getPositionSessionId(store: Store, positionId: string): string {
  const row = store.db
    .select({ sessionId: positions.sessionId })
    .from(positions)
    .where(eq(positions.id, positionId))
    .get();
  if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No position ${positionId}`);
  return row.sessionId;
}

export function getInstrumentRow(store: Store, instrumentId: string): InstrumentRow {
  const row = store.db.select().from(instruments).where(eq(instruments.id, instrumentId)).get();
  if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No instrument ${instrumentId}`);
  return row;
}

// ------------------------------------------------------------------ engine <-> rows

function orderFromRow(row: OrderRow, scale: number): EngineOrder {
  return {
    id: row.id,
    side: row.side,
    type: row.type,
    status: row.status,
    lots: row.lots,
    pricePts: row.price === null ? null : ptsOf(row.price, scale),
    slPts: row.slPrice === null ? null : ptsOf(row.slPrice, scale),
    tpPts: row.tpPrice === null ? null : ptsOf(row.tpPrice, scale),
    trailingPts: row.trailingPts,
    expiryTs: row.expiryTs,
    ocoOrderId: row.ocoOrderId,
    comment: row.comment,
    rejectReason: row.rejectReason,
    placedTs: row.placedTs,
    filledTs: row.filledTs,
    fillPricePts: row.fillPrice === null ? null : ptsOf(row.fillPrice, scale),
    positionId: row.positionId,
  };
}

function positionFromRow(row: PositionRow, scale: number): EnginePosition {
  return {
    id: row.id,
    status: row.status,
    side: row.side,
    lots: row.lots,
    entryPts: ptsOf(row.entryPrice, scale),
    entryBidPts: ptsOf(row.entryBid, scale),
    entrySlipPts: ptsOf(row.entrySlippage, scale),
    slPts: row.slPrice === null ? null : ptsOf(row.slPrice, scale),
    tpPts: row.tpPrice === null ? null : ptsOf(row.tpPrice, scale),
    trailingPts: row.trailingPts,
    exitPts: row.exitPrice === null ? null : ptsOf(row.exitPrice, scale),
    exitBidPts: row.exitBid === null ? null : ptsOf(row.exitBid, scale),
    exitSlipPts: ptsOf(row.exitSlippage, scale),
    openedTs: row.openedTs,
    closedTs: row.closedTs,
    parentId: row.parentPositionId,
    orderId: row.orderId,
    comment: row.comment,
    margin: row.margin,
    // The sum of its ledger entries (an open position already carries its entry commission).
    realizedCents: row.pnlCents + row.spreadCents + row.slippageCents + row.commissionCents,
    commissionCents: row.commissionCents,
    spreadCents: row.spreadCents,
    slippageCents: row.slippageCents,
    pnlCents: row.pnlCents,
  };
}

/** Rebuilds a session's engine from the store: exactly the state the last step persisted. */
export function loadEngine(ctx: TradingDeps, row: SessionRow, instrument: InstrumentRow): ExecutionEngine {
  const { store } = ctx;
  const spec = instrumentSpec(instrument);
  const scale = 10 ** spec.digits;
  const cursor = store.sqlite
    .prepare('SELECT close FROM candles WHERE instrument_id = ? AND timeframe = ? AND ts = ?')
    .get(row.instrumentId, row.baseTimeframe, row.cursorTs) as { close: number } | undefined;
  if (!cursor) {
    throw new AppError(
      ErrorCode.OUT_OF_DATA,
      `The data this session replays is gone (no ${row.baseTimeframe} bar at the cursor); re-import it to resume`,
    );
  }
  const pendingRows = store.db
    .select()
    .from(orders)
    .where(and(eq(orders.sessionId, row.id), eq(orders.status, 'PENDING')))
    .orderBy(sql`rowid`)
    .all();
  const openRows = store.db
    .select()
    .from(positions)
    .where(and(eq(positions.sessionId, row.id), eq(positions.status, 'OPEN')))
    .orderBy(sql`rowid`)
    .all();
  const seq =
    store.db
      .select({ seq: max(transactions.seq) })
      .from(transactions)
      .where(eq(transactions.sessionId, row.id))
      .get()?.seq ?? 0;
  return new ExecutionEngine(
    { instrument: spec, account: accountSettings(row), risk: riskRules(row), newId: ctx.newId },
    {
      cursorTs: row.cursorTs,
      bidPts: ptsOf(cursor.close, scale),
      hasBar: true,
      balanceCents: row.balanceCents,
      seq,
      dayIndex: row.dayIndex,
      dayStartBalanceCents: row.dayStartBalanceCents,
      tradesToday: row.tradesToday,
      orders: pendingRows.map((r) => orderFromRow(r, scale)),
      positions: openRows.map((r) => positionFromRow(r, scale)),
    },
  );
}

/**
 * Writes what the engine changed plus the session's cursor and balance in ONE transaction:
 * a crash leaves either the step before or the step after, never half of one.
 */
export function persistChanges(
  ctx: TradingDeps,
  sessionId: string,
  engine: ExecutionEngine,
  changes: EngineChanges,
  sessionPatch: Partial<Pick<SessionRow, 'status' | 'timeframe' | 'speed' | 'name'>> = {},
): void {
  const { store } = ctx;
  const now = ctx.clock.nowSeconds();
  const price = (pts: number | null) => (pts === null ? null : engine.price(pts));
  store.sqlite.transaction(() => {
    for (const p of changes.positions) {
      const values = {
        id: p.id,
        sessionId,
        status: p.status,
        side: p.side,
        lots: p.lots,
        entryPrice: engine.price(p.entryPts),
        entryBid: engine.price(p.entryBidPts),
        entrySlippage: engine.price(p.entrySlipPts),
        slPrice: price(p.slPts),
        tpPrice: price(p.tpPts),
        exitPrice: price(p.exitPts),
        exitBid: price(p.exitBidPts),
        exitSlippage: engine.price(p.exitSlipPts),
        openedTs: p.openedTs,
        closedTs: p.closedTs,
        realizedPnlCents: p.status === 'OPEN' ? null : p.realizedCents,
        commissionCents: p.commissionCents,
        slippageCents: p.slippageCents,
        spreadCents: p.spreadCents,
        pnlCents: p.pnlCents,
        trailingPts: p.trailingPts,
        margin: p.margin,
        parentPositionId: p.parentId,
        orderId: p.orderId,
        comment: p.comment,
        createdAt: now,
        updatedAt: now,
      };
      const { id: _id, createdAt: _c, sessionId: _s, ...update } = values;
      store.db
        .insert(positions)
        .values(values)
        .onConflictDoUpdate({ target: positions.id, set: update })
        .run();
    }
    for (const o of changes.orders) {
      // The stored row is the contract's view of the order plus the record times.
      const values = { ...orderDto(sessionId, o, engine), createdAt: now, updatedAt: now };
      const { id: _id, createdAt: _c, sessionId: _s, ...update } = values;
      store.db.insert(orders).values(values).onConflictDoUpdate({ target: orders.id, set: update }).run();
    }
    if (changes.ledger.length > 0) insertLedger(ctx, sessionId, changes.ledger, now);
    prepared(
      store,
      `UPDATE sessions SET cursor_ts = ?, balance_cents = ?, day_index = ?, day_start_balance_cents = ?,
       trades_today = ?, updated_at = ? WHERE id = ?`,
    ).run(
      engine.cursorTs,
      engine.balanceCents,
      engine.dayIndex,
      engine.dayStartBalanceCents,
      engine.tradesToday,
      now,
      sessionId,
    );
    if (Object.keys(sessionPatch).length > 0) {
      store.db.update(sessions).set(sessionPatch).where(eq(sessions.id, sessionId)).run();
    }
  })();
}

export function insertLedger(ctx: TradingDeps, sessionId: string, entries: LedgerEntry[], now: number): void {
  const insert = prepared(
    ctx.store,
    `INSERT INTO transactions (id, user_id, session_id, position_id, seq, type, amount_cents, balance_after_cents, ts, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  for (const e of entries) {
    insert.run(
      ctx.newId(),
      ctx.userId,
      sessionId,
      e.positionId,
      e.seq,
      e.type,
      e.amountCents,
      e.balanceAfterCents,
      e.ts,
      now,
      now,
    );
  }
}

// ------------------------------------------------------------------ DTOs

export function sessionDto(row: SessionRow, instrument: InstrumentRow): SessionDto {
  return {
    id: row.id,
    name: row.name,
    instrumentId: row.instrumentId,
    symbol: instrument.symbol,
    digits: instrument.digits,
    pipSize: instrument.pipSize,
    datasetId: row.datasetId,
    timeframe: row.timeframe as Timeframe,
    baseTimeframe: row.baseTimeframe as Timeframe,
    status: row.status as SessionStatus,
    speed: row.speed as Speed,
    startTs: row.startTs,
    endTs: row.endTs,
    cursorTs: row.cursorTs,
    dataStartTs: 0,
    dataEndTs: 0,
    currency: row.currency,
    initialBalanceCents: row.initialBalanceCents,
    balanceCents: row.balanceCents,
    leverage: row.leverage,
    spreadPts: row.spreadPts,
    slippagePts: row.slippagePts,
    commissionPerLotCents: row.commissionPerLotCents,
    stopOutPct: row.stopOutPct,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    quoteRate: row.quoteRate,
    risk: riskRules(row),
  };
}

/** The session DTO with the data range filled from its dataset. */
export function sessionDtoFull(store: Store, row: SessionRow, instrument: InstrumentRow): SessionDto {
  const dto = sessionDto(row, instrument);
  if (row.datasetId) {
    const dataset = store.db.select().from(datasets).where(eq(datasets.id, row.datasetId)).get();
    if (dataset) {
      dto.dataStartTs = dataset.startTs;
      dto.dataEndTs = dataset.endTs;
    }
  }
  return dto;
}

export function orderDto(sessionId: string, o: EngineOrder, engine: ExecutionEngine): OrderDto {
  const price = (pts: number | null) => (pts === null ? null : engine.price(pts));
  return {
    id: o.id,
    sessionId,
    side: o.side,
    type: o.type,
    status: o.status,
    lots: o.lots,
    price: price(o.pricePts),
    slPrice: price(o.slPts),
    tpPrice: price(o.tpPts),
    comment: o.comment,
    rejectReason: o.rejectReason,
    placedTs: o.placedTs,
    filledTs: o.filledTs,
    fillPrice: price(o.fillPricePts),
    positionId: o.positionId,
    trailingPts: o.trailingPts,
    expiryTs: o.expiryTs,
    ocoOrderId: o.ocoOrderId,
  };
}

export function orderRowDto(row: OrderRow): OrderDto {
  return {
    id: row.id,
    sessionId: row.sessionId,
    side: row.side,
    type: row.type,
    status: row.status,
    lots: row.lots,
    price: row.price,
    slPrice: row.slPrice,
    tpPrice: row.tpPrice,
    comment: row.comment,
    rejectReason: row.rejectReason,
    placedTs: row.placedTs,
    filledTs: row.filledTs,
    fillPrice: row.fillPrice,
    positionId: row.positionId,
    trailingPts: row.trailingPts,
    expiryTs: row.expiryTs,
    ocoOrderId: row.ocoOrderId,
  };
}

export function positionDto(
  sessionId: string,
  p: EnginePosition,
  engine: ExecutionEngine | null,
): PositionDto {
  const price = (pts: number | null) =>
    pts === null ? null : engine ? engine.price(pts) : Math.round(pts * 1e6) / 1e6;
  const open = p.status === 'OPEN';
  return {
    id: p.id,
    sessionId,
    status: p.status,
    side: p.side,
    lots: p.lots,
    entryPrice: price(p.entryPts)!,
    entryBid: price(p.entryBidPts)!,
    slPrice: price(p.slPts),
    tpPrice: price(p.tpPts),
    exitPrice: price(p.exitPts),
    openedTs: p.openedTs,
    closedTs: p.closedTs,
    openPnlCents: open && engine ? Math.round(engine.positionOpenPnl(p) * 100) : null,
    realizedPnlCents: open ? null : p.realizedCents,
    commissionCents: p.commissionCents,
    spreadCents: p.spreadCents,
    slippageCents: p.slippageCents,
    trailingPts: p.trailingPts,
    parentPositionId: p.parentId,
    orderId: p.orderId,
    comment: p.comment,
    pnlCents: p.pnlCents,
    marginCents: Math.round(p.margin * 100),
  };
}

export function positionRowDto(row: PositionRow, engine: ExecutionEngine | null): PositionDto {
  if (engine && row.status === 'OPEN') {
    const live = engine.open.find((p) => p.id === row.id);
    if (live) return positionDto(row.sessionId, live, engine);
  }
  return {
    id: row.id,
    sessionId: row.sessionId,
    status: row.status,
    side: row.side,
    lots: row.lots,
    entryPrice: row.entryPrice,
    entryBid: row.entryBid,
    slPrice: row.slPrice,
    tpPrice: row.tpPrice,
    exitPrice: row.exitPrice,
    openedTs: row.openedTs,
    closedTs: row.closedTs,
    openPnlCents: null,
    realizedPnlCents: row.realizedPnlCents,
    commissionCents: row.commissionCents,
    spreadCents: row.spreadCents,
    slippageCents: row.slippageCents,
    trailingPts: row.trailingPts,
    parentPositionId: row.parentPositionId,
    orderId: row.orderId,
    comment: row.comment,
    pnlCents: row.pnlCents,
    marginCents: Math.round(row.margin * 100),
  };
}

export function transactionDto(row: TransactionRow): TransactionDto {
  return {
    id: row.id,
    sessionId: row.sessionId,
    positionId: row.positionId,
    seq: row.seq,
    type: row.type,
    amountCents: row.amountCents,
    balanceAfterCents: row.balanceAfterCents,
    ts: row.ts,
  };
}

export function accountDto(currency: string, engine: ExecutionEngine): AccountDto {
  const a = engine.accountState();
  return {
    currency,
    balanceCents: a.balanceCents,
    equityCents: a.equityCents,
    openPnlCents: a.openPnlCents,
    usedMarginCents: a.usedMarginCents,
    freeMarginCents: a.freeMarginCents,
    marginLevelPct: a.marginLevelPct,
    bid: engine.price(a.bidPts),
    ask: engine.price(a.askPts),
  };
}

export function listOrders(store: Store, sessionId: string, pendingOnly: boolean): OrderRow[] {
  const where = pendingOnly
    ? and(eq(orders.sessionId, sessionId), eq(orders.status, 'PENDING'))
    : eq(orders.sessionId, sessionId);
  return store.db.select().from(orders).where(where).orderBy(sql`rowid`).all();
}

export function listPositions(store: Store, sessionId: string, openOnly: boolean): PositionRow[] {
  const where = openOnly
    ? and(eq(positions.sessionId, sessionId), eq(positions.status, 'OPEN'))
    : eq(positions.sessionId, sessionId);
  return store.db.select().from(positions).where(where).orderBy(sql`rowid`).all();
}

export function listTransactions(store: Store, sessionId: string): TransactionRow[] {
  return store.db
    .select()
    .from(transactions)
    .where(eq(transactions.sessionId, sessionId))
    .orderBy(asc(transactions.seq))
    .all();
}

export function positionRowsByIds(store: Store, ids: string[]): PositionRow[] {
  if (ids.length === 0) return [];
  return store.db.select().from(positions).where(inArray(positions.id, ids)).all();
}
