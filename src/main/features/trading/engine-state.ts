// The engine between the store and core: rows in, one transaction of changes out per step.
import { and, eq, max, sql } from 'drizzle-orm';
import { ExecutionEngine, type StateChanges } from '../../../core/execution/engine';
import type { LedgerEntry, Order, Position } from '../../../core/execution/types';
import { AppError, ErrorCode } from '../../../shared/errors';
import { ledgerEntries, orders, positions, sessions } from '../../db/schema';
import { readPlanBars } from '../market';
import type { TradingDeps } from './deps';
import { orderDto } from './dto';
import { NEW_YORK_ROLLOVER } from './rollover';
import {
  accountSettings,
  type InstrumentRow,
  instrumentSpec,
  type OrderRow,
  type PositionRow,
  prepared,
  ptsOf,
  riskRules,
  type SessionRow,
} from './store';

function orderFromRow(row: OrderRow, scale: number): Order {
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

function positionFromRow(row: PositionRow, scale: number): Position {
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
    exitReason: row.exitReason,
    parentId: row.parentPositionId,
    orderId: row.orderId,
    comment: row.comment,
    margin: row.margin,
    // The sum of its ledger entries (an open position already carries its entry commission).
    realizedCents: row.pnlCents + row.spreadCents + row.slippageCents + row.commissionCents + row.swapCents,
    commissionCents: row.commissionCents,
    spreadCents: row.spreadCents,
    slippageCents: row.slippageCents,
    swapCents: row.swapCents,
    pnlCents: row.pnlCents,
    pathDependent: row.pathDependent,
  };
}

/**
 * The step path writes its rows through these once-prepared upserts: building each statement anew
 * (drizzle's query builder, then SQLite's compiler) cost more than the rest of a step.
 * An upsert rewrites every column but the id, the session and the creation time.
 */
function upsertSql(table: string, columns: string[]): string {
  const kept = new Set(['id', 'session_id', 'created_at']);
  const set = columns.filter((c) => !kept.has(c)).map((c) => `${c} = excluded.${c}`);
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
    ON CONFLICT(id) DO UPDATE SET ${set.join(', ')}`;
}

const UPSERT_POSITION = upsertSql('positions', [
  'id',
  'session_id',
  'status',
  'side',
  'lots',
  'entry_price',
  'entry_bid',
  'entry_slippage',
  'sl_price',
  'tp_price',
  'exit_price',
  'exit_bid',
  'exit_slippage',
  'opened_ts',
  'closed_ts',
  'exit_reason',
  'realized_pnl_cents',
  'commission_cents',
  'slippage_cents',
  'spread_cents',
  'swap_cents',
  'pnl_cents',
  'path_dependent',
  'trailing_pts',
  'margin',
  'parent_position_id',
  'order_id',
  'comment',
  'created_at',
  'updated_at',
]);

const UPSERT_ORDER = upsertSql('orders', [
  'id',
  'session_id',
  'side',
  'type',
  'status',
  'lots',
  'price',
  'sl_price',
  'tp_price',
  'comment',
  'reject_reason',
  'placed_ts',
  'filled_ts',
  'fill_price',
  'position_id',
  'trailing_pts',
  'expiry_ts',
  'oco_order_id',
  'created_at',
  'updated_at',
]);

/** Rebuilds a session's engine from the store: exactly the state the last step persisted. */
export function loadEngine(
  ctx: TradingDeps,
  row: SessionRow,
  instrument: InstrumentRow,
  /** The ids the engine makes: the runtime records them for the session log. */
  newId: () => string = ctx.newId,
): ExecutionEngine {
  const { store } = ctx;
  const spec = instrumentSpec(instrument);
  const scale = 10 ** spec.digits;
  // The bar at the cursor along the base plan; any stored bar opening then if the plan has moved
  // since (finer data imported later), so the engine resumes at the price it last saw.
  const cursor =
    readPlanBars(store, row.instrumentId, { toTs: row.cursorTs, limit: 1, order: 'desc' }).find(
      (b) => b.ts === row.cursorTs,
    ) ??
    (store.sqlite
      .prepare(
        'SELECT close FROM candles WHERE series_id IN (SELECT id FROM series WHERE instrument_id = ?) AND ts = ? LIMIT 1',
      )
      .get(row.instrumentId, row.cursorTs) as { close: number } | undefined);
  if (!cursor) {
    throw new AppError(
      ErrorCode.OUT_OF_DATA,
      'The data this session replays is gone (no bar at the cursor); re-import it to resume',
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
      .select({ seq: max(ledgerEntries.seq) })
      .from(ledgerEntries)
      .where(eq(ledgerEntries.sessionId, row.id))
      .get()?.seq ?? 0;
  return new ExecutionEngine(
    {
      instrument: spec,
      account: accountSettings(row),
      risk: riskRules(row),
      newId,
      rollover: NEW_YORK_ROLLOVER,
    },
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
  changes: StateChanges,
  sessionPatch: Partial<Pick<SessionRow, 'status' | 'timeframe' | 'speed' | 'name'>> = {},
  /** More writes of the same step (a challenge's state), inside the same transaction. */
  alongside: () => void = () => {},
): void {
  const { store } = ctx;
  const now = ctx.clock.nowSeconds();
  const price = (pts: number | null) => (pts === null ? null : engine.price(pts));
  store.sqlite.transaction(() => {
    if (changes.positions.length > 0) {
      const upsert = prepared(store, UPSERT_POSITION);
      for (const p of changes.positions) {
        upsert.run(
          p.id,
          sessionId,
          p.status,
          p.side,
          p.lots,
          engine.price(p.entryPts),
          engine.price(p.entryBidPts),
          engine.price(p.entrySlipPts),
          price(p.slPts),
          price(p.tpPts),
          price(p.exitPts),
          price(p.exitBidPts),
          engine.price(p.exitSlipPts),
          p.openedTs,
          p.closedTs,
          p.exitReason,
          p.status === 'OPEN' ? null : p.realizedCents,
          p.commissionCents,
          p.slippageCents,
          p.spreadCents,
          p.swapCents,
          p.pnlCents,
          p.pathDependent ? 1 : 0,
          p.trailingPts,
          p.margin,
          p.parentId,
          p.orderId,
          p.comment,
          now,
          now,
        );
      }
    }
    if (changes.orders.length > 0) {
      const upsert = prepared(store, UPSERT_ORDER);
      for (const o of changes.orders) {
        // The stored row is the contract's view of the order plus the record times.
        const d = orderDto(sessionId, o, engine);
        upsert.run(
          d.id,
          sessionId,
          d.side,
          d.type,
          d.status,
          d.lots,
          d.price,
          d.slPrice,
          d.tpPrice,
          d.comment,
          d.rejectReason,
          d.placedTs,
          d.filledTs,
          d.fillPrice,
          d.positionId,
          d.trailingPts,
          d.expiryTs,
          d.ocoOrderId,
          now,
          now,
        );
      }
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
    alongside();
  })();
}

export function insertLedger(ctx: TradingDeps, sessionId: string, entries: LedgerEntry[], now: number): void {
  const insert = prepared(
    ctx.store,
    `INSERT INTO ledger_entries (id, user_id, session_id, position_id, seq, type, amount_cents, balance_after_cents, ts, created_at, updated_at)
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
