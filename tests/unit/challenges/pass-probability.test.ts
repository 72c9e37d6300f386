/**
 * The chance-of-passing Monte Carlo against closed forms. A ±1 R coin flip (p = 0.5) with a
 * target of +T R and a loss limit of −L R is the gambler's ruin: P(pass) = L / (T + L).
 */
import { describe, expect, it } from 'vitest';
import {
  bestRiskPerTrade,
  mulberry32,
  passChance,
  passProbability,
  RISK_CANDIDATES,
  tradesPerDayOf,
} from '../../../src/core/challenges/pass-probability';
import type { PhaseRules } from '../../../src/core/challenges/rulebook';
import { phase } from './helpers';

function ruin(targetR: number, lossR: number, riskPct = 1): PhaseRules {
  return phase({
    profitTargetPct: targetR * riskPct,
    maxOverallLoss: { limitPct: lossR * riskPct, mode: 'static', lockAtInitial: false },
  });
}

describe("gambler's ruin: ±1 R, p = 0.5", () => {
  it.each([
    [10, 5],
    [6, 6],
    [4, 12],
    [3, 7],
  ])('target +%i R, loss −%i R: P(pass) = L / (T + L) within 1 percentage point', (t, l) => {
    const result = passProbability({
      tradesR: [1, -1],
      rules: ruin(t, l),
      riskPct: 1,
      tradesPerDay: 20,
      paths: 20_000,
      random: mulberry32(t * 100 + l),
      maxDays: 10_000,
    });
    expect(Math.abs(result.pass - l / (t + l))).toBeLessThan(0.01);
    expect(result.timeout).toBe(0);
    expect(result.pass + result.breach).toBeCloseTo(1, 12);
  });

  it('the risk per trade does not change it (both limits scale in R)', () => {
    const at = (riskPct: number) =>
      passProbability({
        tradesR: [1, -1],
        rules: phase({
          profitTargetPct: 10,
          maxOverallLoss: { limitPct: 10, mode: 'static', lockAtInitial: false },
        }),
        riskPct,
        tradesPerDay: 50,
        paths: 20_000,
        random: mulberry32(7),
        maxDays: 10_000,
      }).pass;
    expect(Math.abs(at(1) - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(at(2) - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(at(5) - 0.5)).toBeLessThan(0.015);
  });
});

describe('edge cases with exact answers', () => {
  const base = { tradesPerDay: 2, paths: 1_000, random: mulberry32(1) };

  it('only winners: everything passes on the day the target arrives (5 trades of +2 % at 2 a day: day 3)', () => {
    const result = passProbability({
      ...base,
      tradesR: [2],
      rules: phase({ profitTargetPct: 10 }),
      riskPct: 1,
    });
    expect(result).toEqual({ paths: 1_000, pass: 1, breach: 0, timeout: 0, medianDaysToPass: 3 });
  });

  it('the minimum trading days push the pass day', () => {
    const result = passProbability({
      ...base,
      tradesR: [2],
      rules: phase({ profitTargetPct: 10, minTradingDays: 7 }),
      riskPct: 1,
    });
    expect(result.medianDaysToPass).toBe(7);
  });

  it('only losers: everything breaches, on the daily limit before the overall one', () => {
    const result = passProbability({
      ...base,
      tradesR: [-1],
      rules: phase({
        profitTargetPct: 10,
        maxDailyLoss: { limitPct: 1.5, base: 'balance', reference: 'start-of-day-balance' },
      }),
      riskPct: 1,
    });
    expect(result.breach).toBe(1);
  });

  it('a time limit turns a slow winner into a timeout', () => {
    const result = passProbability({
      ...base,
      tradesR: [0.5],
      rules: phase({ profitTargetPct: 10, timeLimitDays: 5 }),
      riskPct: 1,
    });
    expect(result).toMatchObject({ pass: 0, timeout: 1 }); // 10 trades of +0.5 % = 5 % by day 5
  });

  it('consistency: one big day then small ones passes only once the big day is ≤ 50 % of the profit', () => {
    // Trades of +1 R (1 %) at 8 a day: day 1 makes 8 %; the target 10 % is reached on day 2 but
    // day 1 is 80 % of it; at 16 % (end of day 2) it is exactly 50 %: pass on day 2.
    const result = passProbability({
      paths: 10,
      random: mulberry32(3),
      tradesR: [1],
      tradesPerDay: 8,
      rules: phase({ profitTargetPct: 10, consistency: { maxDayPctOfProfit: 50 } }),
      riskPct: 1,
    });
    expect(result).toMatchObject({ pass: 1, medianDaysToPass: 2 });
  });

  it('trailing EOD: after a +4 % day, −1 % trades breach at 101 % unlocked, at 100 % locked', () => {
    // Day 1: four +1 % trades (104 %). Day 2: −1 % trades; the floor is 104 − 3 = 101 %, or
    // min(101, 100) = 100 % with the lock: the 7th trade (101 %) or the 8th (100 %) breaches.
    const tradesUntilBreach = (lockAtInitial: boolean) => {
      let draws = 0;
      const result = passProbability({
        paths: 1,
        random: () => (draws++ < 4 ? 0 : 0.99),
        tradesR: [1, -1],
        tradesPerDay: 4,
        rules: phase({
          profitTargetPct: 20,
          maxOverallLoss: { limitPct: 3, mode: 'trailing-eod-balance', lockAtInitial },
        }),
        riskPct: 1,
      });
      expect(result.breach).toBe(1);
      return draws;
    };
    expect(tradesUntilBreach(false)).toBe(7);
    expect(tradesUntilBreach(true)).toBe(8);
  });
});

describe('best risk per trade', () => {
  it('with an edge and a time limit the best risk is neither the smallest nor the largest candidate', () => {
    const candidates = [0.1, 0.25, 0.5, 1, 2, 4, 8];
    const { best, all } = bestRiskPerTrade(
      {
        tradesR: [1.5, -1, 1.5, -1, -1],
        rules: phase({
          profitTargetPct: 8,
          timeLimitDays: 30,
          maxDailyLoss: { limitPct: 5, base: 'equity', reference: 'start-of-day-balance' },
          maxOverallLoss: { limitPct: 10, mode: 'static', lockAtInitial: false },
        }),
        tradesPerDay: 3,
        paths: 4_000,
      },
      candidates,
      () => mulberry32(42),
    );
    expect(all.map((c) => c.riskPct)).toEqual(candidates);
    expect(best.result.pass).toBe(Math.max(...all.map((c) => c.result.pass)));
    expect(best.riskPct).toBeGreaterThan(0.1);
    expect(best.riskPct).toBeLessThan(8);
  });

  it('is reproducible from the same seed', () => {
    const input = {
      tradesR: [2, -1, -1, 0.5],
      rules: phase({
        profitTargetPct: 10,
        maxOverallLoss: { limitPct: 6, mode: 'trailing-equity', lockAtInitial: true },
      }),
      riskPct: 1,
      tradesPerDay: 3,
      paths: 2_000,
    } as const;
    expect(passProbability({ ...input, random: mulberry32(9) })).toEqual(
      passProbability({ ...input, random: mulberry32(9) }),
    );
  });
});

describe('the screen helpers', () => {
  it("the trader's pace is trades per UTC day with a close, rounded, at least 1", () => {
    const day = 86_400;
    expect(tradesPerDayOf([])).toBe(1);
    expect(tradesPerDayOf([10, 20, 30, day + 5])).toBe(2); // 4 trades over 2 days
    expect(tradesPerDayOf([10, day, 2 * day, 3 * day + 1, 3 * day + 2])).toBe(1); // 5 over 4: 1.25
    expect(tradesPerDayOf([1, 2, 3, 4, 5, day])).toBe(3);
  });

  it('the chosen risk is run on the same draws as the candidates and competes for the best', () => {
    const input = {
      tradesR: [1.5, -1, -1, 2],
      rules: phase({
        profitTargetPct: 8,
        timeLimitDays: 30,
        maxOverallLoss: { limitPct: 10, mode: 'static', lockAtInitial: false },
      }),
      tradesPerDay: 3,
      paths: 2_000,
      seed: 5,
    } as const;
    const chance = passChance({ ...input, riskPct: 0.6 });
    expect(chance.all.map((c) => c.riskPct)).toEqual([...RISK_CANDIDATES, 0.6].sort((a, b) => a - b));
    expect(chance.chosen.result).toEqual(passProbability({ ...input, riskPct: 0.6, random: mulberry32(5) }));
    expect(chance.best.result.pass).toBe(Math.max(...chance.all.map((c) => c.result.pass)));
    // A risk among the candidates is not run twice.
    expect(passChance({ ...input, riskPct: 1 }).all).toHaveLength(RISK_CANDIDATES.length);
  });
});
