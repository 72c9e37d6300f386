import { mulberry32 } from '../../src/core/random/mulberry32';

/** Bar columns as the benches feed them to the engine (bid prices, UTC epoch seconds). */
export interface SyntheticBars {
  ts: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/**
 * A seeded random walk of M1 EURUSD bars from 2019-01-02 00:00 UTC: whole points around
 * 1.10000, an occasional opening gap, wicks up to 12 points. The same seed gives the same bars,
 * so every bench (and the C anchor) sees the same market.
 */
export function syntheticBars(count: number, seed = 42): SyntheticBars {
  const random = mulberry32(seed);
  const bars: SyntheticBars = {
    ts: new Float64Array(count),
    open: new Float64Array(count),
    high: new Float64Array(count),
    low: new Float64Array(count),
    close: new Float64Array(count),
    volume: new Float64Array(count),
  };
  let price = 110_000; // points
  let ts = 1_546_387_200;
  for (let i = 0; i < count; i++) {
    const open = price + (random() < 0.01 ? Math.round((random() - 0.5) * 20) : 0);
    const close = open + Math.round((random() - 0.5) * 30);
    const high = Math.max(open, close) + Math.round(random() * 12);
    const low = Math.min(open, close) - Math.round(random() * 12);
    bars.ts[i] = ts;
    bars.open[i] = open / 1e5;
    bars.high[i] = high / 1e5;
    bars.low[i] = low / 1e5;
    bars.close[i] = close / 1e5;
    bars.volume[i] = 1;
    price = close;
    ts += 60;
  }
  return bars;
}
