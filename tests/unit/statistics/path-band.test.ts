import { describe, expect, it } from 'vitest';
import { pathBand } from '../../../src/core/statistics/path-band';
import { MON, trade } from './fixtures';

describe('path band: what the flagged trades could have been', () => {
  it('moves each flagged trade to its worst, then its best outcome; the others keep theirs', () => {
    const trades = [
      trade(1_000, MON, 60),
      // Stopped out in a bar that also reached its take profit (+8.00 there).
      trade(-500, MON + 60, 60, { pathDependent: true, pathWorstCents: -500, pathBestCents: 800 }),
      // Took profit in a bar that also reached its stop (-4.00 there).
      trade(300, MON + 120, 60, { pathDependent: true, pathWorstCents: -400, pathBestCents: 300 }),
    ];
    const band = pathBand(trades, 800);
    expect(band.flaggedTrades).toBe(2);
    // Worst: 1000 - 500 - 400 = 100; best: 1000 + 800 + 300 = 2100.
    expect(band.netProfitCents).toEqual({ worst: 100, best: 2_100 });
    expect(band.winRatePct).toEqual({ worst: 33.33, best: 100 });
    // Worst: 1000 won / 900 lost; best: nothing lost, no ratio.
    expect(band.profitFactor).toEqual({ worst: 1.11, best: null });
    expect(band.expectancyCents).toEqual({ worst: 33, best: 700 });
  });

  it('is the result itself when nothing is flagged, and a side without a level stays as it was', () => {
    expect(pathBand([trade(1_000, MON, 60)], 1_000)).toMatchObject({
      flaggedTrades: 0,
      netProfitCents: { worst: 1_000, best: 1_000 },
    });
    const noTp = trade(-500, MON, 60, { pathDependent: true, pathWorstCents: -500, pathBestCents: null });
    expect(pathBand([noTp], -500).netProfitCents).toEqual({ worst: -500, best: -500 });
  });
});
