import { describe, expect, it } from 'vitest';
import { maxDrawdownCents } from '../../../src/core/statistics/max-drawdown';
import { profitFactor } from '../../../src/core/statistics/profit-factor';
import { replaySummary } from '../../../src/core/statistics/summary';
import { winRatePct } from '../../../src/core/statistics/win-rate';

const trades = [1000, -500, 250, -250, 0].map((realizedCents, i) => ({ realizedCents, closedTs: i }));

describe('statistics', () => {
  it('win rate counts positive results only', () => {
    expect(winRatePct(trades)).toBe(40);
    expect(winRatePct([])).toBe(null);
  });
  it('profit factor is gross profit / gross loss', () => {
    expect(profitFactor(trades)).toBe(1.67);
    expect(profitFactor([{ realizedCents: 5, closedTs: 0 }])).toBe(null);
  });
  it('max drawdown is the largest fall from a running peak', () => {
    const points = [100, 120, 90, 130, 80, 140].map((balanceCents, ts) => ({ ts, balanceCents }));
    expect(maxDrawdownCents(points)).toBe(50);
  });
  it('net profit leaves out cash moves after the opening deposit', () => {
    const s = replaySummary(trades, [], 1_000_000, 1_060_500, 60_000);
    expect(s).toMatchObject({ trades: 5, wins: 2, losses: 3, netProfitCents: 500 });
  });
});
