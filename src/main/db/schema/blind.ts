import { integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sessions } from './trading';

/**
 * A blind session (issue 18): its times cross the contract shifted by `timeShiftSeconds` and its
 * prices by `priceOffset` until the session ends (COMPLETED or ARCHIVED), when everything shows
 * as stored. The seed made the choice of instrument and start, so a run can be told again.
 */
export const blindSessions = sqliteTable('blind_sessions', {
  sessionId: text()
    .primaryKey()
    .references(() => sessions.id, { onDelete: 'cascade' }),
  seed: integer().notNull(),
  /** Added to every market time: the first day's midnight becomes Day 1 of the blind zone. */
  timeShiftSeconds: integer().notNull(),
  /** Added to every price (0 when the trader kept the prices). */
  priceOffset: real().notNull().default(0),
  createdAt: integer().notNull(),
});
