import { z } from 'zod';
import type { StrategyGraph } from '../../core/strategy/graph';
import type { MonteCarloResult } from '../../core/strategy/monte-carlo';
import { TIMEFRAMES } from '../timeframes';
import { method } from './method';
import type { EquityPointDto, PerformanceSummaryDto, ReportTradeDto } from './reports';
import { strategyGraphSchema } from './strategy-graph';

/** Strategies (named, versioned rule graphs) and their backtest runs. */

export type StrategyStatus = 'draft' | 'active' | 'archived';
export type StrategyVisibility = 'private' | 'link' | 'public';
export type BacktestStatus = 'queued' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface StrategyDto {
  id: string;
  title: string;
  slug: string;
  status: StrategyStatus;
  visibility: StrategyVisibility;
  tags: string[];
  /** Number of the newest version (1 after create). */
  latestVersion: number;
  latestVersionId: string;
  createdAt: number;
  updatedAt: number;
}

export interface StrategyVersionDto {
  id: string;
  strategyId: string;
  number: number;
  graph: StrategyGraph;
  notes: string;
  authorId: string;
  createdAt: number;
}

export interface StrategyDetailDto extends StrategyDto {
  /** The newest version, graph included. */
  version: StrategyVersionDto;
}

/** A finished run's outcome: the same metrics, equity curve and trades as a session report. */
export interface BacktestReportDto {
  summary: PerformanceSummaryDto;
  /** At most about 2,000 points (peaks and troughs kept). */
  equityCurve: EquityPointDto[];
  trades: ReportTradeDto[];
  /** Strategy actions the engine refused (first 100), with its reason. */
  rejections: { ts: number; nodeId: string; reason: string }[];
  strategyBars: number;
}

export interface BacktestRunDto {
  id: string;
  strategyId: string;
  strategyVersionId: string;
  versionNumber: number;
  symbol: string;
  timeframe: string;
  fromTs: number;
  toTs: number;
  parameters: BacktestParameters;
  status: BacktestStatus;
  /** 0-100. */
  progress: number;
  barsTotal: number;
  barsDone: number;
  error: string | null;
  startedAt: number | null;
  completedAt: number | null;
  createdAt: number;
  /** Present once completed. */
  report: BacktestReportDto | null;
}

/** Pushed about ten times a second while a run works, and once when it ends. */
export interface BacktestProgressDto {
  runId: string;
  status: BacktestStatus;
  percent: number;
  barsDone: number;
  barsTotal: number;
  barsPerSecond: number;
  /** Seconds left at the current speed; null before the speed is known. */
  etaSeconds: number | null;
}

/**
 * Monte Carlo on a completed run's trades; percentiles are at 1, 5, 25, 50, 75, 95 and 99 %.
 * Money in cents; `ruinPct` is the loss of the initial balance that counts as ruin.
 */
export interface MonteCarloDto extends MonteCarloResult {
  runId: string;
  initialCents: number;
  ruinPct: number;
  seed: number;
  percentiles: number[];
}

/** paths × trades above this would hold the process too long; the error names `paths`. */
export const MONTE_CARLO_MAX_STEPS = 50_000_000;

const strategyId = z.string().min(1);
const tags = z.array(z.string().trim().min(1).max(40)).max(20);
const slug = z
  .string()
  .trim()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens, like sma-crossover')
  .max(80);

export const backtestParametersSchema = z
  .object({
    /** Parameter overrides by name (the graph's values otherwise). */
    params: z.record(z.string(), z.number()).default({}),
    balance: z.number().positive().max(1e12).default(10_000),
    currency: z.string().length(3).default('USD'),
    leverage: z.number().positive().max(10_000).default(100),
    spreadPts: z.number().min(0).max(100_000).default(10),
    slippagePts: z.number().min(0).max(100_000).default(0),
    commissionPerLot: z.number().min(0).max(10_000).default(0),
    stopOutPct: z.number().min(0).max(1000).default(50),
    quoteRate: z.number().positive().optional(),
  })
  .strict();
export type BacktestParameters = z.output<typeof backtestParametersSchema>;

export const startBacktestInput = z
  .object({
    /** A strategy (its newest version) or one exact version. */
    strategyId: strategyId.optional(),
    versionId: z.string().min(1).optional(),
    symbol: z
      .string()
      .trim()
      .min(1)
      .transform((s) => s.toUpperCase()),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    /** The strategy's timeframe; default the graph's. */
    timeframe: z.enum(TIMEFRAMES).optional(),
    parameters: backtestParametersSchema.default(backtestParametersSchema.parse({})),
    /** False runs in the calling thread (tests, tiny runs); the default is a worker thread. */
    worker: z.boolean().default(true),
  })
  .strict()
  .refine((i) => (i.strategyId === undefined) !== (i.versionId === undefined), {
    message: 'give either strategyId or versionId',
    path: ['strategyId'],
  })
  .refine((i) => Date.parse(i.from) < Date.parse(i.to), { message: 'must be after from', path: ['to'] });

export const strategiesMethods = {
  /** Newest first; archived ones only with `includeArchived`. */
  'strategies:list': method<StrategyDto[]>()(
    z.object({ includeArchived: z.boolean().default(false) }).strict(),
  ),
  /** A strategy and its version 1. The slug defaults to one made from the title. */
  'strategies:create': method<StrategyDetailDto>()(
    z
      .object({
        title: z.string().trim().min(1).max(120),
        slug: slug.optional(),
        visibility: z.enum(['private', 'link', 'public']).default('private'),
        tags: tags.default([]),
        graph: strategyGraphSchema,
        notes: z.string().max(20_000).default(''),
      })
      .strict(),
  ),
  /** A new immutable version with this graph (older versions stay runnable). */
  'strategies:save-version': method<StrategyVersionDto>()(
    z.object({ strategyId, graph: strategyGraphSchema, notes: z.string().max(20_000).default('') }).strict(),
  ),
  'strategies:get': method<StrategyDetailDto>()(z.object({ strategyId }).strict()),
  /** Newest first, graphs included. */
  'strategies:list-versions': method<StrategyVersionDto[]>()(z.object({ strategyId }).strict()),
  'strategies:archive': method<StrategyDto>()(z.object({ strategyId }).strict()),
  /** Queues a run and answers at once; progress arrives as `backtests:progress` events. */
  'backtests:start': method<BacktestRunDto>()(startBacktestInput),
  'backtests:get': method<BacktestRunDto>()(z.object({ runId: z.string().min(1) }).strict()),
  /** Newest first, without reports; of one strategy when given. */
  'backtests:list': method<BacktestRunDto[]>()(z.object({ strategyId: strategyId.optional() }).strict()),
  /** Monte Carlo on a completed run's trades: reshuffled or resampled paths, seeded. */
  'backtests:monte-carlo': method<MonteCarloDto>()(
    z
      .object({
        runId: z.string().min(1),
        paths: z.number().int().min(100).max(100_000).default(10_000),
        mode: z.enum(['reshuffle', 'resample']).default('reshuffle'),
        /** Losing this % of the initial balance is ruin. */
        ruinPct: z.number().gt(0).max(100).default(50),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 32 - 1)
          .default(1),
      })
      .strict(),
  ),
  /** Stops a queued or running run (status `cancelled`); a finished one is returned unchanged. */
  'backtests:cancel': method<BacktestRunDto>()(z.object({ runId: z.string().min(1) }).strict()),
};
