/**
 * Optimisation benchmark (issue 16): 200 parameter sets of an SMA crossover (fast 5-100 by 5 x
 * slow 110-200 by 10, deciding at M15 closes, SL 20 / TP 40 pips) over 1,000,000 synthetic M1
 * EURUSD bars, on the app's piscina pool (pool.ts, the backtest worker's code) with one thread,
 * then two. Target: >= 1.7x from one to two threads.
 *
 * The machine is shared, so beside the wall times it prints the CPU time the process got
 * (process.cpuUsage counts every thread) and the parallelism achieved (CPU s / wall s): a
 * speedup short of 1.7x with a parallelism short of 2 means the second core was busy with
 * someone else's work, not that the pool serialised. Environment: OPT_SETS (<= 200), OPT_BARS,
 * OPT_ROUNDS (medians over rounds, the thread counts alternating). Passes or fails nothing.
 */
import { setMaxListeners } from 'node:events';
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import type { BarColumns } from '../src/core/strategy/backtest';
import type { StrategyGraph } from '../src/core/strategy/graph';
import { gridSets, optimisableParams } from '../src/core/strategy/optimise';
import type { BacktestJobInput } from '../src/main/features/strategies/job';
import { createOptimisePool } from '../src/main/features/strategies/pool';
import { syntheticBars } from './anchors/synthetic-bars';

const SETS = Number(process.env.OPT_SETS ?? 200);
const BARS = Number(process.env.OPT_BARS ?? 1_000_000);
const ROUNDS = Number(process.env.OPT_ROUNDS ?? 1);

const graph: StrategyGraph = {
  version: 1,
  timeframe: 'M15',
  params: [
    { name: 'fast', value: 10, optimise: { min: 5, max: 100, step: 5 } },
    { name: 'slow', value: 150, optimise: { min: 110, max: 200, step: 10 } },
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

function sharedColumns(count: number): BarColumns {
  const src = syntheticBars(count);
  const copy = (a: Float64Array) => {
    const out = new Float64Array(new SharedArrayBuffer(a.length * 8));
    out.set(a);
    return out;
  };
  return {
    ts: copy(src.ts),
    open: copy(src.open),
    high: copy(src.high),
    low: copy(src.low),
    close: copy(src.close),
    volume: copy(src.volume),
  };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

interface Round {
  wallS: number;
  cpuS: number;
  loadBefore: number;
  loadAfter: number;
  trades: number;
}

async function round(threads: number, bars: BarColumns, sets: Record<string, number>[]): Promise<Round> {
  const pool = createOptimisePool(threads, false);
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const signal = new AbortController().signal;
  setMaxListeners(sets.length + threads + 10, signal);
  const input = (params: Record<string, number>): BacktestJobInput => ({
    graph,
    params,
    baseSeconds: 60,
    bars,
    instrument: {
      symbol: 'EURUSD',
      digits: 5,
      pipSize: 0.0001,
      contractSize: 100_000,
      baseCurrency: 'EUR',
      quoteCurrency: 'USD',
    },
    account: {
      currency: 'USD',
      leverage: 100,
      spreadPts: 10,
      slippagePts: 0,
      commissionPerLotCents: 350,
      stopOutPct: 50,
      quoteRate: null,
    },
    initialBalanceCents: 100_000_000,
  });
  try {
    // Every thread started, its code loaded and the engine compiled by the JIT before the clock runs.
    await Promise.all(
      Array.from({ length: threads }, () =>
        pool.run(
          { input: input(sets[0]!), from: 0, to: Math.min(BARS, 50_000), flag, withCurve: false },
          signal,
        ),
      ),
    );
    const loadBefore = loadavg()[0]!;
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const results = await Promise.all(
      sets.map((params) =>
        pool.run({ input: input(params), from: 0, to: BARS, flag, withCurve: false }, signal),
      ),
    );
    const wallS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    return {
      wallS,
      cpuS: (cpu.user + cpu.system) / 1e6,
      loadBefore,
      loadAfter: loadavg()[0]!,
      trades: results.reduce((n, r) => n + r.metrics.trades, 0),
    };
  } finally {
    await pool.destroy();
  }
}

export async function main(): Promise<void> {
  const sets = gridSets(optimisableParams(graph)).slice(0, SETS);
  const bars = sharedColumns(BARS);
  console.log(
    `${sets.length} parameter sets x ${BARS.toLocaleString('en-US')} M1 bars (M15 decisions), ${ROUNDS} round(s); load average at start ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
  const by: Record<number, Round[]> = { 1: [], 2: [] };
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate which goes first, so a change in the machine's load does not favour one.
    for (const threads of r % 2 === 0 ? [1, 2] : [2, 1]) {
      const x = await round(threads, bars, sets);
      by[threads]!.push(x);
      console.log(
        `  round ${r + 1}, ${threads} thread(s): wall ${x.wallS.toFixed(1)} s, CPU ${x.cpuS.toFixed(1)} s, ` +
          `parallelism ${(x.cpuS / x.wallS).toFixed(2)}, ${(sets.length / x.wallS).toFixed(2)} sets/s, ` +
          `${((sets.length * BARS) / x.wallS / 1e6).toFixed(2)} M bars/s, load ${x.loadBefore.toFixed(2)} -> ${x.loadAfter.toFixed(2)}, trades ${x.trades}`,
      );
    }
  }
  const one = by[1]!;
  const two = by[2]!;
  const w1 = median(one.map((x) => x.wallS));
  const w2 = median(two.map((x) => x.wallS));
  const c1 = median(one.map((x) => x.cpuS));
  const c2 = median(two.map((x) => x.cpuS));
  console.log(
    `median wall: 1 thread ${w1.toFixed(1)} s | 2 threads ${w2.toFixed(1)} s | speedup ${(w1 / w2).toFixed(2)}x (target >= 1.7x)`,
  );
  console.log(
    `median CPU:  1 thread ${c1.toFixed(1)} s | 2 threads ${c2.toFixed(1)} s (same work: ${((c2 / c1) * 100).toFixed(0)} % of the 1-thread CPU)`,
  );
  console.log(
    `parallelism achieved: 1 thread ${(c1 / w1).toFixed(2)}, 2 threads ${(c2 / w2).toFixed(2)} of 2 cores`,
  );
  // With the same CPU per set, two free cores would give 2 x (c1 / c2); a model, labelled as one.
  console.log(`projected speedup on two idle cores (2 x CPU(1) / CPU(2)): ${((2 * c1) / c2).toFixed(2)}x`);
}
