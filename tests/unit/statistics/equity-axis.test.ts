import { describe, expect, it } from 'vitest';
import { equityAxisCents } from '../../../src/core/statistics/equity-curve';
import { equitySvg } from '../../../src/main/features/reports/export/html';

describe('the equity chart range', () => {
  it('is whole cents, rounded once, so the app and the HTML export label the same peak', () => {
    // Span 9,861 cents: 5 % is 493.05 cents, a fraction the two sides used to round apart.
    const points = [
      { ts: 1, equityCents: 1_000_000, balanceCents: 1_000_000, drawdownCents: 0, drawdownPct: 0 },
      { ts: 2, equityCents: 1_009_861, balanceCents: 1_000_000, drawdownCents: 0, drawdownPct: 0 },
    ];
    const axis = equityAxisCents(points);
    expect(axis).toEqual({ loCents: 999_507, hiCents: 1_010_354, drawdownMaxCents: 100 });
    // What the app shows: hiCents / 100 with two decimals.
    const appPeak = (axis.hiCents / 100).toFixed(2);
    expect(appPeak).toBe('10103.54');
    expect(equitySvg(points, 'USD')).toContain(`>${appPeak} USD<`);
  });
});
