import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { id, timestamps } from './common';
import { users } from './users';

export const instruments = sqliteTable('instruments', {
  id: id(),
  symbol: text().notNull().unique(),
  displayName: text().notNull(),
  digits: integer().notNull(),
  pipSize: real().notNull(),
  contractSize: real().notNull(),
  baseCurrency: text().notNull(),
  quoteCurrency: text().notNull(),
  enabled: integer({ mode: 'boolean' }).notNull().default(true),
  ...timestamps,
});

/** An imported or exported file, recorded with its size and md5. */
export const files = sqliteTable(
  'files',
  {
    id: id(),
    ownerId: text().references(() => users.id),
    entityId: text(),
    path: text().notNull(),
    size: integer().notNull(),
    md5: text().notNull(),
    uploadedAt: integer().notNull(),
    ...timestamps,
  },
  (t) => [index('files_md5_idx').on(t.md5)],
);

export const datasets = sqliteTable(
  'datasets',
  {
    id: id(),
    instrumentId: text()
      .notNull()
      .references(() => instruments.id),
    timeframe: text().notNull(),
    uploadedByUserId: text().references(() => users.id),
    uploadedAt: integer().notNull(),
    recordsCount: integer().notNull(),
    fileId: text().references(() => files.id),
    format: text().notNull(),
    timezone: text().notNull(),
    isActive: integer({ mode: 'boolean' }).notNull().default(true),
    startTs: integer().notNull(),
    endTs: integer().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('datasets_instrument_timeframe_idx').on(t.instrumentId, t.timeframe)],
);

/**
 * Bid candles, labelled by open time. No per-row id: the natural key is the row, which keeps
 * a decade of M1 data small and bulk inserts fast.
 */
export const candles = sqliteTable(
  'candles',
  {
    instrumentId: text()
      .notNull()
      .references(() => instruments.id),
    timeframe: text().notNull(),
    ts: integer().notNull(),
    open: real().notNull(),
    high: real().notNull(),
    low: real().notNull(),
    close: real().notNull(),
    volume: real().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.instrumentId, t.timeframe, t.ts] })],
);
