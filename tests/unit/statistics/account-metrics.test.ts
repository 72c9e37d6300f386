import { describe, expect, it } from 'vitest';
import { costsPaid } from '../../../src/core/statistics/costs';
import { dailyReturns } from '../../../src/core/statistics/daily-returns';
import { maxDrawdown } from '../../../src/core/statistics/drawdown';
import { downsampleCurve, equityCurve, withDrawdown } from '../../../src/core/statistics/equity-curve';
import { cashFlowCents, netProfitCents } from '../../../src/core/statistics/net-profit';
import { recoveryFactor } from '../../../src/core/statistics/recovery-factor';
import { returnPct } from '../../../src/core/statistics/return-pct';
import { sharpeRatio } from '../../../src/core/statistics/sharpe';
import { sortinoRatio } from '../../../src/core/statistics/sortino';

const DAY = 86_400;

describe('net profit and return', () => {
  it('leaves out cash moves after the opening deposit', () => {
    const ledger = [
      { seq: 1, type: 'DEPOSIT', amountCents: 1_000_000 },
      { seq: 2, type: 'PNL', amountCents: 500 },
      { seq: 3, type: 'DEPOSIT', amountCents: 50_000 },
      { seq: 4, type: 'WITHDRAWAL', amountCents: -10_000 },
    ];
    expect(cashFlowCents(ledger)).toBe(40_000);
    expect(netProfitCents(1_000_000, 1_040_500, 40_000)).toBe(500);
  });
  it('return is net / opening deposit in %', () => {
    expect(returnPct(12_345, 1_000_000)).toBe(1.23);
    expect(returnPct(0, 0)).toBe(null);
  });
});

describe('max drawdown', () => {
  it('is the largest fall from a running peak, with its dates and recovery', () => {
    const points = [100, 120, 90, 130, 80, 140].map((equityCents, ts) => ({ ts, equityCents }));
    // falls: 120 -> 90 (30, 25 %), 130 -> 80 (50, 38.46 %)
    expect(maxDrawdown(points)).toEqual({
      amountCents: 50,
      pct: 38.46,
      peakTs: 3,
      troughTs: 4,
      recoveredTs: 5,
    });
  });
  it('the deepest % can be another fall than the largest in money', () => {
    const points = [100, 50, 1000, 800].map((equityCents, ts) => ({ ts, equityCents }));
    const dd = maxDrawdown(points);
    expect(dd.amountCents).toBe(200); // 1000 -> 800
    expect(dd.pct).toBe(50); // 100 -> 50
    expect(dd.recoveredTs).toBe(null);
  });
  it('is zero with no fall or no points (only winners)', () => {
    expect(maxDrawdown([])).toEqual({
      amountCents: 0,
      pct: 0,
      peakTs: null,
      troughTs: null,
      recoveredTs: null,
    });
    expect(maxDrawdown([1, 2, 3].map((equityCents, ts) => ({ ts, equityCents }))).amountCents).toBe(0);
  });
});

describe('recovery factor', () => {
  it('is net profit / max drawdown', () => {
    expect(recoveryFactor(1000, 400)).toBe(2.5);
    expect(recoveryFactor(-1000, 400)).toBe(-2.5);
  });
  it('is null without a drawdown', () => {
    expect(recoveryFactor(1000, 0)).toBe(null);
  });
});

