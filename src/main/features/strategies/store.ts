import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Store } from '../../db/open-database';
import { backtestRuns, instruments, strategies, strategyVersions } from '../../db/schema';

export type StrategyRow = typeof strategies.$inferSelect;
export type VersionRow = typeof strategyVersions.$inferSelect;
export type RunRow = typeof backtestRuns.$inferSelect;

export function strategyRow(store: Store, userId: string, strategyId: string): StrategyRow {
  const row = store.db
    .select()
    .from(strategies)
    .where(and(eq(strategies.id, strategyId), eq(strategies.userId, userId)))
    .get();
  if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No strategy ${strategyId}`, { field: 'strategyId' });
  return row;
}

export function listStrategyRows(store: Store, userId: string): StrategyRow[] {
  return store.db
    .select()
    .from(strategies)
    .where(eq(strategies.userId, userId))
    .orderBy(desc(strategies.updatedAt), sql`"strategies"."rowid" desc`)
    .all();
}

export function slugTaken(store: Store, userId: string, slug: string): boolean {
  return (
    store.db
      .select({ id: strategies.id })
      .from(strategies)
      .where(and(eq(strategies.userId, userId), eq(strategies.slug, slug)))
      .get() !== undefined
  );
}

export function versionRows(store: Store, strategyId: string): VersionRow[] {
  return store.db
    .select()
    .from(strategyVersions)
    .where(eq(strategyVersions.strategyId, strategyId))
    .orderBy(desc(strategyVersions.number))
    .all();
}

export function latestVersionRow(store: Store, strategyId: string): VersionRow {
  const row = store.db
    .select()
    .from(strategyVersions)
    .where(eq(strategyVersions.strategyId, strategyId))
    .orderBy(desc(strategyVersions.number))
    .limit(1)
    .get();
  if (!row) throw new AppError(ErrorCode.INTERNAL, `Strategy ${strategyId} has no version`);
  return row;
}

export function versionRow(store: Store, versionId: string): VersionRow {
  const row = store.db.select().from(strategyVersions).where(eq(strategyVersions.id, versionId)).get();
  if (!row)
    throw new AppError(ErrorCode.NOT_FOUND, `No strategy version ${versionId}`, { field: 'versionId' });
  return row;
}

export function insertStrategy(store: Store, row: StrategyRow, version: VersionRow): void {
  store.sqlite.transaction(() => {
    store.db.insert(strategies).values(row).run();
    store.db.insert(strategyVersions).values(version).run();
  })();
}

/** Versions are only ever inserted; the number is the next free one, taken in the same transaction. */
export function insertVersion(store: Store, version: Omit<VersionRow, 'number'>, now: number): VersionRow {
  return store.sqlite.transaction(() => {
    const last = store.db
      .select({ n: sql<number>`max(${strategyVersions.number})` })
      .from(strategyVersions)
      .where(eq(strategyVersions.strategyId, version.strategyId))
      .get();
    const row: VersionRow = { ...version, number: (last?.n ?? 0) + 1 };
    store.db.insert(strategyVersions).values(row).run();
    store.db.update(strategies).set({ updatedAt: now }).where(eq(strategies.id, version.strategyId)).run();
    return row;
  })();
}

export function setStrategyStatus(
  store: Store,
  strategyId: string,
  status: StrategyRow['status'],
  now: number,
): void {
  store.db.update(strategies).set({ status, updatedAt: now }).where(eq(strategies.id, strategyId)).run();
}

export function instrumentBySymbol(
  store: Store,
  symbol: string,
): typeof instruments.$inferSelect | undefined {
  return store.db.select().from(instruments).where(eq(instruments.symbol, symbol)).get();
}

export function symbolOf(store: Store, instrumentId: string): string {
  return (
    store.db.select({ s: instruments.symbol }).from(instruments).where(eq(instruments.id, instrumentId)).get()
      ?.s ?? ''
  );
}

export function insertRun(store: Store, row: RunRow): void {
  store.db.insert(backtestRuns).values(row).run();
}

export function updateRun(store: Store, runId: string, change: Partial<RunRow>): void {
  store.db.update(backtestRuns).set(change).where(eq(backtestRuns.id, runId)).run();
}

export function runRow(store: Store, runId: string): RunRow {
  const row = store.db.select().from(backtestRuns).where(eq(backtestRuns.id, runId)).get();
  if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No backtest run ${runId}`, { field: 'runId' });
  return row;
}

/** Runs of the user's strategies (of one strategy when given), newest first, with version numbers. */
export function listRunRows(
  store: Store,
  userId: string,
  strategyId?: string,
): { run: RunRow; version: number; strategyId: string }[] {
  const where = strategyId
    ? and(eq(strategies.userId, userId), eq(strategies.id, strategyId))
    : eq(strategies.userId, userId);
  return store.db
    .select({ run: backtestRuns, version: strategyVersions.number, strategyId: strategies.id })
    .from(backtestRuns)
    .innerJoin(strategyVersions, eq(strategyVersions.id, backtestRuns.strategyVersionId))
    .innerJoin(strategies, eq(strategies.id, strategyVersions.strategyId))
    .where(where)
    .orderBy(desc(backtestRuns.createdAt), sql`"backtest_runs"."rowid" desc`)
    .all();
}
