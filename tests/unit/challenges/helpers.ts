import { DateTime } from 'luxon';
import { ChallengeEvaluator, type TradingEvent } from '../../../src/core/challenges/evaluator';
import type { PhaseRules, ZoneOffset } from '../../../src/core/challenges/rulebook';

/** Offsets from luxon's tz database: an implementation independent of the core's day arithmetic. */
export const luxonOffset: ZoneOffset = (zone, ts) => DateTime.fromSeconds(ts, { zone }).offset;

/** Every zone is UTC: days are plain UTC days. */
export const utcOffset: ZoneOffset = () => 0;

/** UTC seconds of an ISO stamp ('2024-03-04T10:00:00Z'). */
export function at(iso: string): number {
  return Date.parse(iso) / 1000;
}

/** A phase with every rule off, plus the overrides. */
export function phase(overrides: Partial<PhaseRules> = {}): PhaseRules {
  return {
    name: 'Test',
    profitTargetPct: null,
    minTradingDays: 0,
    tradingDayCounts: 'opened',
    timeLimitDays: null,
    maxDailyLoss: null,
    maxOverallLoss: null,
    consistency: null,
    maxOpenLots: null,
    maxRiskPerTrade: null,
    weekendHolding: true,
    ...overrides,
  };
}

/** Monday 4 March 2024 00:00 UTC: scripted sequences start here, UTC days. */
export const MONDAY = at('2024-03-04T00:00:00Z');
export const DAY = 86_400;
export const INITIAL = 10_000_000;

export interface Step {
  ts: number;
  balance: number;
  equity: number;
  lots?: number;
  events?: TradingEvent[];
}

export function makeEvaluator(
  rules: PhaseRules,
  options: {
    initial?: number;
    startTs?: number;
    reset?: { time: string; zone: string };
    offset?: ZoneOffset;
  } = {},
): ChallengeEvaluator {
  return new ChallengeEvaluator({
    rules,
    dayReset: options.reset ?? { time: '00:00', zone: 'UTC' },
    initialBalanceCents: options.initial ?? INITIAL,
    startTs: options.startTs ?? MONDAY,
    zoneOffset: options.offset ?? utcOffset,
  });
}

/** Feeds the steps; answers the evaluator (its status, breach and progress tell the rest). */
export function run(evaluator: ChallengeEvaluator, steps: readonly Step[]): ChallengeEvaluator {
  const sample = { ts: 0, balanceCents: 0, equityCents: 0, openLots: 0 };
  for (const s of steps) {
    for (const e of s.events ?? []) evaluator.event(e);
    sample.ts = s.ts;
    sample.balanceCents = s.balance;
    sample.equityCents = s.equity;
    sample.openLots = s.lots ?? 0;
    evaluator.tick(sample);
  }
  return evaluator;
}

/** Deterministic PRNG (mulberry32) for generated sequences. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The Intl-backed ZoneOffset main injects (src/main/platform/zone-offset.ts). */
export { intlZoneOffset } from '../../../src/main/platform/zone-offset';
