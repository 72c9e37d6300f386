/**
 * Chance of passing (issue 18): a Monte Carlo of the trader's own closed trades, measured in R
 * (profit ÷ the risk taken), replayed under a phase's rules at a chosen risk per trade.
 *
 * Model (README "Challenge rules", chance of passing):
 * - each path draws trades with replacement from `tradesR`; a trade risks `riskPct` % of the
 *   initial balance, so it books `round(R × risk)` cents, whole, when it closes;
 * - `tradesPerDay` trades make a day; a day with trades is a trading day;
 * - the loss rules are those of the evaluator, checked on the balance after each trade (a trade
 *   is atomic here, so equity and balance agree and the intraday-equity floor trails closed
 *   highs: an optimistic reading for `trailing-equity`);
 * - the phase passes after the trade that brings the target with consistency holding; missing
 *   minimum days are then filled with one negligible trade a day, so it passes on day
 *   `max(that day, minTradingDays)`; paths breach on a loss rule, or time out (time limit, or
 *   `maxDays` when there is none).
 *
 * Randomness comes in as a function (use `mulberry32(seed)`), so a run is reproducible.
 */

import { mulberry32 } from '../random/mulberry32';
import { type PhaseRules, pctOfCents } from './rulebook';

export { mulberry32 };

export interface PassProbabilityInput {
  /** Closed trades in R; at least one. */
  tradesR: readonly number[];
  rules: PhaseRules;
  /** Risk per trade, percent of the initial balance. */
  riskPct: number;
  /** Trades a day (the trader's average, rounded), ≥ 1. */
  tradesPerDay: number;
  paths: number;
  /** Uniform in [0, 1): a seeded PRNG. */
  random: () => number;
  /** Days a path may run when the phase has no time limit; default 365. */
  maxDays?: number;
}

export interface PassProbability {
  paths: number;
  /** Shares of the paths, summing to 1. */
  pass: number;
  breach: number;
  timeout: number;
  /** Median days to pass among passing paths; null when none passed. */
  medianDaysToPass: number | null;
}

/** Notional initial balance: large enough that rounding a trade to the cent does not matter. */
const INITIAL = 100_000_000;
const PASSED = 1;
const BREACHED = 2;
const TIMED_OUT = 3;

/** Runs `paths` simulated challenges. */
export function passProbability(input: PassProbabilityInput): PassProbability {
  const { rules, random } = input;
  const n = input.tradesR.length;
  if (n === 0) throw new Error('passProbability needs at least one trade');
  const riskCents = pctOfCents(INITIAL, input.riskPct);
  const pnl = new Float64Array(n);
  for (let i = 0; i < n; i++) pnl[i] = Math.round(input.tradesR[i]! * riskCents);
  const perDay = Math.max(1, Math.floor(input.tradesPerDay));
  const maxDays = rules.timeLimitDays ?? input.maxDays ?? 365;
  const target =
    rules.profitTargetPct === null ? Number.POSITIVE_INFINITY : pctOfCents(INITIAL, rules.profitTargetPct);
  const daily = rules.maxDailyLoss
    ? pctOfCents(INITIAL, rules.maxDailyLoss.limitPct)
    : Number.POSITIVE_INFINITY;
  const overall = rules.maxOverallLoss;
  const overallLimit = overall ? pctOfCents(INITIAL, overall.limitPct) : Number.POSITIVE_INFINITY;
  const trailingEquity = overall?.mode === 'trailing-equity';
  const trailingEod = overall?.mode === 'trailing-eod-balance';
  const lock = overall !== null && overall.mode !== 'static' && overall.lockAtInitial;
  const consistencyPct = rules.consistency?.maxDayPctOfProfit ?? null;
  const minDays = rules.minTradingDays;

  const passDays = new Int32Array(input.paths);
  let passes = 0;
  let breaches = 0;
  for (let p = 0; p < input.paths; p++) {
    let balance = INITIAL;
    let high = INITIAL;
    let bestDay = 0;
    let outcome = TIMED_OUT;
    let day = 1;
    for (; day <= maxDays && outcome === TIMED_OUT; day++) {
      const dayStart = balance;
      const dailyFloor = dayStart - daily;
      for (let t = 0; t < perDay; t++) {
        balance += pnl[Math.floor(random() * n)]!;
        if (trailingEquity && balance > high) high = balance;
        const floor = lock ? Math.min(high - overallLimit, INITIAL) : high - overallLimit;
        if (balance <= dailyFloor || balance <= floor) {
          outcome = BREACHED;
          break;
        }
        const profit = balance - INITIAL;
        if (profit >= target) {
          const today = balance - dayStart;
          const best = Math.max(today, bestDay);
          if (consistencyPct === null || best * 100 <= consistencyPct * profit) {
            outcome = PASSED;
            passDays[passes++] = Math.max(day, minDays);
            break;
          }
        }
      }
      const today = balance - dayStart;
      if (today > bestDay) bestDay = today;
      if (trailingEod && balance > high) high = balance;
    }
    if (outcome === BREACHED) breaches++;
  }
  const timeouts = input.paths - passes - breaches;
  return {
    paths: input.paths,
    pass: passes / input.paths,
    breach: breaches / input.paths,
    timeout: timeouts / input.paths,
    medianDaysToPass: passes === 0 ? null : median(passDays.subarray(0, passes)),
  };
}

