// SQL of the challenges feature: templates, challenges and their events.
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { AppError, ErrorCode } from '../../../shared/errors';
import type { Store } from '../../db/open-database';
import { challengeEvents, challenges, challengeTemplates } from '../../db/schema';

export type TemplateRow = typeof challengeTemplates.$inferSelect;
export type ChallengeRow = typeof challenges.$inferSelect;
export type ChallengeEventRow = typeof challengeEvents.$inferSelect;

export function listTemplateRows(store: Store, userId: string): TemplateRow[] {
  return store.db
    .select()
    .from(challengeTemplates)
    .where(eq(challengeTemplates.userId, userId))
    .orderBy(asc(challengeTemplates.createdAt))
    .all();
}

export function getTemplateRow(store: Store, userId: string, id: string): TemplateRow | undefined {
  return store.db
    .select()
    .from(challengeTemplates)
    .where(and(eq(challengeTemplates.userId, userId), eq(challengeTemplates.id, id)))
    .get();
}

export function insertTemplateRow(store: Store, row: TemplateRow): void {
  store.db.insert(challengeTemplates).values(row).run();
}

export function updateTemplateRow(store: Store, id: string, rulebookJson: unknown, now: number): void {
  store.db
    .update(challengeTemplates)
    .set({ rulebookJson, updatedAt: now })
    .where(eq(challengeTemplates.id, id))
    .run();
}

export function insertChallengeRow(store: Store, row: ChallengeRow): void {
  store.db.insert(challenges).values(row).run();
}

export function getChallengeRow(store: Store, userId: string, id: string): ChallengeRow {
  const row = store.db
    .select()
    .from(challenges)
    .where(and(eq(challenges.userId, userId), eq(challenges.id, id)))
    .get();
  if (!row) throw new AppError(ErrorCode.NOT_FOUND, `No challenge ${id}`);
  return row;
}

export function challengeRowForSession(store: Store, sessionId: string): ChallengeRow | undefined {
  return store.db.select().from(challenges).where(eq(challenges.sessionId, sessionId)).get();
}

export function listChallengeRows(store: Store, userId: string): ChallengeRow[] {
  return store.db
    .select()
    .from(challenges)
    .where(eq(challenges.userId, userId))
    .orderBy(desc(challenges.createdAt))
    .all();
}

/** The evaluator's state and outcome, written inside the session step's transaction. */
export function updateChallengeState(
  store: Store,
  id: string,
  patch: Pick<
    ChallengeRow,
    | 'status'
    | 'breachRule'
    | 'breachTs'
    | 'breachTick'
    | 'breachLimit'
    | 'breachValue'
    | 'passedTs'
    | 'evaluatorJson'
    | 'updatedAt'
  >,
): void {
  store.db.update(challenges).set(patch).where(eq(challenges.id, id)).run();
}

export function insertEventRows(store: Store, rows: ChallengeEventRow[]): void {
  for (const row of rows) store.db.insert(challengeEvents).values(row).run();
}

export function listEventRows(store: Store, challengeId: string): ChallengeEventRow[] {
  return store.db
    .select()
    .from(challengeEvents)
    .where(eq(challengeEvents.challengeId, challengeId))
    .orderBy(asc(challengeEvents.ts), sql`rowid`)
    .all();
}
