import { describe, expect, it } from 'vitest';
import { tradeExcursion } from '../../../src/core/statistics/excursion';

// EURUSD, 1 lot (100,000 units, quoted in the account's USD): 1.0 of price is USD 100,000, so
// 10,000,000 cents; a point (0.00001) is 100 cents.
const ONE_LOT = 10_000_000;

describe('MAE / MFE', () => {
  it('a long: down to 1.09850 and up to 1.10300 between entry and exit, out at 1.10150', () => {
    const bars = [
      { high: 1.1005, low: 1.0985 },
      { high: 1.103, low: 1.1 },
      { high: 1.102, low: 1.1015 },
    ];
    const x = tradeExcursion({ side: 'BUY', entryBid: 1.1, exitBid: 1.1015 }, bars, ONE_LOT, 20_000);
    // MAE 15 points = 150.00; MFE 30 points = 300.00; risk 200.00; kept 15 of 30 points.
    expect(x).toEqual({
      maePrice: 0.0015,
      mfePrice: 0.003,
      maeCents: 15_000,
      mfeCents: 30_000,
      maeR: 0.75,
      mfeR: 1.5,
      exitEfficiencyPct: 50,
    });
  });

  it('a short mirrors it; without a stop loss there is no R, and a trade that never gained has no efficiency', () => {
    const bars = [{ high: 1.1008, low: 1.1 }];
    const x = tradeExcursion({ side: 'SELL', entryBid: 1.1, exitBid: 1.1008 }, bars, ONE_LOT, null);
    expect(x).toEqual({
      maePrice: 0.0008,
      mfePrice: 0,
      maeCents: 8_000,
      mfeCents: 0,
      maeR: null,
      mfeR: null,
      exitEfficiencyPct: null,
    });
  });
});
