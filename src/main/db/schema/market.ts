import {
  blob,
  index,
  integer,
  primaryKey,
  real,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';
import { id, timestamps } from './common';
import { users } from './users';

/** The stored shape of an instrument's spread schedule (core `SpreadSchedule`). */
export interface SpreadScheduleJson {
  hourPts: number[];
  weekdayPts: number[];
  rolloverPts: number;
  rolloverMinutes: number;
}

export const instruments = sqliteTable('instruments', {
  id: id(),
  symbol: text().notNull().unique(),
  displayName: text().notNull(),
  digits: integer().notNull(),
  pipSize: real().notNull(),
  contractSize: real().notNull(),
  baseCurrency: text().notNull(),
  quoteCurrency: text().notNull(),
  minLot: real().notNull().default(0.01),
  lotStep: real().notNull().default(0.01),
  /** Swap at each rollover: 'points' a lot a night, or 'percent' a year; signed, negative is a charge. */
  swapMode: text({ enum: ['points', 'percent'] })
    .notNull()
    .default('points'),
  swapLong: real().notNull().default(0),
  swapShort: real().notNull().default(0),
  /** Weekday (0 Sunday … 6 Saturday, New York) whose rollover charges three nights. */
  swapTripleWeekday: integer().notNull().default(3),
  /** Spread schedule (JSON `SpreadSchedule`, points by UTC hour and weekday, rollover widening); null: none. */
  spreadSchedule: text({ mode: 'json' }).$type<SpreadScheduleJson>(),
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
  // Several datasets per series: files that do not overlap in time stay apart (each removable).
  (t) => [index('datasets_instrument_timeframe_idx').on(t.instrumentId, t.timeframe, t.startTs)],
);

/**
 * One row per instrument and timeframe that has candles: its small integer id keys every candle,
 * where the 36-character instrument id and the timeframe text would repeat in each of millions.
 */
export const series = sqliteTable(
  'series',
  {
    id: integer().primaryKey(),
    instrumentId: text()
      .notNull()
      .references(() => instruments.id),
    timeframe: text().notNull(),
  },
  (t) => [uniqueIndex('series_instrument_timeframe_idx').on(t.instrumentId, t.timeframe)],
);

/**
 * Bid candles, labelled by open time, keyed by (series, time) in a WITHOUT ROWID table (the
 * migration says so; drizzle cannot): the key is the row, which keeps a decade of M1 data small,
 * bulk inserts fast and a window of bars one range scan.
 */
export const candles = sqliteTable(
  'candles',
  {
    seriesId: integer()
      .notNull()
      .references(() => series.id),
    ts: integer().notNull(),
    open: real().notNull(),
    high: real().notNull(),
    low: real().notNull(),
    close: real().notNull(),
    volume: real().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.seriesId, t.ts] })],
);

/**
 * Higher timeframes derived from a dataset's candles, exact and rebuilt on every import into the
 * dataset: reading 5,000 H1 bars from M1 rows would mean 300,000 row reads (too slow to serve).
 * Bars are packed as float64 sextuples (ts, open, high, low, close, volume) in time-aligned
 * chunks of up to 1,024 bars, so a 5,000-bar window is a handful of blob reads.
 * `timeframe` is 'M5' … 'W1', or 'D1@NY' / 'W1@NY' for the New York close.
 */
export const candleCache = sqliteTable(
  'candle_cache',
  {
    datasetId: text()
      .notNull()
      .references(() => datasets.id, { onDelete: 'cascade' }),
    timeframe: text().notNull(),
    chunkTs: integer().notNull(),
    bars: integer().notNull(),
    data: blob({ mode: 'buffer' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.datasetId, t.timeframe, t.chunkTs] })],
);

/**
 * The data's own spread per bar, in points (MT5's `<SPREAD>`), for bars whose file had one. Kept
 * beside the candles rather than in them: most files have no spread, and the candles' rows stay
 * as compact as they are. Keyed like the candles; rows go and come with their candles.
 */
export const candleSpreads = sqliteTable(
  'candle_spreads',
  {
    instrumentId: text()
      .notNull()
      .references(() => instruments.id),
    timeframe: text().notNull(),
    ts: integer().notNull(),
    spreadPts: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.instrumentId, t.timeframe, t.ts] })],
);
