import { afterEach, describe, expect, it } from 'vitest';
import { callMethod } from '../../../src/main/cli/call';
import { MON, TUE } from './golden';
import { replayGoldenSession } from './golden-session';

const cleanups: (() => void)[] = [];
afterEach(() => {
  while (cleanups.length) cleanups.pop()!();
});

const goldenSession = () => replayGoldenSession(cleanups);

describe('golden session: metrics computed by hand (see golden.ts)', () => {
  it('every metric', async () => {
    const { app, sessionId, out } = await goldenSession();
    expect(out.actions.every((a) => a.ok)).toBe(true);
    const s = await callMethod(app, 'reports:summary', { sessionId });
    expect(s).toMatchObject({
      initialBalanceCents: 1_000_000,
      finalBalanceCents: 1_056_400, // 10,000 + 286 - 114 + 392
      finalEquityCents: 1_056_400,
      netProfitCents: 56_400,
      grossProfitCents: 67_800, // 286 + 392
      grossLossCents: -11_400,
      returnPct: 5.64,
      trades: 3,
      longTrades: 2,
      shortTrades: 1,
      wins: 2,
      losses: 1,
      breakeven: 0,
      winRatePct: 66.67,
      profitFactor: 5.95, // 678 / 114 = 5.947
      expectancyCents: 18_800, // 564 / 3
      averageWinCents: 33_900, // (286 + 392) / 2
      averageLossCents: -11_400,
      largestWinCents: 39_200,
      largestLossCents: -11_400,
      maxConsecutiveWins: 1,
      maxConsecutiveLosses: 1,
      tradesWithR: 2,
      averageR: 1.171, // (1.361905 + 0.98) / 2 = 1.170952
      expectancyR: 1.171,
      sqn: 6.1322, // sqrt(2) * mean / stdev = (a + b) / |a - b| = 2.341905 / 0.381905
      averageHoldingSeconds: 100, // 120, 120, 60
      medianHoldingSeconds: 120,
      costs: { spreadCents: 4000, slippageCents: 0, commissionCents: 1600, totalCents: 5600 },
    });
    // Equity (balance + open positions at each bar close, the exit commission not yet paid):
    //   Mon 00:00 9,988 (9,998 - 10 spread) 00:01 10,188 00:02 10,286 00:03 10,274 00:04 10,074
    //   00:05 10,172; Tue 00:00 10,148 00:01 10,564. Largest fall 10,286 -> 10,074 = 212.00,
    //   2.0611 % of the peak; back above 10,286 on Tuesday 00:01.
    expect(s).toMatchObject({
      maxDrawdownCents: 21_200,
      maxDrawdownPct: 2.06,
      maxDrawdownPeakTs: MON + 120,
      maxDrawdownTroughTs: MON + 240,
      maxDrawdownRecoveredTs: TUE + 60,
      recoveryFactor: 2.66, // 564 / 212
    });
    // Daily returns: Mon 10,172 / 10,000 - 1 = 0.0172; Tue 10,564 / 10,172 - 1 = 0.0385372.
    // Sharpe: mean 0.0278686 / sample stdev 0.0150877 * sqrt(252) = 29.3220. No losing day: no Sortino.
    expect(s.sharpeRatio).toBe(29.322);
    expect(s.sortinoRatio).toBe(null);
    expect(s.bySide.map((r) => [r.key, r.trades, r.netProfitCents])).toEqual([
      ['BUY', 2, 67_800],
      ['SELL', 1, -11_400],
    ]);
    expect(s.byWeekday.map((r) => [r.key, r.trades, r.netProfitCents])).toEqual([
      ['Monday', 2, 17_200],
      ['Tuesday', 1, 39_200],
    ]);
    expect(s.byHour.map((r) => [r.key, r.trades])).toEqual([['00', 3]]);
    expect(s.periods.daily.map((d) => [d.periodStart, d.totalTrades, d.netProfitCents, d.returnPct])).toEqual(
      [
        [MON, 2, 17_200, 1.72],
        [TUE, 1, 39_200, 3.85],
      ],
    );
    expect(s.periods.monthly).toHaveLength(1);
    expect(s.periods.monthly[0]).toMatchObject({ totalTrades: 3, netProfitCents: 56_400, returnPct: 5.64 });
    expect(JSON.stringify(s)).not.toMatch(/NaN|Infinity/);
  });

  it('the replay CLI summary carries the same metrics, and completing the session stored a report', async () => {
    const { app, sessionId, out } = await goldenSession();
    expect(out.summary).toMatchObject({ trades: 3, sqn: 6.1322, sharpeRatio: 29.322, recoveryFactor: 2.66 });
    const reports = await callMethod(app, 'reports:list', { sessionId });
    expect(reports).toHaveLength(1); // stored when the replay reached the end of the data
    const report = await callMethod(app, 'reports:get', { reportId: reports[0]!.id });
    expect(report.summary.netProfitCents).toBe(56_400);
    expect(report.trades.map((t) => [t.side, t.realizedCents, t.riskCents])).toEqual([
      ['BUY', 28_600, 21_000],
      ['SELL', -11_400, null],
      ['BUY', 39_200, 40_000],
    ]);
    expect(report.equityCurve.map((p) => [p.ts - MON, p.equityCents / 100])).toEqual([
      [0, 9_988],
      [60, 10_188],
      [120, 10_286],
      [180, 10_274],
      [240, 10_074],
      [300, 10_172],
      [86_400, 10_148],
      [86_460, 10_564],
      [86_700, 10_564],
    ]);
    expect(report.equityCurve[4]!.drawdownCents).toBe(21_200);
  });

  it('lists reports newest first even when they were made in the same second', async () => {
    const { app, sessionId } = await goldenSession();
    const first = await callMethod(app, 'reports:create', { sessionId });
    const second = await callMethod(app, 'reports:create', { sessionId });
    const listed = (await callMethod(app, 'reports:list', { sessionId })).map((r) => r.id);
    expect(listed.indexOf(second.id)).toBeLessThan(listed.indexOf(first.id));
    expect(listed.indexOf(first.id)).toBeLessThan(listed.length - 1);
  });
});
