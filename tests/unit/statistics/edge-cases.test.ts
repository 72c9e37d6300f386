import { describe, expect, it } from 'vitest';
import { averageLossCents, averageWinCents } from '../../../src/core/statistics/average-win-loss';
import { byHour, bySide, byTag, byWeekday } from '../../../src/core/statistics/breakdown';
import { maxConsecutive } from '../../../src/core/statistics/consecutive';
import { costsPaid } from '../../../src/core/statistics/costs';
import { dailyReturns } from '../../../src/core/statistics/daily-returns';
import { maxDrawdown } from '../../../src/core/statistics/drawdown';
import { equityCurve, withDrawdown } from '../../../src/core/statistics/equity-curve';
import { expectancyCents, expectancyR } from '../../../src/core/statistics/expectancy';
import { grossLossCents, grossProfitCents } from '../../../src/core/statistics/gross';
import { averageHoldingSeconds, medianHoldingSeconds } from '../../../src/core/statistics/holding-time';
import { largestLossCents, largestWinCents } from '../../../src/core/statistics/largest-win-loss';
import { cashFlowCents, netProfitCents } from '../../../src/core/statistics/net-profit';
import { periodMetrics } from '../../../src/core/statistics/period-metrics';
import { profitFactor } from '../../../src/core/statistics/profit-factor';
import { averageR } from '../../../src/core/statistics/r-multiple';
import { recoveryFactor } from '../../../src/core/statistics/recovery-factor';
import { returnPct } from '../../../src/core/statistics/return-pct';
import { sharpeRatio } from '../../../src/core/statistics/sharpe';
import { sortinoRatio } from '../../../src/core/statistics/sortino';
import { sqn } from '../../../src/core/statistics/sqn';
import { tradeCounts } from '../../../src/core/statistics/trade-counts';
import { winRatePct } from '../../../src/core/statistics/win-rate';
import { allFinite, MON, WINNERS } from './fixtures';

/**
 * Every metric on the two lists that break naive formulas: no trade at all, and only winners
 * (+1.00, +2.00, +3.00 on Monday 00:00, 01:00, 02:00, each held 60 s with 1.00 at risk). Each
 * answer is either the hand-computed number or null, never NaN or Infinity.
 */
const DAY = 86_400;
/** Winners' equity from 10,000.00: Mon 10,100.00, Tue 10,300.00, Wed 10,600.00 (one point a day). */
const RISING = withDrawdown([
  { ts: MON + 3600, balanceCents: 1_010_000, equityCents: 1_010_000 },
  { ts: MON + DAY + 3600, balanceCents: 1_030_000, equityCents: 1_030_000 },
  { ts: MON + 2 * DAY + 3600, balanceCents: 1_060_000, equityCents: 1_060_000 },
]);

