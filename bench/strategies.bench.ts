/**
 * Strategies benchmark (issue 16): a two-indicator crossover strategy (SMA(20) / SMA(50), SL 20
 * pips, TP 40 pips, 1 lot, always in the market) over 1,000,000 synthetic M1 EURUSD bars, once
 * as a graph through the evaluator and the headless backtest runner (trades, ledger, equity
 * curve and every metric included), once as a hand-written loop on the bare engine. One core,
 * this thread. Prints figures; passes or fails nothing. Target: >= 3 M bars/s for the strategy.
 */
import { loadavg } from 'node:os';
import { ExecutionEngine } from '../src/core/execution/engine';
import type { InstrumentSpec } from '../src/core/execution/instrument';
import type { AccountSettings } from '../src/core/execution/types';
import type { Candle } from '../src/core/market/candle';
import { type BarColumns, compileStrategy, runBacktest, type StrategyGraph } from '../src/core/strategy';
import { syntheticBars } from './anchors/synthetic-bars';

const EURUSD: InstrumentSpec = {
  symbol: 'EURUSD',
  digits: 5,
  pipSize: 0.0001,
  contractSize: 100_000,
  baseCurrency: 'EUR',
  quoteCurrency: 'USD',
};
const ACCOUNT: AccountSettings = {
  currency: 'USD',
  leverage: 100,
  spreadPts: 10,
  slippagePts: 0,
  commissionPerLotCents: 350,
  stopOutPct: 50,
  quoteRate: null,
};

const graph: StrategyGraph = {
  version: 1,
  timeframe: 'M1',
  params: [],
  nodes: [
    { id: 'fast', type: 'indicator', indicator: { kind: 'sma', period: 20 } },
    { id: 'slow', type: 'indicator', indicator: { kind: 'sma', period: 50 } },
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

/** CPU seconds of this process: on a shared machine, wall time measures the neighbours too. */
function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

function strategyRun(bars: BarColumns) {
  const t0 = cpuSeconds();
  const result = runBacktest({
    graph,
    baseSeconds: 60,
    bars,
    instrument: EURUSD,
    account: ACCOUNT,
    initialBalanceCents: 100_000_000,
  });
  return { seconds: cpuSeconds() - t0, trades: result.trades.length };
}

/** The evaluator alone on the engine, as the runner drives it but with nothing collected. */
function evaluatorRun(bars: BarColumns) {
  let n = 0;
  const engine = new ExecutionEngine({ instrument: EURUSD, account: ACCOUNT, newId: () => `e${++n}` });
  engine.trackChanges = false;
  engine.cashEntry('DEPOSIT', 100_000_000);
  let trades = 0;
  engine.onClose = () => {
    trades++;
  };
  const strategy = compileStrategy(graph, engine);
  const bar: Candle = { ts: 0, open: 0, high: 0, low: 0, close: 0, volume: 0 };
  const count = bars.close.length;
  const t0 = cpuSeconds();
  for (let i = 0; i < count; i++) {
    bar.ts = bars.ts[i]!;
    bar.open = bars.open[i]!;
    bar.high = bars.high[i]!;
    bar.low = bars.low[i]!;
    bar.close = bars.close[i]!;
    bar.volume = bars.volume[i]!;
    engine.processBar(bar.ts, bar.open, bar.high, bar.low, bar.close);
    strategy.onBarClose(bar);
  }
  return { seconds: cpuSeconds() - t0, trades };
}

/** The same rules by hand on the bare engine (no change tracking, no report): the anchor. */
function bareRun(bars: BarColumns) {
  let n = 0;
  const engine = new ExecutionEngine({ instrument: EURUSD, account: ACCOUNT, newId: () => `b${++n}` });
  engine.trackChanges = false;
  engine.cashEntry('DEPOSIT', 100_000_000);
  let trades = 0;
  engine.onClose = () => {
    trades++;
  };
  const count = bars.close.length;
  let sumFast = 0;
  let sumSlow = 0;
  let prevDiff = 0;
  const t0 = cpuSeconds();
  for (let i = 0; i < count; i++) {
    engine.processBar(bars.ts[i]!, bars.open[i]!, bars.high[i]!, bars.low[i]!, bars.close[i]!);
    const c = bars.close[i]!;
    sumFast += c;
    sumSlow += c;
    if (i >= 20) sumFast -= bars.close[i - 20]!;
    if (i >= 50) sumSlow -= bars.close[i - 50]!;
    if (i < 50) continue;
    const diff = sumFast / 20 - sumSlow / 50;
    if (prevDiff <= 0 && diff > 0 && !engine.open.some((p) => p.side === 'BUY')) {
      engine.closeAll();
      engine.placeOrder({ side: 'BUY', type: 'MARKET', lots: 1, slPips: 20, tpPips: 40 });
    } else if (prevDiff >= 0 && diff < 0 && !engine.open.some((p) => p.side === 'SELL')) {
      engine.closeAll();
      engine.placeOrder({ side: 'SELL', type: 'MARKET', lots: 1, slPips: 20, tpPips: 40 });
    }
    prevDiff = diff;
  }
  return { seconds: cpuSeconds() - t0, trades };
}

export async function main(): Promise<void> {
  const count = 1_000_000;
  const bars = syntheticBars(count);
  // Warm-up, so both measure optimised code.
  strategyRun(syntheticBars(100_000, 7));
  evaluatorRun(syntheticBars(100_000, 7));
  bareRun(syntheticBars(100_000, 7));
  const best = <T extends { seconds: number }>(f: () => T): T => {
    let out = f();
    for (let k = 0; k < 2; k++) {
      const next = f();
      if (next.seconds < out.seconds) out = next;
    }
    return out;
  };
  const load0 = loadavg()[0]!.toFixed(1);
  const strategy = best(() => strategyRun(bars));
  const evaluator = best(() => evaluatorRun(bars));
  const bare = best(() => bareRun(bars));
  const rate = (s: { seconds: number }) => count / s.seconds / 1e6;
  const line = (label: string, s: { seconds: number; trades: number }) =>
    console.log(`${label.padEnd(56)} ${rate(s).toFixed(2)} M bars/s, ${s.trades} trades`);
  console.log(
    `bars per CPU second, best of 3 after a warm-up; load average ${load0} -> ${loadavg()[0]!.toFixed(1)}`,
  );
  line('crossover graph, backtest runner (trades, ledger, curve, metrics):', strategy);
  line('crossover graph, evaluator on the engine alone:', evaluator);
  line('same rules by hand on the bare engine:', bare);
  console.log(
    `evaluator / bare engine: ${(rate(evaluator) / rate(bare)).toFixed(2)} (target: >= 3 M bars/s)`,
  );
}
