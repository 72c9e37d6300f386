import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExecutionEngine } from '../../../src/core/execution/engine';
import { barColumns, runBacktest, type StrategyGraph } from '../../../src/core/strategy';
import { ACCOUNT, crossoverGraph, EURUSD, randomBars } from './helpers';

/** Everything the engine holds after a bar: balance, ledger position, orders and positions. */
function snapshot(engine: ExecutionEngine): string {
  return JSON.stringify(engine.exportState());
}

function statesAfterEachBar(
  graph: StrategyGraph,
  bars: ReturnType<typeof randomBars>,
  timeframe: 'M1' | 'M5' | 'M15',
) {
  const states: string[] = [];
  const result = runBacktest({
    graph,
    timeframe,
    baseSeconds: 60,
    bars: barColumns(bars),
    instrument: EURUSD,
    account: ACCOUNT,
    initialBalanceCents: 10_000_000,
    closeAtEnd: false,
    afterBar: (_i, engine) => states.push(snapshot(engine)),
  });
  return { states, result };
}

function richGraph(): StrategyGraph {
  const g = crossoverGraph(5, 12);
  g.nodes.push(
    { id: 'hi', type: 'highest', input: 'high', bars: 10 },
    { id: 'high', type: 'price', field: 'high' },
    { id: 'lo', type: 'lowest', input: 'low', bars: 10 },
    { id: 'low', type: 'price', field: 'low', offset: 2 },
    { id: 'rsi', type: 'indicator', indicator: { kind: 'rsi', period: 7 } },
    { id: 'fifty', type: 'constant', value: 50 },
    { id: 'weak', type: 'compare', op: '<', left: 'rsi', right: 'fifty' },
    { id: 'falling', type: 'falling', input: 'rsi', bars: 2 },
    { id: 'exitLong', type: 'and', inputs: ['weak', 'falling'] },
    { id: 'out', type: 'exit', when: 'exitLong', side: 'long' },
    { id: 'stop', type: 'time-stop', bars: 40 },
  );
  g.nodes[5] = {
    id: 'sell',
    type: 'enter',
    side: 'short',
    when: 'down',
    order: { type: 'stop', offsetPips: 2, validBars: 3 },
    size: { riskPct: 0.5 },
    stopLoss: { price: 'hi' },
    takeProfit: { r: 1.5 },
    breakEvenAtR: 1,
  };
  return g;
}

describe('no look-ahead', () => {
  it('results up to any bar are identical with and without the data after it', () => {
    const graph = richGraph();
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 10_000 }),
        fc.constantFrom('M1' as const, 'M5' as const, 'M15' as const),
        fc.integer({ min: 20, max: 599 }),
        (seed, timeframe, cut) => {
          const bars = randomBars(600, seed, true);
          const full = statesAfterEachBar(graph, bars, timeframe);
          const part = statesAfterEachBar(graph, bars.slice(0, cut + 1), timeframe);
          expect(full.result.trades.length).toBeGreaterThan(0);
          expect(part.states).toEqual(full.states.slice(0, cut + 1));
          const cutTs = bars[cut]!.ts;
          const closedBefore = (t: { closedTs: number }) => t.closedTs <= cutTs;
          expect(part.result.trades.filter(closedBefore)).toEqual(full.result.trades.filter(closedBefore));
        },
      ),
      { numRuns: 40, seed: 16 },
    );
  });
});
