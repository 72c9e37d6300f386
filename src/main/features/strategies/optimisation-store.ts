import { and, desc, eq, sql } from 'drizzle-orm';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Store } from '../../db/open-database';
import { optimisationRuns, strategies, strategyVersions } from '../../db/schema';

export type OptimisationRow = typeof optimisationRuns.$inferSelect;

export function insertOptimisation(store: Store, row: OptimisationRow): void {
  store.db.insert(optimisationRuns).values(row).run();
}

export function updateOptimisation(store: Store, runId: string, change: Partial<OptimisationRow>): void {
  store.db.update(optimisationRuns).set(change).where(eq(optimisationRuns.id, runId)).run();
}

/** Runs of the user's strategies (one run, or those of one strategy), newest first, with version numbers. */
export function listOptimisationRows(
  store: Store,
  userId: string,
  filter: { strategyId?: string; runId?: string } = {},
): { run: OptimisationRow; version: number; strategyId: string }[] {
  const where = [eq(strategies.userId, userId)];
  if (filter.strategyId) where.push(eq(strategies.id, filter.strategyId));
  if (filter.runId) where.push(eq(optimisationRuns.id, filter.runId));
  return store.db
    .select({ run: optimisationRuns, version: strategyVersions.number, strategyId: strategies.id })
    .from(optimisationRuns)
    .innerJoin(strategyVersions, eq(strategyVersions.id, optimisationRuns.strategyVersionId))
    .innerJoin(strategies, eq(strategies.id, strategyVersions.strategyId))
    .where(and(...where))
    .orderBy(desc(optimisationRuns.createdAt), sql`"optimisation_runs"."rowid" desc`)
    .all();
}

export function optimisationRow(
  store: Store,
  userId: string,
  runId: string,
): { run: OptimisationRow; version: number; strategyId: string } {
  const found = listOptimisationRows(store, userId, { runId })[0];
  if (!found) throw new AppError(ErrorCode.NOT_FOUND, `No optimisation run ${runId}`, { field: 'runId' });
  return found;
}
