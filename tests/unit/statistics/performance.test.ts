import { describe, expect, it } from 'vitest';
import { performanceSummary } from '../../../src/core/statistics/performance';
import { allFinite, TRADES, WINNERS } from './fixtures';

describe('performance summary', () => {
  it('an empty session: zeros and nulls, no NaN or Infinity', () => {
    const s = performanceSummary({
      trades: [],
      ledger: [{ seq: 1, ts: 0, type: 'DEPOSIT', amountCents: 1_000_000, balanceAfterCents: 1_000_000 }],
      curve: [],
      initialBalanceCents: 1_000_000,
      finalBalanceCents: 1_000_000,
    });
    expect(allFinite(s)).toBe(true);
    expect(s).toMatchObject({
      trades: 0,
      netProfitCents: 0,
      returnPct: 0,
      winRatePct: null,
      profitFactor: null,
      expectancyCents: null,
      sharpeRatio: null,
      sortinoRatio: null,
      sqn: null,
      recoveryFactor: null,
      maxDrawdownCents: 0,
    });
    expect(JSON.stringify(s)).not.toMatch(/NaN|Infinity/);
  });
  it('all winners: nulls where a loss would divide', () => {
    const s = performanceSummary({
      trades: WINNERS,
      ledger: [{ seq: 1, ts: 0, type: 'DEPOSIT', amountCents: 10_000, balanceAfterCents: 10_000 }],
      curve: [],
      initialBalanceCents: 10_000,
      finalBalanceCents: 10_600,
    });
    expect(allFinite(s)).toBe(true);
    expect(s).toMatchObject({
      wins: 3,
      losses: 0,
      winRatePct: 100,
      profitFactor: null,
      averageLossCents: null,
      largestLossCents: null,
      maxConsecutiveWins: 3,
      expectancyR: 2,
      returnPct: 6,
    });
  });
  it('composes the metrics on the hand-made list', () => {
    const s = performanceSummary({
      trades: TRADES,
      ledger: [{ seq: 1, ts: 0, type: 'DEPOSIT', amountCents: 100_000, balanceAfterCents: 100_000 }],
      curve: [],
      initialBalanceCents: 100_000,
      finalBalanceCents: 101_000,
    });
    expect(s).toMatchObject({
      trades: 5,
      longTrades: 3,
      shortTrades: 2,
      netProfitCents: 1000,
      grossProfitCents: 1750,
      grossLossCents: -750,
      returnPct: 1,
      profitFactor: 2.33,
      expectancyCents: 200,
      expectancyR: 1.3333,
      sqn: 1.1094,
      averageHoldingSeconds: 3360,
      medianHoldingSeconds: 3600,
      tradesWithR: 3,
    });
  });
});
