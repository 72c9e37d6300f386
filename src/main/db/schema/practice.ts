import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './users';

/**
 * Practice streaks and reminder settings (seed 003), one row per local profile. A local day
 * counts when a replay day completes or `barsPerDay` bars are replayed in it.
 */
export const practiceStreaks = sqliteTable('practice_streaks', {
  userId: text()
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  currentStreakDays: integer().notNull().default(0),
  bestStreakDays: integer().notNull().default(0),
  /** Local date 'YYYY-MM-DD' of the last day that counted. */
  lastStreakDate: text(),
  pendingDate: text(),
  pendingBars: integer().notNull().default(0),
  barsPerDay: integer().notNull().default(200),
  /** Local 'HH:MM' of the daily reminder; null: no reminder. */
  reminderTime: text(),
  /** The trader's IANA zone: local days and the reminder's time are read in it. */
  zone: text().notNull().default('UTC'),
  /** Also ask the hosted service for an email at the reminder's window (signed in and online). */
  emailReminders: integer({ mode: 'boolean' }).notNull().default(false),
  updatedAt: integer().notNull(),
});

/** Reminders sent, one per due window and channel: the key makes a second one impossible. */
export const practiceReminders = sqliteTable(
  'practice_reminders',
  {
    userId: text()
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    dueWindowKey: text().notNull(),
    channel: text().notNull(),
    sentAt: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.dueWindowKey, t.channel] })],
);
