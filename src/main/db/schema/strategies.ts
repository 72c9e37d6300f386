import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { StrategyGraph } from '../../../core/strategy/graph';
import { id, timestamps } from './common';
import { instruments } from './market';
import { users } from './users';

/** Seed 002 STRATEGY: a named strategy; its rules live in immutable versions. */
export const strategies = sqliteTable(
  'strategies',
  {
    id: id(),
    userId: text()
      .notNull()
      .references(() => users.id),
    title: text().notNull(),
    slug: text().notNull(),
    status: text({ enum: ['draft', 'active', 'archived'] }).notNull(),
    visibility: text({ enum: ['private', 'link', 'public'] }).notNull(),
    /** JSON array of tag strings. */
    tagsJson: text({ mode: 'json' }).$type<string[]>().notNull(),
    ...timestamps,
  },
  (t) => [uniqueIndex('strategies_user_slug_idx').on(t.userId, t.slug)],
);

/** Seed 002 STRATEGY_VERSION: one saved graph, never changed after it is written. */
export const strategyVersions = sqliteTable(
  'strategy_versions',
  {
    id: id(),
    strategyId: text()
      .notNull()
      .references(() => strategies.id, { onDelete: 'cascade' }),
    /** 1, 2, 3... per strategy. */
    number: integer().notNull(),
    graphJson: text({ mode: 'json' }).$type<StrategyGraph>().notNull(),
    notes: text().notNull().default(''),
    authorId: text()
      .notNull()
      .references(() => users.id),
    createdAt: integer().notNull(),
  },
  (t) => [uniqueIndex('strategy_versions_number_idx').on(t.strategyId, t.number)],
);

/** Seed 002 BACKTEST_RUN: one run of a version over an instrument's data, with its outcome. */
export const backtestRuns = sqliteTable(
  'backtest_runs',
  {
    id: id(),
    strategyVersionId: text()
      .notNull()
      .references(() => strategyVersions.id, { onDelete: 'cascade' }),
    instrumentId: text()
      .notNull()
      .references(() => instruments.id),
    timeframe: text().notNull(),
    fromTs: integer().notNull(),
    toTs: integer().notNull(),
    /** Parameter overrides and account settings the run used. */
    parametersJson: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text({ enum: ['queued', 'running', 'completed', 'failed', 'cancelled'] }).notNull(),
    /** 0-100. */
    progress: real().notNull().default(0),
    barsTotal: integer().notNull().default(0),
    barsDone: integer().notNull().default(0),
    /** The performance summary, the downsampled equity curve and the trades (as a session report). */
    metricsJson: text({ mode: 'json' }).$type<unknown>(),
    error: text(),
    startedAt: integer(),
    completedAt: integer(),
    ...timestamps,
  },
  (t) => [index('backtest_runs_version_idx').on(t.strategyVersionId)],
);

/**
 * An optimisation (or walk-forward) of one version's `optimise` parameters over a span: its
 * settings, status and progress, and once it has ended the outcome of every parameter set tried
 * (or of every walk-forward window).
 */
export const optimisationRuns = sqliteTable(
  'optimisation_runs',
  {
    id: id(),
    strategyVersionId: text()
      .notNull()
      .references(() => strategyVersions.id, { onDelete: 'cascade' }),
    instrumentId: text()
      .notNull()
      .references(() => instruments.id),
    timeframe: text().notNull(),
    fromTs: integer().notNull(),
    toTs: integer().notNull(),
    /** Method, samples, seed, objective, constraints, threads, walk-forward cut, account settings. */
    settingsJson: text({ mode: 'json' }).$type<Record<string, unknown>>().notNull(),
    status: text({ enum: ['queued', 'running', 'completed', 'failed', 'cancelled'] }).notNull(),
    /** 0-100. */
    progress: real().notNull().default(0),
    /** Backtests to run (sets, times windows plus one per window for walk-forward) and done. */
    setsTotal: integer().notNull().default(0),
    setsDone: integer().notNull().default(0),
    /** Every set tried: parameters, metrics, score and failed constraints. */
    resultsJson: text({ mode: 'json' }).$type<unknown>(),
    /** Walk-forward only: the windows and the stitched out-of-sample equity. */
    walkForwardJson: text({ mode: 'json' }).$type<unknown>(),
    error: text(),
    startedAt: integer(),
    completedAt: integer(),
    ...timestamps,
  },
  (t) => [index('optimisation_runs_version_idx').on(t.strategyVersionId)],
);
