import { describe, expect, it } from 'vitest';
import { averageLossCents, averageWinCents } from '../../../src/core/statistics/average-win-loss';
import { maxConsecutive } from '../../../src/core/statistics/consecutive';
import { expectancyCents, expectancyR } from '../../../src/core/statistics/expectancy';
import { grossLossCents, grossProfitCents } from '../../../src/core/statistics/gross';
import { averageHoldingSeconds, medianHoldingSeconds } from '../../../src/core/statistics/holding-time';
import { largestLossCents, largestWinCents } from '../../../src/core/statistics/largest-win-loss';
import { profitFactor } from '../../../src/core/statistics/profit-factor';
import { averageR, initialRiskCents, rMultiple } from '../../../src/core/statistics/r-multiple';
import { sqn } from '../../../src/core/statistics/sqn';
import { tradeCounts } from '../../../src/core/statistics/trade-counts';
import { winRatePct } from '../../../src/core/statistics/win-rate';
import { TRADES, WINNERS } from './fixtures';

describe('gross profit and loss', () => {
  it('sums winners and losers apart', () => {
    expect(grossProfitCents(TRADES)).toBe(1750); // 1000 + 750
    expect(grossLossCents(TRADES)).toBe(-750); // -500 - 250
  });
  it('is zero without trades and without losers', () => {
    expect(grossProfitCents([])).toBe(0);
    expect(grossLossCents(WINNERS)).toBe(0);
  });
});

describe('trade counts', () => {
  it('counts sides and outcomes; a zero result is break-even, not a loss', () => {
    expect(tradeCounts(TRADES)).toEqual({ trades: 5, long: 3, short: 2, wins: 2, losses: 2, breakeven: 1 });
    expect(tradeCounts([])).toEqual({ trades: 0, long: 0, short: 0, wins: 0, losses: 0, breakeven: 0 });
  });
});

describe('win rate', () => {
  it('is wins / trades in percent', () => {
    expect(winRatePct(TRADES)).toBe(40); // 2 of 5
    expect(winRatePct(WINNERS)).toBe(100);
    expect(winRatePct([])).toBe(null);
  });
});

describe('profit factor', () => {
  it('is gross profit / |gross loss|, two decimals', () => {
    expect(profitFactor(TRADES)).toBe(2.33); // 1750 / 750
  });
  it('is null with no loss (all winners) or no trade', () => {
    expect(profitFactor(WINNERS)).toBe(null);
    expect(profitFactor([])).toBe(null);
  });
});

describe('expectancy', () => {
  it('is the mean result per trade in money and the mean R', () => {
    expect(expectancyCents(TRADES)).toBe(200); // 1000 / 5
    expect(expectancyR(TRADES)).toBe(1.3333); // (2 - 1 + 3) / 3 trades with a stop-loss
    expect(expectancyCents(WINNERS)).toBe(200); // 600 / 3
    expect(expectancyR(WINNERS)).toBe(2); // (1 + 2 + 3) / 3
  });
  it('is null without trades or without any R', () => {
    expect(expectancyCents([])).toBe(null);
    expect(expectancyR([])).toBe(null);
    expect(expectancyR([TRADES[2]!])).toBe(null);
  });
});

describe('average and largest win and loss', () => {
  it('averages winners and losers apart', () => {
    expect(averageWinCents(TRADES)).toBe(875); // (1000 + 750) / 2
    expect(averageLossCents(TRADES)).toBe(-375); // (-500 - 250) / 2
    expect(largestWinCents(TRADES)).toBe(1000);
    expect(largestLossCents(TRADES)).toBe(-500);
  });
  it('is null when there is no loss, or no trade', () => {
    expect(averageLossCents(WINNERS)).toBe(null);
    expect(largestLossCents(WINNERS)).toBe(null);
    expect(averageWinCents([])).toBe(null);
    expect(largestWinCents([])).toBe(null);
  });
});

describe('max consecutive wins and losses', () => {
  it('follows the closing order; break-even ends a run', () => {
    // W L L W 0
    expect(maxConsecutive(TRADES)).toEqual({ wins: 1, losses: 2 });
    expect(maxConsecutive(WINNERS)).toEqual({ wins: 3, losses: 0 });
    expect(maxConsecutive([])).toEqual({ wins: 0, losses: 0 });
  });
  it('sorts by closing time, not by given order', () => {
    expect(maxConsecutive([TRADES[3]!, TRADES[0]!, TRADES[2]!, TRADES[1]!])).toEqual({ wins: 1, losses: 2 });
  });
});

describe('R-multiple', () => {
  it('is the result over the initial risk; no stop-loss, no R', () => {
    expect(rMultiple(TRADES[0]!)).toBe(2);
    expect(rMultiple(TRADES[1]!)).toBe(-1);
    expect(rMultiple(TRADES[2]!)).toBe(null);
    expect(averageR(TRADES)).toBe(1.3333);
    expect(averageR([])).toBe(null);
  });
  it('initial risk: |entry - SL| * units in account money', () => {
    // 1 lot EURUSD (100,000 units), 20 pips: 0.0020 * 100000 = 200.00 USD
    expect(initialRiskCents(1.1, 1.098, 100_000, (q) => q)).toBe(20_000);
    // USDJPY on a USD account: 20 yen-pips * 100000 = 20,000 JPY / 110 = 181.82 USD
    expect(initialRiskCents(110, 109.8, 100_000, (q) => q / 110)).toBe(18_182);
    expect(initialRiskCents(1.1, null, 100_000, (q) => q)).toBe(null);
  });
});

describe('SQN', () => {
  it('is sqrt(N) * mean(R) / stdev(R)', () => {
    // R = 2, -1, 3: mean 4/3, sample stdev sqrt(13/3) = 2.0817; sqrt(3) * 1.3333 / 2.0817 = 1.1094
    expect(sqn(TRADES)).toBe(1.1094);
  });
  it('is null with fewer than two R or no variation', () => {
    expect(sqn([])).toBe(null);
    expect(sqn([TRADES[0]!])).toBe(null);
    expect(sqn(WINNERS.map((t) => ({ ...t, realizedCents: 100 })))).toBe(null);
  });
});

describe('holding time', () => {
  it('averages and takes the median of close - open', () => {
    // 3600, 1800, 7200, 600, 3600
    expect(averageHoldingSeconds(TRADES)).toBe(3360);
    expect(medianHoldingSeconds(TRADES)).toBe(3600);
    expect(medianHoldingSeconds(TRADES.slice(0, 4))).toBe(2700); // (1800 + 3600) / 2
  });
  it('is null with no trade', () => {
    expect(averageHoldingSeconds([])).toBe(null);
    expect(medianHoldingSeconds([])).toBe(null);
  });
});
