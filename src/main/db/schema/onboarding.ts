import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * First-run marks, one row per thing that happened once: the sample was seeded (so a trader who
 * deletes it does not get it back), a checklist step was done, the checklist was dismissed.
 */
export const onboardingMarks = sqliteTable(
  'onboarding_marks',
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    mark: text({
      enum: ['sample-seeded', 'checklist-dismissed', 'step', 'bracket-buy', 'play', 'report'],
    }).notNull(),
    /** UTC seconds when it first happened. */
    at: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.mark] })],
);
