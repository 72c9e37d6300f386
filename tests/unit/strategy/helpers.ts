import type { InstrumentSpec } from '../../../src/core/execution/instrument';
import type { AccountSettings } from '../../../src/core/execution/types';
import type { Candle } from '../../../src/core/market/candle';
import { mulberry32 } from '../../../src/core/random/mulberry32';
import type { StrategyGraph } from '../../../src/core/strategy';

export const EURUSD: InstrumentSpec = {
  symbol: 'EURUSD',
  digits: 5,
  pipSize: 0.0001,
  contractSize: 100_000,
  baseCurrency: 'EUR',
  quoteCurrency: 'USD',
};

export const ACCOUNT: AccountSettings = {
  currency: 'USD',
  leverage: 100,
  spreadPts: 10,
  slippagePts: 1,
  commissionPerLotCents: 350,
  stopOutPct: 50,
  quoteRate: null,
};

/** A random walk of M1 bars in points, with an occasional gap of missing minutes. */
export function randomBars(count: number, seed = 7, gaps = false): Candle[] {
  const random = mulberry32(seed);
  const out: Candle[] = [];
  let price = 110_000;
  let ts = 1_704_067_200; // 2024-01-01 00:00 UTC
  for (let i = 0; i < count; i++) {
    const open = price + (random() < 0.02 ? Math.round((random() - 0.5) * 20) : 0);
    const close = open + Math.round((random() - 0.5) * 40);
    const high = Math.max(open, close) + Math.round(random() * 15);
    const low = Math.min(open, close) - Math.round(random() * 15);
    out.push({
      ts,
      open: open / 1e5,
      high: high / 1e5,
      low: low / 1e5,
      close: close / 1e5,
      volume: 1 + Math.floor(random() * 100),
    });
    price = close;
    ts += 60 * (gaps && random() < 0.05 ? 1 + Math.floor(random() * 7) : 1);
  }
  return out;
}

/** Fast/slow SMA crossover, always in the market, SL 20 pips, TP 40 pips. */
export function crossoverGraph(fast = 10, slow = 30): StrategyGraph {
  return {
    version: 1,
    timeframe: 'M1',
    params: [
      { name: 'fast', value: fast, optimise: { min: 5, max: 50, step: 5 } },
      { name: 'slow', value: slow },
    ],
    nodes: [
      { id: 'fast', type: 'indicator', indicator: { kind: 'sma', period: { param: 'fast' } } },
      { id: 'slow', type: 'indicator', indicator: { kind: 'sma', period: { param: 'slow' } } },
      { id: 'up', type: 'crosses-above', left: 'fast', right: 'slow' },
      { id: 'down', type: 'crosses-below', left: 'fast', right: 'slow' },
      {
        id: 'buy',
        type: 'enter',
        side: 'long',
        when: 'up',
        order: { type: 'market' },
        size: { lots: 1 },
        stopLoss: { pips: 20 },
        takeProfit: { pips: 40 },
      },
      {
        id: 'sell',
        type: 'enter',
        side: 'short',
        when: 'down',
        order: { type: 'market' },
        size: { lots: 1 },
        stopLoss: { pips: 20 },
        takeProfit: { pips: 40 },
      },
    ],
  };
}
