import { z } from 'zod';
import type {
  BreachRule,
  ChallengeProgress,
  ChallengeStatus,
  ChallengeTemplate,
  OrderPreview,
} from '../../core/challenges';
import { SPEEDS, TIMEFRAMES } from '../timeframes';
import { method } from './method';

/**
 * Prop-firm challenges (issue 18): rulebook templates (presets shipped as files plus the trader's
 * copies), challenges (a replay session bound to one phase of a rulebook), their dashboard and
 * the breach preview of an order. Rulebooks are checked by the core's validateTemplate, which
 * names the field of every problem ('phases[0].maxDailyLoss.limitPct').
 */

const id = z.string().min(1).max(200);
const price = z.number().positive().finite();

/** A rulebook: a preset (a file in resources/challenges, read-only) or the trader's own copy. */
export interface ChallengeTemplateDto {
  /** The preset's id ('two-step-10-5-static') or the copy's id. */
  id: string;
  builtIn: boolean;
  /** What a copy was copied from; null for a preset. */
  copiedFrom: string | null;
  template: ChallengeTemplate;
  updatedAt: number | null;
  /**
   * For a paid-only rulebook (or a copy of one): the paid template it needs attempts of, and the
   * unused attempts and resets this computer's licence holds for it. Null for a free rulebook.
   */
  paid: { templateId: string; attemptsLeft: number; resetsLeft: number } | null;
}

export interface ChallengeBreachDto {
  rule: BreachRule;
  /** UTC seconds of the tick the rule broke at, and its ISO form. */
  ts: number;
  at: string;
  /** 0-based index of that tick among the intrabar ticks the evaluator was fed. */
  tick: number;
  /** Floor (cents) for the loss rules, lots, cents of risk or days; see the README. */
  limit: number;
  value: number | null;
  /** The breach in words, numbers included. */
  message: string;
}

/**
 * Pushed as `challenges:breached` once the step or trader action that broke a rule has been
 * committed (a write that failed is never announced); the automation API sends it on as the
 * `challenge.breached` webhook.
 */
export interface ChallengeBreachedDto {
  challengeId: string;
  sessionId: string;
  templateId: string;
  templateName: string;
  /** 0-based phase of the rulebook, and its name. */
  phaseIndex: number;
  phaseName: string;
  breach: ChallengeBreachDto;
  /** The balance once the positions closed at the breach tick, cents of `currency`. */
  balanceCents: number;
  currency: string;
}

/**
 * A challenge's status: the evaluator's ACTIVE, PASSED or FAILED, or ENDED when the trader ended
 * it before either (`challenges:end`).
 */
export type ChallengeOutcomeStatus = ChallengeStatus | 'ENDED';

/**
 * Pushed as `challenges:ended` once the step or trader action that ended a challenge (pass,
 * breach, or the trader's end) has been committed. `by: 'action'` ends carry no `replay:tick`, so
 * the reports feature stores the session's report on this one.
 */
export interface ChallengeEndedDto {
  challengeId: string;
  sessionId: string;
  status: Exclude<ChallengeOutcomeStatus, 'ACTIVE'>;
  by: 'step' | 'action';
}

/**
 * A finished challenge as its session's report shows it: the rulebook, the outcome in words, and
 * every event (start, daily resets, deadlines, the outcome). Stored with the report.
 */
export interface ChallengeReportDto {
  challengeId: string;
  templateName: string;
  phaseName: string;
  status: ChallengeOutcomeStatus;
  outcome: string;
  events: ChallengeEventDto[];
}

export interface ChallengeEventDto {
  kind: 'started' | 'day-reset' | 'deadline' | 'passed' | 'failed' | 'ended';
  ts: number;
  at: string;
  detail: Record<string, unknown>;
}

/** A floor drawn on the chart: the account level and, with a position open, the bid that reaches it. */
export interface ChallengeFloorDto {
  floorCents: number;
  /** The bid at which equity would touch the floor (null when flat or measured on the balance). */
  price: number | null;
}

export interface ChallengeSummaryDto {
  id: string;
  sessionId: string;
  sessionName: string;
  symbol: string;
  templateId: string;
  templateName: string;
  phaseIndex: number;
  phaseName: string;
  /** Phases in the rulebook; a PASSED phase with a next one can start it. */
  phaseCount: number;
  status: ChallengeOutcomeStatus;
  initialBalanceCents: number;
  balanceCents: number;
  startTs: number;
  breach: ChallengeBreachDto | null;
  passedTs: number | null;
}

export interface ChallengeDto extends ChallengeSummaryDto {
  rules: ChallengeTemplate['phases'][number];
  dayReset: ChallengeTemplate['dayReset'];
  progress: ChallengeProgress;
  dailyFloor: ChallengeFloorDto | null;
  overallFloor: ChallengeFloorDto | null;
  events: ChallengeEventDto[];
}

export type ChallengeOrderPreviewDto = OrderPreview & {
  /**
   * What hitting the stop loss would cost in all, cents (the move from the entry, spread in,
   * plus slippage and both fills' commission); null without a stop loss.
   */
  stopLossCents: number | null;
  /** The same, split as the ledger would post it; null without a stop loss. */
  stopLossCost: {
    priceCents: number;
    slippageCents: number;
    commissionCents: number;
    totalCents: number;
  } | null;
  /** The status: no preview for a challenge that has ended. */
  status: ChallengeOutcomeStatus;
};