function median(values: Int32Array): number {
  const sorted = values.slice().sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export interface RiskChoice {
  riskPct: number;
  result: PassProbability;
}

/**
 * The risk per trade, among `candidates` (percent), that maximises the pass probability. Each
 * candidate runs with a fresh `makeRandom()`: give a factory that seeds the same way every time,
 * so all candidates see the same draws (common random numbers) and the comparison is fair.
 * Ties go to the smaller risk.
 */
export function bestRiskPerTrade(
  input: Omit<PassProbabilityInput, 'riskPct' | 'random'>,
  candidates: readonly number[],
  makeRandom: () => () => number,
): { best: RiskChoice; all: RiskChoice[] } {
  if (candidates.length === 0) throw new Error('bestRiskPerTrade needs at least one candidate');
  const all = [...candidates]
    .sort((a, b) => a - b)
    .map((riskPct) => ({ riskPct, result: passProbability({ ...input, riskPct, random: makeRandom() }) }));
  let best = all[0]!;
  for (const choice of all) if (choice.result.pass > best.result.pass) best = choice;
  return { best, all };
}

/**
 * Fewer closed trades than this and the draws say more about the sample than about the trader:
 * the chance-of-passing screen shows an empty state instead.
 */
export const MIN_TRADES_FOR_PASS_CHANCE = 20;

/** Risks per trade (percent) the search tries; 1 % is also the default risk shown. */
export const RISK_CANDIDATES: readonly number[] = [0.25, 0.5, 0.75, 1, 1.25, 1.5, 2, 2.5, 3];

/** The trader's pace: closed trades per UTC day with a close, rounded, at least 1. */
export function tradesPerDayOf(closedTs: readonly number[]): number {
  if (closedTs.length === 0) return 1;
  const days = new Set(closedTs.map((ts) => Math.floor(ts / 86_400)));
  return Math.max(1, Math.round(closedTs.length / days.size));
}

export interface PassChance {
  /** At the risk asked for. */
  chosen: RiskChoice;
  /** The candidate risk with the highest pass share (the chosen one competes too). */
  best: RiskChoice;
  all: RiskChoice[];
}

/**
 * The chance-of-passing screen's numbers: the chosen risk, and the best of the candidates plus
 * the chosen one, every run on the same seeded draws so they compare fairly.
 */
export function passChance(
  input: Omit<PassProbabilityInput, 'random'> & { seed: number; candidates?: readonly number[] },
): PassChance {
  const { seed, candidates = RISK_CANDIDATES, ...rest } = input;
  const risks = [...new Set([...candidates, rest.riskPct])];
  const { best, all } = bestRiskPerTrade(rest, risks, () => mulberry32(seed));
  const chosen = all.find((c) => c.riskPct === rest.riskPct)!;
  return { chosen, best, all };
}