describe('each metric with no trade and with only winners', () => {
  it('gross profit and loss', () => {
    expect([grossProfitCents([]), grossLossCents([])]).toEqual([0, 0]);
    expect([grossProfitCents(WINNERS), grossLossCents(WINNERS)]).toEqual([600, 0]);
  });
  it('trade counts', () => {
    expect(tradeCounts([])).toEqual({ trades: 0, long: 0, short: 0, wins: 0, losses: 0, breakeven: 0 });
    expect(tradeCounts(WINNERS)).toEqual({ trades: 3, long: 3, short: 0, wins: 3, losses: 0, breakeven: 0 });
  });
  it('win rate', () => {
    expect(winRatePct([])).toBe(null);
    expect(winRatePct(WINNERS)).toBe(100);
  });
  it('profit factor: no loss to divide by', () => {
    expect(profitFactor([])).toBe(null);
    expect(profitFactor(WINNERS)).toBe(null);
  });
  it('expectancy in money and R', () => {
    expect([expectancyCents([]), expectancyR([])]).toEqual([null, null]);
    expect([expectancyCents(WINNERS), expectancyR(WINNERS)]).toEqual([200, 2]); // 600 / 3; (1 + 2 + 3) / 3
  });
  it('average and largest win and loss', () => {
    expect([averageWinCents([]), averageLossCents([]), largestWinCents([]), largestLossCents([])]).toEqual([
      null,
      null,
      null,
      null,
    ]);
    expect([
      averageWinCents(WINNERS),
      averageLossCents(WINNERS),
      largestWinCents(WINNERS),
      largestLossCents(WINNERS),
    ]).toEqual([200, null, 300, null]);
  });
  it('max consecutive wins and losses', () => {
    expect(maxConsecutive([])).toEqual({ wins: 0, losses: 0 });
    expect(maxConsecutive(WINNERS)).toEqual({ wins: 3, losses: 0 });
  });
  it('average R-multiple and SQN', () => {
    expect([averageR([]), sqn([])]).toEqual([null, null]);
    // R = 1, 2, 3: mean 2, sample stdev 1; SQN = sqrt(3) * 2 / 1 = 3.4641
    expect([averageR(WINNERS), sqn(WINNERS)]).toEqual([2, 3.4641]);
  });
  it('holding time', () => {
    expect([averageHoldingSeconds([]), medianHoldingSeconds([])]).toEqual([null, null]);
    expect([averageHoldingSeconds(WINNERS), medianHoldingSeconds(WINNERS)]).toEqual([60, 60]);
  });
  it('net profit, return and cash flow', () => {
    expect(cashFlowCents([])).toBe(0);
    expect(netProfitCents(1_000_000, 1_000_000, 0)).toBe(0);
    expect(returnPct(0, 1_000_000)).toBe(0);
    expect(netProfitCents(1_000_000, 1_060_000, 0)).toBe(60_000);
    expect(returnPct(60_000, 1_000_000)).toBe(6);
  });
  it('max drawdown and recovery factor: no fall, no factor', () => {
    expect(maxDrawdown([]).amountCents).toBe(0);
    expect(maxDrawdown(RISING)).toMatchObject({ amountCents: 0, pct: 0 });
    expect(recoveryFactor(0, 0)).toBe(null);
    expect(recoveryFactor(60_000, 0)).toBe(null);
  });
  it('Sharpe and Sortino: no returns, and no losing day', () => {
    expect(dailyReturns([], 1_000_000)).toEqual([]);
    expect([sharpeRatio([]), sortinoRatio([])]).toEqual([null, null]);
    const returns = dailyReturns(RISING, 1_000_000).map((r) => r.ret);
    // 0.01, 0.0198020, 0.0291262: mean 0.0196427, sample stdev 0.0095641
    // -> 2.053798 * sqrt(252) = 32.6030; no day below 0, so no downside deviation
    expect(sharpeRatio(returns)).toBe(32.603);
    expect(sortinoRatio(returns)).toBe(null);
  });
  it('costs paid', () => {
    expect(costsPaid([])).toEqual({
      spreadCents: 0,
      slippageCents: 0,
      commissionCents: 0,
      swapCents: 0,
      totalCents: 0,
    });
  });
  it('breakdowns by weekday, hour, side and tag', () => {
    for (const by of [byWeekday, byHour, bySide, byTag]) expect(by([])).toEqual([]);
    expect(bySide(WINNERS)).toEqual([
      { key: 'BUY', trades: 3, wins: 3, losses: 0, netProfitCents: 600, winRatePct: 100, profitFactor: null },
    ]);
    expect(byHour(WINNERS).map((r) => r.key)).toEqual(['00', '01', '02']);
    expect(byWeekday(WINNERS).map((r) => [r.key, r.trades])).toEqual([['Monday', 3]]);
    expect(byTag(WINNERS).map((r) => r.key)).toEqual(['(untagged)']);
  });
  it('period metrics', () => {
    expect(periodMetrics('daily', [], [], 1_000_000)).toEqual([]);
    const [monday] = periodMetrics('daily', WINNERS, RISING, 1_000_000);
    expect(monday).toMatchObject({
      totalTrades: 3,
      winningTrades: 3,
      losingTrades: 0,
      netProfitCents: 600,
      profitFactor: null,
      avgLossCents: null,
      maxDrawdownCents: 0,
      returnPct: 1, // 10,000.00 -> 10,100.00
    });
    expect(allFinite(monday)).toBe(true);
  });
  it('the equity curve of an empty ledger is empty', () => {
    expect(equityCurve([], [], [])).toEqual([]);
  });
});
