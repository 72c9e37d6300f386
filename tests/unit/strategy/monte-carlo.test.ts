import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../src/core/random/mulberry32';
import { MONTE_CARLO_PERCENTILES, monteCarlo, percentileOf } from '../../../src/core/strategy/monte-carlo';

const TRADES = [5000, -2000, -3000, 4000, -1000, -6000, 7000, 2000, -2500, 1500];
const base = { tradeCents: TRADES, initialCents: 100_000, paths: 2000, ruinCents: 90_000 };

describe('Monte Carlo on closed trades', () => {
  it('reads the actual order: final equity, max drawdown from the peak, ruin', () => {
    const r = monteCarlo({ ...base, paths: 0, mode: 'reshuffle', random: mulberry32(1) });
    // Peak 105,000 after the first trade; low 97,000 after the sixth: 8,000 down from it.
    expect(r.actual).toEqual({
      finalEquityCents: 105_000,
      maxDrawdownCents: 8_000,
      maxDrawdownPct: (8_000 / 105_000) * 100,
      ruined: false,
    });
    expect(r.ruinProbability).toBe(0);
  });

  it('reshuffling keeps the final equity and spreads the drawdown', () => {
    const r = monteCarlo({ ...base, mode: 'reshuffle', random: mulberry32(7) });
    expect(new Set(r.finalEquityCents)).toEqual(new Set([105_000]));
    const dd = r.maxDrawdownCents;
    expect(dd).toEqual([...dd].sort((a, b) => a - b));
    // No order loses more than all the losses (14,500) or less than the largest one (6,000).
    expect(dd.at(-1)!).toBeLessThanOrEqual(14_500);
    expect(dd[0]!).toBeGreaterThanOrEqual(6_000);
    expect(dd[0]).toBeLessThan(dd.at(-1)!);
    // Ruin (10,000 below the start) needs the losses bunched early: some paths, not all.
    expect(r.ruinProbability).toBeGreaterThan(0);
    expect(r.ruinProbability).toBeLessThan(1);
    expect(dd).toHaveLength(MONTE_CARLO_PERCENTILES.length);
  });

  it('resampling varies the final equity, and one seed replays exactly', () => {
    const a = monteCarlo({ ...base, mode: 'resample', random: mulberry32(3) });
    const b = monteCarlo({ ...base, mode: 'resample', random: mulberry32(3) });
    expect(a).toEqual(b);
    expect(a.finalEquityCents[0]).toBeLessThan(a.finalEquityCents.at(-1)!);
    expect(a.trades).toBe(10);
    expect(a.paths).toBe(2000);
  });

  it('takes nearest-rank percentiles', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    expect(percentileOf(sorted, 1)).toBe(1);
    expect(percentileOf(sorted, 50)).toBe(5);
    expect(percentileOf(sorted, 95)).toBe(10);
    expect(percentileOf([], 50)).toBeNaN();
  });
});
