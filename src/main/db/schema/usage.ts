import { integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, timestamps } from './common';
import { users } from './users';

/**
 * Usage counters per plan period (seeds 002 plan_usage, 004 USAGE_RECORD): how many of each kind
 * the trader created in one UTC calendar month, with the plan and limit in force at the last record.
 * Gauges (instruments with data, active sessions) are counted from the store itself; these rows
 * hold the monthly counters (report exports are limited by them; the others are shown).
 */
export const usageRecords = sqliteTable(
  'usage_records',
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    metric: text({
      enum: ['instruments', 'active-sessions', 'report-exports', 'automation-clients', 'backtests'],
    }).notNull(),
    /** UTC seconds: first second of the month, and of the next month. */
    periodStart: integer().notNull(),
    periodEnd: integer().notNull(),
    used: integer().notNull().default(0),
    planCode: text().notNull(),
    /** Null when the plan did not limit it. */
    planLimit: integer(),
    ...timestamps,
  },
  (t) => [uniqueIndex('usage_records_user_metric_period_idx').on(t.userId, t.metric, t.periodStart)],
);
