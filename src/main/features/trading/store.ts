import type Database from 'better-sqlite3';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { InstrumentSpec } from '../../../core/execution/instrument';
import type { AccountSettings, RiskRules } from '../../../core/execution/types';
import type { Bar } from '../../../core/replay/forming-bar';
import type { BaseBarSource } from '../../../core/replay/replay-runner';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Store } from '../../db/open-database';
import { instruments, ledgerEntries, orders, positions, sessions } from '../../db/schema';

export type SessionRow = typeof sessions.$inferSelect;
export type InstrumentRow = typeof instruments.$inferSelect;
export type OrderRow = typeof orders.$inferSelect;
export type PositionRow = typeof positions.$inferSelect;
export type LedgerEntryRow = typeof ledgerEntries.$inferSelect;

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
    minLot: row.minLot,
    lotStep: row.lotStep,
    swap: {
      mode: row.swapMode,
      long: row.swapLong,
      short: row.swapShort,
      tripleWeekday: row.swapTripleWeekday,
    },
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

/** The range of a session's base series over all its active datasets (nulls when there are none). */
export function baseSeriesRange(
  store: Store,
  instrumentId: string,
  timeframe: string,
): { startTs: number | null; endTs: number | null } {
  return prepared(
    store,
    'SELECT min(start_ts) AS startTs, max(end_ts) AS endTs FROM datasets WHERE instrument_id = ? AND timeframe = ? AND is_active = 1',
  ).get(instrumentId, timeframe) as { startTs: number | null; endTs: number | null };
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

export function listTransactions(store: Store, sessionId: string): LedgerEntryRow[] {
  return store.db
    .select()
    .from(ledgerEntries)
    .where(eq(ledgerEntries.sessionId, sessionId))
    .orderBy(asc(ledgerEntries.seq))
    .all();
}

export function positionRowsByIds(store: Store, ids: string[]): PositionRow[] {
  if (ids.length === 0) return [];
  return store.db.select().from(positions).where(inArray(positions.id, ids)).all();
}
