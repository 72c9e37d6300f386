import type Database from 'better-sqlite3';
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { InstrumentSpec } from '../../../core/execution/instrument';
import type { AccountSettings, RiskRules } from '../../../core/execution/types';
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

/** Queries every call reads (a follower's ledger, a session's row), prepared once per store. */
const hotQueries = new WeakMap<Store, ReturnType<typeof prepareHot>>();

function prepareHot(store: Store) {
  return {
    session: store.db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sql.placeholder('sessionId')))
      .prepare(),
    ledgerAfter: store.db
      .select()
      .from(ledgerEntries)
      .where(
        and(
          eq(ledgerEntries.sessionId, sql.placeholder('sessionId')),
          gt(ledgerEntries.seq, sql.placeholder('afterSeq')),
        ),
      )
      .orderBy(asc(ledgerEntries.seq))
      .prepare(),
  };
}

function hot(store: Store): ReturnType<typeof prepareHot> {
  let queries = hotQueries.get(store);
  if (!queries) {
    queries = prepareHot(store);
    hotQueries.set(store, queries);
  }
  return queries;
}

export function getSessionRow(store: Store, sessionId: string): SessionRow {
  const row = hot(store).session.get({ sessionId });
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

/** A session's ledger, oldest first; with `afterSeq`, only the entries after that one. */
export function listTransactions(store: Store, sessionId: string, afterSeq = -1): LedgerEntryRow[] {
  return hot(store).ledgerAfter.all({ sessionId, afterSeq });
}

export function positionRowsByIds(store: Store, ids: string[]): PositionRow[] {
  if (ids.length === 0) return [];
  return store.db.select().from(positions).where(inArray(positions.id, ids)).all();
}
