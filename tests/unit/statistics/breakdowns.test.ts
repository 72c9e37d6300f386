import { describe, expect, it } from 'vitest';
import { byHour, bySide, byTag, byWeekday } from '../../../src/core/statistics/breakdown';
import { withDrawdown } from '../../../src/core/statistics/equity-curve';
import { periodBounds, periodMetrics } from '../../../src/core/statistics/period-metrics';
import { MON, TRADES, WINNERS } from './fixtures';

const net = (rows: { key: string; netProfitCents: number; trades: number }[]) =>
  rows.map((r) => [r.key, r.trades, r.netProfitCents]);

describe('breakdowns', () => {
  it('by weekday of entry, Monday first', () => {
    expect(net(byWeekday(TRADES))).toEqual([
      ['Monday', 2, 500],
      ['Tuesday', 2, 500],
      ['Wednesday', 1, 0],
    ]);
  });
  it('by hour of entry (UTC)', () => {
    expect(net(byHour(TRADES))).toEqual([
      ['09', 3, 750],
      ['14', 1, -500],
      ['15', 1, 750],
    ]);
  });
  it('by side, with win rate and profit factor', () => {
    expect(bySide(TRADES)).toEqual([
      { key: 'BUY', trades: 3, wins: 1, losses: 1, netProfitCents: 750, winRatePct: 33.33, profitFactor: 4 },
      { key: 'SELL', trades: 2, wins: 1, losses: 1, netProfitCents: 250, winRatePct: 50, profitFactor: 1.5 },
    ]);
  });
  it('by tag: a trade counts under each of its tags', () => {
    expect(net(byTag(TRADES))).toEqual([
      ['(untagged)', 2, -250],
      ['breakout', 2, 500],
      ['news', 1, -500],
      ['reversal', 1, 750],
    ]);
  });
  it('empty with no trades', () => {
    expect(byWeekday([])).toEqual([]);
    expect(byTag([])).toEqual([]);
  });
});

describe('period metrics (seed 001 PerformanceMetrics)', () => {
  it('period bounds: UTC day, Monday week, calendar month', () => {
    const wed = MON + 2 * 86_400 + 5;
    expect(periodBounds(wed, 'daily')).toEqual({ start: MON + 2 * 86_400, end: MON + 3 * 86_400 });
    expect(periodBounds(wed, 'weekly')).toEqual({ start: MON, end: MON + 7 * 86_400 });
    expect(periodBounds(wed, 'monthly')).toEqual({ start: MON, end: Date.UTC(2024, 1, 1) / 1000 });
  });
  it('groups trades by closing period with returns from the equity curve', () => {
    const curve = withDrawdown([
      { ts: MON, balanceCents: 100_000, equityCents: 100_000 },
      { ts: MON + 10 * 3600, balanceCents: 101_000, equityCents: 101_000 },
      { ts: MON + 15 * 3600, balanceCents: 100_500, equityCents: 100_500 },
      { ts: MON + 35 * 3600, balanceCents: 100_250, equityCents: 100_250 },
      { ts: MON + 40 * 3600, balanceCents: 101_000, equityCents: 101_000 },
    ]);
    const daily = periodMetrics('daily', TRADES, curve);
    expect(daily.map((d) => [d.totalTrades, d.netProfitCents, d.returnPct, d.maxDrawdownCents])).toEqual([
      [2, 500, 0.5, 500], // Monday: 100,000 -> 100,500; fell 101,000 -> 100,500
      [2, 500, 0.5, 250], // Tuesday: 100,500 -> 101,000; fell 100,500 -> 100,250
      [1, 0, 0, 0], // Wednesday: only the break-even trade
    ]);
    const monthly = periodMetrics('monthly', TRADES, curve);
    expect(monthly).toHaveLength(1);
    expect(monthly[0]).toMatchObject({
      metricType: 'monthly',
      totalTrades: 5,
      winningTrades: 2,
      losingTrades: 2,
      grossProfitCents: 1750,
      grossLossCents: -750,
      netProfitCents: 1000,
      winRatePct: 40,
      profitFactor: 2.33,
      avgWinCents: 875,
      avgLossCents: -375,
      largestWinCents: 1000,
      largestLossCents: -500,
      returnPct: 1,
    });
    expect(periodMetrics('weekly', WINNERS, [])[0]).toMatchObject({ profitFactor: null, returnPct: null });
  });
});
