import { z } from 'zod';
import type { Objective, SetResult } from '../../core/strategy/optimise';
import type { BarRange } from '../../core/strategy/walk-forward';
import { TIMEFRAMES } from '../timeframes';
import { method } from './method';
import type { EquityPointDto } from './reports';
import { type BacktestParameters, type BacktestStatus, backtestParametersSchema } from './strategies';

/** Optimisation and walk-forward runs over a version's parameters marked `optimise`. */

export const OBJECTIVE_NAMES = ['net-profit', 'profit-factor', 'sharpe', 'return-drawdown'] as const;
/** A grid larger than this is refused (the error suggests random search). */
export const OPTIMISE_MAX_SETS = 10_000;

export interface OptimisationSettings {
  method: 'grid' | 'random';
  /** Random search: how many distinct grid sets to draw. */
  samples: number | null;
  seed: number;
  objective: Objective;
  maxDrawdownPct: number | null;
  minTrades: number | null;
  threads: number;
  /** Present for a walk-forward: `windows` = 1 is the plain in/out split. */
  walkForward: { windows: number; inSamplePct: number } | null;
  parameters: BacktestParameters;
}

/** One walk-forward window: bar positions, UTC times, the in-sample winner and its out-of-sample figures. */
export interface WalkForwardWindowDto {
  index: number;
  inSample: BarRange & { fromTs: number; toTs: number };
  outOfSample: BarRange & { fromTs: number; toTs: number };
  setsTried: number;
  setsPassing: number;
  best: SetResult | null;
  outOfSampleMetrics: SetResult['metrics'] | null;
}

export interface WalkForwardDto {
  windows: WalkForwardWindowDto[];
  /** The out-of-sample parts joined, each carrying the gains of those before it. */
  equityCurve: EquityPointDto[];
  /** Sum of the out-of-sample net profits, cents. */
  netProfitCents: number;
}

export interface OptimisationRunDto {
  id: string;
  strategyId: string;
  strategyVersionId: string;
  versionNumber: number;
  symbol: string;
  timeframe: string;
  fromTs: number;
  toTs: number;
  settings: OptimisationSettings;
  /** Names of the parameters searched, in the graph's order. */
  paramNames: string[];
  status: BacktestStatus;
  /** 0-100. */
  progress: number;
  setsTotal: number;
  setsDone: number;
  error: string | null;
  startedAt: number | null;
  completedAt: number | null;
  createdAt: number;
  /** Optimisation: every set tried, in the order tried (present once ended; `get` only). */
  results: SetResult[] | null;
  /** Index in `results` of the best set passing the constraints; null when none passed. */
  bestIndex: number | null;
  walkForward: WalkForwardDto | null;
}

/** Pushed about ten times a second while a run works, and once when it ends. */
export interface OptimisationProgressDto {
  runId: string;
  status: BacktestStatus;
  percent: number;
  setsDone: number;
  setsTotal: number;
  /** Seconds left at the current pace; null before it is known. */
  etaSeconds: number | null;
}

export const startOptimisationInput = z
  .object({
    strategyId: z.string().min(1).optional(),
    versionId: z.string().min(1).optional(),
    symbol: z
      .string()
      .trim()
      .min(1)
      .transform((s) => s.toUpperCase()),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    timeframe: z.enum(TIMEFRAMES).optional(),
    method: z.enum(['grid', 'random']).default('grid'),
    samples: z.number().int().min(1).max(OPTIMISE_MAX_SETS).optional(),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32 - 1)
      .default(1),
    objective: z.enum(OBJECTIVE_NAMES).default('net-profit'),
    /** A set whose max drawdown (% of peak) is above this fails. */
    maxDrawdownPct: z.number().gt(0).max(100).optional(),
    minTrades: z.number().int().min(0).max(1_000_000).optional(),
    /** Worker threads; default every core. */
    threads: z.number().int().min(1).max(256).optional(),
    walkForward: z
      .object({
        /** 1 is the plain in/out split. */
        windows: z.number().int().min(1).max(100),
        inSamplePct: z.number().min(5).max(95).default(75),
      })
      .strict()
      .optional(),
    parameters: backtestParametersSchema
      .omit({ params: true })
      .default(backtestParametersSchema.omit({ params: true }).parse({})),
    /** False runs every backtest in the calling thread (tests); the default is the worker pool. */
    worker: z.boolean().default(true),
  })
  .strict()
  .refine((i) => (i.strategyId === undefined) !== (i.versionId === undefined), {
    message: 'give either strategyId or versionId',
    path: ['strategyId'],
  })
  .refine((i) => Date.parse(i.from) < Date.parse(i.to), { message: 'must be after from', path: ['to'] })
  .refine((i) => i.method !== 'random' || i.samples !== undefined, {
    message: 'random search needs samples (how many sets to draw)',
    path: ['samples'],
  });

const runId = z.object({ runId: z.string().min(1) }).strict();

export const optimisationsMethods = {
  /** Queues an optimisation (or walk-forward) and answers at once; progress comes as `optimisations:progress`. */
  'optimisations:start': method<OptimisationRunDto>()(startOptimisationInput),
  /** The run with its results. */
  'optimisations:get': method<OptimisationRunDto>()(runId),
  /** Newest first, without results; of one strategy when given. */
  'optimisations:list': method<OptimisationRunDto[]>()(
    z.object({ strategyId: z.string().min(1).optional() }).strict(),
  ),
  /** Stops a queued or running run (status `cancelled`, the sets done so far kept). */
  'optimisations:cancel': method<OptimisationRunDto>()(runId),
};