describe('daily returns, Sharpe and Sortino', () => {
  // Day 11 since the epoch is Monday 1970-01-12. Start 10,000.00; closes Mon 10,100.00 (two
  // points that day), Tue 9,900.00, Wed 10,400.00.
  const points = [
    { ts: 11 * DAY + 100, equityCents: 1_005_000 },
    { ts: 11 * DAY + 200, equityCents: 1_010_000 },
    { ts: 12 * DAY + 100, equityCents: 990_000 },
    { ts: 13 * DAY + 100, equityCents: 1_040_000 },
  ];
  const returns = dailyReturns(points, 1_000_000);
  it('uses the last equity of each day', () => {
    expect(returns.map((r) => r.day)).toEqual([11 * DAY, 12 * DAY, 13 * DAY]);
    expect(returns[0]!.ret).toBeCloseTo(0.01, 12); // 10100 / 10000 - 1
    expect(returns[1]!.ret).toBeCloseTo(-0.019801980198, 10); // 9900 / 10100 - 1
    expect(returns[2]!.ret).toBeCloseTo(0.050505050505, 10); // 10400 / 9900 - 1
  });
  it('a weekday without points is a flat day; a weekend without points is skipped', () => {
    // Fri (day 15) 10,100.00, then Tue (day 19) 10,201.00: Sat, Sun skipped, Mon flat
    const r = dailyReturns(
      [
        { ts: 15 * DAY, equityCents: 1_010_000 },
        { ts: 19 * DAY, equityCents: 1_020_100 },
      ],
      1_000_000,
    );
    expect(r.map((x) => x.day / DAY)).toEqual([15, 18, 19]);
    expect(r[1]!.ret).toBe(0);
    expect(r[2]!.ret).toBeCloseTo(0.01, 12);
    expect(dailyReturns([], 1)).toEqual([]);
  });
  it('Sharpe = mean / sample stdev * sqrt(252), risk-free 0', () => {
    // mean 0.0135677, sample stdev 0.0352890 -> 0.384472 * 15.874508 = 6.1033
    expect(sharpeRatio(returns.map((r) => r.ret))).toBe(6.1033);
  });
  it('Sortino = mean / downside deviation * sqrt(252)', () => {
    // downside deviation sqrt(0.0198020^2 / 3) = 0.0114327 -> 1.186743 * 15.874508 = 18.839
    expect(sortinoRatio(returns.map((r) => r.ret))).toBe(18.839);
  });
  it('are null with fewer than two returns, no variation, or no losing day', () => {
    expect(sharpeRatio([])).toBe(null);
    expect(sharpeRatio([0.01])).toBe(null);
    expect(sharpeRatio([0.01, 0.01])).toBe(null);
    expect(sortinoRatio([0.01, 0.02])).toBe(null);
  });
});

describe('costs paid', () => {
  it('sums SPREAD, SLIPPAGE and COMMISSION entries as positive amounts', () => {
    const ledger = [
      { type: 'DEPOSIT', amountCents: 1_000_000 },
      { type: 'COMMISSION', amountCents: -350 },
      { type: 'PNL', amountCents: 2000 },
      { type: 'SPREAD', amountCents: -1000 },
      { type: 'SLIPPAGE', amountCents: -120 },
      { type: 'COMMISSION', amountCents: -350 },
    ];
    expect(costsPaid(ledger)).toEqual({
      spreadCents: 1000,
      slippageCents: 120,
      commissionCents: 700,
      swapCents: 0,
      totalCents: 1820,
    });
    expect(costsPaid([]).totalCents).toBe(0);
  });
});

describe('equity curve', () => {
  it('has a point per ledger event and per bar close while a position is open', () => {
    const ledger = [
      { ts: 0, balanceAfterCents: 10_000 },
      { ts: 60, balanceAfterCents: 9_990 }, // commission at entry (bar 60)
      { ts: 180, balanceAfterCents: 10_090 }, // closed in bar 180
    ];
    // A long of 100 units opened at bid 1.00 (bar 60), closed in bar 180.
    const position = {
      openedTs: 60,
      closedTs: 180,
      valueAt: (bid: number) => Math.round((bid - 1) * 100 * 100),
    };
    const bars = [0, 60, 120, 180, 240].map((ts, i) => ({ ts, close: [1, 1.01, 0.98, 1.02, 1.02][i]! }));
    const curve = equityCurve(ledger, [position], bars);
    expect(curve.map((p) => [p.ts, p.balanceCents, p.equityCents, p.drawdownCents])).toEqual([
      [0, 10_000, 10_000, 0],
      [60, 9_990, 10_090, 0], // 9,990 + (1.01 - 1) * 100 * 100
      [120, 9_990, 9_790, 300], // 9,990 - 200; peak 10,090
      [180, 10_090, 10_090, 0],
    ]);
    expect(curve[2]!.drawdownPct).toBe(2.97); // 300 / 10,090
  });
  it('is the ledger alone without bars, and empty for an empty ledger', () => {
    expect(equityCurve([{ ts: 5, balanceAfterCents: 100 }], [], []).map((p) => p.equityCents)).toEqual([100]);
    expect(equityCurve([], [], [])).toEqual([]);
  });
  it('downsampling keeps the peak and the trough', () => {
    const raw = Array.from({ length: 10_000 }, (_, i) => ({
      ts: i,
      balanceCents: 0,
      equityCents: i === 5000 ? -999 : i === 7000 ? 99_999 : i,
    }));
    const small = downsampleCurve(withDrawdown(raw), 400);
    expect(small.length).toBeLessThanOrEqual(404);
    expect(small.some((p) => p.equityCents === -999)).toBe(true);
    expect(small.some((p) => p.equityCents === 99_999)).toBe(true);
  });
});