/** One risk per trade run through the Monte Carlo: shares of the paths (0..1) and the median days. */
export interface PassChanceRunDto {
  riskPct: number;
  pass: number;
  breach: number;
  timeout: number;
  /** Median challenge days to pass among the passing paths; null when none passed. */
  medianDaysToPass: number | null;
}

/**
 * The chance of passing a phase, from the trader's own closed trades with a stop loss at entry
 * (their results in R), across all their sessions. `result` is null with fewer than `minTrades`.
 */
export interface PassChanceDto {
  templateId: string;
  templateName: string;
  phaseIndex: number;
  phaseName: string;
  /** Closed trades with a stop loss at entry (the ones that have an R). */
  trades: number;
  minTrades: number;
  result: {
    paths: number;
    /** Mean R of the trades drawn from. */
    averageR: number;
    tradesPerDay: number;
    /** Days a path may run: the phase's time limit, else 365. */
    maxDays: number;
    chosen: PassChanceRunDto;
    best: PassChanceRunDto;
    /** Every risk tried, smallest first. */
    candidates: PassChanceRunDto[];
  } | null;
}

export const startChallengeInput = z
  .object({
    templateId: id,
    /** 0-based phase of the rulebook (0 = the first evaluation). */
    phase: z.number().int().min(0).max(20).default(0),
    symbol: z
      .string()
      .trim()
      .min(1)
      .transform((s) => s.toUpperCase()),
    /** ISO 8601 UTC; the phase starts at the last base bar opening at or before it. */
    startAt: z.iso.datetime({ offset: true }),
    name: z.string().trim().max(120).optional(),
    timeframe: z.enum(TIMEFRAMES).default('M1'),
    speed: z.enum(SPEEDS).default('1x'),
    currency: z.string().length(3).default('USD'),
    leverage: z.number().positive().max(10_000).default(100),
    spreadPts: z.number().min(0).max(100_000).default(10),
    slippagePts: z.number().min(0).max(100_000).default(0),
    commissionPerLot: z.number().min(0).max(10_000).default(0),
    quoteRate: z.number().positive().optional(),
  })
  .strict();

export const challengesMethods = {
  /** The presets (read-only) then the trader's templates. */
  'challenges:list-templates': method<ChallengeTemplateDto[]>()(z.object({}).strict()),
  /** Copies a preset or a template into a new, editable template of the trader's. */
  'challenges:copy-template': method<ChallengeTemplateDto>()(
    z.object({ templateId: id, name: z.string().trim().min(1).max(120).optional() }).strict(),
  ),
  /**
   * Replaces one of the trader's templates. `template` is checked field by field; a bad one is
   * INVALID_INPUT with `details.errors: [{ path, message }]`.
   */
  'challenges:save-template': method<ChallengeTemplateDto>()(
    z.object({ templateId: id, template: z.unknown() }).strict(),
  ),
  /** Starts a challenge: a new session with the phase's balance, evaluated at every tick. */
  'challenges:start': method<ChallengeDto>()(startChallengeInput),
  /** Status, each objective's progress and room left, the floors and the events. */
  'challenges:get': method<ChallengeDto>()(z.object({ challengeId: id }).strict()),
  /** The challenge a session is bound to, if any. */
  'challenges:for-session': method<{ challenge: ChallengeDto | null }>()(
    z.object({ sessionId: id }).strict(),
  ),
  'challenges:list': method<ChallengeSummaryDto[]>()(z.object({}).strict()),
  /**
   * Ends an ACTIVE challenge before a pass or a breach, as the trader's decision: open positions
   * close at the current price, pending orders are cancelled, the challenge is ENDED and its
   * session COMPLETED, and the session's report is stored with the challenge's events.
   */
  'challenges:end': method<ChallengeDto>()(z.object({ challengeId: id }).strict()),
  /**
   * Chance of passing a phase of a rulebook (Monte Carlo, 10,000 paths, seeded so it repeats):
   * at `riskPct` (default 1 %) and the risk per trade that maximises it. `tradesPerDay` defaults
   * to the trader's own pace.
   */
  'challenges:pass-chance': method<PassChanceDto>()(
    z
      .object({
        templateId: id,
        phase: z.number().int().min(0).max(20).default(0),
        riskPct: z.number().min(0.05).max(10).default(1),
        tradesPerDay: z.number().int().min(1).max(100).optional(),
        seed: z
          .number()
          .int()
          .min(0)
          .max(2 ** 31)
          .default(1),
      })
      .strict(),
  ),
  /**
   * Breach preview: what the order's stop loss, if hit, would leave of the daily and overall
   * room, and the rules opening it breaks at once. `price` is the entry (default: market).
   */
  'challenges:preview-order': method<ChallengeOrderPreviewDto>()(
    z
      .object({
        challengeId: id,
        side: z.enum(['BUY', 'SELL']),
        /** Default: MARKET without a price, LIMIT with one (a limit entry pays no slippage). */
        type: z.enum(['MARKET', 'LIMIT', 'STOP']).optional(),
        lots: z.number().positive().max(1000),
        price: price.optional(),
        sl: price.optional(),
      })
      .strict(),
  ),
};
