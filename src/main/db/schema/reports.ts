import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { id, timestamps } from './common';
import { files } from './market';
import { positions, reports, sessions } from './trading';

/** Seed 000 REPORT_FILE: the files exported from a report (HTML, CSV, PDF), each a FILE row. */
export const reportFiles = sqliteTable(
  'report_files',
  {
    id: id(),
    reportId: text()
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    fileId: text()
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
    format: text({ enum: ['json', 'html', 'csv', 'pdf'] }).notNull(),
    ...timestamps,
  },
  (t) => [index('report_files_report_idx').on(t.reportId)],
);

/** The trade journal: the trader's notes, tags and setup rating (1-5) on a position. */
export const positionJournal = sqliteTable(
  'position_journal',
  {
    positionId: text()
      .primaryKey()
      .references(() => positions.id, { onDelete: 'cascade' }),
    sessionId: text()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    notes: text().notNull().default(''),
    /** JSON array of tag strings. */
    tagsJson: text({ mode: 'json' }).$type<string[]>().notNull(),
    rating: integer(),
    ...timestamps,
  },
  (t) => [index('position_journal_session_idx').on(t.sessionId)],
);

/**
 * Screenshots in a trade's journal, each a FILE row (PNG under `<data dir>/journal/`): the chart
 * taken automatically when the position opened and closed on the desk, and the trader's own.
 */
export const journalScreenshots = sqliteTable(
  'journal_screenshots',
  {
    id: id(),
    positionId: text()
      .notNull()
      .references(() => positions.id, { onDelete: 'cascade' }),
    sessionId: text()
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    fileId: text()
      .notNull()
      .references(() => files.id, { onDelete: 'cascade' }),
    kind: text({ enum: ['entry', 'exit', 'manual'] }).notNull(),
    /** The replay time (the session's cursor) the chart showed when taken; null for shots taken before it was kept. */
    replayTs: integer(),
    ...timestamps,
  },
  (t) => [
    index('journal_screenshots_session_idx').on(t.sessionId),
    index('journal_screenshots_position_idx').on(t.positionId),
  ],
);
